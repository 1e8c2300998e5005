"""`hrdtrain export --anonymous FILE`: what a learner may hand to a facilitator, and nothing more.

An export holds, per answer: the item id, what was chosen (option ids, never free text: the store
has none), right or wrong, which try, and the day (never a finer time). It is signed with a
fresh random id made for this export alone, so two exports of the same learner cannot be linked,
and it never contains the learner id of the store, a user name, a host name or a path.
"""

from __future__ import annotations

import datetime
import json
import os
import secrets
from pathlib import Path

FORMAT = "hrdtrain-anonymous-export/1"


def anonymous_export(answers) -> dict:
    """The export of a list of store.Answer, as a JSON-serialisable dict."""
    return {
        "format": FORMAT,
        "export_id": secrets.token_hex(8),
        "answers": [
            {
                "item_id": a.item_id,
                "item_type": a.item_type,
                "answer": a.answer,
                "correct": a.correct,
                "attempt": a.attempt,
                "day": datetime.date.fromtimestamp(a.at).isoformat(),
            }
            for a in answers
        ],
    }


def write_export(data: dict, path: Path) -> Path:
    """Writes the export owner-only, never over an existing file (FileExistsError)."""
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        json.dump(data, f, ensure_ascii=False, indent=1)
        f.write("\n")
    return path
