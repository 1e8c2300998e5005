"""Cutting values short for error messages, with no YAML in sight.

A hostile file may hold a value of megabytes; a message must stay one readable line. This lives
apart from `safe_yaml` so that the schema and the compiled bank can use it where PyYAML is not
installed (the browser edition, Pyodide).
"""

from __future__ import annotations

from typing import Any

MAX_SHOWN = 80
"""At most this many characters of a value are quoted in an error message."""

MAX_DEPTH = 50
"""Levels of nesting walked when a container is shown (the same cap as safe_yaml.MAX_DEPTH)."""


def shorten(value: Any, limit: int = MAX_SHOWN) -> str:
    """`repr(value)` cut to `limit` characters, for error messages: a hostile file may hold a
    value of megabytes, and a message must stay one readable line."""
    if isinstance(value, (list, tuple, dict, set)):
        text = _bounded_repr(value, limit + 1)
    else:
        text = repr(value) if not isinstance(value, str) or len(value) <= 4 * limit else repr(value[: 2 * limit])
    return text if len(text) <= limit else text[: limit - 1] + "…"


def shorten_text(text: str, limit: int = MAX_SHOWN) -> str:
    """`text` itself (not its repr) cut to `limit` characters, for quoting inside a message."""
    text = str(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _bounded_repr(value: Any, limit: int) -> str:
    """repr of a nested container that stops once `limit` characters are written: repr() of a
    deeply shared structure could otherwise take all the memory before it could be cut."""
    out: list[str] = []
    size = 0

    def emit(s: str) -> bool:
        nonlocal size
        out.append(s)
        size += len(s)
        return size < limit

    def walk(v: Any, depth: int) -> bool:
        if depth > MAX_DEPTH:
            return emit("…")
        if isinstance(v, (list, tuple, set)):
            opening, closing = {list: "[]", tuple: "()", set: "{}"}.get(type(v), "[]")
            if not emit(opening):
                return False
            for n, x in enumerate(v):
                if (n and not emit(", ")) or not walk(x, depth + 1):
                    return False
            return emit(closing)
        if isinstance(v, dict):
            if not emit("{"):
                return False
            for n, (k, x) in enumerate(v.items()):
                if (n and not emit(", ")) or not walk(k, depth + 1) or not emit(": ") or not walk(x, depth + 1):
                    return False
            return emit("}")
        return emit(shorten(v, limit))

    walk(value, 0)
    return "".join(out)
