"""The browser edition's runtime, simulated in CPython: what J's JupyterLite site relies on.

Each scenario runs in a fresh Python process where PyYAML, pandas, matplotlib, numpy, sqlite3,
nbgrader, tqdm and jupyterlab cannot be imported (a meta path finder refuses them, as Pyodide
has no wheel for them or no working SQLite on /drive) and `sys.platform` is "emscripten". The
package is a copy of this checkout carrying the compiled bank, as the wheel does. Pyodide's
`pyodide.code.run_js` is stood in for by a fake IndexedDB (a JSON file standing for the
browser's database, whose promises settle at once), so the store's browser code runs as in the
page. In there, every item type is shown, a judge and a choice item are answered by clicking the
widgets, the feedback text is the YAML's, `my_progress()` shows its table, answers survive a
fresh process, the anonymous export is what `hrdtrain group` reads, and "Erase my answers"
erases them. The real browser is tests/browser/test_browser_edition.py.
"""

from __future__ import annotations

import base64
import html
import json
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from hrdtrain import compiled_bank
from hrdtrain.bank import default_bank
from hrdtrain.export_files import read_export

PACKAGE = Path(compiled_bank.__file__).parent

BROWSER_PRELUDE = textwrap.dedent(
    """
    import importlib.abc, sys, sysconfig

    BLOCKED = {"yaml", "_yaml", "pandas", "matplotlib", "numpy", "sqlite3", "_sqlite3", "nbgrader", "tqdm", "jupyterlab"}

    class NotInTheBrowser(importlib.abc.MetaPathFinder):
        def find_spec(self, name, path=None, target=None):
            if name.split(".")[0] in BLOCKED:
                raise ImportError(f"{name} is not available in the browser edition (simulated)")
            return None

    sys.meta_path.insert(0, NotInTheBrowser())
    sysconfig.get_config_vars()  # read now: it names a file after the platform patched below
    sys.platform = "emscripten"
    import json
    import hrdtrain
    assert hrdtrain.__file__.startswith(sys.argv[1]), hrdtrain.__file__
    out = {}
    """
)


FAKE_PYODIDE = textwrap.dedent(
    """
    # Stands for Pyodide's run_js(hrdtrain.browser_store.BRIDGE_JS): IndexedDB as a JSON file
    # ($FAKE_INDEXEDDB), or a browser that refuses the site storage ($FAKE_INDEXEDDB=refuse).
    import json, os

    class Error:
        name, message = "InvalidStateError", "the site's storage is refused (simulated)"

    class Settled:
        def __init__(self, value=None, error=None):
            self.value, self.error = value, error

        def then(self, ok, failed):
            return Settled(ok(self.value)) if self.error is None else Settled(failed(self.error))

    class Bridge:
        def __init__(self, path):
            self.path = path

        def _rows(self):
            try:
                with open(self.path, encoding="utf-8") as f:
                    return json.load(f)
            except FileNotFoundError:
                return []

        def _save(self, rows):
            with open(self.path, "w", encoding="utf-8") as f:
                json.dump(rows, f)

        def readAll(self):
            return Settled(error=Error()) if self.path == "refuse" else Settled(self._rows())

        def add(self, line):
            if self.path == "refuse":
                return Settled(error=Error())
            self._save(self._rows() + [line])
            return Settled(len(self._rows()))

        def clear(self):
            if self.path == "refuse":
                return Settled(error=Error())
            self._save([])
            return Settled()

    def run_js(source):
        assert "indexedDB.open" in source
        return Bridge(os.environ["FAKE_INDEXEDDB"])
    """
)


@pytest.fixture(scope="module")
def site_packages(tmp_path_factory) -> Path:
    """A copy of the package with its compiled bank, as a wheel installs it, and a fake Pyodide."""
    root = tmp_path_factory.mktemp("browser-site-packages")
    copy = root / "hrdtrain"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__", "_compiled", "_course"))
    compiled_bank.write(copy / "_compiled" / "bank.json", copy)
    (root / "pyodide").mkdir()
    (root / "pyodide" / "__init__.py").write_text("")
    (root / "pyodide" / "code.py").write_text(FAKE_PYODIDE)
    return root


def run_in_browser(site_packages: Path, database: Path, folder: Path, code: str, storage: bool = True) -> dict:
    """Runs `code` in the simulated browser runtime; returns the dict it leaves in `out`.

    `database` stands for the browser's IndexedDB of the site (a JSON file); with
    `storage=False` the browser refuses the site its storage."""
    script = BROWSER_PRELUDE + textwrap.dedent(code) + "\nprint('RESULT ' + json.dumps(out))\n"
    home = database.parent / "home"  # Pyodide's home folder (in memory in the browser)
    home.mkdir(exist_ok=True)
    env = {"PATH": "/usr/bin:/bin", "HOME": str(home), "FAKE_INDEXEDDB": str(database) if storage else "refuse",
           "PYTHONPATH": str(site_packages), "PYTHONNOUSERSITE": "1"}
    done = subprocess.run([sys.executable, "-c", script, str(site_packages)], cwd=folder, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-4000:]
    line = [ln for ln in done.stdout.splitlines() if ln.startswith("RESULT ")][-1]
    return json.loads(line.removeprefix("RESULT "))


def words_of(text: str) -> str:
    """A run of plain words from YAML text, as it appears unchanged in the rendered feedback."""
    return max(re.findall(r"[A-Za-z][A-Za-z ]{20,}[A-Za-z]", text), key=len)


def test_the_course_runs_without_yaml_pandas_matplotlib_sqlite(site_packages, tmp_path):
    database = tmp_path / "indexeddb.json"
    folder = tmp_path / "drive" / "notebooks"
    folder.mkdir(parents=True)
    bank = default_bank()  # the YAML bank, read here in the test's own process
    choice = next(i for i in bank if i.type == "choice" and not i.multiple)

    first = run_in_browser(site_packages, database, folder, f"""
        for name in ("yaml", "pandas", "matplotlib", "sqlite3", "nbgrader"):
            try:
                __import__(name)
            except ImportError:
                pass
            else:
                raise AssertionError(name + " was importable")
        from hrdtrain import show, my_progress, self_assessment, export_my_answers
        from hrdtrain.bank import default_bank
        shown = {{}}
        for item in default_bank():
            if item.type not in shown:
                shown[item.type] = type(show(item.id)).__name__
        out["shown"] = shown
        judge = show("3.4-tear-gas")
        out["before_first"] = judge.header.value
        judge.choice.value = "inaccurate"
        judge.check_button.click()
        out["judge_feedback"] = judge.feedback.value
        choice = show({choice.id!r})
        choice.select({choice.answer!r})
        choice.check_button.click()
        out["choice_feedback"] = choice.feedback.value
        rating = self_assessment("before")
        rating.ratings[next(iter(rating.ratings))].value = 4
        out["saved"] = rating.save()
        out["progress"] = my_progress().data
        export = export_my_answers()
        export.export_button.click()
        out["export"] = str(export.written)
        out["export_status"] = export.status.value
        from pathlib import Path
        from hrdtrain.widgets.my_data import _files_last_here
        out["files_last"] = [_files_last_here(Path("/drive/notebooks")), _files_last_here(Path.cwd())]
        import sys
        out["modules"] = sorted(m for m in sys.modules if m.split(".")[0] in ("yaml", "pandas", "matplotlib", "sqlite3", "nbgrader"))
    """)
    assert set(first["shown"]) == {"judge", "choice", "sort", "hierarchy", "scenario", "statement", "plan"}
    assert "You answered this before" not in first["before_first"]
    assert "✓ Correct." in first["judge_feedback"] and words_of(bank.get("3.4-tear-gas").feedback.inaccurate) in first["judge_feedback"]
    assert "✓ Saved in this browser." in first["judge_feedback"]  # said once the answer is stored
    assert "✓ Correct." in first["choice_feedback"] and words_of(choice.key_point) in first["choice_feedback"]
    assert first["saved"] == 1
    assert "<table" in first["progress"] and "<img" not in first["progress"]
    assert "Charts cannot be drawn here" in first["progress"] and "Clearing this site's data" in html.unescape(first["progress"])
    assert "2 answers recorded; 2 of 2 items answered are right" in first["progress"]
    assert first["modules"] == []
    # Plain JSON records in the browser's database: the learner's random id, then one per answer.
    records = [json.loads(line) for line in json.loads(database.read_text())]
    assert [r["kind"] for r in records] == ["learner", "answer", "answer", "answer"]
    assert [r["item_id"] for r in records[1:3]] == ["3.4-tear-gas", choice.id]
    assert list((tmp_path / "drive").iterdir()) == [folder] and list(folder.iterdir()) == []  # no file of answers, no export file

    # The export is offered for download, in the format `hrdtrain group` reads. Off JupyterLite's
    # drive (a site over plain http has none) no file is written: it would be in Pyodide's memory,
    # shown nowhere; on the drive it is also saved next to the notebook.
    assert first["export"] == "None" and first["files_last"] == [True, False]
    assert "is ready (this browser keeps no files for this site, so it is only a download)" in first["export_status"]
    name, payload = re.search(r"download='(hrdtrain-export-[0-9a-f]{8}\.json)' href='data:application/json;base64,([A-Za-z0-9+/=]+)'", first["export_status"]).groups()
    export = tmp_path / "drive" / name
    export.write_bytes(base64.b64decode(payload))
    data = read_export(export)
    assert {r.item_id for r in data.items} == {"3.4-tear-gas", choice.id}
    assert data.self_assessment["before"]

    # A fresh process (a page reload): the answers are still there.
    second = run_in_browser(site_packages, database, folder, """
        from hrdtrain import show, erase_my_answers, group_results
        from hrdtrain.store import open_store
        out["group"] = group_results("..").data  # the downloaded export, as the facilitator's view of the export, charts or not
        out["header"] = show("3.4-tear-gas").header.value
        out["count"] = len(open_store().answers())
        panel = erase_my_answers()
        out["where"] = panel.children[0].value
        panel.erase_button.click()
        out["asked"] = panel.status.value
        out["count_after_asking"] = len(open_store().answers())
        panel.yes_button.click()
        out["done"] = panel.status.value
        out["count_after"] = len(open_store().answers())
    """)
    assert "Self-assessment" in second["group"] and "<table" in second["group"] and "<img" not in second["group"]
    assert "Charts cannot be drawn here" in second["group"]
    assert "You answered this before, on " in second["header"] and "✓ right" in second["header"]
    assert second["count"] == 3
    assert "this course site's own storage" in html.unescape(second["where"]) and "Clearing this site's data" in html.unescape(second["where"])
    assert "Erase all 3 recorded answers?" in second["asked"] and second["count_after_asking"] == 3
    assert "your recorded answers are gone" in second["done"] and second["count_after"] == 0
    assert json.loads(database.read_text()) == []

    third = run_in_browser(site_packages, database, folder, """
        from hrdtrain import show
        out["header"] = show("3.4-tear-gas").header.value
    """)
    assert "You answered this before" not in third["header"]


def test_where_the_browser_refuses_storage_the_learner_is_told_plainly_that_answers_will_not_be_kept(site_packages, tmp_path):
    """A browser that refuses the site its storage (IndexedDB cannot be opened): nothing can
    outlive the page. The quiz still works and says so once, the "your data" panel says so, and
    nothing pretends to be saved in Pyodide's memory."""
    result = run_in_browser(site_packages, tmp_path / "unused.json", tmp_path, """
        import os
        from hrdtrain import show, erase_my_answers
        judge = show("3.4-tear-gas")
        judge.choice.value = "accurate"
        judge.check_button.click()
        out["first"] = judge.feedback.value
        judge.choice.value = "inaccurate"
        judge.check_button.click()
        out["second"] = judge.feedback.value
        out["where"] = erase_my_answers().children[0].value
        from hrdtrain.store import open_store
        out["stored"] = len(open_store().answers())
    """, storage=False)
    told = "Your answers will not be kept: this browser does not let this course site keep anything (InvalidStateError: the site's storage is refused (simulated))"
    assert told in html.unescape(result["first"]) and "Not quite" in html.unescape(result["first"]), result["first"]
    assert "Saved in this browser" not in result["first"] + result["second"]
    assert "✓ Correct." in result["second"] and told not in result["second"]  # said once, not at every answer
    assert told in html.unescape(result["where"]) and "role='alert'" in result["where"]
    assert result["stored"] == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["home"] and list((tmp_path / "home").rglob("*")) == []  # nothing written anywhere


def test_a_line_cut_short_loses_only_itself(tmp_path):
    """A tab closed mid-write leaves half a line: it is skipped, and the next answer starts a new line."""
    from hrdtrain.browser_store import BrowserStore

    store = BrowserStore(tmp_path / "data")
    store.add_answer("3.4-tear-gas", "judge", "accurate", False, 0.0, 1, at=1.0)
    with open(store.path, "a", encoding="utf-8") as f:
        f.write('{"kind": "answer", "item_id": "3.4-te')
    store.add_answer("3.4-tear-gas", "judge", "inaccurate", True, 1.0, 2, at=2.0)
    assert [(a.answer, a.attempt) for a in store.answers()] == [("accurate", 1), ("inaccurate", 2)]
    assert store.last_answer("3.4-tear-gas").correct


def test_every_learner_notebook_runs_in_the_browser_runtime(site_packages, tmp_path):
    """Each code cell of notebooks 00-07 (setup cell, course_intro, every show, my_progress,
    self_assessment), run in order as the browser's kernel would."""
    notebooks = sorted((PACKAGE.parent / "notebooks").glob("0*.ipynb"))
    assert len(notebooks) == 8
    cells = {nb.name: [("".join(c["source"])) for c in json.loads(nb.read_text(encoding="utf-8"))["cells"] if c["cell_type"] == "code"] for nb in notebooks}
    result = run_in_browser(site_packages, tmp_path / "indexeddb.json", tmp_path, f"""
        ran = {{}}
        for name, sources in {cells!r}.items():
            namespace = {{}}
            for source in sources:
                exec(compile(source, name, "exec"), namespace)
            ran[name] = len(sources)
        out["ran"] = ran
    """)
    assert result["ran"] == {name: len(sources) for name, sources in cells.items()}


class Later:
    """A promise settled by the test, as IndexedDB settles the bridge's some milliseconds later."""

    def __init__(self):
        self.callbacks = []

    def then(self, ok, failed):
        self.callbacks.append((ok, failed))
        return self

    def resolve(self, value=None):
        for ok, _failed in self.callbacks:
            ok(value)

    def reject(self, error):
        for _ok, failed in self.callbacks:
            failed(error)


class LaterBridge:
    def __init__(self):
        self.calls: list[tuple[str, object, Later]] = []

    def _call(self, name, arg=None):
        promise = Later()
        self.calls.append((name, arg, promise))
        return promise

    def readAll(self):
        return self._call("readAll")

    def add(self, line):
        return self._call("add", line)

    def clear(self):
        return self._call("clear")


def test_the_indexeddb_mirror_keeps_what_this_kernel_wrote_while_a_read_was_under_way():
    """Reads and writes settle later, in any order: an answer written while the records were
    being read is not lost when the (older) read arrives; an erase while a read is under way is
    not undone by it; the page hears of the writes' end once all have committed."""
    from hrdtrain.browser_store import IndexedDBLines

    idle = []
    bridge = LaterBridge()
    db = IndexedDBLines(bridge, on_idle=lambda: idle.append(True))
    db.refresh()
    db.append('{"kind": "answer", "n": 1}')
    assert db.pending == 1 and db.lines == ['{"kind": "answer", "n": 1}']
    bridge.calls[0][2].resolve(['{"kind": "learner"}'])  # the read began before the write
    assert db.lines == ['{"kind": "learner"}', '{"kind": "answer", "n": 1}']
    assert idle == []
    bridge.calls[1][2].resolve(1)
    assert db.pending == 0 and idle == [True]

    db.refresh()
    db.erase()
    bridge.calls[2][2].resolve(['{"kind": "learner"}', '{"kind": "answer", "n": 1}'])  # read before the erase
    assert db.lines == []
    db.append('{"kind": "answer", "n": 2}')
    bridge.calls[3][2].resolve()
    bridge.calls[4][2].resolve(2)
    assert db.lines == ['{"kind": "answer", "n": 2}'] and idle == [True, True]


def test_a_write_the_browser_refuses_stops_the_next_answer_with_a_plain_message():
    from hrdtrain.browser_store import IndexedDBLines
    from hrdtrain.store import StoreError

    class QuotaError:
        name, message = "QuotaExceededError", "the quota has been exceeded"

    idle = []
    bridge = LaterBridge()
    db = IndexedDBLines(bridge, on_idle=lambda: idle.append(True))
    db.append("{}")
    bridge.calls[0][2].reject(QuotaError())
    assert idle == [True]  # held messages go out even so
    with pytest.raises(StoreError, match=r"does not let this course site keep anything \(QuotaExceededError: the quota has been exceeded\)"):
        db.append("{}")


def test_the_kernel_holds_its_messages_to_the_page_while_a_write_is_under_way(monkeypatch):
    """The feedback of an answer reaches the page only once the answer has committed, and every
    message keeps its order; before each cell the kernel reads the stored records again."""
    import asyncio
    import concurrent.futures

    from hrdtrain import browser_store

    sent = []

    class Shell:
        class kernel:
            class lite_transform_manager:
                line_transforms: list = []

        def send_comm(self, *args):
            sent.append(args)

    shell = Shell()
    bridge = LaterBridge()
    db = browser_store.IndexedDBLines(bridge, on_idle=browser_store._release_messages)
    monkeypatch.setattr(browser_store, "_DB", db)
    monkeypatch.setattr(browser_store, "_held", [])
    assert browser_store._install_kernel_hooks(shell)
    shell.send_comm("comm_msg", {"n": 1})
    assert sent == [("comm_msg", {"n": 1})]
    db.append("{}")
    shell.send_comm("comm_msg", {"n": 2})
    shell.send_comm("comm_msg", {"n": 3})
    assert sent == [("comm_msg", {"n": 1})]
    bridge.calls[0][2].resolve(1)
    assert sent == [("comm_msg", {"n": 1}), ("comm_msg", {"n": 2}), ("comm_msg", {"n": 3})]

    (transform,) = Shell.kernel.lite_transform_manager.line_transforms

    class Awaitable(Later):  # Pyodide's promises can be awaited
        def __await__(self):
            yield from asyncio.sleep(0.01).__await__()
            self.resolve(['{"kind": "learner"}', '{"kind": "answer", "from": "another tab"}'])

    bridge.readAll = lambda: Awaitable()
    # In a thread of its own: when the browser tests ran first in this process, Playwright's sync
    # API keeps an event loop running in this one, and asyncio.run refuses to start there.
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        cell = pool.submit(asyncio.run, transform(["show('x')\n"])).result(timeout=30)
    assert cell == ["show('x')\n"]  # the cell, unchanged
    assert db.lines == ['{"kind": "learner"}', '{"kind": "answer", "from": "another tab"}']  # read before it runs


def test_feedback_held_for_a_write_that_fails_does_not_say_saved(monkeypatch):
    """The feedback composed before the write settled said "✓ Saved in this browser."; the
    write failed, so what reaches the page says that answers are not kept, and why."""
    from hrdtrain import browser_store
    from hrdtrain.i18n import t

    class QuotaError:
        name, message = "QuotaExceededError", "the quota has been exceeded"

    sent = []

    class Shell:
        class kernel:
            class lite_transform_manager:
                line_transforms: list = []

        def send_comm(self, *args):
            sent.append(args)

    shell = Shell()
    bridge = LaterBridge()
    db = browser_store.IndexedDBLines(bridge, on_idle=browser_store._release_messages)
    monkeypatch.setattr(browser_store, "_DB", db)
    monkeypatch.setattr(browser_store, "_held", [])
    assert browser_store._install_kernel_hooks(shell)
    db.append("{}")
    feedback = f"<p>✗ Not quite.</p><p class='hrdtrain-saved'><small>{t('store.saved.browser')}</small></p>"
    shell.send_comm("comm_msg", {"data": {"state": {"value": feedback}}, "comm_id": "c1"})
    bridge.calls[0][2].reject(QuotaError())
    ((_type, content),) = sent
    value = content["data"]["state"]["value"]
    assert t("store.saved.browser") not in value and "<p>✗ Not quite.</p>" in value
    assert "⚠ Your answers will not be kept: this browser does not let this course site keep anything (QuotaExceededError: the quota has been exceeded)" in value
    # Later messages are sent as they are, and the next write is refused at once.
    shell.send_comm("comm_msg", {"data": {"state": {"value": feedback}}})
    assert sent[-1][1]["data"]["state"]["value"] == feedback
    from hrdtrain.store import StoreError

    with pytest.raises(StoreError, match="QuotaExceededError"):
        db.append("{}")
