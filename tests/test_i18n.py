"""Is every learner-facing string in the catalogue, and does every translation have the same keys?"""

from __future__ import annotations

import re
from pathlib import Path

from hrdtrain.i18n import DEFAULT_LANGUAGE, LOCALES_DIR, catalogue, read_language, t, translation_problems

PACKAGE = Path(__file__).parents[1] / "hrdtrain"


def test_every_language_has_the_default_keys_and_placeholders_with_its_own_plural_forms():
    default = read_language(DEFAULT_LANGUAGE)
    for folder in (p for p in LOCALES_DIR.iterdir() if p.is_dir()):
        assert translation_problems(default, read_language(folder.name)) == [], f"locales/{folder.name}"


def test_every_string_key_used_in_code_exists():
    used = set()
    for py in PACKAGE.rglob("*.py"):
        used |= set(re.findall(r"""\bt\(\s*f?["']([a-z_.{}]+)["']""", py.read_text(encoding="utf-8")))
    keys = set(catalogue())
    for key in used:
        if "{" in key:  # f-string keys such as verdict.{v}: check the prefix exists
            prefix = key.split("{")[0]
            assert any(k.startswith(prefix) for k in keys), key
        else:
            assert key in keys, key


def test_named_placeholders_are_filled():
    assert t("feedback.attempt", tries=3) == "Try 3."
