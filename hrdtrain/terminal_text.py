"""Text from files, made safe to print in a terminal.

`hrdtrain group` and `hrdtrain notes` print what other people wrote (export file names, notes,
law references). A terminal obeys control characters: ESC sequences can clear the screen,
rewrite earlier lines or set the window title, a carriage return hides what came before it, and
bidi overrides (U+202E...) make text read differently from what it is. Every such character is
shown as a visible escape (`\\x1b`, `\\u202e`) instead, so the facilitator sees that the file
holds something odd and the terminal never acts on it. Letters of every script, and the joiners
Persian and Arabic text need, are kept.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from typing import TextIO

BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u061c")
"""Embeddings, overrides and isolates: they reorder the text around them (Trojan Source)."""

MAX_SHOWN = 200
"""A value from a file is cut to this many characters when it is named in a message."""


def _visible(ch: str) -> str:
    code = ord(ch)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def _unsafe(ch: str) -> bool:
    # Cc: C0/C1 controls (ESC, CR, BEL, CSI...); Zl/Zp: line and paragraph separators;
    # Cs: lone surrogates (a file name that is not valid UTF-8), which a terminal cannot encode.
    return ch in BIDI_CONTROLS or unicodedata.category(ch) in ("Cc", "Zl", "Zp", "Cs")


_MAYBE_UNSAFE = re.compile(r"[^\x20-\x7e]")


def clean(text: object, limit: int | None = None) -> str:
    """`text` on one line with every control character shown as an escape; cut to `limit`
    characters (with '…') when given, so a huge value never floods a message."""
    text = str(text)
    if limit is not None and len(text) > limit:
        text = text[:limit] + "…"
    if not _MAYBE_UNSAFE.search(text):
        return text
    return "".join(_visible(ch) if _unsafe(ch) else ch for ch in text)


def echo(text: str = "", file: TextIO | None = None) -> None:
    """Prints `text` line by line, each line cleaned: our own line breaks are kept, anything a
    file smuggled into a line is shown, not obeyed."""
    print("\n".join(clean(line) for line in str(text).split("\n")), file=file or sys.stdout)
