"""The catalogue of learner-facing interface strings, keyed by name.

No learner-facing text lives in code: widgets ask for `t("check")`. Each language is a folder
under `locales/` (`en/` is the default); its YAML files are merged, one file per part of the
course (quiz.yaml, hierarchy.yaml, ...), and a key may appear in only one file. Translations
live in `translations/LANG/locales/` (hrdtrain.translations, docs/translation-guide.md);
`HRDTRAIN_LANG=es` selects one, falling back to English for any key it lacks.

A string with a count has one key per plural form, as gettext and CLDR see it: `feedback.missed.one`,
`feedback.missed.other` (and `.zero`, `.two`, `.few`, `.many` in languages that have them).
`t_count("feedback.missed", n)` picks the form for `n` in the current language.
"""

from __future__ import annotations

import contextlib
import functools
import os
from pathlib import Path
from typing import Iterator

LOCALES_DIR = Path(__file__).parent / "locales"
DEFAULT_LANGUAGE = "en"


def read_language(language: str) -> dict[str, str]:
    """All strings in one language folder; a key defined in two files is an error."""
    strings: dict[str, str] = {}
    origin: dict[str, str] = {}
    from . import safe_yaml

    for path in sorted((LOCALES_DIR / language).glob("*.yaml")):
        for key, value in (safe_yaml.load_file(path, "interface string files") or {}).items():
            if key in strings:
                raise ValueError(f"locales/{language}: key '{key}' is in both {origin[key]} and {path.name}")
            strings[key], origin[key] = value, path.name
    return strings


@functools.lru_cache(maxsize=None)
def catalogue(language: str = DEFAULT_LANGUAGE) -> dict[str, str]:
    """All strings of one language (missing keys fall back to English); from the compiled bank
    when an installed wheel carries one matching the YAML (hrdtrain.compiled_bank)."""
    from . import compiled_bank

    read = read_language
    if compiled_bank.compiled() is not None:
        read = compiled_bank.strings
    strings = dict(read(DEFAULT_LANGUAGE))
    if language != DEFAULT_LANGUAGE:
        from . import translations

        # Translated strings live in translations/LANG/locales/ (docs/translation-guide.md); a
        # plural form the language has but English lacks falls back to the English '.other'.
        strings.update(translations.interface_strings(language))
    return strings


def current_language() -> str:
    """The learner's language: HRDTRAIN_LANG (en, es, ar), English when unset or not offered."""
    from .translations import LANGUAGES

    language = os.environ.get("HRDTRAIN_LANG", DEFAULT_LANGUAGE).strip().lower().replace("_", "-").split("-")[0]
    return language if language in LANGUAGES else DEFAULT_LANGUAGE


def set_language(language: str) -> None:
    """Shows everything after this in `language` ('en', 'es', 'ar'): what a translated notebook's
    setup cell calls, so it is in its language wherever it is opened (the browser edition too)."""
    from .translations import LANGUAGES

    code = str(language).strip().lower()
    if code not in LANGUAGES:
        raise ValueError(f"'{language}' is not a language of the course; choose one of: {', '.join(LANGUAGES)}")
    os.environ["HRDTRAIN_LANG"] = code


@contextlib.contextmanager
def using_language(language: str) -> Iterator[str]:
    """Everything inside in `language` (as set_language), the previous language back after."""
    before = os.environ.get("HRDTRAIN_LANG")
    set_language(language)
    try:
        yield current_language()
    finally:
        if before is None:
            os.environ.pop("HRDTRAIN_LANG", None)
        else:
            os.environ["HRDTRAIN_LANG"] = before


def html_lang() -> str:
    """The lang and dir attributes for learner-facing HTML: lang='ar' dir='rtl' in Arabic, so the
    page reads right to left (ids and code inside keep their own direction); dir='auto' in a
    left-to-right language, so a right-to-left name or note quoted in it still reads well."""
    from .translations import LANGUAGES

    language = LANGUAGES[current_language()]
    if language.direction == "rtl":
        return f"lang='{language.code}' dir='rtl'"
    return f"lang='{language.code}' dir='auto'"


def t(key: str, **params: object) -> str:
    """The string `key` in the current language, with its named placeholders filled in."""
    text = catalogue(current_language())[key]
    return text.format(**params) if params else text


PLURAL_FORMS = ("zero", "one", "two", "few", "many", "other")


def _plural_base(key: str) -> str | None:
    """'feedback.missed.few' -> 'feedback.missed'; None for a key that is not a plural form."""
    base, _, form = key.rpartition(".")
    return base if form in PLURAL_FORMS and base else None


def translation_problems(default: dict[str, str], other: dict[str, str]) -> list[str]:
    """What a translation lacks or has too many of, compared with the default language, and
    placeholders that differ. Plural forms are the translation's own: it may add forms its
    language needs (`.few`, `.many`) and leave out forms it lacks (`.one` in Chinese), as long as
    every counted string keeps its `.other` form."""
    import string

    def names(text: str) -> set[str]:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name}

    problems = []
    for key in sorted(set(default) - set(other)):
        base = _plural_base(key)
        if base is None or f"{base}.other" not in other:
            problems.append(f"missing key '{key}'")
    for key in sorted(set(other) - set(default)):
        base = _plural_base(key)
        if base is None or f"{base}.other" not in default:
            problems.append(f"unknown key '{key}'")
    for key in sorted(set(other)):
        base = _plural_base(key)
        reference = default.get(key) if key in default else default.get(f"{base}.other") if base else None
        if reference is not None and names(other[key]) != names(reference):
            problems.append(f"'{key}' has placeholders {sorted(names(other[key]))}, expected {sorted(names(reference))}")
    return problems


def plural_category(count: int, language: str = DEFAULT_LANGUAGE) -> str:
    """The CLDR plural category of a whole number in `language`: 'zero', 'one', 'two', 'few',
    'many' or 'other'. Languages without a rule here use English's (one for 1, other otherwise)."""
    n = abs(int(count))
    lang = language.split("_")[0].split("-")[0].lower()
    if lang in ("fr", "pt"):
        return "one" if n in (0, 1) else "other"
    if lang in ("ru", "uk"):
        if n % 10 == 1 and n % 100 != 11:
            return "one"
        if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
            return "few"
        return "many"
    if lang == "ar":
        if n in (0, 1, 2):
            return ("zero", "one", "two")[n]
        if 3 <= n % 100 <= 10:
            return "few"
        return "many" if 11 <= n % 100 <= 99 else "other"
    if lang in ("zh", "ja", "ko", "vi", "id", "th", "tr"):
        return "other"
    return "one" if n == 1 else "other"


def t_count(key: str, count: int, **params: object) -> str:
    """The form of `key` for `count` (`key.one`, `key.few`, ... falling back to `key.other`),
    with `{count}` and the other named placeholders filled in."""
    language = current_language()
    strings = catalogue(language)
    text = strings.get(f"{key}.{plural_category(count, language)}") or strings[f"{key}.other"]
    return text.format(count=count, **params)
