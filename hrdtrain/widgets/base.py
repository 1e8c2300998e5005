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
from ..i18n import t
from ..markdown import escape, to_html
from ..scoring import Result, feedback_html, score

REVEAL_AFTER_TRIES = 3
"""After this many wrong tries the feedback shows the right answer with its reasoning."""


@functools.lru_cache(maxsize=None)
def stylesheet(name: str = "style.css") -> str:
    """A stylesheet beside this module, read once per process."""
    return (Path(__file__).parent / name).read_text(encoding="utf-8")


def store_notice_html(message: str | None) -> str:
    """The once-per-kernel notice that progress is not being saved (empty when all is well)."""
    return f"<p class='hrdtrain-store-warning' role='alert' dir='auto'><strong>⚠ {escape(message)}</strong></p>" if message else ""


def answered_before_html(item_id: str) -> str:
    """'You answered this before, on 20 Nov 2026: ✓ right.' from the private store (day only)."""
    import datetime

    last = recording.previous(item_id)
    if last is None:
        return ""
    day = datetime.date.fromtimestamp(last.at).strftime("%d %b %Y").lstrip("0")
    text = t("progress.before.right" if last.correct else "progress.before.wrong", day=day)
    return f"<p class='hrdtrain-answered-before' dir='auto'><em>{escape(text)}</em></p>"


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

        self.header = widgets.HTML(
            value=(
                f"<style>{stylesheet()}</style>"
                f"<div dir='auto'><h4 class='hrdtrain-title'>{escape(item.title)}</h4>"
                f"{answered_before_html(item.id)}{to_html(item.prompt)}{country_notes.note_html(item.id)}</div>"
            )
        )
        self.check_button = widgets.Button(description=t("check"), tooltip=t("check.tooltip"))
        self.check_button.add_class("hrdtrain-check")
        self.feedback = widgets.HTML(value="")
        self.feedback.add_class("hrdtrain-feedback")
        self.check_button.on_click(lambda _button: self.check())
        super().__init__(children=[self.header, *self.build_controls(), self.check_button, self.feedback])
        self.add_class("hrdtrain-quiz")
        self.add_class(css_class_for(item.id))

    @staticmethod
    def keyboard_hint(key: str) -> widgets.HTML:
        """How to answer without a mouse: JupyterLab takes bare arrow keys for moving between
        cells, so the hint names the keys that do work inside a quiz."""
        hint = widgets.HTML(value=f"<p dir='auto' class='hrdtrain-hint'><small>{escape(t(key))}</small></p>")
        hint.add_class("hrdtrain-keyboard-hint")
        return hint

    def build_controls(self) -> list[widgets.Widget]:
        """The widgets the learner answers with."""
        raise NotImplementedError

    def current_answer(self) -> Any:
        """The answer as the scoring function takes it, or None when nothing is chosen yet."""
        raise NotImplementedError

    def incomplete_message(self) -> str:
        return t("feedback.pick_first")

    def check(self) -> Result | None:
        """Scores the current answer, shows the feedback, records the answer."""
        answer = self.current_answer()
        if answer is None:
            self.feedback.value = f"<div role='status' dir='auto'><p>{escape(self.incomplete_message())}</p></div>"
            return None
        self.tries += 1
        result = score(self.item, answer)
        if result.correct and self.solved_at is None:
            self.solved_at = self.tries
        reveal = result.correct or self.tries >= self.reveal_after
        tries_shown = self.solved_at if result.correct else self.tries
        state = "hrdtrain-correct" if result.correct else "hrdtrain-incorrect"
        self.feedback.value = (
            f"<div role='status' aria-live='polite' dir='auto' class='{state}'>"
            f"{feedback_html(result, tries=tries_shown, reveal=reveal, item=self.item)}</div>"
        )
        self.last_result = result
        notice = recording.record(result, attempt=self.tries)
        if notice:
            self.feedback.value += store_notice_html(notice)
        return result
