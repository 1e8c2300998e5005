"""Does the workshop's logic, without any widget, check drafts, keep the own text private,
write the report, and refuse to overwrite files?"""

from __future__ import annotations

import json

import pytest

from hrdtrain.bank import default_bank
from hrdtrain.scoring import AnswerError, score
from hrdtrain.statement_check import check_draft, find_pitfalls
from hrdtrain.text_files import SaveError, clean_file_name, free_file_name, save_report

SECRET = "Maria Quintana, a 23-year-old nurse from Eastbank, was hit. Police used tear gas on Eastbank Road, a weapon prohibited even in war."


@pytest.fixture
def item():
    return default_bank().get("3.4-statement-tear-gas")


def test_matching_ignores_case_curly_quotes_and_line_breaks(item):
    ids = [f.pitfall.id for f in find_pitfalls(item.pitfalls, "TEAR GAS IS\nBANNED, and\u00a0we\u2019re told it\u2019s \u201cprohibited even\n in war\u201d")]
    assert ids == ["tear-gas-banned-in-war", "tear-gas-banned-outright"]


def test_a_flag_quotes_the_passage_that_triggered_it(item):
    (flag,) = find_pitfalls(item.pitfalls, "Officers deliberately aimed at us.")
    assert flag.pitfall.id == "intent-unknowable" and flag.found == ("deliberately",)


def test_the_recorded_result_names_sentences_and_pitfalls_but_never_the_own_text(item):
    result = check_draft(item, {"facts": "verified-account"}, SECRET).result()
    assert result.answer == {
        "sentences": {p.id: ("verified-account" if p.id == "facts" else None) for p in item.paragraphs},
        "flagged": ["tear-gas-banned-in-war", "identifies-person"],
    }
    dumped = json.dumps(result.to_dict(), ensure_ascii=False)
    for piece in ("Quintana", "23-year-old", "Eastbank", "nurse"):
        assert piece not in dumped


def test_score_counts_use_as_one_care_as_half_avoid_and_flags_as_zero(item):
    draft = check_draft(item, {"facts": "verified-account", "unverified": "hedged-mention", "legal": "banned-in-war"}, "They always lie, as they always do.")
    result = draft.result()
    assert result.score == pytest.approx((1 + 0.5 + 0 + 0) / 4)
    assert result.correct is False


def test_a_draft_of_only_sound_sentences_and_clean_own_text_is_correct(item):
    result = check_draft(item, {"facts": "verified-account", "legal": "limits-breached"}, "We will publish our full report next week.").result()
    assert result.correct is True and result.score == 1.0


def test_scoring_score_works_for_statement_items_and_drops_the_text(item):
    result = score(item, {"sentences": {"legal": "notice-late"}, "text": SECRET})
    assert result.item_type == "statement" and "text" not in result.answer
    assert [p.id for p in result.parts][:1] == ["legal.notice-late"]


@pytest.mark.parametrize(
    "answer, message",
    [
        ({"sentences": {"nope": "x"}}, "no paragraph 'nope'"),
        ({"sentences": {"facts": "nope"}}, "paragraph 'facts' has no sentence 'nope'"),
        ({"facts": "verified-account"}, "expected {'sentences'"),
    ],
)
def test_an_answer_that_does_not_fit_is_an_answer_error(item, answer, message):
    with pytest.raises(AnswerError, match=message.replace("(", r"\(").replace("{", r"\{")):
        item.score(answer)


def test_the_statement_is_the_chosen_sentences_in_paragraph_order_then_the_own_text(item):
    draft = check_draft(item, {"demands": "may-discretion", "facts": "verified-account"}, "  Our own closing line.  ")
    assert draft.statement().split("\n\n") == [
        item.paragraph("facts").candidate("verified-account").text,
        item.paragraph("demands").candidate("may-discretion").text,
        "Our own closing line.",
    ]


def test_the_report_holds_disclaimer_statement_feedback_flags_and_sources(item):
    report = check_draft(item, {"legal": "banned-in-war"}, "Tear gas is banned even in war.").report()
    assert "This is a checklist, not legal advice." in report
    assert "Tear gas is a weapon prohibited even in war; using it against protesters is therefore illegal." in report
    assert "4. Legal assessment: ✗ Avoid" in report
    assert "Legal accuracy: ✗ legally inaccurate." in report
    assert "Domestic law or international standards: ✗ mixes up legal frameworks." in report
    assert "⚠ Tear gas \"prohibited even in war\"" in report
    assert "Source: paper §3.4" in report
    assert "1. What happened: left out" in report


def test_save_report_writes_the_file_and_never_overwrites(tmp_path):
    path = save_report("first", tmp_path, "draft")
    assert path == tmp_path / "draft.txt" and path.read_text(encoding="utf-8") == "first"
    with pytest.raises(FileExistsError):
        save_report("second", tmp_path, "draft.txt")
    assert path.read_text(encoding="utf-8") == "first"


def test_free_file_name_counts_up_past_existing_files(tmp_path):
    (tmp_path / "s.txt").write_text("x")
    (tmp_path / "s-2.txt").write_text("x")
    assert free_file_name(tmp_path, "s.txt") == "s-3.txt"
    assert free_file_name(tmp_path, "t.txt") == "t.txt"


@pytest.mark.parametrize("name", ["", "   ", "../x.txt", "sub/x.txt", "a\\b.txt", ".hidden"])
def test_a_file_name_with_a_folder_or_no_name_is_refused(name):
    with pytest.raises(SaveError, match="without any folder"):
        clean_file_name(name)
