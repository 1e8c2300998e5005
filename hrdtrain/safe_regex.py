"""Which pitfall patterns are safe to run on a learner's text, decided before any is run.

Python's `re` backtracks: a pattern such as `^(\\w+\\s?)+!$` takes longer than the age of the
universe on a sentence of 40 words without the final "!", and it blocks the kernel while it runs.
A linear-time engine (RE2) has no wheel for Pyodide, where the course must also run, so instead
the statement workshop bounds both sides: learner text is capped (`MAX_OWN_TEXT` in
`hrdtrain.schema.statement`), and patterns are read with Python's own regular-expression parser
and refused when they have a shape that backtracks catastrophically:

- a repeated part that itself contains a repeat (`(\\w+\\s?)+`, `(a*)*`), also inside a lookaround;
- a repeated choice whose options can start with the same character, or can be empty (`(x\\w|\\wy)+`);
- two long repeats in a row that can match the same text, with nothing between them that only
  one of them can match (`.*.*`, `a[^.]*b[^.]*c`): each such pair multiplies the work by the
  length of the text;
- back-references and conditional groups (`\\1`, `(?P=name)`, `(?(1)...)`);
- and patterns longer than MAX_PATTERN_LENGTH.

Fixed-width lookbehinds such as `(?<!not )` cost a few steps each and stay allowed. What this
cannot see (a slow pattern of another shape) is caught by the test that runs every shipped
pattern on the worst texts a learner may write.
"""

from __future__ import annotations

import functools
import re
from typing import Any, Iterable

try:  # Python 3.11+
    from re import _parser as _sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - older Pythons
    import sre_parse as _sre_parse  # type: ignore[no-redef]

from re import _constants as C  # type: ignore[attr-defined]

MAX_PATTERN_LENGTH = 500
"""Characters in one pattern; the longest shipped pattern has about 330."""

LONG_REPEAT = 50
"""A repeat that can run more often than this counts as long (`*`, `+`, `{2,}`, `{0,200}`)."""

_REPEATS = (C.MAX_REPEAT, C.MIN_REPEAT) + ((C.POSSESSIVE_REPEAT,) if hasattr(C, "POSSESSIVE_REPEAT") else ())
_ASSERTS = (C.ASSERT, C.ASSERT_NOT)
_GROUPS = (C.SUBPATTERN,) + ((C.ATOMIC_GROUP,) if hasattr(C, "ATOMIC_GROUP") else ())

# The characters overlaps are tested on: ASCII, Latin letters with accents, typographic quotes
# and dashes, and a few letters and digits of other scripts the course may be translated into.
_UNIVERSE = tuple(
    dict.fromkeys(
        [chr(c) for c in range(0x09, 0x0E)]
        + [chr(c) for c in range(0x20, 0x7F)]
        + [chr(c) for c in range(0xA0, 0x180)]
        + list("\u2010\u2011\u2013\u2014\u2018\u2019\u201c\u201d\u2026\u00a0\u2007\u202f")
        + list("абвгдежзийклмнопрстуфхцчшщыэюяАБВЯ")
        + list("ابتثجحخدذرزسشصضطظعغفقكلمنهوي٠١٢٣٤٥٦٧٨٩")
        + list("中文日本語한국어ςσ")
    )
)
_UNIVERSE_SET = frozenset(_UNIVERSE)


def too_long(pattern: str) -> str | None:
    """Why `pattern` is too long, or None."""
    if len(pattern) > MAX_PATTERN_LENGTH:
        return f"is {len(pattern)} characters long; a pattern may have at most {MAX_PATTERN_LENGTH}: split it into several patterns"
    return None


@functools.lru_cache(maxsize=1024)
def backtracking_risk(pattern: str, flags: int = re.IGNORECASE) -> str | None:
    """Why `pattern` could backtrack catastrophically, in words an author can act on; None when
    it has none of the refused shapes. `pattern` must compile (check that first)."""
    parsed = _sre_parse.parse(pattern, flags)
    try:
        _check_sequence(list(parsed), inside_repeat=False)
    except _Risk as risk:
        return str(risk)
    except Exception:  # pragma: no cover - a construct these rules do not know: refuse it
        return "uses a construct the safety check cannot read; write it more simply"
    return None


def pattern_problem(pattern: str, flags: int = re.IGNORECASE) -> str | None:
    """`too_long` or `backtracking_risk`: why `pattern` may not be used, or None."""
    return too_long(pattern) or backtracking_risk(pattern, flags)


def _body(op: Any, av: Any) -> list:
    """The items inside a group: `(...)` and `(?:...)` carry flags first, `(?>...)` does not."""
    return list(av[-1]) if op == C.SUBPATTERN else list(av)


class _Risk(Exception):
    """A refused shape, with the reason worded for an author."""


# --- The rules -----------------------------------------------------------------------------


def _check_sequence(items: list, inside_repeat: bool) -> None:
    """Walks one sequence (a pattern, a group, an option of a choice, a lookaround)."""
    open_set: frozenset | None = None  # what the last long repeat can still take
    open_text = ""
    for op, av in items:
        if op in _REPEATS:
            low, high, body = av
            body = list(body)
            if high > 1:
                inner = _first_repeat(body)
                if inner is not None:
                    raise _Risk(f"repeats a part that itself repeats ('{_unparse([(op, av)])}')")
                if _has_overlapping_choice(body):
                    raise _Risk(f"repeats a choice whose options can start with the same letter ('{_unparse([(op, av)])}')")
            _check_sequence(body, inside_repeat or high > 1)
            if high > LONG_REPEAT:
                chars = _chars(body)
                if open_set is not None and chars & open_set:
                    raise _Risk(f"has two repeats in a row that can match the same text ('{open_text}' and '{_unparse([(op, av)])}')")
                open_set, open_text = chars, _unparse([(op, av)])
                continue
        elif op == C.GROUPREF:
            raise _Risk("uses a back-reference (\\1 or (?P=name)): write the words out instead")
        elif op == C.GROUPREF_EXISTS:
            raise _Risk("uses a conditional group ((?(1)...)): write two patterns instead")
        elif op in _GROUPS:
            _check_sequence(list(_body(op, av)), inside_repeat)
        elif op == C.BRANCH:
            for option in av[1]:
                _check_sequence(list(option), inside_repeat)
        elif op in _ASSERTS:
            _check_sequence(list(av[1]), inside_repeat)
            continue  # takes no text: a long repeat before it stays open
        # A part that must take at least one character the open repeat cannot take separates
        # it from the next long repeat: the text can be split between them only one way.
        if open_set is not None:
            inner = _long_repeats_in([(op, av)])
            for chars, text in inner:
                if chars & open_set:
                    raise _Risk(f"has two repeats in a row that can match the same text ('{open_text}' and '{text}')")
            if inner:
                open_set, open_text = inner[-1]
            elif _min_width([(op, av)]) > 0 and not (_chars([(op, av)]) & open_set):
                open_set = None
        else:
            inner = _long_repeats_in([(op, av)])
            if inner:
                open_set, open_text = inner[-1]


def _first_repeat(items: Iterable) -> Any:
    """The first repeat that can run more than once inside `items` (lookarounds included)."""
    for op, av in items:
        if op in _REPEATS:
            if av[1] > 1:
                return (op, av)
            found = _first_repeat(av[2])
        elif op in _GROUPS:
            found = _first_repeat(_body(op, av))
        elif op == C.BRANCH:
            found = next((r for option in av[1] if (r := _first_repeat(option)) is not None), None)
        elif op in _ASSERTS:
            found = _first_repeat(av[1])
        elif op == C.GROUPREF_EXISTS:
            found = _first_repeat(av[1]) or (_first_repeat(av[2]) if av[2] else None)
        else:
            found = None
        if found is not None:
            return found
    return None


def _has_overlapping_choice(items: Iterable) -> bool:
    """Is there a choice (outside lookarounds) whose options can start alike, or be empty?"""
    for op, av in items:
        if op == C.BRANCH:
            starts = []
            for option in av[1]:
                first, can_be_empty = _first_chars(list(option))
                if can_be_empty:
                    return True
                if any(first & other for other in starts):
                    return True
                starts.append(first)
            if any(_has_overlapping_choice(option) for option in av[1]):
                return True
        elif op in _GROUPS and _has_overlapping_choice(_body(op, av)):
            return True
        elif op in _REPEATS and _has_overlapping_choice(av[2]):
            return True
    return False


def _long_repeats_in(items: Iterable) -> list[tuple[frozenset, str]]:
    """(characters, text) of every long repeat inside `items`, outside lookarounds, in order."""
    found: list[tuple[frozenset, str]] = []
    for op, av in items:
        if op in _REPEATS:
            if av[1] > LONG_REPEAT:
                found.append((_chars(av[2]), _unparse([(op, av)])))
            else:
                found.extend(_long_repeats_in(av[2]))
        elif op in _GROUPS:
            found.extend(_long_repeats_in(_body(op, av)))
        elif op == C.BRANCH:
            for option in av[1]:
                found.extend(_long_repeats_in(option))
    return found


# --- Characters and widths -----------------------------------------------------------------


def _first_chars(items: list) -> tuple[frozenset, bool]:
    """The characters a match of `items` can start with, and whether it can be empty."""
    first: frozenset = frozenset()
    for op, av in items:
        if op in (C.AT,) + _ASSERTS:
            continue
        if op in _REPEATS:
            inner, empty = _first_chars(list(av[2]))
            first |= inner
            if av[0] > 0 and not empty:
                return first, False
            continue
        if op in _GROUPS:
            inner, empty = _first_chars(list(_body(op, av)))
        elif op == C.BRANCH:
            inner, empty = frozenset(), False
            for option in av[1]:
                f, e = _first_chars(list(option))
                inner, empty = inner | f, empty or e
        elif op in (C.GROUPREF, C.GROUPREF_EXISTS):
            return first | frozenset(_UNIVERSE), True
        else:
            inner, empty = _one_char(op, av), False
        first |= inner
        if not empty:
            return first, False
    return first, True


def _chars(items: Iterable) -> frozenset:
    """Every character a match of `items` can take (lookarounds take none)."""
    out: frozenset = frozenset()
    for op, av in items:
        if op in (C.AT,) + _ASSERTS:
            continue
        if op in _REPEATS:
            out |= _chars(av[2])
        elif op in _GROUPS:
            out |= _chars(_body(op, av))
        elif op == C.BRANCH:
            for option in av[1]:
                out |= _chars(option)
        elif op in (C.GROUPREF, C.GROUPREF_EXISTS):
            out |= frozenset(_UNIVERSE)
        else:
            out |= _one_char(op, av)
    return out


def _min_width(items: list) -> int:
    sub = _sre_parse.SubPattern(_sre_parse.State())
    sub.data = list(items)
    return sub.getwidth()[0]


def _one_char(op: Any, av: Any) -> frozenset:
    """The characters (of _UNIVERSE) one single-character item matches, case-insensitively."""
    if op == C.LITERAL:
        ch = chr(av)
        return frozenset({ch, ch.lower(), ch.upper()}) & _UNIVERSE_SET or frozenset({ch})
    return _matching(op, tuple(av) if isinstance(av, list) else av)


@functools.lru_cache(maxsize=512)
def _matching(op: Any, av: Any) -> frozenset:
    single = _unparse([(op, list(av) if isinstance(av, tuple) else av)])
    try:
        rx = re.compile(single, re.IGNORECASE | re.DOTALL)
    except re.error:  # pragma: no cover - an item we cannot write back: assume it matches anything
        return frozenset(_UNIVERSE)
    return frozenset(ch for ch in _UNIVERSE if rx.fullmatch(ch))


# --- Writing a parsed part back as pattern text, to quote it --------------------------------

_CATEGORIES = {
    "CATEGORY_DIGIT": r"\d", "CATEGORY_NOT_DIGIT": r"\D", "CATEGORY_SPACE": r"\s", "CATEGORY_NOT_SPACE": r"\S",
    "CATEGORY_WORD": r"\w", "CATEGORY_NOT_WORD": r"\W",
}
_ATS = {
    "AT_BEGINNING": "^", "AT_BEGINNING_STRING": r"\A", "AT_END": "$", "AT_END_STRING": r"\Z",
    "AT_BOUNDARY": r"\b", "AT_NON_BOUNDARY": r"\B",
}


def _literal(code: int, in_class: bool = False) -> str:
    ch = chr(code)
    if in_class:
        return "\\" + ch if ch in "\\]^-[" else ch
    return re.escape(ch) if ch not in " '\"-,:;!<>=&%#@`~/" else ch


def _unparse(items: Iterable) -> str:
    """Pattern text for parsed `items` (Python's own reading of it, so close to what was written)."""
    out = []
    items = list(items)
    for op, av in items:
        if op == C.LITERAL:
            out.append(_literal(av))
        elif op == C.NOT_LITERAL:
            out.append(f"[^{_literal(av, True)}]")
        elif op == C.ANY:
            out.append(".")
        elif op == C.AT:
            out.append(_ATS.get(str(av), ""))
        elif op == C.IN:
            out.append(_unparse_class(av))
        elif op in _REPEATS:
            low, high, body = av
            body = list(body)
            inner = _unparse(body)
            if len(body) != 1 or body[0][0] in _REPEATS or body[0][0] == C.BRANCH:
                inner = f"(?:{inner})"
            if (low, high) == (0, 1):
                q = "?"
            elif (low, high) == (0, C.MAXREPEAT):
                q = "*"
            elif (low, high) == (1, C.MAXREPEAT):
                q = "+"
            elif high == C.MAXREPEAT:
                q = f"{{{low},}}"
            elif low == high:
                q = f"{{{low}}}"
            else:
                q = f"{{{low},{high}}}"
            if op == C.MIN_REPEAT:
                q += "?"
            elif op not in (C.MAX_REPEAT, C.MIN_REPEAT):
                q += "+"
            out.append(inner + q)
        elif op == C.SUBPATTERN:
            group, add_flags, del_flags, body = av
            inner = _unparse(body)
            out.append(f"({inner})" if group is not None else f"(?:{inner})")
        elif op in _GROUPS:
            out.append(f"(?>{_unparse(_body(op, av))})")
        elif op == C.BRANCH:
            choice = "|".join(_unparse(option) for option in av[1])
            out.append(choice if len(items) == 1 else f"(?:{choice})")
        elif op in _ASSERTS:
            direction, body = av
            kind = ("=" if op == C.ASSERT else "!") if direction >= 0 else ("<=" if op == C.ASSERT else "<!")
            out.append(f"(?{kind}{_unparse(body)})")
        elif op == C.GROUPREF:
            out.append(f"\\{av}")
        else:  # pragma: no cover - a construct no rule quotes
            out.append("…")
    return "".join(out)


def _unparse_class(members: list) -> str:
    if len(members) == 1 and members[0][0] == C.CATEGORY:
        return _CATEGORIES.get(str(members[0][1]), "[…]")
    text, negate = [], False
    for op, av in members:
        if op == C.NEGATE:
            negate = True
        elif op == C.LITERAL:
            text.append(_literal(av, True))
        elif op == C.RANGE:
            text.append(f"{_literal(av[0], True)}-{_literal(av[1], True)}")
        elif op == C.CATEGORY:
            text.append(_CATEGORIES.get(str(av), ""))
    return "[" + ("^" if negate else "") + "".join(text) + "]"
