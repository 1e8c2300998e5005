"""Reading YAML that may be hostile: every YAML file the course reads goes through here.

Content files, country notes, interface strings and assessments are small, plain YAML. A hostile
file (a country notes file handed over by a participant, a content file sent in by a "helper")
could otherwise make the course use all the computer's memory: a "billion laughs" file of a few
lines expands to billions of strings through anchors and aliases (&x, *x). So this loader:

- refuses anchors and aliases as the parser meets them, before any node is built, so nothing is
  ever expanded (the course's files do not need them);
- refuses files larger than MAX_FILE_BYTES, checked before the file is read;
- refuses nesting deeper than MAX_DEPTH levels;
- and gives `shorten`, so that no error message ever repeats a huge value.

PyYAML's C parser is used where it is installed (several times faster than pure Python); the
refusal happens in the composer, above the parser, so it works the same with either.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.events import AliasEvent, CollectionStartEvent

MAX_FILE_BYTES = 2 * 1024 * 1024
"""2 MB: the largest content file is about 130 KB, a country notes file a few KB."""

MAX_DEPTH = 50
"""Levels of nesting (lists and mappings inside each other); the course's files use under 10."""

from .short_text import MAX_SHOWN, _bounded_repr, shorten, shorten_text  # noqa: F401  (re-exported: callers use safe_yaml.shorten)


class RefusedYAML(yaml.YAMLError):
    """A YAML file refused before it was fully read: too large, too deep, or with anchors."""

    def __init__(self, reason: str, file: str = "", line: int | None = None):
        self.reason, self.file, self.line = reason, file, line
        where = file if line is None else f"{file}:{line}"
        super().__init__(f"{where}: {reason}" if where else reason)


def _too_deep(what: str) -> str:
    return f"nesting deeper than {MAX_DEPTH} levels is not allowed in {what}; no course file needs it"


class _RefusingComposer(Composer):
    """PyYAML's composer, refusing anchors, aliases and deep nesting as each event arrives."""

    what = "YAML files"
    name = ""

    def _init_refusals(self) -> None:
        self.anchors = {}
        self._depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.peek_event()
        if isinstance(event, AliasEvent) or getattr(event, "anchor", None) is not None:
            raise RefusedYAML(
                f"anchors and aliases (&x, *x) are not allowed in {self.what}; write each value out in full",
                self.name, event.start_mark.line + 1,
            )
        if isinstance(event, CollectionStartEvent):
            self._depth += 1
            if self._depth > MAX_DEPTH:
                raise RefusedYAML(_too_deep(self.what), self.name, event.start_mark.line + 1)
            try:
                return super().compose_node(parent, index)
            finally:
                self._depth -= 1
        return super().compose_node(parent, index)


if getattr(yaml, "__with_libyaml__", False):

    class _Loader(_RefusingComposer, yaml.CSafeLoader):
        def __init__(self, stream: Any):
            yaml.CSafeLoader.__init__(self, stream)
            self._init_refusals()

else:  # pragma: no cover - depends on how PyYAML was built (and in Pyodide)

    class _Loader(_RefusingComposer, yaml.SafeLoader):  # type: ignore[no-redef]
        def __init__(self, stream: Any):
            yaml.SafeLoader.__init__(self, stream)
            self._init_refusals()


def _loader(text: str, name: str, what: str) -> _Loader:
    loader = _Loader(text)
    loader.name, loader.what = name, what
    return loader


def load(text: str, name: str = "", what: str = "YAML files") -> Any:
    """The data in `text` (one YAML document), refusing anchors, aliases and deep nesting.

    `name` (the file, as shown to the user) and `what` ("content files") word the refusal.
    Other YAML errors are PyYAML's own, with their line and column.
    """
    loader = _loader(text, name, what)
    try:
        return loader.get_single_data()
    except yaml.MarkedYAMLError as exc:
        raise _as_refusal(exc, loader) from None
    finally:
        loader.dispose()


def compose(text: str, name: str = "", what: str = "YAML files") -> yaml.Node | None:
    """The node tree of `text` (with the line of every node), refusing what `load` refuses."""
    loader = _loader(text, name, what)
    try:
        return loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        raise _as_refusal(exc, loader) from None
    finally:
        loader.dispose()


def _as_refusal(exc: yaml.MarkedYAMLError, loader: _Loader) -> yaml.YAMLError:
    """libyaml stops at 1000 levels of nesting itself, while scanning ahead: word that like our
    own limit. Any other error is PyYAML's own, unchanged."""
    if "maximum nesting depth" in str(exc.problem) and exc.problem_mark is not None:
        return RefusedYAML(_too_deep(loader.what), loader.name, exc.problem_mark.line + 1)
    return exc


def read_text(path: str | Path, name: str = "", what: str = "YAML files") -> str:
    """The UTF-8 text of a file, refused (RefusedYAML) when it is over MAX_FILE_BYTES.

    The size is checked before reading, and at most one byte more than the cap is ever read, so
    a huge file, or one that grows while it is read, never fills the memory.
    """
    name = name or str(path)
    with open(path, "rb") as f:
        size = _size(f)
        data = f.read(MAX_FILE_BYTES + 1) if size <= MAX_FILE_BYTES else b""
    if size > MAX_FILE_BYTES or len(data) > MAX_FILE_BYTES:
        shown = max(size, len(data))
        raise RefusedYAML(
            f"is {shown} bytes; {what} may be at most {MAX_FILE_BYTES} bytes ({MAX_FILE_BYTES // (1024 * 1024)} MB): split it into smaller files",
            name,
        )
    return data.decode("utf-8")


def _size(f: Any) -> int:
    import os

    try:
        return os.fstat(f.fileno()).st_size
    except OSError:  # pragma: no cover - not a real file
        return 0


def load_file(path: str | Path, what: str = "YAML files") -> Any:
    """`load` of a file the package ships or a user names, with the size cap of `read_text`."""
    return load(read_text(path, str(path), what), str(path), what)
