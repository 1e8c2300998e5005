"""`make quiz`: the notebooks in Voilà with the project's config, code hidden, quizzes live.
A learner opens the start notebook and answers its quiz by clicking."""

from __future__ import annotations

import re
import time

import pytest
from conftest import REPO
from playwright.sync_api import expect
from quiz_server_run import QuizServer, running_quiz_server

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def voila(tmp_path_factory):
    """Voilà started as `make quiz` starts it (hrdtrain.quiz_server, the project's config); its
    browser only records the page it was asked to open. The token is read from the address it prints."""
    with running_quiz_server(tmp_path_factory.mktemp("voila")) as server:
        assert server.token, f"Voilà printed no address with a token:\n{server.log.read_text(errors='replace')[-3000:]}"
        yield server


def _local_only_page(browser, voila: QuizServer, viewport: dict):
    """A page whose requests may go only to this Voilà (and data:/blob:); `outside` collects any
    other request, aborted, so a test can fail on it."""
    context = browser.new_context(viewport=viewport)
    outside: list[str] = []

    def only_local(route):
        if route.request.url.startswith(voila.url) or route.request.url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", only_local)
    return context, context.new_page(), outside


def test_a_quiz_is_answered_in_voila_with_no_code_on_the_page(browser, voila):
    context, page, outside = _local_only_page(browser, voila, {"width": 1300, "height": 1000})
    try:
        page.goto(f"{voila.url}/voila/render/00_start_here.ipynb?token={voila.token}", wait_until="domcontentloaded", timeout=90_000)
        quiz = page.locator(".hrdtrain-quiz.hrdtrain-item-3-4-tear-gas")
        quiz.wait_for(timeout=90_000)
        quiz.scroll_into_view_if_needed()
        expect(page.locator(".jp-InputArea-editor, .CodeMirror, .cm-editor")).to_have_count(0)  # no code cell is shown
        quiz.get_by_role("radio", name="Inaccurate", exact=True).check()
        quiz.get_by_role("button", name="Check", exact=True).click()
        feedback = quiz.locator(".hrdtrain-feedback")
        expect(feedback).to_contain_text("Correct", timeout=30_000)
        expect(feedback).to_contain_text("not unlawful from the outset")
        folder = REPO / "test-artifacts" / "screenshots" / "voila"
        folder.mkdir(parents=True, exist_ok=True)
        feedback.scroll_into_view_if_needed()
        page.screenshot(path=str(folder / "01-quiz-answered-in-voila.png"))
        assert not outside, f"the page tried to fetch from outside this computer: {outside}"
        assert len(voila.kernels()) == 1
        page.close(run_before_unload=True)
        # Voilà's page asks for its kernel to be shut down as it closes: no kernel is left behind.
        deadline = time.monotonic() + 30
        while voila.kernels() and time.monotonic() < deadline:
            time.sleep(0.5)
        assert not voila.kernels(), "the kernel of a closed page is still running"
    finally:
        context.close()


def test_the_start_page_shows_the_course_title_lists_only_learner_notebooks_and_fetches_nothing_from_outside(browser, voila):
    context, page, outside = _local_only_page(browser, voila, {"width": 1200, "height": 900})
    try:
        page.goto(f"{voila.url}/?token={voila.token}", wait_until="networkidle", timeout=90_000)
        expect(page).to_have_title("Police and human rights defenders: the course")
        expect(page.get_by_role("heading", name="Police and human rights defenders")).to_be_visible()
        listed = page.get_by_text(re.compile(r"^\d\d_.*\.ipynb$"))
        expect(listed).to_have_count(8, timeout=30_000)  # 00 to 07
        expect(listed.first).to_be_visible()
        expect(page.get_by_text("facilitator_dashboard.ipynb")).to_have_count(0)
        folder = REPO / "test-artifacts" / "screenshots" / "voila"
        folder.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(folder / "00-start-page.png"))
        assert not outside, f"the start page tried to fetch from outside this computer: {outside}"
    finally:
        context.close()
