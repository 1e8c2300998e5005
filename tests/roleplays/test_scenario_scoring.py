"""Does scoring a path through a role play give the outcome of its ending, and refuse paths that do not fit?"""

from __future__ import annotations

import pytest

from hrdtrain import scenario_graph
from hrdtrain.bank import default_bank
from hrdtrain.scoring import AnswerError, score

TEAR_GAS = "3.4-roleplay-tear-gas"
GOOD = ["talk-to-commander", "document-and-help", "precise-statement"]


@pytest.fixture(scope="module")
def item():
    return default_bank().get(TEAR_GAS)


def test_a_path_to_a_good_ending_is_correct(item):
    result = score(item, GOOD)
    assert (result.item_type, result.correct, result.score) == ("scenario", True, 1.0)
    assert result.answer == GOOD and result.source == item.source and result.key_point == item.key_point


def test_a_mixed_ending_scores_half_and_a_poor_one_nothing(item):
    mixed = score(item, ["talk-to-commander", "document-and-help", "say-nothing"])
    poor = score(item, ["talk-to-commander", "post-now"])
    assert (mixed.correct, mixed.score) == (False, 0.5)
    assert (poor.correct, poor.score) == (False, 0.0)


def test_an_unfinished_path_is_not_correct_yet(item):
    result = item.score(["talk-to-commander"])
    assert (result.correct, result.score) == (False, 0.0)
    assert [p.chosen for p in result.parts] == ["talk-to-commander"]


def test_each_decision_is_a_part_with_its_scene_text_and_note(item):
    result = item.score(GOOD)
    assert [(p.id, p.chosen) for p in result.parts] == list(zip(["warning", "gas-at-the-back", "the-statement"], GOOD))
    first = item.scene("warning").choice("talk-to-commander")
    assert (result.parts[0].label, result.parts[0].feedback) == (first.text, first.note)
    assert all(p.correct for p in result.parts)  # parts repeat the outcome of the whole path


def test_a_choice_the_scene_does_not_have_is_refused(item):
    with pytest.raises(AnswerError, match="scene 'warning' has no choice 'run'; its choices are talk-to-commander, shout-banned, end-the-march"):
        item.score(["run"])


def test_a_path_that_goes_on_after_the_ending_is_refused(item):
    with pytest.raises(AnswerError, match="step 4 goes on after the ending 'heard'"):
        item.score(GOOD + ["again"])


def test_an_answer_that_is_not_a_list_is_refused(item):
    with pytest.raises(AnswerError, match="expected a list of choice ids"):
        item.score("talk-to-commander")


def test_the_result_serialises_for_recording(item):
    d = score(item, GOOD).to_dict()
    assert d["answer"] == GOOD and d["item_type"] == "scenario" and d["correct"] is True


@pytest.mark.parametrize("item_id", [i.id for i in default_bank() if i.type == "scenario"])
def test_every_ending_is_scored_by_its_outcome(item_id):
    item = default_bank().get(item_id)
    expected = {"good": 1.0, "mixed": 0.5, "poor": 0.0}
    for path in scenario_graph.paths(item.edges, item.start):
        outcome = item.scene(path.ending).ending.outcome
        result = item.score(path.choices)
        assert (result.correct, result.score) == (outcome == "good", expected[outcome])
