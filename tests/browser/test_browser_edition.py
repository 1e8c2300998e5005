"""The browser edition (issue 15) as a room gets it: the built site served by `python -m http.server`,
opened in chromium with every other address blocked. Notebook 00 opens from
lab/index.html?path=..., its kernel is Pyodide in the browser, and nothing is fetched from outside.

Served on 127.0.0.1 the page is a secure context, as on a laptop or an https:// host. A room
opens it from the facilitator's laptop as http://192.168.x.y:8000, which is not: no service
worker, so no JupyterLite drive. The answers test opens the site that way, under a host name
(ROOM_HOST) that chromium resolves to 127.0.0.1 but, not being localhost, treats as insecure.

The site is built once per test run (tests/conftest.py) from the download cache (.cache/site/; the first build ever
fetches from PyPI and npm). Screenshots: test-artifacts/screenshots/<test name>/.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from urllib.parse import urlsplit

import pytest
from chromium import launched_chromium
from playwright.sync_api import expect
from test_course_in_browser import answer_choice, answer_judge, quiz_of, ready_quiz, words
from test_lab_smoke import KERNEL_IDLE, choose, press, run_all_cells, settle, tracebacks

from hrdtrain.bank import default_bank
from hrdtrain.i18n import t, t_count

pytestmark = pytest.mark.browser

ROOM_HOST = "hrdtrain-room.test"

NB00 = "notebooks/00_start_here.ipynb"
NB03 = "notebooks/03_police_enforcing_the_law.ipynb"
KERNEL_WORKER = "comlink.worker"  # the script of the Pyodide kernel's web worker
EARLY_START = "hrdtrain-early-kernel: started the kernel of {path} at "  # browser_edition/early_kernel/
BOOT_TIMEOUT = 180_000  # ms: Pyodide and the course's wheels load in the page on 2 busy cores


class KernelWatch:
    """The Pyodide kernels a page starts (their workers) and ends, and what the page logs; the
    early-kernel checks read them."""

    def __init__(self, page):
        self.started: list[str] = []
        self.ended: list[str] = []
        self.messages: list[str] = []
        page.on("worker", self._worker)
        page.on("console", lambda message: self.messages.append(message.text))

    def _worker(self, worker) -> None:
        if KERNEL_WORKER in worker.url:
            self.started.append(worker.url)
            worker.on("close", lambda closed: self.ended.append(closed.url))

    def assert_one_kernel_started_early(self, path: str) -> None:
        assert any(m.startswith(EARLY_START.format(path=path)) for m in self.messages), self.messages
        assert len(self.started) == 1, f"{len(self.started)} kernels were started for one notebook: {self.started}"


@pytest.fixture(scope="module")
def site(browser_edition_site):
    return browser_edition_site.out


@pytest.fixture(scope="module")
def site_url(site):
    """The site served as the facilitator guide says: python -m http.server, here on 127.0.0.1."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1", "--directory", str(site)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(url + "/jupyter-lite.json", timeout=2).close()
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise
                time.sleep(0.2)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture(scope="module")
def browser():
    """Debian's chromium, launched as conftest.py's `browser` does, resolving ROOM_HOST to this machine."""
    with launched_chromium(f"--host-resolver-rules=MAP {ROOM_HOST} 127.0.0.1") as browser:
        yield browser


@pytest.fixture
def room_url(site_url) -> str:
    """The same server as a room's participants reach it: a plain http:// address that is not
    this computer's own name, so not a secure context."""
    return site_url.replace("127.0.0.1", ROOM_HOST)


@pytest.fixture
def outside_requests() -> list[str]:
    return []


@pytest.fixture
def page(browser, site_url, outside_requests):
    """A fresh tab (fresh browser storage) that may only talk to the site's own server (under its
    own address or ROOM_HOST)."""
    own = urlsplit(site_url)

    def only_the_site(route):
        url = urlsplit(route.request.url)
        if url.scheme in ("data", "blob") or (url.hostname in (own.hostname, ROOM_HOST) and url.port == own.port):
            route.continue_()
        else:
            outside_requests.append(route.request.url)
            route.abort()

    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.set_default_timeout(30_000)
    context.route("**/*", only_the_site)
    try:
        yield context.new_page()
    finally:
        context.close()


def open_in_site(page, site_url: str, path: str) -> None:
    page.goto(f"{site_url}/lab/index.html?path={path}", wait_until="domcontentloaded", timeout=60_000)
    page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook").wait_for(timeout=60_000)
    page.locator(".jp-StatusBar-TextItem", has_text=KERNEL_IDLE).wait_for(timeout=BOOT_TIMEOUT)


def run_in_new_cell(page, code: str) -> str:
    """Adds a cell at the end of the notebook, runs it, returns its output text."""
    notebook = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook")
    notebook.locator(".jp-Cell").last.click()
    page.keyboard.press("Escape")
    page.keyboard.press("b")
    editor = notebook.locator(".jp-Cell").last.locator(".cm-content")
    editor.click()
    page.keyboard.insert_text(code)
    page.keyboard.press("Shift+Enter")
    output = notebook.locator(".jp-Cell").nth(-2).locator(".jp-OutputArea-output")
    output.first.wait_for(timeout=BOOT_TIMEOUT)
    return output.first.inner_text()


def test_the_site_opens_notebook_00_offline_and_runs_python_with_the_course_in_pyodide(page, site_url, outside_requests, screenshot):
    kernels = KernelWatch(page)
    open_in_site(page, site_url, NB00)
    assert page.evaluate("isSecureContext") is True  # 127.0.0.1: as on the facilitator's laptop
    screenshot("notebook-00-kernel-idle")
    text = run_in_new_cell(
        page,
        "import sys, hrdtrain, ipywidgets\nfrom hrdtrain.store import open_store\nstore = open_store()\n"
        "print(sys.platform, hrdtrain.__name__, 'yaml' in sys.modules, store.in_indexeddb, store.kept)",
    )
    screenshot("python-cell-ran")
    assert text.split() == ["emscripten", "hrdtrain", "False", "True", "True"], text
    # The kernel was started by the course's plugin as the page opened, and the notebook uses it.
    kernels.assert_one_kernel_started_early(NB00)
    assert outside_requests == [], f"the site tried to fetch from outside: {outside_requests}"


def around(key: str, **params) -> list[str]:
    """The fixed parts of an interface string around its {day}, from the course's own catalogue."""
    return [part.strip() for part in t(key, day="\x00", **params).split("\x00") if part.strip()]


def reopen(page, site_url: str, path: str) -> None:
    """Opens `path` and runs all its cells; each page load starts the in-page kernel afresh."""
    open_in_site(page, site_url, path)
    run_all_cells(page)
    assert not tracebacks(page), tracebacks(page)


STORED_RECORDS = """() => new Promise((resolve, reject) => {
    // The course's IndexedDB records, read by the page itself (same site, same database).
    const request = indexedDB.open("hrdtrain");
    request.onupgradeneeded = () => request.transaction.abort();  // absent: do not create it
    request.onerror = () => resolve(null);
    request.onsuccess = () => {
        const db = request.result;
        const read = db.transaction("answers").objectStore("answers").getAll();
        read.onsuccess = () => { db.close(); resolve(read.result.map((line) => JSON.parse(line))); };
        read.onerror = () => reject(read.error);
    };
})"""


def test_in_a_room_over_plain_http_answers_survive_a_reload_and_erase_my_answers_erases_them(page, room_url, outside_requests, screenshot):
    """Issue 15's test, on a room's insecure http:// address: notebook 03 in Pyodide, a judge, a
    choice and a role-play step answered by clicking (feedback from the YAML), each said to be
    saved; reloaded at once, the quizzes say they were answered before; the records are in the
    site's IndexedDB; notebook 00's visible "Erase my answers" erases them there, and after
    another reload the history is gone. Nothing is fetched from outside at any step. (It also runs
    every cell of notebook 00 without a traceback.)"""
    bank = default_bank()
    judge, choice, roleplay = bank.get("3.4-tear-gas"), bank.get("3.1-why-know-the-framework"), bank.get("3.2-roleplay-filming")
    # JupyterLab asks "Leave site?" when a notebook has unsaved outputs; a learner says yes.
    page.on("dialog", lambda dialog: dialog.accept())

    reopen(page, room_url, NB03)
    assert page.evaluate("[isSecureContext, 'serviceWorker' in navigator]") == [False, False]
    answer_judge(page, judge)
    expect(quiz_of(page, judge.id).locator(".hrdtrain-feedback")).to_contain_text(t("store.saved.browser"))
    answer_choice(page, choice)
    # One role-play step: the first choice of the first scene, its consequence, the next scene.
    first = next(s for s in roleplay.scenes if s.id == roleplay.start).choices[0]
    scene = next(s for s in roleplay.scenes if s.id == first.next)
    play = ready_quiz(page, roleplay.id)
    choose(page, play.get_by_role("group", name=t("scenario.choice.label"), exact=True).get_by_role("radio").first)
    press(page, play.get_by_role("button", name=t("scenario.decide"), exact=True))
    expect(play.locator(".hrdtrain-scenario-consequence")).to_contain_text(words(first.consequence), timeout=15_000)
    expect(play).to_contain_text(words(scene.situation))
    expect(play).to_contain_text(t("store.saved.browser"))
    screenshot("three-answers-given")

    # Reloaded at once (each answer's feedback waited for its write to commit): answered before.
    page.reload(wait_until="domcontentloaded")
    records = page.evaluate(STORED_RECORDS)
    assert [r["kind"] for r in records] == ["learner", "answer", "answer", "answer"], records
    assert [r["item_id"] for r in records[1:]] == [judge.id, choice.id, roleplay.id], records
    reopen(page, room_url, NB03)
    for item in (judge, choice):
        before = ready_quiz(page, item.id).locator(".hrdtrain-answered-before")
        for part in around("progress.before.right"):
            expect(before).to_contain_text(part)
    screenshot("answered-before-after-reload")

    # Erased through notebook 00's visible control ("Your answers: export or erase them here").
    reopen(page, room_url, NB00)
    expect(quiz_of(page, judge.id).locator(".hrdtrain-answered-before")).to_contain_text(around("progress.before.right")[0])
    erase = page.get_by_role("button", name=t("mydata.erase"), exact=True)
    panel = page.locator(".hrdtrain-my-data", has=erase)
    settle(page, panel)
    expect(panel).to_contain_text(t("mydata.where.browser_storage").split(" (")[0])
    press(page, erase)
    expect(panel).to_contain_text(t_count("mydata.erase.confirm", 3), timeout=15_000)
    press(page, panel.get_by_role("button", name=t("mydata.erase.yes"), exact=True))
    expect(panel).to_contain_text(t("mydata.erase.done"), timeout=15_000)
    assert page.evaluate(STORED_RECORDS) == []  # gone from the browser's storage, not only from view
    screenshot("erased")

    page.reload(wait_until="domcontentloaded")
    reopen(page, room_url, NB00)
    quiz = ready_quiz(page, judge.id)
    expect(quiz.get_by_role("button", name=t("check"), exact=True)).to_be_visible()
    expect(quiz.locator(".hrdtrain-answered-before")).to_have_count(0)
    screenshot("history-gone-after-reload")
    assert outside_requests == [], f"the site tried to fetch from outside: {outside_requests}"


# What chromium does for a site that may not keep data (Settings > Privacy > Site data: not
# allowed, as on many managed office PCs): opening a database fails with this error. Put in front
# of the kernel's worker script, so it holds where the course's store runs (the page is untouched).
STORAGE_REFUSED_IN_THE_WORKER = """
self.indexedDB.open = function () {
  const request = {};
  setTimeout(() => {
    Object.defineProperty(request, "error", { value: new DOMException("The user denied permission to access the database.", "UnknownError") });
    if (request.onerror) request.onerror(new Event("error"));
  });
  return request;
};
"""


def test_where_the_browser_refuses_the_site_storage_the_quiz_works_and_says_answers_are_not_kept(page, site_url, outside_requests, screenshot):
    """A browser that lets the site keep nothing: the first answer still gets its feedback from
    the YAML, and says, instead of "✓ Saved in this browser.", that answers are not kept and why."""
    refused = []

    def worker_with_storage_refused(route):
        response = route.fetch()
        refused.append(route.request.url)
        route.fulfill(response=response, body=STORAGE_REFUSED_IN_THE_WORKER + response.text())

    page.route("**/*.worker.*.js", worker_with_storage_refused)
    judge = default_bank().get("3.4-tear-gas")
    reopen(page, site_url, NB00)
    assert refused, "the kernel's worker script was not loaded through the page's routes"
    answer_judge(page, judge)
    feedback = quiz_of(page, judge.id).locator(".hrdtrain-feedback")
    not_kept = t("store.not_saving.browser", reason=t("store.no_browser_storage", detail="UnknownError: The user denied permission to access the database."))
    expect(feedback).to_contain_text(not_kept)
    expect(feedback).not_to_contain_text(t("store.saved.browser"))
    screenshot("storage-refused")
    assert outside_requests == [], f"the site tried to fetch from outside: {outside_requests}"


def test_the_kernel_starts_while_the_page_is_drawn_and_the_notebook_joins_it_even_when_it_opens_first(page, site_url, outside_requests, screenshot):
    """The course's plugin (browser_edition/early_kernel/) starts notebook 00's kernel before the
    notebook is shown. Here the kernel's code is held back until the notebook is on screen, so the
    notebook asks for a kernel while the early start is still under way: it must join that start,
    not start a second kernel (a second Pyodide booting beside the first would slow every page)."""
    kernels = KernelWatch(page)
    held: list = []

    def hold_the_kernel_code(route):
        response = route.fetch()
        if KERNEL_WORKER in response.text():  # the chunk that makes the kernel (and its worker)
            held.append((route, response))
        else:
            route.fulfill(response=response)

    page.route(re.compile(r"/extensions/@jupyterlite/pyodide-kernel-extension/static/[^/?]+\.js(\?|$)"), hold_the_kernel_code)
    page.goto(f"{site_url}/lab/index.html?path={NB00}", wait_until="domcontentloaded", timeout=60_000)
    page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook .jp-Cell").first.wait_for(timeout=60_000)
    page.wait_for_timeout(2_000)  # the notebook asks for its kernel now, while the early start waits
    assert len(held) == 1, f"the kernel's code was not held back until the notebook was shown: {held}"
    assert kernels.started == [], kernels.started
    route, response = held.pop()
    route.fulfill(response=response)
    page.locator(".jp-StatusBar-TextItem", has_text=KERNEL_IDLE).wait_for(timeout=BOOT_TIMEOUT)
    run_all_cells(page)
    assert not tracebacks(page), tracebacks(page)
    judge = default_bank().get("3.4-tear-gas")
    answer_judge(page, judge)  # the feedback from the YAML: the kernel the notebook joined works
    screenshot("one-kernel-started-early")
    kernels.assert_one_kernel_started_early(NB00)
    assert outside_requests == [], f"the site tried to fetch from outside: {outside_requests}"


def test_an_address_naming_no_notebook_of_the_site_leaves_no_kernel_running(page, site_url, outside_requests):
    """The early start does not wait to learn whether the address names a notebook; when it does
    not, the kernel it started is shut down (its worker ends), and JupyterLab says the file is not there."""
    kernels = KernelWatch(page)
    missing = "notebooks/99_no_such_notebook.ipynb"
    page.goto(f"{site_url}/lab/index.html?path={missing}", wait_until="domcontentloaded", timeout=60_000)
    expect(page.locator(".jp-Dialog")).to_contain_text(f"Path {missing} does not exist", timeout=60_000)
    shut = f"hrdtrain-early-kernel: {missing} is not a notebook of this site; its kernel was shut down"
    deadline = time.monotonic() + 60
    while not (shut in kernels.messages and len(kernels.ended) == len(kernels.started)) and time.monotonic() < deadline:
        page.wait_for_timeout(200)
    assert shut in kernels.messages, kernels.messages
    assert len(kernels.started) == 1 and kernels.ended == kernels.started, f"kernel workers started {kernels.started}, ended {kernels.ended}"
    assert outside_requests == [], f"the site tried to fetch from outside: {outside_requests}"


def test_the_sites_own_address_offers_notebook_00_in_each_language_and_opens_it(page, site_url, outside_requests, screenshot):
    """A room is given http://<laptop>:8000/: a plain page (no script) with one link per language;
    following Español opens the Spanish notebook 00 in JupyterLab, whose Python works. axe finds
    nothing on that page, at any impact."""
    from axe_playwright_python.sync_playwright import Axe

    page.goto(site_url + "/", wait_until="load", timeout=60_000)
    links = page.get_by_role("link")
    expect(links).to_have_count(3)
    assert page.evaluate("document.querySelectorAll('script:not([type=\"application/json\"])').length") == 0
    violations = Axe().run(page).response["violations"]
    assert violations == [], [(v["id"], v["impact"], [n["target"] for n in v["nodes"]]) for v in violations]
    screenshot("entry-page")
    spanish = page.get_by_role("link", name="Español", exact=False)
    expect(spanish).to_have_attribute("href", "lab/index.html?path=notebooks/es/00_start_here.ipynb")
    spanish.click()
    heading = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook h1").first
    expect(heading).to_contain_text("Empiece aquí", timeout=60_000)
    page.locator(".jp-StatusBar-TextItem", has_text=KERNEL_IDLE).wait_for(timeout=BOOT_TIMEOUT)
    assert run_in_new_cell(page, "print(6 * 7)").strip() == "42"
    assert outside_requests == [], f"the site tried to fetch from outside: {outside_requests}"
