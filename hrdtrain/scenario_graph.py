"""The graph of a branching role play: which scenes can be reached from the start, which scenes
can still lead to an ending, and every path from the start to an ending.

Pure functions over plain data, so that validation, the widget and the tests share one
implementation and none of them needs pydantic or widgets to reason about a scenario:

    edges = {"a": [("go", "b"), ("stay", "end")], "b": [("back", "a"), ("on", "end")], "end": []}

maps each scene id to its choices as (choice id, next scene id) pairs, in the order shown. An
ending is a scene with no choices. A `next` that names no scene is simply a dead end here;
the schema reports it before it asks anything else of the graph.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from typing import Iterable, Mapping, Sequence

Edges = Mapping[str, Sequence[tuple[str, str]]]


@dataclass(frozen=True)
class Path:
    """One way through a scenario: the (scene id, choice id) decisions in order, and the ending."""

    steps: tuple[tuple[str, str], ...]
    ending: str

    @property
    def choices(self) -> list[str]:
        """The choice ids alone: the answer a learner gives by playing this path."""
        return [choice for _scene, choice in self.steps]

    @property
    def scenes(self) -> list[str]:
        """Every scene on the path, from the start to the ending."""
        return [scene for scene, _choice in self.steps] + [self.ending]


def endings(edges: Edges) -> list[str]:
    """The scenes without choices, in the order given."""
    return [scene for scene, out in edges.items() if not out]


def reachable(edges: Edges, start: str) -> set[str]:
    """Every scene a learner can get to from `start` (including `start`)."""
    seen = {start}
    queue = deque([start])
    while queue:
        for _choice, target in edges.get(queue.popleft(), ()):
            if target not in seen:
                seen.add(target)
                queue.append(target)
    return seen


def can_reach(edges: Edges, targets: Iterable[str]) -> set[str]:
    """Every scene from which at least one of `targets` can be reached (the targets included)."""
    incoming: dict[str, list[str]] = {}
    for scene, out in edges.items():
        for _choice, target in out:
            incoming.setdefault(target, []).append(scene)
    seen = set(targets)
    queue = deque(seen)
    while queue:
        for source in incoming.get(queue.popleft(), ()):
            if source not in seen:
                seen.add(source)
                queue.append(source)
    return seen


def unreachable(edges: Edges, start: str) -> list[str]:
    """Scenes no learner can ever see, in the order given."""
    seen = reachable(edges, start)
    return [scene for scene in edges if scene not in seen]


def trapped(edges: Edges, start: str) -> list[str]:
    """Reachable scenes from which no ending can be reached, in the order given.

    Every scene either is an ending or has choices, so a learner who gets here can only go round
    in circles: a cycle without an exit. Cycles that still let the learner reach an ending (for
    example a choice that sends them back to an earlier scene) are fine and not listed.
    """
    seen = reachable(edges, start)
    fine = can_reach(edges, endings(edges))
    return [scene for scene in edges if scene in seen and scene not in fine]


def paths(edges: Edges, start: str, max_visits: int = 2, limit: int = 100_000) -> list[Path]:
    """Every path from `start` to an ending, in the order the choices are given.

    A path may pass through the same scene at most `max_visits` times, which bounds cycles: a
    scenario with a back-edge yields the paths that go round the cycle up to that many times.
    Raises ValueError if there are more than `limit` paths (the graph is too large to walk).
    """
    if max_visits < 1:
        raise ValueError("max_visits must be at least 1")
    found: list[Path] = []
    visits: dict[str, int] = {}
    steps: list[tuple[str, str]] = []

    def walk(scene: str) -> None:
        out = edges.get(scene)
        if out is not None and not out:
            found.append(Path(tuple(steps), scene))
            if len(found) > limit:
                raise ValueError(f"more than {limit} paths from '{start}'")
            return
        if visits.get(scene, 0) >= max_visits:
            return
        visits[scene] = visits.get(scene, 0) + 1
        for choice, target in out or ():
            steps.append((scene, choice))
            walk(target)
            steps.pop()
        visits[scene] -= 1

    walk(start)
    return found
