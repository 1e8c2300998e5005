"""Quiz mode (Voilà): does each notebook say it is in quiz mode, and do its links to the next
notebook work there? Voilà is started with the project's config and asked over HTTP, as a
browser would; no browser is needed for this."""

from __future__ import annotations

import os
import re
import secrets
import socket
import subprocess
import sys
import time
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path
from urllib.parse import urljoin

import pytest

from hrdtrain.intro import course_intro

REPO = Path(__file__).resolve().parents[2]


def test_course_intro_tells_jupyterlab_from_quiz_mode_by_voilas_kernel_variables(monkeypatch):
    for name in ("VOILA_BASE_URL", "VOILA_SERVER_URL", "VOILA_REQUEST_URL", "VOILA_APP_PORT", "VOILA_KERNEL_ID"):
        monkeypatch.delenv(name, raising=False)
    lab = course_intro()._repr_html_()
    assert "You are in JupyterLab" in lab and "Shift+Enter" in lab
    monkeypatch.setenv("VOILA_BASE_URL", "/")
    quiz = course_intro()._repr_html_()
    assert "You are in quiz mode" in quiz
    assert not re.search(r"Shift\+Enter|Kernel|Run All|file browser", quiz)


@pytest.fixture(scope="module")
def voila(tmp_path_factory):
    """Voilà serving notebooks/ as `make quiz` does, with a token this test knows."""
    base = tmp_path_factory.mktemp("voila")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    token = secrets.token_hex(16)
    env = dict(os.environ, JUPYTER_CONFIG_DIR=str(REPO / "jupyter-config"), JUPYTER_PATH=str(REPO / "jupyter-config" / "data"),
               JUPYTER_RUNTIME_DIR=str(base / "runtime"), PATH=os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")]))
    log = base / "voila.log"
    with open(log, "wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "voila", str(REPO / "notebooks"), "--no-browser", f"--port={port}", "--Voila.port_retries=0", f"--IdentityProvider.token={token}"],
            cwd=base, env=env, stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while "Voilà is running at" not in log.read_text(errors="replace"):
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"Voilà did not start:\n{log.read_text(errors='replace')[-3000:]}")
            time.sleep(0.25)
        yield url, token
    finally:
        os.killpg(process.pid, 15)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, 9)


def test_in_voila_the_notebook_says_quiz_mode_and_its_next_link_opens_the_next_notebook(voila):
    url, token = voila
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))  # logged in by the token, then by cookie
    start = f"{url}/voila/render/00_start_here.ipynb"
    page = opener.open(f"{start}?token={token}", timeout=120).read().decode()
    assert "You are in quiz mode" in page
    links = re.findall(r'<a href="([^"]+\.ipynb)"', page)
    assert "01_introduction.ipynb" in links, page[-3000:]
    following = urljoin(start, "01_introduction.ipynb")
    assert following == f"{url}/voila/render/01_introduction.ipynb"
    response = opener.open(following, timeout=120)
    assert response.status == 200 and "1. Introduction" in response.read().decode()
