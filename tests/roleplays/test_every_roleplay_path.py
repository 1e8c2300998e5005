"""Can every path of every shipped role play be played through the real widget, alone and in a room,
and does every shipped role play meet the course's requirements?"""

from __future__ import annotations

import pytest

from hrdtrain import recording, scenario_graph, show
from hrdtrain.bank import default_bank
from roleplay_helpers import plain, visible

SCENARIOS = [i.id for i in default_bank() if i.type == "scenario"]
REQUIRED = {
    "3.4-roleplay-tear-gas",
    "3.2-roleplay-filming",
    "5.4-roleplay-reporting-a-threat",
    "6.4-roleplay-commander",
    "4.4-roleplay-complaint",
}


def _paths(item):
    return scenario_graph.paths(item.edges, item.start)


def test_the_five_role_plays_of_the_issue_are_shipped():
    assert REQUIRED <= set(SCENARIOS)


@pytest.mark.parametrize("room", [False, True], ids=["alone", "room"])
@pytest.mark.parametrize("item_id", SCENARIOS)
def test_every_path_plays_through_the_widget_to_an_ending_with_its_debrief(item_id, room):
    item = default_bank().get(item_id)
    w = show(item_id, room=room)
    seen_scenes: set[str] = set()
    debriefed: set[str] = set()
    paths = _paths(item)
    assert paths, "no path from the start reaches an ending"
    for path in paths:
        w.restart_button.click()
        scene = item.scene(item.start)
        for scene_id, choice_id in path.steps:
            assert scene.id == scene_id and w.scene.id == scene_id
            seen_scenes.add(scene_id)
            assert plain(scene.situation)[:60] in visible(w.situation.value)
            index = [c.id for c in scene.choices].index(choice_id)
            if room:
                w.room_buttons.children[index].click()
            else:
                w.choice.value = choice_id
                w.decide_button.click()
            choice = scene.choice(choice_id)
            assert plain(choice.consequence) in visible(w.consequence.value)
            scene = item.scene(choice.next)
        # the path has ended: the debrief is shown and sums up every decision
        assert scene.ending is not None and w.scene.id == path.ending
        seen_scenes.add(path.ending)
        debrief = visible(w.debrief.value)
        ending = scene.ending
        assert ending.title in debrief
        for part in ("what_happened", "law", "attitude", "communication"):
            assert plain(getattr(ending.debrief, part)) in debrief
        for scene_id, choice_id in path.steps:
            assert plain(item.scene(scene_id).choice(choice_id).note) in debrief
        debriefed.add(path.ending)
        last = recording.answers()[-1]
        assert last["answer"] == path.choices and last["correct"] == (ending.outcome == "good")
    all_scenes = {s.id for s in item.scenes}
    assert seen_scenes == all_scenes, f"never reached: {sorted(all_scenes - seen_scenes)}"
    assert debriefed == {s.id for s in item.scenes if s.ending}


@pytest.mark.parametrize("item_id", SCENARIOS)
def test_every_path_to_a_good_ending_has_at_least_three_decisions(item_id):
    item = default_bank().get(item_id)
    good = [p for p in _paths(item) if item.scene(p.ending).ending.outcome == "good"]
    assert good, "no good ending"
    assert all(len(p.steps) >= 3 for p in good), [p.choices for p in good if len(p.steps) < 3]


@pytest.mark.parametrize("item_id", SCENARIOS)
def test_every_role_play_has_several_endings_good_and_otherwise(item_id):
    item = default_bank().get(item_id)
    outcomes = [s.ending.outcome for s in item.scenes if s.ending]
    assert len(outcomes) >= 3
    assert "good" in outcomes and {"mixed", "poor"} & set(outcomes)


@pytest.mark.parametrize("item_id", SCENARIOS)
def test_every_role_play_has_role_cards_and_notes_in_all_three_terms(item_id):
    item = default_bank().get(item_id)
    assert len(item.roles) >= 2
    tags = {t for s in item.scenes for c in s.choices or [] for t in c.tags}
    assert tags == {"law", "attitude", "communication"}
