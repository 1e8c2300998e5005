"""Does the shipped bank validate, and does every kind of broken content get its own clear message?"""

from __future__ import annotations

from pathlib import Path

import pytest

from hrdtrain.bank import CONTENT_DIR, ContentError, UnknownItemError, default_bank, load

BROKEN = Path(__file__).parent / "broken"

# fixture file -> the exact problem line `hrdtrain validate` must print for it (paths relative to the repo root)
EXPECTED = {
    "missing_field.yaml": "missing_field.yaml:4: item '3.4-sample': field 'key_point': the required field 'key_point' is missing",
    "duplicate_id.yaml": "duplicate_id.yaml:18: item '3.4-sample': field 'id': duplicate id: '3.4-sample' is already used at tests/content/broken/duplicate_id.yaml:4",
    "answer_names_no_option.yaml": "answer_names_no_option.yaml:18: item '3.2-sample-choice': field 'answer': 'c' names no option (options are a, b)",
    "unknown_tag.yaml": "unknown_tag.yaml:8: item '3.4-sample': field 'tags[2]': unknown tag 'lawe'; expected law, attitude or communication",
    "yaml_syntax.yaml": "yaml_syntax.yaml:11: YAML syntax error at line 11, column 24: mapping values are not allowed in this context",
    "unknown_type.yaml": "unknown_type.yaml:5: item '3.4-sample': field 'type': unknown item type 'quiz'; expected one of: judge, choice, sort",
    "bad_verdict.yaml": "bad_verdict.yaml:12: item '3.4-sample': field 'answer': 'maybe' is not allowed here; expected 'accurate', 'inaccurate' or 'depends'",
    "bad_source.yaml": "bad_source.yaml:7: item '3.4-sample': field 'source': 'my notes' does not cite a source document",
    "misspelt_field.yaml": "misspelt_field.yaml:14: item '3.4-sample': field 'feedbak': 'feedbak' is not a field this item can have; did you mean 'feedback'?",
    "section_outside_file.yaml": "section_outside_file.yaml:6: item '3.4-sample': field 'section': '4.2' is not inside this file's section 3",
    "sort_category.yaml": "sort_category.yaml:23: item '3.4-sample-sort': field 'statements[2].category': 'shall' names no category (categories are may, must)",
    "yaml_boolean_id.yaml": "yaml_boolean_id.yaml:15: item '3.2-sample-choice': field 'options[2].id': expected text, got false: YAML reads yes, no, on, off, true and false as true/false; put the word in quotes",
    "empty.yaml": "empty.yaml: the file is empty; expected 'section', 'title' and 'items'",
}


def test_every_shipped_content_file_validates():
    bank, problems = load(None)
    assert [str(p) for p in problems] == []
    assert len(bank) > 0
    assert {p.name for p in CONTENT_DIR.glob("*.yaml")}, "no content files shipped"


def test_section_3_has_at_least_25_items_covering_every_subsection():
    bank = default_bank()
    sec3 = [i for i in bank if i.section.split(".")[0] == "3"]
    assert len(sec3) >= 25
    assert {i.section for i in sec3} >= {"3.1", "3.2", "3.3", "3.4", "3.5"}
    assert {i.type for i in sec3} >= {"judge", "choice", "sort"}


def test_the_tear_gas_statement_is_keyed_inaccurate():
    item = default_bank().get("3.4-tear-gas")
    assert item.type == "judge" and item.answer == "inaccurate"
    assert "not unlawful from the outset" in item.feedback.inaccurate


def test_every_broken_fixture_has_an_expected_message():
    assert {p.name for p in BROKEN.glob("*.yaml")} == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_broken_file_gives_its_specific_message(name, monkeypatch):
    monkeypatch.chdir(Path(__file__).parents[2])
    _, problems = load([BROKEN / name])
    lines = [str(p) for p in problems]
    assert any(line.startswith(f"tests/content/broken/{EXPECTED[name]}") for line in lines), lines


def test_validate_reports_every_problem_of_a_folder_and_exits_1_without_traceback(hrdtrain_cli):
    proc = hrdtrain_cli("validate", "tests/content/broken")
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    for expected in EXPECTED.values():
        assert expected.split(":")[0] in proc.stderr
    assert "problems found" in proc.stderr


def test_a_missing_path_is_reported_not_crashed_on(tmp_path):
    _, problems = load([tmp_path / "nope.yaml"])
    assert [p.message for p in problems] == ["no such file or folder"]


def test_a_file_that_is_not_utf8_is_reported(tmp_path):
    bad = tmp_path / "latin1.yaml"
    bad.write_bytes("section: '3'\ntitle: 'Caf\xe9'\nitems: []\n".encode("latin-1"))
    _, problems = load([bad])
    assert "is not UTF-8 text" in problems[0].message


def test_a_valid_item_in_a_broken_file_is_still_loaded(monkeypatch):
    monkeypatch.chdir(Path(__file__).parents[2])
    bank, problems = load([BROKEN / "duplicate_id.yaml"])
    assert len(problems) == 1 and "3.4-sample" in bank.items


def test_unknown_id_suggests_the_nearest_ids():
    with pytest.raises(UnknownItemError) as err:
        default_bank().get("3.4-tear-gaz")
    assert "3.4-tear-gas" in err.value.suggestions
    assert "Did you mean '3.4-tear-gas'" in str(err.value)
    # In a notebook IPython shows this one line instead of a traceback.
    assert err.value._render_traceback_() == [f"UnknownItemError: {err.value}"]


def test_content_error_lists_every_problem(monkeypatch):
    monkeypatch.chdir(Path(__file__).parents[2])
    _, problems = load([BROKEN])
    err = ContentError(problems, headline="Broken")
    assert str(err).splitlines()[0] == "Broken" and len(str(err).splitlines()) == len(problems) + 1


def test_an_unquoted_date_that_does_not_exist_is_a_problem_with_its_line_not_a_crash(tmp_path):
    path = tmp_path / "03_dates.yaml"
    path.write_text('section: "3"\ntitle: 2026-02-30\nitems: []\n', encoding="utf-8")
    _bank, problems = load([path])
    assert [(p.line, p.message) for p in problems] == [
        (2, "a date that does not exist (day is out of range for month); write dates as year-month-day, or put the text in quotes")
    ]
