"""Translations of the course: text only, keyed by item id and field, apart from the English source.

The English YAML (content, interface strings, questionnaire) and the English notebooks are the
source. A language is a folder `hrdtrain/translations/LANG/` that mirrors them, one translation
file per source file:

    translations/es/03_police_enforcing_the_law.yaml       <- content/03_police_enforcing_the_law.yaml
    translations/es/roleplays/3.2-roleplay-filming.yaml    <- content/roleplays/3.2-roleplay-filming.yaml
    translations/es/locales/quiz.yaml                      <- locales/en/quiz.yaml
    translations/es/self_assessment.yaml                   <- self_assessment.yaml
    translations/es/notebooks/00_start_here.yaml           <- notebooks/00_start_here.ipynb

Each file holds `entries`: group (an item id, `file` for the section title, `strings`,
`questionnaire` or `cells`) -> field path (`options[dispersal-only].feedback`) -> an entry with
the English text it was made from (`english`, for the translator's eyes), a short hash of that
English (`hash`) and the translation (`text`). Only text can be translated: ids, answer keys,
scene graphs, verdicts, ratings and sources are not fields of a translation at all, so a
translation can never change a score. See docs/translation-guide.md for why this format.

An entry is *missing* when it is absent or its text is empty, and *stale* when the English has
changed since (its hash no longer matches) or `hrdtrain translations template` marked it so.
Learners see the translation where there is one (stale ones too) and the English otherwise.
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator

PACKAGE_DIR = Path(__file__).parent
TRANSLATIONS_DIR = PACKAGE_DIR / "translations"
DEFAULT_LANGUAGE = "en"


@dataclass(frozen=True)
class Language:
    code: str
    name: str
    direction: str  # "ltr" or "rtl"


LANGUAGES: dict[str, Language] = {
    "en": Language("en", "English", "ltr"),
    "es": Language("es", "Español", "ltr"),
    "ar": Language("ar", "العربية", "rtl"),
}
"""The languages the course offers; a translation folder for another code is refused by validate."""

# Fields that are not text: ids, keys, references, ratings, sources. They stay in the English
# source only; a translation naming one of them is refused ("no such field").
NOT_TEXT = frozenset(
    {"id", "type", "section", "source", "tags", "answer", "next", "start", "category", "verdict", "rating", "outcome", "place", "tag", "better", "also_possible"}
)
# Lists translated as a whole: a language's pitfall patterns and their examples need not match
# the English one for one.
WHOLE_LISTS = frozenset({"patterns", "keywords", "flags", "passes"})

STALE_NOTE = "the English changed; check `text` against `english`, then delete this line and `english_before`"


def text_hash(value: str | list[str]) -> str:
    """A short hash of an English text (or list of texts): 10 hex digits of its sha256."""
    data = value if isinstance(value, str) else json.dumps(list(value), ensure_ascii=False)
    return hashlib.sha256(data.encode("utf-8")).hexdigest()[:10]


def is_rtl(language: str | None = None) -> bool:
    from .i18n import current_language

    lang = LANGUAGES.get(language or current_language())
    return bool(lang and lang.direction == "rtl")


# ------------------------------------------------------------------ field paths


def text_fields(obj: Any, prefix: str = "") -> Iterator[tuple[str, str | list[str]]]:
    """(field path, English text) for every translatable text of a content model, in order.

    List entries with an id are keyed by it (`options[dispersal-only].text`), others by their
    place counted from 1 (`prepare[2]`); mappings by their key (`feedback[oversight]`)."""
    from pydantic import BaseModel

    for name in type(obj).model_fields:
        if name in NOT_TEXT:
            continue
        value = getattr(obj, name)
        path = f"{prefix}{name}"
        if value is None:
            continue
        if isinstance(value, str):
            if value:
                yield path, value
        elif isinstance(value, BaseModel):
            yield from text_fields(value, path + ".")
        elif isinstance(value, dict):
            for key, text in value.items():
                if isinstance(text, str) and text:
                    yield f"{path}[{key}]", text
        elif isinstance(value, list):
            if name in WHOLE_LISTS:
                if value:
                    yield path, list(value)
                continue
            for n, entry in enumerate(value, start=1):
                key = getattr(entry, "id", None) or n
                if isinstance(entry, str):
                    if entry:
                        yield f"{path}[{key}]", entry
                elif isinstance(entry, BaseModel):
                    yield from text_fields(entry, f"{path}[{key}].")


_SEGMENT = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)|\[([^\]]+)\]|(\.)")


def parse_path(path: str) -> list[tuple[str, str]]:
    """'options[a].feedback' -> [('name', 'options'), ('key', 'a'), ('name', 'feedback')]."""
    out: list[tuple[str, str]] = []
    pos = 0
    while pos < len(path):
        m = _SEGMENT.match(path, pos)
        if not m:
            raise ValueError(f"'{path}' is not a field path")
        if m.group(1):
            out.append(("name", m.group(1)))
        elif m.group(2):
            out.append(("key", m.group(2)))
        pos = m.end()
    return out


def set_path(data: Any, path: str, value: Any) -> None:
    """Puts `value` at `path` inside dumped (plain) item data; KeyError when the path names nothing."""
    steps = parse_path(path)
    node = data
    for n, (kind, key) in enumerate(steps):
        last = n == len(steps) - 1
        if isinstance(node, dict):
            if key not in node:
                raise KeyError(path)
            if last:
                node[key] = value
            else:
                node = node[key]
        elif isinstance(node, list):
            match = next((e for e in node if isinstance(e, dict) and e.get("id") == key), None)
            if match is not None:
                index = node.index(match)
            elif key.isdigit() and 1 <= int(key) <= len(node):
                index = int(key) - 1
            else:
                raise KeyError(path)
            if last:
                node[index] = value
            else:
                node = node[index]
        else:
            raise KeyError(path)


# ------------------------------------------------------------------ the English sources


@dataclass
class Source:
    """One English source file and the translation file that mirrors it."""

    kind: str  # "content", "locales", "questionnaire" or "notebook"
    rel: str  # the translation file's path inside translations/LANG/
    english: Path  # the English file
    section: str  # '0'..'7' for content and notebooks, 'interface' for strings and questionnaire
    groups: dict[str, dict[str, str | list[str]]] = field(default_factory=dict)
    """group -> field path -> English text."""

    def english_shown(self) -> str:
        try:
            return self.english.relative_to(PACKAGE_DIR.parent).as_posix()
        except ValueError:
            return self.english.as_posix()

    def fields(self) -> Iterator[tuple[str, str, str | list[str]]]:
        for group, entries in self.groups.items():
            for path, text in entries.items():
                yield group, path, text


def notebooks_dir() -> Path | None:
    """The English course notebooks: the checkout's notebooks/, or the wheel's copy."""
    for folder in (PACKAGE_DIR.parent / "notebooks", PACKAGE_DIR / "_course" / "notebooks"):
        if any(folder.glob("0[0-7]_*.ipynb")):
            return folder
    return None


def notebook_cells(path: Path) -> dict[str, str]:
    """Markdown cell id -> its text, for one English notebook."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    cells = {}
    for cell in nb["cells"]:
        if cell["cell_type"] == "markdown":
            text = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
            if text.strip():
                cells[cell["id"]] = text
    return cells


def _stamp(files: Iterable[Path]) -> tuple:
    """What a cached reading of `files` depends on: their paths, sizes and modification times."""
    out = []
    for path in sorted(files):
        st = path.stat()
        out.append((str(path), st.st_size, st.st_mtime_ns))
    return tuple(out)


def _content_sources(package_dir: Path) -> list[Source]:
    """The English content files as sources (read once per process while they are unchanged)."""
    import copy

    stamp = _stamp((package_dir / "content").rglob("*.yaml"))
    if stamp not in _CONTENT_CACHE:
        _CONTENT_CACHE.clear()
        _CONTENT_CACHE[stamp] = _read_content_sources(package_dir)
    return copy.deepcopy(_CONTENT_CACHE[stamp])


_CONTENT_CACHE: dict[tuple, list[Source]] = {}


def _read_content_sources(package_dir: Path) -> list[Source]:
    from .bank import load

    sources = []
    for path in sorted((package_dir / "content").rglob("*.yaml")):
        bank, problems = load([path])
        if problems:
            from .bank import ContentError

            raise ContentError(problems, headline="the English content has problems; fix them first (hrdtrain validate)")
        from . import safe_yaml

        header = safe_yaml.load_file(path, "content files")
        rel = path.relative_to(package_dir / "content").as_posix()
        src = Source("content", rel, path, str(header["section"]))
        src.groups["file"] = {"title": str(header["title"]).strip()}
        subs = {sub.id for item in bank for _p, sub in getattr(item, "sub_items", list)()}
        for item in bank:
            if item.id in subs:
                continue
            src.groups[item.id] = dict(text_fields(item))
        sources.append(src)
    return sources


def _locale_sources(package_dir: Path, language: str) -> list[Source]:
    from . import i18n, safe_yaml

    sources = []
    forms = plural_forms(language)
    for path in sorted((package_dir / "locales" / DEFAULT_LANGUAGE).glob("*.yaml")):
        strings = safe_yaml.load_file(path, "interface string files") or {}
        entries: dict[str, str | list[str]] = {}
        for key, text in strings.items():
            base = i18n._plural_base(key)
            if base is not None and f"{base}.other" in strings and f"{base}.one" in strings:
                if key != f"{base}.other" and key != f"{base}.one":
                    continue
                if key.endswith(".other"):  # one entry per plural form the language has
                    for form in forms:
                        english = strings.get(f"{base}.{form}", strings[f"{base}.other"])
                        entries[f"{base}.{form}"] = english
                continue
            entries[key] = text
        src = Source("locales", f"locales/{path.name}", path, "interface")
        src.groups["strings"] = entries
        sources.append(src)
    return sources


def plural_forms(language: str) -> list[str]:
    """The CLDR plural categories `language` uses, in the usual order."""
    from .i18n import PLURAL_FORMS, plural_category

    used = {plural_category(n, language) for n in range(0, 300)}
    return [f for f in PLURAL_FORMS if f in used]


def _questionnaire_source(package_dir: Path) -> Source:
    from . import safe_yaml

    path = package_dir / "self_assessment.yaml"
    survey = safe_yaml.load_file(path, "questionnaire files")
    entries: dict[str, str | list[str]] = {f"scale[{k}]": str(v) for k, v in survey["scale"].items()}
    for statement in survey["statements"]:
        entries[f"statements[{statement['id']}].text"] = statement["text"]
    src = Source("questionnaire", "self_assessment.yaml", path, "interface")
    src.groups["questionnaire"] = entries
    return src


def _notebook_sources() -> list[Source]:
    folder = notebooks_dir()
    if folder is None:
        return []
    sources = []
    for path in sorted(folder.glob("0[0-7]_*.ipynb")):
        src = Source("notebook", f"notebooks/{path.stem}.yaml", path, str(int(path.name[:2])))
        src.groups["cells"] = dict(notebook_cells(path))
        sources.append(src)
    return sources


def sources(language: str, package_dir: Path = PACKAGE_DIR, notebooks: bool = True) -> list[Source]:
    """Every English source a translation into `language` mirrors, in a stable order."""
    found = _content_sources(package_dir) + _locale_sources(package_dir, language) + [_questionnaire_source(package_dir)]
    if notebooks:
        found += _notebook_sources()
    return found


# ------------------------------------------------------------------ translation files


@dataclass
class Entry:
    text: Any
    hash: str | None
    stale_mark: bool = False

    @property
    def filled(self) -> bool:
        if isinstance(self.text, list):
            return bool(self.text) and all(isinstance(t, str) and t.strip() for t in self.text)
        return isinstance(self.text, str) and bool(self.text.strip())


def read_translation(path: Path) -> tuple[dict | None, str]:
    """The raw data of a translation file (and its text, for line numbers); (None, '') if absent."""
    from . import safe_yaml

    if not path.is_file():
        return None, ""
    text = safe_yaml.read_text(path, str(path), "translation files")
    return safe_yaml.load(text, str(path), "translation files"), text


def entries_of(data: dict | None) -> dict[str, dict[str, Entry]]:
    """group -> field -> Entry of a translation file's data (malformed parts are skipped; validate names them)."""
    out: dict[str, dict[str, Entry]] = {}
    if not isinstance(data, dict) or not isinstance(data.get("entries"), dict):
        return out
    for group, fields in data["entries"].items():
        if not isinstance(fields, dict):
            continue
        for path, raw in fields.items():
            if isinstance(raw, dict):
                out.setdefault(str(group), {})[str(path)] = Entry(raw.get("text"), raw.get("hash"), bool(raw.get("stale")))
    return out


@dataclass
class Status:
    """How complete one language is: per translation file, the fields missing and stale."""

    language: str
    total: int = 0
    translated: int = 0
    missing: list[tuple[str, str, str]] = field(default_factory=list)  # (file, group, field)
    stale: list[tuple[str, str, str]] = field(default_factory=list)
    per_file: dict[str, tuple[int, int, int, int]] = field(default_factory=dict)  # rel -> total, translated, missing, stale

    @property
    def share(self) -> float:
        return self.translated / self.total if self.total else 1.0


def status(language: str, package_dir: Path = PACKAGE_DIR, root: Path | None = None) -> Status:
    """What is translated, missing and stale in `language` (a stale field counts as translated
    and as stale: learners see it, and it needs a look)."""
    root = root or package_dir / "translations"
    result = Status(language)
    for src in sources(language, package_dir):
        data, _ = read_translation(root / language / src.rel)
        have = entries_of(data)
        counts = [0, 0, 0, 0]
        for group, path, english in src.fields():
            counts[0] += 1
            entry = have.get(group, {}).get(path)
            where = (f"{language}/{src.rel}", group, path)
            if entry is None or not entry.filled:
                result.missing.append(where)
                counts[2] += 1
                continue
            counts[1] += 1
            if entry.stale_mark or entry.hash != text_hash(english):
                result.stale.append(where)
                counts[3] += 1
        result.per_file[src.rel] = tuple(counts)
        result.total += counts[0]
        result.translated += counts[1]
    return result


def languages_present(root: Path = TRANSLATIONS_DIR) -> list[str]:
    return sorted(p.name for p in root.iterdir() if p.is_dir()) if root.is_dir() else []


# ------------------------------------------------------------------ writing templates


def _yaml_dump(data: Any) -> str:
    import yaml

    class Dumper(yaml.SafeDumper):
        def ignore_aliases(self, data: Any) -> bool:  # the course's loader refuses aliases
            return True

    def text(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
        style = "|" if "\n" in value else None
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)

    Dumper.add_representer(str, text)
    return yaml.dump(data, Dumper=Dumper, allow_unicode=True, sort_keys=False, width=100, default_flow_style=False)


def _header(language: str, src: Source) -> str:
    lang = LANGUAGES.get(language)
    name = lang.name if lang else language
    return (
        f"# {name} ({language}) translation of {src.english_shown()}.\n"
        "# Fill in each `text:`; leave `english:` and `hash:` as they are (they say what the text was\n"
        "# made from). An empty text shows the English to learners. Only text is translated: ids,\n"
        "# answers and sources stay in the English file. Check with: hrdtrain validate\n"
        "# How to work: docs/translation-guide.md\n"
    )


@dataclass
class TemplateReport:
    written: list[str] = field(default_factory=list)
    added: int = 0
    marked_stale: int = 0
    kept: int = 0
    dropped: list[tuple[str, str, str]] = field(default_factory=list)


def template(language: str, section: str | None = None, package_dir: Path = PACKAGE_DIR, root: Path | None = None) -> TemplateReport:
    """Writes or updates the translation files of `language` (those of one `section`: '0'..'7' or
    'interface'): every English field gets an entry; a translated entry keeps its text; one whose
    English changed is marked stale, with the English it was made from kept as `english_before`;
    entries for fields that no longer exist are dropped (and listed in the report)."""
    if language == DEFAULT_LANGUAGE:
        raise ValueError("English is the source language: it has no translation files")
    root = root or package_dir / "translations"
    report = TemplateReport()
    for src in sources(language, package_dir):
        if section is not None and src.section != section:
            continue
        target = root / language / src.rel
        data, _ = read_translation(target)
        old = data.get("entries", {}) if isinstance(data, dict) and isinstance(data.get("entries"), dict) else {}
        entries: dict[str, dict[str, dict[str, Any]]] = {}
        for group, fields in src.groups.items():
            old_group = old.get(group) if isinstance(old.get(group), dict) else {}
            out_group: dict[str, dict[str, Any]] = {}
            for path, english in fields.items():
                raw = old_group.get(path) if isinstance(old_group.get(path), dict) else None
                new_hash = text_hash(english)
                entry: dict[str, Any] = {"english": english, "hash": new_hash}
                if raw is None or not Entry(raw.get("text"), None).filled:
                    entry["text"] = [] if isinstance(english, list) else ""
                    report.added += raw is None
                else:
                    entry["text"] = raw.get("text")
                    if raw.get("hash") != new_hash or raw.get("stale"):
                        entry["stale"] = STALE_NOTE
                        before = raw.get("english_before") if raw.get("stale") else raw.get("english")
                        if before is not None:
                            entry["english_before"] = before
                        report.marked_stale += 1
                    else:
                        report.kept += 1
                out_group[path] = entry
            entries[group] = out_group
        for group, fields in old.items():
            for path in fields if isinstance(fields, dict) else {}:
                if path not in src.groups.get(group, {}):
                    report.dropped.append((f"{language}/{src.rel}", str(group), str(path)))
        body = {"language": language, "english": src.english_shown(), "entries": entries}
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(target.name + ".partial")
        partial.write_text(_header(language, src) + _yaml_dump(body), encoding="utf-8")
        partial.replace(target)
        report.written.append(f"{language}/{src.rel}")
    return report


# ------------------------------------------------------------------ using translations


def _texts(data: dict | None) -> dict[str, dict[str, Any]]:
    """group -> field -> text, for the filled entries of one translation file."""
    return {g: {p: e.text for p, e in fields.items() if e.filled} for g, fields in entries_of(data).items()}


def compile_language(language: str, root: Path | None = None) -> dict[str, Any]:
    """Everything learners see of one language, as plain data: item texts by id, section titles,
    interface strings, questionnaire texts (what the compiled bank carries)."""
    root = root or TRANSLATIONS_DIR
    items: dict[str, dict[str, Any]] = {}
    titles: dict[str, str] = {}
    strings: dict[str, str] = {}
    survey: dict[str, str] = {}
    folder = root / language
    for path in sorted(folder.rglob("*.yaml")) if folder.is_dir() else []:
        rel = path.relative_to(folder).as_posix()
        if rel.startswith("notebooks/"):
            continue
        data, _ = read_translation(path)
        texts = _texts(data)
        if rel.startswith("locales/"):
            strings.update({k: v for k, v in texts.get("strings", {}).items() if isinstance(v, str)})
        elif rel == "self_assessment.yaml":
            survey.update(texts.get("questionnaire", {}))
        else:
            for group, fields in texts.items():
                if group == "file":
                    section = _section_of(data)
                    if "title" in fields and section is not None:
                        titles.setdefault(section, fields["title"])
                else:
                    items[group] = fields
    return {"items": items, "titles": titles, "strings": strings, "questionnaire": survey}


def _section_of(data: dict | None) -> str | None:
    """The section number of the English content file a translation file names."""
    from . import safe_yaml

    english = data.get("english") if isinstance(data, dict) else None
    path = PACKAGE_DIR.parent / str(english) if english else None
    if path is None or not path.is_file() or not path.resolve().is_relative_to(PACKAGE_DIR / "content"):
        return None
    header = safe_yaml.load_file(path, "content files")
    return str(header.get("section")) if isinstance(header, dict) else None


@functools.lru_cache(maxsize=None)
def language_data(language: str) -> dict[str, Any]:
    """The texts of `language`, from the compiled bank when it is current, else from the files."""
    from . import compiled_bank

    data = compiled_bank.compiled()
    if data is not None:
        return data.get("translations", {}).get(language) or {"items": {}, "titles": {}, "strings": {}, "questionnaire": {}}
    return compile_language(language)


def apply(item: Any, texts: dict[str, Any]) -> Any:
    """A copy of `item` with the translated texts put in (validated by the same model)."""
    if not texts:
        return item
    data = item.model_dump(mode="json")
    for path, text in texts.items():
        set_path(data, path, text)
    return type(item).model_validate(data)  # the item's own model: only its validator is built


def _parents(bank: Any) -> dict[str, str]:
    """Goal id -> the navigator item it belongs to (translations are keyed by the navigator)."""
    out: dict[str, str] = {}
    from . import compiled_bank

    data = compiled_bank.compiled()
    if data is not None:
        for entry in data["items"]:
            for sub in entry["ids"][1:]:
                out[sub] = entry["ids"][0]
        return out
    for item in bank:
        for _p, sub in getattr(item, "sub_items", list)():
            out[sub.id] = item.id
    return out


_localised: dict[tuple[str, str], Any] = {}


def localise(item: Any, language: str | None = None, bank: Any = None) -> Any:
    """`item` in `language` (the current one by default): its texts translated where a
    translation exists, English elsewhere; ids, keys and graph unchanged."""
    from .i18n import current_language

    language = language or current_language()
    if language == DEFAULT_LANGUAGE:
        return item
    key = (language, item.id)
    if key in _localised:
        return _localised[key]
    items = language_data(language)["items"]
    if item.id in items:
        result = apply(item, items[item.id])
    else:
        from .bank import default_bank

        parent_id = _parents(bank or default_bank()).get(item.id)
        if parent_id and parent_id in items:
            parent = (bank or default_bank()).items[parent_id]
            result = apply(parent, items[parent_id]).goal_item(item.id)
        else:
            result = item
    _localised[key] = result
    return result


def section_title(section: str, english_title: str, language: str | None = None) -> str:
    """The title of a paper section in `language` (English when it has none)."""
    from .i18n import current_language

    language = language or current_language()
    if language == DEFAULT_LANGUAGE:
        return english_title
    return language_data(language)["titles"].get(section, english_title)


def interface_strings(language: str) -> dict[str, str]:
    """The filled interface strings of `language` (no English fallback here; i18n adds it)."""
    return dict(language_data(language)["strings"])


def questionnaire_texts(language: str) -> dict[str, str]:
    return dict(language_data(language)["questionnaire"])


def clear_caches() -> None:
    """Forget what was read (tests that write translation files, set_language)."""
    language_data.cache_clear()
    _localised.clear()


# ------------------------------------------------------------------ validation

ENTRY_KEYS = frozenset({"english", "hash", "text", "stale", "english_before"})


def _keyed_path(english_data: Any, loc: list[str | int]) -> str:
    """A pydantic location (positions counted from 0) as a translation field path (ids where
    the list entries have them): ['pitfalls', 1, 'patterns'] -> 'pitfalls[tear-gas-banned].patterns'."""
    out, node = "", english_data
    for part in loc:
        if isinstance(part, int):
            entry = node[part] if isinstance(node, list) and 0 <= part < len(node) else None
            key = entry.get("id") if isinstance(entry, dict) and entry.get("id") else part + 1
            out += f"[{key}]"
            node = entry
        else:
            out += ("." if out else "") + part
            node = node.get(part) if isinstance(node, dict) else None
    return out


def _placeholders(text: str) -> set[str]:
    import string

    try:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name}
    except ValueError:
        return {"<unbalanced braces>"}


def validate(root: Path = TRANSLATIONS_DIR, only: Iterable[Path] | None = None, package_dir: Path = PACKAGE_DIR) -> list:
    """Every problem of the translation files under `root` (or only the files `only`), each
    naming the file, the item id (group) and the field: a language the course does not offer, a
    file that mirrors no English file, an item or field that does not exist or is not text, a
    text of the wrong kind, interface placeholders that differ from the English, and translated
    items that the content schema refuses (pitfall patterns that do not compile, are unsafe or
    miss their own examples, empty or too short texts, markup that fetches something)."""
    import difflib

    from pydantic import ValidationError

    from . import safe_yaml
    from .bank import Problem, _describe_pydantic_error, _display_path, _LineIndex, default_bank, load

    problems: list[Problem] = []
    if not root.is_dir():
        return problems
    wanted = None if only is None else {Path(p).resolve() for p in only}
    english_items: dict[str, Any] | None = None
    for folder in sorted(p for p in root.iterdir() if p.is_dir()):
        language = folder.name
        files = sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix in (".yaml", ".yml"))
        files = [p for p in files if wanted is None or p.resolve() in wanted]
        if not files:
            continue
        if language not in LANGUAGES or language == DEFAULT_LANGUAGE:
            offered = ", ".join(code for code in LANGUAGES if code != DEFAULT_LANGUAGE)
            problems.append(Problem(_display_path(folder), f"'{language}' is not a language the course offers ({offered}); add it to LANGUAGES in hrdtrain/translations.py first"))
            continue
        by_rel = {src.rel: src for src in sources(language, package_dir)}
        for path in files:
            shown = _display_path(path)
            rel = path.relative_to(folder).as_posix()
            src = by_rel.get(rel)
            if src is None:
                close = difflib.get_close_matches(rel, list(by_rel), n=1, cutoff=0.6)
                hint = f"; did you mean '{close[0]}'?" if close else " (run hrdtrain translations template to make the right files)"
                problems.append(Problem(shown, f"translates no English file: there is no '{rel}' to mirror{hint}"))
                continue
            try:
                text = safe_yaml.read_text(path, shown, "translation files")
                data = safe_yaml.load(text, shown, "translation files")
            except safe_yaml.RefusedYAML as exc:
                problems.append(Problem(shown, exc.reason, line=exc.line))
                continue
            except Exception as exc:  # YAML syntax, not UTF-8
                mark = getattr(exc, "problem_mark", None)
                problems.append(Problem(shown, f"cannot be read as YAML: {getattr(exc, 'problem', None) or exc}", line=mark.line + 1 if mark else None))
                continue
            index: _LineIndex | None = None

            def line_of(*path_in_file: str) -> int | None:
                nonlocal index
                if index is None:
                    index = _LineIndex(text)
                return index.line(list(path_in_file))

            if not isinstance(data, dict) or not isinstance(data.get("entries"), dict):
                problems.append(Problem(shown, "expected 'language', 'english' and 'entries' at the top of the file", line=1))
                continue
            if data.get("language") != language:
                problems.append(Problem(shown, f"'language' is {safe_yaml.shorten(data.get('language'))}, but the file is in the folder '{language}'", line=line_of("language"), field="language"))
            good: dict[str, dict[str, Any]] = {}
            for group, fields in data["entries"].items():
                group = str(group)
                if group not in src.groups:
                    close = difflib.get_close_matches(group, list(src.groups), n=1, cutoff=0.6)
                    hint = f"; did you mean '{close[0]}'?" if close else ""
                    problems.append(Problem(shown, f"{src.english_shown()} has no item '{group}'{hint}", line=line_of("entries", group), item_id=group))
                    continue
                if not isinstance(fields, dict):
                    problems.append(Problem(shown, "expected the item's fields (a YAML mapping)", line=line_of("entries", group), item_id=group))
                    continue
                english_fields = src.groups[group]
                for fpath, raw in fields.items():
                    fpath = str(fpath)
                    where = dict(line=line_of("entries", group, fpath), item_id=group, field=fpath)
                    if fpath not in english_fields:
                        close = difflib.get_close_matches(fpath, list(english_fields), n=1, cutoff=0.6)
                        names = {name for kind, name in _safe_parse(fpath) if kind == "name"}
                        if src.kind == "content" and names & NOT_TEXT:
                            why = "; ids, answers, verdicts, ratings, scene links and sources are not translated"
                        else:
                            why = f"; did you mean '{close[0]}'?" if close else ""
                        problems.append(Problem(shown, f"'{group}' in {src.english_shown()} has no text field '{fpath}'{why}", **where))
                        continue
                    if not isinstance(raw, dict):
                        problems.append(Problem(shown, "expected 'english', 'hash' and 'text' (a YAML mapping)", **where))
                        continue
                    extra = sorted(str(k) for k in raw if k not in ENTRY_KEYS)
                    if extra:
                        problems.append(Problem(shown, f"unknown key {', '.join(repr(e) for e in extra)}; an entry has english, hash, text (and stale, english_before after an English change)", **where))
                        continue
                    english = english_fields[fpath]
                    value = raw.get("text")
                    if value in (None, "", []):
                        continue
                    if isinstance(english, list):
                        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
                            problems.append(Problem(shown, "expected a list of texts (one per line, each starting with '- '), none empty", **where))
                            continue
                    elif not isinstance(value, str):
                        problems.append(Problem(shown, f"expected text, got {type(value).__name__} {safe_yaml.shorten(value)}; put it in quotes", **where))
                        continue
                    if not isinstance(raw.get("hash"), str):
                        problems.append(Problem(shown, "the 'hash' of the English is missing; run hrdtrain translations template to restore it", **where))
                        continue
                    expected_names = _placeholders(english) if src.kind == "locales" and isinstance(english, str) else set()
                    found_names = _placeholders(value) if src.kind == "locales" and isinstance(value, str) else set()
                    if src.kind == "locales" and _is_plural_form(fpath, english_fields):
                        # A plural form may leave the number out ('two' in Arabic: the dual says it).
                        found_names, expected_names = found_names | {"count"}, expected_names | {"count"}
                    if src.kind == "locales" and found_names != expected_names:
                        problems.append(
                            Problem(shown, f"has placeholders {sorted(_placeholders(value))}, the English has {sorted(_placeholders(english))}: keep each {{name}} as it is", **where)
                        )
                        continue
                    good.setdefault(group, {})[fpath] = value
            if src.kind == "content" and good:
                if english_items is None:
                    try:
                        english_items = dict(default_bank().items)
                    except Exception:
                        english_items = dict(load([package_dir / "content"])[0].items)
                for group, texts in good.items():
                    if group == "file":
                        continue
                    item = english_items.get(group)
                    if item is None:
                        continue
                    try:
                        apply(item, texts)
                    except ValidationError as exc:
                        english_data = item.model_dump(mode="json")
                        for err in exc.errors():
                            loc, msg = _describe_pydantic_error(err)
                            keyed = _keyed_path(english_data, loc)
                            # The translated field the problem is in: the longest translated path it starts with.
                            owner = max((p for p in texts if keyed == p or keyed.startswith(p + ".") or keyed.startswith(p + "[")), key=len, default=keyed)
                            problems.append(Problem(shown, f"in this translation: {msg}", line=line_of("entries", group, owner), item_id=group, field=owner or None))
    return problems


def _is_plural_form(key: str, strings: dict[str, Any]) -> bool:
    from .i18n import _plural_base

    base = _plural_base(key)
    return base is not None and f"{base}.other" in strings


def _safe_parse(path: str) -> list[tuple[str, str]]:
    try:
        return parse_path(path)
    except ValueError:
        return []


def split_paths(paths: Iterable[str | Path]) -> tuple[list[str], list[Path]]:
    """Paths given to `hrdtrain validate`, split into content paths and translation paths (any
    path inside a folder named 'translations')."""
    content, translated = [], []
    for raw in paths:
        (translated.append(Path(raw)) if "translations" in Path(raw).resolve().parts else content.append(str(raw)))
    return content, translated


def validate_translations(paths: Iterable[Path] | None = None) -> list:
    """validate() of the built-in translations (paths None), or of the files and folders named."""
    if paths is None:
        return validate(TRANSLATIONS_DIR)
    problems: list = []
    by_root: dict[Path, list[Path]] = {}
    for raw in paths:
        path = Path(raw).resolve()
        parts = path.parts
        root = Path(*parts[: len(parts) - parts[::-1].index("translations")])
        files = [p for p in path.rglob("*") if p.is_file()] if path.is_dir() else [path]
        if not path.exists():
            from .bank import Problem

            problems.append(Problem(str(raw), "no such file or folder"))
            continue
        by_root.setdefault(root, []).extend(files)
    for root, files in by_root.items():
        problems += validate(root, only=files)
    return problems
