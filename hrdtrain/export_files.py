"""Reading the export files learners hand in: they come from other people's laptops.

A file may be damaged, cut short, made by hand, or made to attack the facilitator. So each is
read as data only: never through a symbolic link, never a folder, pipe or device, at most
MAX_EXPORT_BYTES, as strict UTF-8 JSON, and checked in full by the export model
(`hrdtrain.export.ExportFile`). A file that is not a usable export gives one line naming it and
what is wrong (never a huge value, never a control character: `hrdtrain.terminal_text`), and
the other files are still read.
"""

from __future__ import annotations

import errno
import json
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from .errors import ReportedError
from .terminal_text import MAX_SHOWN, clean

MAX_EXPORT_BYTES = 5 * 1024 * 1024
"""An export of every item of the course, answered many times, is well under 1 MB."""


class ExportError(ReportedError, ValueError):
    """A file that is not a usable export; the message names the file and what is wrong."""


@dataclass
class Loaded:
    """The exports that could be read, and one line per file that could not."""

    exports: list  # of export.ExportFile
    problems: list[str]


def _shown(path: Path) -> str:
    return clean(path, limit=MAX_SHOWN)


def _files(paths: list[str | Path]) -> tuple[list[Path], list[str]]:
    """The candidate files: each path given, or the *.json in a folder given. A folder the
    facilitator names is used even through a link; a file that is a link is refused when read."""
    files, problems = [], []
    for p in map(Path, paths):
        if p.is_dir():
            found = sorted(p.glob("*.json"))
            if not found:
                problems.append(f"{_shown(p)}: no export files (*.json) in this folder")
            files += found
        elif not p.exists() and not p.is_symlink():
            problems.append(f"{_shown(p)}: no such file")
        else:
            files.append(p)
    return files, problems


def _read_bytes(path: Path) -> bytes:
    """The file's bytes, at most MAX_EXPORT_BYTES; ExportError for a link, a folder, a device..."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        if exc.errno == errno.ELOOP or path.is_symlink():
            raise ExportError(f"{_shown(path)}: is a symbolic link; copy the export file itself into the folder") from None
        raise ExportError(f"{_shown(path)}: cannot be read ({exc.strerror or exc})") from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise ExportError(f"{_shown(path)}: is a folder, not an export file")
        if not stat.S_ISREG(info.st_mode):
            raise ExportError(f"{_shown(path)}: is not a regular file, so not an export")
        with os.fdopen(os.dup(fd), "rb") as f:
            data = f.read(MAX_EXPORT_BYTES + 1)
    except OSError as exc:
        raise ExportError(f"{_shown(path)}: cannot be read ({exc.strerror or exc})") from None
    finally:
        os.close(fd)
    if len(data) > MAX_EXPORT_BYTES:
        raise ExportError(f"{_shown(path)}: is larger than {MAX_EXPORT_BYTES // (1024 * 1024)} MB, far more than any export; not read")
    return data


def _describe(exc) -> str:
    """The first problem of a pydantic ValidationError, in the export's own terms."""
    errors = exc.errors(include_url=False)
    err = errors[0]
    loc = [p for p in err["loc"] if p != "[key]"]
    where = "".join(f"[{p}]" if isinstance(p, int) else f".{clean(p, limit=40)}" for p in loc).lstrip(".") or "the file"
    if "[key]" in err["loc"]:
        where += " (the name)"
    if err["type"] == "missing":
        what = "missing"
    elif err["type"] == "extra_forbidden":
        what = "is not a field of an export"
    elif err["type"] == "string_pattern_mismatch":
        what = f"expected an id (letters, digits, '-', '.', '_', ':'), got {clean(repr(err['input']), limit=40)}"
    else:
        what = clean(str(err["msg"]).removeprefix("Value error, "), limit=MAX_SHOWN)
    more = f" (and {len(errors) - 1} more problem{'s' if len(errors) > 2 else ''})" if len(errors) > 1 else ""
    return f"{where}: {what}{more}"


def read_export(path: str | Path):
    """One export file as an ExportFile; ExportError with one line naming the file otherwise."""
    from pydantic import ValidationError

    from .export import FORMAT, FORMAT_V1, ExportFile, ExportFileV1

    path = Path(path)
    raw = _read_bytes(path)
    not_export = f"{_shown(path)}: not an hrdtrain anonymous export"
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ExportError(f"{not_export} (not UTF-8 text: invalid byte at position {exc.start})") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ExportError(f"{not_export} (not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno})") from None
    except RecursionError:
        raise ExportError(f"{not_export} (nested too deeply to be an export)") from None
    except ValueError:  # e.g. an integer of more than 4300 digits
        raise ExportError(f"{not_export} (holds a number too long to read)") from None
    if not isinstance(data, dict) or data.get("format") not in (FORMAT, FORMAT_V1):
        raise ExportError(f"{not_export} (expected a JSON object with \"format\": \"{FORMAT}\")")
    try:
        if data["format"] == FORMAT:
            return ExportFile.model_validate(data)
        return ExportFileV1.model_validate(data).upgraded()
    except ValidationError as exc:
        raise ExportError(f"{_shown(path)}: not a usable export: {_describe(exc)}") from None
    except (ValueError, RecursionError) as exc:
        raise ExportError(f"{_shown(path)}: not a usable export: {clean(exc, limit=MAX_SHOWN)}") from None


def load_exports(paths: list[str | Path]) -> Loaded:
    """The exports in `paths` (files, or folders of *.json), with one problem line per file that
    is not a usable export. The same export handed in twice (a copy, or the same file named
    twice) is counted once. ExportError only when no file was given at all."""
    files, problems = _files(paths)
    if not files and not problems:
        raise ExportError("no export files given (expected files made with `hrdtrain export --anonymous FILE`, or a folder of them)")
    exports, first_seen = [], {}
    for path in files:
        try:
            export = read_export(path)
        except ExportError as exc:
            problems.append(str(exc))
            continue
        if export.export_id in first_seen:
            problems.append(f"{_shown(path)}: the same export as {_shown(first_seen[export.export_id])} (same id); counted once")
            continue
        first_seen[export.export_id] = path
        exports.append(export)
    return Loaded(exports, problems)
