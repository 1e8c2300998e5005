"""Do the course notebooks follow the conventions, use real items, and run top to bottom in a real kernel?"""

from __future__ import annotations

import json
import re
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from hrdtrain.bank import default_bank

NOTEBOOKS_DIR = Path(__file__).parents[2] / "notebooks"
NOTEBOOKS = sorted(NOTEBOOKS_DIR.glob("*.ipynb"))
SECTION_NOTEBOOKS = [p for p in NOTEBOOKS if re.match(r"0[1-7]_", p.name)]
QUIZ_CELL = re.compile(r'^show\("([^"]+)"\)$')
ONE_LINE_CELL = re.compile(r'^(show|self_assessment|my_progress|group_results)\([^\n]*\)$')
"""The one-line calls a notebook may make: a quiz, the self-assessment, the learner's progress, the group's results."""
REQUIRED_OPENING = ["**Paper section:**", "**Estimated time:**", "**You will learn to:**"]
REQUIRED_BLOCKS = ["### Key points", "### For facilitators", "### Further reading", "### Reflect"]


def read(path: Path):
    return nbformat.read(path, as_version=4)


def quiz_ids(nb) -> list[str]:
    ids = []
    for cell in nb.cells:
        if cell.cell_type == "code":
            m = QUIZ_CELL.match(cell.source.strip())
            if m:
                ids.append(m.group(1))
    return ids


EXPECTED = [
    "00_start_here.ipynb",
    "01_introduction.ipynb",
    "02_international_standards.ipynb",
    "03_police_enforcing_the_law.ipynb",
    "04_police_as_violators.ipynb",
    "05_police_as_protectors.ipynb",
    "06_constructive_dialogue.ipynb",
    "07_final_remarks.ipynb",
]


def test_there_is_a_start_notebook_and_one_notebook_per_paper_section():
    assert [p.name for p in NOTEBOOKS if re.match(r"0[0-7]_", p.name)] == EXPECTED


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_committed_without_outputs(path):
    raw = json.loads(path.read_text(encoding="utf-8"))
    for cell in raw["cells"]:
        if cell["cell_type"] == "code":
            assert cell.get("outputs") == [] and cell.get("execution_count") is None


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_code_cells_are_setup_or_one_line_quizzes(path):
    nb = read(path)
    code = [c.source.strip() for c in nb.cells if c.cell_type == "code"]
    assert code and code[0].startswith("from hrdtrain import ")
    for src in code[1:]:
        assert ONE_LINE_CELL.match(src), f"{path.name}: not a one-line cell: {src!r}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_every_item_a_notebook_shows_exists(path):
    bank = default_bank()
    missing = [i for i in quiz_ids(read(path)) if i not in bank.items]
    assert missing == []


@pytest.mark.parametrize("path", SECTION_NOTEBOOKS, ids=lambda p: p.name)
def test_section_notebook_has_the_required_blocks(path):
    nb = read(path)
    opening = nb.cells[0].source
    assert opening.startswith("# ")
    for marker in REQUIRED_OPENING:
        assert marker in opening, f"{path.name}: opening cell lacks {marker}"
    headings = [line.strip() for c in nb.cells if c.cell_type == "markdown" for line in c.source.splitlines()]
    for block in REQUIRED_BLOCKS:
        assert any(h.startswith(block) for h in headings), f"{path.name}: no '{block}' block"
    assert any(h.startswith("### Case study:") for h in headings), f"{path.name}: no case study"


def test_every_item_is_used_in_the_notebook_of_its_section():
    """An item nobody can reach is dead content; an item in the wrong notebook confuses learners."""
    used = {p.name[:2]: set(quiz_ids(read(p))) for p in SECTION_NOTEBOOKS}
    unused = sorted(i.id for i in default_bank() if i.id not in used.get("0" + i.section.split(".")[0], set()))
    assert unused == []


@pytest.mark.parametrize("path", SECTION_NOTEBOOKS, ids=lambda p: p.name)
def test_a_section_notebook_shows_only_items_of_its_section(path):
    bank = default_bank()
    section = str(int(path.name[:2]))
    foreign = [i for i in quiz_ids(read(path)) if i in bank.items and bank.get(i).section.split(".")[0] != section]
    assert foreign == []


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_runs_top_to_bottom_on_a_fresh_kernel(path, tmp_path):
    nb = read(path)
    NotebookClient(nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(NOTEBOOKS_DIR)}}).execute()
    errors = [
        (i, o.get("ename"), o.get("evalue"))
        for i, c in enumerate(nb.cells)
        if c.cell_type == "code"
        for o in c.outputs
        if o.output_type == "error" or (o.output_type == "stream" and o.name == "stderr")
    ]
    assert errors == []
    widgets_shown = sum(
        1 for c in nb.cells if c.cell_type == "code" for o in c.outputs if "application/vnd.jupyter.widget-view+json" in o.get("data", {})
    )
    one_line_widgets = sum(1 for c in nb.cells if c.cell_type == "code" and c.source.strip().startswith("self_assessment("))
    assert widgets_shown == len(quiz_ids(nb)) + one_line_widgets


# The paper's boxed case studies that issue 5 names, the notebook each belongs in, and a pattern
# its "### Case study:" heading must match.
CASE_STUDIES = {
    "Otpor's Plan B": ("03", r"Otpor"),
    "the Ugandan land-rights case": ("03", r"Land-rights defenders.*Uganda"),
    "the Armenian Police Act and Sweden": ("03", r"Armenia and Sweden"),
    "the Russian single pickets and mannequins": ("03", r"Single pickets, mannequins"),
    "the Brazilian filming guide": ("03", r"filming police violence.*Brazil"),
    "Hakam's leaflet in Malaysia": ("03", r"Hakam"),
    "Chapter Four's search leaflet": ("03", r"Chapter Four"),
    "the Kenyan documentation guidelines": ("04", r"documenting police violations in Kenya"),
    "the KNCHR dialogue forums": ("04", r"KNCHR"),
    "the abducted defender and the Chief of Police": ("04", r"Chief of Police"),
    "the Colombian radio network": ("05", r"radio.*Colombia"),
    "supervising protection visits": ("05", r"Supervising protection visits"),
    "Bangladesh": ("05", r"Bangladesh"),
    "Guatemala's analysis unit": ("05", r"Analysis Unit.*Guatemala"),
    "Citizens' Watch in Russia": ("06", r"Citizens' Watch"),
    "STEPPS and ethnic profiling": ("06", r"STEPPS.*ethnic profiling"),
    "Heiligendamm": ("06", r"Heiligendamm"),
}


@pytest.mark.parametrize("case", sorted(CASE_STUDIES))
def test_each_boxed_case_study_is_in_its_section_and_followed_by_something_to_do(case):
    """A case study must make the learner use it: a quiz cell or a Reflect block before the next heading."""
    number, pattern = CASE_STUDIES[case]
    nb = read(next(p for p in SECTION_NOTEBOOKS if p.name.startswith(number)))
    starts = [i for i, c in enumerate(nb.cells) if c.cell_type == "markdown" and re.search(r"^### Case study:.*" + pattern, c.source, re.M)]
    assert starts, f"notebook {number}: no '### Case study:' heading for {case}"
    following = []
    for c in nb.cells[starts[0] + 1 :]:
        if c.cell_type == "markdown" and re.match(r"^##? ", c.source) or re.match(r"^### Case study:", c.source):
            break
        following.append(c)
    assert any(c.cell_type == "code" and QUIZ_CELL.match(c.source.strip()) for c in following) or any(
        c.cell_type == "markdown" and c.source.startswith("### Reflect") for c in following
    ), f"notebook {number}: the case study on {case} is followed by neither a quiz nor a Reflect block"
