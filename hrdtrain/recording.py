"""The one place every answer goes: quizzes, tools and role plays all call `record()`.

Until the private progress store exists, answers are kept in this kernel's memory only:
nothing is written to disk and nothing leaves the machine.
"""

from __future__ import annotations

import threading
import time
from typing import Any

from .scoring import Result

_lock = threading.Lock()
_answers: list[dict[str, Any]] = []


def record(result: Result, attempt: int) -> None:
    """Keeps one checked answer: which item, what was answered, right or wrong, which try."""
    entry = result.to_dict()
    entry.pop("parts", None)  # feedback text is content, not part of the learner's answer
    entry.pop("key_point", None)
    entry["attempt"] = attempt
    entry["time"] = time.time()
    with _lock:
        _answers.append(entry)


def answers() -> list[dict[str, Any]]:
    """A copy of every answer recorded in this kernel so far, oldest first."""
    with _lock:
        return [dict(a) for a in _answers]


def clear() -> None:
    """Forgets every answer recorded in this kernel."""
    with _lock:
        _answers.clear()
