"""Quiz mode (`make quiz`) is closed to web pages: a real Voilà server started the way `make quiz`
starts it, probed with real HTTP and websocket requests, as a hostile page in the learner's browser
would probe it (DNS rebinding: the page reaches 127.0.0.1 under its own host name)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import psutil
import pytest
import websocket
from quiz_server_run import ROOT, QuizServer, _free_port, running_quiz_server


def _get(url: str, host: str | None = None) -> tuple[int, str]:
    """Status and body of GET url, without following redirects (a login redirect is a refusal)."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    request = urllib.request.Request(url, headers={"Host": host} if host else {})
    try:
        with urllib.request.build_opener(NoRedirect).open(request, timeout=60) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace")


@pytest.fixture(scope="module")
def quiz_server(tmp_path_factory):
    with running_quiz_server(tmp_path_factory.mktemp("quiz")) as server:
        yield server


def _start_page_kernel(server: QuizServer) -> str:
    """Open notebook 00 with the token, as the learner's browser does; returns its kernel id."""
    status, body = _get(f"{server.url}/voila/render/00_start_here.ipynb?token={server.token}")
    assert status == 200, body[:500]
    return re.search(r'kernelId": "([0-9a-f-]+)"', body).group(1)


def _channels(server: QuizServer, kernel_id: str, host: str | None = None, token: str | None = None) -> websocket.WebSocket:
    token = server.token if token is None else token
    url = f"{server.url.replace('http', 'ws', 1)}/api/kernels/{kernel_id}/channels?session_id={uuid.uuid4().hex}&token={token}"
    return websocket.create_connection(url, timeout=60, **({"host": host} if host else {}))


def _message(msg_type: str, content: dict, channel: str = "shell") -> str:
    header = {"msg_id": uuid.uuid4().hex, "msg_type": msg_type, "username": "", "session": uuid.uuid4().hex, "version": "5.3", "date": ""}
    return json.dumps({"header": header, "parent_header": {}, "metadata": {}, "channel": channel, "content": content})


def test_the_address_printed_and_opened_in_the_browser_carries_the_token(quiz_server):
    """`make quiz` prints the address with its token on a line of its own and opens the browser
    on it, through a file only this user can read; that address serves the start page."""
    assert quiz_server.token, f"no address with a token on a line of its own:\n{quiz_server.log.read_text()[-2000:]}"
    assert len(quiz_server.token) >= 32
    deadline = time.monotonic() + 30
    while not quiz_server.opened.exists() and time.monotonic() < deadline:
        time.sleep(0.25)
    assert quiz_server.opened.exists(), "the browser was not opened"
    assert f"{quiz_server.url}/?token={quiz_server.token}" in quiz_server.opened.read_text()
    assert _get(f"{quiz_server.url}/?token={quiz_server.token}")[0] == 200


def test_a_request_without_the_right_token_is_refused_and_starts_no_kernel(quiz_server):
    """A web page cannot know the token: it gets no page (403, or the login form) and no kernel."""
    before = len(quiz_server.kernels())
    for query in ("", "?token=wrong"):
        for path in ("/", "/voila/render/00_start_here.ipynb", "/voila/render/07_final_remarks.ipynb"):
            status, body = _get(f"{quiz_server.url}{path}{query}")
            assert status in (302, 403), f"{path}{query}: {status}"
            assert "kernelId" not in body
    time.sleep(2)  # a kernel started by any of them would be running by now
    assert len(quiz_server.kernels()) == before


def test_the_page_is_served_with_the_token_to_localhost_names(quiz_server):
    for host in (None, f"localhost:{quiz_server.url.rsplit(':', 1)[1]}"):
        status, body = _get(f"{quiz_server.url}/voila/render/00_start_here.ipynb?token={quiz_server.token}", host=host)
        assert status == 200, body[:500]
        assert "hrdtrain" in body and "kernelId" in body


def test_a_foreign_host_name_is_refused_for_the_page_and_the_kernel_websocket(quiz_server):
    """DNS rebinding: the request comes to 127.0.0.1 but names the attacker's host."""
    evil = f"evil.example:{quiz_server.url.rsplit(':', 1)[1]}"
    before = len(quiz_server.kernels())
    status, body = _get(f"{quiz_server.url}/voila/render/00_start_here.ipynb?token={quiz_server.token}", host=evil)
    assert status == 403 and "kernelId" not in body
    assert len(quiz_server.kernels()) == before
    kernel_id = _start_page_kernel(quiz_server)
    with pytest.raises(websocket.WebSocketBadStatusException) as refused:
        _channels(quiz_server, kernel_id, host=evil)
    assert refused.value.status_code == 403
    with pytest.raises(websocket.WebSocketBadStatusException) as refused:
        _channels(quiz_server, kernel_id, token="wrong")  # and without the token, even from localhost
    assert refused.value.status_code == 403


def test_code_sent_over_the_kernel_websocket_is_not_run(quiz_server, tmp_path):
    """Even with the token, the page may only talk to widgets: an execute_request is dropped."""
    marker = tmp_path / "code-ran"
    kernel_id = _start_page_kernel(quiz_server)
    ws = _channels(quiz_server, kernel_id)
    try:
        code = f"open({str(marker)!r}, 'w').write('ran')"
        request = {"code": code, "silent": False, "store_history": False, "user_expressions": {}, "allow_stdin": False, "stop_on_error": True}
        ws.send(_message("execute_request", request))
        ws.send(_message("execute_request", request, channel="control"))
        # Widgets still talk: the kernel answers the requests they need (sent after the code, so
        # the code would have run before these replies arrive).
        ws.send(_message("comm_info_request", {"target_name": "jupyter.widget"}))
        ws.send(_message("kernel_info_request", {}))
        replies = set()
        deadline = time.monotonic() + 60
        while {"comm_info_reply", "kernel_info_reply"} - replies and time.monotonic() < deadline:
            message = json.loads(ws.recv())
            replies.add(message["header"]["msg_type"])
            assert message["header"]["msg_type"] != "execute_reply", message
    finally:
        ws.close()
    assert {"comm_info_reply", "kernel_info_reply"} <= replies
    time.sleep(1)
    assert not marker.exists(), "code sent by the page ran in the kernel"


def test_a_page_of_a_translated_notebook_says_its_language_and_arabic_its_direction(quiz_server):
    """Issue 18: notebooks/es/ and notebooks/ar/ in quiz mode: the page's lang (and dir in Arabic)."""
    pages = {}
    for name in ("00_start_here.ipynb", "es/00_start_here.ipynb", "ar/00_start_here.ipynb"):
        status, body = _get(f"{quiz_server.url}/voila/render/{name}?token={quiz_server.token}")
        assert status == 200, body[:500]
        pages[name] = body
    assert 'document.documentElement.lang = "es";' in pages["es/00_start_here.ipynb"] and "rtl" not in pages["es/00_start_here.ipynb"].split("documentElement.lang", 1)[1][:60]
    assert 'document.documentElement.lang = "ar"; document.documentElement.dir = "rtl";' in pages["ar/00_start_here.ipynb"]
    assert "document.documentElement.lang" not in pages["00_start_here.ipynb"]


def test_a_link_cannot_switch_the_page_to_a_template_that_fetches_from_a_cdn(quiz_server):
    for query in ("template=lab", "template=classic"):
        status, body = _get(f"{quiz_server.url}/voila/render/00_start_here.ipynb?token={quiz_server.token}&{query}")
        assert status == 200
        assert "fontawesome" not in body, query  # the "lab" template's CDN stylesheets


def test_a_kernel_no_page_is_connected_to_is_stopped_once_idle(tmp_path):
    """A page loaded and never connected (or a crashed browser) does not leave its kernel running.
    The project's 600 s timeout is shortened here; the mechanism is the one `make quiz` runs."""
    with running_quiz_server(tmp_path, "--MappingKernelManager.cull_idle_timeout=3", "--MappingKernelManager.cull_interval=1") as server:
        _start_page_kernel(server)
        assert len(server.kernels()) == 1
        deadline = time.monotonic() + 60
        while server.kernels() and time.monotonic() < deadline:
            time.sleep(0.5)
        assert not server.kernels(), "an unconnected, idle kernel was never stopped"


def test_quiz_mode_kernels_use_ipc_sockets_and_listen_on_tcp_only_on_loopback(quiz_server):
    """README: kernels talk over IPC sockets; their one TCP socket (ipykernel's subprocess-output
    pipe, see tests/test_jupyter_config.py) is on 127.0.0.1."""
    _start_page_kernel(quiz_server)
    kernels = quiz_server.kernels()
    assert kernels
    for kernel in kernels:
        cmdline = kernel.cmdline()
        connection = json.loads(Path(cmdline[cmdline.index("-f") + 1]).read_text())
        assert connection["transport"] == "ipc"
        assert [(c.status, c.laddr.ip) for c in kernel.net_connections(kind="inet")] == [(psutil.CONN_LISTEN, "127.0.0.1")]


def test_the_start_page_has_the_course_title_fetches_no_font_awesome_and_hides_the_dashboard(quiz_server):
    status, page = _get(f"{quiz_server.url}/?token={quiz_server.token}")
    assert status == 200
    assert re.search(r"<title>\s*Police and human rights defenders: the course\s*</title>", page)
    assert "font-awesome" not in page and "fontawesome" not in page and "cdn.jsdelivr.net" not in page
    status, listing = _get(f"{quiz_server.url}/voila/api/contents?token={quiz_server.token}")  # what the page lists
    names = [entry["name"] for entry in json.loads(listing)["content"]]
    assert "00_start_here.ipynb" in names and "07_final_remarks.ipynb" in names
    assert "facilitator_dashboard.ipynb" not in names
    # Still there for the facilitator who types its address.
    assert _get(f"{quiz_server.url}/voila/render/facilitator_dashboard.ipynb?token={quiz_server.token}")[0] == 200


def test_quiz_mode_refuses_to_start_without_its_protections(tmp_path):
    """Voilà runs on, open to any page, when voila.py is missing or fails; quiz mode does not."""
    (tmp_path / "broken").mkdir()
    (tmp_path / "broken" / "voila.py").write_text("c = get_config()\nc.Voila.auto_token = True\nc.Voila.ip = '127.0.0.1'\nraise ValueError('typo')\n")
    (tmp_path / "empty").mkdir()
    for config_dir in ("empty", "broken"):
        env = dict(os.environ, JUPYTER_CONFIG_DIR=str(tmp_path / config_dir), JUPYTER_PATH=str(ROOT / "jupyter-config" / "data"))
        run = subprocess.run(
            [sys.executable, "-m", "hrdtrain.quiz_server", str(ROOT / "notebooks"), "--no-browser", f"--port={_free_port()}"],
            cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120,
        )
        assert run.returncode != 0, f"{config_dir}: quiz mode started:\n{run.stderr[-2000:]}"
        assert "Voilà is running" not in run.stderr + run.stdout
    assert "Quiz mode did not start: it needs a token" in subprocess.run(
        [sys.executable, "-m", "hrdtrain.quiz_server", str(ROOT / "notebooks"), "--no-browser", f"--port={_free_port()}"],
        cwd=tmp_path, env=dict(os.environ, JUPYTER_CONFIG_DIR=str(tmp_path / "empty")), capture_output=True, text=True, timeout=120,
    ).stderr


def test_files_beside_the_notebooks_are_not_served(quiz_server):
    """Voilà's /voila/files/ answered without the token (png, jpg, gif, svg by default): a page in the
    same browser could read what lies beside the notebooks. Nothing is served there, token or not."""
    probe = ROOT / "notebooks" / f"probe-{uuid.uuid4().hex}.png"
    probe.write_bytes(b"\x89PNG\r\n\x1a\n private")
    try:
        for query in ("", f"?token={quiz_server.token}"):
            status, body = _get(f"{quiz_server.url}/voila/files/{probe.name}{query}")
            assert status != 200 and "private" not in body, (query, status, body[:200])
    finally:
        probe.unlink()
