"""The engagement plan (item type 'plan'): fill in, review, copy, save.

Each part of the plan shows the paper's guidance, tick boxes for the part's prompts (each tick
box labelled with its text) and a notes box. Review lists, part by part, what was ticked with
the paper's tip on it, and names the parts still empty with what to think about; it also shows
the plan as plain text, ready to copy. Save writes it to a .txt file, never over an existing one.

Privacy: a plan may describe real work, people and places. Nothing of it is recorded, not even
which prompts were ticked; it leaves the widget only when the learner saves it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import ipywidgets as widgets

from ..i18n import t, t_count, html_lang
from ..markdown import escape, to_html
from ..plan_report import Plan, fill_plan
from .base import css_class_for, stylesheet, mark_language
from .save_row import SaveRow, small_note
from .statement import copy_box_html
from .controls import ActionButton, LiveHTML



def review_html(plan: Plan) -> str:
    """The review of a plan: every part, what was ticked with its tip, or what to think about."""
    empty = plan.empty_parts()
    summary = t("plan.review.complete") if not empty else t_count("plan.review.missing", len(empty), parts=", ".join(p.label for p in empty))
    out = [
        f"<div role='status' aria-live='polite' {html_lang()}>",
        f"<p class='hrdtrain-disclaimer'><strong>{escape(t('plan.disclaimer'))}</strong></p>",
        f"<p class='hrdtrain-verdict'><strong>{escape(summary)}</strong></p><ul class='hrdtrain-parts hrdtrain-plan-review'>",
    ]
    for n, entry in enumerate(plan.entries, start=1):
        head = escape(t("plan.part.label", n=n, label=entry.part.label))
        if entry.empty:
            out.append(
                f"<li class='hrdtrain-plan-empty'><strong>○ {head}: {escape(t('plan.review.empty'))}</strong>{to_html(entry.part.guidance)}"
                f"<p class='hrdtrain-source'><em>{escape(t('plan.source', source=entry.part.source))}</em></p></li>"
            )
            continue
        out.append(f"<li class='hrdtrain-plan-filled'><strong>● {head}</strong>")
        if entry.ticked:
            out.append("<ul>")
            for prompt in entry.ticked:
                out.append(
                    f"<li><strong>☑ {escape(prompt.text)}</strong>{to_html(prompt.tip)}"
                    f"<p class='hrdtrain-source'><em>{escape(t('plan.source', source=prompt.source))}</em></p></li>"
                )
            out.append("</ul>")
        if entry.notes.strip():
            out.append(f"<p>{escape(t('plan.review.notes_written'))}</p>")
        out.append("</li>")
    out.append(
        f"</ul><div class='hrdtrain-keypoint'><p><strong>{escape(t('plan.key_point'))}:</strong></p>{to_html(plan.item.key_point)}</div>"
        f"<p class='hrdtrain-source'><em>{escape(t('plan.source', source=plan.item.source))}</em></p></div>"
    )
    return "".join(out)


class PlanWidget(widgets.VBox):
    """One engagement plan. `review()` and `save()` do what the Review and Save buttons do.

    `folder`: where Save writes its file (default: the notebook's working folder at save time).
    """

    def __init__(self, item: Any, folder: str | Path | None = None, **options: Any):
        if options:
            raise TypeError(t("plan.error.option", names=", ".join(sorted(options))))
        self.item = item
        self.folder = Path(folder) if folder is not None else None
        self.last_plan: Plan | None = None

        self.header = widgets.HTML(
            value=(
                f"<style>{stylesheet()}{stylesheet('statement.css')}{stylesheet('plan.css')}</style>"
                f"<div {html_lang()}><h4 class='hrdtrain-title'>{escape(item.title)}</h4>{to_html(item.prompt)}"
                f"<p class='hrdtrain-hint'><em>{escape(t('plan.how'))}</em></p>"
                f"<p class='hrdtrain-disclaimer' role='note'><strong>{escape(t('plan.disclaimer'))}</strong></p></div>"
            )
        )
        self.ticks: dict[str, dict[str, widgets.Checkbox]] = {}
        self.notes: dict[str, widgets.Textarea] = {}
        boxes: list[widgets.Widget] = []
        for n, part in enumerate(item.parts, start=1):
            label = t("plan.part.label", n=n, label=part.label)
            boxes.append(
                widgets.HTML(
                    value=f"<div {html_lang()}><h5 class='hrdtrain-paragraph'>{escape(label)}</h5>{to_html(part.guidance)}"
                    f"<p class='hrdtrain-source'><small><em>{escape(t('plan.source', source=part.source))}</em></small></p></div>"
                )
            )
            self.ticks[part.id] = {}
            for prompt in part.prompts:
                box = widgets.Checkbox(value=False, description=prompt.text, indent=False, layout=widgets.Layout(width="auto"))
                box.add_class("hrdtrain-plan-prompt")
                self.ticks[part.id][prompt.id] = box
                boxes.append(box)
            notes = widgets.Textarea(
                value="",
                description=t("plan.notes.label", label=part.label),
                placeholder=part.placeholder,
                rows=3,
                style={"description_width": "initial"},
                layout=widgets.Layout(width="100%"),
            )
            self.notes[part.id] = notes
            boxes.append(notes)

        self.review_button = ActionButton(description=t("plan.review"), tooltip=t("plan.review.tooltip"))
        self.review_button.add_class("hrdtrain-check")
        self.review_button.on_click(lambda _b: self.review())
        self.feedback = LiveHTML(value="")
        self.feedback.add_class("hrdtrain-feedback")
        self.copy_box = widgets.HTML(value=f"<p {html_lang()} class='hrdtrain-hint'><em>{escape(t('plan.copy.empty'))}</em></p>")
        self.copy_box.add_class("hrdtrain-statement-copy")
        self.saver = SaveRow("my-engagement-plan.txt", "plan", self.save)
        self.file_name, self.save_button, self.save_status = self.saver.file_name, self.saver.button, self.saver.status
        # A press brings what the learner sees in the boxes (controls.ActionButton).
        answers = [box for part in self.ticks.values() for box in part.values()] + list(self.notes.values())
        self.review_button.read_from(*answers)
        self.save_button.read_from(*answers, self.file_name)

        super().__init__(
            children=[
                self.header,
                *boxes,
                small_note(t("plan.privacy"), "hrdtrain-privacy"),
                small_note(t("plan.keyboard"), "hrdtrain-keyboard-hint"),
                self.review_button,
                self.feedback,
                self.copy_box,
                *self.saver.children,
            ]
        )
        self.add_class("hrdtrain-quiz")
        mark_language(self)
        self.add_class("hrdtrain-statement")
        self.add_class("hrdtrain-plan")
        self.add_class(css_class_for(item.id))

    def current_answers(self) -> dict[str, dict[str, Any]]:
        """Part id -> {"ticked": [prompt ids], "notes": text}, as `fill_plan` takes it."""
        return {
            part.id: {"ticked": [pid for pid, box in self.ticks[part.id].items() if box.value], "notes": self.notes[part.id].value}
            for part in self.item.parts
        }

    def review(self) -> Plan | None:
        """Shows the review and the plan as text to copy. Records nothing."""
        plan = fill_plan(self.item, self.current_answers())
        if plan.empty:
            self.feedback.value = f"<div role='status' {html_lang()}><p>{escape(t('plan.fill_first'))}</p></div>"
            return None
        self.feedback.value = review_html(plan)
        self.copy_box.value = copy_box_html(plan.report(), label=t("plan.copy.label"))
        self.last_plan = plan
        return plan

    def save(self) -> Path | None:
        """Saves the plan (as it is now, reviewed afresh) as a .txt file; never overwrites a file."""
        plan = self.review()
        if plan is None:
            self.saver.say(t("plan.fill_first"))
            return None
        return self.saver.write(plan.report(), self.folder if self.folder is not None else Path.cwd(), t("plan.save.what"))
