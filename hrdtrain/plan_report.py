"""The engagement plan's logic, without widgets: fill it in, review it, write it up as text.

`fill_plan` takes what the learner ticked and wrote for each part and gives back a `Plan`,
which knows which parts are still empty, and writes the plan with the paper's guidance and the
tips for every ticked prompt as plain text, for copying or saving (`hrdtrain.text_files`).
Nothing here records anything: the plan is the learner's own.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping

from .i18n import t
from .schema.plan import PlanItem, PlanPart, PlanPrompt
from .scoring import AnswerError
from .text_files import WIDTH, plain, wrap


@dataclass(frozen=True)
class Entry:
    """One part of the plan as the learner filled it in."""

    part: PlanPart
    ticked: tuple[PlanPrompt, ...]
    notes: str

    @property
    def empty(self) -> bool:
        return not self.ticked and not self.notes.strip()


@dataclass(frozen=True)
class Plan:
    item: PlanItem
    entries: tuple[Entry, ...]

    def empty_parts(self) -> list[PlanPart]:
        return [e.part for e in self.entries if e.empty]

    @property
    def empty(self) -> bool:
        return all(e.empty for e in self.entries)

    def report(self) -> str:
        """The plan as plain text: each part with what was ticked (and the paper's tip on it),
        the learner's notes (unwrapped, as written), and the guidance for parts left empty."""
        lines = [t("plan.report.title", title=self.item.title), "=" * WIDTH, ""]
        lines += wrap(t("plan.disclaimer"), "") + [""]
        for n, entry in enumerate(self.entries, start=1):
            lines += [t("plan.part.label", n=n, label=entry.part.label), "-" * WIDTH]
            if entry.empty:
                lines += wrap(t("plan.report.empty"), "") + wrap(plain(entry.part.guidance), "   ")
                lines += wrap(t("plan.source", source=entry.part.source), "   ") + [""]
                continue
            for prompt in entry.ticked:
                lines += wrap(f"[x] {prompt.text}", "")
                lines += wrap(plain(prompt.tip), "    ")
                lines += wrap(t("plan.source", source=prompt.source), "    ")
            if entry.notes.strip():
                lines += [t("plan.report.notes"), entry.notes.strip()]
            lines.append("")
        lines += [t("plan.report.key_point"), "-" * WIDTH]
        lines += wrap(plain(self.item.key_point), "")
        lines += ["", t("plan.source", source=self.item.source), ""]
        return "\n".join(lines)


def fill_plan(item: PlanItem, answers: Mapping[str, Any]) -> Plan:
    """`answers` maps part ids to {"ticked": [prompt ids], "notes": text}; parts not given are empty."""
    if not isinstance(answers, Mapping):
        raise AnswerError(f"item '{item.id}': expected a mapping of part id to {{'ticked': [...], 'notes': '...'}}, got {answers!r}")
    parts = {p.id: p for p in item.parts}
    unknown = sorted(set(answers) - parts.keys())
    if unknown:
        raise AnswerError(f"item '{item.id}': no part {', '.join(map(repr, unknown))}; parts are {', '.join(parts)}")
    entries = []
    for part in item.parts:
        given = answers.get(part.id) or {}
        if not isinstance(given, Mapping) or set(given) - {"ticked", "notes"}:
            raise AnswerError(f"item '{item.id}': part '{part.id}': expected {{'ticked': [prompt ids], 'notes': text}}, got {given!r}")
        ticked_ids = list(given.get("ticked") or [])
        prompts = {p.id: p for p in part.prompts}
        bad = [pid for pid in ticked_ids if pid not in prompts]
        if bad:
            raise AnswerError(
                f"item '{item.id}': part '{part.id}' has no prompt {', '.join(map(repr, bad))}; prompts are {', '.join(prompts) or 'none'}"
            )
        notes = given.get("notes") or ""
        if not isinstance(notes, str):
            raise AnswerError(f"item '{item.id}': part '{part.id}': notes must be text, got {type(notes).__name__}")
        ticked = tuple(p for p in part.prompts if p.id in ticked_ids)
        entries.append(Entry(part, ticked, notes))
    return Plan(item, tuple(entries))
