"""`make quiz`: the notebooks in Voilà with the project's config, code hidden, quizzes live.
A learner opens the start notebook and answers its quiz by clicking."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import psutil
import pytest
from conftest import REPO, _free_port, _stop  # noqa: F401  (the browser tests' own helpers)
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def _cmdline(process: psutil.Process) -> list[str]:
    """Its command line, or [] if it has just ended (a kernel being shut down)."""
    try:
        return process.cmdline()
    except (psutil.NoSuchProcess, psutil.ZombieProcess):
        return []


@dataclass
class Voila:
    url: str  # http://127.0.0.1:PORT
    token: str
    process: subprocess.Popen

    def kernels(self) -> list[psutil.Process]:
        """The kernels this Voilà runs (one per open notebook page)."""
        return [p for p in psutil.Process(self.process.pid).children(recursive=True) if "ipykernel" in " ".join(_cmdline(p))]


@pytest.fixture(scope="module")
def voila(tmp_path_factory):
    """Voilà started as `make quiz` starts it (hrdtrain.quiz_server, the project's config), without
    opening a browser; the token is read from the address it prints."""
    base = tmp_path_factory.mktemp("voila")
    port = _free_port()
    env = dict(os.environ, JUPYTER_CONFIG_DIR=str(REPO / "jupyter-config"), JUPYTER_PATH=str(REPO / "jupyter-config" / "data"), JUPYTER_RUNTIME_DIR=str(base / "runtime"),
               PATH=os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")]))
    log = base / "voila.log"
    with open(log, "wb") as f:
        process = subprocess.Popen(
            [sys.executable, "-m", "hrdtrain.quiz_server", str(REPO / "notebooks"), "--no-browser", f"--port={port}", "--Voila.port_retries=0"],
            cwd=base, env=env, stdin=subprocess.DEVNULL, stdout=f, stderr=subprocess.STDOUT, start_new_session=True,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while not (found := re.search(rf"^{re.escape(url)}/\?token=(\S+)$", log.read_text(errors="replace"), re.M)):
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"Voilà did not start, or printed no address with a token:\n{log.read_text(errors='replace')[-3000:]}")
            time.sleep(0.25)
        yield Voila(url=url, token=found.group(1), process=process)
    finally:
        _stop(process)


def _local_only_page(browser, voila: Voila, viewport: dict):
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
