"""`hrdtrain feedback`: nbgrader's feedback pages, without giving the hidden tests away.

nbgrader's generate_feedback shows each test cell's full source, hidden tests included, and a
failing hidden assert appears in the traceback even with ClearHiddenTests (NBGRADER-NOTES).
Learners must never see the hidden tests: they would turn the next cohort's self-checks into
answer keys. `HideHiddenTests` runs first in nbgrader's feedback pipeline and rewrites every
test cell to what the learner may know: the visible check, the self-check's own message, and
a plain sentence when a hidden check failed.
"""

from __future__ import annotations

import re
from pathlib import Path

from nbconvert.preprocessors import Preprocessor
from traitlets import Bool

from .course import load_config, nbgrader_api, tools_on_path

HIDDEN = re.compile(r"[ \t]*### BEGIN HIDDEN TESTS.*?### END HIDDEN TESTS[ \t]*\n?", re.DOTALL)
HIDDEN_FAILED = "✗ This answer did not pass the hidden checks, so it scored 0 points here. Compare it with the question again, or ask your trainer."
TIMED_OUT = "✗ This cell was stopped because it ran too long when your work was graded."


def _stream(text: str) -> dict:
    from nbformat.v4 import new_output

    return new_output("stream", name="stdout", text=text + "\n")


class HideHiddenTests(Preprocessor):
    """Removes hidden tests and their tracebacks from test cells (nbgrader 'autograder tests')."""

    enabled = Bool(True, help="Always on: nbgrader registers feedback preprocessors without enabling them.").tag(config=True)

    def preprocess_cell(self, cell, resources, index):
        meta = cell.metadata.get("nbgrader", {})
        if cell.cell_type != "code" or not meta.get("grade") or meta.get("solution"):
            return cell, resources
        cell.source = HIDDEN.sub("", cell.source).rstrip()
        outputs = []
        for out in cell.get("outputs", []):
            if out.get("output_type") != "error":
                outputs.append(out)
            elif out.get("ename") == "CheckFailed":  # our visible self-check: its message is for the learner
                outputs.append(_stream(f"✗ {out.get('evalue', '')}"))
            elif out.get("ename") == "CellTimeoutError":
                outputs.append(_stream(TIMED_OUT))
            else:
                outputs.append(_stream(HIDDEN_FAILED))
        cell.outputs = outputs
        return cell, resources


def generate_feedback(root: Path, assignment: str, students: list[str] | None = None) -> dict[str, dict]:
    """Feedback pages (feedback/<student>/<assignment>/*.html) for every autograded submission.

    Returns nbgrader's result per student ({"success": bool, "error": ..., "log": ...}).
    """
    tools_on_path()
    config = load_config(
        root,
        GenerateFeedback={"preprocessors": ["hrdtrain.grading.feedback.HideHiddenTests", "nbgrader.preprocessors.GetGrades", "nbconvert.preprocessors.CSSHTMLHeaderPreprocessor"]},
    )
    api = nbgrader_api(root, config)
    autograded = root / api.coursedir.autograded_directory
    done = sorted(p.name for p in autograded.iterdir() if (p / assignment).is_dir()) if autograded.is_dir() else []
    names = students or done
    results = {}
    for student in names:
        if student not in done:
            results[student] = {"success": False, "error": f"{student} has no autograded submission of {assignment}: run `hrdtrain grade {assignment}` first"}
            continue
        results[student] = api.generate_feedback(assignment, student, force=True)
    return results
