"""A scenario question: one right option (radio buttons) or several (tick boxes)."""

from __future__ import annotations

import ipywidgets as widgets

from ..i18n import t, html_lang
from ..markdown import escape
from .base import QuizWidget
from .controls import RadioGroup


class ChoiceWidget(QuizWidget):
    def build_controls(self):
        if self.item.multiple:
            self.boxes = {
                o.id: widgets.Checkbox(value=False, description=o.text, indent=False, layout=widgets.Layout(width="100%"))
                for o in self.item.options
            }
            hint = widgets.HTML(value=f"<p {html_lang()}><em>{escape(t('choice.multiple.hint'))}</em></p>")
            return [hint, *self.boxes.values(), self.keyboard_hint("keyboard.checkbox")]
        self.choice = RadioGroup(
            options=[(o.text, o.id) for o in self.item.options],
            value=None,
            description=t("choice.single.label"),
            style={"description_width": "initial"},
            layout=widgets.Layout(width="100%"),
        )
        return [self.choice, self.keyboard_hint("keyboard.radio")]

    def select(self, *option_ids: str) -> None:
        """Sets the answer as a learner would by clicking (used by tests and facilitators)."""
        if self.item.multiple:
            for oid, box in self.boxes.items():
                box.value = oid in option_ids
        else:
            (self.choice.value,) = option_ids

    def current_answer(self):
        if self.item.multiple:
            ticked = [oid for oid, box in self.boxes.items() if box.value]
            return ticked or None
        return self.choice.value
