"""The roster of a hub: a CSV file with the columns `name,role`, one participant a line.

Every problem is reported with the file, the line and what was expected, all at once, so a
facilitator fixes the file in one go. Names become system accounts (`hrd-NAME`), so they must
be POSIX account names: lower-case letters, digits, `_` and `-`, starting with a letter or `_`.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import ReportedError

ROLES = ("learner", "trainer")
ACCOUNT_PREFIX = "hrd-"
"""Every account the hub makes starts with this, so it can never be a real user's account."""
MAX_ACCOUNT = 32  # useradd's limit on Linux
NAME = re.compile(r"^[a-z_][a-z0-9_-]*$")


class RosterError(ReportedError, ValueError):
    """The roster cannot be used; the message lists every problem, one a line."""


@dataclass(frozen=True)
class Participant:
    name: str
    role: str
    line: int

    @property
    def account(self) -> str:
        return ACCOUNT_PREFIX + self.name


def read_roster(path: str | Path) -> list[Participant]:
    """The participants of a roster file, or RosterError naming every bad line."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise RosterError(f"{path}: no such file (expected a CSV with the columns name,role)") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise RosterError(f"{path}: cannot be read as UTF-8 text ({exc})") from None
    rows = list(csv.reader(text.splitlines()))
    if not rows or [c.strip().lower() for c in rows[0]] != ["name", "role"]:
        found = ",".join(rows[0]) if rows else "an empty file"
        raise RosterError(f"{path}:1: the first line must be the header 'name,role' (found {found!r})")
    problems: list[str] = []
    seen: dict[str, int] = {}
    people: list[Participant] = []
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != 2:
            problems.append(f"{path}:{number}: expected 2 fields (name,role), found {len(row)}")
            continue
        name, role = row[0].strip(), row[1].strip().lower()
        where = f"{path}:{number}: {name!r}"
        bad = False
        if not NAME.match(name):
            problems.append(
                f"{where}: name: not a valid account name: use lower-case letters a-z, digits, '_' and '-', "
                "starting with a letter or '_' (no spaces, capitals or accents)"
            )
            bad = True
        elif len(ACCOUNT_PREFIX + name) > MAX_ACCOUNT:
            problems.append(f"{where}: name: too long: at most {MAX_ACCOUNT - len(ACCOUNT_PREFIX)} characters")
            bad = True
        if role not in ROLES:
            problems.append(f"{where}: role: expected 'learner' or 'trainer', found {row[1].strip()!r}")
            bad = True
        if name in seen:
            problems.append(f"{where}: name: duplicate of line {seen[name]}: every participant needs a name of their own")
            bad = True
        seen.setdefault(name, number)
        if not bad:
            people.append(Participant(name, role, number))
    if not problems and not people:
        problems.append(f"{path}: no participants: add one line per participant after the header, e.g. 'amal,learner'")
    if problems:
        raise RosterError("\n".join(problems))
    return people
