"""Item type 'plan': the learner's own engagement plan (paper §7), written down and saved.

At the end of the course the learner brings the frame together for a situation of their own:
the goal, whom in the police (or beside it) to approach, what law applies, what message, what
risks. Each part of the plan is a `PlanPart`: guidance from the paper, optional prompts to tick
(each with a tip and a source, e.g. the levels of the hierarchy from §6.2), and a text box.

A plan has no right answer and no score. What the learner writes is theirs: it is never
recorded, and it leaves the widget only if the learner saves it as a text file.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from .base import OPTION_ID_PATTERN, SOURCE_EXAMPLES, ItemBase, SourceText, Strict, check_unique_ids


class PlanPrompt(Strict):
    """Something to tick in a part of the plan, with the paper's tip on it."""

    id: str = Field(pattern=OPTION_ID_PATTERN, description="Stable id, unique within its part, e.g. 'mid-level'.")
    text: str = Field(min_length=3, description="The label of the tick box, e.g. 'Mid-level command (district or station commander)'.")
    tip: str = Field(min_length=10, description="What the paper says about it, in Markdown: shown in the review and the saved plan when ticked.")
    source: SourceText = Field(min_length=3, description=f"Where the tip rests: {SOURCE_EXAMPLES}.")


class PlanPart(Strict):
    """One part of the plan: guidance, things to tick (optional) and the learner's own notes."""

    id: str = Field(pattern=OPTION_ID_PATTERN, description="Stable part id, unique within the item, e.g. 'police-level'.")
    label: str = Field(min_length=3, description="The part's heading, e.g. 'Whom to approach'.")
    guidance: str = Field(min_length=10, description="What to think about for this part, in the paper's terms (Markdown).")
    source: SourceText = Field(min_length=3, description=f"Where the guidance rests: {SOURCE_EXAMPLES}.")
    tag: Literal["goal", "law", "attitude", "communication", "risks"] = Field(
        description="Which part of the frame this part is: the goal, law, attitude, communication, or risks."
    )
    prompts: list[PlanPrompt] = Field(default_factory=list, description="Optional things to tick, each with a tip (tick all that apply).")
    placeholder: str = Field(default="", description="Example text shown in the empty notes box.")


class PlanItem(ItemBase):
    """An engagement plan: parts to fill in, reviewed against the paper's guidance, saved as text."""

    type: Literal["plan"] = Field(description="Item type: the learner's own engagement plan (no score).")
    parts: list[PlanPart] = Field(min_length=2, description="The parts of the plan, in order.")

    @model_validator(mode="after")
    def _unique_ids(self) -> "PlanItem":
        check_unique_ids([p.id for p in self.parts], "parts", "part")
        for n, part in enumerate(self.parts, start=1):
            check_unique_ids([p.id for p in part.prompts], f"parts[{n}].prompts", "prompt", f" of part '{part.id}'")
        return self
