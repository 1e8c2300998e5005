"""Scoring: a pure function from (item, answer) to a Result.

Widgets only call `score()` and draw the Result; tests of right and wrong need no kernel.
The same Result feeds the notebook display, the recording function and, later, reports.

Answers, by item type:
- judge:  a verdict, "accurate" | "inaccurate" | "depends"
- choice: an option id, or a collection of option ids for items with several right options
- sort:   a mapping statement id -> category id (statements not yet placed may be left out)
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Mapping

from .i18n import t, t_count
from .markdown import escape, to_html, to_inline_html
from .schema import VERDICTS, ChoiceItem, JudgeItem, SortItem


class AnswerError(ValueError):
    """An answer that does not fit the item (an option id the item does not have, ...)."""


@dataclass(frozen=True)
class Part:
    """The verdict on one piece of an answer: a chosen option, a verdict, a placed statement."""

    id: str
    label: str
    chosen: str | None
    correct: bool
    feedback: str


@dataclass(frozen=True)
class Result:
    """The outcome of one answer to one item."""

    item_id: str
    item_type: str
    answer: Any
    correct: bool
    score: float
    parts: list[Part] = field(default_factory=list)
    missed: int = 0
    key_point: str = ""
    source: str = ""

    def to_dict(self) -> dict[str, Any]:
        """A plain, JSON-serialisable dict (for recording and exports)."""
        d = asdict(self)
        if isinstance(self.answer, (set, frozenset, tuple)):
            d["answer"] = sorted(self.answer)
        return d

    def _repr_html_(self) -> str:
        return feedback_html(self, tries=None, reveal=True)


def _judge(item: JudgeItem, answer: Any) -> Result:
    if answer not in VERDICTS:
        raise AnswerError(f"item '{item.id}': {answer!r} is not a verdict; expected one of {', '.join(VERDICTS)}")
    correct = answer == item.answer
    part = Part(
        id=answer,
        label=t(f"verdict.{answer}"),
        chosen=answer,
        correct=correct,
        feedback=getattr(item.feedback, answer),
    )
    return Result(item.id, item.type, answer, correct, 1.0 if correct else 0.0, [part], 0, item.key_point, item.source)


def _choice(item: ChoiceItem, answer: Any) -> Result:
    options = {o.id: o for o in item.options}
    if item.multiple:
        if isinstance(answer, str):
            answer = [answer]
        chosen = frozenset(answer or ())
    else:
        if not isinstance(answer, str):
            raise AnswerError(f"item '{item.id}': expected one option id, got {answer!r}")
        chosen = frozenset([answer])
    unknown = sorted(chosen - options.keys())
    if unknown:
        raise AnswerError(f"item '{item.id}': no option {', '.join(map(repr, unknown))}; options are {', '.join(options)}")
    right = item.correct_ids
    parts = [
        Part(o.id, o.text, o.id, o.id in right, o.feedback) for o in item.options if o.id in chosen
    ]
    correct = chosen == right
    # Partial credit for several-answer items: the share of options judged the right way.
    score = (
        sum((o.id in chosen) == (o.id in right) for o in item.options) / len(item.options)
        if item.multiple
        else float(correct)
    )
    if correct:
        score = 1.0
    stored = sorted(chosen) if item.multiple else answer
    # Only a several-answer item can have right options left unticked: a radio group holds one.
    missed = len(right - chosen) if item.multiple else 0
    return Result(item.id, item.type, stored, correct, score, parts, missed, item.key_point, item.source)


def _sort(item: SortItem, answer: Any) -> Result:
    if not isinstance(answer, Mapping):
        raise AnswerError(f"item '{item.id}': expected a mapping of statement id to category id, got {answer!r}")
    cats = {c.id: c for c in item.categories}
    stmts = {s.id: s for s in item.statements}
    unknown = sorted(set(answer) - stmts.keys())
    if unknown:
        raise AnswerError(f"item '{item.id}': no statement {', '.join(map(repr, unknown))}")
    bad = sorted(v for v in answer.values() if v is not None and v not in cats)
    if bad:
        raise AnswerError(f"item '{item.id}': no category {', '.join(map(repr, bad))}; categories are {', '.join(cats)}")
    parts = []
    for s in item.statements:
        placed = answer.get(s.id)
        parts.append(Part(s.id, s.text, placed, placed == s.category, s.feedback))
    n_right = sum(p.correct for p in parts)
    correct = n_right == len(parts)
    return Result(item.id, item.type, dict(answer), correct, n_right / len(parts), parts, 0, item.key_point, item.source)


_SCORERS = {"judge": _judge, "choice": _choice, "sort": _sort}


def score(item, answer: Any) -> Result:
    """Scores `answer` to `item`; raises AnswerError for an answer that does not fit the item.

    The practice tools (hierarchy, scenario, statement) score themselves: `item.score(answer)`.
    An engagement plan ('plan') has no score.
    """
    if item.type in _SCORERS:
        return _SCORERS[item.type](item, answer)
    if item.type == "plan":
        raise AnswerError(f"item '{item.id}' is an engagement plan: it has no right answer and is never scored")
    return item.score(answer)


def _category_label(item, cat_id: str | None) -> str:
    for c in getattr(item, "categories", []):
        if c.id == cat_id:
            return c.label
    return ""


def feedback_html(result: Result, tries: int | None, reveal: bool, item=None, answered_before: bool = False) -> str:
    """The feedback a learner reads after pressing Check.

    `answered_before`: the learner's private store held answers to this item before this
    session, so try counts are said to be "in this session" (a first try now is not a first try).

    Right and wrong are told in words and symbols (✓ / ✗), never by colour alone. While the
    answer is wrong and not yet revealed, feedback explains the chosen options but does not
    give away which unchosen options are right.
    """
    out: list[str] = []
    if result.correct:
        out.append(f"<p class='hrdtrain-verdict'><strong>{escape(t('feedback.correct'))}</strong>")
        if tries is not None:
            session = ".session" if answered_before else ""
            msg = t("feedback.tries.first" + session) if tries == 1 else t_count("feedback.tries.many" + session, tries)
            out.append(" " + escape(msg))
        out.append("</p>")
    else:
        if result.item_type == "sort" or (result.item_type == "choice" and result.score not in (0.0, 1.0)):
            right = sum(p.correct for p in result.parts)
            verdict = t("feedback.partly", right=right, total=len(result.parts)) if result.item_type == "sort" else t("feedback.incorrect")
        else:
            verdict = t("feedback.incorrect")
        out.append(f"<p class='hrdtrain-verdict'><strong>{escape(verdict)}</strong>")
        if tries is not None:
            out.append(" " + escape(t("feedback.attempt.session" if answered_before else "feedback.attempt", tries=tries)))
        if not reveal:
            out.append(" " + escape(t("feedback.try_again")))
        elif tries is not None:
            out.append(" " + escape(t_count("feedback.reveal", tries)))
        out.append("</p>")

    out.append("<ul class='hrdtrain-parts'>")
    for p in result.parts:
        mark = t("feedback.right_mark") if p.correct else t("feedback.wrong_mark")
        if result.item_type == "sort":
            placed = _category_label(item, p.chosen) if item is not None else (p.chosen or "")
            head = f"<strong>{escape(mark)}</strong> — {to_inline_html(p.label)}"
            if p.correct or reveal:
                body = f"<br>{escape(t('feedback.placed_in', label=placed))}. {to_inline_html(p.feedback)}"
            else:
                body = f"<br>{escape(t('feedback.placed_in', label=placed))}."
        else:
            head = f"<strong>{escape(mark)}</strong> — {escape(t('feedback.your_choice'))} {to_inline_html(p.label)}"
            body = f"<div>{to_html(p.feedback)}</div>"
        out.append(f"<li>{head}{body}</li>")
    out.append("</ul>")

    if result.missed and not result.correct and not reveal:
        out.append(f"<p>{escape(t_count('feedback.missed', result.missed))}</p>")
    if reveal and not result.correct and item is not None:
        out.append(_answer_html(item))
    if result.correct or reveal:
        out.append(
            f"<div class='hrdtrain-keypoint'><p><strong>{escape(t('feedback.key_point'))}:</strong></p>{to_html(result.key_point)}</div>"
        )
    out.append(f"<p class='hrdtrain-source'><em>{escape(t('feedback.source', source=result.source))}</em></p>")
    return "".join(out)


def _answer_html(item) -> str:
    """The full answer with its reasoning, shown once the learner has had enough tries."""
    if item.type == "judge":
        label = t(f"verdict.{item.answer}")
        return f"<p><strong>{escape(t('feedback.answer_was'))} {escape(label)}</strong></p>{to_html(getattr(item.feedback, item.answer))}"
    if item.type == "choice":
        rows = "".join(
            f"<li>{to_inline_html(o.text)}: {to_inline_html(o.feedback)}</li>" for o in item.options if o.id in item.correct_ids
        )
        return f"<p><strong>{escape(t('feedback.answer_was'))}</strong></p><ul>{rows}</ul>"
    rows = "".join(
        f"<li>{to_inline_html(s.text)} → <strong>{escape(_category_label(item, s.category))}</strong>: {to_inline_html(s.feedback)}</li>"
        for s in item.statements
    )
    return f"<p><strong>{escape(t('feedback.answer_was'))}</strong></p><ul>{rows}</ul>"
