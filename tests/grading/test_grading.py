"""Does `hrdtrain grade` grade a real class with real nbgrader, in parallel, and survive every kind
of broken submission, reporting each for its student? Do feedback and report work on the result,
without showing hidden tests, and do nbgrader's own tools see the scores?"""

from __future__ import annotations

import csv
import html
import io
import json
import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

sys.path.insert(0, str(Path(__file__).parent))
from simulated_class import ASSIGNMENT, EXPECTED, FLOOD_CHARS, hidden_test_line, make_course, orphan_marker  # noqa: E402

TIMEOUT = 5
ROOT = Path(__file__).resolve().parents[2]


def processes_with(marker: str) -> list[int]:
    """Pids whose command line contains `marker`."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if marker.encode() in (entry / "cmdline").read_bytes():
                    found.append(int(entry.name))
            except OSError:
                continue
    return found



def run(course: Path, *args: str, timeout: int = 600, env: dict | None = None) -> subprocess.CompletedProcess:
    """Runs `hrdtrain ARGS` in `course`. Its output goes through files, not pipes: a process a
    submission leaves behind would hold a pipe open and make this wait for it to end."""
    import tempfile

    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        proc = subprocess.run([sys.executable, "-m", "hrdtrain.cli", *args], cwd=course, stdout=out, stderr=err, stdin=subprocess.DEVNULL, text=True, timeout=timeout, env=env)
        out.seek(0)
        err.seek(0)
        return subprocess.CompletedProcess(proc.args, proc.returncode, out.read(), err.read())


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    """The simulated class (12 submissions), graded once with 2 jobs on a fresh course folder."""
    course = make_course(tmp_path_factory.mktemp("class"))
    proc = run(course, "grade", ASSIGNMENT, "--jobs", "2", "--timeout", str(TIMEOUT), "--no-progress")
    leftovers = processes_with(orphan_marker(course))
    yield course, proc, leftovers
    for pid in leftovers:  # left by the hostile submission if grading failed to end it
        try:
            os.kill(pid, signal.SIGKILL)
        except OSError:
            pass


def student_block(output: str, student: str) -> str:
    """The report lines of one student: their line and the indented notes under it."""
    lines = output.splitlines()
    start = next(i for i, line in enumerate(lines) if re.match(rf"^  {re.escape(student)}\s", line))
    block = [lines[start]]
    for line in lines[start + 1 :]:
        if not line.startswith("  " + " " * 20):
            break
        block.append(line)
    return "\n".join(block)


def test_a_class_with_broken_submissions_is_graded_and_the_summary_counts_them(graded):
    _course, proc, _leftovers = graded
    assert proc.returncode == 1, "some submissions could not be graded: exit status 1"
    assert f"{ASSIGNMENT}: 18 of 20 submission(s) graded; 2 not graded;" in proc.stdout
    assert "NOT GRADED damaged-json:" in proc.stderr and "NOT GRADED renamed-notebook:" in proc.stderr


@pytest.mark.parametrize("student", sorted(EXPECTED))
def test_each_submission_gets_its_score_and_its_report(graded, student):
    _course, proc, _leftovers = graded
    score, words = EXPECTED[student]
    block = student_block(proc.stdout, student)
    if score is None:
        assert "NOT GRADED" in block
    else:
        assert re.search(rf"\b{score:g} / 20\b", block), block
    for w in words:
        assert w in block, block


def test_scores_land_in_nbgraders_gradebook_where_nbgrader_export_finds_them(graded):
    course, _proc, _leftovers = graded
    export = subprocess.run([sys.executable, "-m", "nbgrader", "export", "--to", "grades.csv"], cwd=course, capture_output=True, text=True, timeout=300)
    assert export.returncode == 0, export.stderr
    rows = {r["student_id"]: r for r in csv.DictReader(io.StringIO((course / "grades.csv").read_text()))}
    for student, (score, _words) in EXPECTED.items():
        if score is not None:
            assert float(rows[student]["score"]) == score, student


def test_feedback_never_shows_hidden_tests_but_shows_the_self_check_message(graded):
    course, _proc, _leftovers = graded
    proc = run(course, "feedback", ASSIGNMENT)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    pages = sorted((course / "feedback").glob(f"*/{ASSIGNMENT}/{ASSIGNMENT}.html"))
    assert len(pages) == 18
    for page in pages:
        text = page.read_text(encoding="utf-8")
        # Tokens that occur only in the hidden tests of assignment 02 (pygments keeps each one whole).
        for token in ("HIDDEN", "31.58", "widths"):
            assert token not in text, f"{page}: {token!r}"
    wrong = (course / "feedback" / "wrong-form" / ASSIGNMENT / f"{ASSIGNMENT}.html").read_text(encoding="utf-8")
    assert "the answer should be a set of some of" in wrong
    partly = (course / "feedback" / "partly" / ASSIGNMENT / f"{ASSIGNMENT}.html").read_text(encoding="utf-8")
    assert "did not pass the hidden checks" in partly


def test_feedback_pages_fetch_nothing_from_outside_name_questions_and_mark_ungraded_answers_as_waiting(graded):
    course, _proc, _leftovers = graded
    proc = run(course, "feedback", ASSIGNMENT, "--student", "perfect", "--student", "partly")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "WARNING: written answers of 2 learner(s) are not graded yet (perfect, partly)" in proc.stderr
    page = (course / "feedback" / "perfect" / ASSIGNMENT / f"{ASSIGNMENT}.html").read_text(encoding="utf-8")
    assert not re.findall(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", page), "the page would fetch from outside (MathJax from a CDN?)"
    assert "Test cell" not in page and '<a href="#q1">Question q1</a>' in page
    assert '<a href="#q9">Written answer q9</a> (waiting for your trainer to grade it)' in page
    assert "Score: 0.0 / 6.0" not in page


def test_the_class_report_has_scores_questions_and_charts(graded):
    course, _proc, _leftovers = graded
    proc = run(course, "report", "--out", "class-report")
    assert proc.returncode == 0, proc.stderr
    scores = list(csv.DictReader(open(course / "class-report" / "scores.csv", encoding="utf-8")))
    assert {r["student"] for r in scores} == {s for s, (score, _w) in EXPECTED.items() if score is not None}
    assert {float(r["score"]) for r in scores if r["student"] == "partly"} == {11.0}
    page = (course / "class-report" / "index.html").read_text(encoding="utf-8")
    assert page.count("<img ") == 3
    for words in ("Scores per assignment", "Questions of 02_international_standards", "the paper's frame", "<td>law</td>", "<td>q7</td>"):
        assert words in page


def test_the_closing_summary_names_every_student_whose_grading_had_a_problem(graded):
    _course, proc, _leftovers = graded
    summary = proc.stdout.split(f"{ASSIGNMENT}: 18 of 20 submission(s) graded", 1)[1]
    for student in ("deleted-test-cell", "altered-test-cell", "infinite-loop", "exception", "huge-output", "deleted-setup-cell", "floods-output"):
        assert f"CHECK {student}: " in summary, student
    assert "CHECK perfect:" not in summary


def test_grading_again_regrades_without_losing_anyone(graded):
    """(Without a terminal, and without --no-progress: the progress bar stays out of the log.)"""
    course, _proc, _leftovers = graded
    proc = run(course, "grade", ASSIGNMENT, "--student", "partly", "--student", "perfect")
    assert proc.returncode == 0, proc.stderr
    assert "Grading 02" not in proc.stderr and "submission/s" not in proc.stderr, proc.stderr
    assert "2 of 2 submission(s) graded" in proc.stdout
    assert re.search(r"partly\s+11 / 20", proc.stdout) and re.search(r"perfect\s+14 / 20", proc.stdout)


def test_a_name_that_is_not_an_assignment_is_refused_clearly(tmp_path):
    course = make_course(tmp_path, students={})
    proc = run(course, "grade", "02_international_standard")
    assert proc.returncode == 1
    assert "no assignment '02_international_standard' in solutions/" in proc.stderr


def test_outside_a_course_folder_the_command_says_where_to_run_it(tmp_path):
    proc = run(tmp_path, "grade", ASSIGNMENT)
    assert proc.returncode == 1
    assert "run this command in the course folder" in proc.stderr


def test_formgrader_started_with_the_course_config_sees_the_scores(graded):
    """What a trainer sees in JupyterLab's Nbgrader > Formgrader: nbgrader's own server extension,
    started the way `make lab` starts it (the project's jupyter-config/), in the course folder."""
    import json
    import os
    import socket
    import time
    import urllib.request

    course, _proc, _leftovers = graded
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "JUPYTER_CONFIG_DIR": str(Path(__file__).resolve().parents[2] / "jupyter-config"), "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    server = subprocess.Popen(
        [sys.executable, "-m", "jupyter", "server", f"--port={port}", "--ServerApp.token=t0k3n", "--no-browser", "--allow-root"],
        cwd=course, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        url = f"http://127.0.0.1:{port}/formgrader/api/submissions/{ASSIGNMENT}?token=t0k3n"
        for _ in range(120):
            try:
                with urllib.request.urlopen(url, timeout=5) as response:
                    submissions = json.load(response)
                break
            except OSError:
                time.sleep(0.5)
        else:
            pytest.fail("formgrader did not answer within 60 s")
    finally:
        server.terminate()
        server.wait(timeout=30)
    by_student = {s["student"]: s for s in submissions}
    assert by_student["partly"]["score"] == 11 and by_student["partly"]["max_score"] == 20
    assert by_student["perfect"]["needs_manual_grade"] is True  # the written answer waits for the trainer


# ------------------------------------------------------------------ hostile submissions (issue 12)


def attack_report(course: Path, student: str) -> list[str]:
    """The 'ATTACK ...: OK|BLOCKED' lines a hostile submission printed while it was graded."""
    nb = nbformat.read(course / "autograded" / student / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", as_version=4)
    text = "".join(o.get("text", "") for c in nb.cells if c.cell_type == "code" for o in c.outputs)
    return [line for line in text.splitlines() if line.startswith("ATTACK ")]


def test_grade_says_loudly_that_student_code_ran_in_the_sandbox(graded, sandbox):
    _course, proc, _leftovers = graded
    assert proc.stdout.startswith("Isolation: bubblewrap sandbox (no network, no course files"), proc.stdout[:300]
    if os.geteuid() == 0:
        assert "uid 65534" in proc.stdout.splitlines()[0]


@pytest.mark.parametrize("student", ["reads-hidden-tests", "reads-classmates", "copies-gradebook", "writes-to-classmate"])
def test_a_hostile_submission_cannot_reach_the_course_other_learners_or_the_gradebook(graded, sandbox, student):
    course, _proc, _leftovers = graded
    report = attack_report(course, student)
    assert report, "the attack did not run"
    assert all(": BLOCKED " in line for line in report), report


def test_nothing_a_hostile_submission_wrote_lands_in_the_course(graded, sandbox):
    course, _proc, _leftovers = graded
    assert not list(course.rglob("planted.txt"))
    assert not list(course.rglob("stolen*.db"))


def test_no_process_of_a_submission_outlives_its_grading(graded):
    course, _proc, leftovers = graded
    assert any(": OK " in line for line in attack_report(course, "leaves-a-process")), "the process was never started"
    assert leftovers == [], f"processes left running after grading: {leftovers}"


def test_a_str_subclass_that_equals_anything_fails_the_hidden_test(graded):
    course, _proc, _leftovers = graded
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        grade = gb.find_grade("q1", ASSIGNMENT, ASSIGNMENT, "str-that-equals-anything")
        assert grade.auto_score == 0


def test_a_flood_of_output_is_cut_in_the_autograded_notebook_and_the_feedback(graded):
    course, proc, _leftovers = graded
    notebook = course / "autograded" / "floods-output" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
    assert notebook.stat().st_size < 1_000_000, f"{notebook.stat().st_size} bytes"
    assert "output cut here" in notebook.read_text(encoding="utf-8")
    feedback = run(course, "feedback", ASSIGNMENT, "--student", "floods-output", "--student", "perfect")
    assert feedback.returncode == 0, feedback.stderr
    flood = (course / "feedback" / "floods-output" / ASSIGNMENT / f"{ASSIGNMENT}.html").stat().st_size
    perfect = (course / "feedback" / "perfect" / ASSIGNMENT / f"{ASSIGNMENT}.html").stat().st_size
    assert flood < perfect + 50_000 < FLOOD_CHARS


def _visible_text(page: str) -> str:
    return "".join(html.unescape(re.sub(r"<[^>]+>", "", page)).split())


def test_feedback_never_quotes_a_hidden_test_even_when_the_learner_printed_it(graded):
    course, _proc, _leftovers = graded
    proc = run(course, "feedback", ASSIGNMENT)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    page = (course / "feedback" / "prints-hidden-tests" / ASSIGNMENT / f"{ASSIGNMENT}.html").read_text(encoding="utf-8")
    assert "".join(hidden_test_line().split()) not in _visible_text(page)
    assert "it quoted the hidden tests" in page
    nb = json.loads((ROOT / "solutions" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb").read_text(encoding="utf-8"))
    hidden = ["".join(line.split()) for c in nb["cells"] for block in re.findall(r"### BEGIN HIDDEN TESTS(.*?)### END HIDDEN TESTS", "".join(c["source"]), re.S) for line in block.splitlines() if len("".join(line.split())) >= 10]
    assert hidden
    for path in sorted((course / "feedback").glob(f"*/{ASSIGNMENT}/{ASSIGNMENT}.html")):
        text = _visible_text(path.read_text(encoding="utf-8"))
        assert not [line for line in hidden if line in text], path


def test_without_a_sandbox_grade_warns_loudly_and_still_isolates_the_folder(tmp_path):
    course = make_course(tmp_path, students={"perfect": "perfect", "copies-gradebook": "copies-gradebook"})
    proc = run(course, "grade", ASSIGNMENT, "--no-progress", "--jobs", "2", env={**os.environ, "HRDTRAIN_GRADING_SANDBOX": "off"})
    assert proc.returncode == 0, proc.stderr
    assert "WARNING: no sandbox available" in proc.stderr and "student code runs with your rights" in proc.stderr
    assert re.search(r"perfect\s+14 / 20", proc.stdout)
    assert not list(course.rglob("stolen*.db")), "files a submission writes stay in its temporary folder"


def test_the_class_report_sorts_questions_and_learners_naturally():
    from hrdtrain.grading.report import natural_key

    assert sorted(["q10", "q2", "q1", "q4-protect", "q4-facilitate", "p10", "p9"], key=natural_key) == ["p9", "p10", "q1", "q2", "q4-facilitate", "q4-protect", "q10"]


def test_formgrader_finds_the_exchange_folder_and_its_feedback_button_hides_hidden_tests(tmp_path):
    """Formgrader warned that the exchange folder did not exist, and its plain "Generate Feedback"
    used nbgrader's pipeline, which shows hidden tests: the course config fixes both."""
    from hrdtrain.grading.course import load_config, nbgrader_api

    course = make_course(tmp_path, students={})
    api = nbgrader_api(course)
    assert api.exchange_missing is False and Path(api.exchange_root) == course / "exchange"
    preprocessors = load_config(course).GenerateFeedback.preprocessors
    assert preprocessors[0] == "hrdtrain.grading.feedback.HideHiddenTests"
