"""The content bank compiled to JSON at build time, for runtimes without PyYAML (Pyodide).

The wheel's build step (setup.py) validates the YAML bank once and writes, into
`hrdtrain/_compiled/bank.json`: every item as validated data, the section titles, the interface
strings, the texts of every translation (hrdtrain.translations) and the self-assessment
questionnaire, with a hash of the sources it
was made from (the YAML files and the schema). At run time the bank is read from there only when
that hash matches the sources next to it: a checkout whose YAML was edited (an editable install
has no compiled file at all) falls back to reading the YAML, so a stale bank is never shown.

The items are validated again by the same pydantic models when read (from plain JSON, with no
YAML parsing and no line-number bookkeeping), each when it is first used, so a compiled item is
the very object the YAML path gives.
"""

from __future__ import annotations

import functools
import hashlib
import json
import sys
from pathlib import Path
from collections.abc import Iterator, Mapping
from typing import Any

PACKAGE_DIR = Path(__file__).parent
COMPILED_PATH = PACKAGE_DIR / "_compiled" / "bank.json"
FORMAT = 3


def source_files(package_dir: Path = PACKAGE_DIR) -> list[Path]:
    """What the compiled bank is made from: content, interface strings, questionnaire, schema."""
    files = [
        *(package_dir / "content").rglob("*.yaml"),
        *(package_dir / "content").rglob("*.yml"),
        *(package_dir / "locales").rglob("*.yaml"),
        *(package_dir / "translations").rglob("*.yaml"),
        package_dir / "self_assessment.yaml",
        *(package_dir / "schema").glob("*.py"),
    ]
    return sorted((p for p in files if p.is_file()), key=lambda p: p.relative_to(package_dir).as_posix())


def source_hash(package_dir: Path = PACKAGE_DIR) -> str:
    """sha256 over each source's path and bytes; a file added, removed or edited changes it."""
    digest = hashlib.sha256()
    for path in source_files(package_dir):
        digest.update(path.relative_to(package_dir).as_posix().encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


def _sub_item_ids(bank) -> set[str]:
    return {sub.id for item in bank for _path, sub in getattr(item, "sub_items", list)()}


def compile_bank(package_dir: Path = PACKAGE_DIR) -> dict[str, Any]:
    """The validated bank as JSON-ready data; ContentError when the YAML has problems.

    Needs PyYAML: this runs where the wheel is built, never in the browser."""
    from . import i18n, safe_yaml, translations
    from .bank import ContentError, load

    bank, problems = load([package_dir / "content"])
    if problems:
        raise ContentError(problems, headline="the content bank has problems; nothing was compiled")
    problems = translations.validate(package_dir / "translations", package_dir=package_dir)
    if problems:
        raise ContentError(problems, headline="the translations have problems; nothing was compiled")
    subs = _sub_item_ids(bank)
    # Where each item came from, relative to the package: shown the YAML path's way when read.
    origin = {str(path.resolve()): path.relative_to(package_dir).as_posix() for path in (package_dir / "content").rglob("*") if path.is_file()}
    by_shown = {shown: origin[str(Path(shown).resolve())] for shown in set(bank.origin.values())}
    items = [
        {"origin": by_shown[bank.origin[item.id]], "ids": [item.id, *(sub.id for _path, sub in getattr(item, "sub_items", list)())], "item": item.model_dump(mode="json")}
        for item in bank.items.values()
        if item.id not in subs
    ]
    languages = sorted(p.name for p in (package_dir / "locales").iterdir() if p.is_dir())
    survey = safe_yaml.load_file(package_dir / "self_assessment.yaml", "questionnaire files")
    return {
        "format": FORMAT,
        "source_hash": source_hash(package_dir),
        "sections": bank.sections,
        "items": items,
        "locales": {lang: i18n.read_language(lang) for lang in languages},
        # Every translation's texts (hrdtrain.translations): the browser edition shows them too.
        "translations": {lang: translations.compile_language(lang, package_dir / "translations") for lang in translations.languages_present(package_dir / "translations")},
        # JSON keys are text: the rating scale (1..5) is kept as pairs so its keys stay numbers.
        "questionnaire": {**survey, "scale": [[k, v] for k, v in survey["scale"].items()]},
    }


def write(target: Path, package_dir: Path = PACKAGE_DIR) -> Path:
    """Compiles and writes the bank to `target` (all or nothing: a temporary file, then a rename)."""
    data = compile_bank(package_dir)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    partial.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    partial.replace(target)
    return target


@functools.lru_cache(maxsize=1)
def compiled(path: Path = COMPILED_PATH) -> dict[str, Any] | None:
    """The compiled data, or None when there is none or it is stale (its hash does not match
    the sources beside it) or of another format: the caller then reads the YAML.

    In the browser edition (Pyodide) the hash is not recomputed: there the package is unpacked
    afresh from the site's wheel at every page load, bank and sources built together, so nobody
    can have edited the sources, and hashing them all cost a tenth of a second or more before
    the first quiz."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        return None
    if sys.platform != "emscripten" and data.get("source_hash") != source_hash(path.parent.parent):
        return None
    return data


class CompiledItems(Mapping):
    """The bank's items by id, each validated by the schema's models the first time it is asked
    for: a quiz cell needs one item, not the two hundred others (about 0.1 s saved)."""

    def __init__(self, entries: list[dict[str, Any]]):
        self._entries = entries
        self._entry_of = {item_id: n for n, entry in enumerate(entries) for item_id in entry["ids"]}
        self._done: dict[str, Any] = {}

    def __getitem__(self, item_id: str):
        if item_id not in self._done:
            from .schema import MODEL_BY_TYPE

            # The item's own model, as the Item union would pick it by `type`: only that model's
            # validator gets built (schema.base.Strict defers building them).
            data = self._entries[self._entry_of[item_id]]["item"]
            item = MODEL_BY_TYPE[data["type"]].model_validate(data)
            for one in [item, *(sub for _path, sub in getattr(item, "sub_items", list)())]:
                self._done[one.id] = one
        return self._done[item_id]

    def __iter__(self) -> Iterator[str]:
        return iter(self._entry_of)

    def __len__(self) -> int:
        return len(self._entry_of)

    def __contains__(self, item_id: object) -> bool:
        return item_id in self._entry_of


def bank(data: dict[str, Any]):
    """A bank.Bank from compiled data (items validated when first used, see CompiledItems)."""
    from .bank import Bank, _display_path

    shown = {rel: _display_path(PACKAGE_DIR / rel) for rel in {entry["origin"] for entry in data["items"]}}
    origin = {item_id: shown[entry["origin"]] for entry in data["items"] for item_id in entry["ids"]}
    return Bank(items=CompiledItems(data["items"]), origin=origin, sections=dict(data["sections"]))


def strings(language: str) -> dict[str, str] | None:
    """The interface strings of `language` from the compiled data, or None (not compiled)."""
    data = compiled()
    return None if data is None else data["locales"].get(language, {})


def questionnaire() -> dict | None:
    """The self-assessment questionnaire from the compiled data, or None (not compiled)."""
    data = compiled()
    if data is None:
        return None
    survey = dict(data["questionnaire"])
    survey["scale"] = {int(k): v for k, v in survey["scale"]}
    return survey
