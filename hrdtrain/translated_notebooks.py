"""The course notebooks in another language, generated from the English ones, so they cannot drift.

`notebooks/LANG/NN_name.ipynb` is the English `notebooks/NN_name.ipynb` with:

- each Markdown cell's text replaced by its translation (hrdtrain/translations/LANG/notebooks/
  NN_name.yaml, keyed by cell id), the English where there is none yet;
- every code cell copied as it is, in the same place, except the setup cell (the first code cell
  that imports from hrdtrain), which also calls `set_language("LANG")`, so the notebook is in its
  language wherever it runs (JupyterLab, Voilà, the browser edition);
- relative links to files beside the English notebooks (`../docs/...`, the facilitator dashboard)
  pointing one folder up, since the notebook sits one folder down; links to other course
  notebooks stay as they are and open the same language's notebook.

Nobody edits these files: `hrdtrain translations notebooks` writes them, and a test fails when a
committed one differs from what this module makes.
"""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path

from . import translations

SETUP_IMPORT = re.compile(r"^from hrdtrain import (.+)$", re.MULTILINE)
LINK = re.compile(r"\]\(([^)\s]+)\)")


def _lines(text: str) -> list[str]:
    return text.splitlines(keepends=True)


def _setup_cell(source: str, language: str) -> str:
    """The setup cell's code with the language set right after the import."""
    match = SETUP_IMPORT.search(source)
    names = [n.strip() for n in match.group(1).split(",")]
    if "set_language" not in names:
        names.append("set_language")
    head = f"from hrdtrain import {', '.join(names)}\nset_language(\"{language}\")"
    return source[: match.start()] + head + source[match.end() :]


def _relink(text: str, english_folder: Path, language_folder: Path) -> str:
    def fix(m: re.Match) -> str:
        target = m.group(1)
        if re.match(r"^[a-z][a-z0-9+.-]*:", target, re.I) or target.startswith(("#", "/")):
            return m.group(0)
        path = target.split("#", 1)[0]
        if path and not (language_folder / path).exists() and not re.fullmatch(r"0[0-7]_[a-z_]+\.ipynb", path) and (english_folder / path).exists():
            return f"](../{target})"
        return m.group(0)

    return LINK.sub(fix, text)


def generate(english: Path, language: str, cells: dict[str, str] | None = None) -> dict:
    """The notebook of `language` made from the English notebook `english` (as nbformat JSON)."""
    if cells is None:
        data, _ = translations.read_translation(translations.TRANSLATIONS_DIR / language / "notebooks" / f"{english.stem}.yaml")
        cells = {k: v for k, v in translations._texts(data).get("cells", {}).items() if isinstance(v, str)}
    nb = json.loads(english.read_text(encoding="utf-8"))
    out = copy.deepcopy(nb)
    folder = english.parent / language
    setup_done = False
    for cell in out["cells"]:
        source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
        if cell["cell_type"] == "markdown":
            text = cells.get(cell.get("id"), source)
            if cells.get(cell.get("id")) and source.endswith("\n") and not text.endswith("\n"):
                text += "\n"
            cell["source"] = _lines(_relink(text, english.parent, folder))
        elif cell["cell_type"] == "code" and not setup_done and SETUP_IMPORT.search(source):
            cell["source"] = _lines(_setup_cell(source, language))
            setup_done = True
    out["metadata"] = {**out.get("metadata", {}), "hrdtrain": {"language": language, "generated_from": f"../{english.name}"}}
    return out


def dumps(nb: dict) -> str:
    """A notebook as Jupyter writes it (one-space indents, non-ASCII as is)."""
    return json.dumps(nb, indent=1, ensure_ascii=False) + "\n"


def english_notebooks() -> list[Path]:
    folder = translations.notebooks_dir()
    return sorted(folder.glob("0[0-7]_*.ipynb")) if folder else []


def expected() -> dict[Path, str]:
    """Every generated notebook's path and the text it must have."""
    out = {}
    for language in translations.LANGUAGES:
        if language == translations.DEFAULT_LANGUAGE:
            continue
        for english in english_notebooks():
            out[english.parent / language / english.name] = dumps(generate(english, language))
    return out


def write_all() -> list[Path]:
    """Writes notebooks/LANG/ for every language; returns the files that changed."""
    changed = []
    for path, text in expected().items():
        if path.is_file() and path.read_text(encoding="utf-8") == text:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(path.name + ".partial")
        partial.write_text(text, encoding="utf-8")
        partial.replace(path)
        changed.append(path)
    return changed
