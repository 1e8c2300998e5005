"""A new user's first quiz: the course installed from its wheel into a fresh virtual environment,
started with `hrdtrain start --no-browser` in an empty home folder, the printed address opened in
chromium, notebook 00 run and its quiz answered by clicking. The page may fetch nothing from
outside this computer."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect
from conftest import SCREENSHOTS
from test_lab_smoke import KERNEL_IDLE, choose, press, run_all_cells, settle, tracebacks
from wheel_install import fresh_venv, hrdtrain

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def course(tmp_path_factory, course_wheel):
    """`hrdtrain start` from the wheel, in a new user's home folder; stopped with Ctrl+C at the end."""
    base = tmp_path_factory.mktemp("newuser")
    venv = fresh_venv(course_wheel, base / "venv")
    home = base / "home"
    with hrdtrain(venv, home, "start") as lab:
        yield lab, home
        assert lab.stop_with_ctrl_c() == 0


def test_a_new_user_answers_the_first_quiz_of_notebook_00_in_a_course_started_with_hrdtrain_start(browser, course):
    lab, home = course
    (url,) = [line for line in lab.output().splitlines() if line.startswith(f"{lab.base}/lab/tree/notebooks/00_start_here.ipynb?token=")]
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.set_default_timeout(30_000)
    outside: list[str] = []

    def only_local(route):
        if route.request.url.startswith(lab.base) or route.request.url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", only_local)
    page = context.new_page()
    try:
        page.goto(url, wait_until="domcontentloaded", timeout=60_000)  # the address as printed, on its own line
        page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook").wait_for(timeout=60_000)
        page.locator(".jp-StatusBar-TextItem", has_text=KERNEL_IDLE).wait_for(timeout=60_000)
        expect(page.get_by_role("tab", name="00_start_here.ipynb")).to_be_visible()
        run_all_cells(page)
        quiz = page.locator(".hrdtrain-quiz.hrdtrain-item-3-4-tear-gas")
        quiz.wait_for(timeout=30_000)
        settle(page, quiz)
        assert not tracebacks(page), tracebacks(page)
        choose(page, quiz.get_by_role("radio", name="Inaccurate", exact=True))
        press(page, quiz.get_by_role("button", name="Check", exact=True))
        feedback = quiz.locator(".hrdtrain-feedback")
        expect(feedback).to_contain_text("Correct", timeout=15_000)
        expect(feedback).to_contain_text("not unlawful from the outset")
        feedback.scroll_into_view_if_needed()
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / "hrdtrain-start-quiz-answered.png"))
    finally:
        context.close()
    assert not outside, f"the page tried to fetch from outside this computer: {outside}"
    # The answer went to the new user's own private store, in their home folder.
    assert (home / ".hrdtrain" / "progress.sqlite").is_file()
