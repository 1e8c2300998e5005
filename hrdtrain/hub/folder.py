"""`hrdtrain hub init`: the hub folder, made from a roster.

    DIR/                      0755 root: the participants' servers read venv/, jupyter/, exchange/, share/
      passwords.csv           0600: name,login,password, to print and hand out
      hub/                    0700: what only the hub (root) reads
        jupyterhub_config.py  0600: the one readable JupyterHub configuration
        jupyterhub_cookie_secret, proxy_token, jupyterhub.sqlite (made at start, umask 077), accounts.json, hub.log
      venv/                   the participants' Python (or --venv: one made before)
      jupyter/learner/        Jupyter settings every participant's server adds to the course's own:
                              nbgrader's exchange and course id, the Assignments tab
      jupyter/trainer/        the same for trainers: nbgrader's menus and formgrader (its tab is a frame:
                              jupyter_server_config.json allows frames from the trainer's own server)
      exchange/hrdtrain/      nbgrader's exchange for the one course (2775 root:hrd-trainers: every trainer
                              releases, collects and returns feedback)
      grading/                2770 root:hrd-trainers: the course's nbgrader folder, shared by every trainer
                              (solutions/, exercises/, nbgrader_config.py, then the gradebook, submitted/,
                              autograded/, feedback/); nbgrader's groupshared mode keeps what it writes
                              group-writable, and trainers' servers run with umask 002. Each trainer
                              sees it as ~/hrdtrain-course/grading (a link). Made once, never overwritten.
      share/                  the drop folder of anonymous results: participants may write into it
                              but not list or read it (3773 root:hrd-trainers); trainers read it
"""

from __future__ import annotations

import csv
import datetime
import io
import json
import os
import secrets
import sys
from pathlib import Path

from ..errors import ReportedError
from . import accounts
from .python_env import check_venv, make_venv
from .roster import Participant, read_roster

COURSE_ID = "hrdtrain"
START_URL = "/lab/tree/notebooks/00_start_here.ipynb"


class HubFolderError(ReportedError, RuntimeError):
    pass


class HubFolder:
    """The paths of a hub folder, in one place."""

    def __init__(self, root: str | Path):
        self.root = Path(root).absolute()

    hub = property(lambda self: self.root / "hub")
    config = property(lambda self: self.hub / "jupyterhub_config.py")
    cookie_secret = property(lambda self: self.hub / "jupyterhub_cookie_secret")
    proxy_token = property(lambda self: self.hub / "proxy_token")
    database = property(lambda self: self.hub / "jupyterhub.sqlite")
    record = property(lambda self: self.hub / "accounts.json")
    settings = property(lambda self: self.hub / "settings.json")
    pid_file = property(lambda self: self.hub / "jupyterhub.pid")
    proxy_pid_file = property(lambda self: self.hub / "proxy.pid")
    log = property(lambda self: self.hub / "hub.log")
    passwords = property(lambda self: self.root / "passwords.csv")
    jupyter = property(lambda self: self.root / "jupyter")
    exchange = property(lambda self: self.root / "exchange")
    grading = property(lambda self: self.root / "grading")
    share = property(lambda self: self.root / "share")

    def read_settings(self) -> dict:
        if not self.settings.is_file():
            raise HubFolderError(f"{self.root} is not a hub folder (no hub/settings.json): make one with hrdtrain hub init ROSTER.csv --dir {self.root}")
        return json.loads(self.settings.read_text(encoding="utf-8"))


def _write_private(path: Path, text: str) -> None:
    """Written owner-only from the first byte (never world-readable, even for a moment)."""
    temporary = path.with_name(path.name + ".tmp")
    fd = os.open(temporary, os.O_CREAT | os.O_TRUNC | os.O_WRONLY, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
        f.write(text)
    os.replace(temporary, path)


def _write_public(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    os.chmod(path, 0o644)


def passwords_csv(people: list[Participant], passwords: dict[str, str]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["name", "login", "password", "role"])
    for p in people:
        writer.writerow([p.name, p.account, passwords[p.account], p.role])
    return out.getvalue()


def hub_config(folder: HubFolder, venv: Path, logins: list[str], python: str) -> str:
    """The jupyterhub_config.py of this hub: every choice named, with why, in one readable file."""
    return f'''# JupyterHub configuration of an hrdtrain workshop server, written by `hrdtrain hub init`
# on {datetime.date.today().isoformat()}. Run `hrdtrain hub init` again rather than editing it: it is rewritten.
# `hrdtrain hub start` gives the address, the port, TLS and the internal ports on its command line.
c = get_config()  # noqa: F821

HUB = {str(folder.hub)!r}
c.JupyterHub.db_url = "sqlite:///" + HUB + "/jupyterhub.sqlite"
c.JupyterHub.cookie_secret_file = HUB + "/jupyterhub_cookie_secret"
c.JupyterHub.pid_file = HUB + "/jupyterhub.pid"
c.JupyterHub.hub_ip = "127.0.0.1"  # the hub's own API: this machine only
# No news, no update checks: the hub asks nothing of the internet.
c.JupyterHub.allow_named_servers = False
c.JupyterHub.cleanup_servers = True  # stopping the hub stops every participant's server
c.JupyterHub.cleanup_proxy = True

# The pure-Python configurable-http-proxy (no Node.js needed), started and stopped by the hub,
# through hrdtrain.hub.proxy: it forwards up to 400 requests at once instead of 10, waits up to
# 10 minutes for an answer instead of 20 s (both limits gave 503s when a room logged in at once),
# and serves TLS with `hrdtrain hub start --cert --key` (configurable-http-proxy 0.4.0 refuses it).
c.ConfigurableHTTPProxy.command = [{python!r}, "-m", "hrdtrain.hub.proxy"]
c.ConfigurableHTTPProxy.pid_file = HUB + "/proxy.pid"
with open(HUB + "/proxy_token", encoding="utf-8") as _token:
    c.ConfigurableHTTPProxy.auth_token = _token.read().strip()

# Who may log in: the system accounts made for the roster, checked by PAM (JupyterHub's own
# authenticator for system accounts); nobody else, and nobody is a hub admin (an admin could
# open every participant's server).
c.JupyterHub.authenticator_class = "pam"
c.PAMAuthenticator.open_sessions = False
c.Authenticator.allowed_users = {set(logins)!r}
c.Authenticator.admin_users = set()

# Each participant's server runs as their own account, in their own home (0700), with the
# course's Jupyter settings (hrdtrain.hub.singleuser), and opens notebook 00.
c.JupyterHub.spawner_class = "localprocess"
c.Spawner.cmd = [{str(venv / "bin" / "python")!r}, "-m", "hrdtrain.hub.singleuser"]
c.Spawner.default_url = {START_URL!r}
c.Spawner.environment = {{"HRDTRAIN_HUB_DIR": {str(folder.root)!r}}}
c.Spawner.start_timeout = 120
c.Spawner.http_timeout = 120
'''


def nbgrader_settings(folder: HubFolder) -> str:
    return f'''# nbgrader on the hrdtrain hub: one course, its exchange in the hub folder (hrdtrain hub init).
import os
c = get_config()  # noqa: F821
c.CourseDirectory.course_id = {COURSE_ID!r}
c.Exchange.root = {str(folder.exchange)!r}
c.Exchange.path_includes_course = False
# Where fetched assignments and feedback go: the participant's course folder, which is also their
# JupyterLab's root. nbgrader's default is the current folder, and a server started by the hub
# runs in the home folder, so the Assignments tab would fetch into ~ (outside JupyterLab's view).
c.Exchange.assignment_dir = os.path.expanduser("~/hrdtrain-course")
'''


LEARNER_PAGE_CONFIG = {
    # The course hides nbgrader from learners; on the hub they need its Assignments tab (fetch, submit, feedback).
    "disabledExtensions": {
        "@jupyter/nbgrader": False,
        "@jupyter/nbgrader:create-assignment": True,
        "@jupyter/nbgrader:formgrader": True,
        "@jupyter/nbgrader:validate-assignment": True,
        "@jupyter/nbgrader:course-list": True,
    }
}
# A trainer's server reads the learners' settings too (after the trainers'): every part of
# nbgrader the learners' settings turn off is turned on again here, by name.
TRAINER_PAGE_CONFIG = {"disabledExtensions": {name: False for name in LEARNER_PAGE_CONFIG["disabledExtensions"]}}
# JupyterHub (4.1+) forbids every page of a participant's server to be shown in a frame, even
# inside their own JupyterLab; the Formgrader tab is such a frame (nbgrader#1870). Trainers' servers
# allow frames from the same server ('self', Jupyter Server's own default); learners' keep 'none'.
TRAINER_SERVER_CONFIG = {"ServerApp": {"tornado_settings": {"headers": {"Content-Security-Policy": "frame-ancestors 'self'"}}}}


def trainer_nbgrader_settings() -> str:
    return '''# The trainers' course folder on the hub, shared: ~/hrdtrain-course/grading, a link to the hub's
# grading/ (solutions/, gradebook, submitted/). Inside JupyterLab's root, as formgrader requires.
import os
c = get_config()  # noqa: F821
c.CourseDirectory.root = os.path.expanduser("~/hrdtrain-course/grading")
c.CourseDirectory.groupshared = True
'''


def _make_grading(folder: HubFolder) -> None:
    """The trainers' shared nbgrader course folder, made once from the course's solutions/ and
    exercises/ (trainers only: the solutions carry the hidden tests). Never remade: the gradebook
    and the collected work live there."""
    import grp
    import shutil

    from ..course_files import checkout_root

    root = checkout_root()
    target = folder.grading
    if root is None or (target / "nbgrader_config.py").exists():
        return  # an installed course carries no solutions (docs/workshop-server.md: copy them in)
    target.mkdir(exist_ok=True)
    for name in ("solutions", "exercises"):
        shutil.copytree(root / name, target / name, ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"), dirs_exist_ok=True)
    config = (root / "nbgrader_config.py").read_text(encoding="utf-8")
    config += (
        "\n# On the hrdtrain hub (hrdtrain hub init): the exchange is the hub's shared folder, and this\n"
        "# course folder is shared by every trainer (group hrd-trainers): nbgrader keeps what it writes\n"
        "# group-writable (its groupshared mode).\n"
        f"c.Exchange.root = {str(folder.exchange)!r}\n"
        "c.Exchange.path_includes_course = False\n"
        "c.CourseDirectory.groupshared = True\n"
    )
    (target / "nbgrader_config.py").write_text(config, encoding="utf-8")
    # SQLite makes a database 0644 whatever the umask, and its journals copy that mode: an empty
    # file made here (nbgrader fills it on first use) keeps the gradebook writable for the group.
    (target / "gradebook.db").touch()
    gid = grp.getgrnam(accounts.TRAINERS_GROUP).gr_gid
    for path in (target, *target.rglob("*")):
        os.chown(path, 0, gid)
        os.chmod(path, 0o2770 if path.is_dir() else 0o660)


def init_hub(roster: str | Path, directory: str | Path, venv: str | Path | None = None, log=print) -> HubFolder:
    """Makes (or remakes, for the same roster's folder) a hub folder; see the module's docstring."""
    people = read_roster(roster)
    if os.geteuid() != 0:
        raise HubFolderError("a hub makes system accounts and runs servers as them: run it as root (sudo hrdtrain hub init ...)")
    folder = HubFolder(directory)
    if folder.root.exists() and any(folder.root.iterdir()) and not folder.settings.exists():
        raise HubFolderError(f"{folder.root} is not empty and not a hub folder: give a new or empty folder")
    trainers = [p for p in people if p.role == "trainer"]
    folder.root.mkdir(parents=True, exist_ok=True)
    os.chmod(folder.root, 0o755)
    folder.hub.mkdir(mode=0o700, exist_ok=True)
    os.chmod(folder.hub, 0o700)

    # The participants' Python first: it may fail for want of a system Python, before any account exists.
    if venv:
        venv = Path(venv).absolute()
        check_venv(venv)
    else:
        venv = folder.root / "venv"
        log(f"Installing the course for every participant into {venv} (needs the internet once) ...")
        make_venv(venv)

    record = accounts.Record(folder.record)
    log(f"Making {len(people)} account(s) ({', '.join(p.account for p in people)}) ...")
    passwords = accounts.create_accounts(people, record)
    _write_private(folder.passwords, passwords_csv(people, passwords))

    if not folder.cookie_secret.exists():
        _write_private(folder.cookie_secret, secrets.token_hex(32) + "\n")
    if not folder.proxy_token.exists():
        _write_private(folder.proxy_token, secrets.token_hex(32) + "\n")
    if not (Path(sys.executable).parent / "configurable-http-proxy").exists():
        raise HubFolderError(f"{Path(sys.executable).parent / 'configurable-http-proxy'} is missing: install the hub extra where hrdtrain runs (pip install 'hrdtrain[hub]')")
    _write_private(folder.config, hub_config(folder, venv, [p.account for p in people], sys.executable))

    # Settings every participant's server reads (public: no secrets in them).
    _write_public(folder.jupyter / "learner" / "nbgrader_config.py", nbgrader_settings(folder))
    _write_public(folder.jupyter / "learner" / "labconfig" / "page_config.json", json.dumps(LEARNER_PAGE_CONFIG, indent=1) + "\n")
    _write_public(folder.jupyter / "trainer" / "nbgrader_config.py", trainer_nbgrader_settings())
    _write_public(folder.jupyter / "trainer" / "labconfig" / "page_config.json", json.dumps(TRAINER_PAGE_CONFIG, indent=1) + "\n")
    _write_public(folder.jupyter / "trainer" / "jupyter_server_config.json", json.dumps(TRAINER_SERVER_CONFIG, indent=1) + "\n")
    for sub in ("jupyter", "jupyter/learner", "jupyter/learner/labconfig", "jupyter/trainer", "jupyter/trainer/labconfig"):
        os.chmod(folder.root / sub, 0o755)

    # nbgrader's exchange: nbgrader insists on a root folder anyone may write (0777); the sticky
    # bit keeps anyone from renaming or deleting what is not theirs, and the course's folder is
    # made here, for the trainers' group (setgid: what they make in it stays theirs), so no
    # learner can make it first and own it. A trainer's release then makes outbound/ (readable)
    # and inbound/ (writable, not listable by learners: nbgrader's own modes, plus read for the
    # group in its groupshared mode, so any trainer collects).
    import grp

    trainers_gid = grp.getgrnam(accounts.TRAINERS_GROUP).gr_gid
    folder.exchange.mkdir(exist_ok=True)
    os.chmod(folder.exchange, 0o1777)
    course = folder.exchange / COURSE_ID
    course.mkdir(exist_ok=True)
    os.chown(course, 0, trainers_gid)
    os.chmod(course, 0o2775)

    # The drop folder for anonymous results: write and enter for all, read (list) for trainers,
    # setgid so each file belongs to hrd-trainers, sticky so nobody deletes another's file.
    folder.share.mkdir(exist_ok=True)
    os.chown(folder.share, 0, trainers_gid)
    os.chmod(folder.share, 0o3773)

    # The trainers' shared course folder (solutions with hidden tests: trainers only).
    _make_grading(folder)

    settings = {
        "venv": str(venv),
        "participants": [{"name": p.name, "login": p.account, "role": p.role} for p in people],
        "trainers": [p.account for p in trainers],
        "course_id": COURSE_ID,
    }
    _write_private(folder.settings, json.dumps(settings, indent=1) + "\n")
    return folder
