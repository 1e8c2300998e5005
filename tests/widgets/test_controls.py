"""The course's own accessible controls (issue 17), on their Python side: what the browser is
sent, and how a choice made in the browser becomes the value the widgets score."""

from __future__ import annotations

import pytest
import traitlets

from hrdtrain import show
from hrdtrain.widgets.controls import ActionButton, LiveHTML, RadioGroup, SelectList


def test_the_browser_gets_labels_and_a_position_never_the_option_values():
    group = RadioGroup(options=[("Accurate", "id-acc"), ("Inaccurate", "id-inacc")], value="id-inacc", description="Your verdict")
    state = group.get_state()
    assert state["labels"] == ["Accurate", "Inaccurate"] and state["index"] == 1 and state["description"] == "Your verdict"
    assert "id-" not in repr(state)


def test_a_choice_made_in_the_browser_becomes_the_value():
    group = RadioGroup(options=[("One", 1), ("Two", 2)], value=None, description="Rate")
    group.set_state({"index": 1})  # what the front end sends when the second radio is chosen
    assert group.value == 2
    group.value = 1
    assert group.index == 0
    group.value = None
    assert group.index is None


def test_a_sort_list_is_a_select_list_that_gets_labels_and_a_position_and_reports_the_choice():
    sort = show("3.4-may-or-must")
    first = sort.dropdowns[sort.item.statements[0].id]
    assert isinstance(first, SelectList)
    state = first.get_state()
    assert state["description"] == "Statement 1" and state["index"] == 0 and len(state["labels"]) == len(sort.item.categories) + 1
    assert not any(c.id in repr(state) for c in sort.item.categories if c.id not in c.label)  # ids stay in Python
    first.set_state({"index": 2})  # the second category, as the browser reports it
    assert first.value == sort.item.categories[1].id


def test_an_unknown_value_is_refused_and_new_options_drop_a_value_they_lack():
    group = RadioGroup(options=[("A", "a"), ("B", "b")], value="b", description="X")
    with pytest.raises(traitlets.TraitError, match="value not found: 'z'"):
        group.value = "z"
    group.options = [("B", "b"), ("C", "c")]
    assert group.value == "b" and group.index == 0 and group.labels == ["B", "C"]
    group.options = [("D", "d")]
    assert group.value is None and group.index is None


def test_a_judge_answered_from_the_browser_side_is_scored():
    w = show("3.4-tear-gas")
    w.choice.set_state({"index": 1})  # Inaccurate, as the browser reports it
    w.check_button.click()
    assert "✓ Correct." in w.feedback.value


def test_feedback_and_role_play_scenes_are_live_regions_and_a_new_scene_takes_the_focus():
    quiz = show("3.4-tear-gas")
    assert isinstance(quiz.feedback, LiveHTML) and quiz.feedback.live
    play = show("3.2-roleplay-filming")
    assert play.situation.focus_on_change and not play.situation.live  # the focus reads it, not a second announcement
    assert play.consequence.live and play.debrief.live


def press(button, shown) -> None:
    """What the browser sends when the button is pressed (action_button.js)."""
    button._handle_msg({"content": {"data": {"method": "custom", "content": {"event": "click", "view": "v1", "shown": shown}}}, "buffers": []})


def test_a_press_scores_the_answer_the_learner_saw_not_a_change_still_on_its_way():
    """The kernel still has the earlier verdict (the later change has not reached it): the press
    brings the verdict on the screen, and that one is scored."""
    quiz = show("3.4-tear-gas")
    quiz.choice.value = "depends"  # the first change, which reached the kernel
    group_id = quiz.choice.model_id
    assert quiz.check_button.reads == [[group_id, "index"]]
    press(quiz.check_button, {group_id: {"index": 1}})  # "Inaccurate", as the page shows it
    assert quiz.choice.value == "inaccurate"
    assert "✓ Correct." in quiz.feedback.value and "You chose: Inaccurate" in quiz.feedback.value


def test_a_press_sets_only_the_answers_of_the_controls_it_reads_and_runs_its_handlers_once():
    sort = show("3.4-may-or-must")
    first = sort.item.statements[0]
    dropdown = sort.dropdowns[first.id]
    clicks = []
    sort.check_button.on_click(lambda b: clicks.append(b))
    other = RadioGroup(options=[("A", "a")], description="not read by this button")
    press(sort.check_button, {
        dropdown.model_id: {"index": 1, "description": "renamed"},  # a key it does not read: ignored
        other.model_id: {"index": 0},  # a control it does not read: ignored
        "no-such-model": {"index": 0},
    })
    assert dropdown.value == sort.item.categories[0].id and dropdown.description == "Statement 1"
    assert other.value is None and clicks == [sort.check_button]
    press(sort.check_button, {dropdown.model_id: {"index": 99}})  # options that are gone: kept as it is
    assert dropdown.value == sort.item.categories[0].id and len(clicks) == 2
    sort.check_button.disabled = True
    press(sort.check_button, {dropdown.model_id: {"index": 0}})
    assert len(clicks) == 2 and dropdown.value == sort.item.categories[0].id


def test_the_buttons_that_act_on_an_answer_bring_it():
    """Check, Decide, Review and Save are ActionButtons that read the answer's controls; with
    ipywidgets' Button a quick re-answer could be scored on the earlier choice
    (tests/browser/test_accessibility.py shows it in JupyterLab)."""
    def reads(button):
        assert isinstance(button, ActionButton)
        return {model_id for model_id, _key in button.reads}

    def ids(*controls):
        return {c.model_id for c in controls}

    sort = show("3.4-may-or-must")
    assert reads(sort.check_button) == ids(*sort.dropdowns.values())
    many = show("3.4-tear-gas-conditions")
    assert reads(many.check_button) == ids(*many.boxes.values())
    play = show("3.2-roleplay-filming")
    assert reads(play.decide_button) == ids(play.choice)
    navigator = show("6.2-hierarchy")
    assert reads(navigator.check_button) == ids(navigator.goal_choice, navigator.choice)
    statement = show("3.4-statement-tear-gas")
    assert reads(statement.check_button) == ids(*statement.choices.values(), statement.free_text)
    assert reads(statement.save_button) == ids(*statement.choices.values(), statement.free_text, statement.file_name)
    plan = show("7-engagement-plan")
    boxes = [b for part in plan.ticks.values() for b in part.values()] + list(plan.notes.values())
    assert reads(plan.review_button) == ids(*boxes)
    assert reads(plan.save_button) == ids(*boxes, plan.file_name)
