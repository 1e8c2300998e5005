"""A real JupyterHub made by `hrdtrain hub init` with throw-away system accounts, for the hub tests.

One hub for the whole session (starting participants' servers is the slow part): two learners
and two trainers (Omar's server is never started: he grades in a terminal), with names made for this run (hrd-<name><random>), on a free port of 127.0.0.1.
It needs root (useradd, servers run as the accounts) and the participants' venv that
`make hub-venv` makes; without them the tests skip and say why. Whatever happens, the hub is
stopped and the accounts it made are removed, with their homes.
"""

from __future__ import annotations

import csv
import os
import secrets
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from chromium import launched_chromium



def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def why_not() -> str | None:
    if os.geteuid() != 0:
        return "the hub tests make system accounts and run servers as them: they need root (CI runs as root)"
    for tool in ("/usr/sbin/useradd", "/usr/sbin/runuser"):
        if not os.path.exists(tool):
            return f"{tool} is missing"
    from hrdtrain.hub.python_env import PythonEnvError, check_venv, test_venv

    try:
        check_venv(test_venv())
    except PythonEnvError as exc:
        return f"no participants' venv for the tests ({exc}); `make hub-venv` makes it"
    return None


@dataclass
class Hub:
    dir: Path
    url: str
    port: int
    venv: Path
    logins: dict[str, str]  # roster name -> login
    passwords: dict[str, str] = field(default_factory=dict)  # login -> password

    def as_user(self, login: str, *command: str, cwd: str | None = None, trainer: bool = False, extra: dict | None = None, timeout: float = 120) -> subprocess.CompletedProcess:
        """Runs `command` as the participant, with the environment their server gives its terminals."""
        home = f"/home/{login}"
        settings = [str(self.dir / "jupyter" / "trainer")] if trainer else []
        settings.append(str(self.dir / "jupyter" / "learner"))
        env = {
            "HOME": home, "USER": login, "LOGNAME": login, "JUPYTERHUB_USER": login,
            "PATH": f"{self.venv}/bin:/usr/bin:/bin", "JUPYTER_CONFIG_PATH": os.pathsep.join(settings),
            "HRDTRAIN_HUB_DIR": str(self.dir), "PYTHONPATH": os.environ.get("PYTHONPATH", ""), "LANG": "C.UTF-8",
            **(extra or {}),
        }
        if trainer:  # as in a trainer's server (hrdtrain.hub.singleuser): the shared course folder stays group-writable
            command = ("/bin/sh", "-c", 'umask 002 && exec "$@"', "sh", *command)
        argv = ["/usr/sbin/runuser", "-u", login, "--", "/usr/bin/env", "-i", *[f"{k}={v}" for k, v in env.items()], *command]
        return subprocess.run(argv, cwd=cwd or "/", capture_output=True, text=True, timeout=timeout)

    def trainer(self, *command: str, who: str = "tina", timeout: float = 300) -> subprocess.CompletedProcess:
        """Runs `command` as a trainer (Tina unless `who` says), in the trainers' shared course folder:
        ~/hrdtrain-course/grading, the link a trainer's server makes when it first starts, else the
        hub's grading/ itself."""
        login = self.logins[who]
        link = Path(f"/home/{login}/hrdtrain-course/grading")
        cwd = link if link.is_dir() else self.dir / "grading"
        done = self.as_user(login, *command, cwd=str(cwd), trainer=True, timeout=timeout)
        assert done.returncode == 0, f"{command}: {done.stdout[-2000:]}{done.stderr[-2000:]}"
        return done

    def login(self, login: str):
        """A requests session logged in to the hub as `login`, with its server started and open."""
        import requests

        session = requests.Session()
        session.get(self.url + "hub/login", timeout=30)
        reply = session.post(self.url + "hub/login", data={"username": login, "password": self.passwords[login], "_xsrf": session.cookies.get("_xsrf")}, timeout=60)
        assert reply.status_code == 200, reply.text[:300]
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            reply = session.get(self.url + f"user/{login}/api/status", timeout=30)
            if reply.status_code == 200 and reply.headers.get("content-type", "").startswith("application/json"):
                return session
            if reply.status_code == 403:  # the server is up, this session has no cookie for it yet
                session.get(self.url + f"user/{login}/lab", timeout=30)
            time.sleep(0.5)
        raise AssertionError(f"{login}'s server did not start; hub log:\n{(self.dir / 'hub' / 'hub.log').read_text()[-3000:]}")


@pytest.fixture(scope="session")
def hub():
    reason = why_not()
    if reason:
        pytest.skip(reason)
    from hrdtrain.hub import control, folder
    from hrdtrain.hub.python_env import test_venv

    tag = secrets.token_hex(2)
    names = {"amal": f"amal{tag}", "bo": f"bo{tag}", "tina": f"tina{tag}", "omar": f"omar{tag}"}
    work = Path(tempfile.mkdtemp(prefix="hrdtrain-hub-test-", dir="/tmp"))
    os.chmod(work, 0o755)  # the participants' servers open DIR/jupyter, DIR/exchange, DIR/share
    roster = work / "roster.csv"
    roster.write_text(f"name,role\n{names['amal']},learner\n{names['bo']},learner\n{names['tina']},trainer\n{names['omar']},trainer\n", encoding="utf-8")
    directory = work / "hub"
    venv = test_venv()
    try:
        folder.init_hub(roster, directory, venv=venv, log=lambda *_: None)
        port = free_port()
        url = control.start_hub(directory, port=port, log=lambda *_: None)
        made = Hub(directory, url, port, venv, {k: "hrd-" + v for k, v in names.items()})
        with open(directory / "passwords.csv", encoding="utf-8") as f:
            made.passwords = {row["login"]: row["password"] for row in csv.DictReader(f)}
        yield made
    finally:
        try:
            control.remove_hub(directory)
        finally:
            shutil.rmtree(work, ignore_errors=True)


ASSIGNMENT = "02_international_standards"


@pytest.fixture(scope="session")
def released(hub):
    """Assignment 02 released once by the trainer, from her grading folder, for every exchange test;
    returns her requests session (logged in, her server running)."""
    session = hub.login(hub.logins["tina"])  # her server links ~/hrdtrain-course/grading to the trainers' shared folder
    hub.trainer("nbgrader", "release_assignment", ASSIGNMENT)
    return session


@pytest.fixture(scope="session")
def hidden_lines() -> list[str]:
    """Every line of assignment 02's hidden tests (what a learner must never see)."""
    import nbformat

    solution = Path(__file__).resolve().parents[2] / "solutions" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
    lines = []
    for cell in nbformat.read(solution, as_version=4).cells:
        if "### BEGIN HIDDEN TESTS" in cell.source:
            hidden = cell.source.split("### BEGIN HIDDEN TESTS", 1)[1].split("### END HIDDEN TESTS", 1)[0]
            lines += [line.strip() for line in hidden.splitlines() if len(line.strip()) > 12]
    assert lines, "assignment 02 has hidden tests"
    return lines


@pytest.fixture(scope="module")  # Playwright's sync API keeps an event loop running while it is open
def chromium():
    with launched_chromium() as browser:
        yield browser
