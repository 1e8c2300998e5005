"""Does the learner's dashboard say where to find an item, and can its charts be read?"""

from __future__ import annotations

import html
import itertools
import re
from pathlib import Path

import pytest

from hrdtrain import my_progress, show
from hrdtrain.bank import default_bank
from hrdtrain.progress import progress_figure, summary
from hrdtrain.store import ProgressStore

NOTEBOOKS = Path(__file__).parents[2] / "notebooks"


def visible(markup: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", markup)).split())


def answer_wrong(item_id: str) -> None:
    w = show(item_id)
    w.choice.value = "accurate"
    w.check()


def test_an_item_to_revisit_is_named_by_its_notebook_heading_and_title_not_by_code(monkeypatch):
    monkeypatch.chdir(NOTEBOOKS)  # a notebook's kernel runs in the notebook's folder
    answer_wrong("3.4-tear-gas")
    page = my_progress().data
    revisit = page[page.index("To revisit") :]
    assert "show(" not in revisit
    seen = visible(revisit)
    assert "The tear-gas post" in seen
    assert "notebook 03" in seen.lower() and "3.4 How to communicate" in seen
    assert "href='03_police_enforcing_the_law.ipynb'" in revisit


def test_without_the_notebooks_at_hand_the_item_is_still_placed_by_notebook_and_section(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    answer_wrong("3.4-tear-gas")
    seen = visible(my_progress().data)
    assert "The tear-gas post" in seen and "notebook 03" in seen.lower() and "§3.4" in seen
    assert "show(" not in seen


def _every_text_box(fig):
    from matplotlib.text import Text

    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    found = fig.findobj(Text)
    texts = [t for t in dict.fromkeys(found) if t.get_visible() and t.get_text().strip()]  # findobj may find an artist twice
    return [(t.get_text(), t.get_window_extent(renderer)) for t in texts]


def too_close(a, b) -> bool:
    """Two label boxes overlap (with 2 pixels to spare), or stand on one line with less than a
    line's height between them, so that they read as one label ("attitude communication")."""
    if a.padded(2).overlaps(b.padded(2)):
        return True
    same_line = abs(a.y0 - b.y0) < 2 and abs(a.y1 - b.y1) < 2
    return same_line and max(b.x0 - a.x1, a.x0 - b.x1) < min(a.height, b.height)


def test_no_two_labels_of_the_progress_charts_touch():
    """Tick labels, axis labels, titles and legend entries each need room of their own."""
    bank = default_bank()
    store = ProgressStore()
    for n, item in enumerate(i for i in bank if i.type == "judge"):
        store.add_answer(item.id, item.type, "accurate", n % 2 == 0, float(n % 2 == 0), 1)
    fig = progress_figure(summary(store.answers(), bank))
    boxes = _every_text_box(fig)
    assert len(boxes) > 10
    touching = [(a, b) for (a, box_a), (b, box_b) in itertools.combinations(boxes, 2) if too_close(box_a, box_b)]
    assert touching == []


def test_an_item_the_notebook_shows_only_inside_another_still_links_its_notebook(monkeypatch, tmp_path):
    """A navigator goal answered inside the navigator: its notebook is found, its section named."""
    from hrdtrain.notebook_index import place

    folder = tmp_path / "notebooks"
    folder.mkdir()
    (folder / "06_constructive_dialogue.ipynb").write_text('{"cells": [{"cell_type": "code", "source": "show(\\"6.2-hierarchy\\")"}]}')
    found = place("6.2-goal-ethnic-profiling", "6.2", {"6": "Engaging in constructive dialogue"}, cwd=tmp_path)
    assert found.path == "notebooks/06_constructive_dialogue.ipynb" and found.heading == ""
    assert place("6.2-hierarchy", "6.2", {}, cwd=tmp_path).path == "notebooks/06_constructive_dialogue.ipynb"


@pytest.mark.parametrize("content", ["not json", "[1, 2]", '{"cells": "x"}', '{"cells": [1, {"cell_type": "code", "source": 5}]}'])
def test_a_damaged_notebook_file_costs_the_heading_not_the_dashboard(tmp_path, content):
    from hrdtrain.notebook_index import place

    (tmp_path / "03_police_enforcing_the_law.ipynb").write_text(content)
    found = place("3.4-tear-gas", "3.4", {"3": "Police enforcing the law"}, cwd=tmp_path)
    assert found.heading == "" and found.notebook == "03"
