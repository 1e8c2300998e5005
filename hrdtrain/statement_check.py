"""The public-statement workshop's logic, without widgets: check a draft, write it up, save it.

A draft is the sentence chosen for each paragraph of a statement item plus the learner's own
text. `check_draft` gives back a `Draft`: the chosen sentences with their feedback and the
pitfalls found in the own text. From it come the Result that is recorded (which sentences,
which pitfall ids: never the own text, which stays private), the statement as plain text, and
a plain-text report of the statement with its feedback (saved by `hrdtrain.text_files`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping

from .i18n import t
from .schema.statement import MAX_OWN_TEXT, VERDICT_SCORES, Candidate, Paragraph, Pitfall, StatementItem
from .scoring import AnswerError, Part, Result
from .text_files import WIDTH
from .text_files import plain as _plain
from .text_files import wrap as _wrap



@dataclass(frozen=True)
class Choice:
    """The sentence chosen for one paragraph, or None when the paragraph is left out."""

    paragraph: Paragraph
    candidate: Candidate | None


@dataclass(frozen=True)
class Flag:
    """A pitfall found in the learner's own text, with the passages that triggered it."""

    pitfall: Pitfall
    found: tuple[str, ...]


def find_pitfalls(pitfalls: list[Pitfall], text: str) -> tuple[Flag, ...]:
    """The pitfalls `text` falls into, in the order of the list."""
    flags = []
    for pitfall in pitfalls:
        found = pitfall.matches(text)
        if found:
            flags.append(Flag(pitfall, found))
    return tuple(flags)


@dataclass(frozen=True)
class Draft:
    """A checked draft: the chosen sentences, the own text, the pitfalls found in it."""

    item: StatementItem
    choices: tuple[Choice, ...]
    text: str
    flags: tuple[Flag, ...]

    @property
    def chosen(self) -> list[Choice]:
        """The paragraphs that have a sentence, in order."""
        return [c for c in self.choices if c.candidate is not None]

    @property
    def empty(self) -> bool:
        return not self.chosen and not self.text.strip()

    def counts(self) -> dict[str, int]:
        """How many chosen sentences have each verdict."""
        out = {v: 0 for v in VERDICT_SCORES}
        for c in self.chosen:
            out[c.candidate.verdict] += 1
        return out

    def statement(self) -> str:
        """The statement as plain text: one chosen sentence per paragraph, then the own text."""
        parts = [c.candidate.text for c in self.chosen]
        if self.text.strip():
            parts.append(self.text.strip())
        return "\n\n".join(parts)

    def result(self) -> Result:
        """What is recorded: which sentences were chosen and which pitfall ids were flagged.

        The learner's own text is deliberately left out (it may name people or places), and so
        are the passages that triggered a flag, which are pieces of that text.
        """
        sentences = {c.paragraph.id: (c.candidate.id if c.candidate else None) for c in self.choices}
        flagged = [f.pitfall.id for f in self.flags]
        parts = [
            Part(
                id=f"{c.paragraph.id}.{c.candidate.id}",
                label=c.candidate.text,
                chosen=c.candidate.id,
                correct=c.candidate.verdict != "avoid",
                feedback=c.candidate.feedback,
            )
            for c in self.chosen
        ]
        parts += [Part(id=f"pitfall.{f.pitfall.id}", label=f.pitfall.title, chosen=None, correct=False, feedback=f.pitfall.explanation) for f in self.flags]
        # Each chosen sentence counts by its verdict; each pitfall flag counts as one more choice
        # scored 0; own text without flags counts as one sound choice.
        marks = [VERDICT_SCORES[c.candidate.verdict] for c in self.chosen] + [0.0] * len(self.flags)
        if self.text.strip() and not self.flags:
            marks.append(1.0)
        score = sum(marks) / len(marks) if marks else 0.0
        correct = bool(marks) and not self.flags and all(c.candidate.verdict != "avoid" for c in self.chosen)
        return Result(
            item_id=self.item.id,
            item_type=self.item.type,
            answer={"sentences": sentences, "flagged": flagged},
            correct=correct,
            score=score,
            parts=parts,
            missed=0,
            key_point=self.item.key_point,
            source=self.item.source,
        )

    def report(self) -> str:
        """The statement and all its feedback as plain text, for copying or saving."""
        lines = [t("statement.report.title", title=self.item.title), "=" * WIDTH, ""]
        lines += _wrap(t("statement.disclaimer"), "") + [""]
        lines += [t("statement.report.statement"), "-" * WIDTH, self.statement() or t("statement.report.nothing"), ""]
        lines += [t("statement.report.feedback"), "-" * WIDTH, ""]
        for n, choice in enumerate(self.choices, start=1):
            head = t("statement.paragraph.label", n=n, label=choice.paragraph.label)
            cand = choice.candidate
            if cand is None:
                lines += [f"{head}: {t('statement.left_out')}", ""]
                continue
            lines.append(f"{head}: {t(f'statement.verdict.{cand.verdict}')}")
            lines += _wrap(f"\u201c{cand.text}\u201d", "   ")
            lines += _wrap(_plain(cand.feedback), "   ")
            for dim, check in cand.checks.present():
                lines += _wrap(
                    f"{t(f'statement.dimension.{dim}')}: {t(f'statement.rating.{dim}.{check.rating}')}. {_plain(check.note)}", "   - ", "     "
                )
            lines += _wrap(t("statement.source", source=cand.source), "   ")
            lines.append("")
        if self.text.strip():
            lines += [t("statement.flags.heading"), ""]
            if not self.flags:
                lines += _wrap(t("statement.flags.none"), "   ") + [""]
            for flag in self.flags:
                lines += _wrap(f"\u26a0 {flag.pitfall.title}", "")
                lines += _wrap(t("statement.flag.found", found="; ".join(f"\u201c{f}\u201d" for f in flag.found)), "   ")
                lines += _wrap(_plain(flag.pitfall.explanation), "   ")
                lines += _wrap(f"{t('statement.flag.instead')} \u201c{flag.pitfall.examples.passes[0]}\u201d", "   ")
                lines += _wrap(t("statement.source", source=flag.pitfall.source), "   ")
                lines.append("")
        lines += [t("statement.report.key_point"), "-" * WIDTH]
        lines += _wrap(_plain(self.item.key_point), "")
        lines += ["", t("statement.source", source=self.item.source), ""]
        return "\n".join(lines)


def check_draft(item: StatementItem, sentences: Mapping[str, str | None], text: str = "") -> Draft:
    """Checks a draft: `sentences` maps paragraph ids to the chosen sentence id (None or absent:
    the paragraph is left out); `text` is the learner's own sentences."""
    if not isinstance(sentences, Mapping):
        raise AnswerError(f"item '{item.id}': expected a mapping of paragraph id to sentence id, got {sentences!r}")
    paragraphs = {p.id: p for p in item.paragraphs}
    unknown = sorted(set(sentences) - paragraphs.keys())
    if unknown:
        raise AnswerError(f"item '{item.id}': no paragraph {', '.join(map(repr, unknown))}; paragraphs are {', '.join(paragraphs)}")
    choices = []
    for para in item.paragraphs:
        cid = sentences.get(para.id)
        if cid is None:
            choices.append(Choice(para, None))
            continue
        ids = [c.id for c in para.candidates]
        if cid not in ids:
            raise AnswerError(f"item '{item.id}': paragraph '{para.id}' has no sentence {cid!r}; sentences are {', '.join(ids)}")
        choices.append(Choice(para, para.candidate(cid)))
    if not isinstance(text, str):
        raise AnswerError(f"item '{item.id}': the own text must be text, got {type(text).__name__}")
    if len(text) > MAX_OWN_TEXT:
        raise AnswerError(f"item '{item.id}': the own text is {len(text):,} characters long; at most {MAX_OWN_TEXT:,} are checked: shorten it")
    return Draft(item, tuple(choices), text, find_pitfalls(item.pitfalls, text))


def check_answer(item: StatementItem, answer: Any) -> Draft:
    """`check_draft` for an answer as `score()` takes it: {"sentences": {...}, "text": "..."}."""
    if not isinstance(answer, Mapping) or "sentences" not in answer or set(answer) - {"sentences", "text"}:
        raise AnswerError(f"item '{item.id}': expected {{'sentences': {{paragraph id: sentence id}}, 'text': own sentences}}, got {answer!r}")
    return check_draft(item, answer["sentences"], answer.get("text") or "")
