"""The public-statement workshop (item type 'statement'): draft, check, copy, save.

For each paragraph of the statement the learner picks a sentence (radio buttons, so that whole
sentences can be read and compared) or leaves the paragraph out, and may write sentences of
their own. Check shows feedback for every chosen sentence and every known pitfall found in the
own text, and the statement as plain text in a read-only box, ready to copy. Save writes the
statement with its feedback to a .txt file, never over an existing one.

Recording: every checked draft is recorded (`attempt` counts the checks). The Result names the
chosen sentences and the flagged pitfall ids only: the learner's own text is never recorded.
The logic lives in `hrdtrain.statement_check`; this module only draws it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import ipywidgets as widgets

from .. import recording
from ..i18n import t, t_count, html_lang
from ..markdown import escape, to_html, to_inline_html
from ..statement_check import MAX_OWN_TEXT, Draft, check_draft
from .base import css_class_for, store_status_html, stylesheet, mark_language
from .save_row import SaveRow, small_note
from .controls import ActionButton, LiveHTML, RadioGroup



LEAVE_OUT = "-"
"""The radio value of 'leave this paragraph out' (no sentence id can start with '-')."""



def _checks_html(candidate) -> str:
    rows = "".join(
        f"<li><strong>{escape(t(f'statement.dimension.{dim}'))}:</strong> "
        f"{escape(t(f'statement.rating.{dim}.{check.rating}'))}. {to_inline_html(check.note)}</li>"
        for dim, check in candidate.checks.present()
    )
    return f"<ul class='hrdtrain-statement-checks'>{rows}</ul>"


def feedback_html(draft: Draft) -> str:
    """Feedback on a checked draft: every chosen sentence, then every pitfall found.

    Verdicts are told by symbol and word (✓ Use, ◐ Use with care, ✗ Avoid), never by colour.
    """
    counts = draft.counts()
    summary = t(
        "statement.summary",
        sentences=t_count("statement.summary.sentences", len(draft.chosen)),
        use=counts["use"],
        care=counts["care"],
        avoid=counts["avoid"],
        pitfalls=t_count("statement.summary.pitfalls", len(draft.flags)),
    )
    out = [
        f"<div role='status' aria-live='polite' {html_lang()}>",
        f"<p class='hrdtrain-disclaimer'><strong>{escape(t('statement.disclaimer'))}</strong></p>",
        f"<p class='hrdtrain-verdict'><strong>{escape(summary)}</strong></p>",
    ]
    if draft.chosen:
        # The paragraph numbers are part of the text, so the list itself is not numbered.
        out.append(f"<h5>{escape(t('statement.sentences.heading'))}</h5><ul class='hrdtrain-parts hrdtrain-statement-sentences'>")
        for n, choice in enumerate(draft.choices, start=1):
            head = escape(t("statement.paragraph.label", n=n, label=choice.paragraph.label))
            cand = choice.candidate
            if cand is None:
                out.append(f"<li><strong>{head}</strong>: {escape(t('statement.left_out'))}</li>")
                continue
            out.append(
                f"<li class='hrdtrain-verdict-{cand.verdict}'><strong>{head} — {escape(t(f'statement.verdict.{cand.verdict}'))}</strong>"
                f"<blockquote>{escape(cand.text)}</blockquote>{to_html(cand.feedback)}{_checks_html(cand)}"
                f"<p class='hrdtrain-source'><em>{escape(t('statement.source', source=cand.source))}</em></p></li>"
            )
        out.append("</ul>")
    if draft.text.strip():
        out.append(f"<h5>{escape(t('statement.flags.heading'))}</h5>")
        if not draft.flags:
            out.append(f"<p>{escape(t('statement.flags.none'))}</p>")
        else:
            out.append("<ul class='hrdtrain-statement-flags'>")
            for flag in draft.flags:
                found = "; ".join(f"“{f}”" for f in flag.found)
                out.append(
                    f"<li class='hrdtrain-flag'><strong>⚠ {escape(flag.pitfall.title)}</strong>"
                    f"<br><em>{escape(t('statement.flag.found', found=found))}</em>{to_html(flag.pitfall.explanation)}"
                    f"<p>{escape(t('statement.flag.instead'))} <q>{escape(flag.pitfall.examples.passes[0])}</q></p>"
                    f"<p class='hrdtrain-source'><em>{escape(t('statement.source', source=flag.pitfall.source))}</em></p></li>"
                )
            out.append("</ul>")
    out.append(
        f"<div class='hrdtrain-keypoint'><p><strong>{escape(t('statement.key_point'))}:</strong></p>{to_html(draft.item.key_point)}</div>"
        f"<p class='hrdtrain-source'><em>{escape(t('statement.source', source=draft.item.source))}</em></p></div>"
    )
    return "".join(out)


def copy_box_html(text: str, label: str | None = None) -> str:
    """Text in a read-only text box: selectable and copyable, not editable."""
    rows = min(max(text.count("\n") + 3, 4), 20)
    label = escape(label or t("statement.copy.label"))
    return (
        f"<div {html_lang()} class='hrdtrain-statement-copy'><label><strong>{label}</strong><br>"
        f"<textarea readonly rows='{rows}' style='width:100%; box-sizing:border-box' aria-label='{label}'>{escape(text)}</textarea></label>"
        f"<p class='hrdtrain-hint'><small>{escape(t('statement.copy.hint'))}</small></p></div>"
    )


class StatementWidget(widgets.VBox):
    """One statement workshop. `check()` and `save()` do what the Check and Save buttons do.

    `folder`: where Save writes its file (default: the notebook's working folder at save time).
    """

    def __init__(self, item: Any, folder: str | Path | None = None, **options: Any):
        if options:
            raise TypeError(t("statement.error.option", names=", ".join(sorted(options))))
        self.item = item
        self.folder = Path(folder) if folder is not None else None
        self.checks = 0
        self.last_draft: Draft | None = None
        self._last_checked: tuple | None = None

        self.header = widgets.HTML(
            value=(
                f"<style>{stylesheet()}{stylesheet('statement.css')}</style>"
                f"<div {html_lang()}><h4 class='hrdtrain-title'>{escape(item.title)}</h4>{to_html(item.prompt)}"
                f"<p class='hrdtrain-hint'><em>{escape(t('statement.how'))}</em></p>"
                f"<p class='hrdtrain-disclaimer' role='note'><strong>{escape(t('statement.disclaimer'))}</strong></p></div>"
            )
        )
        self.choices: dict[str, RadioGroup] = {}
        paragraph_boxes = []
        for n, para in enumerate(item.paragraphs, start=1):
            label = t("statement.paragraph.label", n=n, label=para.label)
            heading = widgets.HTML(
                value=f"<div {html_lang()}><h5 class='hrdtrain-paragraph'>{escape(label)}</h5>{to_html(para.guidance) if para.guidance else ''}</div>"
            )
            radio = RadioGroup(
                options=[(t("statement.leave_out"), LEAVE_OUT)] + [(c.text, c.id) for c in para.candidates],
                value=None,
                description=label,
                style={"description_width": "initial"},
                layout=widgets.Layout(width="auto"),
            )
            self.choices[para.id] = radio
            paragraph_boxes += [heading, radio]

        self.free_text = widgets.Textarea(
            value="",
            description=t("statement.free_text.label"),
            placeholder=t("statement.free_text.placeholder", limit=MAX_OWN_TEXT),
            rows=4,
            style={"description_width": "initial"},
            layout=widgets.Layout(width="100%"),
        )
        self.check_button = ActionButton(description=t("check"), tooltip=t("statement.check.tooltip"))
        self.check_button.add_class("hrdtrain-check")
        self.check_button.on_click(lambda _b: self.check())
        self.feedback = LiveHTML(value="")
        self.feedback.add_class("hrdtrain-feedback")
        self.copy_box = widgets.HTML(value=f"<p {html_lang()} class='hrdtrain-hint'><em>{escape(t('statement.copy.empty'))}</em></p>")
        self.copy_box.add_class("hrdtrain-statement-copy")

        self.saver = SaveRow(f"statement-{item.id}.txt", "statement", self.save)
        self.file_name, self.save_button, self.save_status = self.saver.file_name, self.saver.button, self.saver.status
        # A press brings what the learner sees in the boxes (controls.ActionButton).
        self.check_button.read_from(*self.choices.values(), self.free_text)
        self.save_button.read_from(*self.choices.values(), self.free_text, self.file_name)

        super().__init__(
            children=[
                self.header,
                *paragraph_boxes,
                self.free_text,
                small_note(t("statement.free_text.privacy"), "hrdtrain-privacy"),
                small_note(t("statement.keyboard"), "hrdtrain-keyboard-hint"),
                self.check_button,
                self.feedback,
                self.copy_box,
                *self.saver.children,
            ]
        )
        self.add_class("hrdtrain-quiz")
        mark_language(self)
        self.add_class("hrdtrain-statement")
        self.add_class(css_class_for(item.id))

    def current_sentences(self) -> dict[str, str | None]:
        """Paragraph id -> chosen sentence id, or None when left out or not chosen yet."""
        return {pid: (None if radio.value in (None, LEAVE_OUT) else radio.value) for pid, radio in self.choices.items()}

    def _state(self) -> tuple:
        return (tuple(sorted(self.current_sentences().items(), key=lambda kv: kv[0])), self.free_text.value)

    def _too_long(self) -> str | None:
        """The message for own text over MAX_OWN_TEXT (the check would refuse it), or None."""
        length = len(self.free_text.value)
        return t("statement.too_long", length=length, limit=MAX_OWN_TEXT) if length > MAX_OWN_TEXT else None

    def check(self) -> Draft | None:
        """Checks the draft, shows the feedback and the statement to copy, records the draft.

        Own text over MAX_OWN_TEXT is not checked: the learner is told so, and the text stays
        in the box as it is (never cut without a word)."""
        too_long = self._too_long()
        if too_long:
            self.feedback.value = f"<div role='alert' {html_lang()}><p><strong>{escape(too_long)}</strong></p></div>"
            return None
        draft = check_draft(self.item, self.current_sentences(), self.free_text.value)
        if draft.empty:
            self.feedback.value = f"<div role='status' {html_lang()}><p>{escape(t('statement.pick_first'))}</p></div>"
            return None
        self.checks += 1
        notice = recording.record(draft.result(), attempt=self.checks)  # stored before it is shown (see base.QuizWidget.check)
        self.feedback.value = feedback_html(draft) + store_status_html(notice)
        self.copy_box.value = copy_box_html(draft.statement())
        self.last_draft = draft
        self._last_checked = self._state()
        return draft

    def save(self) -> Path | None:
        """Saves the statement with its feedback as a .txt file; never overwrites a file.

        A draft changed since the last check is checked (and recorded) first, so the file always
        holds the feedback on exactly the statement it contains.
        """
        draft = self.last_draft if self._last_checked == self._state() else self.check()
        if draft is None:
            self.saver.say(self._too_long() or t("statement.pick_first"))
            return None
        return self.saver.write(draft.report(), self.folder if self.folder is not None else Path.cwd(), t("statement.save.what"))
