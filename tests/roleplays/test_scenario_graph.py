"""Does the graph module find what a learner can reach, where they get stuck, and every path?"""

from __future__ import annotations

import pytest

from hrdtrain import scenario_graph as g

# start -> (a | b); a -> end; b -> (a | good); a back-edge from c to start still has an exit.
DAG = {
    "start": [("left", "a"), ("right", "b")],
    "a": [("finish", "end")],
    "b": [("to-a", "a"), ("finish", "good")],
    "end": [],
    "good": [],
}


def test_reachable_includes_the_start_and_everything_linked_from_it():
    assert g.reachable(DAG, "start") == {"start", "a", "b", "end", "good"}
    assert g.reachable(DAG, "a") == {"a", "end"}


def test_unreachable_lists_orphans_in_the_order_given():
    edges = {**DAG, "orphan": [("x", "end")], "lost": []}
    assert g.unreachable(edges, "start") == ["orphan", "lost"]


def test_endings_are_the_scenes_without_choices():
    assert g.endings(DAG) == ["end", "good"]


def test_can_reach_works_backwards_from_the_targets():
    assert g.can_reach(DAG, ["good"]) == {"good", "b", "start"}


def test_a_cycle_with_an_exit_is_not_trapped():
    edges = {"start": [("go", "c")], "c": [("back", "start"), ("out", "end")], "end": []}
    assert g.trapped(edges, "start") == []


def test_a_cycle_without_an_exit_is_trapped():
    edges = {
        "start": [("in", "x"), ("out", "end")],
        "x": [("next", "y"), ("stay", "x")],
        "y": [("back", "x")],
        "end": [],
    }
    assert g.trapped(edges, "start") == ["x", "y"]


def test_unreachable_cycles_are_not_reported_as_trapped():
    edges = {"start": [("out", "end")], "x": [("loop", "x")], "end": []}
    assert g.trapped(edges, "start") == []


def test_paths_lists_every_way_to_an_ending_in_choice_order():
    got = [(p.choices, p.ending) for p in g.paths(DAG, "start")]
    assert got == [
        (["left", "finish"], "end"),
        (["right", "to-a", "finish"], "end"),
        (["right", "finish"], "good"),
    ]


def test_a_path_knows_its_scenes():
    path = g.paths(DAG, "start")[1]
    assert path.scenes == ["start", "b", "a", "end"]
    assert path.steps == (("start", "right"), ("b", "to-a"), ("a", "finish"))


def test_back_edges_are_walked_at_most_max_visits_times():
    edges = {"start": [("go", "c")], "c": [("back", "start"), ("out", "end")], "end": []}
    assert [p.choices for p in g.paths(edges, "start", max_visits=1)] == [["go", "out"]]
    assert [p.choices for p in g.paths(edges, "start", max_visits=2)] == [
        ["go", "back", "go", "out"],
        ["go", "out"],
    ]


def test_a_trapped_cycle_yields_no_path_and_does_not_hang():
    edges = {"start": [("in", "x"), ("out", "end")], "x": [("stay", "x"), ("again", "x")], "end": []}
    assert [p.choices for p in g.paths(edges, "start")] == [["out"]]


def test_a_dangling_target_is_a_dead_end_not_an_ending():
    edges = {"start": [("go", "nowhere"), ("out", "end")], "end": []}
    assert [p.ending for p in g.paths(edges, "start")] == ["end"]


def test_too_many_paths_is_an_error_not_a_hang():
    # 2**12 paths through a ladder of twelve two-way choices
    edges = {f"s{i}": [("a", f"s{i + 1}"), ("b", f"s{i + 1}")] for i in range(12)}
    edges["s12"] = []
    assert len(g.paths(edges, "s0")) == 2**12
    with pytest.raises(ValueError, match="more than 100 paths"):
        g.paths(edges, "s0", limit=100)


def test_max_visits_must_be_positive():
    with pytest.raises(ValueError):
        g.paths(DAG, "start", max_visits=0)
