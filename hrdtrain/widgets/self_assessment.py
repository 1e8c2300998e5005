"""The confidence questionnaire (notebook 00 "before", notebook 07 "after"): rate 1-5, save.

Each statement is a labelled group of five radio buttons (its text is the label), so it works
with a screen reader and by keyboard. Save records each rating like an answer, in the private
store only. "after" also shows the learner's own "before" ratings beside the new ones.
"""

from __future__ import annotations

import ipywidgets as widgets

from .. import recording
from ..i18n import t
from ..markdown import escape
from ..scoring import Result
from ..questionnaire import KIND, PHASES, item_id, parse_item_id, questionnaire
from .base import store_notice_html, stylesheet


class SelfAssessmentWidget(widgets.VBox):
    def __init__(self, phase: str):
        if phase not in PHASES:
            raise ValueError(t("self.error.phase", phase=phase))
        self.phase = phase
        data = questionnaire()
        scale = [(label, int(value)) for value, label in data["scale"].items()]
        self.ratings: dict[str, widgets.RadioButtons] = {}
        rows = []
        for st in data["statements"]:
            radio = widgets.RadioButtons(options=scale, value=None, description=st["text"], style={"description_width": "initial"}, layout=widgets.Layout(width="auto"))
            radio.add_class("hrdtrain-self-rating")
            self.ratings[st["id"]] = radio
            rows.append(radio)
        self.save_button = widgets.Button(description=t("self.save"), tooltip=t("self.save.tooltip"))
        self.save_button.add_class("hrdtrain-check")
        self.save_button.on_click(lambda _b: self.save())
        self.status = widgets.HTML(value="")
        header = widgets.HTML(
            value=f"<style>{stylesheet()}</style><div dir='auto'><h4 class='hrdtrain-title'>{escape(t(f'self.title.{phase}'))}</h4>"
            f"<p>{escape(t(f'self.intro.{phase}'))}</p><p class='hrdtrain-hint'><small>{escape(t('self.privacy'))}</small></p></div>"
        )
        super().__init__(children=[header, *rows, self.save_button, self.status])
        self.add_class("hrdtrain-quiz")
        self.add_class("hrdtrain-self-assessment")

    def save(self) -> int:
        """Records every rated statement; returns how many were saved."""
        rated = {sid: r.value for sid, r in self.ratings.items() if r.value is not None}
        if not rated:
            self.status.value = f"<p role='status' dir='auto'>{escape(t('self.rate_first'))}</p>"
            return 0
        notice = None
        for sid, value in rated.items():
            result = Result(item_id=item_id(self.phase, sid), item_type=KIND, answer=value, correct=True, score=0.0)
            notice = recording.record(result, attempt=1) or notice
        text = t("self.saved", n=len(rated), total=len(self.ratings))
        if self.phase == "after":
            text += " " + self._comparison()
        self.status.value = f"<p role='status' dir='auto'>{escape(text)}</p>{store_notice_html(notice)}"
        return len(rated)

    def _comparison(self) -> str:
        from ..store import ProgressStore

        try:
            before = {parse_item_id(a.item_id)[1]: a.answer for a in ProgressStore().answers() if a.item_type == KIND and parse_item_id(a.item_id)[0] == "before"}
        except Exception:
            return ""
        changes = [f"{sid}: {before[sid]} → {r.value}" for sid, r in self.ratings.items() if r.value is not None and sid in before]
        return t("self.compare", changes="; ".join(changes)) if changes else t("self.no_before")


def self_assessment(phase: str) -> SelfAssessmentWidget:
    """Shows the confidence questionnaire: self_assessment("before") or self_assessment("after")."""
    return SelfAssessmentWidget(phase)
