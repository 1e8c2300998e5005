"""Two participants of a real hub, each in their own browser: both log in with their line of
passwords.csv, land in notebook 00, answer the tear-gas quiz by clicking, and neither can open
the other's server. One of them then fetches and submits assignment 02 in JupyterLab's
Assignments tab (nbgrader's), and after the trainer has graded it, fetches the feedback there
and reads it, without a hidden test; the trainer sees the submission in her Formgrader tab.
Screenshots: test-artifacts/screenshots/hub/."""

from __future__ import annotations

import json
import os
import re
import urllib.parse
from pathlib import Path

import pytest
from chromium import settle
from playwright.sync_api import Page, expect

pytestmark = [pytest.mark.hub, pytest.mark.browser]

REPO = Path(__file__).resolve().parents[2]
SHOTS = Path(os.environ.get("HRDTRAIN_SCREENSHOTS", REPO / "test-artifacts" / "screenshots")) / "hub"
TEAR_GAS_QUIZ = ".hrdtrain-quiz.hrdtrain-item-3-4-tear-gas"
KERNEL_IDLE = re.compile(r"^(?!No Kernel).+ \| Idle$")
ASSIGNMENT = "02_international_standards"


def log_in_and_answer(browser, hub, login: str) -> Page:
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.set_default_timeout(60_000)
    outside: list[str] = []

    def only_the_hub(route):
        url = route.request.url
        if url.startswith(hub.url) or url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            outside.append(url)
            route.abort()

    context.route("**/*", only_the_hub)
    page = context.new_page()
    page.goto(hub.url + "hub/login")
    page.get_by_label("Username").fill(login)
    page.get_by_label("Password").fill(hub.passwords[login])
    page.get_by_role("button", name="Sign in").click()
    # The hub starts the participant's server and opens notebook 00 in it.
    page.wait_for_url(re.compile(rf"/user/{login}/lab/tree/notebooks/00_start_here.ipynb"), timeout=120_000)
    page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook").wait_for()
    idle = page.locator(".jp-StatusBar-TextItem", has_text=KERNEL_IDLE)
    idle.or_(page.locator(".jp-Dialog")).first.wait_for()
    if page.locator(".jp-Dialog").count():
        page.locator(".jp-Dialog .jp-mod-accept").click()
    idle.wait_for()
    page.get_by_role("menuitem", name="Run", exact=True).click()
    page.get_by_role("menuitem", name="Run All Cells", exact=True).click()
    quiz = page.locator(TEAR_GAS_QUIZ)
    quiz.wait_for(timeout=90_000)
    settle(page, quiz)
    radio = quiz.get_by_role("group", name="Your verdict", exact=True).get_by_role("radio", name="Inaccurate", exact=True)
    for _ in range(3):
        settle(page, radio)
        radio.click()
        if radio.is_checked():
            break
    check = quiz.get_by_role("button", name="Check", exact=True)
    settle(page, check)
    check.click()
    expect(quiz.locator(".hrdtrain-feedback")).to_contain_text("Correct", timeout=30_000)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{login.split('-')[1][:-4]}-answered.png"))
    assert not outside, f"the page tried to fetch from outside the hub: {outside}"
    return page


def recorded(hub, login: str):
    code = "from hrdtrain.store import open_store\na = open_store().last_answer('3.4-tear-gas')\nprint(a.answer if a else None, a.correct if a else None)"
    done = hub.as_user(login, f"{hub.venv}/bin/python", "-c", code, cwd=f"/home/{login}")
    assert done.returncode == 0, done.stderr
    return done.stdout.split()


def open_nbgrader(page: Page, item: str) -> None:
    page.get_by_role("menuitem", name="Nbgrader", exact=True).click()
    page.get_by_role("menuitem", name=item, exact=True).click()


def fetch_submit_and_read_feedback(page: Page, hub, login: str, hidden_lines: list[str]) -> None:
    """In the learner's JupyterLab: the Assignments tab fetches and submits assignment 02; the
    trainer grades it; the tab fetches the feedback, which opens and shows no hidden test."""
    course = Path(f"/home/{login}/hrdtrain-course")
    open_nbgrader(page, "Assignment List")
    released = page.locator("#released_assignments_list > .list_item", has_text=ASSIGNMENT)
    released.get_by_role("button", name="Fetch", exact=True).click()
    fetched = page.locator("#fetched_assignments_list > .list_item", has_text=ASSIGNMENT)
    fetched.wait_for()
    # Into the learner's course folder (JupyterLab's root), not their home: nbgrader's default
    # is the server's working folder, which on the hub is the home.
    notebook = course / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
    assert notebook.is_file() and not (course.parent / ASSIGNMENT).exists()
    assert "BEGIN HIDDEN TESTS" not in notebook.read_text(encoding="utf-8")
    fetched.get_by_role("button", name="Submit", exact=True).click()
    submitted = page.locator("#submitted_assignments_list > .list_item", has_text=ASSIGNMENT)
    expect(submitted).to_contain_text(re.compile(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d"))
    page.screenshot(path=str(SHOTS / "learner-submitted.png"))

    hub.trainer("nbgrader", "collect", ASSIGNMENT)
    hub.trainer("hrdtrain", "grade", ASSIGNMENT, "--student", login, "--no-progress")
    hub.trainer("hrdtrain", "feedback", ASSIGNMENT, "--student", login)
    hub.trainer("nbgrader", "release_feedback", ASSIGNMENT, "--student", login)

    page.locator("#refresh_assignments_list").click()
    expect(submitted).to_contain_text("feedback available to fetch")
    submitted.get_by_role("button", name="Fetch Feedback", exact=True).click()
    view = submitted.get_by_text("(view feedback)")
    view.click()  # the file browser goes to the feedback folder
    page.locator(".jp-DirListing-item", has_text=f"{ASSIGNMENT}.html").dblclick()
    shown = page.frame_locator(".jp-HTMLViewer iframe").locator("body")
    expect(shown).to_contain_text("Score")
    text = shown.inner_text()
    assert ASSIGNMENT in text
    assert "BEGIN HIDDEN TESTS" not in text
    leaked = [line for line in hidden_lines if line in text]
    assert not leaked, f"the feedback shows hidden tests: {leaked}"
    page.screenshot(path=str(SHOTS / "learner-feedback.png"))


def trainers_formgrader_lists(browser, hub, student: str) -> None:
    """The trainer's JupyterLab: Nbgrader > Formgrader opens formgrader in a tab (a frame of her
    own server) and its assignment 02 lists the learner's submission."""
    tina = hub.logins["tina"]
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.set_default_timeout(60_000)
    page = context.new_page()
    page.goto(hub.url + "hub/login?next=" + urllib.parse.quote(f"/user/{tina}/lab"))
    page.get_by_label("Username").fill(tina)
    page.get_by_label("Password").fill(hub.passwords[tina])
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(rf"/user/{tina}/lab"), timeout=120_000)
    open_nbgrader(page, "Formgrader")
    formgrader = page.frame_locator(".jp-MainAreaWidget:not(.lm-mod-hidden) iframe")
    row = formgrader.locator("tr", has_text=ASSIGNMENT)
    expect(row).to_contain_text("released")
    row.get_by_role("link", name=re.compile(r"^\d+$")).click()  # the number of submissions
    expect(formgrader.locator(".breadcrumb .active")).to_have_text(ASSIGNMENT)
    expect(formgrader.locator("tr", has_text=student)).to_be_visible()
    page.screenshot(path=str(SHOTS / "trainer-formgrader.png"))
    context.close()


def test_two_participants_answer_a_quiz_cannot_open_each_others_server_and_exchange_assignment_02_in_the_assignments_tab(hub, released, hidden_lines, chromium):
    amal, bo = hub.logins["amal"], hub.logins["bo"]
    page_a = log_in_and_answer(chromium, hub, amal)
    page_b = log_in_and_answer(chromium, hub, bo)
    # The exchange through the real interface: Amal fetches, submits and reads her feedback;
    # the trainer's formgrader lists her submission.
    fetch_submit_and_read_feedback(page_a, hub, amal, hidden_lines)
    trainers_formgrader_lists(chromium, hub, amal)
    # Each answer is in its participant's own store, in their own home.
    assert recorded(hub, amal)[1] == "True" and recorded(hub, bo)[1] == "True"
    # The course's settings apply on the hub, plus nbgrader's Assignments tab (and only that) for learners.
    config = json.loads(page_a.locator("#jupyter-config-data").text_content())
    disabled = config.get("disabledExtensions", [])
    assert "@jupyterlab/apputils-extension:announcements" in disabled and config.get("news") == {"disabled": True}
    assert "@jupyter/nbgrader" not in disabled and "@jupyter/nbgrader:assignment-list" not in disabled
    assert {"@jupyter/nbgrader:create-assignment", "@jupyter/nbgrader:formgrader"} <= set(disabled)
    # Amal's browser, pointed at Bo's server: refused by the hub, never Bo's JupyterLab.
    for page, other in ((page_a, bo), (page_b, amal)):
        reply = page.goto(hub.url + f"user/{other}/lab/tree/notebooks/00_start_here.ipynb")
        assert reply.status == 403, (reply.status, page.url)
        expect(page.locator(".jp-Notebook")).to_have_count(0)
        reply = page.goto(hub.url + f"user/{other}/api/contents/notebooks")
        assert reply.status == 403 and "00_start_here" not in page.content()
    for page in (page_a, page_b):
        page.context.close()
