"""Translations (issue 18): do they overlay text only, are they reported, checked, shown in the
learner's language (right to left in Arabic), and do the generated notebooks keep the English
structure?"""

from __future__ import annotations

import json
import subprocess
import shutil
from pathlib import Path

import pytest

from hrdtrain import i18n, translated_notebooks, translations
from hrdtrain.bank import default_bank
from hrdtrain.schema.quiz import VERDICTS
from hrdtrain.scoring import score

ROOT = Path(__file__).resolve().parents[2]
LANGUAGES = ("en", "es", "ar")


@pytest.fixture
def language(monkeypatch):
    """Sets the learner's language for one test (HRDTRAIN_LANG), with fresh caches."""

    def use(code: str) -> None:
        monkeypatch.setenv("HRDTRAIN_LANG", code)
        translations.clear_caches()

    yield use
    translations.clear_caches()


# ------------------------------------------------------------------ scores never depend on words


def answers_for(item) -> list:
    """Every answer worth trying on `item`, the same in every language (ids only)."""
    if item.type == "judge":
        return list(VERDICTS)
    if item.type == "choice":
        ids = [o.id for o in item.options]
        if item.multiple:
            return [[i] for i in ids] + [sorted(item.correct_ids), ids]
        return ids
    if item.type == "sort":
        return [{s.id: s.category for s in item.statements}, {s.id: item.categories[0].id for s in item.statements}]
    if item.type == "hierarchy":
        return [{"goal": g.id, "level": lv.id} for g in item.goals for lv in item.levels]
    if item.type == "scenario":
        paths, todo = [], [[]]
        while todo and len(paths) < 60:
            path = todo.pop(0)
            paths.append(path)
            scene = item.where(path)
            todo += [path + [c.id] for c in scene.choices or []]
        return paths
    if item.type == "statement":
        drafts = [{"sentences": {p.id: p.candidates[min(n, len(p.candidates) - 1)].id for p in item.paragraphs}, "text": ""} for n in range(6)]
        return drafts + [{"sentences": {item.paragraphs[0].id: None}, "text": ""}]
    return []  # an engagement plan has no score


def outcome(result) -> tuple:
    """What of a Result may not depend on the language: everything but its words."""
    return (result.item_id, result.item_type, json.dumps(result.answer, sort_keys=True), result.correct, result.score, result.missed,
            [(p.id, p.chosen, p.correct) for p in result.parts], result.source)


def marked(item, tag: str):
    """`item` with every translatable text changed (as a translation would), patterns kept."""
    texts = {path: f"[{tag}] {text}" for path, text in translations.text_fields(item) if isinstance(text, str)}
    return translations.apply(item, texts), len(texts)


def test_every_item_scores_the_same_whatever_its_text_and_in_es_and_ar():
    bank = default_bank()
    checked = 0
    for item_id in bank.items:
        english = bank.get(item_id)
        if english.type == "plan":
            continue
        versions = [translations.localise(english, lang, bank=bank) for lang in ("es", "ar")]
        overlaid, n = marked(english, "xx")
        assert n > 0, item_id
        if english.type == "hierarchy" and english.id != overlaid.id:
            overlaid = overlaid.goal_item(english.id)
        assert overlaid.title != english.title  # the overlay really changed the words
        for answer in answers_for(english):
            expected = outcome(score(english, answer))
            for other in (overlaid, *versions):
                assert outcome(score(other, answer)) == expected, (item_id, answer)
            checked += 1
    assert checked > 1000


def test_a_translation_cannot_name_an_answer_key_or_an_id():
    item = default_bank().get("3.4-tear-gas")
    paths = dict(translations.text_fields(item))
    assert "answer" not in paths and "id" not in paths and "source" not in paths
    assert set(paths) == {"title", "prompt", "key_point", "statement", "feedback.accurate", "feedback.inaccurate", "feedback.depends"}
    choice = dict(translations.text_fields(default_bank().get("3.4-tear-gas-conditions")))
    assert "options[dispersal-only].text" in choice and "options[dispersal-only].id" not in choice


# ------------------------------------------------------------------ the report and the template


def test_the_report_counts_translated_missing_and_stale_and_the_template_keeps_translations(tmp_path):
    root = tmp_path / "translations"
    report = translations.template("es", section="interface", root=root)
    assert "es/locales/quiz.yaml" in report.written and "es/self_assessment.yaml" in report.written
    quiz = root / "es" / "locales" / "quiz.yaml"
    data = json.loads(json.dumps(translations.read_translation(quiz)[0]))
    entries = data["entries"]["strings"]
    entries["check"]["text"] = "Comprobar"
    entries["verdict.accurate"]["text"] = "Exacta"
    entries["verdict.accurate"]["hash"] = translations.text_hash("Correct")  # made from an older English
    entries["verdict.accurate"]["english"] = "Correct"
    quiz.write_text(translations._yaml_dump(data), encoding="utf-8")

    status = translations.status("es", root=root)
    assert status.per_file["locales/quiz.yaml"][1:] == (2, len(entries) - 2, 1)  # translated, missing, stale
    assert ("es/locales/quiz.yaml", "strings", "verdict.accurate") in status.stale
    assert ("es/locales/quiz.yaml", "strings", "verdict.inaccurate") in status.missing
    assert status.translated == 2 and 0 < status.share < 0.01

    again = translations.template("es", section="interface", root=root)
    assert again.kept == 1 and again.marked_stale == 1
    entry = translations.read_translation(quiz)[0]["entries"]["strings"]["verdict.accurate"]
    assert entry["text"] == "Exacta" and entry["english"] == "Accurate" and entry["english_before"] == "Correct" and "stale" in entry
    assert entry["hash"] == translations.text_hash("Accurate")
    assert ("es/locales/quiz.yaml", "strings", "verdict.accurate") in translations.status("es", root=root).stale  # still, until reviewed

    # The translator reviews it and deletes the stale mark: no longer stale.
    text = quiz.read_text(encoding="utf-8")
    cleaned = "\n".join(line for line in text.splitlines() if "stale:" not in line and "english_before:" not in line) + "\n"
    quiz.write_text(cleaned, encoding="utf-8")
    assert translations.status("es", root=root).stale == []


def test_the_shipped_languages_are_reported(hrdtrain_cli):
    proc = hrdtrain_cli("translations", "es", "ar")
    assert proc.returncode == 0, proc.stderr
    assert "es (Español):" in proc.stdout and "ar (العربية):" in proc.stdout and "missing" in proc.stdout and "stale" in proc.stdout
    assert hrdtrain_cli("translations", "es", "--check").returncode == (1 if translations.status("es").missing else 0)


@pytest.mark.parametrize("language", ["es", "ar"])
def test_spanish_and_arabic_are_complete_and_nothing_is_stale(hrdtrain_cli, language):
    """Issue 18: a half-translated course is worse than none. Every learner-facing text of the
    English has a translation made from its current English; an English change fails this until
    the translation is looked at (hrdtrain translations template LANG, then fix what is stale)."""
    proc = hrdtrain_cli("translations", language, "--check", "--list")
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr
    assert "100.0% translated" in proc.stdout and ", 0 missing, 0 stale" in proc.stdout


# ------------------------------------------------------------------ validation


def test_validate_names_the_file_item_and_field_of_what_is_wrong(tmp_path, hrdtrain_cli):
    root = tmp_path / "translations"
    translations.template("ar", section="3", root=root)
    workshop = root / "ar" / "workshops" / "3.4-statement-tear-gas.yaml"
    data = translations.read_translation(workshop)[0]
    item = data["entries"]["3.4-statement-tear-gas"]
    item["pitfalls[tear-gas-banned-in-war].patterns"]["text"] = ["(محظور"]
    item["answer"] = {"english": "x", "hash": "0", "text": "b"}
    data["entries"]["3.4-tear-gass"] = {"title": {"english": "x", "hash": "0", "text": "عنوان"}}
    workshop.write_text(translations._yaml_dump(data), encoding="utf-8")
    quiz = root / "ar" / "03_police_enforcing_the_law.yaml"
    data = translations.read_translation(quiz)[0]
    data["entries"]["3.4-tear-gas"]["feedback.sometimes"] = {"english": "x", "hash": "0", "text": "نص طويل بما يكفي"}
    data["entries"]["3.4-tear-gas"]["feedback.accurate"]["text"] = "قصير"  # too short for the content model
    quiz.write_text(translations._yaml_dump(data), encoding="utf-8")
    (root / "ar" / "99_nothing.yaml").write_text("language: ar\nentries: {}\n", encoding="utf-8")

    proc = hrdtrain_cli("validate", str(root / "ar"))
    assert proc.returncode == 1
    lines = proc.stderr.splitlines()
    shown = "translations/ar/workshops/3.4-statement-tear-gas.yaml:"

    def line_with(*parts: str) -> str:
        found = [line for line in lines if all(p in line for p in parts)]
        assert found, (parts, proc.stderr)
        return found[0]

    line_with(shown, "item '3.4-tear-gass'", "has no item '3.4-tear-gass'", "did you mean '3.4-statement-tear-gas'")
    line_with(shown, "item '3.4-statement-tear-gas'", "field 'answer'", "are not translated")
    line_with(shown, "field 'pitfalls[tear-gas-banned-in-war].patterns'", "is not a valid regular expression")
    line_with("03_police_enforcing_the_law.yaml:", "item '3.4-tear-gas'", "field 'feedback.accurate'", "too short")
    line_with("03_police_enforcing_the_law.yaml:", "item '3.4-tear-gas'", "field 'feedback.sometimes'", "did you mean 'feedback.")
    line_with("99_nothing.yaml", "translates no English file")


def test_a_translated_pitfall_must_flag_its_own_examples_in_its_language(tmp_path):
    root = tmp_path / "translations"
    translations.template("es", section="3", root=root)
    path = root / "es" / "workshops" / "3.4-statement-tear-gas.yaml"
    data = translations.read_translation(path)[0]
    entries = data["entries"]["3.4-statement-tear-gas"]
    entries["pitfalls[tear-gas-banned-in-war].patterns"]["text"] = [r"\bincluso en (la )?guerra\b"]
    entries["pitfalls[tear-gas-banned-in-war].examples.flags"]["text"] = ["Usaron gas lacrimógeno, prohibido hasta en tiempos de guerra."]
    path.write_text(translations._yaml_dump(data), encoding="utf-8")
    problems = [str(p) for p in translations.validate(root)]
    assert any("pitfalls[tear-gas-banned-in-war]" in p and "does not flag its own example" in p for p in problems), problems

    entries["pitfalls[tear-gas-banned-in-war].examples.flags"]["text"] = ["Usaron gas lacrimógeno, un arma prohibida incluso en la guerra."]
    path.write_text(translations._yaml_dump(data), encoding="utf-8")
    assert translations.validate(root) == []


def test_the_shipped_translations_are_valid():
    assert [str(p) for p in translations.validate()] == []


# ------------------------------------------------------------------ what the learner sees


def test_arabic_widgets_and_their_html_are_right_to_left(language):
    from hrdtrain import show
    from hrdtrain.progress import dashboard_html, summary

    language("ar")
    quiz = show("3.4-tear-gas")
    assert "hrdtrain-rtl" in quiz._dom_classes and "hrdtrain-lang-ar" in quiz._dom_classes
    assert "<div lang='ar' dir='rtl'><h4 class='hrdtrain-title'>منشور الغاز المسيل للدموع</h4>" in quiz.header.value
    assert quiz.check_button.description == "تحقّق"
    quiz.choice.value = "inaccurate"
    quiz.check_button.click()
    assert "lang='ar' dir='rtl'" in quiz.feedback.value and "✓ صحيح." in quiz.feedback.value
    assert "ليس غير مشروع في حد ذاته" in quiz.feedback.value  # the translated key point

    role_play = show("3.2-roleplay-filming")  # Arabic words and layout
    assert "hrdtrain-rtl" in role_play._dom_classes
    assert "dir='rtl'" in role_play.header.value and role_play.decide_button.description == "قرّر"
    page = dashboard_html(summary([], default_bank()))
    assert page.startswith("<div class='hrdtrain-progress' lang='ar' dir='rtl'>")


def test_spanish_is_left_to_right_and_english_fills_what_is_not_translated(language, monkeypatch):
    from hrdtrain import show

    language("es")
    quiz = show("3.4-tear-gas")
    assert "hrdtrain-rtl" not in quiz._dom_classes and "hrdtrain-lang-es" in quiz._dom_classes
    assert "<div lang='es' dir='auto'><h4 class='hrdtrain-title'>La publicación sobre el gas lacrimógeno</h4>" in quiz.header.value
    # An item whose translation is missing (as after an English addition): the English, with Spanish controls.
    compiled = translations.language_data("es")
    without = {**compiled, "items": {k: v for k, v in compiled["items"].items() if k != "3.4-tear-gas-conditions"}}
    def language_data(code: str):
        return without if code == "es" else compiled

    language_data.cache_clear = lambda: None  # clear_caches() at the end of the test
    monkeypatch.setattr(translations, "language_data", language_data)
    translations._localised.clear()
    other = show("3.4-tear-gas-conditions")
    assert "When may police use tear gas?" in other.header.value and other.check_button.description == "Comprobar"


def test_an_unknown_language_falls_back_to_english(language):
    language("xx")
    assert i18n.current_language() == "en" and i18n.t("check") == "Check"
    with pytest.raises(ValueError, match="not a language of the course"):
        i18n.set_language("klingon")


# ------------------------------------------------------------------ notebooks per language


def test_the_generated_notebooks_are_committed_as_the_generator_makes_them():
    stale = [str(p.relative_to(ROOT)) for p, text in translated_notebooks.expected().items() if not p.is_file() or p.read_text(encoding="utf-8") != text]
    assert stale == [], "run: hrdtrain translations notebooks"


@pytest.mark.parametrize("lang", ["es", "ar"])
def test_each_language_has_every_notebook_with_the_english_cells_in_the_same_places(lang):
    for english in translated_notebooks.english_notebooks():
        ours = json.loads((english.parent / lang / english.name).read_text(encoding="utf-8"))
        theirs = json.loads(english.read_text(encoding="utf-8"))
        assert [(c["id"], c["cell_type"]) for c in ours["cells"]] == [(c["id"], c["cell_type"]) for c in theirs["cells"]], english.name
        code = [("".join(a["source"]), "".join(b["source"])) for a, b in zip(ours["cells"], theirs["cells"]) if a["cell_type"] == "code"]
        setup, *rest = code
        assert all(a == b for a, b in rest), english.name  # every show() cell as in English
        assert f'set_language("{lang}")' in setup[0] and setup[0].replace(", set_language", "").replace(f'set_language("{lang}")\n', "") == setup[1]


def test_a_drifted_notebook_is_caught(tmp_path):
    english = translated_notebooks.english_notebooks()[0]
    made = translated_notebooks.generate(english, "ar")
    committed = (english.parent / "ar" / english.name).read_text(encoding="utf-8")
    assert translated_notebooks.dumps(made) == committed
    made["cells"].insert(3, made["cells"].pop(1))  # someone moved a cell by hand
    assert translated_notebooks.dumps(made) != committed


def test_notebook_00_speaks_its_language():
    start = json.loads((ROOT / "notebooks" / "ar" / "00_start_here.ipynb").read_text(encoding="utf-8"))
    assert start["cells"][0]["source"][0].startswith("# ابدأ من هنا")
    start = json.loads((ROOT / "notebooks" / "es" / "00_start_here.ipynb").read_text(encoding="utf-8"))
    assert start["cells"][0]["source"][0].startswith("# Empiece aquí")


@pytest.mark.parametrize("lang", ["es", "ar"])
def test_notebook_00_runs_in_a_kernel_and_shows_its_quiz_in_its_language(lang, tmp_path):
    import nbformat
    from nbclient import NotebookClient

    source = ROOT / "notebooks" / lang / "00_start_here.ipynb"
    shutil.copy(source, tmp_path / source.name)
    nb = nbformat.read(tmp_path / source.name, as_version=4)
    NotebookClient(nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}).execute()
    shown = json.dumps([o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])], ensure_ascii=False)
    assert "Traceback" not in shown
    title = {"es": "La publicación sobre el gas lacrimógeno", "ar": "منشور الغاز المسيل للدموع"}[lang]
    widget_views = [o for c in nb.cells if c.cell_type == "code" and 'show("3.4-tear-gas")' in c.source for o in c.outputs]
    assert widget_views, "the quiz cell shows a widget"
    state = json.dumps(nb.metadata.get("widgets", {}), ensure_ascii=False)
    assert title in state and (f"lang='{lang}'" in state)


# ------------------------------------------------------------------ choosing the language


def make_dry_run(target: str, *variables: str) -> subprocess.CompletedProcess:
    return subprocess.run(["make", "-n", target, *variables], cwd=ROOT, capture_output=True, text=True, timeout=60)


def test_make_lab_and_quiz_take_course_lang_and_refuse_lang():
    lab = make_dry_run("lab", "COURSE_LANG=ar")
    assert lab.returncode == 0, lab.stderr
    assert 'HRDTRAIN_LANG="ar"' in lab.stdout and "--LabApp.default_url=/lab/tree/notebooks/ar/00_start_here.ipynb" in lab.stdout
    quiz = make_dry_run("quiz", "COURSE_LANG=es")
    assert 'HRDTRAIN_LANG="es"' in quiz.stdout and "-m hrdtrain.quiz_server notebooks/es/" in quiz.stdout
    assert "HRDTRAIN_LANG" not in make_dry_run("lab").stdout
    wrong = make_dry_run("lab", "LANG=es")
    assert wrong.returncode != 0 and "COURSE_LANG=es" in wrong.stderr
    assert make_dry_run("lab", "COURSE_LANG=fr").returncode != 0


def test_hrdtrain_start_lang_opens_the_language_notebook_and_sets_it_for_the_kernels():
    from hrdtrain import desktop
    from hrdtrain.cli import build_parser
    from hrdtrain.course_files import start_notebook

    args = build_parser().parse_args(["start", "--lang", "ar", "--no-browser"])
    assert args.lang == "ar"
    assert start_notebook("ar") == "notebooks/ar/00_start_here.ipynb" and start_notebook(None) == "notebooks/00_start_here.ipynb"
    assert desktop._language_environment("es") == {"HRDTRAIN_LANG": "es"} and desktop._language_environment(None) == {}
    with pytest.raises(SystemExit):
        build_parser().parse_args(["quiz", "--lang", "fr"])


def test_an_arabic_progress_chart_draws_every_glyph(monkeypatch):
    """my_progress() in Arabic: the chart's titles, labels and legend are in Arabic, and matplotlib
    (>= 3.11 shapes Arabic itself) finds a glyph for every letter: no 'Glyph missing' warning."""
    import io
    import warnings

    from hrdtrain.bank import default_bank
    from hrdtrain.i18n import t, using_language
    from hrdtrain.progress import progress_figure, summary

    with using_language("ar"), warnings.catch_warnings():
        warnings.simplefilter("error")
        fig = progress_figure(summary([], default_bank()))
        fig.savefig(io.BytesIO(), format="png")
        texts = [a.get_title() for a in fig.axes] + [a.get_xlabel() for a in fig.axes]
        assert t("dashboard.chart.per_notebook") in texts and any("\u0600" <= ch <= "\u06ff" for ch in t("dashboard.chart.per_notebook"))
