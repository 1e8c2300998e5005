"""Issue 18: every notebook of each language runs on a fresh kernel without an error, and its
quizzes are shown in that language (the widget state carries the translated title and lang)."""

from __future__ import annotations

import html
import json
import shutil
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from hrdtrain.bank import default_bank
from hrdtrain.i18n import using_language
from hrdtrain.translations import localise

ROOT = Path(__file__).resolve().parents[2]
CASES = [(lang, path.name) for lang in ("es", "ar") for path in sorted((ROOT / "notebooks" / lang).glob("0[1-7]_*.ipynb"))]


def test_each_language_has_the_seven_section_notebooks():
    assert len(CASES) == 14


@pytest.mark.parametrize(("lang", "name"), CASES, ids=[f"{lang}-{name[:2]}" for lang, name in CASES])
def test_a_translated_notebook_runs_and_shows_its_quizzes_in_its_language(lang, name, tmp_path):
    shutil.copy(ROOT / "notebooks" / lang / name, tmp_path / name)
    nb = nbformat.read(tmp_path / name, as_version=4)
    NotebookClient(nb, timeout=120, kernel_name="python3", shutdown_kernel="immediate", resources={"metadata": {"path": str(tmp_path)}}).execute()
    problems = [
        (n, o.get("ename"), o.get("evalue") or "".join(o.get("text", ""))[:200])
        for n, c in enumerate(nb.cells) if c.cell_type == "code" for o in c.outputs
        if o.output_type == "error" or (o.output_type == "stream" and o.name == "stderr")
    ]
    assert problems == []
    quizzes = [c.source.strip()[len('show("'):-2] for c in nb.cells if c.cell_type == "code" and c.source.strip().startswith('show("')]
    shown = [c for c in nb.cells if c.cell_type == "code" and c.source.strip().startswith('show("')
             and any("application/vnd.jupyter.widget-view+json" in o.get("data", {}) for o in c.outputs)]
    assert len(shown) == len(quizzes) > 0
    state = json.dumps(nb.metadata.get("widgets", {}), ensure_ascii=False)
    assert f"lang='{lang}'" in state or f'lang=\\"{lang}\\"' in state
    bank = default_bank()
    with using_language(lang):
        translated = [localise(bank.get(i)).title for i in quizzes if bank.get(i).title != localise(bank.get(i)).title]
    assert translated, "no quiz of this notebook has a translated title"
    missing = [t for t in translated if t not in state and html.escape(t) not in state]  # titles are escaped in the widgets' HTML
    assert missing == []
