"""A simulated class for assignment 02: real notebooks, as learners could hand them in.

Used by the grading tests and by benchmarks/grading.py. Every submission starts from the
exercise notebook learners receive (exercises/) and fills in answers the way a learner would;
the broken ones break it the way real submissions break. EXPECTED says what grading must make
of each: the autograded score (of 14; the 6 written points wait for a trainer), or that it
cannot be graded, and the words the report must contain.
"""

from __future__ import annotations

import copy
import hashlib
import json
import re
import shutil
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell

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
    # Hostile submissions: each tries one attack on the trainer's machine while it is graded.
    "reads-hidden-tests": (14, []),
    "reads-classmates": (14, []),
    "copies-gradebook": (14, []),
    "writes-to-classmate": (14, []),
    "leaves-a-process": (14, []),  # starts `sleep 300` in a new session (the attack: sleep 40)
    "str-that-equals-anything": (13, []),
    "prints-hidden-tests": (14, []),
    "floods-output": (14, ["printed so much output that it was cut short (at 10,000 characters)"]),
}
HOSTILE = [k for k in EXPECTED if k in ("reads-hidden-tests", "reads-classmates", "copies-gradebook", "writes-to-classmate", "leaves-a-process", "str-that-equals-anything", "prints-hidden-tests", "floods-output")]
FLOOD_CHARS = 20_000_000
"""One print of 20 MB (the attack used 100 MB; 20 keeps the test fast)."""


def hidden_test_line() -> str:
    """A line of assignment 02's hidden tests, as a hostile learner would have copied it."""
    nb = nbformat.read(ROOT / "solutions" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", as_version=4)
    source = next(c.source for c in nb.cells if "### BEGIN HIDDEN TESTS" in c.source)
    return source.split("### BEGIN HIDDEN TESTS\n", 1)[1].splitlines()[0]


def orphan_marker(course: Path) -> str:
    """What the process left behind by 'leaves-a-process' has on its command line."""
    return "hrdtrain-orphan-" + hashlib.sha1(str(course).encode()).hexdigest()[:12]


def _attack(kind: str, course: Path) -> str:
    """The code a hostile learner adds as a last cell. It prints OK (the attack worked) or BLOCKED."""
    try_ = (
        "def attempt(what, action):\n"
        "    try:\n"
        "        result = action()\n"
        "        print(f'ATTACK {what}: OK {result}')\n"
        "    except Exception as exc:\n"
        "        print(f'ATTACK {what}: BLOCKED {type(exc).__name__}')\n"
        f"COURSE = {str(course)!r}\n"
        "import glob, os, shutil, subprocess\n"
    )
    if kind == "reads-hidden-tests":
        return try_ + f"attempt('read solutions', lambda: open(COURSE + '/solutions/{ASSIGNMENT}/{ASSIGNMENT}.ipynb').read().count('assert'))\n" + f"attempt('read solutions relative', lambda: open('../../../solutions/{ASSIGNMENT}/{ASSIGNMENT}.ipynb').read().count('assert'))\n"
    if kind == "reads-classmates":
        return try_ + "attempt('list classmates', lambda: os.listdir(COURSE + '/submitted'))\n" + f"attempt('read a classmate', lambda: len(open(COURSE + '/submitted/perfect/{ASSIGNMENT}/{ASSIGNMENT}.ipynb').read()))\n"
    if kind == "copies-gradebook":
        return try_ + "attempt('copy the gradebook', lambda: shutil.copy(COURSE + '/gradebook.db', 'stolen.db'))\n" + "attempt('copy a worker gradebook', lambda: shutil.copy(glob.glob('/tmp/hrdtrain-grade-*/*.db')[0], 'stolen2.db'))\n"
    if kind == "writes-to-classmate":
        return try_ + f"attempt('write into a classmate', lambda: open(COURSE + '/submitted/perfect/{ASSIGNMENT}/planted.txt', 'w').write('x'))\n"
    if kind == "leaves-a-process":
        return try_ + f"attempt('leave a process', lambda: subprocess.Popen(['sh', '-c', 'sleep 300; echo {orphan_marker(course)}'], start_new_session=True).pid)\n"
    if kind == "prints-hidden-tests":
        # Reversed in the source, as if read from a file at run time: only the output quotes it.
        return f"print('I know the hidden test:', {hidden_test_line()[::-1]!r}[::-1])\n"
    if kind == "floods-output":
        return f"print('x' * {FLOOD_CHARS})\n"
    raise KeyError(kind)


_SNEAKY_STR = (
    "class Sneaky(str):\n"
    "    def __eq__(self, other): return True\n"
    "    def __ne__(self, other): return False\n"
    "    __hash__ = str.__hash__\n"
    "    def strip(self, *args): return self\n"
    "    def lower(self): return self\n"
    "q1 = Sneaky('a')"
)


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


def submission(student: str, course: Path | None = None) -> nbformat.NotebookNode | str:
    """The notebook `student` hands in (a str for a file that is not valid JSON); hostile
    submissions know the course folder's path (`course`), as an attacker could find it."""
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
    if student == "str-that-equals-anything":
        return answered({"q1-answer": _SNEAKY_STR})
    if student in HOSTILE:
        nb = answered()
        nb.cells.append(new_code_cell(_attack(student, course or ROOT)))
        return nb
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
        nb = submission(kind, folder)
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
