"""Smoke test in a real JupyterLab and a real browser: open a course notebook, Run All, answer a
quiz by clicking, read the feedback. Also checks the course's privacy settings as a learner's
browser sees them: no news toast, nothing fetched from outside this computer.

Screenshots of each step: test-artifacts/screenshots/<test name>/.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import nbformat
import pytest
from chromium import settle
from playwright.sync_api import Locator, Page, expect

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[2]
NOTEBOOK = "notebooks/03_police_enforcing_the_law.ipynb"
TEAR_GAS_QUIZ = ".hrdtrain-quiz.hrdtrain-item-3-4-tear-gas"
# The status bar says e.g. "Python 3 (ipykernel) | Idle" once the kernel is up; before that it
# says "No Kernel | ...", while the toolbar's execution indicator already claims "idle".
KERNEL_IDLE = re.compile(r"^(?!No Kernel).+ \| Idle$")
NEWS = re.compile(r"\bnews\b", re.IGNORECASE)
RUN_ALL_TIMEOUT = 90_000  # ms; "Run All" on a fresh kernel should take seconds


def open_notebook(page: Page, server, path: str) -> None:
    """Opens `path` in JupyterLab and waits until its kernel is idle."""
    page.goto(server.lab_url(path), wait_until="domcontentloaded", timeout=60_000)
    page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook").wait_for(timeout=60_000)
    kernel_idle = page.locator(".jp-StatusBar-TextItem", has_text=KERNEL_IDLE)
    # A notebook without kernel metadata asks which kernel to use: take the default.
    kernel_idle.or_(page.locator(".jp-Dialog")).first.wait_for(timeout=60_000)
    if page.locator(".jp-Dialog").count():
        page.locator(".jp-Dialog .jp-mod-accept").click()
    kernel_idle.wait_for(timeout=60_000)


def run_all_cells(page: Page) -> None:
    """Run menu -> Run All Cells, as a learner does; waits until every code cell has run."""
    page.get_by_role("menuitem", name="Run", exact=True).click()
    page.get_by_role("menuitem", name="Run All Cells", exact=True).click()
    page.wait_for_function(
        """() => {
            const prompts = [...document.querySelectorAll(
                '.jp-NotebookPanel:not(.lm-mod-hidden) .jp-CodeCell .jp-InputArea-prompt')];
            return prompts.length > 0 && prompts.every(p => /\\[\\d+\\]/.test(p.textContent));
        }""",
        timeout=RUN_ALL_TIMEOUT,
    )


def choose(page: Page, radio: Locator) -> None:
    """Clicks a radio button as a learner does, until it is selected (choosing is idempotent)."""
    for _ in range(3):
        settle(page, radio)
        radio.click()
        if radio.is_checked():
            return
    expect(radio).to_be_checked()


def press(page: Page, button: Locator) -> None:
    """Clicks a button once, after it has stopped moving (pressing twice would count a try twice)."""
    settle(page, button)
    button.click()


def tracebacks(page: Page) -> list[str]:
    """Error outputs in the page: tracebacks (JupyterLab renders them, like stderr, as
    application/vnd.jupyter.stderr) and widgets the page could not display."""
    stderr = page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']").all_inner_texts()
    return [text for text in stderr if "Traceback" in text] + widget_errors(page)


def widget_errors(page: Page) -> list[str]:
    """Widgets shown as ipywidgets' error view (a broken-file icon: its model class or view failed
    to load) or as "Error displaying widget", each with the JavaScript error the view keeps behind
    a click."""
    return page.evaluate(
        """() => {
            const found = [];
            for (const icon of document.querySelectorAll('.jupyter-widgets-error-widget')) {
                const view = icon.parentElement;
                view.click();  // the view then shows its message and stack instead of the icon
                found.push('widget not displayed: ' + view.innerText.slice(0, 2000));
            }
            for (const output of document.querySelectorAll('.jp-OutputArea-output')) {
                if (/^Error displaying widget/.test(output.textContent)) found.push(output.textContent);
            }
            return found;
        }"""
    )


def assert_course_privacy_settings_apply(page: Page, requested: list[str], outside_requests: list[str]) -> None:
    """What jupyter-config/ promises, as the browser sees it."""
    config = json.loads(page.locator("#jupyter-config-data").text_content())
    disabled = config.get("disabledExtensions", [])
    assert "@jupyterlab/apputils-extension:announcements" in disabled, f"announcements not disabled: {disabled}"
    assert "@jupyterlab/extensionmanager-extension:plugin" in disabled, f"extension manager not disabled: {disabled}"
    assert config.get("news") == {"disabled": True}, config.get("news")
    assert config.get("extensionManager", {}).get("can_install") is False, config.get("extensionManager")

    toasts = page.locator(".Toastify__toast").all_inner_texts()
    assert not [t for t in toasts if NEWS.search(t)], f"a news toast is showing: {toasts}"
    expect(page.get_by_text("official Jupyter news")).to_have_count(0)
    asked = [u for u in requested if "/lab/api/news" in u or "/lab/api/update" in u]
    assert not asked, f"the page asked for news or updates: {asked}"
    assert not outside_requests, f"the page tried to fetch from outside this computer: {outside_requests}"


def snapshot(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_harness_runs_and_clicks_plain_ipywidgets(page, lab_server, outside_requests, screenshot):
    """The harness itself, on a scratch notebook of plain ipywidgets: if this fails too, the
    problem is the server, the browser or Playwright, not the course."""
    notebook = nbformat.v4.new_notebook()
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
    notebook.cells = [
        nbformat.v4.new_code_cell(
            "import ipywidgets as w\n"
            "pick = w.RadioButtons(options=['Yes', 'No'], value=None, description='Pick one')\n"
            "go, said = w.Button(description='Go'), w.HTML()\n"
            "go.on_click(lambda _: setattr(said, 'value', f'You chose {pick.value}'))\n"
            "box = w.VBox([pick, go, said]); box.add_class('harness-box'); box"
        )
    ]
    (lab_server.root / "harness").mkdir(exist_ok=True)
    nbformat.write(notebook, lab_server.root / "harness" / "scratch.ipynb")
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))

    open_notebook(page, lab_server, "harness/scratch.ipynb")
    run_all_cells(page)
    box = page.locator(".harness-box")
    choose(page, box.get_by_role("radio", name="No", exact=True))
    press(page, box.get_by_role("button", name="Go"))
    expect(box).to_contain_text("You chose No", timeout=15_000)
    screenshot("scratch-widget-clicked")
    assert_course_privacy_settings_apply(page, requested, outside_requests)


def test_tear_gas_quiz_gives_feedback_when_answered_by_clicking(page, lab_server, outside_requests, screenshot):
    if not (REPO / NOTEBOOK).exists():
        pytest.fail(f"{NOTEBOOK} does not exist yet")
    repo_notebooks = snapshot(REPO / "notebooks")
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))

    open_notebook(page, lab_server, NOTEBOOK)
    screenshot("notebook-open")
    run_all_cells(page)
    quiz = page.locator(TEAR_GAS_QUIZ)
    quiz.wait_for(timeout=30_000)
    settle(page, quiz)
    screenshot("after-run-all")
    assert not tracebacks(page), f"Run All raised errors: {tracebacks(page)}"

    verdict = quiz.get_by_role("group", name="Your verdict", exact=True)
    expect(verdict).to_have_count(1)
    for option in ("Accurate", "Inaccurate", "It depends"):
        expect(verdict.get_by_role("radio", name=option, exact=True)).to_be_visible()
    check = quiz.get_by_role("button", name="Check", exact=True)
    feedback = quiz.locator(".hrdtrain-feedback")

    choose(page, verdict.get_by_role("radio", name="Accurate", exact=True))
    press(page, check)
    expect(feedback).to_contain_text("Not quite", timeout=15_000)
    feedback.scroll_into_view_if_needed()
    screenshot("wrong-answer-feedback")

    choose(page, verdict.get_by_role("radio", name="Inaccurate", exact=True))
    press(page, check)
    expect(feedback).to_contain_text("Correct", timeout=15_000)
    expect(feedback).to_contain_text("not unlawful from the outset")
    expect(feedback).to_contain_text("2 tries")
    expect(feedback).not_to_contain_text("Not quite")
    feedback.scroll_into_view_if_needed()
    screenshot("right-answer-feedback")

    assert_course_privacy_settings_apply(page, requested, outside_requests)
    assert snapshot(REPO / "notebooks") == repo_notebooks, "the test changed the repository's notebooks"


def test_quizzes_can_be_answered_with_the_keyboard_only(page, lab_server, screenshot):
    """Accessibility: after focus lands in a quiz, Tab, arrow keys, Space and Enter are enough."""
    from hrdtrain.bank import default_bank

    open_notebook(page, lab_server, NOTEBOOK)
    run_all_cells(page)

    # A sort item: every statement has a labelled drop-down list; arrow keys pick the category.
    item = default_bank().get("3.4-may-or-must")
    quiz = page.locator(".hrdtrain-quiz.hrdtrain-item-3-4-may-or-must")
    quiz.wait_for(timeout=30_000)
    settle(page, quiz)
    selects = quiz.locator("select")
    expect(selects).to_have_count(len(item.statements))
    expect(quiz).to_contain_text("Alt+↓")  # the keyboard hint the widget shows
    selects.first.focus()  # where Tab from the previous cell's output would land
    category_order = [c.id for c in item.categories]
    for n, statement in enumerate(item.statements, start=1):
        expect(quiz.get_by_label(f"Statement {n}", exact=True)).to_be_focused()
        # JupyterLab's command mode takes a bare ArrowDown on a closed list to move to the next cell
        # (only :read-write elements are exempt), so the list is opened first, as the hint says.
        page.keyboard.press("Alt+ArrowDown")
        for _ in range(category_order.index(statement.category) + 1):  # +1: past "— choose —"
            page.keyboard.press("ArrowDown")
        page.keyboard.press("Enter")
        page.keyboard.press("Tab")
    expect(quiz.get_by_role("button", name="Check", exact=True)).to_be_focused()
    page.keyboard.press("Enter")
    feedback = quiz.locator(".hrdtrain-feedback")
    expect(feedback).to_contain_text("Correct", timeout=15_000)
    # The lab's store may already hold answers from another browser test: then the count is "in this
    # session" (the feedback never calls it the first try when the store says otherwise).
    expect(feedback).to_contain_text(re.compile(r"You got it on the first try( in this session)?\."))
    feedback.scroll_into_view_if_needed()
    screenshot("sort-answered-by-keyboard")

    # A judge item: the verdicts are one Tab stop; ↓ chooses the next one; Tab to Check, Enter.
    quiz = page.locator(TEAR_GAS_QUIZ)
    settle(page, quiz)
    radios = quiz.get_by_role("radio")
    radios.first.focus()
    page.keyboard.press("Space")  # Accurate
    page.keyboard.press("ArrowDown")  # -> Inaccurate
    expect(quiz.get_by_role("radio", name="Inaccurate", exact=True)).to_be_checked()
    # At a person's pace: ipywidgets holds a second change back until the kernel has taken the
    # first, while a click goes at once (docs/accessibility.md, known issues).
    page.wait_for_timeout(500)
    page.keyboard.press("Tab")  # the group is one stop: -> Check
    expect(quiz.get_by_role("button", name="Check", exact=True)).to_be_focused()
    page.keyboard.press("Enter")
    expect(quiz.locator(".hrdtrain-feedback")).to_contain_text("Correct", timeout=15_000)
    screenshot("judge-answered-by-keyboard")
