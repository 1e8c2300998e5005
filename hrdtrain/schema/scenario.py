"""Item type 'scenario': a branching role play, written as a graph of scenes.

A scene is a situation and either the choices a learner can make there (each with its
consequence and the scene it leads to) or an ending with a debrief. The debrief sums up the
ending in the paper's terms (law / attitude / communication); each choice carries a short note
in the same terms, so the widget can sum up the path a learner took. Validation makes sure
every scene can be reached, every choice leads somewhere, and every path can end.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field, model_validator

from .. import scenario_graph
from .base import OPTION_ID_PATTERN, SOURCE_EXAMPLES, ItemBase, SourceText, Strict, TagList, check_unique_ids

Outcome = Literal["good", "mixed", "poor"]
OUTCOMES: tuple[str, ...] = ("good", "mixed", "poor")
OUTCOME_SCORES = {"good": 1.0, "mixed": 0.5, "poor": 0.0}
"""The score of a path that reaches an ending with this outcome; an unfinished path scores 0."""

MAX_CHOICES = 6
"""More options than this are hard to read aloud and vote on in a room."""



def _names(ids: list[str]) -> str:
    return ", ".join(ids)


class ScenarioChoice(Strict):
    """One thing the learner can decide in a scene."""

    id: str = Field(
        pattern=OPTION_ID_PATTERN,
        description="Stable choice id, unique within its scene, e.g. 'talk-to-commander'. A learner's path is the list of these ids.",
    )
    text: str = Field(
        min_length=3,
        description="What the learner sees and chooses, as plain text (it is a button label; no Markdown).",
    )
    consequence: str = Field(
        min_length=10, description="What happens right after this choice, in Markdown; shown before the next scene."
    )
    next: str = Field(min_length=1, description="The id of the scene this choice leads to.")
    tags: TagList = Field(
        min_length=1, description="What the decision is about in the paper's frame: law, attitude and/or communication."
    )
    note: str = Field(
        min_length=10,
        description="For the debrief: one or two sentences on this decision in the paper's terms (not a verdict; say 'it depends' where the paper does).",
    )
    source: SourceText = Field(min_length=3, description=f"Where the note rests: {SOURCE_EXAMPLES}; several joined with '; '.")




class Debrief(Strict):
    """What an ending means: what happened, and what the paper says, in its three parts."""

    what_happened: str = Field(min_length=10, description="What this ending means for the people involved, in Markdown.")
    law: str = Field(min_length=10, description="Knowing the legal framework: what the paper says that bears on this ending.")
    attitude: str = Field(min_length=10, description="Knowing the attitude: the police's (and the defenders' own) attitude and discretion.")
    communication: str = Field(min_length=10, description="How to communicate: what was said, to whom, and how.")
    source: SourceText = Field(min_length=3, description=f"Where the debrief rests: {SOURCE_EXAMPLES}; several joined with '; '.")



class Ending(Strict):
    """How a path ends."""

    outcome: Outcome = Field(
        description="'good', 'mixed' (real gains and real costs) or 'poor'. A path that ends 'good' counts as correct."
    )
    title: str = Field(min_length=3, description="A short label for the ending, shown as its heading.")
    debrief: Debrief = Field(description="The debrief shown at this ending.")


class Scene(Strict):
    """One moment of the role play: a situation and either choices or an ending."""

    id: str = Field(pattern=OPTION_ID_PATTERN, description="Stable scene id, unique within the scenario, e.g. 'warning'.")
    situation: str = Field(min_length=10, description="What the learner sees happening, in Markdown.")
    choices: list[ScenarioChoice] | None = Field(
        default=None,
        min_length=2,
        max_length=MAX_CHOICES,
        description=f"The decisions possible here (2 to {MAX_CHOICES}), in the order shown. Leave out for an ending.",
    )
    ending: Ending | None = Field(default=None, description="For a final scene instead of choices: its outcome and debrief.")

    @model_validator(mode="after")
    def _choices_or_ending(self) -> "Scene":
        if self.choices is None and self.ending is None:
            raise ValueError(f"scene '{self.id}' has neither choices nor an ending; give it one of the two")
        if self.choices is not None and self.ending is not None:
            raise ValueError(f"scene '{self.id}' has both choices and an ending; a scene has one or the other")
        ids = [c.id for c in self.choices or []]
        dup = sorted({i for i in ids if ids.count(i) > 1})
        if dup:
            raise ValueError(f"choice id {', '.join(dup)} is used twice in scene '{self.id}'")
        return self

    @property
    def edges(self) -> list[tuple[str, str]]:
        return [(c.id, c.next) for c in self.choices or []]

    def choice(self, choice_id: str) -> ScenarioChoice:
        return next(c for c in self.choices or [] if c.id == choice_id)


class Role(Strict):
    """A person in the role play, for printed role cards and for a facilitator in a room."""

    name: str = Field(min_length=2, description="Who this is, e.g. 'Police commander'.")
    knows: str = Field(min_length=10, description="What this person knows at the start, in Markdown.")
    wants: str = Field(min_length=10, description="What this person wants, in Markdown.")


class ScenarioItem(ItemBase):
    """A branching role play: scenes joined by choices, with a debrief at every ending.

    `prompt` introduces the situation and the learner's role; `key_point` is shown with every
    debrief. A learner's answer is the path: the list of choice ids from the start scene on.
    """

    type: Literal["scenario"] = Field(description="Item type: a branching role play.")
    start: str = Field(min_length=1, description="The id of the first scene.")
    roles: list[Role] = Field(default_factory=list, description="Optional: the people in the role play, for role cards.")
    scenes: list[Scene] = Field(min_length=2, description="The scenes, in any order (the start scene first reads best).")

    @model_validator(mode="after")
    def _graph_is_playable(self) -> "ScenarioItem":
        ids = [s.id for s in self.scenes]
        first = check_unique_ids(ids, "scenes", "scene")
        if self.start not in first:
            raise ValueError(f"start: '{self.start}' names no scene (scenes are {_names(ids)})")
        for n, scene in enumerate(self.scenes, start=1):
            for m, choice in enumerate(scene.choices or [], start=1):
                if choice.next not in first:
                    raise ValueError(f"scenes[{n}].choices[{m}].next: '{choice.next}' names no scene (scenes are {_names(ids)})")
        edges = self.edges
        lost = scenario_graph.unreachable(edges, self.start)
        if lost:
            raise ValueError(
                f"scenes[{first[lost[0]]}]: no choice leads to scene{'s' if len(lost) > 1 else ''} {_names(lost)}, "
                f"so no learner can reach {'them' if len(lost) > 1 else 'it'} from the start scene '{self.start}'"
            )
        stuck = scenario_graph.trapped(edges, self.start)
        if stuck:
            raise ValueError(
                f"scenes[{first[stuck[0]]}]: no ending can be reached from scene{'s' if len(stuck) > 1 else ''} {_names(stuck)}: "
                "every choice leads back among them (a cycle without an exit); give one a choice that leads towards an ending"
            )
        return self

    @property
    def edges(self) -> dict[str, list[tuple[str, str]]]:
        """The graph for `hrdtrain.scenario_graph`: scene id -> [(choice id, next scene id)]."""
        return {s.id: s.edges for s in self.scenes}

    def scene(self, scene_id: str) -> Scene:
        return next(s for s in self.scenes if s.id == scene_id)

    def walk(self, path: Any) -> list[tuple[Scene, ScenarioChoice]]:
        """The (scene, choice) decisions of `path`; raises AnswerError if the path does not fit."""
        from ..scoring import AnswerError

        if isinstance(path, str) or not isinstance(path, (list, tuple)):
            raise AnswerError(f"item '{self.id}': expected a list of choice ids, got {path!r}")
        scene = self.scene(self.start)
        taken: list[tuple[Scene, ScenarioChoice]] = []
        for step, choice_id in enumerate(path, start=1):
            ids = [c.id for c in scene.choices or []]
            if not ids:
                raise AnswerError(f"item '{self.id}': step {step} goes on after the ending '{scene.id}'")
            if choice_id not in ids:
                raise AnswerError(
                    f"item '{self.id}': step {step}: scene '{scene.id}' has no choice {choice_id!r}; its choices are {_names(ids)}"
                )
            choice = scene.choice(choice_id)
            taken.append((scene, choice))
            scene = self.scene(choice.next)
        return taken

    def where(self, path: Any) -> Scene:
        """The scene a learner is in after taking `path`."""
        taken = self.walk(path)
        return self.scene(taken[-1][1].next) if taken else self.scene(self.start)

    def score(self, answer: Any):
        """Scores a path (a list of choice ids from the start).

        The Result is correct when the path reaches an ending whose outcome is 'good'; its score is
        1 for a good ending, 0.5 for a mixed one and 0 for a poor one. A path that has not reached
        an ending yet (the widget records every decision) is not correct and scores 0. Each
        decision is one Part: the scene id, the choice text, the choice id and its note; decisions
        are not marked right or wrong one by one, so each Part's `correct` repeats the outcome of
        the whole path.
        """
        from ..scoring import Part, Result

        taken = self.walk(answer)
        here = self.scene(taken[-1][1].next) if taken else self.scene(self.start)
        outcome = here.ending.outcome if here.ending else None
        correct = outcome == "good"
        parts = [Part(scene.id, choice.text, choice.id, correct, choice.note) for scene, choice in taken]
        return Result(
            item_id=self.id,
            item_type=self.type,
            answer=list(answer),
            correct=correct,
            score=OUTCOME_SCORES[outcome] if outcome else 0.0,
            parts=parts,
            missed=0,
            key_point=self.key_point,
            source=self.source,
        )
