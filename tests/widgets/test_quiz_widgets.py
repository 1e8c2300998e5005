"""Does each quiz widget, clicked like a learner would, show the right feedback and record it?"""

from __future__ import annotations

import pytest

from hrdtrain import recording, show
from hrdtrain.bank import UnknownItemError, default_bank
from hrdtrain.widgets import QuizWidget




def feedback_text(w) -> str:
    return w.feedback.value


def test_judge_wrong_then_right_counts_tries():
    w = show("3.4-tear-gas")
    w.choice.value = "accurate"
    w.check_button.click()
    assert "✗ Not quite." in feedback_text(w) and "Try 1." in feedback_text(w)
    assert "confuses the rules for" in feedback_text(w)
    assert "Key point" not in feedback_text(w)  # not given away on a wrong first try

    w.choice.value = "inaccurate"
    w.check_button.click()
    assert "✓ Correct." in feedback_text(w)
    assert "You got it in 2 tries." in feedback_text(w)
    assert "not unlawful from the outset" in feedback_text(w)
    assert "Key point" in feedback_text(w) and "Source: paper §3.4" in feedback_text(w)


def test_judge_right_first_time():
    w = show("3.4-tear-gas")
    w.choice.value = "inaccurate"
    w.check_button.click()
    assert "You got it on the first try." in feedback_text(w)


def test_check_without_an_answer_asks_for_one_and_counts_no_try():
    w = show("3.4-tear-gas")
    w.check_button.click()
    assert "Choose an answer first" in feedback_text(w)
    assert w.tries == 0 and recording.answers() == []


def test_after_three_wrong_tries_the_answer_is_revealed():
    w = show("3.4-tear-gas")
    for verdict in ("accurate", "depends", "accurate"):
        w.choice.value = verdict
        w.check_button.click()
    assert "The right answer: Inaccurate" in feedback_text(w)


def test_multiple_choice_ticks_boxes():
    w = show("3.4-tear-gas-conditions")
    item = default_bank().get("3.4-tear-gas-conditions")
    assert "Tick all that apply." in w.children[1].value
    w.boxes["never-allowed"].value = True
    w.check_button.click()
    assert "✗" in feedback_text(w) and "not unlawful from the outset" in feedback_text(w)
    w.boxes["never-allowed"].value = False
    for oid in item.correct_ids:
        w.boxes[oid].value = True
    w.check_button.click()
    assert "✓ Correct." in feedback_text(w) and "You got it in 2 tries." in feedback_text(w)


def test_single_choice_uses_radio_buttons():
    single = next(i for i in default_bank() if i.type == "choice" and not i.multiple)
    w = show(single.id)
    wrong = next(o for o in single.options if o.id not in single.correct_ids)
    w.choice.value = wrong.id
    w.check_button.click()
    assert "✗ Not quite." in feedback_text(w)
    w.choice.value = single.answer
    w.check_button.click()
    assert "✓ Correct." in feedback_text(w)
    assert next(o for o in single.options if o.id == single.answer).feedback.split("\n")[0][:40] in feedback_text(w)


def test_sort_needs_every_statement_placed_then_marks_each():
    item = default_bank().get("3.4-may-or-must")
    w = show("3.4-may-or-must")
    first, *rest = item.statements
    w.dropdowns[first.id].value = first.category
    w.check_button.click()
    assert f"{len(rest)} statements still to place" in feedback_text(w)
    for s in rest:
        w.dropdowns[s.id].value = next(c.id for c in item.categories if c.id != s.category)
    w.check_button.click()
    assert f"Partly right: 1 of {len(item.statements)}" in feedback_text(w)
    for s in rest:
        w.dropdowns[s.id].value = s.category
    w.check_button.click()
    assert "✓ Correct." in feedback_text(w) and rest[0].feedback[:40] in feedback_text(w)


def test_every_answer_goes_to_the_recording_function():
    w = show("3.4-tear-gas")
    w.choice.value = "accurate"
    w.check_button.click()
    w.choice.value = "inaccurate"
    w.check_button.click()
    got = [(a["item_id"], a["answer"], a["correct"], a["attempt"]) for a in recording.answers()]
    assert got == [("3.4-tear-gas", "accurate", False, 1), ("3.4-tear-gas", "inaccurate", True, 2)]


@pytest.mark.parametrize("item_id", [i.id for i in default_bank()])
def test_every_control_of_every_item_has_a_text_label(item_id, find_controls):
    w = show(item_id)
    controls = find_controls(w)
    assert controls, "no controls"
    unlabelled = [c for c in controls if not (c.description or "").strip()]
    assert unlabelled == []
    if isinstance(w, QuizWidget):
        assert w.check_button.description == "Check"
    assert "hrdtrain-quiz" in w._dom_classes


def test_show_an_unknown_id_suggests_nearest():
    with pytest.raises(UnknownItemError, match="Did you mean '3.4-tear-gas'"):
        show("3.4-tear-gaz")
