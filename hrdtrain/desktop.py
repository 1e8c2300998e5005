"""`hrdtrain start` and `hrdtrain quiz`: the course on this computer, on Windows, macOS and Linux.

Both copy the learner notebooks into the learner's course folder (hrdtrain.course_folder), then
run JupyterLab or Voilà in this process with the course's own settings (the same jupyter-config
as `make lab`): on 127.0.0.1 only, with a token, no news, no update checks, notebooks under
notebooks/ saved without outputs. What depends on the operating system is decided here, in one
place, so a test can simulate each system:
- kernels talk to the server over IPC sockets where the system has them (Linux, macOS), and over
  TCP on 127.0.0.1 where it does not (Windows);
- the course folder is a folder in the learner's home folder, not under Documents or Desktop,
  which Windows (OneDrive) and macOS (iCloud) may copy to the cloud;
- Jupyter's runtime files (the sockets, the kernels' connection keys, the server's token), the
  kernels' IPython profile and their kernel spec go into a private temporary folder made for this run and removed when
  it stops: short enough for socket paths (about 100 characters at most), and nothing is left
  behind. On Windows it is in the user's profile (%TEMP%), which the profile's permissions protect.
"""

from __future__ import annotations

import os
import shutil
import signal
import sys
import tempfile
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

from .course_files import START_NOTEBOOK, CourseFiles, course_files, start_notebook
from .course_folder import copy_notebooks

COURSE_FOLDER_NAME = "hrdtrain-course"


def kernel_transport() -> str:
    """'ipc' (Unix domain sockets: Linux, macOS) or 'tcp' (127.0.0.1: Windows); jupyter-config
    makes the same choice for `make lab`."""
    return "ipc" if os.name == "posix" else "tcp"


def transport_description() -> str:
    if kernel_transport() == "ipc":
        return "IPC sockets (Linux, macOS): the server and its kernels talk through socket files in a private folder"
    return "TCP on 127.0.0.1 (Windows has no IPC sockets): ports only this computer can reach, each kernel with its own key"


def default_course_folder() -> Path:
    """Where `hrdtrain start` puts the learner's notebooks unless told: ~/hrdtrain-course."""
    return Path.home() / COURSE_FOLDER_NAME


def running_as_root() -> bool:
    """True for root on Linux/macOS (JupyterLab then needs --allow-root); never on Windows."""
    geteuid = getattr(os, "geteuid", None)
    return geteuid is not None and geteuid() == 0


def session_parent() -> str | None:
    """Where the run's private folder is made: /tmp on Linux and macOS (short socket paths; the
    default on macOS, /var/folders/…, is too long for them), the system's default elsewhere."""
    return "/tmp" if os.name == "posix" and os.path.isdir("/tmp") else None


@contextmanager
def session_folder(files: CourseFiles) -> Iterator[Path]:
    """A private folder (mkdtemp: this account only) for this run's runtime files and the kernels'
    IPython profile, which keeps no history (the course's ipython_kernel_config.py); removed at the end."""
    session = Path(tempfile.mkdtemp(prefix="hrdtrain-", dir=session_parent()))
    try:
        profile = session / "ipython" / "profile_default"
        profile.mkdir(parents=True)
        shutil.copyfile(files.ipython_kernel_config, profile / "ipython_kernel_config.py")
        # The notebooks ask for the kernel "python3". A learner may have one of their own from
        # another Python (`ipykernel install --user`), without hrdtrain, which Jupyter would pick
        # over this one; this run's own, first on JUPYTER_PATH, is this Python.
        from ipykernel.kernelspec import write_kernel_spec

        write_kernel_spec(session / "data" / "kernels" / "python3")
        yield session
    finally:
        shutil.rmtree(session, ignore_errors=True)


def course_environment(files: CourseFiles, session: Path, folder: Path) -> dict[str, str]:
    """The environment variables that give JupyterLab, Voilà and their kernels the course's
    settings instead of the learner's own (~/.jupyter, ~/.ipython)."""
    return {
        "JUPYTER_CONFIG_DIR": str(files.jupyter_config),
        # This Python's kernel; Voilà's "offline" template.
        "JUPYTER_PATH": os.pathsep.join([str(session / "data"), str(files.voila_data)]),
        "JUPYTER_RUNTIME_DIR": str(session / "runtime"),
        "IPYTHONDIR": str(session / "ipython"),
        "JUPYTERLAB_SETTINGS_DIR": str(folder / ".jupyter-user" / "settings"),
        "JUPYTERLAB_WORKSPACES_DIR": str(folder / ".jupyter-user" / "workspaces"),
    }


def _enter(folder: Path | None, files: CourseFiles) -> Path:
    """Copies the notebooks into the course folder and says what changed; returns the folder."""
    folder = (Path(folder).expanduser() if folder else default_course_folder()).absolute()
    report = copy_notebooks(folder, files)
    print(f"Your course folder: {folder}", flush=True)
    for line in report.lines():
        print(line, flush=True)
    return folder


def _set_environment(environment: dict[str, str]) -> None:
    os.environ.pop("JUPYTER_CONFIG_PATH", None)  # nobody's extra settings over the course's
    os.environ.update(environment)


def _language_environment(language: str | None) -> dict[str, str]:
    """HRDTRAIN_LANG for the server and its kernels: `--lang`, or whatever the environment says."""
    return {"HRDTRAIN_LANG": language} if language else {}


def lab_locale_arguments(files: CourseFiles, language: str | None) -> list[str]:
    """JupyterLab's own menus in `language` (its language pack, a dependency of the course): an
    application settings folder whose overrides.json makes that locale the *default*, so that a
    learner who picks another one in Settings > Language keeps their choice."""
    folder = files.jupyter_config / "lab-locale" / (language or "")
    return [f"--LabApp.app_settings_dir={folder}"] if language and (folder / "overrides.json").is_file() else []


def start_lab(folder: Path | None = None, port: int | None = None, open_browser: bool = True, language: str | None = None) -> int:
    """JupyterLab on the course folder, opening notebook 00 (in `language`, when given: its
    notebooks and every quiz in it); runs until Ctrl+C. Returns an exit status."""
    files = course_files()
    folder = _enter(folder, files)
    start = start_notebook(language)
    with session_folder(files) as session:
        _set_environment({**course_environment(files, session, folder), **_language_environment(language)})
        from jupyterlab.labapp import LabApp

        argv = [
            f"--ServerApp.root_dir={folder}",
            f"--LabApp.default_url=/lab/tree/{start}",
            f"--ServerApp.open_browser={open_browser}",
            # A learner's lab has no nbgrader course: formgrader would only log an error at start.
            "--ServerApp.jpserver_extensions=nbgrader.server_extensions.formgrader=False",
        ]
        if port is not None:
            argv += [f"--ServerApp.port={port}", "--ServerApp.port_retries=0"]  # that port or a clear failure
        argv += lab_locale_arguments(files, language)
        if running_as_root():
            argv.append("--ServerApp.allow_root=True")
        # Deprecation warnings of Jupyter's packages are for their developers: a learner can do
        # nothing about them. (Importing voila turns traitlets' back on, so it comes first.)
        import voila  # noqa: F401

        warnings.filterwarnings("ignore", category=DeprecationWarning)
        server = LabApp.initialize_server(argv=argv)
        # One Ctrl+C stops the course (JupyterLab would ask "Shut down? y/[n]" in a terminal, and
        # without a terminal would leave its kernels running).
        signal.signal(signal.SIGINT, lambda *_: server.stop(from_signal=True))
        server.start_app()
        token = server.identity_provider.token
        url = f"http://127.0.0.1:{server.port}{server.base_url}lab/tree/{quote(start)}?token={quote(token, safe='')}"
        opens = "The course opens in your web browser. If it does not, open" if open_browser else "Open"
        print(f"\n{opens} this address in your web browser (it holds the key to your course: do not share it):", flush=True)
        print(url, flush=True)
        print("Press Ctrl+C here to stop the course. Your notebooks stay in your course folder.\n", flush=True)
        server.start_ioloop()
    print("The course has stopped.", flush=True)
    return 0


def start_quiz(folder: Path | None = None, port: int | None = None, open_browser: bool = True, language: str | None = None) -> int:
    """Quiz mode (Voilà, through hrdtrain.quiz_server: token, Host check, no code) on the course
    folder's notebooks (those of `language`, when given); runs until Ctrl+C."""
    files = course_files()
    folder = _enter(folder, files)
    with session_folder(files) as session:
        _set_environment({**course_environment(files, session, folder), **_language_environment(language)})
        from .quiz_server import QuizServer

        notebooks = folder / "notebooks"
        if language and (notebooks / language).is_dir():
            notebooks = notebooks / language
        argv = [str(notebooks)]
        if port is not None:
            argv += [f"--port={port}", "--Voila.port_retries=0"]
        if not open_browser:
            argv.append("--no-browser")
        QuizServer.launch_instance(argv=argv)
    print("Quiz mode has stopped.", flush=True)
    return 0


def describe_platform() -> str:
    """For `hrdtrain start --help`: the kernel transport this computer uses, wrapped to the help's width."""
    import textwrap

    return textwrap.fill(f"Kernel transport on this computer ({sys.platform}): {transport_description()}.", 95)
