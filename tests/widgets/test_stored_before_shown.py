"""Is every answer in the private store by the time its feedback reaches the screen?

In the browser edition the kernel runs inside the page: a learner who reloads the page as soon as
the feedback appears ends the kernel, and any write still to come with it (seen in chromium: the
tear-gas answer was lost when the page was reloaded right after Check). So each widget records
first and shows second. These tests watch the feedback widget and count the stored answers at
the moment its text changes; with the old order (show, then record) each count is one short.
"""

from __future__ import annotations

from hrdtrain import show
from hrdtrain.bank import default_bank
from hrdtrain.store import open_store


def stored_when_shown(output) -> list[int]:
    """How many answers the store held each time `output` (an HTML widget) changed."""
    counts: list[int] = []
    output.observe(lambda _change: counts.append(len(open_store().answers())), names="value")
    return counts


def test_a_judge_answer_is_stored_before_its_feedback_is_shown():
    w = show("3.4-tear-gas")
    counts = stored_when_shown(w.feedback)
    w.choice.value = "accurate"
    w.check_button.click()
    w.choice.value = "inaccurate"
    w.check_button.click()
    assert counts == [1, 2]


def test_a_navigator_choice_is_stored_before_its_feedback_is_shown():
    item = default_bank().get("6.2-hierarchy")
    w = show(item.id)
    w.goal_choice.value = item.goals[0].id
    counts = stored_when_shown(w.feedback)
    w.choice.value = item.goals[0].better[0]
    w.check_button.click()
    assert counts and set(counts) == {1}


def test_a_statement_check_is_stored_before_its_feedback_is_shown():
    w = show("3.4-statement-tear-gas")
    counts = stored_when_shown(w.feedback)
    w.choices["legal"].value = "banned-in-war"
    w.check_button.click()
    assert counts and set(counts) == {1}


def test_a_role_play_decision_is_stored_before_its_consequence_is_shown():
    item = default_bank().get("3.2-roleplay-filming")
    w = show(item.id)
    counts = stored_when_shown(w.consequence)
    w.select(next(s for s in item.scenes if s.id == item.start).choices[0].id)
    w.decide_button.click()
    assert counts and set(counts) == {1}
