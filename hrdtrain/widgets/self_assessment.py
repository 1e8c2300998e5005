"""The confidence questionnaire (notebook 00 "before", notebook 07 "after"): rate 1-5, save.

Each statement is a labelled group of five radio buttons (its text is the label), so it works
with a screen reader and by keyboard. Save records each rating like an answer, in the private
store only. "after" also shows the learner's own "before" ratings beside the new ones.
"""

from __future__ import annotations

import ipywidgets as widgets

from .. import recording
from ..i18n import t, t_count, html_lang
from ..markdown import escape
from ..scoring import Result
from ..questionnaire import KIND, PHASES, item_id, parse_item_id, questionnaire
from .base import store_status_html, stylesheet, mark_language
from .controls import ActionButton, LiveHTML, RadioGroup
from ..store import in_browser


class SelfAssessmentWidget(widgets.VBox):
    def __init__(self, phase: str):
        if phase not in PHASES:
            raise ValueError(t("self.error.phase", phase=phase))
        self.phase = phase
        data = questionnaire()
        self.statements = {st["id"]: st["text"] for st in data["statements"]}
        scale = [(label, int(value)) for value, label in data["scale"].items()]
        self.ratings: dict[str, RadioGroup] = {}
        rows = []
        for st in data["statements"]:
            radio = RadioGroup(options=scale, value=None, description=st["text"], style={"description_width": "initial"}, layout=widgets.Layout(width="auto"))
            radio.add_class("hrdtrain-self-rating")
            self.ratings[st["id"]] = radio
            rows.append(radio)
        self.save_button = ActionButton(description=t("self.save"), tooltip=t("self.save.tooltip"))
        self.save_button.add_class("hrdtrain-check")
        self.save_button.on_click(lambda _b: self.save())
        self.save_button.read_from(*rows)
        self.status = LiveHTML(value="")
        header = widgets.HTML(
            value=f"<style>{stylesheet()}</style><div {html_lang()}><h4 class='hrdtrain-title'>{escape(t(f'self.title.{phase}'))}</h4>"
            f"<p>{escape(t(f'self.intro.{phase}'))}</p><p class='hrdtrain-hint'><small>{escape(t('self.privacy.browser' if in_browser() else 'self.privacy'))}</small></p></div>"
        )
        super().__init__(children=[header, *rows, self.save_button, self.status])
        self.add_class("hrdtrain-quiz")
        mark_language(self)
        self.add_class("hrdtrain-self-assessment")

    def save(self) -> int:
        """Records every rated statement; returns how many were saved."""
        rated = {sid: r.value for sid, r in self.ratings.items() if r.value is not None}
        if not rated:
            self.status.value = f"<p role='status' {html_lang()}>{escape(t('self.rate_first'))}</p>"
            return 0
        notice = None
        for sid, value in rated.items():
            result = Result(item_id=item_id(self.phase, sid), item_type=KIND, answer=value, correct=True, score=0.0)
            notice = recording.record(result, attempt=1) or notice
        text = escape(t_count("self.saved", len(self.ratings), n=len(rated)))
        comparison = self._comparison_html() if self.phase == "after" else ""
        self.status.value = f"<div role='status' {html_lang()}><p>{text}</p>{comparison}</div>{store_status_html(notice)}"
        return len(rated)

    def _comparison_html(self) -> str:
        """Each statement rated at the start and now, in the statement's own words."""
        from ..store import open_store

        try:
            before = {parse_item_id(a.item_id)[1]: a.answer for a in open_store().answers() if a.item_type == KIND and parse_item_id(a.item_id)[0] == "before"}
        except Exception:
            return ""
        rows = [
            f"<li>{escape(t('self.compare.row', statement=self.statements[sid], before=before[sid], now=r.value))}</li>"
            for sid, r in self.ratings.items()
            if r.value is not None and sid in before
        ]
        if not rows:
            return f"<p>{escape(t('self.no_before'))}</p>"
        return f"<p>{escape(t('self.compare'))}</p><ul class='hrdtrain-self-compare'>{''.join(rows)}</ul>"


def self_assessment(phase: str) -> SelfAssessmentWidget:
    """Shows the confidence questionnaire: self_assessment("before") or self_assessment("after")."""
    return SelfAssessmentWidget(phase)
