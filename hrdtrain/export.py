"""`hrdtrain export --anonymous FILE`: what a learner may hand to a facilitator, and nothing more.

An export holds one record per item, in item-id order: what was answered at the first try and
at the latest (option ids, never free text: the store has none), right or wrong each time, how
many answers were recorded, and the day of the first one; and the latest self-assessment rating
per statement. It does not hold the order in which the learner worked, any time finer than the
day, the learner id of the store, a user name, a host name or a path. Its id is random, made for
that file alone.

What an export does reveal: two exports of the same learner hold the same first answers, so
whoever has both can tell that they come from the same person (the README says so). A
facilitator needs exactly these answers for the debrief, so they stay; what is left out is what
the debrief does not need.

The same module describes the format for reading (`ExportFile`): exports come from other
people's laptops, so every field is checked by a pydantic model before the group view uses it.
Files in the first format (one record per answer) are still read.
"""

from __future__ import annotations

import datetime
import json
import os
import secrets
from collections import defaultdict
from pathlib import Path
from typing import Annotated, Any, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictInt, StringConstraints, ValidationError, WrapValidator

FORMAT = "hrdtrain-anonymous-export/2"
FORMAT_V1 = "hrdtrain-anonymous-export/1"
SELF_KIND = "self-assessment"  # hrdtrain.questionnaire.KIND; not imported, to keep this module light
PHASES = ("before", "after")


def anonymous_export(answers) -> dict:
    """The export of a list of store.Answer (oldest first), as a JSON-serialisable dict."""
    per_item: dict[str, list] = defaultdict(list)
    ratings: dict[str, dict[str, int]] = {}
    for a in answers:
        if a.item_type == SELF_KIND:
            parts = str(a.item_id).split(":", 2)
            if len(parts) == 3:
                ratings.setdefault(parts[1], {})[parts[2]] = a.answer
        else:
            per_item[a.item_id].append(a)
    items = []
    for item_id in sorted(per_item):
        first, latest = per_item[item_id][0], per_item[item_id][-1]
        items.append(
            {
                "item_id": item_id,
                "item_type": first.item_type,
                "first_answer": first.answer,
                "first_correct": first.correct,
                "latest_answer": latest.answer,
                "latest_correct": latest.correct,
                "answers": len(per_item[item_id]),
                "day": datetime.date.fromtimestamp(first.at).isoformat(),
            }
        )
    return {
        "format": FORMAT,
        "export_id": secrets.token_hex(8),
        "items": items,
        "self_assessment": {phase: dict(sorted(s.items())) for phase, s in sorted(ratings.items())},
    }


def export_bytes(data: dict) -> bytes:
    """The export file's bytes (UTF-8 JSON), as write_export writes them."""
    return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def write_export(data: dict, path: Path) -> Path:
    """Writes the export owner-only, never over an existing file (FileExistsError)."""
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    with os.fdopen(fd, "wb") as f:
        f.write(export_bytes(data))
    return path


# --- Reading: the format as a model --------------------------------------------------------

MAX_LIST = 1000
"""Longer lists than any item has (options, role-play paths, answers per file are bounded apart)."""

Id = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$")]
"""Item, option, category, scene and pitfall ids: never free text, so never markup."""

Day = Annotated[str, StringConstraints(pattern=r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")]
Rating = Annotated[StrictInt, Field(ge=1, le=5)]
Count = Annotated[StrictInt, Field(ge=1, le=1_000_000)]

_Leaf = Union[StrictInt, Id, None]
_Shape = Union[_Leaf, Annotated[list[_Leaf], Field(max_length=MAX_LIST)]]


def _one_message(value: Any, handler):
    """A union reports one error per shape it tried; say once what an answer may be instead."""
    try:
        return handler(value)
    except ValidationError:
        raise ValueError("expected an option id, a list of ids, a mapping of ids, or a rating; got something else") from None


AnswerValue = Annotated[
    Union[_Shape, Annotated[dict[Id, Union[_Shape, Annotated[dict[Id, _Leaf], Field(max_length=MAX_LIST)]]], Field(max_length=MAX_LIST)]],
    WrapValidator(_one_message),
]
"""What was chosen: a verdict or option id, a list of ids (several options, a role-play path),
a mapping of ids (a sort, a navigator goal and level, a workshop's sentences), or a rating."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ItemRecord(_Strict):
    """One item in an export: first and latest answer, how many answers, the first day."""

    item_id: Id
    item_type: Id
    first_answer: AnswerValue
    first_correct: StrictBool
    latest_answer: AnswerValue
    latest_correct: StrictBool
    answers: Count
    day: Day


class ExportFile(_Strict):
    """An anonymous export as the group view reads it."""

    format: Literal[FORMAT]
    export_id: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{1,64}$")]
    items: Annotated[list[ItemRecord], Field(max_length=100_000)]
    self_assessment: dict[Literal[PHASES], Annotated[dict[Id, Rating], Field(max_length=MAX_LIST)]] = {}


class AnswerV1(_Strict):
    item_id: Id
    item_type: Id
    answer: AnswerValue
    correct: StrictBool
    attempt: Count
    day: Day


class ExportFileV1(_Strict):
    """The first format: one record per answer, in the order given."""

    format: Literal[FORMAT_V1]
    export_id: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{1,64}$")]
    answers: Annotated[list[AnswerV1], Field(max_length=1_000_000)]

    def upgraded(self) -> ExportFile:
        """The same answers as a format-2 export (first and latest per item, latest rating)."""
        per_item: dict[str, list[AnswerV1]] = defaultdict(list)
        ratings: dict[str, dict[str, Any]] = {}
        for n, a in enumerate(self.answers):
            if a.item_type == SELF_KIND:
                parts = a.item_id.split(":")
                if len(parts) != 3 or parts[0] != "self" or parts[1] not in PHASES:
                    raise ValueError(f"answers[{n}].item_id: expected self:before:<statement> or self:after:<statement>")
                ratings.setdefault(parts[1], {})[parts[2]] = a.answer
            else:
                per_item[a.item_id].append(a)
        items = [
            {
                "item_id": item_id,
                "item_type": given[0].item_type,
                "first_answer": given[0].answer,
                "first_correct": given[0].correct,
                "latest_answer": given[-1].answer,
                "latest_correct": given[-1].correct,
                "answers": len(given),
                "day": given[0].day,
            }
            for item_id, given in sorted(per_item.items())
        ]
        return ExportFile.model_validate({"format": FORMAT, "export_id": self.export_id, "items": items, "self_assessment": ratings})
