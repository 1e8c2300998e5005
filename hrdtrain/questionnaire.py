"""The pre/post confidence questionnaire (self-assessment) as data: its statements, and how ratings are filed.

A rating is stored like an answer, with item type KIND and item id "self:<phase>:<statement>",
so it goes to the private store and into anonymous exports with everything else. The widget
(hrdtrain.widgets.self_assessment), the learner's progress and the group view all read and write
these ids through this module.
"""

from __future__ import annotations

import functools
from pathlib import Path

QUESTIONNAIRE_FILE = Path(__file__).with_name("self_assessment.yaml")

KIND = "self-assessment"
PHASES = ("before", "after")


@functools.lru_cache(maxsize=1)
def english_questionnaire() -> dict:
    """The scale and statements (hrdtrain/self_assessment.yaml; its compiled copy when an
    installed wheel carries one matching it, see hrdtrain.compiled_bank)."""
    from . import compiled_bank

    compiled = compiled_bank.questionnaire()
    if compiled is not None:
        return compiled
    from . import safe_yaml

    return safe_yaml.load_file(QUESTIONNAIRE_FILE, "questionnaire files")


def questionnaire() -> dict:
    """The questionnaire in the learner's language (hrdtrain.translations; English where a text
    has no translation). Statement ids and the rating values are the same in every language."""
    from .i18n import DEFAULT_LANGUAGE, current_language

    english = english_questionnaire()
    language = current_language()
    if language == DEFAULT_LANGUAGE:
        return english
    from .translations import questionnaire_texts

    texts = questionnaire_texts(language)
    return {
        **english,
        "scale": {k: texts.get(f"scale[{k}]", v) for k, v in english["scale"].items()},
        "statements": [{**st, "text": texts.get(f"statements[{st['id']}].text", st["text"])} for st in english["statements"]],
    }


def item_id(phase: str, statement_id: str) -> str:
    return f"self:{phase}:{statement_id}"


def parse_item_id(value: str) -> tuple[str, str]:
    """'self:before:risks' -> ('before', 'risks')."""
    _self, phase, statement = str(value).split(":", 2)
    return phase, statement
