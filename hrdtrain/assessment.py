"""What each graded assignment asks, as data: `hrdtrain/assessments/<assignment>.yaml`.

The nbgrader notebooks in `solutions/` hold the questions, the solutions and the hidden tests.
This file says, per graded cell, what a learner's self-check may tell them (the *visible*
checks: the form of an answer, never whether it is right), which part of the paper's frame it
tests (law / attitude / communication, for the class report) and the source it rests on.
tests/grading/ checks that every graded cell of a solutions notebook has an entry here and
the other way round.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Literal, Optional, Union

from pydantic import Field, model_validator

from . import safe_yaml
from .schema.base import SourceText, Strict, TagList

ASSESSMENTS_DIR = Path(__file__).parent / "assessments"


class OneOf(Strict):
    """The answer is one of a few values (a letter, a level, a verdict)."""

    kind: Literal["one_of"]
    values: list[str] = Field(min_length=2, description="The allowed values (the answer must be one of them).")


class SomeOf(Strict):
    """The answer is a set (or list) of some of a few values: "tick all that apply"."""

    kind: Literal["some_of"]
    values: list[str] = Field(min_length=2, description="The values the answer may contain.")


class Number(Strict):
    """The answer is a number in a plausible range (not the right number: a range that rules out slips)."""

    kind: Literal["number"]
    min: Optional[float] = Field(default=None, description="Smallest plausible value.")
    max: Optional[float] = Field(default=None, description="Largest plausible value.")


class Table(Strict):
    """The answer is a pandas DataFrame or Series with these columns / this index."""

    kind: Literal["table"]
    columns: list[str] = Field(default_factory=list, description="Columns it must have (for a DataFrame).")
    index: list[str] = Field(default_factory=list, description="Index labels it must have.")


class Chart(Strict):
    """The answer is a matplotlib Figure with a title and labelled axes (readable without colour)."""

    kind: Literal["chart"]


class Text(Strict):
    """The answer is a piece of text of at least some words (checked for form only)."""

    kind: Literal["text"]
    min_words: int = Field(default=1, ge=1)


Visible = Union[OneOf, SomeOf, Number, Table, Chart, Text]


class Question(Strict):
    """One graded cell of the assignment."""

    id: str = Field(pattern=r"^[a-z][a-z0-9-]*$", description="The nbgrader grade_id of the cell (its tests cell for autograded questions).")
    points: float = Field(gt=0, description="Points, as in the notebook's cell metadata.")
    tags: TagList = Field(min_length=1, description="law / attitude / communication: what the question tests.")
    source: SourceText = Field(description="Where the answer key rests ('paper §3.4', 'A/HRC/31/55 para. 6').")
    variable: Optional[str] = Field(default=None, description="Autograded: the variable the learner sets.")
    visible: Optional[Visible] = Field(default=None, discriminator="kind", description="Autograded: what check() may say about the answer's form.")
    manual: bool = Field(default=False, description="Manually graded (a written answer with a rubric).")

    @model_validator(mode="after")
    def _autograded_or_manual(self) -> "Question":
        if self.manual and (self.variable or self.visible):
            raise ValueError(f"question '{self.id}': a manually graded question has no variable or visible check")
        if not self.manual and not (self.variable and self.visible):
            raise ValueError(f"question '{self.id}': an autograded question needs 'variable' and 'visible'")
        return self


class Assessment(Strict):
    assignment: str = Field(pattern=r"^[0-9]{2}_[a-z_]+$", description="The nbgrader assignment name, e.g. '02_international_standards'.")
    title: str = Field(min_length=3)
    questions: list[Question] = Field(min_length=1)

    def question(self, qid: str) -> Question:
        for q in self.questions:
            if q.id == qid:
                return q
        raise KeyError(qid)


@functools.lru_cache(maxsize=None)
def load_assessment(assignment: str) -> Assessment:
    """The assessment of `assignment`; FileNotFoundError naming the known ones for a wrong name."""
    path = ASSESSMENTS_DIR / f"{assignment}.yaml"
    if not path.exists():
        known = ", ".join(sorted(p.stem for p in ASSESSMENTS_DIR.glob("*.yaml")))
        raise FileNotFoundError(f"no assignment {assignment!r}; the assignments are: {known}")
    return Assessment.model_validate(safe_yaml.load_file(path, "assessment files"))


def all_assessments() -> list[Assessment]:
    return [load_assessment(p.stem) for p in sorted(ASSESSMENTS_DIR.glob("*.yaml"))]
