"""Does a broken role play get a clear, specific message from the loader and `hrdtrain validate`?"""

from __future__ import annotations

from pathlib import Path

import pytest

from hrdtrain import scenario_graph
from hrdtrain.bank import load

ROOT = Path(__file__).parents[2]
HERE = Path(__file__).parent
BROKEN = HERE / "broken"
ITEM = "item '3.4-sample-roleplay'"

# fixture file -> the exact problem line the loader reports for it (paths relative to the repo root)
EXPECTED = {
    "choice_to_missing_scene.yaml": f"choice_to_missing_scene.yaml:44: {ITEM}: field 'scenes[2].choices[2].next': "
    "'nowhere' names no scene (scenes are warning, middle, end)",
    "unreachable_scene.yaml": f"unreachable_scene.yaml:31: {ITEM}: field 'scenes[2]': "
    "no choice leads to scenes orphan, lost-ending, so no learner can reach them from the start scene 'warning'",
    "ending_without_debrief.yaml": f"ending_without_debrief.yaml:45: {ITEM}: field 'scenes[3].ending.debrief': "
    "the required field 'debrief' is missing",
    "cycle_without_exit.yaml": f"cycle_without_exit.yaml:31: {ITEM}: field 'scenes[2]': "
    "no ending can be reached from scenes loop-a, loop-b: every choice leads back among them "
    "(a cycle without an exit); give one a choice that leads towards an ending",
    "duplicate_scene_id.yaml": f"duplicate_scene_id.yaml:48: {ITEM}: field 'scenes[3].id': "
    "scene id 'middle' is already used by scenes[2]",
    "scene_without_choices_or_ending.yaml": f"scene_without_choices_or_ending.yaml:31: {ITEM}: field 'scenes[2]': "
    "scene 'middle' has neither choices nor an ending; give it one of the two",
}


def test_every_broken_fixture_has_an_expected_message():
    assert {p.name for p in BROKEN.glob("*.yaml")} == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_broken_role_play_gives_its_specific_message(name, monkeypatch):
    monkeypatch.chdir(ROOT)
    bank, problems = load([BROKEN / name])
    assert [str(p) for p in problems] == [f"tests/roleplays/broken/{EXPECTED[name]}"]
    assert len(bank) == 0


def test_validate_prints_every_role_play_problem_and_exits_1(hrdtrain_cli):
    proc = hrdtrain_cli("validate", "tests/roleplays/broken")
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    printed = proc.stderr.splitlines()
    for expected in EXPECTED.values():
        assert f"tests/roleplays/broken/{expected}" in printed


def test_a_back_edge_that_still_reaches_an_ending_is_valid(monkeypatch):
    monkeypatch.chdir(ROOT)
    bank, problems = load([HERE / "valid" / "back_edge.yaml"])
    assert problems == []
    item = bank.get("3.4-sample-roleplay")
    walks = [p.choices for p in scenario_graph.paths(item.edges, item.start, max_visits=2)]
    assert ["talk", "back", "talk", "onward"] in walks and ["shout"] in walks


VALID = (HERE / "valid" / "back_edge.yaml").read_text(encoding="utf-8")
HEAD, SCENES = VALID.split("    scenes:\n")
END_SCENE = SCENES[SCENES.index("      - id: end\n"):]


def _sample(tmp_path, scenes_yaml: str, start: str = "warning") -> Path:
    """The valid back-edge fixture with other scenes (and start), written to a temporary file."""
    path = tmp_path / "sample.yaml"
    path.write_text(HEAD.replace("start: warning", f"start: {start}") + "    scenes:\n" + scenes_yaml, encoding="utf-8")
    return path


def test_a_start_that_names_no_scene_is_reported(tmp_path):
    _, problems = load([_sample(tmp_path, SCENES, start="begin")])
    assert [(p.field, p.message) for p in problems] == [("start", "'begin' names no scene (scenes are warning, middle, end)")]


def test_a_choice_id_used_twice_in_a_scene_is_reported(tmp_path):
    _, problems = load([_sample(tmp_path, SCENES.replace("- id: onward", "- id: back"))])
    assert [(p.field, p.message) for p in problems] == [("scenes[2]", "choice id back is used twice in scene 'middle'")]


def test_a_choice_note_must_cite_a_source_document(tmp_path):
    _, problems = load([_sample(tmp_path, SCENES.replace('source: "paper §3.4"', 'source: "my notes"', 1))])
    assert [p.field for p in problems] == ["scenes[1].choices[1].source"]
    assert problems[0].message.startswith("'my notes' does not cite a source document")


def test_a_scene_with_one_choice_is_not_a_decision(tmp_path):
    one_choice = """      - id: warning
        situation: "Police announce tear gas."
        choices:
          - id: talk
            text: "Talk to the commander"
            consequence: "He keeps the avenue open."
            next: end
            tags: [communication]
            note: "Communication and de-escalation (§3.2)."
            source: "paper §3.2"
"""
    _, problems = load([_sample(tmp_path, one_choice + END_SCENE)])
    assert [(p.field, p.message) for p in problems] == [("scenes[1].choices", "needs at least 2 entries")]


def test_a_scene_with_both_choices_and_an_ending_is_reported(tmp_path):
    ending = END_SCENE.split("        ending:\n")[1]
    middle = SCENES.index("      - id: middle\n")
    broken = SCENES[:middle] + SCENES[middle:].replace("        choices:\n", "        ending:\n" + ending + "        choices:\n", 1)
    _, problems = load([_sample(tmp_path, broken)])
    assert [(p.field, p.message) for p in problems] == [
        ("scenes[2]", "scene 'middle' has both choices and an ending; a scene has one or the other")
    ]
