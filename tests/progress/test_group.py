"""Self-assessment, the learner's dashboard, and the facilitator's group view from anonymous exports."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from hrdtrain import group_results, my_progress, self_assessment, show
from hrdtrain.export import anonymous_export, write_export
from hrdtrain.store import ProgressStore

ROOT = Path(__file__).resolve().parents[2]




def answer(item_id: str, *choices: str) -> None:
    w = show(item_id)
    for c in choices:
        w.choice.value = c
        w.check()


def test_self_assessment_saves_ratings_and_after_shows_before(home):
    before = self_assessment("before")
    before.save_button.click()
    assert "Rate at least one statement" in before.status.value
    before.ratings["whom-to-approach"].value = 2
    before.ratings["risks"].value = 3
    before.save_button.click()
    assert "Saved 2 of 7 ratings." in before.status.value
    after = self_assessment("after")
    after.ratings["whom-to-approach"].value = 4
    after.save_button.click()
    assert "Start → now: whom-to-approach: 2 → 4." in after.status.value
    labels = [label for label, _ in after.ratings["risks"].options]
    assert labels[0] == "1 – not at all" and labels[-1] == "5 – fully"
    assert after.ratings["risks"].description.startswith("I can weigh the risks")
    with pytest.raises(ValueError, match='takes "before" or "after"'):
        self_assessment("during")


def test_my_progress_draws_the_dashboard_with_the_items_to_revisit(home):
    answer("3.4-tear-gas", "accurate")
    answer("3.1-police-can-facilitate", "accurate")
    page = my_progress().data
    assert "2 answers recorded; 1 of 2 items answered are right at your latest try." in page
    assert "<img alt='Bar charts of your progress per notebook" in page
    assert 'show("3.4-tear-gas")' in page and "The tear-gas post" in page


def make_exports(folder: Path, learners: list[list[tuple[str, str, bool]]]) -> list[Path]:
    """One anonymous export per learner, from (item id, answer, correct) triples."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n, answers in enumerate(learners):
        store = ProgressStore(folder / f"store-{n}")
        for k, (item_id, value, correct) in enumerate(answers, start=1):
            store.add_answer(item_id, "self-assessment" if item_id.startswith("self:") else "judge", value, correct, float(correct), k)
        paths.append(write_export(anonymous_export(store.answers()), folder / f"{n}.json"))
    return paths


def test_the_group_view_counts_first_and_latest_answers_and_gives_the_debrief_note(tmp_path):
    paths = make_exports(
        tmp_path / "exports",
        [
            [("3.4-tear-gas", "accurate", False), ("3.4-tear-gas", "inaccurate", True), ("self:before:risks", 2, True), ("self:after:risks", 4, True)],
            [("3.4-tear-gas", "accurate", False), ("self:before:risks", 3, True), ("self:after:risks", 4, True)],
            [("3.4-tear-gas", "inaccurate", True), ("3.1-police-can-facilitate", "accurate", True)],
        ],
    )
    proc = subprocess.run([sys.executable, "-m", "hrdtrain.cli", "group", *map(str, paths)], capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert out.startswith("3 learner(s).")
    assert "3.4-tear-gas  The tear-gas post: 1 of 3 right at first try, 2 at their latest" in out
    assert "Debrief: Under international human rights law" in out
    assert "before  risks" in out and "2.5 (n=2)" in out and "after   risks" in out and "4.0 (n=2)" in out
    page = group_results(str(tmp_path / "exports")).data
    assert "3 learner(s)." in page
    assert "<img alt='Bar chart of the items most of the group got wrong" in page
    assert '&quot;accurate&quot; ×2' in page and "Self-assessment" in page


@pytest.mark.parametrize(
    ("content", "message"),
    [("{not json", "not an hrdtrain export (not valid JSON"), ('{"format": "something-else", "answers": []}', "not an hrdtrain anonymous export (expected")],
)
def test_a_file_that_is_not_an_export_is_named_with_what_is_wrong(tmp_path, content, message):
    bad = tmp_path / "bad.json"
    bad.write_text(content)
    proc = subprocess.run([sys.executable, "-m", "hrdtrain.cli", "group", str(bad)], capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert proc.returncode == 1
    assert f"hrdtrain group: {bad}: {message}" in proc.stderr
    assert "⚠" in group_results(str(bad)).data
