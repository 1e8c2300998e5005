"""The catalogue of learner-facing interface strings, keyed by name.

No learner-facing text lives in code: widgets ask for `t("check")`. Each language is a folder
under `locales/` (`en/` is the default); its YAML files are merged, one file per part of the
course (quiz.yaml, hierarchy.yaml, ...), and a key may appear in only one file. A translation
is a folder with the same keys; `HRDTRAIN_LANG=fr` selects it, falling back to English for any
key it lacks.
"""

from __future__ import annotations

import functools
import os
from pathlib import Path

import yaml

LOCALES_DIR = Path(__file__).parent / "locales"
DEFAULT_LANGUAGE = "en"


def read_language(language: str) -> dict[str, str]:
    """All strings in one language folder; a key defined in two files is an error."""
    strings: dict[str, str] = {}
    origin: dict[str, str] = {}
    for path in sorted((LOCALES_DIR / language).glob("*.yaml")):
        with open(path, encoding="utf-8") as f:
            for key, value in (yaml.safe_load(f) or {}).items():
                if key in strings:
                    raise ValueError(f"locales/{language}: key '{key}' is in both {origin[key]} and {path.name}")
                strings[key], origin[key] = value, path.name
    return strings


@functools.lru_cache(maxsize=None)
def catalogue(language: str = DEFAULT_LANGUAGE) -> dict[str, str]:
    """All strings of one language (missing keys fall back to English)."""
    strings = read_language(DEFAULT_LANGUAGE)
    if language != DEFAULT_LANGUAGE and (LOCALES_DIR / language).is_dir():
        strings.update(read_language(language))
    return strings


def current_language() -> str:
    return os.environ.get("HRDTRAIN_LANG", DEFAULT_LANGUAGE)


def t(key: str, **params: object) -> str:
    """The string `key` in the current language, with its named placeholders filled in."""
    text = catalogue(current_language())[key]
    return text.format(**params) if params else text
