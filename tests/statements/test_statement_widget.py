"""Does the statement workshop, clicked like a learner would, show feedback on every chosen
sentence and every pitfall, record drafts without the own text, and save without overwriting?"""

from __future__ import annotations

import html
import json
import re

import ipywidgets as widgets
import pytest

from hrdtrain import recording, show
from hrdtrain.bank import default_bank

ITEM = "3.4-statement-tear-gas"




def visible(w: widgets.HTML) -> str:
    """The text a learner reads in an HTML widget: tags stripped, entities decoded."""
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", w.value)))


def test_the_checklist_disclaimer_is_on_screen_before_anything_is_checked():
    w = show(ITEM)
    assert "This is a checklist, not legal advice." in visible(w.header)


def test_each_paragraph_is_a_labelled_choice_of_its_candidate_sentences_and_leave_out():
    item = default_bank().get(ITEM)
    w = show(ITEM)
    for n, para in enumerate(item.paragraphs, start=1):
        radio = w.choices[para.id]
        assert radio.description == f"{n}. {para.label}"
        assert radio.value is None
        assert [label for label, _ in radio.options] == ["— leave this paragraph out —"] + [c.text for c in para.candidates]
    assert w.free_text.description == "Your own sentences (optional)"


def test_checking_shows_verdict_feedback_checks_and_source_for_each_chosen_sentence():
    w = show(ITEM)
    w.choices["legal"].value = "banned-in-war"
    w.choices["people"].value = "student-anonymous"
    w.check_button.click()
    text = visible(w.feedback)
    assert "2 sentences chosen: 1 to use, 0 to use with care, 1 to avoid." in text
    assert "4. Legal assessment — ✗ Avoid" in text
    assert "The paper uses this very claim as its example of a legally wrong statement" in text
    assert "Legal accuracy: ✗ legally inaccurate." in text
    assert "Domestic law or international standards: ✗ mixes up legal frameworks." in text
    assert "5. The people involved — ✓ Use" in text
    assert "Who can be identified: ✓ identifies nobody." in text
    assert "Reprisal risk: ✓ lowers the risk of reprisals." in text
    assert "Source: paper §3.2; HRD safety guide" in text
    assert "1. What happened : left out" in text


def test_a_pitfall_in_the_own_text_is_flagged_with_its_explanation_a_better_wording_and_its_source():
    w = show(ITEM)
    w.free_text.value = "We accept that police had to disperse the march."
    w.check_button.click()
    text = visible(w.feedback)
    assert "1 possible pitfall found in your own text." in text
    assert '⚠ A "may" turned into a "must"' in text
    assert "Found: “police had to disperse”" in text
    assert "Laws often say that police \"may\" disperse" in text
    assert "Said accurately, for example: The law says police may disperse" in text
    assert "Source: paper §3.4" in text


def test_legally_accurate_own_text_is_not_flagged():
    w = show(ITEM)
    w.free_text.value = "Under domestic law the notice was given late; under international standards, failing to notify does not by itself make an assembly unlawful."
    w.check_button.click()
    assert "No known pitfall found in your own sentences." in visible(w.feedback)
    assert "⚠" not in visible(w.feedback)


def test_leaving_a_paragraph_out_explicitly_counts_as_no_sentence():
    w = show(ITEM)
    w.choices["facts"].value = "-"
    w.check_button.click()
    assert "Choose at least one sentence" in visible(w.feedback)
    w.choices["demands"].value = "may-discretion"
    w.check_button.click()
    assert "1. What happened : left out" in visible(w.feedback)


def test_checking_an_empty_draft_asks_for_one_and_records_nothing():
    w = show(ITEM)
    w.free_text.value = "   "
    w.check_button.click()
    assert "Choose at least one sentence or write something of your own" in visible(w.feedback)
    assert recording.answers() == [] and w.checks == 0


def test_every_checked_draft_is_recorded_with_sentences_and_flags_but_without_the_own_text():
    w = show(ITEM)
    w.choices["facts"].value = "verified-account"
    w.free_text.value = "Lena Aziz, a 19-year-old student, was hit by Officer 2417."
    w.check_button.click()
    w.free_text.value = ""
    w.check_button.click()
    got = recording.answers()
    assert [(a["item_id"], a["item_type"], a["attempt"]) for a in got] == [(ITEM, "statement", 1), (ITEM, "statement", 2)]
    assert got[0]["answer"]["sentences"]["facts"] == "verified-account"
    assert got[0]["answer"]["flagged"] == ["identifies-person", "identifies-officer"]
    assert got[1]["answer"]["flagged"] == []
    dumped = json.dumps(got, ensure_ascii=False)
    assert "Lena" not in dumped and "19-year-old" not in dumped and "2417" not in dumped


def test_the_checked_statement_appears_as_plain_text_in_a_read_only_box_to_copy():
    w = show(ITEM)
    assert "Press Check" in visible(w.copy_box)
    w.choices["facts"].value = "verified-account"
    w.free_text.value = "We will publish our full report next week & invite comment."
    w.check_button.click()
    box = w.copy_box.value
    assert "<textarea readonly" in box and "aria-label='Your statement, as plain text (read-only)'" in box
    inside = html.unescape(re.search(r"<textarea[^>]*>(.*)</textarea>", box, re.S).group(1))
    item = default_bank().get(ITEM)
    assert inside == item.paragraph("facts").candidate("verified-account").text + "\n\nWe will publish our full report next week & invite comment."


def test_saving_writes_the_statement_with_its_feedback_and_reports_the_file(tmp_path):
    w = show(ITEM, folder=tmp_path)
    w.choices["legal"].value = "limits-breached"
    w.free_text.value = "Police deliberately targeted medics."
    w.check_button.click()
    w.save_button.click()
    path = tmp_path / f"statement-{ITEM}.txt"
    assert f"Saved the statement and its feedback as statement-{ITEM}.txt in {tmp_path}." in visible(w.save_status)
    saved = path.read_text(encoding="utf-8")
    assert "This is a checklist, not legal advice." in saved
    assert "Police deliberately targeted medics." in saved
    assert "4. Legal assessment: ✓ Use" in saved
    assert "⚠ Intent or orders that an observer cannot know" in saved
    assert len(recording.answers()) == 1  # saving a draft already checked records nothing new


def test_saving_never_overwrites_and_offers_a_free_name(tmp_path):
    existing = tmp_path / "mine.txt"
    existing.write_text("my earlier draft", encoding="utf-8")
    w = show(ITEM, folder=tmp_path)
    w.choices["facts"].value = "verified-account"
    w.file_name.value = "mine"
    w.save_button.click()
    assert existing.read_text(encoding="utf-8") == "my earlier draft"
    assert f"Not saved: a file named mine.txt already exists in {tmp_path}" in visible(w.save_status)
    assert w.file_name.value == "mine-2.txt"
    w.save_button.click()
    assert "Saved the statement and its feedback as mine-2.txt" in visible(w.save_status)
    assert "THE STATEMENT" in (tmp_path / "mine-2.txt").read_text(encoding="utf-8")
    assert existing.read_text(encoding="utf-8") == "my earlier draft"


def test_saving_a_changed_draft_checks_and_records_it_first(tmp_path):
    w = show(ITEM, folder=tmp_path)
    w.choices["facts"].value = "verified-account"
    w.check_button.click()
    w.choices["facts"].value = "short-version"
    w.save_button.click()
    assert [a["answer"]["sentences"]["facts"] for a in recording.answers()] == ["verified-account", "short-version"]
    assert "1. What happened — ◐ Use with care" in visible(w.feedback)
    assert "1. What happened: ◐ Use with care" in (tmp_path / f"statement-{ITEM}.txt").read_text(encoding="utf-8")


def test_saving_an_empty_draft_writes_nothing(tmp_path):
    w = show(ITEM, folder=tmp_path)
    w.save_button.click()
    assert "Choose at least one sentence" in visible(w.save_status)
    assert list(tmp_path.iterdir()) == []


def test_a_file_name_with_a_folder_in_it_is_refused(tmp_path):
    w = show(ITEM, folder=tmp_path)
    w.choices["facts"].value = "verified-account"
    w.file_name.value = "../elsewhere.txt"
    w.save_button.click()
    assert "Not saved: type a file name without any folder in it" in visible(w.save_status)
    assert list(tmp_path.iterdir()) == [] and not (tmp_path.parent / "elsewhere.txt").exists()


def test_without_a_folder_the_file_goes_to_the_working_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    w = show("4.4-statement-police-violence")
    w.choices["incident"].value = "precise"
    w.save_button.click()
    assert (tmp_path / "statement-4.4-statement-police-violence.txt").exists()


def test_an_unknown_option_is_refused_with_a_plain_message():
    with pytest.raises(TypeError, match="takes only the option 'folder'.*room"):
        show(ITEM, room=True)


@pytest.mark.parametrize("item_id", ["3.4-statement-tear-gas", "4.4-statement-police-violence"])
def test_every_control_has_a_label_and_the_outer_box_has_its_classes(item_id, find_controls):
    w = show(item_id)
    controls = find_controls(w)
    assert len(controls) == len(w.item.paragraphs) + 4  # radios, own text, Check, file name, Save
    assert all(c.description.strip() for c in controls)
    assert {"hrdtrain-quiz", "hrdtrain-statement", f"hrdtrain-item-{item_id.replace('.', '-')}"} <= set(w._dom_classes)


# --- file names a learner may type: never a traceback, never a file in the wrong place ---------

BAD_NAMES = {
    "a NUL character": ("draft\x00.txt", "cannot contain"),
    "a control character": ("draft\x1b[2J", "cannot contain"),
    "a slash alone": ("/", "without any folder in it"),
    "a parent folder": ("..", "without any folder in it"),
    "a backslash": ("..\\up.txt", "without any folder in it"),
    "a very long name": ("x" * 300, "too long"),
    "a long name in a non-Latin script": ("ж" * 130, "too long"),
    "Windows' CON": ("CON", "Windows keeps"),
    "Windows' nul.txt": ("nul.txt", "Windows keeps"),
    "Windows' com1 with a dot": ("com1.draft", "Windows keeps"),
    "Windows' lpt9": ("LPT9", "Windows keeps"),
    "a colon": ("a:b", "cannot contain"),
    "a star": ("a*b", "cannot contain"),
    "a question mark": ("why?", "cannot contain"),
    "a quote": ('say "no"', "cannot contain"),
    "angle brackets": ("<b>", "cannot contain"),
    "a bar": ("a|b", "cannot contain"),
    "a lone surrogate": ("draft\udcff", "cannot contain"),
    "only spaces": ("   ", "type a file name"),
}


@pytest.mark.parametrize("case", list(BAD_NAMES))
def test_a_name_that_cannot_be_a_file_on_every_system_gets_a_clear_message_and_no_file(case, tmp_path):
    name, expected = BAD_NAMES[case]
    w = show(ITEM, folder=tmp_path)
    w.choices["facts"].value = "verified-account"
    w.file_name.value = name
    w.save_button.click()  # ipywidgets would print a traceback to the log: the click must not raise either
    message = visible(w.save_status).strip()
    assert message.startswith("Not saved:") and expected in message, message
    assert "Traceback" not in message and "Error" not in message
    assert list(tmp_path.iterdir()) == []


def test_a_dangling_symlink_counts_as_a_taken_name_and_is_never_followed(tmp_path):
    target = tmp_path / "elsewhere" / "planted.txt"
    (tmp_path / "elsewhere").mkdir()
    out = tmp_path / "out"
    out.mkdir()
    (out / "mine.txt").symlink_to(target)
    w = show(ITEM, folder=out)
    w.choices["facts"].value = "verified-account"
    w.file_name.value = "mine"
    w.save_button.click()
    assert "already exists" in visible(w.save_status)
    assert w.file_name.value == "mine-2.txt", "the same name must not be offered again"
    assert not target.exists()
    w.save_button.click()
    assert "Saved the statement and its feedback as mine-2.txt" in visible(w.save_status)
    assert not target.exists() and (out / "mine-2.txt").is_file() and not (out / "mine-2.txt").is_symlink()


def test_a_saved_statement_is_readable_only_by_its_owner(tmp_path):
    import os
    import stat

    old = os.umask(0o022)
    try:
        w = show(ITEM, folder=tmp_path)
        w.choices["facts"].value = "verified-account"
        w.save_button.click()
    finally:
        os.umask(old)
    mode = stat.S_IMODE((tmp_path / f"statement-{ITEM}.txt").stat().st_mode)
    assert mode == 0o600, oct(mode)
