"""Does scoring a choice of whom to approach give the right verdict, and does each goal stand as an item?"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hrdtrain.bank import load
from hrdtrain.scoring import AnswerError, score

VALID = Path(__file__).parent / "fixtures" / "valid.yaml"


@pytest.fixture(scope="module")
def navigator():
    bank, problems = load([VALID])
    assert not problems
    return bank.get("6.2-sample")


def test_a_better_level_is_right_and_scores_1(navigator):
    result = score(navigator, {"goal": "6.2-sample-eviction", "level": "command"})
    assert result.correct and result.score == 1.0
    assert result.parts[0].feedback == "The decision on the eviction is usually taken here."


def test_a_possible_level_is_not_right_and_scores_half(navigator):
    result = score(navigator, {"goal": "6.2-sample-eviction", "level": "operational"})
    assert not result.correct and result.score == 0.5


def test_any_other_level_is_wrong_and_scores_0(navigator):
    result = score(navigator, {"goal": "6.2-sample-eviction", "level": "training"})
    assert not result.correct and result.score == 0.0
    assert result.parts[0].label == "Police training institutions"


def test_the_result_is_about_the_goal_with_its_key_point_and_source(navigator):
    result = score(navigator, {"goal": "6.2-sample-eviction", "level": "command"})
    assert result.item_id == "6.2-sample-eviction" and result.item_type == "hierarchy"
    assert result.key_point == "Talk to those who decide on the operation."
    assert result.source == "paper §6.2; paper §3.4"
    assert json.loads(json.dumps(result.to_dict()))["answer"] == {"goal": "6.2-sample-eviction", "level": "command"}


def test_a_navigator_needs_the_goal_named(navigator):
    with pytest.raises(AnswerError, match="name the goal"):
        score(navigator, "command")


@pytest.mark.parametrize(
    "answer, message",
    [
        ({"goal": "6.2-nope", "level": "command"}, "no goal '6.2-nope'"),
        ({"goal": "6.2-sample-eviction", "level": "mayor"}, "no level 'mayor'"),
        (42, "expected"),
    ],
)
def test_an_answer_that_does_not_fit_is_refused(navigator, answer, message):
    with pytest.raises(AnswerError, match=message):
        score(navigator, answer)


def test_each_goal_becomes_an_item_of_its_own_with_the_shared_levels(navigator):
    goals = navigator.goal_items()
    assert [g.id for g in goals] == ["6.2-sample-eviction", "6.2-sample-curriculum"]
    eviction = goals[0]
    assert eviction.type == "hierarchy" and eviction.section == "6.2"
    assert eviction.title == "Discuss how an eviction is carried out"
    assert eviction.prompt == "A court ordered an eviction that police will carry out next month."
    assert eviction.source == "paper §6.2; paper §3.4" and eviction.tags == ["law"]
    assert eviction.levels == navigator.levels and eviction.single_goal.id == eviction.id


def test_a_single_goal_item_takes_a_bare_level_id(navigator):
    alone = navigator.goal_item("6.2-sample-curriculum")
    result = score(alone, "training")
    assert result.correct and result.item_id == "6.2-sample-curriculum"


def test_sub_items_say_where_each_goal_is_defined(navigator):
    assert [(path, item.id) for path, item in navigator.sub_items()] == [
        (("goals", 0, "id"), "6.2-sample-eviction"),
        (("goals", 1, "id"), "6.2-sample-curriculum"),
    ]
    assert navigator.goal_item("6.2-sample-eviction").sub_items() == []
