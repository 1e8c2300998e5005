"""`make quiz`'s server for tests: Voilà started with hrdtrain.quiz_server and the project's
config, as `make quiz` starts it, with a browser that only records the file it is given. Used by
tests/test_quiz_server.py (probed with HTTP and websockets) and tests/browser/test_voila_quiz_mode.py
(clicked in chromium)."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import psutil
import pytest

ROOT = Path(__file__).resolve().parents[1]
START_TIMEOUT = 90


def _cmdline(process: psutil.Process) -> list[str]:
    """Its command line, or [] if it has just ended (a kernel being shut down)."""
    try:
        return process.cmdline()
    except (psutil.NoSuchProcess, psutil.ZombieProcess):
        return []


@dataclass
class QuizServer:
    url: str
    token: str
    process: subprocess.Popen
    log: Path
    opened: Path  # what the (recording) browser was asked to open

    def kernels(self) -> list[psutil.Process]:
        """The kernels this server runs (its ipykernel child processes)."""
        return [p for p in psutil.Process(self.process.pid).children(recursive=True) if "ipykernel" in " ".join(_cmdline(p))]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def running_quiz_server(base: Path, *options: str) -> Iterator[QuizServer]:
    """`make quiz`'s command and config, with a browser that only records the file it is given."""
    opened = base / "opened.html"
    recorder = base / "browser.py"
    recorder.write_text(f"import shutil, sys\nshutil.copyfile(sys.argv[1].removeprefix('file://'), {str(opened)!r})\n")
    port = _free_port()
    env = dict(
        os.environ,
        JUPYTER_CONFIG_DIR=str(ROOT / "jupyter-config"),
        JUPYTER_PATH=str(ROOT / "jupyter-config" / "data"),
        JUPYTER_RUNTIME_DIR=tempfile.mkdtemp(prefix="rt", dir="/tmp"),
        PATH=os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")]),
    )
    log = base / "voila.log"
    with open(log, "wb") as log_file:
        process = subprocess.Popen(
            [sys.executable, "-m", "hrdtrain.quiz_server", str(ROOT / "notebooks"), f"--port={port}", "--Voila.port_retries=0",
             f"--Voila.browser={sys.executable} {recorder} %s", *options],
            cwd=base, env=env, stdin=subprocess.DEVNULL, stdout=log_file, stderr=subprocess.STDOUT, start_new_session=True,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while not re.search(rf"^{re.escape(url)}/", log.read_text(errors="replace"), re.M):
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"Voilà did not start:\n{log.read_text(errors='replace')[-3000:]}")
            time.sleep(0.25)
        found = re.search(rf"^{re.escape(url)}/\?token=(\S+)$", log.read_text(errors="replace"), re.M)
        yield QuizServer(url=url, token=found.group(1) if found else "", process=process, log=log, opened=opened)
    finally:
        try:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(30)
        except ProcessLookupError:
            pass
