"""Plays a branching role play (item type 'scenario'), for one learner or for a room.

Alone, the learner reads the scene, picks a choice (radio buttons) and presses Decide; the
consequence is shown, then the next scene. In a room (`show(id, room=True)`) the facilitator
projects it: larger text, the choices listed with letters for the group to vote on, and one
button per letter that the facilitator clicks for the group's choice. Either way the learner
can go back one step or restart, and every ending shows a debrief that sums up the path taken.

Recording: every confirmed decision is recorded as one Result (`item.score(path so far)`), so
the last Result of a play-through is the one that reached the ending and carries its outcome.
`attempt` is the number of the play-through: 1 at first, one more after each Restart. Going
back one step records nothing.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

from .. import recording
from ..i18n import t, html_lang
from ..markdown import escape, to_html, to_inline_html
from ..scoring import Result
from .base import css_class_for, store_status_html, stylesheet, mark_language
from .controls import ActionButton, LiveHTML, RadioGroup




def letter(n: int) -> str:
    """0 -> 'A', 1 -> 'B': the labels a room votes with."""
    return chr(ord("A") + n)


def roles_html(item) -> str:
    """The role cards, folded away (a facilitator opens them; a learner may)."""
    if not item.roles:
        return ""
    cards = "".join(
        f"<li><strong>{escape(r.name)}</strong>"
        f"<div><em>{escape(t('scenario.role.knows'))}</em> {to_inline_html(r.knows)}</div>"
        f"<div><em>{escape(t('scenario.role.wants'))}</em> {to_inline_html(r.wants)}</div></li>"
        for r in item.roles
    )
    return f"<details class='hrdtrain-roles'><summary>{escape(t('scenario.roles'))}</summary><ul>{cards}</ul></details>"


def _tags(tags) -> str:
    return " · ".join(t(f"scenario.tag.{tag}") for tag in tags)


def debrief_html(item, path: list[str], room: bool = False) -> str:
    """The debrief at the ending `path` leads to: the outcome, what happened, what the paper
    says (law / attitude / communication), and every decision on the path with its note."""
    taken = item.walk(path)
    ending = item.where(path).ending
    d = ending.debrief
    out = [
        f"<div role='status' aria-live='polite' {html_lang()} class='hrdtrain-debrief hrdtrain-outcome-{ending.outcome}'>",
        f"<p class='hrdtrain-verdict'><strong>{escape(t(f'scenario.outcome.{ending.outcome}'))}: {escape(ending.title)}</strong></p>",
        f"<h5>{escape(t('scenario.debrief.what_happened'))}</h5>{to_html(d.what_happened)}",
        f"<h5>{escape(t('scenario.debrief.paper'))}</h5>",
    ]
    for part in ("law", "attitude", "communication"):
        out.append(f"<div class='hrdtrain-debrief-{part}'><p><strong>{escape(t(f'scenario.tag.{part}'))}</strong></p>{to_html(getattr(d, part))}</div>")
    out.append(f"<p class='hrdtrain-source'><em>{escape(t('scenario.source', source=d.source))}</em></p>")
    out.append(f"<h5>{escape(t('scenario.debrief.path.room' if room else 'scenario.debrief.path'))}</h5><ol class='hrdtrain-path'>")
    for _scene, choice in taken:
        out.append(
            f"<li><strong>{to_inline_html(choice.text)}</strong>"
            f"<br><span class='hrdtrain-tags'>[{escape(_tags(choice.tags))}]</span> {to_inline_html(choice.note)}"
            f" <em class='hrdtrain-source'>{escape(t('scenario.source', source=choice.source))}</em></li>"
        )
    out.append("</ol>")
    out.append(
        f"<div class='hrdtrain-keypoint'><p><strong>{escape(t('scenario.key_point'))}:</strong></p>{to_html(item.key_point)}</div>"
    )
    out.append(f"<p><em>{escape(t('scenario.debrief.again'))}</em></p></div>")
    return "".join(out)


class ScenarioWidget(widgets.VBox):
    """One role play as a widget. `decide()`, `back()` and `restart()` do what the buttons do."""

    def __init__(self, item: Any, room: bool = False, **options: Any):
        if options:
            raise TypeError(t("scenario.error.option", names=", ".join(sorted(options))))
        self.item = item
        self.room = room
        self.path: list[str] = []
        self.attempt = 1
        self.last_result: Result | None = None

        intro = t("scenario.room.intro") if room else t("scenario.intro")
        self.header = widgets.HTML(
            value=(
                f"<style>{stylesheet()}{stylesheet('scenario.css')}</style>"
                f"<div {html_lang()}><h4 class='hrdtrain-title'>{escape(item.title)}</h4>{to_html(item.prompt)}"
                f"<p class='hrdtrain-hint'><em>{escape(intro)}</em></p>{roles_html(item)}</div>"
            )
        )
        self.progress = widgets.HTML(value="")
        self.progress.add_class("hrdtrain-scenario-progress")
        self.consequence = LiveHTML(value="")
        self.consequence.add_class("hrdtrain-scenario-consequence")
        self.situation = LiveHTML(value="", live=False, focus_on_change=True)
        self.situation.add_class("hrdtrain-scenario-situation")
        self.status = LiveHTML(value="")
        self.status.add_class("hrdtrain-feedback")
        self.debrief = LiveHTML(value="")
        self.debrief.add_class("hrdtrain-feedback")

        if room:
            self.choice_list = widgets.HTML(value="")
            self.choice_list.add_class("hrdtrain-room-choices")
            self.room_buttons = widgets.HBox(layout=widgets.Layout(flex_flow="row wrap"))
            self.controls = widgets.VBox([self.choice_list, self.room_buttons])
            hint_key = "scenario.keyboard.room"
        else:
            self.choice = RadioGroup(
                options=[],
                value=None,
                description=t("scenario.choice.label"),
                style={"description_width": "initial"},
                layout=widgets.Layout(width="100%"),
            )
            self.decide_button = ActionButton(description=t("scenario.decide"), tooltip=t("scenario.decide.tooltip"))
            self.decide_button.add_class("hrdtrain-check")
            self.decide_button.on_click(lambda _button: self.decide())
            self.decide_button.read_from(self.choice)
            self.controls = widgets.VBox([self.choice, self.decide_button])
            hint_key = "scenario.keyboard"

        self.back_button = widgets.Button(description=t("scenario.back"), tooltip=t("scenario.back.tooltip"), icon="undo")
        self.back_button.on_click(lambda _button: self.back())
        self.restart_button = widgets.Button(description=t("scenario.restart"), tooltip=t("scenario.restart.tooltip"), icon="refresh")
        self.restart_button.on_click(lambda _button: self.restart())
        self.keyboard_hint = widgets.HTML(value=f"<p {html_lang()} class='hrdtrain-hint'><small>{escape(t(hint_key))}</small></p>")
        self.keyboard_hint.add_class("hrdtrain-keyboard-hint")

        super().__init__(
            children=[
                self.header,
                self.progress,
                self.consequence,
                self.situation,
                self.controls,
                self.status,
                self.debrief,
                widgets.HBox([self.back_button, self.restart_button]),
                self.keyboard_hint,
            ]
        )
        self.add_class("hrdtrain-quiz")
        mark_language(self)
        self.add_class("hrdtrain-scenario")
        self.add_class(css_class_for(item.id))
        if room:
            self.add_class("hrdtrain-room")
        self._show_scene()

    # ------------------------------------------------------------------ what the learner sees

    @property
    def scene(self):
        """The scene the learner is in now."""
        return self.item.where(self.path)

    def _show_scene(self) -> None:
        scene = self.scene
        self.situation.value = f"<div {html_lang()}>{to_html(scene.situation)}</div>"
        self.back_button.disabled = not self.path
        self.restart_button.disabled = not self.path
        if scene.ending is None:
            self.progress.value = f"<p {html_lang()}><strong>{escape(t('scenario.progress', n=len(self.path) + 1))}</strong></p>"
            self._show_choices(scene.choices)
            self.controls.layout.display = None
            self.keyboard_hint.layout.display = None
            self.debrief.value = ""
        else:
            self.progress.value = f"<p {html_lang()}><strong>{escape(t('scenario.progress.ending'))}</strong></p>"
            # At an ending there is no option to choose: the hint about choosing would mislead.
            self.controls.layout.display = "none"
            self.keyboard_hint.layout.display = "none"
            self.debrief.value = debrief_html(self.item, self.path, room=self.room)

    def _show_choices(self, choices) -> None:
        if self.room:
            rows = "".join(
                f"<li><strong>{letter(n)}.</strong> {to_inline_html(c.text)}</li>" for n, c in enumerate(choices)
            )
            self.choice_list.value = f"<ol class='hrdtrain-letters' {html_lang()}>{rows}</ol>"
            old_buttons = self.room_buttons.children
            buttons = []
            for n, c in enumerate(choices):
                button = widgets.Button(description=t("scenario.room.pick", letter=letter(n)), tooltip=c.text)
                button.on_click(lambda _button, choice_id=c.id: self.decide(choice_id))
                buttons.append(button)
            self.room_buttons.children = buttons
            for old in old_buttons:  # a new scene, new buttons: free the old ones' models, once
                old.close()  # no longer shown (closed while shown, the page would draw a missing model)
        else:
            self.choice.options = [(c.text, c.id) for c in choices]
            self.choice.value = None

    def _show_consequence(self) -> None:
        if not self.path:
            self.consequence.value = ""
            return
        scene, choice = self.item.walk(self.path)[-1]
        if self.room:
            n = [c.id for c in scene.choices].index(choice.id)
            who = t("scenario.group_chose", letter=letter(n))
        else:
            who = t("scenario.you_chose")
        self.consequence.value = (
            f"<div role='status' aria-live='polite' {html_lang()} class='hrdtrain-consequence'>"
            f"<p><strong>{escape(who)}</strong> {to_inline_html(choice.text)}</p>{to_html(choice.consequence)}</div>"
        )

    # ------------------------------------------------------------------ what the buttons do

    def select(self, choice_id: str) -> None:
        """Picks a choice as a learner would by clicking its radio button (alone, not in a room)."""
        self.choice.value = choice_id

    def decide(self, choice_id: str | None = None) -> Result | None:
        """Confirms a decision (the selected one, or `choice_id`), records it, shows what follows."""
        if choice_id is None:
            choice_id = None if self.room else self.choice.value
        if choice_id is None:
            self.status.value = f"<div role='status' {html_lang()}><p>{escape(t('scenario.pick_first'))}</p></div>"
            return None
        result = self.item.score([*self.path, choice_id])  # an id the scene lacks raises before anything changes
        self.path.append(choice_id)
        notice = recording.record(result, attempt=self.attempt)
        self.last_result = result
        self.status.value = store_status_html(notice)
        self._show_consequence()
        self._show_scene()
        return result

    def back(self) -> None:
        """Undoes the last decision (the recording keeps it: it was made)."""
        if not self.path:
            return
        self.path.pop()
        self._show_consequence()
        self._show_scene()
        self.status.value = f"<div role='status' {html_lang()}><p>{escape(t('scenario.went_back'))}</p></div>"

    def restart(self) -> None:
        """Starts a new play-through from the first scene."""
        if not self.path:
            return
        self.path = []
        self.attempt += 1
        self._show_consequence()
        self._show_scene()
        self.status.value = f"<div role='status' {html_lang()}><p>{escape(t('scenario.restarted'))}</p></div>"
