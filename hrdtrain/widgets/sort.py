"""Place each statement in a category (e.g. police MAY vs police MUST)."""

from __future__ import annotations

import ipywidgets as widgets

from ..i18n import t, t_count, html_lang
from ..markdown import to_inline_html
from .base import QuizWidget
from .controls import SelectList

_UNPLACED = ""


class SortWidget(QuizWidget):
    def build_controls(self):
        options = [(t("sort.choose"), _UNPLACED)] + [(c.label, c.id) for c in self.item.categories]
        self.dropdowns: dict[str, SelectList] = {}
        rows: list[widgets.Widget] = []
        for n, s in enumerate(self.item.statements, start=1):
            text = widgets.HTML(value=f"<p {html_lang()}><strong>{n}.</strong> {to_inline_html(s.text)}</p>")
            dd = SelectList(options=options, value=_UNPLACED, description=t("sort.statement.label", n=n))
            self.dropdowns[s.id] = dd
            rows.append(widgets.VBox([text, dd]))
        return [*rows, self.keyboard_hint("keyboard.sort")]

    def place(self, statement_id: str, category_id: str) -> None:
        """Places one statement as a learner would by choosing from its list."""
        self.dropdowns[statement_id].value = category_id

    def current_answer(self):
        placed = {sid: dd.value for sid, dd in self.dropdowns.items()}
        if any(v == _UNPLACED for v in placed.values()):
            return None
        return placed

    def incomplete_message(self) -> str:
        missing = sum(dd.value == _UNPLACED for dd in self.dropdowns.values())
        return t_count("feedback.sort_incomplete", missing)
