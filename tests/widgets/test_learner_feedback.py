"""Does the feedback a learner reads agree with itself, with the stored history and with English
grammar? (Issue 13 §4: what learners tripped over.)"""

from __future__ import annotations

import html
import re

import pytest

from hrdtrain import show
from hrdtrain.bank import default_bank
from hrdtrain.i18n import catalogue
from hrdtrain.scoring import feedback_html, score
from hrdtrain.widgets import JudgeWidget


def visible(markup: str) -> str:
    markup = re.sub(r"<style>.*?</style>", " ", markup, flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", markup)).split())


def answer(w, value) -> str:
    w.choice.value = value
    w.check_button.click()
    return visible(w.feedback.value)


def test_no_interface_string_writes_a_plural_as_s_in_brackets():
    """'1 right option(s)', 'sentence(s)', 'pitfall(s)': every count gets its own singular or plural."""
    assert [k for k, v in catalogue().items() if "(s)" in v] == []


def test_a_wrong_single_choice_answer_never_counts_options_not_ticked():
    item = next(i for i in default_bank() if i.type == "choice" and not i.multiple)
    w = show(item.id)
    wrong = next(o.id for o in item.options if o.id not in item.correct_ids)
    seen = answer(w, wrong)
    assert "✗ Not quite." in seen
    assert "not ticked" not in seen


def test_a_several_answer_item_says_option_or_options_by_count():
    item = default_bank().get("3.4-tear-gas-conditions")
    right = sorted(item.correct_ids)
    assert len(right) >= 2
    w = show(item.id)
    w.select(*right[:-1])
    w.check_button.click()
    assert "1 right option not ticked yet." in visible(w.feedback.value)
    w.select(*right[:-2])
    w.check_button.click()
    assert "2 right options not ticked yet." in visible(w.feedback.value)


def test_first_try_in_a_new_session_does_not_contradict_an_earlier_wrong_answer():
    first = show("3.4-tear-gas")
    assert "You got it" not in answer(first, "accurate")
    again = show("3.4-tear-gas")
    assert "✗ not right yet" in visible(again.header.value)
    seen = answer(again, "inaccurate")
    assert "You got it on the first try." not in seen
    assert "You got it on the first try in this session." in seen


def test_the_answered_before_banner_says_so_once_the_answer_is_right():
    answer(show("3.4-tear-gas"), "accurate")
    again = show("3.4-tear-gas")
    answer(again, "depends")
    assert "✗ not right yet" in visible(again.header.value)
    answer(again, "inaccurate")
    banner = visible(again.header.value)
    assert "not right yet" not in banner and "Try again" not in banner
    assert "now ✓ right" in banner
    assert "You got it in 2 tries in this session." in visible(again.feedback.value)


def test_without_earlier_answers_the_first_try_is_the_first_try():
    assert "You got it on the first try." in answer(show("3.4-tear-gas"), "inaccurate")


def test_one_try_before_the_reveal_is_one_try_not_tries():
    w = JudgeWidget(default_bank().get("3.4-tear-gas"), reveal_after=1)
    seen = answer(w, "accurate")
    assert "After 1 try, here is the answer" in seen


QUIZ_ITEMS = [i for i in default_bank() if i.type in ("judge", "choice")]


@pytest.mark.parametrize("item", QUIZ_ITEMS, ids=lambda i: i.id)
def test_feedback_on_a_wrong_answer_never_points_to_a_key_point_it_has_not_shown(item):
    """'(see the key point)' before the key point is shown sends the learner looking for nothing."""
    if item.type == "judge":
        wrong = [v for v in ("accurate", "inaccurate", "depends") if v != item.answer]
    else:
        wrong = [o.id if not item.multiple else [o.id] for o in item.options if o.id not in item.correct_ids]
    for answer_ in wrong:
        result = score(item, answer_)
        shown = feedback_html(result, tries=1, reveal=False, item=item)
        if "hrdtrain-keypoint" in shown:
            continue
        assert "key point" not in visible(shown).lower(), f"{item.id}: feedback for {answer_!r} refers to the key point before it is shown"
