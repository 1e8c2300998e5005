"""jupyter-config/ (used by `make lab` and the browser tests) names only settings that exist.

Jupyter silently ignores a misspelt setting, so a typo would quietly switch privacy off.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
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
    from jupyter_server.services.kernels.kernelmanager import MappingKernelManager
    from jupyterlab.labapp import LabApp

    from jupyter_client.manager import KernelManager
    from jupyter_lsp import LanguageServerManager
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
        "MappingKernelManager": MappingKernelManager,
        "LanguageServerManager": LanguageServerManager,
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
    from jupyterlab_server.config import get_federated_extensions

    from jupyterlab.labapp import LabApp

    disabled = json.loads((CONFIG_DIR / "labconfig" / "page_config.json").read_text())["disabledExtensions"]
    assert disabled == {
        "@jupyterlab/apputils-extension:announcements": True,
        "@jupyterlab/extensionmanager-extension:plugin": True,
        "@jupyter/nbgrader": True,  # learners; `make lab TRAINER=1` re-enables it (jupyter-config/trainer)
    }
    bundle = "".join(p.read_text(encoding="utf-8", errors="replace") for p in (Path(get_app_dir()) / "static").glob("*.js"))
    installed = get_federated_extensions(LabApp().labextensions_path)  # prebuilt extensions, by package name
    missing = [plugin for plugin in disabled if f'"{plugin}"' not in bundle and plugin not in installed]
    assert not missing, f"page_config.json disables plugins this JupyterLab does not have: {missing}"


def test_trainer_page_config_re_enables_exactly_what_learners_do_not_see():
    """JUPYTER_CONFIG_PATH comes before JUPYTER_CONFIG_DIR in Jupyter's config path, so for labconfig
    it wins (checked in a browser by tests/browser/test_lab_modes.py)."""
    trainer = json.loads((CONFIG_DIR / "trainer" / "labconfig" / "page_config.json").read_text())
    assert trainer == {"disabledExtensions": {"@jupyter/nbgrader": False}}
    assert sorted(p.name for p in (CONFIG_DIR / "trainer").rglob("*") if p.is_file()) == ["page_config.json"]  # no other setting differs


def test_files_deleted_in_jupyterlab_do_not_go_to_the_trash():
    """A learner who deletes a saved plan must not leave it recoverable in the desktop trash."""
    from jupyter_server.serverapp import ServerApp

    server = ServerApp(config=load_server_config())
    # The contents manager JupyterLab actually uses (a subclass of FileContentsManager).
    assert server.contents_manager_class(config=server.config).delete_to_trash is False


@dataclass
class RunningServer:
    """A Jupyter server started with the project's config, and its REST API."""

    url: str
    root: Path
    runtime: Path
    process: subprocess.Popen

    def api(self, method: str, path: str, body: dict | None = None):
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(f"{self.url}/api/{path}?token=t", data=data, method=method, headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=60) as response:
            return json.load(response)


@contextmanager
def jupyter_server(root: Path) -> Iterator[RunningServer]:
    """`jupyter server` with JUPYTER_CONFIG_DIR=jupyter-config, serving `root`, token "t"."""
    runtime = Path(tempfile.mkdtemp(prefix="rt", dir="/tmp"))  # short: socket paths are limited to ~100 bytes
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "JUPYTER_CONFIG_DIR": str(CONFIG_DIR), "JUPYTER_RUNTIME_DIR": str(runtime)}
    process = subprocess.Popen(
        [sys.executable, "-m", "jupyter", "server", f"--port={port}", "--ServerApp.token=t", "--no-browser", "--allow-root", f"--ServerApp.root_dir={root}"],
        cwd=root, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    server = RunningServer(url=f"http://127.0.0.1:{port}", root=root, runtime=runtime, process=process)
    try:
        for _ in range(240):
            try:
                server.api("GET", "status")
                break
            except OSError:
                time.sleep(0.5)
        yield server
    finally:
        process.terminate()
        process.wait(timeout=30)


@pytest.mark.skipif(os.name != "posix", reason="IPC sockets are a POSIX feature")
def test_kernels_talk_over_ipc_sockets_and_listen_on_tcp_only_for_subprocess_output_on_loopback(tmp_path):
    """What the README says about kernels. Start the server with the project's config and a kernel
    through its REST API: the connection file says ipc, with sockets in the runtime folder, and the
    kernel answers over them. Its only TCP socket is ipykernel's pipe for output of subprocesses it
    forks (bound to 127.0.0.1 by ipykernel, with no setting to change it)."""
    import psutil

    with jupyter_server(tmp_path) as server:
        kernel = server.api("POST", "kernels", {})
        connection_file = server.runtime / f"kernel-{kernel['id']}.json"
        connection = json.loads(connection_file.read_text())
        # Talk to the kernel the way the server does: over the sockets named in its connection file.
        from jupyter_client import BlockingKernelClient

        client = BlockingKernelClient(connection_file=str(connection_file))
        client.load_connection_file()
        client.start_channels()
        client.wait_for_ready(timeout=60)
        printed = []
        code = "from ipykernel.kernelapp import IPKernelApp\nprint(6 * 7, IPKernelApp.instance().iopub_thread._pipe_port)"
        client.execute_interactive(code, timeout=60, output_hook=lambda m: printed.append(m["content"].get("text")))
        client.stop_channels()
        (process,) = [p for p in psutil.Process(server.process.pid).children(recursive=True) if kernel["id"] in " ".join(p.cmdline())]
        tcp = process.net_connections(kind="inet")
    answer, pipe_port = "".join(filter(None, printed)).split()
    assert answer == "42"
    assert connection["transport"] == "ipc"
    assert connection["ip"].startswith(str(server.runtime))
    assert [(c.status, c.laddr.ip, c.laddr.port) for c in tcp] == [(psutil.CONN_LISTEN, "127.0.0.1", int(pipe_port))]


def notebook_with_outputs(source: str = "my_progress()") -> dict:
    """A notebook as JupyterLab sends it after Run All: an output, a count and widget state."""
    import nbformat.v4 as v4

    cell = v4.new_code_cell(source, execution_count=3, outputs=[
        v4.new_output("stream", text="2 answers recorded. To revisit: 3.4-tear-gas\n"),
        v4.new_output("display_data", data={"application/vnd.jupyter.widget-view+json": {"model_id": "abc", "version_major": 2, "version_minor": 0}}),
    ])
    widget_state = {"application/vnd.jupyter.widget-state+json": {"state": {"abc": {"state": {"value": "2 answers recorded"}}}, "version_major": 2, "version_minor": 0}}
    return v4.new_notebook(cells=[v4.new_markdown_cell("# Final remarks"), cell], metadata={"widgets": widget_state})


def outputs_in(path: Path) -> list:
    """Everything in a saved notebook that could tell what was answered."""
    notebook = json.loads(path.read_text(encoding="utf-8"))
    code = [cell for cell in notebook["cells"] if cell["cell_type"] == "code"]
    return [cell["outputs"] for cell in code if cell["outputs"]] + [cell["execution_count"] for cell in code if cell["execution_count"] is not None] + (
        ["widget state"] if "widgets" in notebook["metadata"] else []
    )


def test_course_notebooks_are_saved_without_outputs_and_so_are_their_checkpoints(tmp_path):
    """`hrdtrain erase` must not leave my_progress() output on disk: a notebook under notebooks/
    saved through the server (as JupyterLab saves) has no outputs, nor has its checkpoint, nor
    does a learner who reopens it get stale widget outputs. exercises/ keeps its outputs."""
    (tmp_path / "notebooks" / ".ipynb_checkpoints").mkdir(parents=True)
    (tmp_path / "exercises").mkdir()
    # A checkpoint written before this rule (or before an erase) still holds the learner's output.
    old_checkpoint = tmp_path / "notebooks" / ".ipynb_checkpoints" / "07_final_remarks-checkpoint.ipynb"
    old_checkpoint.write_text(json.dumps(notebook_with_outputs("my_progress()  # older text")), encoding="utf-8")
    os.utime(old_checkpoint, (1_700_000_000, 1_700_000_000))
    with jupyter_server(tmp_path) as server:
        for path in ("notebooks/07_final_remarks.ipynb", "notebooks/new.ipynb", "exercises/03_police.ipynb"):
            server.api("PUT", f"contents/{path}", {"type": "notebook", "format": "json", "content": notebook_with_outputs()})
        server.api("POST", "contents/notebooks/new.ipynb/checkpoints")  # "Save and create checkpoint"
        reopened = server.api("GET", "contents/notebooks/07_final_remarks.ipynb")["content"]
    checkpoints = tmp_path / "notebooks" / ".ipynb_checkpoints"
    assert outputs_in(tmp_path / "notebooks" / "07_final_remarks.ipynb") == []
    assert outputs_in(tmp_path / "notebooks" / "new.ipynb") == []
    assert outputs_in(checkpoints / "new-checkpoint.ipynb") == []
    assert outputs_in(old_checkpoint) == []
    assert "# older text" in old_checkpoint.read_text(encoding="utf-8")  # its text is still what "Revert" restores
    assert old_checkpoint.stat().st_mtime == 1_700_000_000
    assert [cell["outputs"] for cell in reopened["cells"] if cell["cell_type"] == "code"] == [[]]
    assert "widgets" not in reopened["metadata"]
    assert len(outputs_in(tmp_path / "exercises" / "03_police.ipynb")) == 3  # graded work keeps outputs, count, widgets


def test_voila_uses_the_offline_template_and_that_template_exists():
    """`make quiz` must not fetch Voilà's CDN stylesheets: the browser test checks the page; this
    checks the pieces it rests on."""
    config = load_config("voila.py")
    assert config.VoilaConfiguration.template == "offline"
    assert config.Voila.ip == "127.0.0.1"
    template = CONFIG_DIR / "data" / "voila" / "templates" / "offline"
    assert json.loads((template / "conf.json").read_text())["base_template"] == "lab"
    assert "fontawesome" in (template / "index.html.j2").read_text()


def test_voila_requires_a_token_serves_only_local_host_names_and_stops_abandoned_kernels():
    """What tests/test_quiz_server.py checks on a running server, as settings."""
    from voila.app import Voila

    config = load_config("voila.py")
    voila = Voila(config=config)  # validates each value against its trait
    assert voila.auto_token is True and voila.token is None  # a fresh random token each start
    assert voila.tornado_settings["allow_remote_access"] is False
    assert voila.tornado_settings["local_hostnames"] == ["localhost"]
    assert config.MappingKernelManager.cull_idle_timeout > 0
    assert "cull_connected" not in config.MappingKernelManager  # a kernel with its page open is never stopped
