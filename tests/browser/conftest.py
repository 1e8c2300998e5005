"""Fixtures for the browser tests: a real JupyterLab server and Debian's chromium via Playwright.

The server runs with the course's own settings (JUPYTER_CONFIG_DIR=jupyter-config), on a free
127.0.0.1 port with a random token, and serves a temporary COPY of notebooks/ so that the
browser's autosave never writes outputs into the repository. Settings, workspaces and runtime
files go to the temporary folder as well.

Environment variables:
  HRDTRAIN_CHROMIUM     browser binary (default /usr/bin/chromium; `make test` installs it)
  HRDTRAIN_SCREENSHOTS  folder for step screenshots (default test-artifacts/screenshots)
"""

from __future__ import annotations

import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from chromium import CHROMIUM, CHROMIUM_ARGS, launched_chromium  # noqa: F401 (CHROMIUM_ARGS: for other tests)

REPO = Path(__file__).resolve().parents[2]
SCREENSHOTS = Path(os.environ.get("HRDTRAIN_SCREENSHOTS", REPO / "test-artifacts" / "screenshots"))
SERVER_START_TIMEOUT = 90  # seconds; a cold start on 2 cores takes about 5
SERVER_STOP_TIMEOUT = 15


@dataclass
class LabServer:
    """A running JupyterLab: where it is, how to log in, and what it serves."""

    url: str
    token: str
    root: Path  # the folder it serves; notebooks/ inside it is a copy of the repo's
    log: Path
    process: subprocess.Popen = field(repr=False)

    def lab_url(self, path: str) -> str:
        """URL that opens only `path` (relative to root), logged in with the token; `reset`
        starts from an empty workspace, so tabs of an earlier test are not restored."""
        return f"{self.url}/lab/tree/{path}?reset&token={self.token}"

    def log_tail(self, chars: int = 4000) -> str:
        return self.log.read_text(errors="replace")[-chars:] if self.log.exists() else "(no log)"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _answers(url: str, token: str) -> bool:
    request = urllib.request.Request(f"{url}/api/status", headers={"Authorization": f"token {token}"})
    try:
        with urllib.request.urlopen(request, timeout=2) as response:
            return response.status == 200
    except (urllib.error.URLError, OSError):
        return False


def _stop(process: subprocess.Popen) -> None:
    """Stops the server and its kernels (they share its process group), politely then firmly."""
    if process.poll() is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGTERM)  # Jupyter shuts its kernels down on SIGTERM
        process.wait(SERVER_STOP_TIMEOUT)
    except subprocess.TimeoutExpired:
        pass
    finally:
        try:
            os.killpg(process.pid, signal.SIGKILL)  # whatever is left of the group, kernels included
        except ProcessLookupError:
            pass
        process.wait(SERVER_STOP_TIMEOUT)


@contextmanager
def running_lab_server(base: Path, extra_env: dict[str, str] | None = None) -> Iterator[LabServer]:
    """JupyterLab with the course's config (plus `extra_env`), serving a copy of notebooks/ in
    `base`; stopped at the end whatever happens."""
    root = base / "root"
    (root / "notebooks").mkdir(parents=True)
    if (REPO / "notebooks").is_dir():
        shutil.copytree(REPO / "notebooks", root / "notebooks", dirs_exist_ok=True, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    port, token = _free_port(), secrets.token_hex(24)
    url = f"http://127.0.0.1:{port}"
    env = dict(
        os.environ,
        JUPYTER_CONFIG_DIR=str(REPO / "jupyter-config"),
        JUPYTERLAB_WORKSPACES_DIR=str(base / "workspaces"),
        JUPYTERLAB_SETTINGS_DIR=str(base / "user-settings"),
        JUPYTER_RUNTIME_DIR=str(base / "runtime"),
        PATH=os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")]),
        **(extra_env or {}),
    )
    command = [
        sys.executable, "-m", "jupyterlab",
        "--no-browser",
        f"--port={port}",
        "--ServerApp.port_retries=0",  # fail rather than quietly serve on another port
        f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={root}",
    ]
    if os.geteuid() == 0:
        command.append("--allow-root")
    log = base / "jupyterlab.log"
    with open(log, "wb") as log_file:
        process = subprocess.Popen(
            command, cwd=root, env=env, stdin=subprocess.DEVNULL, stdout=log_file, stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group, so kernels are stopped with it
        )
    server = LabServer(url=url, token=token, root=root, log=log, process=process)
    try:
        deadline = time.monotonic() + SERVER_START_TIMEOUT
        while not _answers(url, token):
            if process.poll() is not None:
                pytest.fail(f"JupyterLab exited with code {process.returncode} before answering:\n{server.log_tail()}")
            if time.monotonic() > deadline:
                pytest.fail(f"JupyterLab did not answer on {url} within {SERVER_START_TIMEOUT}s:\n{server.log_tail()}")
            time.sleep(0.25)
        yield server
    finally:
        _stop(process)


@pytest.fixture(scope="module")
def lab_server(tmp_path_factory) -> Iterator[LabServer]:
    """JupyterLab as `make lab` starts it for learners, serving a copy of notebooks/."""
    with running_lab_server(tmp_path_factory.mktemp("lab")) as server:
        yield server


@pytest.fixture(scope="module")
def browser():
    """Debian's chromium driven by Playwright (never a downloaded browser build)."""
    with launched_chromium() as browser:
        yield browser


@pytest.fixture
def outside_requests() -> list[str]:
    """URLs the page tried to fetch from anywhere but the local server (blocked, and listed here)."""
    return []


@pytest.fixture
def page(browser, lab_server, outside_requests):
    """A fresh browser tab that may only talk to the local JupyterLab server."""
    server = urlsplit(lab_server.url)

    def only_local(route):
        url = urlsplit(route.request.url)
        if url.scheme in ("data", "blob") or (url.hostname, url.port) == (server.hostname, server.port):
            route.continue_()
        else:
            outside_requests.append(route.request.url)
            route.abort()

    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.set_default_timeout(30_000)
    context.route("**/*", only_local)
    try:
        yield context.new_page()
    finally:
        context.close()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    """Keeps each phase's report on the test item, so fixtures can tell whether the test failed."""
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture
def screenshot(request, page):
    """screenshot("name") saves the page as test-artifacts/screenshots/<test>/NN-name.png;
    a failing test also gets a last screenshot, NN-failed.png."""
    folder = SCREENSHOTS / request.node.name
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    taken = []

    def take(name: str) -> Path:
        path = folder / f"{len(taken) + 1:02d}-{name}.png"
        page.screenshot(path=str(path))
        taken.append(path)
        return path

    yield take
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        try:
            take("failed")
        except Exception:  # the page may be gone; the failure itself is what matters
            pass
