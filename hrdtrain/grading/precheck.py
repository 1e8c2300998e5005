"""Checks a submission before nbgrader sees it, and says in plain words what is wrong.

nbgrader reports a damaged notebook only in its log, silently scores a deleted test cell 0 (or
puts it back, with `add_missing_cells`), and silently restores an altered one. A trainer needs
to know each of these per student, so every submitted notebook is compared with the version the
learners received (exercises/): which graded or read-only cells are missing or changed.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Precheck:
    problems: list[str] = field(default_factory=list)
    """Reasons the submission cannot be graded at all."""
    notes: list[str] = field(default_factory=list)
    """Things nbgrader will repair or score 0, which the trainer should know about."""


def _graded_cells(nb: dict) -> dict[str, dict]:
    cells = {}
    for cell in nb.get("cells", []):
        meta = (cell.get("metadata") or {}).get("nbgrader") or {}
        if meta.get("grade_id") and (meta.get("grade") or meta.get("solution") or meta.get("locked")):
            cells[meta["grade_id"]] = cell
    return cells


def _kind(cell: dict) -> str:
    meta = cell["metadata"]["nbgrader"]
    if meta.get("grade") and meta.get("solution"):
        return "written answer"
    if meta.get("grade"):
        return "test cell"
    if meta.get("solution"):
        return "answer cell"
    return "read-only cell"


def _source(cell: dict) -> str:
    src = cell.get("source", "")
    return ("".join(src) if isinstance(src, list) else src).strip()


def precheck_submission(folder: Path, release: Path) -> Precheck:
    """Compares each notebook in `folder` (submitted/<student>/<assignment>) with `release`."""
    result = Precheck()
    expected = sorted(release.glob("*.ipynb"))
    for original_path in expected:
        name = original_path.name
        path = folder / name
        if not path.exists():
            others = sorted(p.name for p in folder.glob("*.ipynb"))
            hint = f" (the folder has {', '.join(others)}: renamed?)" if others else ""
            result.problems.append(f"no {name} in the submission{hint}")
            continue
        try:
            nb = json.loads(path.read_text(encoding="utf-8"))
        except UnicodeDecodeError:
            result.problems.append(f"{name} is damaged: it is not a text file")
            continue
        except json.JSONDecodeError as exc:
            result.problems.append(
                f"{name} is damaged: not valid JSON at line {exc.lineno}, column {exc.colno} ({exc.msg}); the file may be cut short: ask for it again"
            )
            continue
        if not isinstance(nb, dict) or not isinstance(nb.get("cells"), list):
            result.problems.append(f"{name} is damaged: it has no list of cells")
            continue
        original = _graded_cells(json.loads(original_path.read_text(encoding="utf-8")))
        submitted = _graded_cells(nb)
        for grade_id, cell in original.items():
            kind = _kind(cell)
            if grade_id not in submitted:
                if kind in ("test cell", "written answer"):
                    result.notes.append(f"{kind} '{grade_id}' was deleted; it was put back from the assignment before grading")
                else:
                    result.notes.append(f"{kind} '{grade_id}' was deleted; questions that depend on it score 0")
            elif kind in ("test cell", "read-only cell") and _source(submitted[grade_id]) != _source(cell):
                result.notes.append(f"{kind} '{grade_id}' was changed; it was graded with the original")
    return result
