"""The pre/post confidence questionnaire (self-assessment) as data: its statements, and how ratings are filed.

A rating is stored like an answer, with item type KIND and item id "self:<phase>:<statement>",
so it goes to the private store and into anonymous exports with everything else. The widget
(hrdtrain.widgets.self_assessment), the learner's progress and the group view all read and write
these ids through this module.
"""

from __future__ import annotations

import functools
from pathlib import Path

import yaml

KIND = "self-assessment"
PHASES = ("before", "after")


@functools.lru_cache(maxsize=1)
def questionnaire() -> dict:
    """The scale and statements (hrdtrain/self_assessment.yaml)."""
    with open(Path(__file__).with_name("self_assessment.yaml"), encoding="utf-8") as f:
        return yaml.safe_load(f)


def item_id(phase: str, statement_id: str) -> str:
    return f"self:{phase}:{statement_id}"


def parse_item_id(value: str) -> tuple[str, str]:
    """'self:before:risks' -> ('before', 'risks')."""
    _self, phase, statement = str(value).split(":", 2)
    return phase, statement
