"""Does a broken hierarchy file get clear messages that name the item, the goal and the field?"""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml
from pydantic import ValidationError

from hrdtrain.bank import load
from hrdtrain.schema import HierarchyItem

HERE = Path(__file__).parent
ROOT = HERE.parents[1]
BROKEN = HERE / "broken"
VALID = HERE / "fixtures" / "valid.yaml"
B = "tests/hierarchy/broken/"

# fixture file -> every problem line `hrdtrain validate` must print for it, in order
EXPECTED = {
    "level_ref.yaml": [
        B + "level_ref.yaml:46: item '6.2-sample': field 'goals[1].better[1]': goal '6.2-sample-eviction': "
        "'comand' names no level (levels are operational, command, training)",
    ],
    "missing_feedback.yaml": [
        B + "missing_feedback.yaml:49: item '6.2-sample': field 'goals[1].feedback': goal '6.2-sample-eviction' "
        "has no feedback for level 'training'; say why approaching it is or is not right for this goal",
    ],
    "duplicate_level.yaml": [
        B + "duplicate_level.yaml:41: item '6.2-sample': field 'levels[4].id': level id 'command' is used twice (first at levels[2])",
    ],
    "missing_field.yaml": [
        B + "missing_field.yaml:23: item '6.2-sample': field 'levels[2].cannot': the required field 'cannot' is missing",
    ],
    "feedback_unknown_level.yaml": [
        B + "feedback_unknown_level.yaml:64: item '6.2-sample': field 'goals[2].feedback.trainng': goal '6.2-sample-curriculum': "
        "'trainng' names no level (levels are operational, command, training)",
        B + "feedback_unknown_level.yaml:62: item '6.2-sample': field 'goals[2].feedback': goal '6.2-sample-curriculum' "
        "has no feedback for level 'training'; say why approaching it is or is not right for this goal",
    ],
    "goal_outside_section.yaml": [
        B + "goal_outside_section.yaml:56: item '6.2-sample': field 'goals[2].id': goal '6.4-sample-curriculum': "
        "the id should start with the item's section '6.2-'",
    ],
    "possible_is_better.yaml": [
        B + "possible_is_better.yaml:47: item '6.2-sample': field 'goals[1].also_possible[1]': goal '6.2-sample-eviction': "
        "'command' is already one of the better levels",
    ],
}


def valid_item_data() -> dict:
    return copy.deepcopy(yaml.safe_load(VALID.read_text(encoding="utf-8"))["items"][0])


def problems_of(data: dict) -> list[tuple[str, str]]:
    """(field path, message) of every problem the model finds in `data`."""
    with pytest.raises(ValidationError) as exc:
        HierarchyItem.model_validate(data)
    return [(".".join(map(str, e["loc"])), e["msg"]) for e in exc.value.errors()]


def test_every_broken_fixture_has_expected_messages():
    assert {p.name for p in BROKEN.glob("*.yaml")} == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_broken_hierarchy_file_gives_exactly_its_messages(name, monkeypatch):
    monkeypatch.chdir(ROOT)
    bank, problems = load([BROKEN / name])
    assert [str(p) for p in problems] == EXPECTED[name]
    assert len(bank) == 0


def test_validate_command_prints_every_message_and_exits_1(hrdtrain_cli):
    proc = hrdtrain_cli("validate", "tests/hierarchy/broken")
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    printed = proc.stderr.splitlines()
    for lines in EXPECTED.values():
        for line in lines:
            assert line in printed


def test_the_valid_fixture_validates(monkeypatch):
    monkeypatch.chdir(ROOT)
    bank, problems = load([VALID])
    assert [str(p) for p in problems] == []
    assert bank.get("6.2-sample").type == "hierarchy"


def test_every_wrong_level_reference_is_reported_at_once():
    data = valid_item_data()
    data["goals"][0]["better"] = ["comand"]
    data["goals"][1]["better"] = ["trainin"]
    found = problems_of(data)
    assert [loc for loc, _ in found] == ["goals.0.better.0", "goals.1.better.0"]
    assert "goal '6.2-sample-curriculum': 'trainin' names no level" in found[1][1]


def test_a_goal_id_used_twice_is_reported():
    data = valid_item_data()
    data["goals"][1]["id"] = data["goals"][0]["id"]
    assert problems_of(data) == [("goals.1.id", "goal '6.2-sample-eviction': this id is used twice (first at goals[1])")]


def test_a_level_listed_twice_as_better_is_reported():
    data = valid_item_data()
    data["goals"][0]["better"] = ["command", "command"]
    assert problems_of(data) == [("goals.0.better.1", "goal '6.2-sample-eviction': 'command' is listed twice")]


def test_a_navigator_goal_may_not_reuse_the_item_id():
    data = valid_item_data()
    data["goals"][0]["id"] = data["id"]
    assert problems_of(data) == [("goals.0.id", "goal '6.2-sample': this is the id of the item itself; give the goal an id of its own")]


def test_a_single_goal_item_may_use_the_item_id_for_its_goal():
    data = valid_item_data()
    data["goals"] = data["goals"][:1]
    data["goals"][0]["id"] = data["id"]
    item = HierarchyItem.model_validate(data)
    assert item.single_goal is not None and item.sub_items() == []


def test_a_goal_source_must_cite_a_source_document():
    data = valid_item_data()
    data["goals"][0]["source"] = "my notes"
    (loc, msg), = problems_of(data)
    assert loc == "goals.0.source" and "'my notes' does not cite a source document" in msg


def test_a_level_in_an_unknown_place_is_reported():
    data = valid_item_data()
    data["levels"][0]["place"] = "top"
    (loc, msg), = problems_of(data)
    assert loc == "levels.0.place" and "'chain', 'police' or 'outside'" in msg
