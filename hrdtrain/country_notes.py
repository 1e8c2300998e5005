"""Country notes: what one country's domestic law says, attached to quiz items by id.

The paper often says that something "depends on domestic law". A facilitator adapts the course
to a country by writing a YAML file of notes (see docs/examples/country-notes-example.yaml) and
naming it in the environment variable HRDTRAIN_COUNTRY_NOTES. Each quiz then shows its note
under the prompt, marked as a local note and not part of the paper.

The file is checked like the content bank (`hrdtrain notes FILE` prints every problem as
file:line: item: field: message). In a notebook a broken file never breaks a quiz: the quiz
shows one line saying the notes file has problems, and no notes at all, because a facilitator
should see every note checked before learners read any of them.
"""

from __future__ import annotations

import datetime
import difflib
import functools
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Sequence

from pydantic import AfterValidator, BeforeValidator, Field, ValidationError

from .bank import Bank, Problem, _describe_pydantic_error, _display_path, _field_path, _LineIndex, _load_file
from .short_text import shorten
from .schema.base import Strict

ENV_VAR = "HRDTRAIN_COUNTRY_NOTES"
"""Names the notes file the course shows; unset or empty: no notes."""

SHOWN_ON = ("judge", "choice", "sort", "hierarchy")
"""Item types whose widget shows a note (the quizzes built on QuizWidget). A note on another
type would never be seen, so it is reported as a problem instead of being silently ignored."""


def _date_as_text(value: Any) -> Any:
    # YAML reads an unquoted 2026-03-01 as a date: accept it, as authors will not quote it.
    return value.isoformat() if isinstance(value, datetime.date) else value


def _check_date(value: str) -> str:
    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{shorten(value)} is not a date; write it as year-month-day, e.g. 2026-03-01") from None
    if len(value) != 10:
        raise ValueError(f"{shorten(value)} is not a date; write it as year-month-day, e.g. 2026-03-01")
    return value


DateText = Annotated[str, BeforeValidator(_date_as_text), AfterValidator(_check_date)]


class CountryNote(Strict):
    """One note: what domestic law says on the question a quiz item asks."""

    item: str = Field(
        min_length=1,
        description="The id of the quiz item the note belongs to, as `hrdtrain list` prints it, e.g. '3.2-filming-police'.",
    )
    note: str = Field(
        min_length=10,
        description="What domestic law says on this point, in plain words (Markdown). Say what it means for a defender, not only what the text says.",
    )
    law: str = Field(
        min_length=3,
        description="The domestic provision the note rests on, so a reader can look it up, e.g. 'Public Order Act 2011, s. 12'.",
    )
    caution: str | None = Field(
        default=None,
        min_length=3,
        description="Optional: where practice differs from the law, the law is unclear or is about to change, or a court has said otherwise.",
    )


class CountryNotes(Strict):
    """A notes file: whose law, who prepared it, when it was last checked, and the notes."""

    country: str = Field(min_length=2, description="The country (or region) whose law the notes describe.")
    prepared_by: str | None = Field(
        default=None, min_length=2, description="Optional: the organisation that prepared the notes, shown with every note."
    )
    checked_on: DateText = Field(
        description="When the notes were last checked against the law, as year-month-day (2026-03-01). Laws change: check again before each workshop."
    )
    notes: list[CountryNote] = Field(min_length=1, description="The notes, at most one per quiz item.")

    def for_item(self, item_id: str) -> CountryNote | None:
        return next((n for n in self.notes if n.item == item_id), None)


_EMPTY_OR_NOT_A_MAPPING = ("the file is empty", "expected 'section', 'title' and 'items'")
"""bank._load_file words these two problems for content files; a notes file expects other fields."""


def check(path: str | Path, bank: Bank | None = None) -> tuple[CountryNotes | None, list[Problem]]:
    """Reads and checks a notes file against the course's items; returns the notes (None if
    there is any problem) and every problem found."""
    path = Path(path)
    shown = _display_path(path)
    if not path.is_file():
        return None, [Problem(shown, "no such file" if not path.exists() else "is a folder, not a notes file")]
    data, text, problems = _load_file(path, shown, "country notes files")
    if problems:
        if problems[0].message.startswith(_EMPTY_OR_NOT_A_MAPPING[0]):
            problems = [Problem(shown, "the file is empty; expected 'country', 'checked_on' and 'notes'")]
        elif problems[0].message.startswith(_EMPTY_OR_NOT_A_MAPPING[1]):
            problems = [Problem(shown, "expected 'country', 'checked_on' and 'notes' at the top of the file", line=1)]
        return None, problems

    index: _LineIndex | None = None

    def line_of(loc: Sequence[str | int]) -> int | None:
        nonlocal index
        if index is None:
            index = _LineIndex(text)
        return index.line(loc)

    notes: CountryNotes | None = None
    try:
        notes = CountryNotes.model_validate(data)
    except ValidationError as exc:
        for err in exc.errors():
            loc, msg = _describe_pydantic_error(err)
            problems.append(_problem(shown, loc, msg, err, data.get("notes"), line_of(loc)))
    # Item ids are checked even when other fields have problems: the author fixes it all at once.
    problems.extend(_item_problems(shown, data.get("notes"), bank, line_of))
    problems.sort(key=lambda p: p.line if p.line is not None else 0)
    return (None if problems else notes), problems


def _item_problems(shown: str, raw_notes: Any, bank: Bank | None, line_of) -> list[Problem]:
    """Each note's item must be a quiz in the course, and have at most one note."""
    if not isinstance(raw_notes, list):
        return []
    if bank is None:
        from .bank import default_bank

        bank = default_bank()
    problems: list[Problem] = []
    first_line: dict[str, int | None] = {}
    for i, raw in enumerate(raw_notes):
        item_id = raw.get("item") if isinstance(raw, dict) else None
        if not isinstance(item_id, str) or not item_id.strip():
            continue  # reported by the model: missing, or not text
        item_id = item_id.strip()
        here = line_of(["notes", i, "item"])
        item = bank.items.get(item_id)
        if item is None:
            close = bank.suggest(item_id)
            hint = "did you mean " + ", ".join(f"'{s}'" for s in close) + "?" if close else "run `hrdtrain list` to see every item id"
            problems.append(Problem(shown, f"no item '{item_id}' in the course; {hint}", line=here, item_id=item_id, field="item"))
        elif item.type not in SHOWN_ON:
            problems.append(
                Problem(
                    shown,
                    f"'{item_id}' is a {item.type}, and notes are shown only on quizzes ({', '.join(SHOWN_ON)}); attach the note to a quiz item of the same section",
                    line=here, item_id=item_id, field="item",
                )
            )
        elif item_id in first_line:
            problems.append(
                Problem(shown, f"this item already has a note at line {first_line[item_id]}; put both in one note", line=here, item_id=item_id, field="item")
            )
        first_line.setdefault(item_id, here)
    return problems


def _problem(shown: str, loc: list[str | int], msg: str, err: dict, raw_notes: Any, line: int | None) -> Problem:
    """One pydantic error as a Problem; inside a note, named by the note's item id when it has one."""
    name = str(loc[-1]) if loc else ""
    if err["type"] == "extra_forbidden":
        allowed = CountryNote.model_fields if len(loc) == 3 else CountryNotes.model_fields
        close = difflib.get_close_matches(name, list(allowed), n=1, cutoff=0.6)
        what = "a note" if len(loc) == 3 else "a notes file"
        msg = f"'{name}' is not a field {what} can have" + (f"; did you mean '{close[0]}'?" if close else f"; expected {', '.join(allowed)}")
    if len(loc) >= 2 and loc[0] == "notes" and isinstance(loc[1], int):
        raw = raw_notes[loc[1]] if isinstance(raw_notes, list) and loc[1] < len(raw_notes) else None
        item_id = raw.get("item") if isinstance(raw, dict) else None
        if isinstance(item_id, str) and item_id.strip():
            return Problem(shown, msg, line=line, item_id=item_id.strip(), field=_field_path(loc[2:]) or None)
    return Problem(shown, msg, line=line, field=_field_path(loc) or None)


# --- What a quiz shows --------------------------------------------------------------------

_BOX_STYLE = (
    "border: 2px dashed var(--jp-border-color1, #767676); border-left-width: 6px; "
    "padding: 0.3em 0.9em; margin: 0.8em 0;"
)


@dataclass(frozen=True)
class LocalNote:
    """A country note as one quiz shows it, under the prompt; displays itself in a notebook."""

    notes: CountryNotes
    note: CountryNote

    def _repr_html_(self) -> str:
        from .i18n import t
        from .markdown import escape, to_html, to_inline_html

        n = self.notes
        if n.prepared_by:
            heading = t("notes.heading.by", country=n.country, prepared_by=n.prepared_by, checked_on=n.checked_on)
        else:
            heading = t("notes.heading", country=n.country, checked_on=n.checked_on)
        caution = (
            f"<p class='hrdtrain-country-note-caution'><strong>⚠ {escape(t('notes.caution'))}</strong> {to_inline_html(self.note.caution)}</p>"
            if self.note.caution
            else ""
        )
        return (
            f"<aside class='hrdtrain-country-note' role='note' aria-label='{escape(t('notes.aria', country=n.country))}' dir='auto' style='{_BOX_STYLE}'>"
            f"<p class='hrdtrain-country-note-label'><strong>⚑ {escape(t('notes.label'))}</strong></p>"
            f"<p><strong>{escape(heading)}</strong></p>{to_html(self.note.note)}"
            f"<p class='hrdtrain-country-note-law'>— {escape(self.note.law)}</p>{caution}</aside>"
        )


@dataclass(frozen=True)
class BrokenNotes:
    """The notes file named in HRDTRAIN_COUNTRY_NOTES has problems: one line says so."""

    path: str

    def _repr_html_(self) -> str:
        from .i18n import t
        from .markdown import escape

        return (
            f"<p class='hrdtrain-country-note-broken' role='note' dir='auto' style='{_BOX_STYLE}'>"
            f"<strong>⚠ {escape(t('notes.broken', file=self.path))}</strong></p>"
        )


def _stamp(path: str) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_mtime_ns, st.st_size


@functools.lru_cache(maxsize=4)
def _checked(path: str, stamp: tuple[int, int] | None) -> CountryNotes | None:
    """The notes of a valid file, None for a file with problems; cached until the file changes
    (`stamp`), so a facilitator who fixes the file sees it at the next quiz.

    A check that fails in any way (even out of memory) is cached as None too: a hostile or
    broken file is read once per kernel, not once per quiz cell.
    """
    try:
        notes, _problems = check(path)
    except Exception:  # whatever is wrong with the file, the quiz must still be shown
        return None
    return notes


def for_item(item_id: str) -> LocalNote | BrokenNotes | None:
    """What a quiz for `item_id` shows from the file in HRDTRAIN_COUNTRY_NOTES: its note, the
    line saying the file is broken, or None (no file named, or no note for this item)."""
    path = os.environ.get(ENV_VAR, "").strip()
    if not path:
        return None
    try:
        notes = _checked(path, _stamp(path))
    except Exception:  # whatever is wrong with the file, the quiz must still be shown
        notes = None
    if notes is None:
        return BrokenNotes(path)
    note = notes.for_item(item_id)
    return LocalNote(notes, note) if note else None


def note_html(item_id: str) -> str:
    """The HTML a quiz puts under its prompt: a note, a one-line warning, or nothing."""
    shown = for_item(item_id)
    return shown._repr_html_() if shown else ""
