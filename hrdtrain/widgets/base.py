"""The shared frame of every quiz: title, prompt (and a country note, if any), answer controls,
a Check button, feedback.

Subclasses build the answer controls and say what the current answer is; scoring is the pure
function in `hrdtrain.scoring`, and every checked answer goes to `hrdtrain.recording.record`.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Any

import ipywidgets as widgets

from .. import country_notes, recording
from ..i18n import t, html_lang
from ..markdown import escape, to_html
from ..scoring import Result, feedback_html, score
from .controls import ActionButton, LiveHTML

REVEAL_AFTER_TRIES = 3
"""After this many wrong tries the feedback shows the right answer with its reasoning."""


@functools.lru_cache(maxsize=None)
def stylesheet(name: str = "style.css") -> str:
    """A stylesheet beside this module, read once per process."""
    return (Path(__file__).parent / name).read_text(encoding="utf-8")


def store_notice_html(message: str | None) -> str:
    """The once-per-kernel notice that progress is not being saved (empty when all is well)."""
    return f"<p class='hrdtrain-store-warning' role='alert' {html_lang()}><strong>⚠ {escape(message)}</strong></p>" if message else ""


def store_status_html(message: str | None) -> str:
    """What the learner is told after `recording.record()` returned `message`: the notice that
    progress is not being saved; in the browser edition, where a page reload ends the kernel,
    also a short line once the answer is stored; otherwise nothing."""
    from ..store import in_browser

    if message:
        return store_notice_html(message)
    if in_browser() and recording.last_stored():
        return f"<p class='hrdtrain-saved' {html_lang()}><small>{escape(t('store.saved.browser'))}</small></p>"
    return ""


def answered_before_html(last, now_right: bool = False) -> str:
    """'You answered this before, on 20 Nov 2026: ✓ right.' (day only), from `last`, the latest
    stored answer before this session (a store.Answer, or None: nothing is said).

    `now_right`: the learner has answered right in this session, so an earlier "not right yet"
    gives way to "now ✓ right" instead of contradicting the feedback below it.
    """
    import datetime

    if last is None:
        return ""
    day = datetime.date.fromtimestamp(last.at).strftime("%d %b %Y").lstrip("0")
    if last.correct:
        key = "progress.before.right"
    else:
        key = "progress.before.now_right" if now_right else "progress.before.wrong"
    return f"<p class='hrdtrain-answered-before' {html_lang()}><em>{escape(t(key, day=day))}</em></p>"


def mark_language(widget: widgets.Widget) -> None:
    """Classes on a course widget's outer box: `hrdtrain-lang-LANG`, and `hrdtrain-rtl` in a
    right-to-left language, which style.css lays out right to left (controls, progress, back
    and next mirrored; code and ids left to right). The HTML inside carries lang and dir itself
    (`html_lang()`)."""
    from ..i18n import current_language
    from ..translations import is_rtl

    widget.add_class(f"hrdtrain-lang-{current_language()}")
    if is_rtl():
        widget.add_class("hrdtrain-rtl")


def css_class_for(item_id: str) -> str:
    """'3.4-tear-gas' -> 'hrdtrain-item-3-4-tear-gas': a stable hook for tests and styling."""
    return "hrdtrain-item-" + re.sub(r"[^a-z0-9-]", "-", item_id.lower())


class QuizWidget(widgets.VBox):
    """One quiz item as a widget. `check()` does what pressing the Check button does."""

    def __init__(self, item: Any, reveal_after: int = REVEAL_AFTER_TRIES):
        """`reveal_after`: wrong tries after which the answer is shown with its reasoning."""
        self.item = item
        self.reveal_after = reveal_after
        self.tries = 0
        self.solved_at: int | None = None
        self.last_result: Result | None = None
        self.earlier = recording.previous(item.id)
        """The latest stored answer to this item from before this session, or None."""

        self.header = widgets.HTML(value=self._header_html())
        self.check_button = ActionButton(description=t("check"), tooltip=t("check.tooltip"))
        self.check_button.add_class("hrdtrain-check")
        self.feedback = LiveHTML(value="")
        self.feedback.add_class("hrdtrain-feedback")
        self.check_button.on_click(lambda _button: self.check())
        controls = self.build_controls()
        super().__init__(children=self.arrange(controls))
        self.check_button.read_from(*controls)  # a press brings the answer the learner sees
        self.add_class("hrdtrain-quiz")
        mark_language(self)
        self.add_class(css_class_for(item.id))

    def _header_html(self) -> str:
        now_right = self.last_result is not None and self.last_result.correct
        return (
            f"<style>{stylesheet()}</style>"
            f"<div {html_lang()}><h4 class='hrdtrain-title'>{escape(self.item.title)}</h4>"
            f"{answered_before_html(self.earlier, now_right)}{to_html(self.item.prompt)}{country_notes.note_html(self.item.id)}</div>"
        )

    @staticmethod
    def keyboard_hint(key: str) -> widgets.HTML:
        """How to answer without a mouse: JupyterLab takes bare arrow keys for moving between
        cells, so the hint names the keys that do work inside a quiz."""
        hint = widgets.HTML(value=f"<p {html_lang()} class='hrdtrain-hint'><small>{escape(t(key))}</small></p>")
        hint.add_class("hrdtrain-keyboard-hint")
        return hint

    def build_controls(self) -> list[widgets.Widget]:
        """The widgets the learner answers with."""
        raise NotImplementedError

    def arrange(self, controls: list[widgets.Widget]) -> list[widgets.Widget]:
        """The widget's children in display order: the feedback comes right after Check."""
        return [self.header, *controls, self.check_button, self.feedback]

    def current_answer(self) -> Any:
        """The answer as the scoring function takes it, or None when nothing is chosen yet."""
        raise NotImplementedError

    def incomplete_message(self) -> str:
        return t("feedback.pick_first")

    def check(self) -> Result | None:
        """Scores the current answer, shows the feedback, records the answer."""
        answer = self.current_answer()
        if answer is None:
            self.feedback.value = f"<div role='status' {html_lang()}><p>{escape(self.incomplete_message())}</p></div>"
            return None
        self.tries += 1
        result = score(self.item, answer)
        if result.correct and self.solved_at is None:
            self.solved_at = self.tries
        reveal = result.correct or self.tries >= self.reveal_after
        tries_shown = self.solved_at if result.correct else self.tries
        state = "hrdtrain-correct" if result.correct else "hrdtrain-incorrect"
        # Stored first, shown second: a learner who sees the feedback may reload the page at once
        # (in the browser edition that ends the kernel, and a write still under way).
        notice = recording.record(result, attempt=self.tries)
        self.feedback.value = (
            f"<div role='status' aria-live='polite' {html_lang()} class='{state}'>"
            f"{feedback_html(result, tries=tries_shown, reveal=reveal, item=self.item, answered_before=self.earlier is not None)}</div>"
            f"{store_status_html(notice)}"
        )
        self.last_result = result
        if self.earlier is not None:
            self.header.value = self._header_html()
        return result
