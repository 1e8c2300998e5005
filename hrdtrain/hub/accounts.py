"""The hub's system accounts: made for the roster, recorded, and removed by us only.

Every account is `hrd-` + the roster name, made with `useradd`, with its own home (mode 0700:
no other participant can open it) and a generated password set with `chpasswd`. Trainers are
also in the group `hrd-trainers`, which can read the share drop folder. What we made is written
to the hub's private folder (`accounts.json`) right after each step, so `hrdtrain hub remove`
(and the tests) delete exactly those accounts and never one that existed before.
"""

from __future__ import annotations

import grp
import json
import os
import pwd
import secrets
import shutil
import subprocess
from pathlib import Path

from ..errors import ReportedError
from .roster import Participant

TRAINERS_GROUP = "hrd-trainers"
PASSWORD_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i: read aloud, typed from paper


class AccountError(ReportedError, RuntimeError):
    """An account could not be made or removed; says which and why."""


def generate_password() -> str:
    """12 random characters from an unambiguous alphabet, in groups of four (about 59 bits)."""
    chars = "".join(secrets.choice(PASSWORD_ALPHABET) for _ in range(12))
    return "-".join(chars[i : i + 4] for i in range(0, 12, 4))


def _run(command: list[str], what: str, stdin: str | None = None) -> None:
    tool = shutil.which(command[0]) or f"/usr/sbin/{command[0]}"
    if not os.path.exists(tool):
        raise AccountError(f"{what}: the command {command[0]} is missing (Debian: apt-get install passwd)")
    done = subprocess.run([tool, *command[1:]], input=stdin, capture_output=True, text=True)
    if done.returncode != 0:
        raise AccountError(f"{what}: {command[0]} failed: {done.stderr.strip() or done.stdout.strip()}")


def exists(account: str) -> bool:
    try:
        pwd.getpwnam(account)
        return True
    except KeyError:
        return False


def group_exists(name: str) -> bool:
    try:
        grp.getgrnam(name)
        return True
    except KeyError:
        return False


class Record:
    """accounts.json in the hub's private folder: the accounts and groups hrdtrain made."""

    def __init__(self, path: Path):
        self.path = path
        data = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
        self.accounts: list[str] = list(data.get("accounts", []))
        self.groups: list[str] = list(data.get("groups", []))
        self.trainers: list[str] = list(data.get("trainers", []))

    def save(self) -> None:
        data = {"accounts": self.accounts, "groups": self.groups, "trainers": self.trainers}
        temporary = self.path.with_suffix(".tmp")
        fd = os.open(temporary, os.O_CREAT | os.O_TRUNC | os.O_WRONLY, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(data, f, indent=1)
        os.replace(temporary, self.path)


def check_free(people: list[Participant], record: Record) -> None:
    """Refuses accounts that exist but are not ours (a real user, another hub's participant)."""
    taken = [p for p in people if exists(p.account) and p.account not in record.accounts]
    if taken:
        lines = [f"line {p.line}: {p.name!r}: the account {p.account} already exists and was not made by this hub" for p in taken]
        raise AccountError("\n".join(lines) + "\nchoose other names, or remove those accounts first (userdel -r ACCOUNT)")


def create_accounts(people: list[Participant], record: Record) -> dict[str, str]:
    """Makes (or, for accounts of this hub, keeps) every participant's account; returns account -> new password."""
    if os.geteuid() != 0:
        raise AccountError("making system accounts needs root: run it with sudo (sudo hrdtrain hub init ...)")
    check_free(people, record)
    if not group_exists(TRAINERS_GROUP):
        _run(["groupadd", "--system", TRAINERS_GROUP], f"group {TRAINERS_GROUP}")
        record.groups.append(TRAINERS_GROUP)
        record.save()
    passwords: dict[str, str] = {}
    for p in people:
        if not exists(p.account):
            _run(["useradd", "--create-home", "--user-group", "--shell", "/bin/bash", "--comment", "hrdtrain hub participant", p.account], f"line {p.line}: {p.name!r}")
            record.accounts.append(p.account)
            record.save()
        home = Path(pwd.getpwnam(p.account).pw_dir)
        os.chmod(home, 0o700)
        if p.role == "trainer":
            _run(["usermod", "--append", "--groups", TRAINERS_GROUP, p.account], f"line {p.line}: {p.name!r}")
            if p.account not in record.trainers:
                record.trainers.append(p.account)
                record.save()
        password = generate_password()
        _run(["chpasswd"], f"line {p.line}: {p.name!r}: password", stdin=f"{p.account}:{password}\n")
        passwords[p.account] = password
    return passwords


def remove_accounts(record: Record) -> list[str]:
    """Deletes the accounts (with their homes) and groups this hub made; returns what was removed."""
    removed = []
    for account in list(record.accounts):
        if exists(account):
            subprocess.run(["pkill", "-KILL", "-u", account], capture_output=True)
            _run(["userdel", "--remove", account], f"account {account}")
        record.accounts.remove(account)
        removed.append(account)
        record.save()
    for group in list(record.groups):
        if group_exists(group):
            _run(["groupdel", group], f"group {group}")
        record.groups.remove(group)
        record.save()
    return removed
