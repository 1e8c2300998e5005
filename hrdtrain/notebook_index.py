"""Where the course notebooks show each item: the notebook, and the heading of the part it is in.

The learner's dashboard says where to find an item to revisit ("notebook 03, under 3.4 How to
communicate") rather than the code that shows it. Notebooks are read as plain JSON, only when
asked, from the folder a notebook's kernel runs in (the notebooks' own folder, in JupyterLab and
in quiz mode) or its `notebooks/` subfolder (the course folder, for `hrdtrain progress`). Without
them an item is still placed, by its notebook number and paper section.
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from pathlib import Path

MAX_NOTEBOOK_BYTES = 5_000_000
"""A course notebook is well under 1 MB; anything far bigger is not read."""


@dataclass(frozen=True)
class Place:
    """Where an item is: notebook number ('03') and title, the heading of its part, and the
    notebook's path relative to the working folder (None when the notebook was not found)."""

    notebook: str
    title: str
    heading: str
    path: str | None


def notebooks_folder(cwd: Path | None = None) -> Path | None:
    """The folder holding the course notebooks: the working folder or its notebooks/ subfolder."""
    cwd = Path.cwd() if cwd is None else cwd
    for folder in (cwd, cwd / "notebooks"):
        if any(folder.glob("0[0-7]_*.ipynb")):
            return folder
    return None


@functools.lru_cache(maxsize=32)
def _headings(path: Path, _mtime: float) -> dict[str, str]:
    """Item id -> the last '## ' heading above the cell that shows it, in one notebook."""
    try:
        if path.stat().st_size > MAX_NOTEBOOK_BYTES:
            return {}
        cells = json.loads(path.read_text(encoding="utf-8")).get("cells", [])
    except (OSError, ValueError, AttributeError):
        return {}
    found: dict[str, str] = {}
    heading = ""
    for cell in cells if isinstance(cells, list) else []:
        if not isinstance(cell, dict):
            continue
        source = cell.get("source", "")
        source = "".join(map(str, source)) if isinstance(source, list) else str(source)
        if cell.get("cell_type") == "markdown":
            for line in source.splitlines():
                if line.startswith("## "):
                    heading = line[3:].strip()
        elif cell.get("cell_type") == "code":
            for item_id in re.findall(r'^show\("([^"]+)"', source.strip(), flags=re.M):
                found.setdefault(item_id, heading)
    return found


def place(item_id: str, section: str, titles: dict[str, str], cwd: Path | None = None) -> Place:
    """Where item `item_id` of paper section `section` ('3.4') is shown: in the notebook of its
    section, whose title is in `titles` (section number -> title)."""
    number = section.split(".")[0]
    notebook = f"{int(number):02d}"
    title = titles.get(number, "")
    cwd = Path.cwd() if cwd is None else cwd
    folder = notebooks_folder(cwd)
    paths = sorted(folder.glob(f"{notebook}_*.ipynb")) if folder is not None else []
    for path in paths:
        heading = _headings(path, path.stat().st_mtime).get(item_id)
        if heading is not None:
            return Place(notebook, title, heading, path.relative_to(cwd).as_posix())
    # Not shown by its own id (a goal answered inside the navigator): the notebook is still the place.
    return Place(notebook, title, "", paths[0].relative_to(cwd).as_posix() if paths else None)
