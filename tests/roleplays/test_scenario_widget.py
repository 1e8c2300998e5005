"""Does the role-play widget, clicked like a learner or a facilitator would, show and record the right things?"""

from __future__ import annotations

import ipywidgets as widgets
import pytest

from hrdtrain import recording, show
from hrdtrain.bank import default_bank
from hrdtrain.widgets.controls import ActionButton, RadioGroup
from hrdtrain.widgets.scenario import ScenarioWidget

from roleplay_helpers import plain, visible

ID = "3.4-roleplay-tear-gas"
GOOD = ["talk-to-commander", "document-and-help", "precise-statement"]


@pytest.fixture
def item():
    return default_bank().get(ID)


def choose(w, choice_id: str) -> None:
    w.choice.value = choice_id
    w.decide_button.click()


def test_the_first_scene_shows_its_situation_and_choices_as_labelled_radio_buttons(item):
    w = show(ID)
    start = item.scene("warning")
    assert "Decision 1" in visible(w.progress.value)
    assert plain(start.situation)[:80] in visible(w.situation.value)
    assert w.choice.options == tuple((c.text, c.id) for c in start.choices)
    assert w.choice.description == "Your decision" and w.decide_button.description == "Decide"
    assert w.consequence.value == "" and w.debrief.value == ""


def test_deciding_shows_the_consequence_then_the_next_scene(item):
    w = show(ID)
    choose(w, "talk-to-commander")
    chosen = item.scene("warning").choice("talk-to-commander")
    assert visible(w.consequence.value).startswith("You chose: " + chosen.text)
    assert plain(chosen.consequence) in visible(w.consequence.value)
    assert plain(item.scene("gas-at-the-back").situation)[:80] in visible(w.situation.value)
    assert "Decision 2" in visible(w.progress.value)
    assert w.choice.value is None  # the next decision starts unchosen


def test_decide_without_a_choice_asks_for_one_and_records_nothing():
    w = show(ID)
    w.decide_button.click()
    assert "Choose one of the options first" in visible(w.status.value)
    assert w.path == [] and recording.answers() == []


def test_back_one_step_returns_to_the_previous_scene_and_its_consequence(item):
    w = show(ID)
    assert w.back_button.disabled and w.back_button.description == "Back one step"
    choose(w, "talk-to-commander")
    choose(w, "document-and-help")
    w.back_button.click()
    assert w.path == ["talk-to-commander"]
    assert plain(item.scene("gas-at-the-back").situation)[:80] in visible(w.situation.value)
    assert plain(item.scene("warning").choice("talk-to-commander").consequence) in visible(w.consequence.value)
    assert "You went back one step" in visible(w.status.value)
    w.back_button.click()
    assert w.path == [] and w.consequence.value == "" and w.back_button.disabled


def test_restart_returns_to_the_first_scene_as_a_new_attempt(item):
    w = show(ID)
    choose(w, "shout-banned")
    w.restart_button.click()
    assert w.path == [] and w.attempt == 2
    assert plain(item.scene("warning").situation)[:80] in visible(w.situation.value)
    assert "starts again from the beginning" in visible(w.status.value)
    choose(w, "talk-to-commander")
    assert [a["attempt"] for a in recording.answers()] == [1, 2]


def test_an_ending_hides_the_choices_and_shows_the_debrief_of_the_path(item):
    w = show(ID)
    for choice_id in GOOD:
        choose(w, choice_id)
    ending = item.scene("heard").ending
    seen = visible(w.debrief.value)
    assert w.controls.layout.display == "none"
    assert "The end of this path" in visible(w.progress.value)
    assert f"✓ Good outcome: {ending.title}" in seen
    for part in ("what_happened", "law", "attitude", "communication"):
        assert plain(getattr(ending.debrief, part)) in seen
    assert f"Source: {ending.debrief.source}" in seen
    assert "Your path, decision by decision" in seen and plain(item.key_point) in seen


def test_the_debrief_sums_up_each_decision_with_its_tags_note_and_source(item):
    w = show(ID)
    for choice_id in GOOD:
        choose(w, choice_id)
    seen = visible(w.debrief.value)
    scene = item.scene("warning")
    for choice_id in GOOD:
        choice = scene.choice(choice_id)
        tags = " · ".join(t.capitalize() for t in choice.tags)
        assert f"{choice.text} [{tags}] {plain(choice.note)} Source: {choice.source}" in seen
        scene = item.scene(choice.next)
    # in the order taken
    first, last = item.scene("warning").choice(GOOD[0]), item.scene("the-statement").choice(GOOD[2])
    assert seen.index(first.text) < seen.index(last.text)


def test_a_poor_ending_says_so_in_words_not_only_colour(item):
    w = show(ID)
    choose(w, "talk-to-commander")
    choose(w, "post-now")
    assert "✗ Poor outcome: Credibility lost" in visible(w.debrief.value)


def test_back_from_an_ending_hides_the_debrief_and_offers_the_choices_again(item):
    w = show(ID)
    for choice_id in GOOD:
        choose(w, choice_id)
    w.back_button.click()
    assert w.debrief.value == "" and w.controls.layout.display is None
    assert w.choice.options == tuple((c.text, c.id) for c in item.scene("the-statement").choices)


def test_every_decision_is_recorded_with_the_path_so_far():
    w = show(ID)
    for choice_id in GOOD:
        choose(w, choice_id)
    got = [(a["item_id"], a["answer"], a["correct"], a["score"], a["attempt"]) for a in recording.answers()]
    assert got == [
        (ID, GOOD[:1], False, 0.0, 1),
        (ID, GOOD[:2], False, 0.0, 1),
        (ID, GOOD, True, 1.0, 1),
    ]
    assert w.last_result.correct


def test_going_back_records_nothing_and_a_changed_decision_is_recorded():
    w = show(ID)
    choose(w, "talk-to-commander")
    w.back_button.click()
    choose(w, "end-the-march")
    assert [a["answer"] for a in recording.answers()] == [["talk-to-commander"], ["end-the-march"]]


def test_room_mode_lists_the_choices_with_letters_and_one_button_per_letter(item):
    w = show(ID, room=True)
    choices = item.scene("warning").choices
    listed = visible(w.choice_list.value)
    for n, c in enumerate(choices):
        assert f"{'ABC'[n]}. {c.text}" in listed
    assert [b.description for b in w.room_buttons.children] == ["Group chose A", "Group chose B", "Group chose C"]
    assert [b.tooltip for b in w.room_buttons.children] == [c.text for c in choices]
    assert "hrdtrain-room" in w._dom_classes
    assert "Room mode" in visible(w.header.value) and not hasattr(w, "choice")


def test_room_mode_reveals_the_consequence_only_after_the_facilitator_clicks(item):
    w = show(ID, room=True)
    shout = item.scene("warning").choice("shout-banned")
    assert plain(shout.consequence) not in visible(w.consequence.value, w.situation.value)
    w.room_buttons.children[1].click()
    assert visible(w.consequence.value).startswith("The group chose B: " + shout.text)
    assert plain(shout.consequence) in visible(w.consequence.value)
    assert recording.answers()[-1]["answer"] == ["shout-banned"]


def test_room_mode_frees_the_old_buttons_only_once_the_new_scene_shows_its_own(item):
    """A model closed while its view is still shown is drawn by the page as ipywidgets' error
    view ("model not found"): the old buttons are closed after the box holds the new ones."""
    w = show(ID, room=True)
    old = list(w.room_buttons.children)
    events = []
    w.room_buttons.observe(lambda change: events.append("new buttons shown"), "children")
    for button in old:
        button.observe(lambda change: events.append("old button closed"), "comm")
    w.room_buttons.children[0].click()  # A: talk to the commander, then the next decision
    assert w.path == ["talk-to-commander"] and len(w.room_buttons.children) == 3
    assert events == ["new buttons shown"] + ["old button closed"] * len(old)
    assert all(b.comm is None for b in old) and all(b.comm is not None for b in w.room_buttons.children)


def test_room_mode_debrief_names_the_group(item):
    w = show(ID, room=True)
    for letter_index in (0, 0, 0):  # A, A, A = talk, document, precise statement
        w.room_buttons.children[letter_index].click()
    assert w.path == GOOD
    assert "The group's path, decision by decision" in visible(w.debrief.value)


def test_the_outer_box_has_the_quiz_scenario_and_item_classes():
    w = show(ID)
    assert {"hrdtrain-quiz", "hrdtrain-scenario", "hrdtrain-item-3-4-roleplay-tear-gas"} <= set(w._dom_classes)


def test_roles_are_shown_as_cards_with_what_each_knows_and_wants(item):
    w = show(ID)
    seen = visible(w.header.value)
    assert "Roles (for role cards and for facilitators)" in seen
    for role in item.roles:
        assert f"{role.name} Knows: {plain(role.knows)} Wants: {plain(role.wants)}" in seen


def test_every_button_and_choice_list_has_a_text_label():
    for room in (False, True):
        w = show(ID, room=room)
        found = []

        def walk(widget):
            if isinstance(widget, widgets.Box):
                for child in widget.children:
                    walk(child)
            elif isinstance(widget, (widgets.Button, ActionButton, RadioGroup)):
                found.append(widget)

        walk(w)
        assert len(found) >= 3 and all(c.description.strip() for c in found)


def test_the_keyboard_hint_names_keys_that_work_in_jupyterlab():
    solo, room = show(ID), show(ID, room=True)
    assert "Tab to the options, ↑/↓ to choose one" in visible(solo.children[-1].value)
    assert "Tab to the button of the group's letter" in visible(room.children[-1].value)


def test_an_unknown_option_is_refused_with_a_clear_message(item):
    with pytest.raises(TypeError, match="takes only the option 'room'.*got: rooom"):
        ScenarioWidget(item, rooom=True)


def test_a_choice_the_scene_does_not_have_changes_nothing():
    from hrdtrain.scoring import AnswerError

    w = show(ID)
    with pytest.raises(AnswerError):
        w.decide("run-away")
    assert w.path == [] and recording.answers() == []


def test_an_ending_hides_the_keyboard_hint_about_options_and_deciding(item):
    """At an ending there is no option to Tab to and nothing to Decide: the hint would mislead."""
    w = show(ID)
    hint = w.keyboard_hint
    assert hint.layout.display != "none"
    for choice_id in GOOD:
        choose(w, choice_id)
    assert hint.layout.display == "none"
    w.back_button.click()
    assert hint.layout.display != "none" and "Tab to the options" in visible(hint.value)
