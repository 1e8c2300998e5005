"""Does the shipped hierarchy say what the paper says about whom to approach (§6.2, §3.4, §4.2-4.4, §5.2-5.4)?"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from hrdtrain.bank import default_bank

ROOT = Path(__file__).parents[2]
PAPER_SUBSECTIONS = {f"{s}.{n}" for s in (3, 4, 5, 6) for n in range(1, 6)}


@pytest.fixture(scope="module")
def item():
    return default_bank().get("6.2-hierarchy")


def test_the_navigator_has_at_least_ten_goals_each_with_its_own_id(item):
    assert len(item.goals) >= 10
    assert all(g.id.startswith("6.2-goal-") for g in item.goals)


def test_the_map_has_the_papers_levels_in_their_places(item):
    places = {lv.id: lv.place for lv in item.levels}
    assert places == {
        "operational": "chain", "command": "chain", "leadership": "chain",
        "training": "police", "liaison": "police",
        "oversight": "outside", "nhri": "outside", "international": "outside", "legislature": "outside",
    }
    chain = [lv.id for lv in item.levels if lv.place == "chain"]
    assert chain == ["operational", "command", "leadership"], "the chain is listed bottom-up, as the paper does"


def test_training_institutions_are_said_to_have_no_say_over_operational_policy(item):
    assert "no decision-making power over operational policies and instructions" in item.level("training").cannot


def test_the_press_office_is_where_defenders_are_sidelined(item):
    liaison = item.level("liaison")
    assert '"sidelined"' in liaison.expect and "not the levels where actual problems" in liaison.cannot


@pytest.mark.parametrize(
    "goal_id, better",
    [
        ("6.2-goal-ethnic-profiling", {"command", "leadership"}),
        ("6.2-goal-threat-tonight", {"operational"}),
        ("6.2-goal-protest-policing", {"leadership"}),
        ("6.2-goal-officer-beat-protester", {"oversight", "command"}),
        ("6.2-goal-human-rights-training", {"leadership"}),
        ("6.2-goal-whereabouts", {"operational"}),
        ("6.2-goal-eviction", {"command"}),
        ("6.2-goal-unjust-law", {"legislature"}),
        ("6.2-goal-police-harassment", {"international"}),
        ("6.2-goal-learn-curriculum", {"training"}),
    ],
)
def test_the_answer_keys_follow_the_paper(item, goal_id, better):
    assert set(item.goal(goal_id).better) == better


def test_only_learning_about_training_has_the_academy_as_the_better_level(item):
    assert [g.id for g in item.goals if "training" in g.better] == ["6.2-goal-learn-curriculum"]


def test_the_press_office_is_never_the_better_level(item):
    assert not [g.id for g in item.goals if "liaison" in g.better]


def test_every_section_reference_points_to_a_real_subsection(item):
    texts = [lv.model_dump_json() for lv in item.levels] + [g.model_dump_json() for g in item.goals]
    refs = {ref for text in texts for ref in re.findall(r"§([0-9]+\.[0-9]+)", text)}
    assert refs and refs <= PAPER_SUBSECTIONS, refs - PAPER_SUBSECTIONS


def test_every_goal_explains_every_level(item):
    for goal in item.goals:
        assert set(goal.feedback) == {lv.id for lv in item.levels}, goal.id


def test_list_shows_the_navigator(hrdtrain_cli):
    proc = hrdtrain_cli("list", "--section", "6.2")
    assert proc.returncode == 0, proc.stderr
    assert "6.2-hierarchy\thierarchy\tpaper §6.2" in proc.stdout.splitlines()
