"""Does the engagement plan, filled in like a learner would, review every part against the
paper's guidance, save the plan as text without overwriting, and record nothing at all?"""

from __future__ import annotations

import html
import re
import textwrap

import pytest

from hrdtrain import recording, show
from hrdtrain.bank import default_bank, load
from hrdtrain.plan_report import fill_plan
from hrdtrain.scoring import AnswerError, score

ITEM = "7-engagement-plan"
SECRET = "Meeting Commander X at the station on Friday"




def visible(w) -> str:
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", w.value)))


def test_every_part_has_guidance_with_a_source_and_labelled_controls():
    item = default_bank().get(ITEM)
    w = show(ITEM)
    assert "This is a planning aid, not legal advice." in visible(w.header)
    assert [p.id for p in item.parts] == ["situation", "law", "attitude", "whom", "message", "risks"]
    for n, part in enumerate(item.parts, start=1):
        assert w.notes[part.id].description == f"Your notes: {part.label}"
        for prompt in part.prompts:
            assert w.ticks[part.id][prompt.id].description == prompt.text
    shown = " ".join(visible(c) for c in w.children if hasattr(c, "value") and isinstance(c.value, str))
    assert "4. Whom to approach" in shown and "Source: paper §6.2" in shown


def test_review_without_anything_filled_in_asks_for_something_first():
    w = show(ITEM)
    w.review_button.click()
    assert "Tick something or write a note in at least one part" in visible(w.feedback)


def test_review_gives_the_papers_tip_for_each_tick_and_guidance_for_empty_parts():
    w = show(ITEM)
    w.ticks["whom"]["training"].value = True
    w.ticks["law"]["law-breaches-standards"].value = True
    w.notes["situation"].value = SECRET
    w.review_button.click()
    text = visible(w.feedback)
    assert "3 parts still empty: The attitude of the police you are dealing with, Your message, The risks, and how you will reduce them." in text
    assert "☑ A police training institution" in text
    assert "training institutions do not decide how policing is done" in text
    assert "approach the body that made it" in text
    assert "○ 3. The attitude of the police you are dealing with: still empty" in text
    assert "● 1. Your situation and your goal" in text
    # The notes are not repeated in the review, only in the plain-text plan to copy.
    assert SECRET not in text and SECRET in html.unescape(w.copy_box.value)


def test_a_full_plan_is_reported_complete():
    item = default_bank().get(ITEM)
    w = show(ITEM)
    for part in item.parts:
        w.notes[part.id].value = "something"
    w.review_button.click()
    assert "Every part of your plan has something in it." in visible(w.feedback)


def test_save_writes_the_plan_with_notes_and_tips_and_never_overwrites(tmp_path):
    w = show(ITEM, folder=tmp_path)
    w.ticks["risks"]["co-optation"].value = True
    w.notes["situation"].value = SECRET + "\nsecond line kept as written"
    w.save_button.click()
    saved = tmp_path / "my-engagement-plan.txt"
    text = saved.read_text(encoding="utf-8")
    assert SECRET + "\nsecond line kept as written" in text
    assert "[x] Risk of being co-opted, or of taking over the police's responsibility" in text
    assert "watchdog and auditor" in text
    assert "(left empty) Think about:" in text
    assert "Saved your plan as my-engagement-plan.txt" in visible(w.save_status)

    w.notes["situation"].value = "changed"
    w.save_button.click()
    assert saved.read_text(encoding="utf-8") == text
    assert "already exists" in visible(w.save_status) and w.file_name.value == "my-engagement-plan-2.txt"
    w.save_button.click()
    assert "changed" in (tmp_path / "my-engagement-plan-2.txt").read_text(encoding="utf-8")


def test_a_file_name_with_a_folder_in_it_is_refused(tmp_path):
    w = show(ITEM, folder=tmp_path)
    w.notes["law"].value = "x"
    w.file_name.value = "../plan.txt"
    w.save_button.click()
    assert "type a file name without any folder in it" in visible(w.save_status)
    assert list(tmp_path.iterdir()) == []


def test_nothing_of_the_plan_is_ever_recorded(tmp_path):
    w = show(ITEM, folder=tmp_path)
    w.ticks["whom"]["mid-level"].value = True
    w.notes["situation"].value = SECRET
    w.review_button.click()
    w.save_button.click()
    assert recording.answers() == []


def test_fill_plan_names_unknown_parts_and_prompts():
    item = default_bank().get(ITEM)
    with pytest.raises(AnswerError, match="no part 'plans'"):
        fill_plan(item, {"plans": {}})
    with pytest.raises(AnswerError, match="part 'whom' has no prompt 'chief'; prompts are lower, mid-level"):
        fill_plan(item, {"whom": {"ticked": ["chief"]}})
    with pytest.raises(AnswerError, match="has no right answer and is never scored"):
        score(item, {})


def test_a_plan_with_a_repeated_part_id_is_rejected_with_the_place(tmp_path):
    path = tmp_path / "plan.yaml"
    part = textwrap.dedent(
        """\
          - id: law
            label: "Law"
            tag: law
            source: "paper §7"
            guidance: "Know the domestic law."
        """
    )
    path.write_text(
        'section: "7"\ntitle: "Final remarks"\nitems:\n  - id: 7-plan\n    type: plan\n    section: "7"\n    source: "paper §7"\n'
        "    tags: [law]\n    title: Plan\n    prompt: Make a plan for it.\n    key_point: Know the law first.\n    parts:\n"
        + textwrap.indent(part, "    ") + textwrap.indent(part, "    "),
        encoding="utf-8",
    )
    _bank, problems = load([path])
    assert [str(p).split(": ", 1)[1] for p in problems] == [
        "item '7-plan': field 'parts[2].id': part id 'law' is already used by parts[1]"
    ]


def test_a_saved_plan_is_readable_only_by_its_owner(tmp_path):
    import os
    import stat

    old = os.umask(0o022)
    try:
        w = show(ITEM, folder=tmp_path)
        w.notes["situation"].value = SECRET
        w.save_button.click()
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "my-engagement-plan.txt").stat().st_mode) == 0o600


def test_a_nul_or_a_windows_device_name_gets_a_message_not_a_traceback(tmp_path):
    w = show(ITEM, folder=tmp_path)
    w.notes["situation"].value = SECRET
    for name, expected in (("plan\x00", "cannot contain"), ("AUX", "Windows keeps"), ("..", "without any folder in it")):
        w.file_name.value = name
        w.save_button.click()
        assert expected in visible(w.save_status), (name, visible(w.save_status))
    assert list(tmp_path.iterdir()) == []
