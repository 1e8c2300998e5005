"""Does `hrdtrain grade` grade a real class with real nbgrader, in parallel, and survive every kind
of broken submission, reporting each for its student? Do feedback and report work on the result,
without showing hidden tests, and do nbgrader's own tools see the scores?"""

from __future__ import annotations

import csv
import io
import re
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from simulated_class import ASSIGNMENT, EXPECTED, make_course  # noqa: E402

TIMEOUT = 5


def run(course: Path, *args: str, timeout: int = 600) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "hrdtrain.cli", *args], cwd=course, capture_output=True, text=True, timeout=timeout)


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    """The simulated class (12 submissions), graded once with 2 jobs on a fresh course folder."""
    course = make_course(tmp_path_factory.mktemp("class"))
    proc = run(course, "grade", ASSIGNMENT, "--jobs", "2", "--timeout", str(TIMEOUT), "--no-progress")
    return course, proc


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
    _course, proc = graded
    assert proc.returncode == 1, "some submissions could not be graded: exit status 1"
    assert f"{ASSIGNMENT}: 10 of 12 submission(s) graded; 2 not graded;" in proc.stdout
    assert "NOT GRADED damaged-json:" in proc.stderr and "NOT GRADED renamed-notebook:" in proc.stderr


@pytest.mark.parametrize("student", sorted(EXPECTED))
def test_each_submission_gets_its_score_and_its_report(graded, student):
    _course, proc = graded
    score, words = EXPECTED[student]
    block = student_block(proc.stdout, student)
    if score is None:
        assert "NOT GRADED" in block
    else:
        assert re.search(rf"\b{score:g} / 20\b", block), block
    for w in words:
        assert w in block, block


def test_scores_land_in_nbgraders_gradebook_where_nbgrader_export_finds_them(graded):
    course, _proc = graded
    export = subprocess.run([sys.executable, "-m", "nbgrader", "export", "--to", "grades.csv"], cwd=course, capture_output=True, text=True, timeout=300)
    assert export.returncode == 0, export.stderr
    rows = {r["student_id"]: r for r in csv.DictReader(io.StringIO((course / "grades.csv").read_text()))}
    for student, (score, _words) in EXPECTED.items():
        if score is not None:
            assert float(rows[student]["score"]) == score, student


def test_feedback_never_shows_hidden_tests_but_shows_the_self_check_message(graded):
    course, _proc = graded
    proc = run(course, "feedback", ASSIGNMENT)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    pages = sorted((course / "feedback").glob(f"*/{ASSIGNMENT}/{ASSIGNMENT}.html"))
    assert len(pages) == 10
    for page in pages:
        text = page.read_text(encoding="utf-8")
        # Tokens that occur only in the hidden tests of assignment 02 (pygments keeps each one whole).
        for token in ("HIDDEN", "31.58", "widths"):
            assert token not in text, f"{page}: {token!r}"
    wrong = (course / "feedback" / "wrong-form" / ASSIGNMENT / f"{ASSIGNMENT}.html").read_text(encoding="utf-8")
    assert "the answer should be a set of some of" in wrong
    partly = (course / "feedback" / "partly" / ASSIGNMENT / f"{ASSIGNMENT}.html").read_text(encoding="utf-8")
    assert "did not pass the hidden checks" in partly


def test_the_class_report_has_scores_questions_and_charts(graded):
    course, _proc = graded
    proc = run(course, "report", "--out", "class-report")
    assert proc.returncode == 0, proc.stderr
    scores = list(csv.DictReader(open(course / "class-report" / "scores.csv", encoding="utf-8")))
    assert {r["student"] for r in scores} == {s for s, (score, _w) in EXPECTED.items() if score is not None}
    assert {float(r["score"]) for r in scores if r["student"] == "partly"} == {11.0}
    page = (course / "class-report" / "index.html").read_text(encoding="utf-8")
    assert page.count("<img ") == 3
    for words in ("Scores per assignment", "Questions of 02_international_standards", "the paper's frame", "<td>law</td>", "<td>q7</td>"):
        assert words in page


def test_grading_again_regrades_without_losing_anyone(graded):
    course, _proc = graded
    proc = run(course, "grade", ASSIGNMENT, "--student", "partly", "--student", "perfect", "--no-progress")
    assert proc.returncode == 0, proc.stderr
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

    course, _proc = graded
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
