"""The three quiz item types: judge a statement, choose among options, sort statements."""

from __future__ import annotations

from typing import Literal, Union

from pydantic import Field, model_validator

from .base import OPTION_ID_PATTERN, ItemBase, Strict

Verdict = Literal["accurate", "inaccurate", "depends"]
VERDICTS: tuple[str, ...] = ("accurate", "inaccurate", "depends")


class JudgeFeedback(Strict):
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


class Option(Strict):
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


class Category(Strict):
    """A bin that statements in a sort item are placed in."""

    id: str = Field(pattern=OPTION_ID_PATTERN, description="Stable category id, e.g. 'may'.")
    label: str = Field(min_length=1, description="What the learner sees, e.g. 'Police MAY (discretion)'.")


class SortStatement(Strict):
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


