"""Loading and validating the content bank: the YAML files under `hrdtrain/content/`.

Content authors are facilitators, not programmers, so every problem is reported as one line
that names the file, the line, the item id and the field, in plain words. Validation never
stops at the first problem: an author fixes a whole file in one go.
"""

from __future__ import annotations

import difflib
import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Iterator, Sequence

from . import short_text
from .short_text import shorten

CONTENT_DIR = Path(__file__).parent / "content"

MAX_MESSAGE = 600
"""A problem's message is cut to this many characters: whatever a hostile file holds, a
problem stays one readable line (values are already shortened where they are quoted)."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a content file, worded for the person who has to fix it."""

    file: str
    message: str
    line: int | None = None
    item_id: str | None = None
    field: str | None = None

    def __post_init__(self) -> None:
        if len(self.message) > MAX_MESSAGE:
            object.__setattr__(self, "message", self.message[: MAX_MESSAGE - 1] + "…")
        for name in ("item_id", "field"):
            value = getattr(self, name)
            if value is not None and len(value) > short_text.MAX_SHOWN:
                object.__setattr__(self, name, short_text.shorten_text(value))

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        parts = [where]
        if self.item_id:
            parts.append(f"item '{self.item_id}'")
        if self.field:
            parts.append(f"field '{self.field}'")
        return ": ".join(parts) + ": " + self.message


class ContentError(Exception):
    """The content bank has problems; `problems` lists them all."""

    def __init__(self, problems: Sequence[Problem], headline: str | None = None):
        self.problems = list(problems)
        lines = [str(p) for p in self.problems]
        super().__init__("\n".join([headline, *lines] if headline else lines))


class UnknownItemError(LookupError):
    """An item id that is not in the bank, with the nearest ids as suggestions."""

    def __init__(self, item_id: str, suggestions: Sequence[str]):
        self.item_id = item_id
        self.suggestions = list(suggestions)
        from .i18n import t

        if self.suggestions:
            msg = t("error.unknown_item_suggest", id=item_id, suggestions=", ".join(f"'{s}'" for s in self.suggestions))
        else:
            msg = t("error.unknown_item", id=item_id)
        super().__init__(msg)

    def __str__(self) -> str:  # LookupError would quote the message like a dict key
        return self.args[0]

    def _render_traceback_(self) -> list[str]:
        """IPython shows this instead of a traceback: learners need the message, not the stack."""
        return [f"UnknownItemError: {self.args[0]}"]


def _display_path(path: Path) -> str:
    """Paths are shown relative to the working folder when possible: shorter and clearer."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def content_files(paths: Iterable[str | Path] | None = None) -> tuple[list[Path], list[Problem]]:
    """The YAML files named by `paths` (files, or folders searched recursively); the built-in
    bank when `paths` is None."""
    if paths is None:
        paths = [CONTENT_DIR]
    files: list[Path] = []
    problems: list[Problem] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            found = sorted(q for q in p.rglob("*") if q.suffix in (".yaml", ".yml") and q.is_file())
            if not found:
                problems.append(Problem(_display_path(p), "this folder holds no .yaml files"))
            files.extend(found)
        elif p.is_file():
            files.append(p)
        else:
            problems.append(Problem(str(p), "no such file or folder"))
    return files, problems


class _LineIndex:
    """Finds the line of any field inside a YAML document, for error messages.

    Built only when a file has problems: valid files never pay for it.
    """

    def __init__(self, text: str):
        import yaml

        from . import safe_yaml

        try:
            self.root = safe_yaml.compose(text)
        except yaml.YAMLError:
            self.root = None

    @staticmethod
    def _child(node: Any, key: str | int) -> Any:
        import yaml

        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                if k.value == key:
                    return v
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and 0 <= key < len(node.value):
            return node.value[key]
        return None

    def line(self, path: Sequence[str | int]) -> int | None:
        """1-based line of the deepest node along `path` that exists."""
        node, best = self.root, None
        if node is None:
            return None
        best = node.start_mark.line + 1
        for key in path:
            node = self._child(node, key)
            if node is None:
                break
            best = node.start_mark.line + 1
        return best


def _field_path(loc: Sequence[str | int]) -> str:
    """('options', 2, 'feedback') -> 'options[3].feedback' (counted from 1, as people count)."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part + 1}]"
        else:
            out += ("." if out else "") + part
    return out


def _parse_field_path(text: str) -> list[str | int]:
    """'statements[2].category' -> ['statements', 1, 'category'] (the inverse of _field_path)."""
    loc: list[str | int] = []
    for name, index in re.findall(r"([a-z_]+)|\[([0-9]+)\]", text):
        loc.append(int(index) - 1 if index else name)
    return loc


def _describe_pydantic_error(err: dict[str, Any]) -> tuple[list[str | int], str]:
    """Turns one pydantic error into (location inside the item, plain-words message)."""
    from .schema import ITEM_TYPES

    loc = list(err["loc"])
    # Discriminated unions put the item type first; union members add 'str' / 'list[str]'.
    if loc and loc[0] in ITEM_TYPES:
        loc = loc[1:]
    loc = [p for p in loc if not (isinstance(p, str) and (p in ("str", "function-after[_source_cites_a_seed(), str]") or "[" in p))]
    kind = err["type"]
    ctx = err.get("ctx") or {}
    value = err.get("input")
    name = short_text.shorten_text(str(loc[-1])) if loc else "item"
    if kind == "missing":
        return loc, f"the required field '{name}' is missing"
    if kind == "extra_forbidden":
        return loc, f"'{name}' is not a field this item can have"
    if kind == "union_tag_invalid":
        return ["type"], f"unknown item type {shorten(ctx.get('tag'))}; expected one of: {', '.join(ITEM_TYPES)}"
    if kind == "union_tag_not_found":
        return ["type"], f"the required field 'type' is missing; expected one of: {', '.join(ITEM_TYPES)}"
    if kind == "literal_error":
        if loc and loc[0] == "tags":
            return loc, f"unknown tag {shorten(value)}; expected law, attitude or communication"
        return loc, f"{shorten(value)} is not allowed here; expected {ctx.get('expected')}"
    if kind == "string_pattern_mismatch":
        if loc == ["id"]:
            return loc, f"{shorten(value)} is not a valid item id; write the section, a dash and lowercase words joined by dashes, e.g. '3.4-tear-gas'"
        if loc == ["section"]:
            return loc, f"{shorten(value)} is not a section number; write it like '3' or '3.4'"
        return loc, f"{shorten(value)} is not a valid id here; use lowercase letters, digits and dashes"
    if kind == "string_too_short":
        if not value:
            return loc, "is empty; write some text"
        return loc, f"is too short (at least {ctx.get('min_length')} characters)"
    if kind == "too_short":
        return loc, f"needs at least {ctx.get('min_length')} entries"
    if kind in ("string_type",):
        if isinstance(value, bool):
            # YAML 1.1 reads yes/no/on/off/true/false as booleans: a common surprise for authors.
            return loc, f"expected text, got {str(value).lower()}: YAML reads yes, no, on, off, true and false as true/false; put the word in quotes"
        return loc, f"expected text, got {type(value).__name__} {shorten(value)}"
    if kind in ("list_type",):
        return loc, f"expected a list, got {type(value).__name__} {shorten(value)}"
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return loc, "expected a group of fields (a YAML mapping)"
    if kind == "value_error":
        msg = str(err["msg"]).removeprefix("Value error, ")
        # Our validators start their message with the field they are about ('answer: ...').
        head, sep, rest = msg.partition(": ")
        if sep and not loc and re.fullmatch(r"[a-z_]+(\[[0-9]+\])?(\.[a-z_]+(\[[0-9]+\])?)*", head):
            return _parse_field_path(head), rest
        return loc, msg
    return loc, str(err["msg"])


def _did_you_mean(name: str, item_type: object) -> str:
    from .schema import MODEL_BY_TYPE

    model = MODEL_BY_TYPE.get(str(item_type))
    close = difflib.get_close_matches(name, list(model.model_fields), n=1, cutoff=0.6) if model else []
    return f"; did you mean '{close[0]}'?" if close else " (is it misspelt?)"


@dataclass
class Bank:
    """All quiz items, by id, with the file each came from."""

    items: dict[str, Any]
    origin: dict[str, str]
    sections: dict[str, str]

    def get(self, item_id: str):
        """The item with this id; an UnknownItemError suggesting the nearest ids otherwise."""
        try:
            return self.items[item_id]
        except KeyError:
            raise UnknownItemError(item_id, self.suggest(item_id)) from None

    def suggest(self, item_id: str, n: int = 3) -> list[str]:
        return difflib.get_close_matches(str(item_id), list(self.items), n=n, cutoff=0.5)

    def __iter__(self) -> Iterator[Any]:
        return iter(self.items.values())

    def __len__(self) -> int:
        return len(self.items)


def _impossible_date_line(text: str) -> int | None:
    """The line of the first unquoted date YAML cannot turn into a real date (e.g. 2026-02-30):
    PyYAML then raises a bare ValueError that names no line."""
    import datetime

    import yaml

    from . import safe_yaml

    try:
        nodes = [safe_yaml.compose(text)]
    except yaml.YAMLError:
        return None
    while nodes:
        node = nodes.pop(0)
        if isinstance(node, yaml.ScalarNode):
            if node.tag.endswith(":timestamp"):
                try:
                    datetime.date.fromisoformat(node.value[:10])
                except ValueError:
                    return node.start_mark.line + 1
        elif isinstance(node, yaml.MappingNode):
            nodes.extend(v for pair in node.value for v in pair)
        elif isinstance(node, yaml.SequenceNode):
            nodes.extend(node.value)
    return None


def _load_file(path: Path, shown: str, what: str = "content files") -> tuple[dict | None, str, list[Problem]]:
    """The data of one YAML file, or the problem that stops it being read. Hostile files (too
    large, too deeply nested, anchors and aliases) are refused before anything is expanded;
    `what` names the kind of file in that message."""
    import yaml  # only the YAML path needs PyYAML: the browser edition loads the compiled bank

    from . import safe_yaml

    try:
        text = safe_yaml.read_text(path, shown, what)
    except safe_yaml.RefusedYAML as exc:
        return None, "", [Problem(shown, exc.reason, line=exc.line)]
    except UnicodeDecodeError as exc:
        return None, "", [Problem(shown, f"is not UTF-8 text (byte {exc.start}); save it as UTF-8")]
    except OSError as exc:
        return None, "", [Problem(shown, f"cannot be read: {exc.strerror}")]
    try:
        data = safe_yaml.load(text, shown, what)
    except safe_yaml.RefusedYAML as exc:
        return None, text, [Problem(shown, exc.reason, line=exc.line)]
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        what = getattr(exc, "problem", None) or str(exc)
        context = getattr(exc, "context", None)
        detail = f"{what} ({context})" if context else what
        col = f", column {mark.column + 1}" if mark is not None else ""
        return None, text, [Problem(shown, f"YAML syntax error at line {line}{col}: {detail}", line=line)]
    except ValueError as exc:  # an unquoted date that does not exist, e.g. 2026-02-30
        line = _impossible_date_line(text)
        return None, text, [Problem(shown, f"a date that does not exist ({exc}); write dates as year-month-day, or put the text in quotes", line=line)]
    if data is None:
        return None, text, [Problem(shown, "the file is empty; expected 'section', 'title' and 'items'")]
    if not isinstance(data, dict):
        return None, text, [Problem(shown, "expected 'section', 'title' and 'items' at the top of the file", line=1)]
    return data, text, []


def load(paths: Iterable[str | Path] | None = None) -> tuple[Bank, list[Problem]]:
    """Reads and validates content files; returns the valid items and every problem found."""
    from pydantic import TypeAdapter, ValidationError

    from .schema import ContentFile, Item

    adapter = TypeAdapter(Item)
    files, problems = content_files(paths)
    bank = Bank(items={}, origin={}, sections={})
    first_seen: dict[str, tuple[str, int | None]] = {}

    for path in files:
        shown = _display_path(path)
        data, text, file_problems = _load_file(path, shown)
        problems.extend(file_problems)
        if data is None:
            continue
        index: _LineIndex | None = None

        def line_of(path_in_file: Sequence[str | int]) -> int | None:
            nonlocal index
            if index is None:
                index = _LineIndex(text)
            return index.line(path_in_file)

        try:
            header = ContentFile.model_validate(data)
        except ValidationError as exc:
            for err in exc.errors():
                loc, msg = _describe_pydantic_error(err)
                problems.append(Problem(shown, msg, line=line_of(loc), field=_field_path(loc) or None))
            continue
        bank.sections[header.section] = header.title

        for i, raw in enumerate(header.items):
            raw_id = raw.get("id") if isinstance(raw, dict) else None
            shown_id = str(raw_id) if raw_id is not None else f"#{i + 1} (no id)"
            if not isinstance(raw, dict):
                problems.append(Problem(shown, "expected an item (a group of fields)", line=line_of(["items", i]), item_id=shown_id))
                continue
            try:
                item = adapter.validate_python(raw)
            except ValidationError as exc:
                seen: set[tuple[str, str]] = set()
                for err in exc.errors():
                    loc, msg = _describe_pydantic_error(err)
                    if err["type"] == "extra_forbidden" and len(loc) == 1:
                        msg += _did_you_mean(str(loc[0]), raw.get("type"))
                    key = (_field_path(loc), msg)
                    if key in seen:
                        continue
                    seen.add(key)
                    problems.append(
                        Problem(shown, msg, line=line_of(["items", i, *loc]), item_id=shown_id, field=_field_path(loc) or None)
                    )
                continue

            item_problems = []
            if not (item.section == header.section or item.section.startswith(header.section + ".")):
                item_problems.append(("section", f"'{item.section}' is not inside this file's section {header.section}"))
            if item.id.split("-", 1)[0] != item.section:
                item_problems.append(("id", f"the id should start with its section '{item.section}-'"))
            if item.id in first_seen:
                other_file, other_line = first_seen[item.id]
                where = other_file if other_line is None else f"{other_file}:{other_line}"
                item_problems.append(("id", f"duplicate id: '{item.id}' is already used at {where}"))
            for field, msg in item_problems:
                problems.append(Problem(shown, msg, line=line_of(["items", i, field]), item_id=item.id, field=field))
            if item_problems:
                continue
            first_seen[item.id] = (shown, line_of(["items", i, "id"]))
            bank.items[item.id] = item
            bank.origin[item.id] = shown
            # Some items hold items of their own (each goal of a hierarchy navigator): those are
            # listed and shown by their own ids, which must be unique like any other id.
            for sub_path, sub in getattr(item, "sub_items", list)():
                sub_line = line_of(["items", i, *sub_path])
                if sub.id in first_seen:
                    other_file, other_line = first_seen[sub.id]
                    where = other_file if other_line is None else f"{other_file}:{other_line}"
                    problems.append(
                        Problem(shown, f"duplicate id: '{sub.id}' is already used at {where}", line=sub_line, item_id=item.id, field=_field_path(sub_path))
                    )
                    continue
                first_seen[sub.id] = (shown, sub_line)
                bank.items[sub.id] = sub
                bank.origin[sub.id] = shown
    return bank, problems


@functools.lru_cache(maxsize=1)
def default_bank() -> Bank:
    """The built-in bank, loaded once per process; a broken bank raises ContentError.

    From the compiled bank an installed wheel carries when it matches the YAML beside it
    (hrdtrain.compiled_bank: no YAML parsing, and the only way where PyYAML is missing, as in
    the browser edition); from the YAML otherwise (an editable checkout, edited content)."""
    from . import compiled_bank

    data = compiled_bank.compiled()
    if data is not None:
        return compiled_bank.bank(data)
    bank, problems = load(None)
    if problems:
        raise ContentError(problems)
    return bank
