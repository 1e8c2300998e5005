"""How many participants can one machine's hub serve (issue 16)? Measured, then stopped by itself.

For each N (default 10, 20, 40) it makes a throw-away hub with `hrdtrain hub init` (N learner
accounts, hrd-bench…), starts it on a free port of 127.0.0.1, and N simulated participants, one
thread each, at once: log in with their password (PAM), wait for their server, start a kernel
through their server's API and run every code cell of notebook 03 in it (the quizzes are built;
nobody clicks). It prints per N:
  - seconds from the first login until every server answered, and until every participant's
    notebook 03 had run;
  - memory per participant: the resident memory (RSS) of all of an account's processes (its
    server and kernel) after the run, median and largest, plus the hub and proxy's own;
  - the share of the machine's cores used meanwhile (CPU time of the hub, proxy and every
    participant's processes over wall time × cores).
Then it stops the hub and removes the accounts it made, whatever happened (also on Ctrl+C or
after --timeout seconds per N). Needs root and the participants' venv (`make hub-venv`).

Usage: sudo .venv/bin/python benchmarks/hub.py [--participants 10,20,40] [--timeout 900]
"""

from __future__ import annotations

import argparse
import concurrent.futures
import csv
import json
import os
import secrets
import shutil
import signal
import socket
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from hrdtrain.hub import control, folder  # noqa: E402
from hrdtrain.hub.python_env import check_venv, test_venv  # noqa: E402

NOTEBOOK = REPO / "notebooks" / "03_police_enforcing_the_law.ipynb"
CLOCK = os.sysconf("SC_CLK_TCK")
PAGE = os.sysconf("SC_PAGE_SIZE")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def processes_of(uids: set[int]) -> dict[int, list[int]]:
    found: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                uid = entry.stat().st_uid
            except OSError:
                continue
            if uid in uids:
                found.setdefault(uid, []).append(int(entry.name))
    return found


def rss(pid: int) -> int:
    try:
        return int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * PAGE
    except (OSError, IndexError, ValueError):
        return 0


def cpu_seconds(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12]) + int(fields[13]) + int(fields[14])) / CLOCK  # utime stime cutime cstime
    except (OSError, IndexError, ValueError):
        return 0.0


def code_cells() -> list[str]:
    nb = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    return ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code"]


def participant(url: str, login: str, password: str, cells: list[str], timings: dict) -> None:
    """One simulated participant: log in, wait for the server, run notebook 03's code in a kernel."""
    import requests
    import websocket

    session = requests.Session()
    session.get(url + "hub/login", timeout=60)
    reply = session.post(url + "hub/login", data={"username": login, "password": password, "_xsrf": session.cookies.get("_xsrf")}, timeout=300)
    reply.raise_for_status()
    deadline = time.monotonic() + 600
    while True:
        reply = session.get(url + f"user/{login}/api/status", timeout=60)
        if reply.status_code == 200 and reply.headers.get("content-type", "").startswith("application/json"):
            break
        if reply.status_code == 403:
            session.get(url + f"user/{login}/lab", timeout=60)
        if time.monotonic() > deadline:
            raise TimeoutError(f"{login}: server not ready")
        time.sleep(0.5)
    timings["ready"] = time.monotonic()
    xsrf = session.cookies.get("_xsrf", path=f"/user/{login}/") or session.cookies.get("_xsrf")
    headers = {"X-XSRFToken": xsrf} if xsrf else {}
    kernel = session.post(url + f"user/{login}/api/kernels", json={"name": "python3"}, headers=headers, timeout=120).json()
    cookie = "; ".join(f"{c.name}={c.value}" for c in session.cookies)
    ws_url = url.replace("http", "ws", 1) + f"user/{login}/api/kernels/{kernel['id']}/channels"
    ws = websocket.create_connection(ws_url, header=[f"Cookie: {cookie}"] + ([f"X-XSRFToken: {xsrf}"] if xsrf else []), timeout=300)
    try:
        for code in cells:
            msg_id = uuid.uuid4().hex
            ws.send(json.dumps({
                "header": {"msg_id": msg_id, "msg_type": "execute_request", "username": login, "session": uuid.uuid4().hex, "version": "5.3", "date": ""},
                "parent_header": {}, "metadata": {}, "channel": "shell", "buffers": [],
                "content": {"code": code, "silent": False, "store_history": False, "user_expressions": {}, "allow_stdin": False, "stop_on_error": True},
            }))
            while True:
                message = json.loads(ws.recv())
                if message.get("parent_header", {}).get("msg_id") == msg_id and message.get("msg_type") == "execute_reply":
                    if message["content"].get("status") != "ok":
                        raise RuntimeError(f"{login}: a cell failed: {message['content'].get('ename')}: {message['content'].get('evalue')}")
                    break
    finally:
        ws.close()
    timings["ran"] = time.monotonic()


def measure(n: int, venv: Path, timeout: float) -> dict:
    import pwd

    work = Path(tempfile.mkdtemp(prefix="hrdtrain-hub-bench-", dir="/tmp"))
    os.chmod(work, 0o755)
    tag = secrets.token_hex(2)
    roster = work / "roster.csv"
    roster.write_text("name,role\n" + "".join(f"bench{tag}{i:02d},learner\n" for i in range(n)), encoding="utf-8")
    directory = work / "hub"

    def give_up(*_):
        raise TimeoutError(f"N={n}: not done within {timeout:.0f} s")

    signal.signal(signal.SIGALRM, give_up)
    signal.alarm(int(timeout))
    try:
        folder.init_hub(roster, directory, venv=venv, log=lambda *_: None)
        url = control.start_hub(directory, port=free_port(), log=lambda *_: None)
        with open(directory / "passwords.csv", encoding="utf-8") as f:
            passwords = {row["login"]: row["password"] for row in csv.DictReader(f)}
        uids = {pwd.getpwnam(login).pw_uid for login in passwords}
        hub_pids = [int((directory / "hub" / name).read_text()) for name in ("jupyterhub.pid", "proxy.pid")]
        cpu_before = sum(cpu_seconds(p) for p in hub_pids)
        cells = code_cells()
        timings = {login: {} for login in passwords}
        start = time.monotonic()
        failures: list[str] = []
        with concurrent.futures.ThreadPoolExecutor(max_workers=n) as pool:
            futures = {pool.submit(participant, url, login, passwords[login], cells, timings[login]): login for login in passwords}
            for future, login in futures.items():
                try:
                    future.result()
                except Exception as exc:  # one participant's failure is a figure too
                    failures.append(f"{login}: {exc}")
        end = time.monotonic()
        failed_logins = [f.split(":", 1)[0] for f in failures]
        log = [line.strip()[:240] for line in (directory / "hub" / "hub.log").read_text(errors="replace").splitlines()]
        # The proxy's own errors ("503 POST /hub/login Timeout in request queue"), and the hub's for
        # those who failed (its "slow to become responsive" warnings come for everyone: left out).
        proxy_errors = [line for line in log if "configurable_http_proxy]" in line and " 503 " in line]
        hub_errors = [
            line for line in log
            if line not in proxy_errors
            and ((line.startswith("[E ") and any(login in line for login in failed_logins)) or "Giving up" in line or "Too many" in line)
        ]
        per_account = processes_of(uids)
        memory = [sum(rss(p) for p in pids) for pids in per_account.values()]
        cpu = sum(cpu_seconds(p) for pids in per_account.values() for p in pids) + sum(cpu_seconds(p) for p in hub_pids) - cpu_before
        done = [t for t in timings.values() if "ran" in t]
        return {
            "participants": n,
            "failed": len(failures),
            "seen": failures[:5],
            "proxy_503": len(proxy_errors),
            "log": proxy_errors[:3] + hub_errors[:3],
            "all_ready_s": max((t["ready"] for t in timings.values() if "ready" in t), default=float("nan")) - start,
            "all_ran_s": max((t["ran"] for t in done), default=float("nan")) - start,
            "rss_median_mb": statistics.median(memory) / 1e6 if memory else 0,
            "rss_max_mb": max(memory) / 1e6 if memory else 0,
            "hub_proxy_mb": sum(rss(p) for p in hub_pids) / 1e6,
            "cpu_share": cpu / ((end - start) * os.cpu_count()),
            "cores": os.cpu_count(),
        }
    finally:
        signal.alarm(0)
        control.remove_hub(directory)
        shutil.rmtree(work, ignore_errors=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--participants", default="10,20,40", help="comma-separated N (default 10,20,40)")
    parser.add_argument("--timeout", type=float, default=900, help="seconds per N before it gives up and cleans up")
    parser.add_argument("--venv", type=Path, default=None, help="participants' venv (default: the tests', made by make hub-venv)")
    args = parser.parse_args()
    if os.geteuid() != 0:
        print("benchmarks/hub.py makes system accounts: run it as root", file=sys.stderr)
        return 2
    venv = args.venv or test_venv()
    check_venv(venv)
    print(f"{'N':>4} {'all ready':>10} {'all ran 03':>11} {'RSS/participant (median, max)':>31} {'hub+proxy':>10} {'CPU share':>10}")
    for n in [int(x) for x in args.participants.split(",")]:
        r = measure(n, venv, args.timeout)
        print(
            f"{r['participants']:>4} {r['all_ready_s']:>9.1f}s {r['all_ran_s']:>10.1f}s "
            f"{r['rss_median_mb']:>17.0f} MB, {r['rss_max_mb']:>5.0f} MB {r['hub_proxy_mb']:>7.0f} MB {r['cpu_share']:>9.0%} of {r['cores']} cores",
            flush=True,
        )
        if r["failed"] or r["proxy_503"]:
            print(f"       {r['failed']} of {n} participants did not get a server or could not run notebook 03 (times above: the others); the proxy answered 503 {r['proxy_503']} time(s).", flush=True)
            for line in r["seen"]:
                print(f"         participant: {line}", flush=True)
            for line in r["log"]:
                print(f"         hub.log: {line}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
