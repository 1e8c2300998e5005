"""Item type 'hierarchy': whom to approach in (and beside) the police for a given goal (paper §6.2).

One item holds the map and the goals that use it, so the map has one source of truth:

- `levels`: the levels of the police hierarchy (lower operational level, mid-level command,
  high-level leadership), the parts of the police outside the chain of command (training
  institutions, the press office you may be sidelined to) and the bodies beside the police
  (oversight mechanisms, national human rights institutions, ...). Each says what it can decide,
  what it cannot, what to expect and the risks, with its source.
- `goals`: situations a defender is in ("stop a pattern of ethnic profiling in our district"),
  each naming the better level(s) and explaining, for EVERY level, why approaching it is or is
  not right for this goal.

Each goal has an item id of its own (`6.2-goal-ethnic-profiling`) and is also an item: the
navigator expands into one single-goal item per goal (`goal_items()`), sharing the same levels.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal, Mapping

from pydantic import Field, ValidationError, field_validator, model_validator
from pydantic_core import InitErrorDetails, PydanticCustomError

from .base import ITEM_ID_PATTERN, OPTION_ID_PATTERN, SOURCE_EXAMPLES, ItemBase, SourceText, Strict, TagList

if TYPE_CHECKING:  # scoring imports the schema, so the schema imports scoring only when it scores
    from ..scoring import Result

Place = Literal["chain", "police", "outside"]
"""Where a level sits on the map: in the police chain of command, inside the police but outside
that chain (training institutions, press office), or beside the police (oversight bodies, ...)."""

Fit = Literal["better", "possible", "other"]
"""How a level fits a goal: one of the better levels, possible depending on the situation, or not
the right one to approach first."""

SCORES: dict[str, float] = {"better": 1.0, "possible": 0.5, "other": 0.0}



class Level(Strict):
    """One level of the police, or one body beside it, that a defender might approach."""

    id: str = Field(
        pattern=OPTION_ID_PATTERN,
        description="Stable level id, used by the goals, e.g. 'operational' or 'oversight'. Never rename one that learners may have chosen.",
    )
    name: str = Field(min_length=3, description="What the learner sees, e.g. 'Lower operational level'.")
    place: Place = Field(
        description=(
            "Where it sits on the map: 'chain' (the police chain of command; list these from the bottom, officers on "
            "the ground, to the top, as the paper does), 'police' (inside the police, outside the chain of command, "
            "e.g. training institutions) or 'outside' (beside the police, e.g. an oversight body)."
        )
    )
    who: str = Field(min_length=10, description="Who this is in practice, with examples, in Markdown.")
    can_decide: str = Field(min_length=10, description="What this level can decide or do, in Markdown.")
    cannot: str = Field(min_length=10, description="What this level cannot decide or do, in Markdown.")
    expect: str = Field(min_length=10, description="What to expect when you approach it, in Markdown. Say where it depends, and on what.")
    risks: str = Field(min_length=10, description="What can go wrong when you approach it, in Markdown.")
    source: SourceText = Field(min_length=3, description=f"Where this profile rests: {SOURCE_EXAMPLES}. Several sources may be joined with '; '.")



class Goal(Strict):
    """A situation a defender is in, and whom to approach about it."""

    id: str = Field(
        pattern=ITEM_ID_PATTERN,
        description="The goal's own item id, starting with the item's section, e.g. '6.2-goal-ethnic-profiling': `show()` opens it alone.",
    )
    title: str = Field(min_length=3, description="The goal as a defender would say it, e.g. 'Stop a pattern of ethnic profiling in our district'.")
    situation: str = Field(min_length=10, description="The situation, in Markdown: realistic, with the context that decides the answer.")
    tags: TagList = Field(min_length=1, description="Which part of the paper's frame the goal trains: law, attitude and/or communication.")
    better: list[str] = Field(min_length=1, description="The id(s) of the better level(s) to approach first for this goal.")
    also_possible: list[str] = Field(
        default_factory=list,
        description="Ids of levels that can also be right, depending on the situation (the feedback says on what). Not in `better`.",
    )
    feedback: dict[str, str] = Field(
        description="For EVERY level id: why approaching that level is or is not right for this goal, in the paper's terms."
    )
    prepare: list[str] = Field(min_length=1, description="What to prepare before approaching, one point per entry, in Markdown.")
    risks: list[str] = Field(min_length=1, description="What can go wrong, one point per entry, in Markdown.")
    key_point: str = Field(min_length=10, description="One or two sentences the learner should take away, shown after any choice.")
    source: SourceText = Field(min_length=3, description=f"Where the answer key rests: {SOURCE_EXAMPLES}. Several sources may be joined with '; '.")



    @field_validator("feedback")
    @classmethod
    def _feedback_texts(cls, feedback: dict[str, str]) -> dict[str, str]:
        short = [k for k, v in feedback.items() if len(v.strip()) < 10]
        if short:
            raise ValueError(f"the feedback for {', '.join(repr(k) for k in short)} is too short (at least 10 characters)")
        return {k: v.strip() for k, v in feedback.items()}


class HierarchyItem(ItemBase):
    """The police hierarchy as data, and goals for which the learner chooses whom to approach.

    A navigator holds several goals; a single-goal item (one goal whose id is the item's id)
    shows that goal alone. The answer names the goal and the level chosen.
    """

    type: Literal["hierarchy"] = Field(description="Item type: whom to approach in (and beside) the police hierarchy.")
    levels: list[Level] = Field(min_length=2, description="The levels of the police and the bodies beside it, shown in this order.")
    goals: list[Goal] = Field(min_length=1, description="The goals the learner can pick, in the order shown.")

    @model_validator(mode="after")
    def _goals_name_levels(self) -> "HierarchyItem":
        """Every cross-reference is checked and every problem reported at once, each at its field."""
        problems: list[tuple[tuple[str | int, ...], str]] = []
        level_ids = [lv.id for lv in self.levels]
        known = ", ".join(dict.fromkeys(level_ids))

        first: dict[str, int] = {}
        for j, lv in enumerate(self.levels):
            if lv.id in first:
                problems.append((("levels", j, "id"), f"level id '{lv.id}' is used twice (first at levels[{first[lv.id] + 1}])"))
            else:
                first[lv.id] = j

        goal_first: dict[str, int] = {}
        for k, goal in enumerate(self.goals):
            at = ("goals", k)
            if goal.id in goal_first:
                problems.append((at + ("id",), f"goal '{goal.id}': this id is used twice (first at goals[{goal_first[goal.id] + 1}])"))
            else:
                goal_first[goal.id] = k
            if goal.id.split("-", 1)[0] != self.section:
                problems.append((at + ("id",), f"goal '{goal.id}': the id should start with the item's section '{self.section}-'"))
            elif goal.id == self.id and len(self.goals) > 1:
                problems.append((at + ("id",), f"goal '{goal.id}': this is the id of the item itself; give the goal an id of its own"))

            for field in ("better", "also_possible"):
                seen: set[str] = set()
                for m, ref in enumerate(getattr(goal, field)):
                    where = at + (field, m)
                    if ref not in first:
                        problems.append((where, f"goal '{goal.id}': '{ref}' names no level (levels are {known})"))
                    elif ref in seen:
                        problems.append((where, f"goal '{goal.id}': '{ref}' is listed twice"))
                    elif field == "also_possible" and ref in goal.better:
                        problems.append((where, f"goal '{goal.id}': '{ref}' is already one of the better levels"))
                    seen.add(ref)

            for key in goal.feedback:
                if key not in first:
                    problems.append((at + ("feedback", key), f"goal '{goal.id}': '{key}' names no level (levels are {known})"))
            missing = [lid for lid in first if lid not in goal.feedback]
            if missing:
                which = ("level " if len(missing) == 1 else "levels ") + ", ".join(f"'{m}'" for m in missing)
                problems.append(
                    (at + ("feedback",), f"goal '{goal.id}' has no feedback for {which}; say why approaching it is or is not right for this goal")
                )

        if problems:
            # Raised as one ValidationError, pydantic reports each problem at its own field, so the
            # loader prints them all, each with its line, instead of only the first.
            raise ValidationError.from_exception_data(
                type(self).__name__,
                [InitErrorDetails(type=PydanticCustomError("value_error", msg), loc=loc, input=None) for loc, msg in problems],
            )
        return self

    # -- looking things up -------------------------------------------------------------------

    def level(self, level_id: str) -> Level:
        for lv in self.levels:
            if lv.id == level_id:
                return lv
        raise KeyError(level_id)

    def goal(self, goal_id: str) -> Goal:
        for g in self.goals:
            if g.id == goal_id:
                return g
        raise KeyError(goal_id)

    @staticmethod
    def verdict(goal: Goal, level_id: str) -> Fit:
        """'better', 'possible' (depending on the situation) or 'other'."""
        if level_id in goal.better:
            return "better"
        if level_id in goal.also_possible:
            return "possible"
        return "other"

    @property
    def single_goal(self) -> Goal | None:
        """The goal of a single-goal item; None for a navigator with several goals."""
        return self.goals[0] if len(self.goals) == 1 else None

    # -- each goal is an item too --------------------------------------------------------------

    def goal_item(self, goal_id: str) -> "HierarchyItem":
        """The goal as an item of its own: the same levels, this one goal, the goal's id and source."""
        goal = self.goal(goal_id)
        if goal.id == self.id:
            return self
        return self.model_copy(
            update={
                "id": goal.id,
                "source": goal.source,
                "tags": list(goal.tags),
                "title": goal.title,
                "prompt": goal.situation,
                "key_point": goal.key_point,
                "goals": [goal],
            }
        )

    def goal_items(self) -> list["HierarchyItem"]:
        """One single-goal item per goal (none for a single-goal item: it is its goal)."""
        return [self.goal_item(g.id) for g in self.goals if g.id != self.id]

    def sub_items(self) -> list[tuple[tuple[str | int, ...], "HierarchyItem"]]:
        """The items this item adds to the bank besides itself, with where each is defined
        (the path of its id inside this item), so the loader can list, show and de-duplicate them."""
        return [(("goals", k, "id"), self.goal_item(g.id)) for k, g in enumerate(self.goals) if g.id != self.id]

    # -- scoring -----------------------------------------------------------------------------

    def score(self, answer: Any) -> "Result":
        """Scores a choice of whom to approach: `{"goal": goal id, "level": level id}`, or just
        the level id for a single-goal item.

        The Result is about the goal: its `item_id` is the goal's id, so a goal answered in the
        navigator and the same goal shown alone count as one item. A better level scores 1, a
        level that is possible depending on the situation 0.5, any other level 0.
        """
        from ..scoring import AnswerError, Part, Result

        if isinstance(answer, str):
            goal_id, level_id = (self.single_goal.id if self.single_goal else None), answer
        elif isinstance(answer, Mapping):
            goal_id = answer.get("goal") or (self.single_goal.id if self.single_goal else None)
            level_id = answer.get("level")
        else:
            raise AnswerError(f"item '{self.id}': expected {{'goal': ..., 'level': ...}}, got {answer!r}")
        if goal_id is None:
            raise AnswerError(f"item '{self.id}': name the goal; goals are {', '.join(g.id for g in self.goals)}")
        try:
            goal = self.goal(goal_id)
        except KeyError:
            raise AnswerError(f"item '{self.id}': no goal {goal_id!r}; goals are {', '.join(g.id for g in self.goals)}") from None
        try:
            level = self.level(level_id)
        except KeyError:
            raise AnswerError(f"item '{self.id}': no level {level_id!r}; levels are {', '.join(lv.id for lv in self.levels)}") from None
        verdict = self.verdict(goal, level.id)
        part = Part(id=level.id, label=level.name, chosen=level.id, correct=verdict == "better", feedback=goal.feedback[level.id])
        return Result(
            item_id=goal.id,
            item_type=self.type,
            answer={"goal": goal.id, "level": level.id},
            correct=verdict == "better",
            score=SCORES[verdict],
            parts=[part],
            missed=0,
            key_point=goal.key_point,
            source=goal.source,
        )
