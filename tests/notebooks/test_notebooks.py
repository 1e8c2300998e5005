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
ONE_LINE_CELL = re.compile(r'^(show|self_assessment|my_progress|group_results|share_my_results|hub_results|export_my_answers|erase_my_answers)\([^\n]*\)$')
"""The one-line calls a notebook may make: a quiz, the self-assessment, the learner's progress, the group's results,
sharing one's results on a hub and the hub's group results."""
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
    NotebookClient(nb, timeout=120, kernel_name="python3", shutdown_kernel="immediate", resources={"metadata": {"path": str(NOTEBOOKS_DIR)}}).execute()
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
    one_line_widgets = sum(1 for c in nb.cells if c.cell_type == "code" and c.source.strip().startswith(("self_assessment(", "share_my_results(", "hub_results(", "export_my_answers(", "erase_my_answers(")))
    assert widgets_shown == len(quiz_ids(nb)) + one_line_widgets
    if path in COURSE_NOTEBOOKS:  # the facilitator dashboard has no course_intro()
        setup = next(c for c in nb.cells if c.cell_type == "code")
        assert any("You are in JupyterLab" in o.get("data", {}).get("text/html", "") for o in setup.outputs)


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


# ---------------------------------------------------------------- one course, two runtimes
# JupyterLab has cells to run, a Run menu, a Kernel menu and a file browser; quiz mode (Voilà)
# has none of them. Learner-facing text that asks for one of them must say it is for JupyterLab;
# the rest is said by course_intro() in the setup cell, for the runtime at hand.

COURSE_NOTEBOOKS = [p for p in NOTEBOOKS if re.match(r"0[0-7]_", p.name)]
JUPYTERLAB_ONLY = re.compile(r"Shift\+Enter|\bKernel\b|file browser|\bRun\b[^.]{0,12}\bmenu|Run All|run (the cell|this cell|the setup cell)", re.I)
NOT_SHOWING_LINE = "If the quizzes below are not showing"


def learner_paragraphs(nb):
    """(heading, paragraph) for every paragraph of Markdown a learner reads: For-facilitators
    blocks are left out (facilitators use JupyterLab)."""
    heading = ""
    for cell in nb.cells:
        if cell.cell_type != "markdown" or cell.source.lstrip().startswith("### For facilitators"):
            continue
        for paragraph in re.split(r"\n\s*\n", cell.source):
            first = paragraph.strip().splitlines()[0] if paragraph.strip() else ""
            if first.startswith("#"):
                heading = first
            yield heading, paragraph


@pytest.mark.parametrize("path", COURSE_NOTEBOOKS, ids=lambda p: p.name)
def test_the_opening_says_in_one_line_what_to_do_when_the_quizzes_are_not_showing(path):
    """A notebook reopened from disk has no outputs (the server saves course notebooks without
    them): the learner needs one clear line before the first cell."""
    nb = read(path)
    first_code = next(i for i, c in enumerate(nb.cells) if c.cell_type == "code")
    lines = [line for c in nb.cells[:first_code] if c.cell_type == "markdown" for line in c.source.splitlines() if NOT_SHOWING_LINE in line]
    assert len(lines) == 1, f"{path.name}: no line '{NOT_SHOWING_LINE} …' before the setup cell"
    assert "Run ▸ Run All Cells" in lines[0]


@pytest.mark.parametrize("path", COURSE_NOTEBOOKS, ids=lambda p: p.name)
def test_learner_text_names_jupyterlab_wherever_it_asks_for_a_jupyterlab_only_action(path):
    wrong = [
        paragraph.strip()[:120]
        for heading, paragraph in learner_paragraphs(read(path))
        if JUPYTERLAB_ONLY.search(paragraph) and "JupyterLab" not in paragraph and "JupyterLab" not in heading
    ]
    assert wrong == []


@pytest.mark.parametrize("path", COURSE_NOTEBOOKS, ids=lambda p: p.name)
def test_no_notebook_calls_another_one_coming_soon(path):
    text = "\n".join(c.source for c in read(path).cells if c.cell_type == "markdown")
    assert not re.search(r"coming soon|not (yet )?available yet|will be added|in a later version", text, re.I)


@pytest.mark.parametrize("path", COURSE_NOTEBOOKS, ids=lambda p: p.name)
def test_each_notebook_ends_with_a_link_to_the_next_that_works_in_both_runtimes(path):
    """A relative link to the .ipynb: JupyterLab opens it in a tab, Voilà renders it
    (/voila/render/03_….ipynb links to /voila/render/04_….ipynb)."""
    last = [c for c in read(path).cells if c.cell_type == "markdown"][-1].source
    number = int(path.name[:2])
    expected = next(p.name for p in COURSE_NOTEBOOKS if int(p.name[:2]) == (number + 1) % 8)
    targets = re.findall(r"\]\(([^)\s]+\.ipynb)\)", last)
    assert expected in targets, f"{path.name}: its last cell does not link to {expected}"
    assert all((NOTEBOOKS_DIR / t).is_file() for t in targets)


def test_the_start_notebook_links_every_course_notebook():
    text = "\n".join(c.source for c in read(NOTEBOOKS_DIR / "00_start_here.ipynb").cells if c.cell_type == "markdown")
    linked = set(re.findall(r"\]\(([^)\s]+\.ipynb)\)", text))
    assert {p.name for p in COURSE_NOTEBOOKS if p.name != "00_start_here.ipynb"} <= linked


@pytest.mark.parametrize("path", COURSE_NOTEBOOKS, ids=lambda p: p.name)
def test_the_setup_cell_shows_how_to_use_the_notebook_where_it_is_open(path):
    setup = next(c for c in read(path).cells if c.cell_type == "code").source.strip().splitlines()
    assert setup[-1] == "course_intro()" and "course_intro" in setup[0]


def test_in_quiz_mode_the_setup_cell_says_quiz_mode_and_names_no_jupyterlab_menu(monkeypatch):
    """Notebook 00 run by a kernel that Voilà started (Voilà gives its kernels VOILA_* variables)."""
    monkeypatch.setenv("VOILA_BASE_URL", "/")
    monkeypatch.setenv("VOILA_SERVER_URL", "/")
    nb = read(NOTEBOOKS_DIR / "00_start_here.ipynb")
    NotebookClient(nb, timeout=120, kernel_name="python3", shutdown_kernel="immediate", resources={"metadata": {"path": str(NOTEBOOKS_DIR)}}).execute()
    setup = next(c for c in nb.cells if c.cell_type == "code")
    shown = " ".join(o["data"].get("text/html", "") for o in setup.outputs if "data" in o)
    assert "You are in quiz mode" in shown
    assert not JUPYTERLAB_ONLY.search(shown)
