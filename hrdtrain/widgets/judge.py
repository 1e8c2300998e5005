"""Judge a statement: accurate, inaccurate, or it depends."""

from __future__ import annotations

import ipywidgets as widgets

from ..i18n import t, html_lang
from ..markdown import escape, to_html
from ..schema import VERDICTS
from .base import QuizWidget
from .controls import RadioGroup


class JudgeWidget(QuizWidget):
    def build_controls(self):
        statement = widgets.HTML(
            value=f"<div {html_lang()}><p><strong>{escape(t('statement.intro'))}</strong></p><blockquote>{to_html(self.item.statement)}</blockquote></div>"
        )
        self.choice = RadioGroup(
            options=[(t(f"verdict.{v}"), v) for v in VERDICTS],
            value=None,
            description=t("verdict.label"),
            style={"description_width": "initial"},
            layout=widgets.Layout(width="auto"),
        )
        return [statement, self.choice, self.keyboard_hint("keyboard.radio")]

    def current_answer(self):
        return self.choice.value
