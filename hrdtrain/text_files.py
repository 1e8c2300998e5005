"""Plain-text reports that a learner saves: formatting, and saving that never overwrites.

The statement workshop and the engagement plan both let a learner keep their work as a .txt
file. Both write through `save_text`, which answers with a message for the learner whatever
happens (saved, name taken, bad name, disk error), so a widget only has to show it. The file:
- has a name that is valid on Windows, macOS and Linux alike (the learner may copy it to a USB
  stick or another computer), without a folder in it;
- is created in one step, never over an existing file and never through a symbolic link, even
  a dangling one (O_CREAT | O_EXCL | O_NOFOLLOW);
- is readable by its owner only (0600), like the progress store: a plan can name people,
  places and dates.
"""

from __future__ import annotations

import os
import re
import textwrap
from dataclasses import dataclass
from pathlib import Path

from .i18n import t

WIDTH = 78
"""Feedback in a saved report is wrapped to this width; the learner's own text is not wrapped,
so that it pastes cleanly into an e-mail or a website."""


def plain(markdown: str) -> str:
    """Content text without its light Markdown (emphasis marks), on one line."""
    return re.sub(r"\s+", " ", re.sub(r"(\*\*|__|\*|`)", "", markdown or "")).strip()


def wrap(text: str, indent: str, subsequent: str | None = None) -> list[str]:
    """`text` wrapped to WIDTH, as lines; one (blank) line for empty text."""
    return textwrap.wrap(
        text, WIDTH, initial_indent=indent, subsequent_indent=indent if subsequent is None else subsequent, break_on_hyphens=False
    ) or [indent.rstrip()]


class SaveError(ValueError):
    """A file name that cannot be used; the message is for the learner."""


MAX_NAME_CHARACTERS = 100
"""Longest file name offered, .txt included: well inside every system's limit (255 bytes on
Linux, 255 UTF-16 units on Windows) even in scripts that take 2-4 bytes a character."""

_NOT_IN_NAMES = re.compile(r'[\x00-\x1f\x7f<>:"|?*\ud800-\udfff]')
"""Characters Windows refuses in a file name, control characters (NUL among them, which no
system accepts) and lone surrogates, which cannot be written as UTF-8."""

_WINDOWS_DEVICES = re.compile(r"^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$", re.IGNORECASE)
"""Names Windows keeps for devices; matched on the part before the first dot, as Windows does
('nul.txt' is the device NUL too)."""

_FILE_MODE = 0o600


def clean_file_name(name: str) -> str:
    """A bare file name ending in .txt that every system accepts; SaveError saying what is
    wrong otherwise (a folder in it, a character or name Windows refuses, too long, empty)."""
    name = (name or "").strip()
    if not name or "/" in name or "\\" in name or name in (".", "..") or name.startswith("."):
        raise SaveError(t("save.bad_name"))
    if bad := sorted(set(_NOT_IN_NAMES.findall(name))):
        visible = [c for c in bad if c.isprintable() and not 0xD800 <= ord(c) <= 0xDFFF]
        shown = visible + ([t("save.invisible_characters")] if len(visible) < len(bad) else [])
        raise SaveError(t("save.bad_character", characters=" ".join(shown)))
    name = name if name.lower().endswith(".txt") else name + ".txt"
    stem = name.split(".")[0].rstrip()
    if _WINDOWS_DEVICES.match(stem):
        raise SaveError(t("save.device_name", name=stem))
    if len(name) > MAX_NAME_CHARACTERS:
        raise SaveError(t("save.too_long", max=MAX_NAME_CHARACTERS))
    return name


def _taken(path: Path) -> bool:
    """Anything at `path`, a dangling symbolic link included, makes the name taken."""
    return os.path.lexists(path)


def free_file_name(folder: Path, name: str) -> str:
    """`name` if nothing of that name is in `folder`, else the first free 'name-2.txt', 'name-3.txt'..."""
    if not _taken(folder / name):
        return name
    stem = name[: -len(".txt")] if name.lower().endswith(".txt") else name
    n = 2
    while _taken(folder / f"{stem}-{n}.txt"):
        n += 1
    return f"{stem}-{n}.txt"


def save_report(report: str, folder: str | Path, name: str) -> Path:
    """Writes `report` to folder/name (.txt added if missing), readable by its owner only, and
    returns the path.

    Never overwrites and never follows a link: anything already there, a dangling link
    included, raises FileExistsError, and the file is created in one step, so two notebooks
    saving at once cannot clobber each other.
    """
    path = Path(folder) / clean_file_name(name)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags, _FILE_MODE)
    try:
        with os.fdopen(fd, "wb") as f:
            fd = -1
            f.write(report.encode("utf-8", errors="replace"))
    except BaseException:
        if fd != -1:
            os.close(fd)
        path.unlink(missing_ok=True)  # ours: created just now, exclusively
        raise
    return path


@dataclass(frozen=True)
class Saved:
    """What happened when saving: the path (None if not saved), a message for the learner, and
    the file name to offer next (a free one when the name was taken)."""

    path: Path | None
    message: str
    name: str


def save_text(report: str, folder: str | Path, name: str, what: str) -> Saved:
    """Saves `report` without overwriting and says what happened; `what` names the content in
    the message ("the statement and its feedback", "your plan")."""
    folder = Path(folder)
    try:
        name = clean_file_name(name)
        path = save_report(report, folder, name)
    except SaveError as exc:
        return Saved(None, str(exc), name)
    except ValueError:  # a name the system refuses in a way the checks above did not foresee
        return Saved(None, t("save.bad_name"), name)
    except FileExistsError:
        free = free_file_name(folder, name)
        return Saved(None, t("save.exists", name=name, folder=str(folder), free=free), free)
    except OSError as exc:
        return Saved(None, t("save.failed", error=exc.strerror or str(exc)), name)
    return Saved(path, t("save.done", what=what, name=path.name, folder=str(folder)), name)
