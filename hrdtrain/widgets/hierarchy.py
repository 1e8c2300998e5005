"""The hierarchy navigator: pick a goal, choose whom to approach first, read why (paper §6.2).

The map of the police is drawn in HTML and CSS rather than as a picture: it is text, so it
scales, survives right-to-left layouts and can be read by a screen reader. The boxes are hidden
from screen readers and a text version under the map, folded away under "Text version of the
map" so that it does not push the choice and its feedback down the page, says the same,
including which levels are marked. Marks are symbols and words (★ better, ≈ possible, ◆ your choice ✓/✗); colour and
border weight only repeat them.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import ipywidgets as widgets

from .. import recording
from ..i18n import t, html_lang
from ..markdown import escape, to_html, to_inline_html
from ..schema.hierarchy import Goal, HierarchyItem, Level
from ..scoring import Result
from .base import QuizWidget, store_status_html
from .controls import LiveHTML, RadioGroup, SelectList

_NO_GOAL = ""

_CSS = """
.hrdtrain-hierarchy .hrdtrain-map { display: flex; flex-wrap: wrap; gap: 0.8em; margin: 0.5em 0; align-items: flex-start; }
.hrdtrain-hierarchy .hrdtrain-map-police { flex: 2 1 24em; display: flex; flex-wrap: wrap; gap: 0.6em; border: 2px solid var(--jp-border-color1, #777); border-radius: 6px; padding: 0.4em 0.6em; }
.hrdtrain-hierarchy .hrdtrain-map-police > .hrdtrain-map-heading { flex: 1 0 100%; margin: 0; }
.hrdtrain-hierarchy .hrdtrain-map-group { flex: 1 1 11em; border: 1px dashed var(--jp-border-color1, #999); border-radius: 4px; padding: 0.3em 0.5em; }
.hrdtrain-hierarchy .hrdtrain-map-chain { flex: 2 1 14em; }
.hrdtrain-hierarchy .hrdtrain-map-heading { font-size: 0.9em; margin: 0.1em 0 0.3em; }
.hrdtrain-hierarchy .hrdtrain-map-level { box-sizing: border-box; border: 1px solid var(--jp-border-color1, #999); border-radius: 3px; padding: 0.25em 0.5em; margin: 0.25em auto; text-align: center; line-height: 1.3; }
.hrdtrain-hierarchy .hrdtrain-map-arrow { text-align: center; line-height: 1; margin: 0; }
.hrdtrain-hierarchy .hrdtrain-map-level.hrdtrain-map-better { border: 3px solid #2e7d32; font-weight: bold; }
.hrdtrain-hierarchy .hrdtrain-map-level.hrdtrain-map-possible { border: 2px dashed #8a6d00; }
.hrdtrain-hierarchy .hrdtrain-map-level.hrdtrain-map-chosen { outline: 3px double var(--jp-brand-color1, #1976d2); outline-offset: 2px; }
.hrdtrain-hierarchy .hrdtrain-map-mark { display: block; font-size: 0.85em; font-weight: bold; }
.hrdtrain-hierarchy .hrdtrain-map-text { font-size: 0.9em; margin: 0.2em 0 0; }
.hrdtrain-hierarchy .hrdtrain-map-text p { margin: 0.1em 0; }
.hrdtrain-hierarchy .hrdtrain-feedback .hrdtrain-possible { border-inline-start: 4px dotted #8a6d00; padding-inline-start: 0.6em; }
.hrdtrain-hierarchy dl.hrdtrain-profile dt { font-weight: bold; margin-top: 0.3em; }
.hrdtrain-hierarchy dl.hrdtrain-profile dd { margin-inline-start: 1em; }
.hrdtrain-hierarchy details summary { cursor: pointer; }
"""

_STATE_CLASS = {"better": "hrdtrain-correct", "possible": "hrdtrain-possible", "other": "hrdtrain-incorrect"}


def _names(levels: list[Level]) -> str:
    return "; ".join(lv.name for lv in levels)


def profile_html(level: Level) -> str:
    """What one level can and cannot decide, what to expect, the risks and the source."""
    rows = "".join(
        f"<dt>{escape(t(f'hierarchy.profile.{field}'))}</dt><dd>{to_inline_html(getattr(level, field))}</dd>"
        for field in ("who", "can_decide", "cannot", "expect", "risks")
    )
    return (
        f"<dl class='hrdtrain-profile'>{rows}</dl>"
        f"<p class='hrdtrain-source'><em>{escape(t('hierarchy.profile.source', source=level.source))}</em></p>"
    )


def map_html(item: HierarchyItem, goal: Goal | None = None, chosen: str | None = None) -> str:
    """The map of the levels; with a goal and a choice, the better, possible and chosen levels are
    marked in the boxes and said again in the text version below them."""
    marks: dict[str, list[str]] = {lv.id: [] for lv in item.levels}
    classes: dict[str, list[str]] = {lv.id: [] for lv in item.levels}
    if goal is not None and chosen is not None:
        for lid in goal.better:
            marks[lid].append(t("hierarchy.map.mark.better"))
            classes[lid].append("hrdtrain-map-better")
        for lid in goal.also_possible:
            marks[lid].append(t("hierarchy.map.mark.possible"))
            classes[lid].append("hrdtrain-map-possible")
        marks[chosen].append(t(f"hierarchy.map.mark.chosen.{item.verdict(goal, chosen)}"))
        classes[chosen].append("hrdtrain-map-chosen")

    def box(lv: Level, width: int | None = None) -> str:
        style = f" style='width: {width}%'" if width else ""
        spans = "".join(f"<span class='hrdtrain-map-mark'>{escape(m)}</span>" for m in marks[lv.id])
        cls = " ".join(["hrdtrain-map-level", *classes[lv.id]])
        return f"<div class='{cls}' data-level='{escape(lv.id)}'{style}>{escape(lv.name)}{spans}</div>"

    # The paper lists the chain from the bottom up; the map draws it top down, as a pyramid.
    chain = [lv for lv in item.levels if lv.place == "chain"][::-1]
    side = [lv for lv in item.levels if lv.place == "police"]
    outside = [lv for lv in item.levels if lv.place == "outside"]
    arrow = "<p class='hrdtrain-map-arrow'>↓</p>"
    n = len(chain)
    chain_boxes = arrow.join(box(lv, 55 + (45 * i) // max(n - 1, 1)) for i, lv in enumerate(chain))

    def group(css: str, heading_key: str, inner: str) -> str:
        return (
            f"<div class='hrdtrain-map-group {css}'>"
            f"<p class='hrdtrain-map-heading'><strong>{escape(t(heading_key))}</strong></p>{inner}</div>"
        )

    police_parts = []
    if chain:
        police_parts.append(group("hrdtrain-map-chain", "hierarchy.map.chain", chain_boxes))
    if side:
        police_parts.append(group("hrdtrain-map-side", "hierarchy.map.side", "".join(box(lv) for lv in side)))
    drawing = (
        "<div class='hrdtrain-map' aria-hidden='true'>"
        "<div class='hrdtrain-map-police'>"
        f"<p class='hrdtrain-map-heading'><strong>{escape(t('hierarchy.map.police'))}</strong></p>"
        f"{''.join(police_parts)}</div>"
        + (group("hrdtrain-map-outside", "hierarchy.map.outside", "".join(box(lv) for lv in outside)) if outside else "")
        + "</div>"
    )

    text = [t("hierarchy.map.text.heading")]
    if chain:
        text.append(t("hierarchy.map.text.chain", levels=_names(chain)))
    if side:
        text.append(t("hierarchy.map.text.side", levels=_names(side)))
    if outside:
        text.append(t("hierarchy.map.text.outside", levels=_names(outside)))
    if goal is not None and chosen is not None:
        text.append(t("hierarchy.map.text.better", levels=_names([item.level(i) for i in goal.better])))
        if goal.also_possible:
            text.append(t("hierarchy.map.text.possible", levels=_names([item.level(i) for i in goal.also_possible])))
        text.append(t(f"hierarchy.map.text.chosen.{item.verdict(goal, chosen)}", level=item.level(chosen).name))
    caption = "".join(f"<p>{escape(line)}</p>" for line in text)
    return (
        f"<style>{_CSS}</style>"
        f"<figure class='hrdtrain-map-figure' aria-label='{escape(t('hierarchy.map.label'))}' {html_lang()} style='margin: 0'>"
        f"{drawing}<figcaption class='hrdtrain-map-text'><details><summary>{escape(t('hierarchy.map.text.summary'))}</summary>"
        f"{caption}</details></figcaption></figure>"
    )


def feedback_html(item: HierarchyItem, goal: Goal, result: Result, attempt: int) -> str:
    """Why the chosen level is or is not right for the goal, the better and possible levels, what
    to prepare, what can go wrong, the key point and the sources."""
    chosen = result.answer["level"]
    verdict = item.verdict(goal, chosen)
    level = item.level(chosen)

    def entries(ids: list[str], mark: str) -> str:
        return "".join(
            f"<li><strong>{escape(mark)} {escape(item.level(i).name)}</strong>: {to_inline_html(goal.feedback[i])}</li>" for i in ids
        )

    out = [
        f"<p class='hrdtrain-verdict'><strong>{escape(t(f'hierarchy.verdict.{verdict}'))}</strong> "
        f"{escape(t('hierarchy.attempt', n=attempt))}</p>",
        f"<p><strong>{escape(t('hierarchy.you_chose'))}</strong> {escape(level.name)}</p>",
        to_html(goal.feedback[chosen]),
    ]
    others = [i for i in goal.better if i != chosen]
    if others:
        heading = t("hierarchy.better.others") if verdict == "better" else t("hierarchy.better.heading")
        out.append(f"<p><strong>{escape(heading)}</strong></p><ul>{entries(others, '★')}</ul>")
    possible = [i for i in goal.also_possible if i != chosen]
    if possible:
        out.append(f"<p><strong>{escape(t('hierarchy.possible.heading'))}</strong></p><ul>{entries(possible, '≈')}</ul>")
    for key, points in (("hierarchy.prepare.heading", goal.prepare), ("hierarchy.risks.heading", goal.risks)):
        rows = "".join(f"<li>{to_inline_html(p)}</li>" for p in points)
        out.append(f"<p><strong>{escape(t(key))}</strong></p><ul>{rows}</ul>")
    out.append(
        f"<div class='hrdtrain-keypoint'><p><strong>{escape(t('feedback.key_point'))}:</strong></p>{to_html(goal.key_point)}</div>"
    )
    out.append(
        f"<details><summary>{escape(t('hierarchy.profile.summary', level=level.name))}</summary>{profile_html(level)}</details>"
    )
    out.append(f"<p class='hrdtrain-source'><em>{escape(t('feedback.source', source=goal.source))}</em></p>")
    return f"<div role='status' aria-live='polite' {html_lang()} class='{_STATE_CLASS[verdict]}'>{''.join(out)}</div>"


class HierarchyWidget(QuizWidget):
    """Whom to approach first for a goal: a goal list (for a navigator), the levels as radio
    buttons, a Check button, the map, and feedback with sources.

    `goal`: open a navigator on one of its goals only, e.g.
    `show("6.2-hierarchy", goal="6.2-goal-ethnic-profiling")`.
    """

    def __init__(self, item: HierarchyItem, goal: str | None = None):
        if goal is not None:
            try:
                item = item.goal_item(goal)
            except KeyError:
                raise ValueError(
                    t("hierarchy.error.unknown_goal", goal=goal, id=item.id, goals=", ".join(g.id for g in item.goals))
                ) from None
        self.attempts: Counter[str] = Counter()
        super().__init__(item)
        self.add_class("hrdtrain-hierarchy")

    def build_controls(self) -> list[widgets.Widget]:
        controls: list[widgets.Widget] = []
        self.goal_choice: SelectList | None = None
        if self.item.single_goal is None:
            self.goal_choice = SelectList(
                options=[(t("hierarchy.goal.choose"), _NO_GOAL)] + [(g.title, g.id) for g in self.item.goals],
                value=_NO_GOAL,
                description=t("hierarchy.goal.label"),
            )
            self.goal_choice.observe(self._goal_changed, names="value")
            controls.append(self.goal_choice)
        self.situation = LiveHTML(value="")  # the goal's situation, read out when a goal is picked
        self.situation.add_class("hrdtrain-situation")
        self.map = widgets.HTML(value=map_html(self.item))
        self.map.add_class("hrdtrain-hierarchy-map")
        guide = "".join(
            f"<details><summary>{escape(lv.name)}</summary>{profile_html(lv)}</details>" for lv in self.item.levels
        )
        self.guide = widgets.HTML(
            value=f"<details {html_lang()} class='hrdtrain-guide'><summary>{escape(t('hierarchy.guide.summary'))}</summary>{guide}</details>"
        )
        self.choice = RadioGroup(
            options=[(lv.name, lv.id) for lv in self.item.levels],
            value=None,
            description=t("hierarchy.level.label"),
            style={"description_width": "initial"},
            layout=widgets.Layout(width="100%"),
        )
        hint = "hierarchy.keyboard" if self.goal_choice is not None else "hierarchy.keyboard.single"
        return [*controls, self.situation, self.map, self.choice, self.keyboard_hint(hint), self.guide]

    def arrange(self, controls: list[widgets.Widget]) -> list[widgets.Widget]:
        """Goal and situation; the map beside the choice and Check (above them on a narrow
        screen); the feedback right after Check, where the learner is looking; then the guide."""
        *goal_and_situation, map_, choice, hint, guide = controls
        answer = widgets.VBox([choice, hint, self.check_button], layout=widgets.Layout(flex="1 1 20em", min_width="16em"))
        self.map.layout = widgets.Layout(flex="2 1 24em")
        row = widgets.HBox([map_, answer], layout=widgets.Layout(flex_flow="row wrap", align_items="flex-start", width="100%"))
        return [self.header, *goal_and_situation, row, self.feedback, guide]

    def current_goal(self) -> Goal | None:
        """The goal being worked on: the fixed goal of a single-goal item, or the one picked."""
        if self.goal_choice is None:
            return self.item.single_goal
        return self.item.goal(self.goal_choice.value) if self.goal_choice.value != _NO_GOAL else None

    def current_answer(self) -> Any:
        goal = self.current_goal()
        if goal is None or self.choice.value is None:
            return None
        return {"goal": goal.id, "level": self.choice.value}

    def _goal_changed(self, change: dict) -> None:
        goal = self.current_goal()
        self.situation.value = (
            f"<div {html_lang()}><p><strong>{escape(t('hierarchy.situation'))}</strong></p>{to_html(goal.situation)}</div>"
            if goal is not None
            else ""
        )
        self.choice.value = None
        self.feedback.value = ""
        self.map.value = map_html(self.item)

    def _ask(self, key: str) -> None:
        self.feedback.value = f"<div role='status' {html_lang()}><p>{escape(t(key))}</p></div>"

    def check(self) -> Result | None:
        """Scores the choice for the current goal, shows the feedback and the marked map, and
        records the choice with its attempt number for that goal."""
        goal = self.current_goal()
        if goal is None:
            self._ask("hierarchy.pick_goal")
            return None
        if self.choice.value is None:
            self._ask("hierarchy.pick_level")
            return None
        result = self.item.score({"goal": goal.id, "level": self.choice.value})
        self.tries += 1
        self.attempts[goal.id] += 1
        attempt = self.attempts[goal.id]
        notice = recording.record(result, attempt=attempt)  # stored before it is shown (see base.QuizWidget.check)
        self.feedback.value = feedback_html(self.item, goal, result, attempt) + store_status_html(notice)
        self.map.value = map_html(self.item, goal, self.choice.value)
        self.last_result = result
        if self.earlier is not None:  # "answered before: not right yet" gives way to "now right"
            self.header.value = self._header_html()
        return result
