"""`make quiz`: the notebooks in Voilà with the project's config, code hidden, quizzes live.
A learner opens the start notebook and answers its quiz by clicking."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import REPO, _free_port, _stop  # noqa: F401  (the browser tests' own helpers)
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def voila(tmp_path_factory):
    base = tmp_path_factory.mktemp("voila")
    port = _free_port()
    env = dict(os.environ, JUPYTER_CONFIG_DIR=str(REPO / "jupyter-config"), JUPYTER_PATH=str(REPO / "jupyter-config" / "data"), JUPYTER_RUNTIME_DIR=str(base / "runtime"),
               PATH=os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")]))
    log = base / "voila.log"
    with open(log, "wb") as f:
        process = subprocess.Popen(
            [sys.executable, "-m", "voila", str(REPO / "notebooks"), "--no-browser", f"--port={port}", "--Voila.port_retries=0"],
            cwd=base, env=env, stdin=subprocess.DEVNULL, stdout=f, stderr=subprocess.STDOUT, start_new_session=True,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        import urllib.request

        deadline = time.monotonic() + 90
        while True:
            try:
                urllib.request.urlopen(url, timeout=2)
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"Voilà did not start:\n{log.read_text(errors='replace')[-3000:]}")
                time.sleep(0.25)
        yield url
    finally:
        _stop(process)


def test_a_quiz_is_answered_in_voila_with_no_code_on_the_page(browser, voila):
    context = browser.new_context(viewport={"width": 1300, "height": 1000})
    outside = []

    def only_local(route):
        if route.request.url.startswith(voila) or route.request.url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", only_local)
    page = context.new_page()
    try:
        page.goto(f"{voila}/voila/render/00_start_here.ipynb", wait_until="domcontentloaded", timeout=90_000)
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
    finally:
        context.close()
