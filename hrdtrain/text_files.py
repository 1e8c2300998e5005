"""Plain-text reports that a learner saves: formatting, and saving that never overwrites.

The statement workshop and the engagement plan both let a learner keep their work as a .txt
file. Both write through `save_text`, which creates the file in one step ('x' mode) and never
replaces an existing one, and which answers with a message for the learner whatever happens
(saved, name taken, bad name, disk error), so a widget only has to show it.
"""

from __future__ import annotations

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


def clean_file_name(name: str) -> str:
    """A bare file name ending in .txt; SaveError for names with folders in them or none at all."""
    name = (name or "").strip()
    if not name or "/" in name or "\\" in name or name in (".", "..") or name.startswith("."):
        raise SaveError(t("save.bad_name"))
    return name if name.lower().endswith(".txt") else name + ".txt"


def free_file_name(folder: Path, name: str) -> str:
    """`name` if no such file exists in `folder`, else the first free 'name-2.txt', 'name-3.txt'..."""
    if not (folder / name).exists():
        return name
    stem = name[: -len(".txt")] if name.lower().endswith(".txt") else name
    n = 2
    while (folder / f"{stem}-{n}.txt").exists():
        n += 1
    return f"{stem}-{n}.txt"


def save_report(report: str, folder: str | Path, name: str) -> Path:
    """Writes `report` to folder/name (.txt added if missing) and returns the path.

    Never overwrites: an existing file raises FileExistsError, and the file is created in one
    step ('x' mode), so two notebooks saving at once cannot clobber each other.
    """
    path = Path(folder) / clean_file_name(name)
    with open(path, "x", encoding="utf-8", newline="\n") as f:
        f.write(report)
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
    except FileExistsError:
        free = free_file_name(folder, name)
        return Saved(None, t("save.exists", name=name, folder=str(folder), free=free), free)
    except OSError as exc:
        return Saved(None, t("save.failed", error=exc.strerror or str(exc)), name)
    return Saved(path, t("save.done", what=what, name=path.name, folder=str(folder)), name)
