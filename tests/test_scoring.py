"""Is each kind of answer scored right, without any widget or kernel?"""

from __future__ import annotations

import pytest

from hrdtrain.bank import default_bank
from hrdtrain.scoring import AnswerError, feedback_html, score


@pytest.fixture(scope="module")
def bank():
    return default_bank()


def test_judge_right_and_wrong_verdicts(bank):
    item = bank.get("3.4-tear-gas")
    assert score(item, "inaccurate").correct
    wrong = score(item, "accurate")
    assert not wrong.correct and wrong.score == 0.0
    assert wrong.parts[0].feedback == item.feedback.accurate


def test_judge_rejects_an_unknown_verdict(bank):
    with pytest.raises(AnswerError, match="is not a verdict"):
        score(bank.get("3.4-tear-gas"), "maybe")


def test_several_answer_choice_needs_exactly_the_right_set(bank):
    item = bank.get("3.4-tear-gas-conditions")
    right = sorted(item.correct_ids)
    assert score(item, right).correct
    partial = score(item, right[:2])
    assert not partial.correct and 0 < partial.score < 1 and partial.missed == len(right) - 2
    assert not score(item, right + ["never-allowed"]).correct


def test_choice_rejects_an_option_the_item_does_not_have(bank):
    with pytest.raises(AnswerError, match="no option 'zz'"):
        score(bank.get("3.4-tear-gas-conditions"), ["zz"])


def test_sort_scores_each_statement(bank):
    item = bank.get("3.4-may-or-must")
    right = {s.id: s.category for s in item.statements}
    assert score(item, right).correct
    flipped = dict(right)
    first = item.statements[0]
    flipped[first.id] = next(c.id for c in item.categories if c.id != first.category)
    result = score(item, flipped)
    assert not result.correct and result.score == pytest.approx((len(right) - 1) / len(right))


def test_wrong_choice_feedback_does_not_give_away_unticked_right_options(bank):
    item = bank.get("3.4-tear-gas-conditions")
    result = score(item, ["never-allowed"])
    html = feedback_html(result, tries=1, reveal=False, item=item)
    hidden = [o for o in item.options if o.id in item.correct_ids]
    assert all(o.feedback not in html for o in hidden)
    assert "right options not ticked yet" in html
    revealed = feedback_html(result, tries=3, reveal=True, item=item)
    assert "The right answer" in revealed


def test_result_serialises_and_displays_itself(bank):
    result = score(bank.get("3.4-tear-gas"), "inaccurate")
    d = result.to_dict()
    assert d["item_id"] == "3.4-tear-gas" and d["correct"] is True and d["answer"] == "inaccurate"
    assert "✓ Correct." in result._repr_html_()
