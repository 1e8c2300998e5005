"""The nbgrader course folder: where it is, its configuration, and nbgrader's API on it."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

from ..errors import ReportedError

CONFIG_FILE = "nbgrader_config.py"


class CourseError(ReportedError, RuntimeError):
    """A problem with the course folder; the message says what to do."""


def find_course_root(start: Path | None = None) -> Path:
    """The folder holding nbgrader_config.py: `start` (default: the current folder) or a parent."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / CONFIG_FILE).is_file():
            return folder
    raise CourseError(f"no {CONFIG_FILE} in {here} or above it: run this command in the course folder (the one with {CONFIG_FILE} and solutions/)")


def tools_on_path() -> None:
    """nbgrader runs `alembic` as a subprocess: make sure this Python's bin/ is on PATH, or a
    fresh gradebook is left empty (NBGRADER-NOTES)."""
    bin_dir = str(Path(sys.executable).parent)
    if bin_dir not in os.environ.get("PATH", "").split(os.pathsep):
        os.environ["PATH"] = bin_dir + os.pathsep + os.environ.get("PATH", "")


def load_config(root: Path, **overrides: dict[str, Any]):
    """The course's nbgrader configuration, with `Section={"trait": value}` overrides on top."""
    from traitlets.config import Config
    from traitlets.config.loader import PyFileConfigLoader

    config = PyFileConfigLoader(CONFIG_FILE, path=str(root)).load_config()
    config.CourseDirectory.root = str(root)
    extra = Config()
    for section, traits in overrides.items():
        for trait, value in traits.items():
            extra[section][trait] = value
    config.merge(extra)
    return config


def nbgrader_api(root: Path, config=None):
    """nbgrader's own API object for the course at `root` (quietly: no exchange warnings)."""
    import logging

    from nbgrader.apps.api import NbGraderAPI
    from nbgrader.coursedir import CourseDirectory

    tools_on_path()
    config = config if config is not None else load_config(root)
    coursedir = CourseDirectory(config=config)
    api = NbGraderAPI(coursedir=coursedir, config=config)
    api.log.setLevel(logging.ERROR)
    return api


def source_assignments(root: Path) -> list[str]:
    """The assignments in solutions/ (one folder each)."""
    config = load_config(root)
    source = root / config.CourseDirectory.source_directory
    return sorted(p.name for p in source.iterdir() if p.is_dir() and not p.name.startswith("."))


def generate_exercises(root: Path, assignments: list[str] | None = None) -> dict[str, dict]:
    """Runs nbgrader's generate_assignment for each assignment (all by default), in one process.

    Also records each assignment and its graded cells in the course's gradebook. Returns
    nbgrader's result per assignment ({"success": bool, "log": ..., "error": ...}).
    """
    api = nbgrader_api(root)
    names = assignments or source_assignments(root)
    unknown = [a for a in names if a not in source_assignments(root)]
    if unknown:
        raise CourseError(f"no assignment {', '.join(map(repr, unknown))} in solutions/; the assignments are: {', '.join(source_assignments(root))}")
    return {name: api.generate_assignment(name, force=True, create=True) for name in names}
