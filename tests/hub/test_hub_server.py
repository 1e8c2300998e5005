"""A real hub made by `hrdtrain hub init`: secrets owner-only, one account and home per
participant, nobody reaching another's files or store, nbgrader's exchange from release to
feedback without hidden tests, and an anonymous share that reaches the facilitator's view."""

from __future__ import annotations

import json
import os
import pwd
import re
import sqlite3
import stat
from pathlib import Path

import pytest

pytestmark = pytest.mark.hub

ASSIGNMENT = "02_international_standards"


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_init_keeps_secrets_and_passwords_owner_only_and_homes_private(hub):
    for name in ("jupyterhub_config.py", "jupyterhub_cookie_secret", "proxy_token", "jupyterhub.sqlite", "accounts.json", "hub.log"):
        path = hub.dir / "hub" / name
        assert path.stat().st_uid == 0 and mode(path) == 0o600, (name, oct(mode(path)))
    assert mode(hub.dir / "hub") == 0o700 and mode(hub.dir / "passwords.csv") == 0o600
    for login in hub.logins.values():
        home = Path(pwd.getpwnam(login).pw_dir)
        assert home.stat().st_uid == pwd.getpwnam(login).pw_uid and mode(home) == 0o700
    config = (hub.dir / "hub" / "jupyterhub_config.py").read_text()
    assert 'c.JupyterHub.authenticator_class = "pam"' in config and 'c.JupyterHub.spawner_class = "localprocess"' in config
    assert "/lab/tree/notebooks/00_start_here.ipynb" in config
    # The trainers' shared course folder and the exchange's course folder: the trainers' group's.
    import grp

    trainers = grp.getgrnam("hrd-trainers")
    assert {hub.logins["tina"], hub.logins["omar"]} <= set(trainers.gr_mem)
    for path, wanted in ((hub.dir / "grading", 0o2770), (hub.dir / "exchange" / "hrdtrain", 0o2775)):
        assert (path.stat().st_uid, path.stat().st_gid, mode(path)) == (0, trainers.gr_gid, wanted), (path, oct(mode(path)))
    assert mode(hub.dir / "grading" / "solutions" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb") == 0o660


def test_a_participant_cannot_read_the_hubs_secrets_or_passwords(hub):
    amal = hub.logins["amal"]
    solutions = hub.dir / "grading" / "solutions" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"  # the hidden tests
    for path in (hub.dir / "passwords.csv", hub.dir / "hub" / "jupyterhub_config.py", solutions):
        done = hub.as_user(amal, "cat", str(path))
        assert done.returncode != 0 and "Permission denied" in done.stderr


def test_each_participant_has_their_own_server_and_cannot_open_anothers(hub):
    amal, bo = hub.logins["amal"], hub.logins["bo"]
    session = hub.login(amal)
    hub.login(bo)
    # Amal's own server answers, as Amal's account.
    reply = session.get(hub.url + f"user/{amal}/api/contents/notebooks", timeout=30)
    assert reply.status_code == 200 and "00_start_here.ipynb" in reply.text
    # Bo's server, with Amal's cookies: JupyterHub refuses (403), never Bo's files.
    for path in ("api/contents/notebooks", "api/contents", "lab"):
        reply = session.get(hub.url + f"user/{bo}/{path}", timeout=30)
        assert "00_start_here.ipynb" not in reply.text
        assert reply.status_code in (403, 404) or "/hub/" in reply.url, (path, reply.status_code, reply.url)
    # The servers run as their participants, each in their own home.
    owners = {p.pw_name for p in map(lambda s: pwd.getpwuid(s), _uids_running("hrdtrain.hub.singleuser"))}
    assert {amal, bo} <= owners
    # At the file level: Amal cannot list Bo's home, course folder or progress store.
    for target in (f"/home/{bo}", f"/home/{bo}/hrdtrain-course", f"/home/{bo}/.hrdtrain"):
        done = hub.as_user(amal, "ls", target)
        assert done.returncode != 0 and "Permission denied" in done.stderr, target


def _uids_running(marker: str) -> list[int]:
    uids = []
    for proc in Path("/proc").iterdir():
        if proc.name.isdigit():
            try:
                if marker in (proc / "cmdline").read_bytes().decode(errors="replace"):
                    uids.append(proc.stat().st_uid)
            except OSError:
                pass
    return uids


def test_an_anonymous_share_reaches_the_facilitator_and_no_other_participant(hub):
    amal, bo, tina = hub.logins["amal"], hub.logins["bo"], hub.logins["tina"]
    share = hub.dir / "share"
    script = (
        "from hrdtrain.hub.share import share_my_results\n"
        "box = share_my_results()\n"
        "box.share()\n"
        "print(box.children[-1].value)\n"
    )
    # A store of its own for this test (Amal may have answered in the browser test already).
    store = {"HRDTRAIN_HOME": f"/home/{amal}/share-test-store"}
    # Nothing recorded yet: nothing is shared, and the learner is told.
    done = hub.as_user(amal, f"{hub.venv}/bin/python", "-c", script, cwd=f"/home/{amal}", extra=store)
    assert done.returncode == 0, done.stderr
    assert "nothing to share yet" in done.stdout
    # Amal answers a quiz item (through the course's own recording), then clicks Share.
    record = (
        "from hrdtrain.store import open_store\n"
        "open_store().add_answer('3.4-tear-gas', 'judge', 'inaccurate', True, 1.0, 1)\n"
    )
    done = hub.as_user(amal, f"{hub.venv}/bin/python", "-c", record, cwd=f"/home/{amal}", extra=store)
    assert done.returncode == 0, done.stderr
    done = hub.as_user(amal, f"{hub.venv}/bin/python", "-c", script, cwd=f"/home/{amal}", extra=store)
    assert done.returncode == 0, done.stderr
    assert "Shared" in done.stdout
    files = list(share.glob("*.json"))
    assert len(files) == 1
    shared = files[0]
    assert mode(shared) == 0o640 and shared.stat().st_gid == share.stat().st_gid
    data = json.loads(shared.read_text())
    assert [i["item_id"] for i in data["items"]] == ["3.4-tear-gas"]
    assert amal not in shared.read_text() and "amal" not in shared.read_text()
    # Bo can neither list the drop folder nor read Amal's file, even knowing its name.
    done = hub.as_user(bo, "ls", str(share))
    assert done.returncode != 0 and "Permission denied" in done.stderr
    done = hub.as_user(bo, "cat", str(shared))
    assert done.returncode != 0 and "Permission denied" in done.stderr
    # The facilitator (a trainer) sees it in the dashboard's hub view.
    view = "from hrdtrain.hub.share import hub_results\nprint(hub_results().data)\n"
    done = hub.as_user(tina, f"{hub.venv}/bin/python", "-c", view, cwd=f"/home/{tina}", trainer=True)
    assert done.returncode == 0, done.stderr
    assert "<strong>1 learner(s).</strong>" in done.stdout
    assert "No usable export files" not in done.stdout


def page_text(html_text: str) -> str:
    import html

    return html.unescape(re.sub(r"<[^>]+>", "", html_text))


WRITTEN_ANSWER = "Policing a protest must facilitate it: the authorities should protect peaceful assembly."


def test_two_trainers_share_the_grading_release_collect_grade_by_hand_in_formgrader_and_feedback_without_hidden_tests(hub, released, hidden_lines):
    """The exchange with nbgrader's commands, as a learner would run them in a terminal (the
    browser test does the same through the Assignments tab), graded by two trainers in their
    shared course folder: Tina released and collects, Omar autogrades, Tina grades the written
    answer by hand in her formgrader (its API), Omar writes and returns the feedback."""
    amal, bo, tina = hub.logins["amal"], hub.logins["bo"], hub.logins["tina"]
    hub.login(bo)
    learner = f"/home/{bo}/hrdtrain-course"

    def as_learner(login, *command, cwd=learner):
        return hub.as_user(login, *command, cwd=cwd)

    done = as_learner(bo, "nbgrader", "fetch_assignment", ASSIGNMENT, cwd="/")  # from anywhere: into the course folder
    assert done.returncode == 0, done.stderr
    fetched = Path(learner) / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
    assert fetched.is_file() and "BEGIN HIDDEN TESTS" not in fetched.read_text()
    # Bo answers the written question (q9, graded by hand), then submits.
    write = (
        "import sys, nbformat\n"
        "nb = nbformat.read(sys.argv[1], as_version=4)\n"
        "[cell] = [c for c in nb.cells if c.metadata.get('nbgrader', {}).get('grade_id') == 'q9']\n"
        "cell.source = sys.argv[2]\n"
        "nbformat.write(nb, sys.argv[1])\n"
    )
    done = as_learner(bo, f"{hub.venv}/bin/python", "-c", write, str(fetched), WRITTEN_ANSWER)
    assert done.returncode == 0, done.stderr
    done = as_learner(bo, "nbgrader", "submit", ASSIGNMENT)
    assert done.returncode == 0, done.stderr
    # Amal cannot list the submissions, so cannot find Bo's.
    inbound = hub.dir / "exchange" / "hrdtrain" / "inbound"
    done = as_learner(amal, "ls", str(inbound), cwd="/")
    assert done.returncode != 0 and "Permission denied" in done.stderr

    grading = hub.dir / "grading"
    hub.trainer("nbgrader", "collect", ASSIGNMENT)
    assert (grading / "submitted" / bo / ASSIGNMENT / f"{ASSIGNMENT}.ipynb").is_file()
    graded = hub.trainer("hrdtrain", "grade", ASSIGNMENT, "--student", bo, "--no-progress", who="omar")
    assert re.search(rf"{bo}\s+\d+(\.\d+)? / \d+", graded.stdout), graded.stdout
    # What the two wrote in the shared folder is the trainers' group's and writable by it; no learner can enter it.
    for path in (grading / "gradebook.db", grading / "submitted" / bo, grading / "autograded" / bo / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"):
        assert path.stat().st_gid == grading.stat().st_gid and mode(path) & 0o060 == 0o060, (path, oct(mode(path)))
    done = as_learner(amal, "ls", str(grading), cwd="/")
    assert done.returncode != 0 and "Permission denied" in done.stderr

    # Formgrader, in the trainer's own server: it lists Bo's submission, waiting for a hand grade.
    fg = released
    api = hub.url + f"user/{tina}/formgrader/api/"
    headers = {"X-XSRFToken": fg.cookies.get("_xsrf", path=f"/user/{tina}/") or fg.cookies.get("_xsrf")}
    reply = fg.get(api + f"submissions/{ASSIGNMENT}", headers=headers, timeout=60)
    assert reply.status_code == 200, reply.text[:500]
    mine = [x for x in reply.json() if x["student"] == bo]
    assert len(mine) == 1 and mine[0]["needs_manual_grade"], reply.json()
    code_score = mine[0]["code_score"]
    reply = fg.get(api + f"submitted_notebooks/{ASSIGNMENT}/{ASSIGNMENT}", headers=headers, timeout=60)
    [notebook] = [x for x in reply.json() if x["student"] == bo]
    reply = fg.get(api + "grades", params={"submission_id": notebook["id"]}, headers=headers, timeout=60)
    [q9] = [g for g in reply.json() if g["name"] == "q9"]
    assert q9["needs_manual_grade"] and q9["max_score"] == 6
    reply = fg.put(api + f"grade/{q9['id']}", json={"manual_score": 4, "extra_credit": None}, headers=headers, timeout=60)
    assert reply.status_code == 200, reply.text[:500]
    # Kept: a fresh read of the gradebook gives 4 for q9 and the total with it.
    assert fg.get(api + f"grade/{q9['id']}", headers=headers, timeout=60).json()["manual_score"] == 4
    [after] = [x for x in fg.get(api + f"submissions/{ASSIGNMENT}", headers=headers, timeout=60).json() if x["student"] == bo]
    assert after["written_score"] == 4 and after["score"] == code_score + 4 and not after["needs_manual_grade"]
    # A learner's server has no formgrader.
    reply = hub.login(amal).get(hub.url + f"user/{amal}/formgrader/api/assignments", timeout=60)
    assert reply.status_code == 404

    hub.trainer("hrdtrain", "feedback", ASSIGNMENT, "--student", bo, who="omar")
    hub.trainer("nbgrader", "release_feedback", ASSIGNMENT, "--student", bo, who="omar")
    done = as_learner(bo, "nbgrader", "fetch_feedback", ASSIGNMENT)
    assert done.returncode == 0, done.stderr
    pages = list((Path(learner) / ASSIGNMENT / "feedback").rglob("*.html"))
    assert len(pages) == 1
    text = page_text(pages[0].read_text(encoding="utf-8"))
    assert ASSIGNMENT in text and "Score" in text and WRITTEN_ANSWER in text
    assert re.search(r"q9\s*\(Score: 4(\.0)? / 6(\.0)?\)", text), "the hand grade is not in the feedback"
    assert "BEGIN HIDDEN TESTS" not in text
    shown = [line for line in hidden_lines if line in text]
    assert not shown, f"the feedback shows hidden tests: {shown}"
    # Amal cannot list the feedback folder.
    done = as_learner(amal, "ls", str(hub.dir / "exchange" / "hrdtrain" / "feedback"), cwd="/")
    assert done.returncode != 0 and "Permission denied" in done.stderr


def test_the_proxy_forwards_a_whole_rooms_requests_at_once(hub):
    """configurable-http-proxy (pure Python) forwarded only 10 requests at a time and dropped the
    queued ones after 20 s with a 503: 3 of 40 simultaneous first logins got one. Through the
    hub's real proxy, 16 requests to a server that takes 3 s to answer are all forwarded at once."""
    import asyncio
    import concurrent.futures
    import threading

    import requests
    from tornado import httpserver, web

    held, most = 0, 0

    class Slow(web.RequestHandler):
        async def get(self):
            nonlocal held, most
            held += 1
            most = max(most, held)
            await asyncio.sleep(3)
            held -= 1
            self.write("answered")

    loop = asyncio.new_event_loop()
    ready = threading.Event()
    port = _free_port()

    def serve():
        asyncio.set_event_loop(loop)
        httpserver.HTTPServer(web.Application([(r"/.*", Slow)])).listen(port, "127.0.0.1")
        ready.set()
        loop.run_forever()

    threading.Thread(target=serve, daemon=True).start()
    ready.wait(10)
    token = (hub.dir / "hub" / "proxy_token").read_text().strip()
    proxy_pid = int((hub.dir / "hub" / "proxy.pid").read_text())
    argv = Path(f"/proc/{proxy_pid}/cmdline").read_bytes().decode().split("\0")
    assert argv[1:3] == ["-m", "hrdtrain.hub.proxy"], argv
    api = f"http://127.0.0.1:{argv[argv.index('--api-port') + 1]}/api/routes/slow-test"
    auth = {"Authorization": f"token {token}"}
    assert requests.post(api, json={"target": f"http://127.0.0.1:{port}"}, headers=auth, timeout=10).status_code == 201
    try:
        with concurrent.futures.ThreadPoolExecutor(16) as pool:
            replies = list(pool.map(lambda _: requests.get(hub.url + "slow-test/x", timeout=60), range(16)))
    finally:
        requests.delete(api, headers=auth, timeout=10)
        loop.call_soon_threadsafe(loop.stop)
    assert [r.status_code for r in replies] == [200] * 16
    assert most == 16, f"the proxy forwarded only {most} requests at once; the others waited in its queue"


def test_the_proxy_waits_ten_minutes_for_an_answer_not_20_seconds():
    from tornado.httpclient import AsyncHTTPClient, HTTPRequest, _RequestProxy

    from hrdtrain.hub import proxy

    saved = AsyncHTTPClient._save_configuration()
    try:
        proxy.configure()
        client = AsyncHTTPClient(force_instance=True)
        try:
            assert client.max_clients == 400
            # configurable-http-proxy asks for request_timeout=None (its --proxy-timeout unset): the defaults apply
            request = HTTPRequest("http://127.0.0.1/", request_timeout=None)
            effective = _RequestProxy(request, client.defaults)
            assert effective.request_timeout == 600 and effective.connect_timeout == 30
        finally:
            client.close()
    finally:
        AsyncHTTPClient._restore_configuration(saved)


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_hub_start_with_a_certificate_serves_https_and_refuses_plain_http(tmp_path, hrdtrain_cli):
    """A second, one-participant hub started by `hrdtrain hub start --cert --key` with a
    self-signed certificate made by openssl: https answers (the certificate verifies), plain
    http on the same port gets no page."""
    import csv
    import secrets
    import shutil
    import ssl
    import subprocess
    import urllib.request

    import requests

    from hrdtrain.hub import control, folder
    from hrdtrain.hub.python_env import PythonEnvError, check_venv, test_venv

    if os.geteuid() != 0:
        pytest.skip("a hub makes system accounts: root only (CI runs as root)")
    try:
        check_venv(test_venv())
    except PythonEnvError as exc:
        pytest.skip(f"no participants' venv for the tests ({exc}); `make hub-venv` makes it")
    if not shutil.which("openssl"):
        pytest.skip("openssl is not installed: TLS untried (docs/workshop-server.md)")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-keyout", str(key), "-out", str(cert),
         "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"],
        check=True, capture_output=True,
    )
    work = tmp_path / "tls"
    work.mkdir()
    roster = work / "roster.csv"
    roster.write_text(f"name,role\ntls{secrets.token_hex(2)},learner\n", encoding="utf-8")
    directory = work / "hub"
    try:
        folder.init_hub(roster, directory, venv=test_venv(), log=lambda *_: None)
        port = _free_port()
        done = hrdtrain_cli("hub", "start", "--dir", str(directory), "--port", str(port), "--cert", str(cert), "--key", str(key))
        assert done.returncode == 0, done.stderr
        assert f"https://127.0.0.1:{port}/" in done.stdout and "WARNING" not in done.stdout + done.stderr
        trusted = ssl.create_default_context(cafile=str(cert))
        with urllib.request.urlopen(f"https://127.0.0.1:{port}/hub/login", context=trusted, timeout=30) as reply:
            assert reply.status == 200 and "Sign in" in reply.read().decode()
        # The hub knows the request came over https: its login cookie is marked Secure (never sent over http).
        with open(directory / "passwords.csv", encoding="utf-8") as f:
            [row] = csv.DictReader(f)
        session = requests.Session()
        session.get(f"https://127.0.0.1:{port}/hub/login", verify=str(cert), timeout=30)
        reply = session.post(
            f"https://127.0.0.1:{port}/hub/login", data={"username": row["login"], "password": row["password"], "_xsrf": session.cookies.get("_xsrf")},
            verify=str(cert), allow_redirects=False, timeout=60,
        )
        assert reply.status_code == 302, reply.text[:300]
        [login_cookie] = [c for c in reply.raw.headers.getlist("Set-Cookie") if c.startswith("jupyterhub-hub-login=")]
        assert "; Secure" in login_cookie, login_cookie
        with pytest.raises(requests.exceptions.ConnectionError):
            requests.get(f"http://127.0.0.1:{port}/hub/login", timeout=30)
    finally:
        control.remove_hub(directory)
