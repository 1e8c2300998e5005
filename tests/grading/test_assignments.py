"""Are the nbgrader assignments sound: one per paper section 02-07, every graded cell described in
its assessment file, solutions that pass their own hidden tests, and exercises/ exactly what
nbgrader makes of solutions/ (no drift, no solutions or hidden tests leaking to learners)?"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from hrdtrain.assessment import ASSESSMENTS_DIR, load_assessment

ROOT = Path(__file__).resolve().parents[2]
SOLUTIONS = sorted(p for p in (ROOT / "solutions").iterdir() if p.is_dir())
NAMES = [p.name for p in SOLUTIONS]


def graded_cells(nb) -> dict[str, dict]:
    return {c.metadata["nbgrader"]["grade_id"]: c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade")}


def test_one_assignment_per_paper_section_02_to_07_each_named_like_its_notebook():
    notebooks = {p.stem for p in (ROOT / "notebooks").glob("0[2-7]_*.ipynb")}
    assert set(NAMES) == notebooks
    assert sorted(p.stem for p in ASSESSMENTS_DIR.glob("*.yaml")) == NAMES


@pytest.mark.parametrize("name", NAMES)
def test_every_graded_cell_is_described_in_the_assessment_file_with_the_same_points(name):
    nb = nbformat.read(ROOT / "solutions" / name / f"{name}.ipynb", as_version=4)
    cells = graded_cells(nb)
    assessment = load_assessment(name)
    assert assessment.assignment == name
    assert {q.id for q in assessment.questions} == set(cells)
    for q in assessment.questions:
        meta = cells[q.id].metadata["nbgrader"]
        assert meta["points"] == q.points, q.id
        assert (cells[q.id].cell_type == "markdown") == q.manual, q.id
        if not q.manual:
            assert f'check("{q.id}", strict=True)' in cells[q.id].source, f"{q.id}: tests cell does not run the visible check"
            assert "### BEGIN HIDDEN TESTS" in cells[q.id].source, f"{q.id}: no hidden tests"


@pytest.mark.parametrize("name", NAMES)
def test_each_assignment_mixes_autograded_data_and_written_questions(name):
    assessment = load_assessment(name)
    kinds = {q.visible.kind for q in assessment.questions if q.visible}
    assert "chart" in kinds, "a data task with a matplotlib chart"
    assert any(q.manual for q in assessment.questions), "a written answer graded with a rubric"
    assert sum(1 for q in assessment.questions if not q.manual) >= 5


@pytest.mark.parametrize("name", NAMES)
def test_the_solution_passes_all_its_own_tests(name):
    path = ROOT / "solutions" / name / f"{name}.ipynb"
    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, timeout=60, kernel_name="python3", shutdown_kernel="immediate", resources={"metadata": {"path": str(path.parent)}}).execute()
    errors = [(c.metadata.get("nbgrader", {}).get("grade_id"), o.ename, o.evalue) for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert errors == []


@pytest.fixture(scope="module")
def regenerated(tmp_path_factory) -> Path:
    """exercises/ as nbgrader makes them now from solutions/, in a scratch copy of the course."""
    course = tmp_path_factory.mktemp("course")
    shutil.copy(ROOT / "nbgrader_config.py", course)
    shutil.copytree(ROOT / "solutions", course / "solutions")
    proc = subprocess.run([sys.executable, "-m", "hrdtrain.cli", "exercises"], cwd=course, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return course / "exercises"


def _comparable(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", NAMES)
def test_committed_exercises_are_what_nbgrader_makes_of_the_solutions(name, regenerated):
    committed = ROOT / "exercises" / name / f"{name}.ipynb"
    assert committed.exists(), f"exercises/{name} is missing: run `make exercises` and commit it"
    assert _comparable(committed) == _comparable(regenerated / name / f"{name}.ipynb"), (
        f"exercises/{name} has drifted from solutions/{name}: run `make exercises` and commit the result"
    )


@pytest.mark.parametrize("name", NAMES)
def test_exercises_hold_no_solutions_and_no_hidden_tests(name):
    text = (ROOT / "exercises" / name / f"{name}.ipynb").read_text(encoding="utf-8")
    for marker in ("BEGIN SOLUTION", "END SOLUTION", "BEGIN HIDDEN TESTS", "Model answer"):
        assert marker not in text
