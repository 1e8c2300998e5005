"""The catalogue of learner-facing interface strings, keyed by name.

No learner-facing text lives in code: widgets ask for `t("check")`. A translation is a YAML
file beside `en.yaml` with the same keys; `HRDTRAIN_LANG=fr` selects it, falling back to
English for any key it lacks.
"""

from __future__ import annotations

import functools
import os
from pathlib import Path

import yaml

LOCALES_DIR = Path(__file__).parent / "locales"
DEFAULT_LANGUAGE = "en"


@functools.lru_cache(maxsize=None)
def catalogue(language: str = DEFAULT_LANGUAGE) -> dict[str, str]:
    """All strings of one language (missing keys fall back to English)."""
    with open(LOCALES_DIR / f"{DEFAULT_LANGUAGE}.yaml", encoding="utf-8") as f:
        strings = dict(yaml.safe_load(f))
    if language != DEFAULT_LANGUAGE:
        path = LOCALES_DIR / f"{language}.yaml"
        if path.exists():
            with open(path, encoding="utf-8") as f:
                strings.update(yaml.safe_load(f) or {})
    return strings


def current_language() -> str:
    return os.environ.get("HRDTRAIN_LANG", DEFAULT_LANGUAGE)


def t(key: str, **params: object) -> str:
    """The string `key` in the current language, with its named placeholders filled in."""
    text = catalogue(current_language())[key]
    return text.format(**params) if params else text
