"""What `hrdtrain start` decides by operating system, with each system simulated here: the kernel
transport, the course folder, the run's private folder, --allow-root, and where the store lives.

Only the module under test sees the simulated system (its `os` is replaced by one whose `name` and
`geteuid` are Windows' or macOS'), so pathlib and pytest keep working on this Linux machine.
What cannot be simulated (a real Windows JupyterLab, its file permissions) is listed in the README.
"""

from __future__ import annotations

import os
import sys
import types
from pathlib import Path

import pytest
from traitlets.config import PyFileConfigLoader

from hrdtrain import desktop, store
from hrdtrain.course_files import course_files


class SimulatedOS(types.ModuleType):
    """The os module as another system shows it: its own `name`; no geteuid on Windows."""

    def __init__(self, name: str):
        super().__init__("os")
        self.name = name

    def __getattr__(self, attribute):
        if attribute == "geteuid" and self.name == "nt":
            raise AttributeError(attribute)
        return getattr(os, attribute)


@pytest.fixture
def windows(monkeypatch, tmp_path):
    home = tmp_path / "Users" / "amina"
    monkeypatch.setattr(Path, "home", classmethod(lambda cls: home))
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setenv("LOCALAPPDATA", str(home / "AppData" / "Local"))
    monkeypatch.delenv("HRDTRAIN_HOME", raising=False)
    for module in (desktop, store):
        monkeypatch.setattr(module, "os", SimulatedOS("nt"))
    return home


@pytest.fixture
def macos(monkeypatch, tmp_path):
    home = tmp_path / "Users" / "amina"
    monkeypatch.setattr(Path, "home", classmethod(lambda cls: home))
    monkeypatch.setattr(sys, "platform", "darwin")
    monkeypatch.delenv("HRDTRAIN_HOME", raising=False)
    for module in (desktop, store):
        monkeypatch.setattr(module, "os", SimulatedOS("posix"))
    return home


def test_windows_kernels_use_tcp_on_loopback_and_the_help_says_so(windows):
    assert desktop.kernel_transport() == "tcp"
    assert "TCP on 127.0.0.1" in desktop.describe_platform() and "win32" in desktop.describe_platform()


def test_linux_and_macos_kernels_use_ipc_sockets_and_the_help_says_so(macos):
    assert desktop.kernel_transport() == "ipc"
    assert "IPC sockets" in desktop.describe_platform() and "darwin" in desktop.describe_platform()


def test_the_help_of_hrdtrain_start_names_the_transport_of_this_computer(capsys):
    from hrdtrain.cli import main

    with pytest.raises(SystemExit):
        main(["start", "--help"])
    assert ("IPC sockets" if os.name == "posix" else "TCP on 127.0.0.1") in capsys.readouterr().out


def test_windows_course_folder_is_in_the_home_folder_not_documents(windows):
    """Documents and Desktop may be synced to OneDrive; the home folder itself is not."""
    assert desktop.default_course_folder() == windows / "hrdtrain-course"


def test_windows_store_is_in_local_app_data_inside_the_profile(windows):
    assert store.data_home() == windows / "AppData" / "Local" / "hrdtrain"


def test_windows_store_without_local_app_data_is_still_in_the_profile(windows, monkeypatch):
    monkeypatch.delenv("LOCALAPPDATA")
    assert store.data_home() == windows / "AppData" / "Local" / "hrdtrain"


def test_macos_course_folder_and_store_are_in_the_home_folder(macos):
    assert desktop.default_course_folder() == macos / "hrdtrain-course"
    assert store.data_home() == macos / ".hrdtrain"


def test_the_run_folder_is_under_tmp_on_macos_for_short_socket_paths_and_the_default_on_windows(windows, monkeypatch):
    assert desktop.session_parent() is None  # %TEMP%, inside the profile
    monkeypatch.setattr(desktop, "os", SimulatedOS("posix"))
    assert desktop.session_parent() == "/tmp"  # macOS's own default (/var/folders/...) is too long for sockets


def test_allow_root_only_for_root_and_never_on_windows(windows, monkeypatch):
    assert desktop.running_as_root() is False  # no geteuid on Windows
    for euid, expected in ((0, True), (1000, False)):
        simulated = SimulatedOS("posix")
        simulated.geteuid = lambda euid=euid: euid
        monkeypatch.setattr(desktop, "os", simulated)
        assert desktop.running_as_root() is expected


@pytest.mark.parametrize(("system", "transport"), [("posix", "ipc"), ("nt", None)])
def test_the_course_jupyter_settings_choose_the_same_transport(monkeypatch, system, transport):
    """jupyter-config (make lab, hrdtrain start, hrdtrain quiz) makes the choice hrdtrain start reports."""
    config_dir = str(course_files().jupyter_config)
    monkeypatch.setattr(os, "name", system)
    try:
        loaded = [PyFileConfigLoader(name, path=config_dir).load_config() for name in ("jupyter_server_config.py", "voila.py")]
    finally:
        monkeypatch.undo()
    for config in loaded:
        assert config.KernelManager.get("transport") == transport  # unset: Jupyter's default, TCP on 127.0.0.1
