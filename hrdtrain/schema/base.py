"""What every content item has, whatever its type: id, section, source, tags, prompt, key point."""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator

Tag = Literal["law", "attitude", "communication"]
"""The paper's own three-part frame (sections 3-6): knowing the law, knowing the attitude,
how to communicate."""

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


def check_source(source: str) -> str:
    """Every part of a source ('paper §3.4; A/HRC/31/55 para. 83') must point into a seed document."""
    for part in source.split(";"):
        if not SOURCE_PATTERN.match(part.strip()):
            raise ValueError(f"'{part.strip()}' does not cite a source document; write it like {SOURCE_EXAMPLES}")
    return source


def unique_tags(tags: list[str]) -> list[str]:
    if len(set(tags)) != len(tags):
        raise ValueError("a tag is listed twice")
    return tags


def check_unique_ids(ids: list[str], path: str, what: str, owner: str = "") -> dict[str, int]:
    """Raises ValueError at the first repeated id, naming both places in the item's terms
    ("parts[3].id: part id 'law' is already used by parts[1]"); returns id -> 1-based position."""
    first: dict[str, int] = {}
    for n, item_id in enumerate(ids, start=1):
        if item_id in first:
            raise ValueError(f"{path}[{n}].id: {what} id '{item_id}' is already used by {path.rsplit('.', 1)[-1]}[{first[item_id]}]{owner}")
        first[item_id] = n
    return first


SourceText = Annotated[str, AfterValidator(check_source)]
"""A `source` field anywhere in the content: checked to cite a seed document."""

TagList = Annotated[list[Tag], AfterValidator(unique_tags)]
"""A `tags` field anywhere in the content: law / attitude / communication, each at most once."""


def check_text(value: object) -> object:
    """Text anywhere in content or country notes may not hold an image, raw HTML that fetches
    something, or a link that is not http(s)/mailto (hrdtrain/markdown.py says why). Checks a
    text, or the texts directly in a list or mapping (raw YAML inside them is checked by the
    model it is later validated as)."""
    from ..markdown import problems

    if isinstance(value, str):
        texts = [("", value)]
    elif isinstance(value, (list, tuple)):
        texts = [(f"entry {n}: ", v) for n, v in enumerate(value, start=1) if isinstance(v, str)]
    elif isinstance(value, dict):
        texts = [(f"'{k}': ", v) for k, v in value.items() if isinstance(v, str)]
    else:
        return value
    found = [where + problem for where, text in texts for problem in problems(text)]
    if found:
        raise ValueError("; ".join(found))
    return value


class Strict(BaseModel):
    """Unknown fields are errors: a misspelt field name must not be silently ignored. Every
    text field is checked by `check_text`, in every model of the content and of country notes.

    Each model's validator is built when it is first used, not when the class is defined
    (defer_build): showing one quiz then builds one item type's, not all forty models' (in the
    browser edition that was most of a second before the first quiz)."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, defer_build=True)

    @field_validator("*", mode="after")
    @classmethod
    def _text_fetches_nothing(cls, value: object) -> object:
        return check_text(value)


class ItemBase(Strict):
    """Fields every quiz item has, whatever its type."""

    id: str = Field(
        pattern=ITEM_ID_PATTERN,
        description="Stable id: the paper section, a dash, and lowercase words joined by dashes, e.g. '3.4-tear-gas'. Never reuse or rename an id that learners may have answered.",
    )
    section: str = Field(
        pattern=SECTION_PATTERN,
        description="The paper section or subsection the item belongs to, e.g. '3.4'. Must lie inside the file's section.",
    )
    source: SourceText = Field(
        min_length=3,
        description=f"Where the answer key rests, so a reviewer can check it: {SOURCE_EXAMPLES}. Several sources may be joined with '; '.",
    )
    tags: TagList = Field(
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
