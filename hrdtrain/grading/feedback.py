"""`hrdtrain feedback`: nbgrader's feedback pages, without giving the hidden tests away.

nbgrader's generate_feedback shows each test cell's full source, hidden tests included, and a
failing hidden assert appears in the traceback even with ClearHiddenTests (NBGRADER-NOTES).
Learners must never see the hidden tests: they would turn the next cohort's self-checks into
answer keys. `HideHiddenTests` runs first in nbgrader's feedback pipeline and rewrites every
test cell to what the learner may know: the visible check, the self-check's own message, and
a plain sentence when a hidden check failed. It also removes, from every cell, any output that
quotes a line of the assignment's hidden tests: a learner who got at them (printing a file or
the cell's source) must not take them home in their feedback.

`nbgrader_config.py` puts `HideHiddenTests` into nbgrader's own feedback pipeline too, so
formgrader's "Generate Feedback" button is as safe as `hrdtrain feedback`.
"""

from __future__ import annotations

import re
from pathlib import Path

import html
import json

from nbconvert.preprocessors import Preprocessor
from traitlets import Bool

from .course import load_config, nbgrader_api, tools_on_path

HIDDEN = re.compile(r"[ \t]*### BEGIN HIDDEN TESTS.*?### END HIDDEN TESTS[ \t]*\n?", re.DOTALL)
HIDDEN_FAILED = "✗ This answer did not pass the hidden checks, so it scored 0 points here. Compare it with the question again, or ask your trainer."
TIMED_OUT = "✗ This cell was stopped because it ran too long when your work was graded."
QUOTED_HIDDEN = "[This output was removed: it quoted the hidden tests of this assignment.]"
FEEDBACK_PREPROCESSORS = ["hrdtrain.grading.feedback.HideHiddenTests", "nbgrader.preprocessors.GetGrades", "nbconvert.preprocessors.CSSHTMLHeaderPreprocessor"]
MIN_QUOTED = 10
"""Shortest hidden-test line (without spaces) looked for in outputs: shorter ones (`else:`) are too common."""


def _squash(text: str) -> str:
    return "".join(text.split())


def hidden_lines(source_dir: Path) -> set[str]:
    """Every line of every hidden-test block in the assignment's source notebooks, without spaces."""
    lines: set[str] = set()
    for path in sorted(source_dir.glob("*.ipynb")):
        try:
            nb = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        for cell in nb.get("cells", []):
            src = cell.get("source", "")
            src = "".join(src) if isinstance(src, list) else src
            for block in re.findall(r"### BEGIN HIDDEN TESTS(.*?)### END HIDDEN TESTS", src, re.DOTALL):
                for line in block.splitlines():
                    squashed = _squash(line)
                    if len(squashed) >= MIN_QUOTED:
                        lines.add(squashed)
    return lines


def _output_texts(out) -> list[str]:
    texts = []
    for key in ("text", "evalue"):
        if key in out:
            texts.append(out[key] if isinstance(out[key], str) else "".join(out[key]))
    texts += [line for line in out.get("traceback", []) if isinstance(line, str)]
    for value in (out.get("data") or {}).values():
        texts.append(value if isinstance(value, str) else json.dumps(value))
    return texts


def quotes_hidden_tests(out, hidden: set[str]) -> bool:
    """Whether an output contains a hidden-test line (spaces ignored, HTML entities decoded)."""
    if not hidden:
        return False
    for text in _output_texts(out):
        squashed = _squash(html.unescape(re.sub(r"\x1b\[[0-9;]*m", "", text)))
        if any(line in squashed for line in hidden):
            return True
    return False


def _stream(text: str) -> dict:
    from nbformat.v4 import new_output

    return new_output("stream", name="stdout", text=text + "\n")


class HideHiddenTests(Preprocessor):
    """Removes hidden tests and their tracebacks from test cells (nbgrader 'autograder tests')."""

    enabled = Bool(True, help="Always on: nbgrader registers feedback preprocessors without enabling them.").tag(config=True)

    def preprocess(self, nb, resources):
        self._hidden = self._hidden_lines(resources)
        return super().preprocess(nb, resources)

    def _hidden_lines(self, resources) -> set[str]:
        from nbgrader.coursedir import CourseDirectory

        assignment = (resources.get("nbgrader") or {}).get("assignment")
        if not assignment:
            return set()
        coursedir = CourseDirectory(config=self.config)
        return hidden_lines(Path(coursedir.format_path(coursedir.source_directory, ".", assignment)))

    def preprocess_cell(self, cell, resources, index):
        cell, resources = self._hide_in_test_cell(cell, resources)
        if cell.cell_type == "code":
            hidden = getattr(self, "_hidden", set())
            cell.outputs = [_stream(QUOTED_HIDDEN) if quotes_hidden_tests(out, hidden) else out for out in cell.get("outputs", [])]
        return cell, resources

    def _hide_in_test_cell(self, cell, resources):
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


_OUTSIDE = re.compile(r"<script\b[^>]*\bsrc=[\"']?(?:https?:)?//[^>]*>.*?</script>|<link\b[^>]*\bhref=[\"']?(?:https?:)?//[^>]*>", re.DOTALL | re.IGNORECASE)
_KINDS = {"Test cell": "Question", "Coding free-response": "Question", "Written response": "Written answer", "Task": "Task"}
WAITING = "waiting for your trainer to grade it"
_PAGE_STYLE = "<style>pre{white-space:pre-wrap;overflow-wrap:anywhere}</style>"


def tidy_page(page: str, waiting: set[str]) -> str:
    """A feedback page as learners should get it: nothing fetched from outside (nbgrader's template
    loads MathJax from a CDN), questions named by their id instead of "Test cell", written answers
    not graded yet marked as waiting instead of scoring 0, and long self-check lines wrapped."""
    page = _OUTSIDE.sub("", page)

    def name(match: re.Match) -> str:
        grade_id, kind, rest = match["id"], match["kind"], match["rest"]
        if grade_id in waiting:
            rest = re.sub(r"\(Score: [^)]*\)", f"({WAITING})", rest, count=1)
        return f'<a href="#{grade_id}">{_KINDS[kind]} {html.escape(grade_id)}</a>{rest}'

    page = re.sub(r'<a href="#(?P<id>[^"]+)">(?P<kind>Test cell|Coding free-response|Written response|Task)</a>(?P<rest>[^<]*)', name, page)
    page = re.sub(r'<a href="#comment-(?P<id>[^"]+)">Comment</a>', lambda m: f'<a href="#comment-{m["id"]}">Comment on {html.escape(m["id"])}</a>', page)
    for grade_id in waiting:  # the score line above the answer itself
        page = re.sub(rf'(<a name="{re.escape(grade_id)}"></a>.*?)Score: [0-9.]+ / ([0-9.]+)', rf"\1Not graded yet: {WAITING} (\2 points)", page, count=1, flags=re.DOTALL)
    return page.replace("</head>", _PAGE_STYLE + "</head>", 1)


def _waiting(db_url: str, assignment: str, student: str) -> set[str]:
    """Ids of the student's answers that still need a trainer's grade."""
    from nbgrader.api import Gradebook, MissingEntry

    with Gradebook(db_url) as gb:
        try:
            submission = gb.find_submission(assignment, student)
        except MissingEntry:
            return set()
        return {g.name for nb in submission.notebooks for g in nb.grades if g.needs_manual_grade}


def generate_feedback(root: Path, assignment: str, students: list[str] | None = None) -> dict[str, dict]:
    """Feedback pages (feedback/<student>/<assignment>/*.html) for every autograded submission.

    Returns nbgrader's result per student ({"success": bool, "error": ..., "log": ...}), with
    "waiting": the ids of written answers not graded yet (shown as waiting on the page).
    """
    tools_on_path()
    config = load_config(
        root,
        GenerateFeedback={"preprocessors": FEEDBACK_PREPROCESSORS},
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
        if results[student].get("success"):
            waiting = _waiting(api.coursedir.db_url, assignment, student)
            results[student]["waiting"] = sorted(waiting)
            for page in (root / api.coursedir.feedback_directory / student / assignment).glob("*.html"):
                page.write_text(tidy_page(page.read_text(encoding="utf-8"), waiting), encoding="utf-8")
    return results
