"""A simulated class for assignment 02: real notebooks, as learners could hand them in.

Used by the grading tests and by benchmarks/grading.py. Every submission starts from the
exercise notebook learners receive (exercises/) and fills in answers the way a learner would;
the broken ones break it the way real submissions break. EXPECTED says what grading must make
of each: the autograded score (of 14; the 6 written points wait for a trainer), or that it
cannot be graded, and the words the report must contain.
"""

from __future__ import annotations

import copy
import json
import shutil
from pathlib import Path

import nbformat

ASSIGNMENT = "02_international_standards"
ROOT = Path(__file__).resolve().parents[2]

RIGHT = {
    "q1-answer": 'q1 = "b"',
    "q2-answer": 'q2 = "d"',
    "q3-answer": 'q3 = {"a", "b", "d"}',
    "q4-answer": 'q4_facilitate = "should"\nq4_protect = "must"',
    "q5-answer": 'q5 = ["a", "b", "d", "e"]',
    "q6-answer": 'q6 = "Depends"',
    "q7-answer": 'share_asia = 100 * comms.loc[comms.region == "Asia-Pacific", "communications"].sum() / comms.communications.sum()',
    "q8-answer": (
        "import matplotlib.pyplot as plt\n"
        "fig, ax = plt.subplots()\n"
        "ax.barh(comms.region, comms.communications)\n"
        'ax.set_title("Communications by region")\n'
        'ax.set_xlabel("Communications")\n'
        'ax.set_ylabel("Region")'
    ),
}
WRITTEN = "The police should facilitate our vigil, should not unduly interfere, and must protect us against violence by others."

# student -> (score of the autograded 14 points, or None if it cannot be graded; words its report lines must contain)
EXPECTED: dict[str, tuple[float | None, list[str]]] = {
    "perfect": (14, []),
    "partly": (11, []),
    "empty": (0, []),
    "damaged-json": (None, ["is damaged: not valid JSON"]),
    "deleted-test-cell": (14, ["test cell 'q3' was deleted; it was put back"]),
    "altered-test-cell": (13, ["test cell 'q1' was changed; it was graded with the original"]),
    "infinite-loop": (13, ["cell 'q2-answer' ran longer than"]),
    "exception": (12, ["cell 'q6-answer' raised ZeroDivisionError"]),
    "huge-output": (14, ["printed so much output that it was cut short"]),
    "renamed-notebook": (None, ["no 02_international_standards.ipynb in the submission", "renamed?"]),
    "deleted-setup-cell": (0, ["read-only cell 'setup' was deleted"]),
    "wrong-form": (12, []),
}


def _exercise() -> nbformat.NotebookNode:
    return nbformat.read(ROOT / "exercises" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", as_version=4)


def _cell(nb, grade_id: str):
    return next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == grade_id)


def answered(answers: dict[str, str] | None = None) -> nbformat.NotebookNode:
    """The exercise with every answer cell filled in (right answers, unless `answers` says otherwise)."""
    nb = _exercise()
    for grade_id, source in {**RIGHT, **(answers or {})}.items():
        _cell(nb, grade_id).source = source
    _cell(nb, "q9").source = WRITTEN
    return nb


def submission(student: str) -> nbformat.NotebookNode | str:
    """The notebook `student` hands in (a str for a file that is not valid JSON)."""
    if student == "perfect":
        return answered()
    if student == "partly":
        return answered({"q1-answer": 'q1 = "a"', "q7-answer": "share_asia = 50"})
    if student == "empty":
        return _exercise()
    if student == "damaged-json":
        text = nbformat.writes(answered())
        return text[: len(text) // 2]
    if student == "deleted-test-cell":
        nb = answered()
        nb.cells.remove(_cell(nb, "q3"))
        return nb
    if student == "altered-test-cell":
        nb = answered({"q1-answer": 'q1 = "a"'})
        _cell(nb, "q1").source = "pass  # nothing to see here"
        return nb
    if student == "infinite-loop":
        return answered({"q2-answer": "while True:\n    pass"})
    if student == "exception":
        return answered({"q6-answer": "q6 = 1 / 0"})
    if student == "huge-output":
        return answered({"q5-answer": 'for i in range(20000):\n    print("line", i)\nq5 = {"a", "b", "d", "e"}'})
    if student == "renamed-notebook":
        return answered()
    if student == "deleted-setup-cell":
        nb = answered()
        nb.cells.remove(_cell(nb, "setup"))
        return nb
    if student == "wrong-form":
        return answered({"q3-answer": 'q3 = "a, b, d"'})
    raise KeyError(student)


def make_course(folder: Path, students: dict[str, str] | None = None) -> Path:
    """A course folder (config, solutions/, exercises/) with submitted/<student>/ASSIGNMENT/.

    `students` maps a student id to one of the EXPECTED kinds (default: one of each, named
    after its kind). Returns the folder.
    """
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "nbgrader_config.py", folder)
    for sub in ("solutions", "exercises"):
        if not (folder / sub).exists():
            shutil.copytree(ROOT / sub, folder / sub)
    for student, kind in (students or {k: k for k in EXPECTED}).items():
        target = folder / "submitted" / student / ASSIGNMENT
        target.mkdir(parents=True, exist_ok=True)
        nb = submission(kind)
        name = "my_assignment.ipynb" if kind == "renamed-notebook" else f"{ASSIGNMENT}.ipynb"
        text = nb if isinstance(nb, str) else nbformat.writes(copy.deepcopy(nb))
        (target / name).write_text(text, encoding="utf-8")
    return folder


def cohort(size: int) -> dict[str, str]:
    """`size` healthy students (perfect, partly, empty in turn), for benchmarks."""
    kinds = ["perfect", "partly", "empty"]
    return {f"learner-{n:03d}": kinds[n % len(kinds)] for n in range(size)}


if __name__ == "__main__":  # python tests/grading/simulated_class.py OUTDIR
    import sys

    print(make_course(Path(sys.argv[1])))
    print(json.dumps({k: v[0] for k, v in EXPECTED.items()}, indent=1))
