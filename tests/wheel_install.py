"""A new user's install, for tests: the course's wheel, built from this checkout and installed in a
fresh virtual environment outside it, and `hrdtrain start` / `hrdtrain quiz` run from there.
Used by tests/install/test_wheel.py and tests/browser/test_hrdtrain_start.py.

How the fresh environment gets the course's dependencies (measured on this machine, 2 shared
cores): building the wheel takes about 6 s (once per test run: the `course_wheel` fixture
in tests/conftest.py); `python -m venv --without-pip` plus installing the
wheel with `pip --python VENV install --no-deps --no-index` about 1.2 s. A full `pip install
WHEEL` would download and unpack every dependency on every run (pip has no cache here: several
minutes and a network dependency). So the new environment holds only hrdtrain, installed from
the wheel, and finds its dependencies through a .pth file naming this project's site-packages.
That path line adds the folder without running the .pth files inside it, so the checkout's
editable install (a .pth finder) is never loaded: `import hrdtrain` can only find the wheel's copy,
and the tests check that it does. The dependencies' data files (JupyterLab's assets, the kernel
spec, Voilà's and the widgets' front ends) are found through `share/` and `etc/jupyter/` links
to the project's, as pip would have installed them; `etc/ipython/` is not linked, so the kernel
settings `make lab` copies there do not hide a missing one in the wheel.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import sysconfig
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
START_TIMEOUT = 120


def build_wheel(out: Path) -> Path:
    """`python -m pip wheel . --no-deps -w OUT`, as the README tells a facilitator to build it,
    but with --no-build-isolation: the build runs with the project venv's setuptools, pydantic,
    PyYAML and markdown-it-py (test extras) instead of installing them into a throw-away
    environment. With isolation each build fetched them from the package index again: 6 s here
    became about 90 s per build in CI, and a test run must not need the network."""
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "--no-build-isolation", "-q", "-w", str(out)],
        capture_output=True, text=True, timeout=300,
    )
    assert build.returncode == 0, build.stderr[-3000:]
    (found,) = out.glob("hrdtrain-*.whl")
    return found


def fresh_venv(wheel: Path, path: Path) -> Path:
    """A fresh virtual environment at PATH, outside the checkout, with the wheel installed (see the module's docstring)."""
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(path)], check=True, timeout=120)
    install = subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(path / "bin" / "python"), "install", "-q", "--no-deps", "--no-index", str(wheel)],
        capture_output=True, text=True, timeout=300,
    )
    assert install.returncode == 0, install.stderr[-3000:]
    site_packages = Path(subprocess.check_output([path / "bin" / "python", "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], text=True).strip())
    (site_packages / "dependencies-from-the-project-venv.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    (path / "share").symlink_to(Path(sys.prefix) / "share")
    (path / "etc").mkdir(exist_ok=True)
    (path / "etc" / "jupyter").symlink_to(Path(sys.prefix) / "etc" / "jupyter")
    return path


def installed_course(venv: Path) -> Path:
    """hrdtrain/_course/ in the venv (asked from outside the checkout, where `import hrdtrain` cannot find the checkout)."""
    path = Path(subprocess.check_output([venv / "bin" / "python", "-c", "import hrdtrain.course_files as c; print(c.PACKAGED)"], text=True, cwd=venv.parent).strip())
    assert path.is_relative_to(venv), path
    return path


def user_environment(venv: Path, home: Path) -> dict[str, str]:
    """A new user's environment: the fresh venv on PATH (not the project's), an empty home, no
    HRDTRAIN_HOME (the store goes where it goes for them)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HRDTRAIN_", "JUPYTER", "XDG_", "IPYTHON"))}
    project_bin = str(Path(sys.executable).parent)
    path = [p for p in env.get("PATH", "").split(os.pathsep) if p and p != project_bin]
    return {**env, "HOME": str(home), "PATH": os.pathsep.join([str(venv / "bin"), *path])}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url: str) -> tuple[int, str]:
    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    try:
        with urllib.request.build_opener(NoRedirect).open(url, timeout=60) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace")


@dataclass
class Started:
    process: subprocess.Popen
    base: str  # http://127.0.0.1:PORT
    token: str
    log: Path

    def output(self) -> str:
        return self.log.read_text(errors="replace")

    def stop_with_ctrl_c(self, timeout: float = 60) -> int:
        """Ctrl+C in a terminal: SIGINT to the whole foreground process group."""
        os.killpg(self.process.pid, signal.SIGINT)
        return self.process.wait(timeout)


@contextmanager
def hrdtrain(venv: Path, home: Path, verb: str, *args: str, extra_env: dict[str, str] | None = None, browser: bool = False) -> Iterator[Started]:
    """`hrdtrain VERB --no-browser --port P ARGS` from the fresh venv, in a folder outside the
    checkout (with `extra_env` added to the user's environment), until it prints its address with
    the token on a line of its own. With `browser`, without --no-browser: give the user's
    environment a BROWSER that records what it is asked to open."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    elsewhere = home.parent / "elsewhere"
    elsewhere.mkdir(parents=True, exist_ok=True)
    home.mkdir(parents=True, exist_ok=True)
    log = home.parent / f"{verb}-{port}.log"
    with open(log, "wb") as out:
        process = subprocess.Popen(
            [str(venv / "bin" / "hrdtrain"), verb, *([] if browser else ["--no-browser"]), "--port", str(port), *args],
            cwd=elsewhere, env={**user_environment(venv, home), **(extra_env or {})}, stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
        )
    address = re.compile(rf"^{re.escape(base)}/(?:lab/tree/notebooks/(?:[a-z]{{2}}/)?00_start_here\.ipynb)?\?token=(\w+)$", re.M)
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while not (found := address.search(log.read_text(errors="replace"))):
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"hrdtrain {verb} did not print its address:\n{log.read_text(errors='replace')[-4000:]}")
            time.sleep(0.25)
        yield Started(process, base, found.group(1), log)
    finally:
        if process.poll() is None:  # a test that failed midway: stop it as a learner would, so it cleans up
            os.killpg(process.pid, signal.SIGINT)
            try:
                process.wait(60)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(30)
