"""The content schema: what a quiz item in `hrdtrain/content/*.yaml` may contain.

The models are the single definition of the YAML format. Every field carries a description,
so the exported JSON Schema (`hrdtrain schema`) documents the format for content authors.
Choices carry stable ids apart from their display text, so translating or reordering text
never changes a score.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

Tag = Literal["law", "attitude", "communication"]
"""The paper's own three-part frame (sections 3-6): knowing the law, knowing the attitude,
how to communicate."""

Verdict = Literal["accurate", "inaccurate", "depends"]
VERDICTS: tuple[str, ...] = ("accurate", "inaccurate", "depends")

ITEM_ID_PATTERN = r"^[0-9](\.[0-9]+)?-[a-z0-9]+(-[a-z0-9]+)*$"
SECTION_PATTERN = r"^[0-9](\.[0-9]+)?$"
OPTION_ID_PATTERN = r"^[a-z0-9][a-z0-9_-]*$"

# A source must point into one of the seed documents (../shared/seeds/README.md), in one of
# these forms, so that a reviewer can find the passage it rests on.
SOURCE_FORMS = {
    "paper": r"paper (§[0-9]+(\.[0-9]+)?|Foreword|Tools)",
    "A/HRC/31/55": r"A/HRC/31/55 paras?\. [0-9]+",
    "programme description": r"PHRP description",
    "safety of HRDs": r"HRD safety guide",
    "roundtable report": r"roundtable report",
}
SOURCE_PATTERN = re.compile(r"^(" + "|".join(SOURCE_FORMS.values()) + r")\b")
SOURCE_EXAMPLES = "'paper §3.4', 'A/HRC/31/55 para. 83', 'PHRP description', 'HRD safety guide', 'roundtable report'"


class _Strict(BaseModel):
    """Unknown fields are errors: a misspelt field name must not be silently ignored."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class ItemBase(_Strict):
    """Fields every quiz item has, whatever its type."""

    id: str = Field(
        pattern=ITEM_ID_PATTERN,
        description="Stable id: the paper section, a dash, and lowercase words joined by dashes, e.g. '3.4-tear-gas'. Never reuse or rename an id that learners may have answered.",
    )
    section: str = Field(
        pattern=SECTION_PATTERN,
        description="The paper section or subsection the item belongs to, e.g. '3.4'. Must lie inside the file's section.",
    )
    source: str = Field(
        min_length=3,
        description=f"Where the answer key rests, so a reviewer can check it: {SOURCE_EXAMPLES}. Several sources may be joined with '; '.",
    )
    tags: list[Tag] = Field(
        min_length=1,
        description="Which part of the paper's frame the item trains: law, attitude and/or communication.",
    )
    title: str = Field(min_length=3, description="A short title shown above the item and in handouts.")
    prompt: str = Field(
        min_length=10,
        description="The scenario or question, in Markdown. Realistic situations, not recall of wording.",
    )
    key_point: str = Field(
        min_length=10, description="One or two sentences the learner should take away, shown after any answer."
    )

    @field_validator("tags")
    @classmethod
    def _tags_unique(cls, tags: list[str]) -> list[str]:
        if len(set(tags)) != len(tags):
            raise ValueError("a tag is listed twice")
        return tags

    @field_validator("source")
    @classmethod
    def _source_cites_a_seed(cls, source: str) -> str:
        for part in source.split(";"):
            if not SOURCE_PATTERN.match(part.strip()):
                raise ValueError(
                    f"'{part.strip()}' does not cite a source document; write it like {SOURCE_EXAMPLES}"
                )
        return source


class JudgeFeedback(_Strict):
    """An explanation for each verdict a learner can give."""

    accurate: str = Field(min_length=10, description="Shown when the learner says the statement is accurate.")
    inaccurate: str = Field(min_length=10, description="Shown when the learner says the statement is inaccurate.")
    depends: str = Field(min_length=10, description="Shown when the learner says 'it depends'.")


class JudgeItem(ItemBase):
    """A statement (a press-release sentence, a claim heard at a protest) to be judged
    accurate, inaccurate, or 'it depends'."""

    type: Literal["judge"] = Field(description="Item type: judge a statement.")
    statement: str = Field(min_length=10, description="The statement the learner judges, without quotation marks.")
    answer: Verdict = Field(
        description="The right verdict: 'accurate', 'inaccurate' or 'depends' (use 'depends' where the paper says it depends, e.g. on domestic law)."
    )
    feedback: JudgeFeedback = Field(description="Why each verdict is right or wrong, in the paper's terms.")


class Option(_Strict):
    """One answer a learner can pick in a choice item."""

    id: str = Field(pattern=OPTION_ID_PATTERN, description="Stable option id, e.g. 'a' or 'talk-to-commander'.")
    text: str = Field(min_length=1, description="What the learner sees, in Markdown.")
    feedback: str = Field(min_length=10, description="Why picking this option is right or wrong.")


class ChoiceItem(ItemBase):
    """A scenario question with one or several right options and feedback for every option."""

    type: Literal["choice"] = Field(description="Item type: choose among options.")
    options: list[Option] = Field(min_length=2, description="The options, in the order shown.")
    answer: Union[str, list[str]] = Field(
        description="The id of the right option, or a list of ids when several options are right (the learner then ticks all that apply)."
    )

    @property
    def multiple(self) -> bool:
        """Whether the learner may tick several options."""
        return isinstance(self.answer, list)

    @property
    def correct_ids(self) -> frozenset[str]:
        return frozenset(self.answer if isinstance(self.answer, list) else [self.answer])

    @model_validator(mode="after")
    def _answer_names_options(self) -> "ChoiceItem":
        ids = [o.id for o in self.options]
        if len(set(ids)) != len(ids):
            dup = sorted({i for i in ids if ids.count(i) > 1})
            raise ValueError(f"options: option id {', '.join(dup)} is used twice")
        answers = self.answer if isinstance(self.answer, list) else [self.answer]
        if not answers:
            raise ValueError("answer: the list of right options is empty")
        for a in answers:
            if a not in ids:
                raise ValueError(f"answer: '{a}' names no option (options are {', '.join(ids)})")
        return self


class Category(_Strict):
    """A bin that statements in a sort item are placed in."""

    id: str = Field(pattern=OPTION_ID_PATTERN, description="Stable category id, e.g. 'may'.")
    label: str = Field(min_length=1, description="What the learner sees, e.g. 'Police MAY (discretion)'.")


class SortStatement(_Strict):
    """One statement in a sort item, with its right category."""

    id: str = Field(pattern=OPTION_ID_PATTERN, description="Stable statement id.")
    text: str = Field(min_length=5, description="The statement to place.")
    category: str = Field(description="The id of the category it belongs in.")
    feedback: str = Field(min_length=10, description="Why it belongs in that category.")


class SortItem(ItemBase):
    """Several statements, each to be placed in one category."""

    type: Literal["sort"] = Field(description="Item type: place statements in categories.")
    categories: list[Category] = Field(min_length=2, description="The categories, in the order shown.")
    statements: list[SortStatement] = Field(min_length=2, description="The statements to place, in the order shown.")

    @model_validator(mode="after")
    def _statements_name_categories(self) -> "SortItem":
        cats = [c.id for c in self.categories]
        if len(set(cats)) != len(cats):
            raise ValueError("categories: a category id is used twice")
        sids = [s.id for s in self.statements]
        if len(set(sids)) != len(sids):
            raise ValueError("statements: a statement id is used twice")
        for s in self.statements:
            if s.category not in cats:
                raise ValueError(
                    f"statements[{self.statements.index(s) + 1}].category: '{s.category}' names no category (categories are {', '.join(cats)})"
                )
        return self


Item = Annotated[Union[JudgeItem, ChoiceItem, SortItem], Field(discriminator="type")]
ITEM_TYPES: tuple[str, ...] = ("judge", "choice", "sort")


class ContentFile(_Strict):
    """The header of one content file: one file per paper section."""

    section: str = Field(pattern=r"^[0-9]$", description="The paper section this file covers, e.g. '3'.")
    title: str = Field(min_length=3, description="The section's title, as in the paper.")
    items: list[dict] = Field(description="The quiz items of this section (each validated as an Item).")
