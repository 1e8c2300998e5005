"""The learner's own course folder: the notebooks copied there, and kept up to date without ever
losing what the learner wrote.

`hrdtrain start` (and a hub setting up an account) copies the learner notebooks into
FOLDER/notebooks/ and records, in FOLDER/.hrdtrain-course.json, what it copied: per notebook, a
hash of what a learner can write in it (each cell's type and text; not outputs, run counts or
metadata, which JupyterLab rewrites on every save). On the next start, with a newer course:
- a notebook the learner has not changed is replaced by the new version, silently;
- a notebook the learner has changed is kept as it is, and the new version is written beside it
  as "NAME (new version).ipynb" (a valid file name on Windows too), and the report says so;
- a notebook the learner deleted is copied again.
A notebook the learner changed while the course stayed the same is left alone, without a word.
Every file is written whole or not at all (a temporary file, then a rename).
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from .course_files import CourseFiles, course_files
from .errors import ReportedError

MANIFEST = ".hrdtrain-course.json"
MANIFEST_FORMAT = 1
NEW_VERSION = " (new version)"


class CourseFolderError(ReportedError, OSError):
    """The course folder cannot be made or written; the message names it and says why."""


@dataclass
class CopyReport:
    """What copying the notebooks did, by file name (relative to the course folder)."""

    folder: Path
    copied: list[str] = field(default_factory=list)  # new in the folder
    updated: list[str] = field(default_factory=list)  # replaced: the learner had not changed them
    kept: list[tuple[str, str]] = field(default_factory=list)  # (learner's file, new version beside it)

    def lines(self) -> list[str]:
        """What the learner is told (nothing when all was already up to date)."""
        said = []
        if self.copied:
            said.append(f"Copied {len(self.copied)} notebook(s) into {self.folder / 'notebooks'}.")
        if self.updated:
            said.append(f"Updated {len(self.updated)} notebook(s) you had not changed to the new version of the course.")
        for yours, new in self.kept:
            said.append(f"You changed {yours}: it is kept as you left it. The new version of the course is beside it: {new}")
        return said


def content_hash(notebook: Path) -> str | None:
    """A hash of what a learner can write in a notebook: each cell's type and text. None if the
    file is not a notebook we can read (then it counts as the learner's)."""
    try:
        cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
        written = [[cell["cell_type"], "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]] for cell in cells]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return hashlib.sha256(json.dumps(written, ensure_ascii=False).encode("utf-8")).hexdigest()


def _write_whole(path: Path, data: bytes) -> None:
    """Writes `path` whole or not at all: a temporary file beside it, then a rename."""
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=".hrdtrain-", suffix=".tmp")
    try:
        with open(fd, "wb") as file:
            file.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _read_manifest(folder: Path) -> dict[str, str]:
    """Notebook (relative path) -> content hash of the version copied there last; {} if unknown."""
    try:
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        notebooks = data["notebooks"]
        return {str(k): str(v) for k, v in notebooks.items()} if isinstance(notebooks, dict) else {}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}  # no record: every notebook that differs is treated as the learner's


def _beside(path: Path, data_hash: str) -> Path:
    """Where the new version goes beside the learner's: "NAME (new version).ipynb", or
    "(new version 2)"... when that name holds something else; a file already holding this
    version is reused."""
    n = 1
    while True:
        suffix = NEW_VERSION if n == 1 else f" (new version {n})"
        candidate = path.with_name(f"{path.stem}{suffix}{path.suffix}")
        if not candidate.exists() or content_hash(candidate) == data_hash:
            return candidate
        n += 1


def copy_notebooks(folder: Path, files: CourseFiles | None = None) -> CopyReport:
    """Copies the learner notebooks into FOLDER/notebooks/, keeping every notebook the learner
    changed (see the module's docstring); returns what it did."""
    files = files or course_files()
    folder = Path(folder).expanduser().absolute()
    report = CopyReport(folder)
    try:
        (folder / "notebooks").mkdir(parents=True, exist_ok=True)
        recorded = _read_manifest(folder)
        manifest: dict[str, str] = {}
        for source in files.learner_notebooks():
            inside = source.relative_to(files.notebooks).as_posix()  # '00_….ipynb' or 'es/00_….ipynb'
            relative = f"notebooks/{inside}"
            target = folder / "notebooks" / inside
            target.parent.mkdir(parents=True, exist_ok=True)
            data = source.read_bytes()
            shipped = content_hash(source)
            if not target.exists():
                _write_whole(target, data)
                report.copied.append(relative)
                manifest[relative] = shipped
                continue
            current = content_hash(target)
            if current == shipped or recorded.get(relative) == shipped:
                manifest[relative] = shipped  # up to date, or the learner's changes to this same version
            elif current is not None and current == recorded.get(relative):
                _write_whole(target, data)  # as copied last time: the learner wrote nothing in it
                report.updated.append(relative)
                manifest[relative] = shipped
            else:
                beside = _beside(target, shipped)
                if not beside.exists():
                    _write_whole(beside, data)
                report.kept.append((relative, beside.relative_to(folder).as_posix()))
                manifest[relative] = shipped  # said once; a later version goes beside it again
        record = {"format": MANIFEST_FORMAT, "about": "what hrdtrain start copied here; do not edit", "notebooks": manifest}
        _write_whole(folder / MANIFEST, (json.dumps(record, indent=1) + "\n").encode("utf-8"))
    except OSError as exc:
        where = exc.filename or folder
        raise CourseFolderError(f"cannot write the course folder {where}: {exc.strerror or exc}. Name another folder: hrdtrain start FOLDER") from None
    return report
