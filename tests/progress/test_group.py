"""Self-assessment, the learner's dashboard, and the facilitator's group view from anonymous exports."""

from __future__ import annotations

import html
import json
import subprocess
import sys
from pathlib import Path

import pytest

from hrdtrain import group_results, my_progress, self_assessment, show
from hrdtrain.export import anonymous_export, write_export
from hrdtrain.store import ProgressStore
from hrdtrain.text_files import plain

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
    assert "I know which level of the police to approach for a given problem. 2 → 4" in after.status.value
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
    assert "The tear-gas post" in page and "notebook 03" in page


def make_exports(folder: Path, learners: list[list[tuple]]) -> list[Path]:
    """One anonymous export per learner, from (item id, answer, correct[, item type]) tuples."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n, answers in enumerate(learners):
        store = ProgressStore(folder.parent / f"store-{folder.name}-{n}")
        for k, (item_id, value, correct, *kind) in enumerate(answers, start=1):
            item_type = kind[0] if kind else "self-assessment" if item_id.startswith("self:") else "judge"
            store.add_answer(item_id, item_type, value, correct, float(correct), k)
        paths.append(write_export(anonymous_export(store.answers()), folder / f"{n}.json"))
    return paths


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "hrdtrain.cli", *args], capture_output=True, text=True, timeout=120, cwd=ROOT)


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
    assert "before  2.5 (n=2)  I can weigh the risks" in out and "after   4.0 (n=2)  I can weigh the risks" in out
    assert out.index("before  2.5") < out.index("after   4.0")
    page = group_results(str(tmp_path / "exports")).data
    assert "3 learner(s)." in page
    assert "<img alt='Bar chart of the items most of the group got wrong" in page
    assert "Accurate ×2" in page and "Self-assessment" in page


@pytest.mark.parametrize(
    ("content", "message"),
    [("{not json", "not an hrdtrain anonymous export (not valid JSON"), ('{"format": "something-else", "answers": []}', "not an hrdtrain anonymous export (expected")],
)
def test_a_file_that_is_not_an_export_is_named_with_what_is_wrong(tmp_path, content, message):
    bad = tmp_path / "bad.json"
    bad.write_text(content)
    proc = subprocess.run([sys.executable, "-m", "hrdtrain.cli", "group", str(bad)], capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert proc.returncode == 1
    assert f"hrdtrain group: {bad}: {message}" in proc.stderr
    assert "⚠" in group_results(str(bad)).data


FILMING_GOOD = ["prepare", "explain-calmly", "accept-distance", "consent-first"]
FILMING_POOR = ["prepare", "explain-calmly", "accept-distance", "post-everything"]


def role_play(path: list[str], outcome_correct: bool) -> list[tuple]:
    """Every decision of a role play is recorded with the path so far, as the widget does."""
    return [("3.2-roleplay-filming", path[: k + 1], outcome_correct and k == len(path) - 1, "scenario") for k in range(len(path))]


def test_the_dashboard_shows_titles_prompts_and_option_text_instead_of_ids_and_json(tmp_path):
    from hrdtrain.bank import default_bank

    bank = default_bank()
    placed_wrong = {s.id: s.category for s in bank.get("1-who-is-a-defender").statements} | {"nurse-once": "not-defender"}
    learner = [
        ("3.4-tear-gas", "depends", False),
        ("1-foreword-aims", ["exhaustive"], False, "choice"),
        ("1-who-is-a-defender", placed_wrong, False, "sort"),
        ("6.2-goal-ethnic-profiling", {"goal": "6.2-goal-ethnic-profiling", "level": "operational"}, False, "hierarchy"),
    ]
    make_exports(tmp_path / "exports", [learner, learner])
    page = group_results(str(tmp_path / "exports")).data
    for item_id in ("3.4-tear-gas", "1-foreword-aims", "1-who-is-a-defender", "6.2-goal-ethnic-profiling"):
        assert html.escape(bank.get(item_id).title) in page
    assert "It depends ×2" in page
    exhaustive = next(o.text for o in bank.get("1-foreword-aims").options if o.id == "exhaustive")
    assert html.escape(plain(exhaustive)[:40]) in page
    nurse = next(s.text for s in bank.get("1-who-is-a-defender").statements if s.id == "nurse-once")
    assert "Most often misplaced: “" + html.escape(plain(nurse)[:40]) in page
    level = next(lv.name for lv in bank.get("6.2-hierarchy").levels if lv.id == "operational")
    assert f"{html.escape(level)} ×2" in page
    assert html.escape(plain(bank.get("3.4-tear-gas").prompt)[:60]) in page
    assert "{&quot;" not in page and "[&quot;" not in page and "&quot;depends&quot;" not in page


def test_the_chart_says_in_words_when_nobody_got_an_item_right_at_the_first_try(tmp_path):
    make_exports(tmp_path / "none", [[("3.4-tear-gas", "accurate", False)], [("3.1-police-can-facilitate", "inaccurate", False)]])
    page = group_results(str(tmp_path / "none")).data
    assert "Nobody got any of these 2 items right, at the first try or at their latest: the table below has the figures." in page
    assert "<img alt='Bar chart of the items most of the group got wrong" not in page  # no chart of zeros
    make_exports(tmp_path / "later", [[("3.4-tear-gas", "accurate", False), ("3.4-tear-gas", "inaccurate", True)]])
    later = group_results(str(tmp_path / "later")).data
    assert "every first-try bar is at 0 %; the dashed outlines show the latest try." in later and "<img alt='Bar chart of the items" in later
    make_exports(tmp_path / "some", [[("3.4-tear-gas", "inaccurate", True)]])
    assert "Nobody got" not in group_results(str(tmp_path / "some")).data


def test_role_plays_and_workshops_are_counted_apart_from_quizzes(tmp_path):
    workshop = [("3.4-statement-tear-gas", {"sentences": {"facts": "verified-account"}, "flagged": []}, k == 2, "statement") for k in range(3)]
    paths = make_exports(
        tmp_path / "exports",
        [role_play(FILMING_GOOD, True) + workshop + [("3.4-tear-gas", "inaccurate", True)], role_play(FILMING_POOR, False) + [("3.4-tear-gas", "accurate", False)]],
    )
    page = group_results(str(tmp_path / "exports")).data
    quizzes = page.split("<h4>Role plays</h4>")[0]
    assert "3.2-roleplay-filming" not in quizzes and "3.4-statement-tear-gas" not in quizzes and "3.4-tear-gas" in quizzes
    assert "<h4>Role plays</h4>" in page and "<h4>Workshops</h4>" in page
    assert "<td>2</td><td>1</td><td>0</td><td>1</td><td>0</td><td>4.0</td>" in page  # learners, good, mixed, poor, unfinished, decisions
    assert "<td>1 of 1</td><td>3.0</td>" in page  # the workshop: latest draft sound, 3 checks
    out = cli("group", *map(str, paths)).stdout
    quiz_part = out.split("Role plays")[0]
    assert "3.2-roleplay-filming" not in quiz_part and "4.0" not in quiz_part
    assert "3.2-roleplay-filming                       2   1 good, 0 mixed, 1 poor, 0 not finished" in out
    assert "3.4-statement-tear-gas                     1   1 of 1   3.0 checks" in out


def test_self_assessment_rows_show_the_statement_not_its_key(tmp_path):
    make_exports(tmp_path / "exports", [[("self:before:whom-to-approach", 2, True), ("self:after:whom-to-approach", 4, True)]])
    page = group_results(str(tmp_path / "exports")).data
    assert "<td>I know which level of the police to approach for a given problem.</td><td>2.0 (n=1)</td><td>4.0 (n=1)</td>" in page
    assert "whom-to-approach" not in page


def test_answers_from_another_version_of_the_course_are_shown_by_their_ids(tmp_path):
    """An export may name verdicts, options or items this version does not have."""
    make_exports(tmp_path / "exports", [[("3.4-tear-gas", "maybe", False), ("1-foreword-aims", ["gone"], False, "choice"), ("9.9-not-in-this-course", "a", False)]])
    page = group_results(str(tmp_path / "exports")).data
    assert "maybe ×1" in page and "gone ×1" in page and "9.9-not-in-this-course" in page
