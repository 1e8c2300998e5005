"""Do country notes on domestic law show up in the real quizzes, are broken notes files reported
line by line like content files, and does a broken file leave every quiz working?"""

from __future__ import annotations

from pathlib import Path

import pytest

from hrdtrain import recording, show
from hrdtrain.bank import default_bank
from hrdtrain.country_notes import ENV_VAR, SHOWN_ON, CountryNotes, check

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "docs" / "examples" / "country-notes-example.yaml"

VALID = """\
country: Testland
prepared_by: Test Rights Network
checked_on: 2026-03-01
notes:
  - item: 3.2-filming-police
    note: "Testland law lets anyone **film police** in public places."
    law: "Testland Police Act 2004, s. 31"
    caution: "Officers often say otherwise."
"""


def write(tmp_path: Path, text: str, name: str = "notes.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def problems_of(path: Path) -> list[str]:
    notes, problems = check(path)
    assert (notes is None) == bool(problems)
    return [str(p) for p in problems]


# --- What a quiz shows ---------------------------------------------------------------------


def test_a_valid_file_shows_its_note_under_the_prompt_of_the_real_widget(tmp_path, monkeypatch):
    monkeypatch.setenv(ENV_VAR, str(write(tmp_path, VALID)))
    w = show("3.2-filming-police")
    html = w.header.value
    prompt_end = html.index("Is it accurate?")
    box = html.index("hrdtrain-country-note")
    assert prompt_end < box, "the note comes under the prompt"
    assert "Note for Testland (prepared by Test Rights Network, checked on 2026-03-01):" in html
    assert "Testland law lets anyone <strong>film police</strong> in public places." in html
    assert "— Testland Police Act 2004, s. 31" in html
    assert "⚠ Caution:</strong> Officers often say otherwise." in html


def test_the_note_is_labelled_in_words_as_local_and_not_from_the_paper(tmp_path, monkeypatch):
    monkeypatch.setenv(ENV_VAR, str(write(tmp_path, VALID)))
    html = show("3.2-filming-police").header.value
    assert "Local note, added for this course: not from the paper, and not legal advice." in html
    assert "role='note'" in html and "aria-label='Local note on the law of Testland'" in html


def test_prepared_by_is_optional(tmp_path, monkeypatch):
    monkeypatch.setenv(ENV_VAR, str(write(tmp_path, VALID.replace("prepared_by: Test Rights Network\n", ""))))
    assert "Note for Testland (checked on 2026-03-01):" in show("3.2-filming-police").header.value


def test_an_item_without_a_note_shows_no_box(tmp_path, monkeypatch):
    monkeypatch.setenv(ENV_VAR, str(write(tmp_path, VALID)))
    assert "hrdtrain-country-note" not in show("3.4-tear-gas").header.value


def test_without_the_variable_no_note_is_shown(monkeypatch):
    monkeypatch.delenv(ENV_VAR, raising=False)
    assert "hrdtrain-country-note" not in show("3.2-filming-police").header.value


@pytest.mark.parametrize("item_type", SHOWN_ON)
def test_every_quiz_type_shows_its_note(item_type, tmp_path, monkeypatch):
    item = next(i for i in default_bank() if i.type == item_type)
    text = f"country: Testland\nchecked_on: 2026-03-01\nnotes:\n  - item: {item.id}\n    note: A note for this quiz.\n    law: Some Act, s. 1\n"
    monkeypatch.setenv(ENV_VAR, str(write(tmp_path, text)))
    assert "A note for this quiz." in show(item.id).header.value


def test_shown_on_names_exactly_the_quiz_widget_types():
    from hrdtrain.widgets import WIDGETS, QuizWidget

    assert set(SHOWN_ON) == {t for t, cls in WIDGETS.items() if issubclass(cls, QuizWidget)}


def test_a_fixed_file_is_read_again_at_the_next_quiz(tmp_path, monkeypatch):
    path = write(tmp_path, VALID.replace("3.2-filming-police", "3.2-filmin-police"))
    monkeypatch.setenv(ENV_VAR, str(path))
    assert "has problems" in show("3.2-filming-police").header.value
    path.write_text(VALID, encoding="utf-8")
    assert "Note for Testland" in show("3.2-filming-police").header.value


# --- A broken file never breaks a quiz -----------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        VALID.replace("3.2-filming-police", "3.2-filmin-police"),
        "country: [unclosed\n",
        "",
        "checked_on: 2026-02-30\n",
        "- just\n- a list\n",
    ],
    ids=["unknown item", "YAML error", "empty", "impossible date", "not a mapping"],
)
def test_a_broken_file_shows_one_line_and_the_quiz_still_works(text, tmp_path, monkeypatch):
    path = write(tmp_path, text)
    monkeypatch.setenv(ENV_VAR, str(path))
    w = show("3.2-filming-police")
    html = w.header.value
    line = f"⚠ The country notes file {path} has problems, so no country notes are shown. Ask your facilitator to run: hrdtrain notes {path}"
    assert line in html
    assert html.count("hrdtrain-country-note") == 1
    w.choice.value = default_bank().get("3.2-filming-police").answer
    w.check_button.click()
    assert "✓ Correct." in w.feedback.value and len(recording.answers()) == 1


def test_a_missing_file_shows_the_same_line(tmp_path, monkeypatch):
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "nowhere.yaml"))
    assert "has problems, so no country notes are shown" in show("3.4-tear-gas").header.value


# --- Problems, worded like `hrdtrain validate` ---------------------------------------------


def test_an_unknown_item_is_reported_with_its_line_and_the_nearest_ids(tmp_path):
    path = write(tmp_path, VALID.replace("3.2-filming-police", "3.2-filmin-police"))
    assert problems_of(path) == [
        f"{path}:5: item '3.2-filmin-police': field 'item': no item '3.2-filmin-police' in the course; "
        "did you mean '3.2-filming-police', '3.2-filming-spain', '3.2-filming-audio-usa'?"
    ]


def test_an_unknown_item_with_nothing_close_points_to_hrdtrain_list(tmp_path):
    path = write(tmp_path, VALID.replace("3.2-filming-police", "zzz"))
    assert problems_of(path) == [f"{path}:5: item 'zzz': field 'item': no item 'zzz' in the course; run `hrdtrain list` to see every item id"]


def test_a_missing_field_names_the_note_and_the_field(tmp_path):
    path = write(tmp_path, VALID.replace('    law: "Testland Police Act 2004, s. 31"\n', ""))
    assert problems_of(path) == [f"{path}:5: item '3.2-filming-police': field 'law': the required field 'law' is missing"]


def test_a_note_without_an_item_is_named_by_its_position(tmp_path):
    path = write(tmp_path, VALID.replace("  - item: 3.2-filming-police\n    note:", "  - note:"))
    assert problems_of(path) == [f"{path}:5: field 'notes[1].item': the required field 'item' is missing"]


def test_a_missing_header_field_is_reported(tmp_path):
    path = write(tmp_path, VALID.replace("checked_on: 2026-03-01\n", ""))
    assert problems_of(path) == [f"{path}:1: field 'checked_on': the required field 'checked_on' is missing"]


def test_a_misspelt_field_gets_a_suggestion(tmp_path):
    path = write(tmp_path, VALID.replace("    law:", "    lwa:"))
    assert problems_of(path) == [
        f"{path}:5: item '3.2-filming-police': field 'law': the required field 'law' is missing",
        f"{path}:7: item '3.2-filming-police': field 'lwa': 'lwa' is not a field a note can have; did you mean 'law'?",
    ]


def test_a_yaml_syntax_error_gives_line_and_column(tmp_path):
    path = write(tmp_path, VALID + "  - item: [3.2-arrest-rights\n")
    assert problems_of(path) == [
        f"{path}:10: YAML syntax error at line 10, column 1: did not find expected ',' or ']' (while parsing a flow sequence)"
    ]


def test_a_date_that_is_not_a_date(tmp_path):
    path = write(tmp_path, VALID.replace("2026-03-01", "1 March 2026"))
    assert problems_of(path) == [
        f"{path}:3: field 'checked_on': '1 March 2026' is not a date; write it as year-month-day, e.g. 2026-03-01"
    ]


def test_an_unquoted_date_that_does_not_exist_does_not_crash(tmp_path):
    path = write(tmp_path, VALID.replace("2026-03-01", "2026-02-30"))
    assert problems_of(path) == [
        f"{path}:3: a date that does not exist (day is out of range for month); write dates as year-month-day, or put the text in quotes"
    ]


def test_a_note_on_a_role_play_is_refused_because_it_would_never_be_seen(tmp_path):
    path = write(tmp_path, VALID.replace("3.2-filming-police", "3.2-roleplay-filming"))
    assert problems_of(path) == [
        f"{path}:5: item '3.2-roleplay-filming': field 'item': '3.2-roleplay-filming' is a scenario, and notes are shown only on "
        "quizzes (judge, choice, sort, hierarchy); attach the note to a quiz item of the same section"
    ]


def test_two_notes_on_one_item_are_refused(tmp_path):
    second = '  - item: 3.2-filming-police\n    note: "Another note on filming."\n    law: "Another Act, s. 2"\n'
    path = write(tmp_path, VALID + second)
    assert problems_of(path) == [
        f"{path}:9: item '3.2-filming-police': field 'item': this item already has a note at line 5; put both in one note"
    ]


def test_every_problem_in_a_file_is_reported_at_once(tmp_path):
    path = write(tmp_path, VALID.replace("3.2-filming-police", "3.2-filmin-police").replace("checked_on: 2026-03-01\n", ""))
    assert len(problems_of(path)) == 2


def test_an_empty_file_and_a_missing_file(tmp_path):
    empty = write(tmp_path, "# only a comment\n")
    assert problems_of(empty) == [f"{empty}: the file is empty; expected 'country', 'checked_on' and 'notes'"]
    missing = tmp_path / "nowhere.yaml"
    assert problems_of(missing) == [f"{missing}: no such file"]


# --- The command and the worked example ----------------------------------------------------


def test_hrdtrain_notes_lists_the_notes_of_a_valid_file(hrdtrain_cli, tmp_path):
    path = write(tmp_path, VALID)
    proc = hrdtrain_cli("notes", str(path))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("OK: 1 note(s) for Testland, prepared by Test Rights Network, checked on 2026-03-01.")
    assert "\n3.2-filming-police\n" in proc.stdout and "  Law: Testland Police Act 2004, s. 31" in proc.stdout
    assert f'{ENV_VAR}="{path}" make lab' in proc.stdout


def test_hrdtrain_notes_prints_every_problem_and_exits_1(hrdtrain_cli, tmp_path):
    path = write(tmp_path, VALID.replace("3.2-filming-police", "3.2-filmin-police"))
    proc = hrdtrain_cli("notes", str(path))
    assert proc.returncode == 1
    assert proc.stderr.splitlines() == [
        f"{path}:5: item '3.2-filmin-police': field 'item': no item '3.2-filmin-police' in the course; "
        "did you mean '3.2-filming-police', '3.2-filming-spain', '3.2-filming-audio-usa'?",
        "1 problem found; the course shows none of these notes until they are fixed.",
    ]
    assert proc.stdout == ""


def test_the_worked_example_is_valid_and_clearly_invented(hrdtrain_cli):
    notes, problems = check(EXAMPLE)
    assert problems == []
    assert "invented" in notes.country
    assert 4 <= len(notes.notes) <= 6
    for note in notes.notes:
        assert note.note.startswith("*Invented example.*"), note.item
        assert "invented" in note.law, note.item
        assert note.caution is None or note.caution.startswith("Invented example"), note.item
    proc = hrdtrain_cli("notes", str(EXAMPLE.relative_to(ROOT)))
    assert proc.returncode == 0, proc.stderr


def test_every_field_of_the_notes_format_is_described():
    from hrdtrain.country_notes import CountryNote

    for model in (CountryNotes, CountryNote):
        assert all(f.description for f in model.model_fields.values()), model.__name__


def test_the_facilitator_guide_names_only_real_commands_and_ids():
    """docs/facilitator-guide.md explains country notes and the workshop tools to non-programmers:
    every `hrdtrain VERB` and every show("ID") it names must exist."""
    import re

    from hrdtrain.cli import VERBS

    guide = (ROOT / "docs" / "facilitator-guide.md").read_text(encoding="utf-8")
    verbs = set(re.findall(r"(?:bin/|`)hrdtrain ([a-z]+)", guide))
    assert verbs and verbs <= set(VERBS), verbs - set(VERBS)
    for item_id in re.findall(r'show\("([^"]+)"', guide):
        default_bank().get(item_id)
    assert "country-notes-example.yaml" in guide and EXAMPLE.exists()
