"""Does every string with a count have its plural forms, and is the right form picked per language?"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from hrdtrain.i18n import catalogue, plural_category, t_count

PACKAGE = Path(__file__).parents[1] / "hrdtrain"


def test_every_counted_string_used_in_code_has_a_one_and_an_other_form():
    used = set()
    for py in PACKAGE.rglob("*.py"):
        used |= set(re.findall(r"""\bt_count\(\s*["']([a-z_.]+)["']""", py.read_text(encoding="utf-8")))
    assert used, "no t_count() call found"
    keys = set(catalogue())
    for key in used:
        assert {f"{key}.one", f"{key}.other"} <= keys, key


def test_english_says_one_option_and_two_options():
    assert t_count("feedback.missed", 1) == "1 right option not ticked yet."
    assert t_count("feedback.missed", 2) == "2 right options not ticked yet."


@pytest.mark.parametrize(
    "language, counts",
    [
        ("en", {0: "other", 1: "one", 2: "other", 21: "other"}),
        ("fr", {0: "one", 1: "one", 2: "other"}),
        ("ru", {1: "one", 2: "few", 5: "many", 11: "many", 12: "many", 21: "one", 22: "few", 111: "many"}),
        ("ar", {0: "zero", 1: "one", 2: "two", 3: "few", 11: "many", 100: "other", 103: "few"}),
    ],
)
def test_each_language_picks_its_own_plural_form(language, counts):
    assert {n: plural_category(n, language) for n in counts} == counts


def test_a_translation_without_a_form_falls_back_to_other(monkeypatch):
    """Russian needs a 'few' form; until a translation has it, the 'other' form is used, never a KeyError."""
    monkeypatch.setenv("HRDTRAIN_LANG", "ru")
    assert t_count("feedback.missed", 3) == "3 right options not ticked yet."


def test_a_translation_may_add_the_plural_forms_its_language_needs_and_nothing_else():
    from hrdtrain.i18n import translation_problems

    default = {"check": "Check", "feedback.missed.one": "{count} option", "feedback.missed.other": "{count} options"}
    russian = {"check": "Проверить", "feedback.missed.one": "{count} вариант", "feedback.missed.few": "{count} варианта",
               "feedback.missed.many": "{count} вариантов", "feedback.missed.other": "{count} варианта"}
    chinese = {"check": "检查", "feedback.missed.other": "{count} 个选项"}
    assert translation_problems(default, russian) == []
    assert translation_problems(default, chinese) == []
    assert translation_problems(default, {"check": "Vérifier"}) == ["missing key 'feedback.missed.one'", "missing key 'feedback.missed.other'"]
    assert translation_problems(default, {**russian, "check.few": "x"}) == ["unknown key 'check.few'"]
    assert translation_problems(default, {**russian, "feedback.missed.few": "{n} варианта"}) == [
        "'feedback.missed.few' has placeholders ['n'], expected ['count']"
    ]


def test_an_arabic_catalogue_picks_its_two_few_and_many_forms(tmp_path, monkeypatch):
    """A real translation file (hrdtrain/translations/ar/locales/quiz.yaml's format), selected
    with HRDTRAIN_LANG; forms it lacks fall back to the English '.other'."""
    from hrdtrain import i18n, translations

    (tmp_path / "ar" / "locales").mkdir(parents=True)
    forms = {
        "two": "خياران صحيحان لم يُحدَّدا بعد.",
        "few": "{count} خيارات صحيحة لم تُحدَّد بعد.",
        "many": "{count} خيارًا صحيحًا لم يُحدَّد بعد.",
    }
    entries = "".join(f"    feedback.missed.{form}:\n      hash: x\n      text: \"{text}\"\n" for form, text in forms.items())
    (tmp_path / "ar" / "locales" / "quiz.yaml").write_text(f"language: ar\nentries:\n  strings:\n{entries}", encoding="utf-8")
    monkeypatch.setattr(translations, "TRANSLATIONS_DIR", tmp_path)
    monkeypatch.setenv("HRDTRAIN_LANG", "ar")
    i18n.catalogue.cache_clear()
    translations.clear_caches()
    try:
        assert t_count("feedback.missed", 2) == forms["two"]
        assert t_count("feedback.missed", 5) == "5 خيارات صحيحة لم تُحدَّد بعد."
        assert t_count("feedback.missed", 11) == "11 خيارًا صحيحًا لم يُحدَّد بعد."
        assert t_count("feedback.missed", 100) == "100 right options not ticked yet."  # 'other' not translated
    finally:
        i18n.catalogue.cache_clear()
        translations.clear_caches()
