"""The one place every answer goes: quizzes, tools and role plays all call `record()`.

Each answer is kept in this kernel's memory (for the widgets and tests) and written to the
learner's private progress store (`hrdtrain.store`: a local SQLite file under a random id).
If the store cannot be written (read-only or full disk...), the quiz goes on working: `record`
returns a message saying, once per kernel, that progress is not being saved, and the widget
shows it. Free text is never recorded: results carry only ids of what was chosen.
"""

from __future__ import annotations

import threading
import time
from typing import Any

from .scoring import Result

_lock = threading.Lock()
_answers: list[dict[str, Any]] = []
_warned = False
_stored = False
"""Whether the latest `record()` reached the private store (see `last_stored`)."""


def _store():
    from .store import open_store

    return open_store()


def record(result: Result, attempt: int) -> str | None:
    """Keeps one checked answer: which item, what was answered, right or wrong, which try.

    Returns None when the answer is safely stored; otherwise, the first time only, a message
    for the learner that progress is not being saved (and why).

    Widgets call this BEFORE they show the feedback: in the browser edition the kernel lives in
    the page, so a learner who reloads the page as soon as the feedback appears would otherwise
    stop the kernel in the middle of the write, and the answer would be lost.
    """
    global _warned, _stored
    entry = result.to_dict()
    entry.pop("parts", None)  # feedback text is content, not part of the learner's answer
    entry.pop("key_point", None)
    entry.pop("source", None)
    entry["attempt"] = attempt
    entry["time"] = time.time()
    with _lock:
        _answers.append(entry)
        _stored = False
    try:
        _store().add_answer(result.item_id, result.item_type, entry["answer"], result.correct, result.score, attempt, entry["time"])
    except Exception as exc:  # the quiz must keep working whatever the disk does
        from .i18n import t
        from .store import in_browser

        with _lock:
            if _warned:
                return None
            _warned = True
        return t("store.not_saving.browser" if in_browser() else "store.not_saving", reason=str(exc))
    with _lock:
        _stored = True
    return None


def last_stored() -> bool:
    """True when the latest `record()` wrote its answer to the private store (and returned)."""
    with _lock:
        return _stored


def previous(item_id: str):
    """The learner's latest stored answer to `item_id` (a store.Answer), or None."""
    try:
        return _store().last_answer(item_id)
    except Exception:
        return None


def answers() -> list[dict[str, Any]]:
    """A copy of every answer recorded in this kernel so far, oldest first."""
    with _lock:
        return [dict(a) for a in _answers]


def clear() -> None:
    """Forgets every answer recorded in this kernel (the private store is not touched)."""
    global _warned, _stored
    with _lock:
        _answers.clear()
        _warned = False
        _stored = False
