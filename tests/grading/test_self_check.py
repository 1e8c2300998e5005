"""Does a learner's self-check say, in plain words, what is wrong with the FORM of an answer,
without ever telling whether it is right? And are the data sets what the seeded script makes?"""

from __future__ import annotations

import filecmp
import subprocess
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import nbformat  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from nbclient import NotebookClient  # noqa: E402

from hrdtrain.data import DATA_DIR, DATASETS, load_data  # noqa: E402
from hrdtrain.exercise import CheckFailed, checks_for  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
A02 = "02_international_standards"


def said(capsys, check, qid: str) -> str:
    check(qid)
    return capsys.readouterr().out.strip()


@pytest.mark.parametrize(
    ("namespace", "qid", "message"),
    [
        ({}, "q1", "✗ Self-check: q1: `q1` is not set yet. Write your answer in the answer cell above and run that cell"),
        ({"q1": None}, "q1", "✗ Self-check: q1: `q1` is still None. Replace None with your answer"),
        ({"q1": "e"}, "q1", "✗ Self-check: q1: the answer should be one of 'a', 'b', 'c', 'd' (in quotes); it is 'e'."),
        ({"q1": "a"}, "q1", "✓ Self-check: q1: your answer has the right form. Whether it is right is decided by hidden checks"),
        ({"q3": "a, b"}, "q3", "✗ Self-check: q3: the answer should be a set of some of 'a', 'b', 'c', 'd', 'e', written like {'a'}"),
        ({"q3": {"a", "z"}}, "q3", "✗ Self-check: q3: 'z' is not one of the choices"),
        ({"share_asia": "31"}, "q7", "✗ Self-check: q7: the answer should be a number (without quotes); it is '31'."),
        ({"share_asia": 0.3}, "q7", "✓ Self-check: q7"),
        ({"share_asia": 316}, "q7", "✗ Self-check: q7: 316 is outside the plausible range 0 to 100: check the calculation."),
        ({"share_asia": float("nan")}, "q7", "✗ Self-check: q7: the answer is NaN"),
        ({}, "q9", "✓ Self-check: q9 is a written answer: your trainer grades it with the rubric shown above it."),
        ({}, "q99", "✗ Self-check: there is no question 'q99' in this assignment; the questions are q1, q2, q3"),
    ],
)
def test_a_self_check_describes_the_form_of_the_answer(capsys, namespace, qid, message):
    assert said(capsys, checks_for(A02, namespace=namespace), qid).startswith(message)


def test_a_self_check_never_tells_right_from_wrong(capsys):
    """A wrong answer of the right form gets exactly the message a right one gets."""
    right = said(capsys, checks_for(A02, namespace={"q1": "b"}), "q1")
    wrong = said(capsys, checks_for(A02, namespace={"q1": "c"}), "q1")
    assert right == wrong


def test_a_chart_needs_a_title_and_labelled_axes(capsys):
    fig, ax = plt.subplots()
    ax.bar(["a"], [1])
    check = checks_for(A02, namespace={"fig": fig})
    assert "the chart needs a title" in said(capsys, check, "q8")
    ax.set_title("t")
    assert "both axes need a label" in said(capsys, check, "q8")
    ax.set_xlabel("x")
    ax.set_ylabel("y")
    assert said(capsys, check, "q8").startswith("✓")
    plt.close(fig)


def test_in_a_test_cell_a_failed_check_fails_the_question():
    with pytest.raises(CheckFailed, match="Self-check: q1: the answer should be one of"):
        checks_for(A02, namespace={"q1": 3})("q1", strict=True)


def test_in_a_real_kernel_check_reads_the_notebooks_own_variables():
    """The exercise notebook as a learner runs it: setup, an answer of the wrong form, its check cell."""
    nb = nbformat.read(ROOT / "exercises" / A02 / f"{A02}.ipynb", as_version=4)
    cells = nb.cells
    setup = next(c for c in cells if c.metadata.get("nbgrader", {}).get("grade_id") == "setup")
    answer = next(c for c in cells if c.metadata.get("nbgrader", {}).get("grade_id") == "q1-answer")
    answer.source = 'q1 = "B "'
    check_cell = cells[cells.index(answer) + 1]
    assert check_cell.source.strip() == 'check("q1")'
    nb.cells = [setup, answer, check_cell]
    NotebookClient(nb, timeout=60, kernel_name="python3", shutdown_kernel="immediate").execute()
    assert check_cell.outputs[0]["text"].startswith("✓ Self-check: q1: your answer has the right form.")


def test_every_data_set_loads_and_says_whether_it_is_invented():
    for name, description in DATASETS.items():
        assert isinstance(load_data(name), pd.DataFrame)
        assert description.startswith(("REAL:", "INVENTED:"))
    assert load_data("communications_by_region").communications.sum() == 209  # A/HRC/31/55 para. 5
    with pytest.raises(ValueError, match="no data set 'stops'; the data sets are: communications_by_region"):
        load_data("stops")


def test_the_seeded_script_reproduces_the_shipped_data_exactly(tmp_path):
    subprocess.run([sys.executable, "-m", "hrdtrain.data.make_synthetic", str(tmp_path)], check=True, capture_output=True)
    for name in DATASETS:
        assert filecmp.cmp(tmp_path / f"{name}.csv", DATA_DIR / f"{name}.csv", shallow=False), name
