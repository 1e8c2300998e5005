"""How fast is the browser edition (issue 15)? Measured side by side in one run, goals next to figures.

Builds the site from the download cache (.cache/site/; `make site-cache` fills it) into a
temporary folder, or takes one built before (--site DIR), serves it as the facilitator guide
says (`python -m http.server` on 127.0.0.1) and opens it in Debian's chromium, headless, with
every address but that server blocked. Give --site twice (say, a site built before a change
and one built after) to measure both in the same run, in turn, under the same conditions. It
prints, for each site:
  - the site's size (goal < 100 MB) and the cached build time;
  - the time from opening lab/index.html?path=notebooks/00_start_here.ipynb to the first quiz
    (3.4-tear-gas) being ready: rendered, with its answers and Check clickable, after waiting
    for "Python (Pyodide) | Idle" and choosing Run > Run All Cells as the notebook tells a
    learner. Cold: a fresh browser profile (empty cache and storage); warm: the same profile's
    second load, in a new tab. Median of --runs each (goals < 10 s cold, < 4 s warm). Also a
    third load (no goal): chromium keeps compiled code of a script only from its second run on,
    so a learner coming back a third time, and every time after, waits less than the second time;
  - click on Check to the frame that shows the feedback text of the chosen answer, measured in
    the page (performance.now), median of --clicks (goal < 300 ms);
  - requests the pages tried to send anywhere but the site's server (goal: 0);
  - where the time goes: each load's phases, what the server sent, and in a fresh Pyodide
    kernel the import and show() costs.

Outside requests are blocked by chromium itself (a proxy that does not exist for every address
but loopback, and no name resolution) and counted from the browser's request events, not with
Playwright's routing as the browser test does: routing turns off the HTTP cache, and the warm
figure would then be another cold one.

Exits non-zero only when something could not be measured, never because a goal is missed.

Usage: python benchmarks/browser_edition.py [--site DIR [--site DIR2]] [--runs N] [--clicks N] [--chromium PATH]
"""

from __future__ import annotations

import argparse
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK = "notebooks/00_start_here.ipynb"
ITEM = "3.4-tear-gas"  # the first quiz of notebook 00
CHROMIUM = os.environ.get("HRDTRAIN_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",  # runs as root in CI, where chromium's sandbox cannot start
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    # Nothing leaves this machine: every address but loopback goes to a proxy that is not there
    # (chromium never falls back to a direct connection), and no host name resolves.
    "--proxy-server=http://127.0.0.1:9",
    "--proxy-bypass-list=127.0.0.1",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]
KERNEL_IDLE = re.compile(r"^(?!No Kernel).+ \| Idle$")
PAGE_TIMEOUT = 240_000  # ms: a cold Pyodide boot on 2 busy cores has taken over a minute
VERDICT_LABELS = {"accurate": "Accurate", "inaccurate": "Inaccurate", "depends": "It depends"}


@dataclass(frozen=True)
class Goal:
    label: str
    unit: str
    limit: float
    exact: bool = False  # the figure must equal the limit, not stay below it

    def met(self, value: float) -> bool:
        return value == self.limit if self.exact else value < self.limit

    def text(self) -> str:
        return f"= {self.limit:g} {self.unit}".rstrip() if self.exact else f"< {self.limit:g} {self.unit}"


# The goals of issue 15, in the order they are printed.
GOALS: dict[str, Goal] = {
    "site_mb": Goal("site size", "MB", 100),
    "cold_s": Goal("first quiz ready, cold", "s", 10),
    "warm_s": Goal("first quiz ready, warm", "s", 4),
    "click_ms": Goal("click to feedback", "ms", 300),
    "outside_requests": Goal("outside requests attempted", "", 0, exact=True),
}


def goal_lines(figures: dict[str, float]) -> list[str]:
    """One line per goal: the figure, the goal, PASS or MISS (or NOT MEASURED)."""
    lines = []
    for key, goal in GOALS.items():
        if key not in figures:
            lines.append(f"{goal.label:<28} {'-':>9}        goal {goal.text():<10} NOT MEASURED")
            continue
        value = figures[key]
        shown = f"{value:.0f}" if goal.unit in ("", "ms") else f"{value:.1f}"
        lines.append(f"{goal.label:<28} {shown:>9} {goal.unit:<4}   goal {goal.text():<10} {'PASS' if goal.met(value) else 'MISS'}")
    return lines


def positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, not {value}")
    return value


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site", type=Path, action="append", help="a site built before (by make site or hrdtrain site DIR); twice to compare two sites in one run; default: build one now, from the cache")
    parser.add_argument("--runs", type=positive_int, default=3, help="cold and warm loads, each (default 3)")
    parser.add_argument("--clicks", type=positive_int, default=9, help="clicks on Check timed (default 9)")
    parser.add_argument("--chromium", default=CHROMIUM, help=f"browser binary (default {CHROMIUM})")
    args = parser.parse_args(argv)
    for site in args.site or []:
        if not (site / "jupyter-lite.json").is_file():
            parser.error(f"--site {site}: no jupyter-lite.json there; give a folder written by make site or hrdtrain site DIR")
        if not (site / NOTEBOOK.replace("notebooks/", "files/notebooks/", 1)).is_file():
            parser.error(f"--site {site}: it has no files/{NOTEBOOK}; rebuild it with make site")
    if args.site is not None and len(args.site) > 2:
        parser.error("--site: give one site, or two to compare")
    if not os.access(args.chromium, os.X_OK):
        parser.error(f"--chromium {args.chromium}: not an executable; install Debian's chromium (apt-get install chromium)")
    return args


# --- serving ------------------------------------------------------------------------------------

LOG_LINE = re.compile(r'"GET (\S+) HTTP/[\d.]+" (\d{3}) ')


@dataclass
class Server:
    url: str
    site: Path
    log: Path

    def mark(self) -> int:
        """Where the log is now; `sent_since(mark)` tells what was served after it."""
        return self.log.stat().st_size

    def sent_since(self, mark: int) -> tuple[int, int, int]:
        """(full responses, not-modified responses, bytes of the full responses' files)."""
        full = not_modified = size = 0
        with self.log.open("rb") as f:
            f.seek(mark)
            for line in f.read().decode(errors="replace").splitlines():
                match = LOG_LINE.search(line)
                if not match:
                    continue
                path, status = match.group(1).split("?")[0], match.group(2)
                if status == "200":
                    full += 1
                    file = self.site / path.lstrip("/")
                    file = file / "index.html" if file.is_dir() else file
                    size += file.stat().st_size if file.is_file() else 0
                elif status == "304":
                    not_modified += 1
        return full, not_modified, size


@contextmanager
def serving(site: Path, log: Path):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with log.open("wb") as log_file:
        server = subprocess.Popen(
            [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1", "--directory", str(site)],
            stdout=subprocess.DEVNULL, stderr=log_file,
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
                    raise RuntimeError(f"python -m http.server did not answer on {url}: {log.read_text(errors='replace')[-2000:]}")
                time.sleep(0.2)
        yield Server(url, site, log)
    finally:
        server.terminate()
        server.wait(timeout=10)


# --- the page -----------------------------------------------------------------------------------


class RequestWatcher:
    """Every request the browser context makes (pages, their workers, the service worker):
    the site's own are counted, any other is an outside request (blocked by chromium)."""

    def __init__(self, site_url: str):
        own = urlsplit(site_url)
        self.own = (own.hostname, own.port)
        self.outside: list[str] = []
        self.own_paths: list[str] = []
        self.failures: dict[str, str] = {}  # url -> chromium's reason

    def failed(self, request) -> None:
        self.failures[request.url] = request.failure or ""

    def __call__(self, request) -> None:
        url = urlsplit(request.url)
        if url.scheme in ("data", "blob", "about"):
            return
        if (url.hostname, url.port) == self.own:
            self.own_paths.append(url.path)
        else:
            self.outside.append(request.url)

    def websocket(self, ws) -> None:
        self.outside.append(ws.url)  # the site serves no websocket; any is an outside request


@dataclass
class Load:
    notebook_s: float  # notebook 00 shown
    idle_s: float  # kernel "Idle": Pyodide booted, the course's packages loaded
    quiz_s: float  # first quiz ready after Run All Cells
    served: tuple[int, int, int]  # what the server sent for this load

    @property
    def run_all_s(self) -> float:
        return self.quiz_s - self.idle_s


def quiz_locator(page):
    from hrdtrain.widgets.base import css_class_for

    return page.locator(f".hrdtrain-quiz.{css_class_for(ITEM)}")


ARTIFACTS = ROOT / "test-artifacts" / "benchmark-browser-edition"


class StepFailed(RuntimeError):
    pass


def failed_step(page, what: str, exc: Exception) -> StepFailed:
    """A step that could not be measured: what the page showed, kept for whoever runs this."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    shot = ARTIFACTS / f"failed-{time.strftime('%Y%m%d-%H%M%S')}.png"
    try:
        page.screenshot(path=str(shot))
        status = " | ".join(page.locator(".jp-StatusBar-TextItem").all_inner_texts())
        errors = page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']").all_inner_texts()
    except Exception as inner:  # noqa: BLE001 - the page may be gone
        return StepFailed(f"{what}: {type(exc).__name__}: {exc} (and no screenshot: {inner})")
    shown = "\n".join(e[-1500:] for e in errors) or "(no error output in the page)"
    return StepFailed(f"{what}: {type(exc).__name__}: {str(exc).splitlines()[0]}\nstatus bar: {status}\n{shown}\nscreenshot: {shot}")


def open_to_first_quiz(page, server: Server, watcher: RequestWatcher) -> Load:
    """Opens notebook 00, waits for the kernel, runs all cells, waits until the quiz can be answered."""
    try:
        return _open_to_first_quiz(page, server, watcher)
    except Exception as exc:  # noqa: BLE001 - reported with what the page showed
        raise failed_step(page, "opening notebook 00 to its first quiz", exc) from exc


def _open_to_first_quiz(page, server: Server, watcher: RequestWatcher) -> Load:
    page.on("websocket", watcher.websocket)
    mark = server.mark()
    start = time.perf_counter()
    page.goto(f"{server.url}/lab/index.html?path={NOTEBOOK}", wait_until="commit", timeout=PAGE_TIMEOUT)
    notebook = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook")
    notebook.locator(".jp-Cell").first.wait_for(timeout=PAGE_TIMEOUT)
    notebook_s = time.perf_counter() - start
    page.locator(".jp-StatusBar-TextItem", has_text=KERNEL_IDLE).wait_for(timeout=PAGE_TIMEOUT)
    idle_s = time.perf_counter() - start
    page.get_by_role("menuitem", name="Run", exact=True).click()
    page.get_by_role("menuitem", name="Run All Cells", exact=True).click()
    quiz = quiz_locator(page)
    quiz.get_by_role("radio", name=VERDICT_LABELS["accurate"], exact=True).click(trial=True, timeout=PAGE_TIMEOUT)
    quiz.get_by_role("button", name="Check", exact=True).click(trial=True, timeout=PAGE_TIMEOUT)
    quiz_s = time.perf_counter() - start
    # Let Run All finish before the next step, so its cells do not run under a timed click.
    page.wait_for_function(
        """() => [...document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-CodeCell .jp-InputArea-prompt')]
                 .every(p => /\\[\\d+\\]/.test(p.textContent))""",
        timeout=PAGE_TIMEOUT,
    )
    return Load(notebook_s, idle_s, quiz_s, server.sent_since(mark))


ARM_FEEDBACK_TIMER = """([quizSelector, expected]) => {
    const quiz = document.querySelector(quizSelector);
    const check = [...quiz.querySelectorAll('button')].find(b => b.textContent.trim() === 'Check');
    const feedback = quiz.querySelector('.hrdtrain-feedback');
    const norm = s => s.replace(/\\s+/g, ' ');
    const timer = window.__hrdtrainBench = {clicked: null, shown: null};
    document.addEventListener('click', e => {
        if (check.contains(e.target) && timer.clicked === null) timer.clicked = performance.now();
    }, {capture: true});
    const seen = () => {
        if (timer.clicked === null || timer.shown !== null || !norm(feedback.innerText).includes(expected)) return false;
        requestAnimationFrame(() => { timer.shown = performance.now(); });  // the frame that shows it
        observer.disconnect();
        return true;
    };
    const observer = new MutationObserver(seen);
    observer.observe(feedback, {childList: true, subtree: true, characterData: true});
}"""


def first_words(markdown: str, n: int = 6) -> str:
    """The first words of a content text as the page shows them (light Markdown removed)."""
    return " ".join(re.sub(r"(\*\*|__|\*|`)", "", markdown).split()[:n])


def click_to_feedback_ms(page, clicks: int) -> list[float]:
    """Answers the quiz `clicks` times, each time with another verdict than the time before (so
    the feedback changes), and times each click on Check to the feedback of that verdict."""
    from hrdtrain.bank import default_bank
    from hrdtrain.widgets.base import css_class_for

    item = default_bank().get(ITEM)
    quiz = quiz_locator(page)
    selector = f".hrdtrain-quiz.{css_class_for(ITEM)}"
    verdicts = list(VERDICT_LABELS)
    times = []
    for n in range(clicks):
        verdict = verdicts[n % len(verdicts)]
        quiz.get_by_role("radio", name=VERDICT_LABELS[verdict], exact=True).check()
        page.wait_for_timeout(200)  # the choice reaches the kernel before Check does
        page.evaluate(ARM_FEEDBACK_TIMER, [selector, first_words(getattr(item.feedback, verdict))])
        quiz.get_by_role("button", name="Check", exact=True).click()
        page.wait_for_function("() => window.__hrdtrainBench.shown !== null", timeout=30_000)
        timer = page.evaluate("() => window.__hrdtrainBench")
        times.append(timer["shown"] - timer["clicked"])
    return times


KERNEL_PROBE = """\
import time
t0 = time.perf_counter()
import ipywidgets
t1 = time.perf_counter()
import pydantic
t2 = time.perf_counter()
from hrdtrain import show
t3 = time.perf_counter()
show("3.4-tear-gas")
t4 = time.perf_counter()
# Which of the modules now loaded (kernel start + first quiz) had no bytecode to load, and what
# compiling their sources costs here: Python in the page pays that each time it starts.
import os, sys, zipfile
zips, missing, compile_s = {}, 0, 0.0
sources = [m.__spec__ for m in list(sys.modules.values()) if getattr(m, "__spec__", None) is not None
           and m.__spec__.has_location and (m.__spec__.origin or "").endswith((".py", ".pyc"))]
for spec in sources:
    if spec.origin.endswith(".pyc"):
        has_bytecode = True
    elif ".zip/" in spec.origin:
        archive, inner = spec.origin.split(".zip/", 1)
        if archive not in zips:
            zips[archive] = set(zipfile.ZipFile(archive + ".zip").namelist())
        has_bytecode = inner + "c" in zips[archive]
    else:
        has_bytecode = bool(spec.cached) and os.path.exists(spec.cached)
    if not has_bytecode:
        source = spec.loader.get_source(spec.name) or ""
        t = time.perf_counter()
        compile(source, spec.origin, "exec", dont_inherit=True)
        compile_s += time.perf_counter() - t
        missing += 1
print("BENCH", *(round(1000 * x) for x in (t1 - t0, t2 - t1, t3 - t2, t4 - t3)), len(sources), missing, round(1000 * compile_s))"""


def kernel_costs_ms(page, server: Server) -> tuple[int, ...]:
    """In a kernel that has run nothing yet: import ipywidgets, import pydantic, import the course
    (its compiled bank) and the first show(), each in ms, as Python in Pyodide measures them; then
    the modules loaded, those without bytecode, and ms to compile those."""
    page.goto(f"{server.url}/lab/index.html?path={NOTEBOOK}", wait_until="commit", timeout=PAGE_TIMEOUT)
    page.locator(".jp-StatusBar-TextItem", has_text=KERNEL_IDLE).wait_for(timeout=PAGE_TIMEOUT)
    notebook = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook")
    notebook.locator(".jp-Cell").last.click()
    page.keyboard.press("Escape")
    page.keyboard.press("b")
    notebook.locator(".jp-Cell").last.locator(".cm-content").click()
    page.keyboard.insert_text(KERNEL_PROBE)
    page.keyboard.press("Shift+Enter")
    output = notebook.locator(".jp-Cell").nth(-2).locator(".jp-OutputArea-output", has_text="BENCH")
    output.wait_for(timeout=PAGE_TIMEOUT)
    numbers = output.inner_text().split("BENCH", 1)[1].split()[:7]
    return tuple(int(x) for x in numbers)  # type: ignore[return-value]


PROBE_URLS = ("http://192.0.2.1/", "https://cdn.jsdelivr.net/pyodide/")  # an address (TEST-NET-1) and a name


def blocker_works(page, server: Server, watcher: RequestWatcher) -> int:
    """Before anything is timed: a page of the site fetches from outside on purpose; each fetch
    must be counted and stopped by chromium's dead proxy (not merely by this machine having no
    network), or the figure 'outside requests: 0' would mean nothing."""
    page.goto(f"{server.url}/jupyter-lite.json", wait_until="load")
    for url in PROBE_URLS:
        outcome = page.evaluate(
            "url => fetch(url, {mode: 'no-cors', cache: 'no-store'}).then(() => 'fetched', e => 'failed: ' + e.message)", url
        )
        if outcome == "fetched":
            raise RuntimeError(f"chromium fetched {url}: outside addresses are not blocked")
        if url not in watcher.outside:
            raise RuntimeError(f"the request watcher did not see the page fetch {url}: outside requests cannot be counted")
        deadline = time.monotonic() + 10
        while url not in watcher.failures and time.monotonic() < deadline:
            page.wait_for_timeout(50)  # the failure event may come just after the fetch's rejection
        reason = watcher.failures.get(url)
        if reason != "net::ERR_PROXY_CONNECTION_FAILED":
            raise RuntimeError(f"{url} was not stopped by the blocking proxy (chromium said {reason!r})")
    seen = len(watcher.outside)
    watcher.outside.clear()
    return seen


# --- the run ------------------------------------------------------------------------------------


def median(values: list[float]) -> float:
    return statistics.median(values)


def measure(sites: list[Path], args: argparse.Namespace, work: Path) -> list[dict]:
    """Each site's figures; with two sites, each run measures one then the other."""
    from contextlib import ExitStack

    from playwright.sync_api import sync_playwright

    all_results = [{"cold": [], "warm": [], "later": [], "clicks": [], "outside": [], "own_requests": 0} for _site in sites]
    with ExitStack() as stack, sync_playwright() as playwright:
        servers = [stack.enter_context(serving(site, work / f"http.server-{n}.log")) for n, site in enumerate(sites)]

        def fresh_profile(name: str, server: Server):
            context = playwright.chromium.launch_persistent_context(
                str(work / name), executable_path=args.chromium, headless=True, args=CHROMIUM_ARGS,
                viewport={"width": 1400, "height": 1000},
            )
            watcher = RequestWatcher(server.url)
            context.on("request", watcher)
            context.on("requestfailed", watcher.failed)
            return context, watcher

        for n, (server, results) in enumerate(zip(servers, all_results)):
            context, watcher = fresh_profile(f"profile-blocker-{n}", server)
            try:
                results["blocked_probes"] = blocker_works(context.new_page(), server, watcher)
            finally:
                context.close()

        for run in range(args.runs):
            for n, (server, results) in enumerate(zip(servers, all_results)):
                context, watcher = fresh_profile(f"profile-{n}-{run}", server)
                try:
                    page = context.new_page()
                    results["cold"].append(open_to_first_quiz(page, server, watcher))
                    if not any(p.endswith("/pyodide.asm.wasm") for p in watcher.own_paths):
                        raise RuntimeError("the request watcher did not see the kernel worker fetch pyodide.asm.wasm: outside requests cannot be counted")
                    if run == 0:
                        results["clicks"] = click_to_feedback_ms(page, args.clicks)
                    page.close()
                    page = context.new_page()
                    results["warm"].append(open_to_first_quiz(page, server, watcher))
                    page.close()
                    page = context.new_page()
                    results["later"].append(open_to_first_quiz(page, server, watcher))
                    page.close()
                finally:
                    context.close()
                results["outside"] += watcher.outside
                results["own_requests"] += len(watcher.own_paths)
                label = f"site {n + 1}, " if len(sites) > 1 else ""
                print(f"  run {run + 1}: {label}cold {results['cold'][-1].quiz_s:.1f} s, warm {results['warm'][-1].quiz_s:.1f} s, "
                      f"third load {results['later'][-1].quiz_s:.1f} s", flush=True)

        for n, (server, results) in enumerate(zip(servers, all_results)):
            context, watcher = fresh_profile(f"profile-probe-{n}", server)
            try:
                results["kernel_ms"] = kernel_costs_ms(context.new_page(), server)
            finally:
                context.close()
            results["outside"] += watcher.outside
    return all_results


def load_line(name: str, loads: list[Load]) -> str:
    full = median([l.served[0] for l in loads])
    not_modified = median([l.served[1] for l in loads])
    mb = median([l.served[2] for l in loads]) / 1e6
    return (
        f"  {name}: notebook shown {median([l.notebook_s for l in loads]):5.1f} s, kernel idle {median([l.idle_s for l in loads]):5.1f} s, "
        f"Run All to quiz ready {median([l.run_all_s for l in loads]):4.1f} s; server sent {full:.0f} files ({mb:.1f} MB), {not_modified:.0f} not modified"
    )


def report(site: Path, size_mb: float, results: dict, build_s: float | None) -> None:
    cold, warm = results["cold"], results["warm"]
    figures = {
        "site_mb": size_mb,
        "cold_s": median([l.quiz_s for l in cold]),
        "warm_s": median([l.quiz_s for l in warm]),
        "click_ms": median(results["clicks"]),
        "outside_requests": len(results["outside"]),
    }
    print()
    print(f"== {site}: {size_mb:.1f} MB")
    if build_s is not None:
        print(f"site build from the cache        {build_s:5.1f} s")
    print(f"first quiz ready, cold, each run {', '.join(f'{l.quiz_s:.1f}' for l in cold)} s")
    print(f"first quiz ready, warm, each run {', '.join(f'{l.quiz_s:.1f}' for l in warm)} s")
    print(f"  third load (no goal), each run {', '.join(f'{l.quiz_s:.1f}' for l in results['later'])} s, "
          f"median {median([l.quiz_s for l in results['later']]):.1f} s")
    print(f"click to feedback, each click    {', '.join(f'{ms:.0f}' for ms in results['clicks'])} ms")
    print(f"requests to the site's server    {results['own_requests']} (outside: {len(results['outside'])}; "
          f"blocker checked first: {results['blocked_probes']} deliberate outside fetches seen and failed)")
    print("where the time goes (medians):")
    print(load_line("cold", cold))
    print(load_line("warm", warm))
    print(load_line("third", results["later"]))
    ipywidgets_ms, pydantic_ms, course_ms, show_ms, modules, no_bytecode, compile_ms = results["kernel_ms"]
    print(f"  in a fresh Pyodide kernel: import ipywidgets {ipywidgets_ms} ms, import pydantic {pydantic_ms} ms, "
          f"import hrdtrain {course_ms} ms, first show() {show_ms} ms")
    print(f"  of the {modules} Python modules loaded by then, {no_bytecode} had no .pyc in the site: compiling them "
          f"costs {compile_ms} ms each time Python starts in a page")
    for line in goal_lines(figures):
        print(line)
    for url in results["outside"][:10]:
        print(f"  outside request: {url}")


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    load_start = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="hrdtrain-bench-site-") as tmp:
        work = Path(tmp)
        build_s = None
        if args.site is None:
            from hrdtrain.errors import ReportedError
            from hrdtrain.site_build import build_site

            try:
                build_s = build_site(work / "site").seconds
            except ReportedError as exc:
                print(f"site build: {exc}", file=sys.stderr)
                return 1
            sites = [work / "site"]
        else:
            sites = [site.resolve() for site in args.site]
        sizes = [sum(p.stat().st_size for p in site.rglob("*") if p.is_file()) / 1e6 for site in sites]
        for site, size_mb in zip(sites, sizes):
            print(f"site {site}: {size_mb:.1f} MB" + (f", built from the cache in {build_s:.1f} s" if build_s is not None else " (built before)"))
        print(f"measuring {args.runs} cold and {args.runs} warm loads of each site in {args.chromium}, then {args.clicks} clicks ...", flush=True)
        try:
            all_results = measure(sites, args, work)
        except Exception as exc:  # noqa: BLE001 - any failure means a figure is missing: say which and stop
            print(f"could not measure: {type(exc).__name__}: {exc}", file=sys.stderr)
            return 1

    print()
    print(f"machine: {os.cpu_count()} cores, load average {load_start:.1f} at the start, {os.getloadavg()[0]:.1f} at the end")
    for site, size_mb, results in zip(sites, sizes, all_results):
        report(site, size_mb, results, build_s)
    return 0


if __name__ == "__main__":
    sys.exit(main())
