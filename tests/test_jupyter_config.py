"""jupyter-config/ (used by `make lab` and the browser tests) names only settings that exist.

Jupyter silently ignores a misspelt setting, so a typo would quietly switch privacy off.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from traitlets.config import PyFileConfigLoader

CONFIG_DIR = Path(__file__).resolve().parents[1] / "jupyter-config"


def load_config(filename: str):
    return PyFileConfigLoader(filename, path=str(CONFIG_DIR)).load_config()


def load_server_config():
    return load_config("jupyter_server_config.py")


def configurable_classes():
    from IPython.core.history import HistoryManager
    from jupyter_server.serverapp import ServerApp
    from jupyter_server.services.contents.filemanager import FileContentsManager
    from jupyterlab.labapp import LabApp

    from jupyter_client.manager import KernelManager
    from voila.app import Voila
    from voila.configuration import VoilaConfiguration

    return {
        "Voila": Voila,
        "VoilaConfiguration": VoilaConfiguration,
        "ServerApp": ServerApp,
        "LabApp": LabApp,
        "HistoryManager": HistoryManager,
        "FileContentsManager": FileContentsManager,
        "KernelManager": KernelManager,
    }


@pytest.mark.parametrize("filename", ["jupyter_server_config.py", "ipython_kernel_config.py", "voila.py"])
def test_every_setting_names_an_existing_configurable_trait(filename):
    classes = configurable_classes()
    problems = []
    for section, values in load_config(filename).items():
        cls = classes.get(section)
        if cls is None:
            problems.append(f"{section}: not a class this test knows (add it to configurable_classes)")
            continue
        traits = cls.class_traits(config=True)
        problems += [f"{section}.{name}: no such setting" for name in values if name not in traits]
    assert not problems, f"jupyter-config/{filename}:\n" + "\n".join(problems)


def test_kernel_settings_keep_no_history_file():
    assert load_config("ipython_kernel_config.py").HistoryManager.enabled is False


def test_server_settings_keep_the_course_offline_and_local():
    from jupyterlab import NeverCheckForUpdate
    from jupyterlab.labapp import LabApp

    config = load_server_config()
    lab = LabApp(config=config)  # validates each value against its trait
    assert config.ServerApp.ip == "127.0.0.1"
    assert lab.check_for_updates_class is NeverCheckForUpdate
    assert lab.news_url is None
    assert lab.extension_manager == "readonly"


def test_page_config_disables_plugins_that_exist_in_this_jupyterlab():
    from jupyterlab.commands import get_app_dir

    disabled = json.loads((CONFIG_DIR / "labconfig" / "page_config.json").read_text())["disabledExtensions"]
    assert disabled == {
        "@jupyterlab/apputils-extension:announcements": True,
        "@jupyterlab/extensionmanager-extension:plugin": True,
    }
    bundle = "".join(p.read_text(encoding="utf-8", errors="replace") for p in (Path(get_app_dir()) / "static").glob("*.js"))
    missing = [plugin for plugin in disabled if f'"{plugin}"' not in bundle]
    assert not missing, f"page_config.json disables plugins this JupyterLab does not have: {missing}"


def test_files_deleted_in_jupyterlab_do_not_go_to_the_trash():
    """A learner who deletes a saved plan must not leave it recoverable in the desktop trash."""
    from jupyter_server.serverapp import ServerApp

    server = ServerApp(config=load_server_config())
    # The contents manager JupyterLab actually uses (a subclass of FileContentsManager).
    assert server.contents_manager_class(config=server.config).delete_to_trash is False


@pytest.mark.skipif(os.name != "posix", reason="IPC sockets are a POSIX feature")
def test_kernels_started_by_the_server_talk_over_ipc_sockets_not_tcp_ports(tmp_path):
    """Start the server with the project's config, start a kernel through its REST API, and check
    the kernel's connection file: transport ipc, sockets in the runtime folder, and it answers."""
    import socket
    import subprocess
    import sys
    import tempfile
    import time
    import urllib.request

    runtime = Path(tempfile.mkdtemp(prefix="rt", dir="/tmp"))  # short: socket paths are limited to ~100 bytes
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "JUPYTER_CONFIG_DIR": str(CONFIG_DIR), "JUPYTER_RUNTIME_DIR": str(runtime)}
    server = subprocess.Popen(
        [sys.executable, "-m", "jupyter", "server", f"--port={port}", "--ServerApp.token=t", "--no-browser", "--allow-root"],
        cwd=tmp_path, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}/api/kernels"
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(f"{base}?token=t", timeout=5)
                break
            except OSError:
                time.sleep(0.5)
        request = urllib.request.Request(f"{base}?token=t", data=b"{}", method="POST", headers={"Content-Type": "application/json"})
        kernel = json.load(urllib.request.urlopen(request, timeout=60))
        connection_file = runtime / f"kernel-{kernel['id']}.json"
        connection = json.loads(connection_file.read_text())
        # Talk to the kernel the way the server does: over the sockets named in its connection file.
        from jupyter_client import BlockingKernelClient

        client = BlockingKernelClient(connection_file=str(connection_file))
        client.load_connection_file()
        client.start_channels()
        client.wait_for_ready(timeout=60)
        printed = []
        client.execute_interactive("print(6 * 7)", timeout=60, output_hook=lambda m: printed.append(m["content"].get("text")))
        client.stop_channels()
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert "42\n" in printed
    assert connection["transport"] == "ipc"
    assert connection["ip"].startswith(str(runtime))


def test_voila_uses_the_offline_template_and_that_template_exists():
    """`make quiz` must not fetch Voilà's CDN stylesheets: the browser test checks the page; this
    checks the pieces it rests on."""
    config = load_config("voila.py")
    assert config.VoilaConfiguration.template == "offline"
    assert config.Voila.ip == "127.0.0.1"
    template = CONFIG_DIR / "data" / "voila" / "templates" / "offline"
    assert json.loads((template / "conf.json").read_text())["base_template"] == "lab"
    assert "fontawesome" in (template / "index.html.j2").read_text()
