"""What a recorded answer means in words, for the facilitator's group view.

Exports and the store keep ids (`"inaccurate"`, `["b"]`, `{"arrest-or-fine": "may", ...}`), so
that translations and rewording never change a score. A facilitator needs the words: the
verdict's label, the option's text, the level's name, the ending a role play reached. These
functions look them up in the bank and fall back to the id when the bank does not know it (an
export from another version of the course). They return plain text: the caller escapes it.
"""

from __future__ import annotations

from typing import Any

from .text_files import plain

QUIZ_TYPES = ("judge", "choice", "sort", "hierarchy")
"""Items with a right answer at a first try; role plays (scenario) and workshops (statement)
are counted apart, as their answers are decisions and drafts, not tries."""

MAX_WORDS = 90
"""Option texts are cut to this many characters in a table cell."""


def short(text: str, limit: int = MAX_WORDS) -> str:
    text = plain(text)
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def kind(item_id: str, exported_type: str, bank) -> str:
    """"quiz", "roleplay" or "workshop", by the bank's type (the export's if the bank lacks the item)."""
    item_type = bank.items[item_id].type if item_id in bank.items else exported_type
    return {"scenario": "roleplay", "statement": "workshop"}.get(item_type, "quiz")


def answer_text(item, answer: Any) -> str:
    """A first answer in words: 'It depends', 'Call the lawyer first', the level's name..."""
    from .i18n import t

    if item is None:
        return str(answer)
    if item.type == "judge" and isinstance(answer, str):
        try:
            return t(f"verdict.{answer}")
        except KeyError:  # not a verdict of this version of the course
            return answer
    if item.type == "choice":
        texts = {o.id: o.text for o in item.options}
        chosen = answer if isinstance(answer, list) else [answer]
        return " + ".join(short(texts.get(c, str(c))) for c in chosen) or "(nothing)"
    if item.type == "hierarchy" and isinstance(answer, dict):
        names = {lv.id: lv.name for lv in item.levels}
        return names.get(answer.get("level"), str(answer.get("level")))
    return str(answer)


def misplaced(item, answers: dict[str, int]) -> list[tuple[str, int]]:
    """For a sort item: each statement with how many first answers put it in the wrong category,
    most misplaced first. `answers` maps a first answer (as JSON) to how many gave it."""
    import json

    wrong: dict[str, int] = {s.id: 0 for s in item.statements}
    for key, n in answers.items():
        placed = json.loads(key)
        if not isinstance(placed, dict):
            continue
        for s in item.statements:
            if placed.get(s.id) != s.category:
                wrong[s.id] += n
    text = {s.id: s.text for s in item.statements}
    return sorted(((short(text[i]), n) for i, n in wrong.items() if n), key=lambda p: -p[1])


def ending_of(item, path: Any) -> str:
    """The outcome a role-play path reached: 'good', 'mixed', 'poor', or 'unfinished'."""
    if item is None:
        return "unknown"
    try:
        scene = item.where(path)
    except Exception:  # a path that does not fit this version of the role play
        return "unknown"
    return scene.ending.outcome if scene.ending else "unfinished"


def statement_text(statement_id: str) -> str:
    """A self-assessment statement in words (the id itself if the questionnaire lacks it)."""
    from .questionnaire import questionnaire

    for s in questionnaire()["statements"]:
        if s["id"] == statement_id:
            return s["text"]
    return statement_id
