"""The progress store of the browser edition: plain JSON records in this browser's IndexedDB.

In JupyterLite the kernel (Pyodide) runs in a web worker of the course's page. Its answers go to
an IndexedDB database of the site, `hrdtrain`, object store `answers`: one JSON text per
record, the same lines `answers.jsonl` would hold (a learner record with the random id, then one
record per answer), appended, never rewritten. The browser keeps it for this site only, and
"clear site data" (or a private window being closed) deletes it. Nothing is sent anywhere.

Why IndexedDB and not a file on JupyterLite's drive (/drive): the drive reaches the kernel only
through a service worker, which browsers allow only in a secure context (https:// or
http://localhost). A room served with `python -m http.server` over Wi-Fi
(http://192.168.x.y:8000) is not one, so there the drive is missing and nothing could be kept.
(The site now turns the service worker off everywhere: with the drive, every import looked into
it first, seconds at each page load; see hrdtrain.site_build.) IndexedDB works in a worker in
every context. It also takes appends from several tabs of the course at once without one tab's
copy overwriting another's. SQLite is not used in the browser (on the drive it gets corrupted:
jupyterlite/pyodide-kernel#35).

IndexedDB answers asynchronously, while the course's widgets and `show()` are synchronous. So:
- the kernel keeps the records in memory, read from the database when `hrdtrain` is imported
  and again before each cell runs (the kernel waits for that read: see `_install_kernel_hooks`),
  so `show()` in the next cell knows "You answered this before", tabs included;
- an answer is added to memory at once and written in its own transaction; while a write is
  under way, the kernel holds back its messages to the page, so the learner sees the feedback
  ("✓ Saved in this browser.") only once the transaction has committed: a reload at that moment
  loses nothing. Erasing works the same way. If the write fails (a full disk), the held feedback
  says instead that answers are not kept, and the next answer says so too.
Both rely on two seams of jupyterlite-pyodide-kernel 0.8.x (the cell transformers of
`kernel.lite_transform_manager`, and `shell.send_comm`); the browser-edition test checks them.

Where IndexedDB cannot be opened (a browser that refuses this site storage), nothing can be
kept; the store says so when asked to write, and the quizzes still work.

With HRDTRAIN_HOME set, or a folder given (the simulated runtime in tests), the same records are
lines of a plain file, `answers.jsonl`, in that folder.

Same interface as the desktop store (hrdtrain.store.Store); no user name, host name or path is
written into it, and the learner id is random.
"""

from __future__ import annotations

import json
import os
import secrets
import sys
import time
from pathlib import Path
from typing import Any, Callable

from .store import ENV_HOME, PRIVATE_FOLDER, Answer, StoreError

FILE_NAME = "answers.jsonl"
DB_NAME = "hrdtrain"
OBJECT_STORE = "answers"
LOAD_TIMEOUT_S = 10.0
"""How long a cell waits for the stored answers before it runs anyway."""

# The bridge from the kernel's worker to IndexedDB: each call is one transaction, and its promise
# settles when that transaction has committed (durability "strict": on disk, not only in memory).
BRIDGE_JS = r"""
(() => {
  const DB = "%(db)s", STORE = "%(store)s";
  const opened = new Promise((resolve, reject) => {
    let request;
    try {
      request = indexedDB.open(DB, 1);
    } catch (error) {
      reject(error);
      return;
    }
    request.onupgradeneeded = () => request.result.createObjectStore(STORE, { autoIncrement: true });
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  opened.catch(() => {});  // reported to Python by each call that needs the database
  const run = (mode, work) => opened.then((db) => new Promise((resolve, reject) => {
    const tx = db.transaction(STORE, mode, { durability: "strict" });
    let result;
    const request = work(tx.objectStore(STORE));
    request.onsuccess = () => { result = request.result; };
    tx.oncomplete = () => resolve(result);
    tx.onerror = tx.onabort = () => reject(tx.error || new Error("the transaction was aborted"));
    if (mode === "readwrite" && tx.commit) tx.commit();
  }));
  return {
    readAll: () => run("readonly", (store) => store.getAll()),
    add: (line) => run("readwrite", (store) => store.add(line)),
    clear: () => run("readwrite", (store) => store.clear()),
  };
})()
""" % {"db": DB_NAME, "store": OBJECT_STORE}


def _reason(error: Any) -> str:
    name, message = getattr(error, "name", ""), getattr(error, "message", "") or str(error)
    return f"{name}: {message}" if name and not message.startswith(name) else message


class IndexedDBLines:
    """The records in IndexedDB, mirrored in this kernel's memory (one instance per kernel).

    `bridge` is BRIDGE_JS's object (or, in tests, anything with the same three methods returning
    objects with `.then(on_ok, on_error)`)."""

    def __init__(self, bridge: Any, on_idle: Callable[[], None] | None = None):
        self.bridge = bridge
        self.lines: list[str] = []
        self.loaded = False
        self.error: str | None = None
        """Why the database cannot be used (it could not be opened, a write failed), or None."""
        self.pending = 0
        """Writes (and erasures) sent and not yet committed."""
        self.failed_write: str | None = None
        """Why a write failed while messages were held (cleared when they are sent)."""
        self.on_idle = on_idle
        self._added: list[tuple[int, str]] = []  # (sequence number, line) written by this kernel
        self._seq = 0
        self._erased_at = -1

    @staticmethod
    def _then(promise: Any, ok: Callable[[Any], None], failed: Callable[[Any], None]) -> Any:
        """promise.then(ok, failed): Pyodide wraps the two callables for JavaScript and frees
        them once the promise has settled."""
        return promise.then(ok, failed)

    def refresh(self) -> Any:
        """Reads every record again (another tab may have added some); returns the promise.
        Records this kernel wrote after the read began are kept in memory."""
        started = self._seq

        def ok(rows: Any) -> None:
            rows = rows.to_py() if hasattr(rows, "to_py") else rows
            if self._erased_at > started:  # erased while the read was under way
                rows = []
            self.lines = [str(r) for r in rows] + [line for seq, line in self._added if seq > started]
            self.loaded = True

        def failed(error: Any) -> None:
            self.error = _reason(error)
            self.loaded = True

        return self._then(self.bridge.readAll(), ok, failed)

    def _write(self, promise: Any) -> None:
        self.pending += 1

        def settled() -> None:
            self.pending -= 1
            if self.pending == 0 and self.on_idle is not None:
                self.on_idle()

        def ok(_result: Any) -> None:
            settled()

        def failed(error: Any) -> None:
            self.error = self.failed_write = _reason(error)
            settled()

        self._then(promise, ok, failed)

    def append(self, line: str) -> None:
        if self.error is not None:
            from .i18n import t

            raise StoreError(t("store.no_browser_storage", detail=self.error))
        self._seq += 1
        self._added.append((self._seq, line))
        self.lines.append(line)
        self._write(self.bridge.add(line))

    def erase(self) -> None:
        if self.error is not None:
            raise StoreError(f"this browser's storage cannot be used ({self.error}); nothing was erased")
        self._seq += 1
        self._erased_at = self._seq
        self._added.clear()
        self.lines = []
        self._write(self.bridge.clear())


_DB: IndexedDBLines | None = None
_held: list[tuple[tuple, dict]] = []


def start() -> IndexedDBLines | None:
    """In Pyodide: opens the database, starts reading it, and hooks into the kernel (once per
    kernel; `import hrdtrain` calls it). Elsewhere (CPython, the simulated runtime): None."""
    global _DB
    if _DB is not None or sys.platform != "emscripten":
        return _DB
    try:
        from pyodide.code import run_js
    except ImportError:
        return None
    _DB = IndexedDBLines(run_js(BRIDGE_JS), on_idle=_release_messages)
    _DB.refresh()
    _install_kernel_hooks()
    return _DB


def _release_messages() -> None:
    """Sends the messages held while a write was under way, in their order. If the write
    failed, the "✓ Saved in this browser." they carry says instead that answers are not kept."""
    held = list(_held)
    _held.clear()
    failed = _DB.failed_write if _DB is not None else None
    if failed is not None:
        _DB.failed_write = None
        held = [(_not_saved(args, failed), kwargs) for args, kwargs in held]
    for args, kwargs in held:
        try:
            _send_comm_unheld(*args, **kwargs)
        except Exception:  # noqa: BLE001 - one message lost must not stop the others
            pass


def _not_saved(value: Any, reason: str) -> Any:
    """`value` (a held message, as sent: tuples, dicts, lists, text) with every "✓ Saved in this
    browser." replaced by the notice that answers are not kept, and why."""
    import html

    from .i18n import t

    saved = html.escape(t("store.saved.browser"))
    if isinstance(value, str):
        if saved not in value:
            return value
        notice = html.escape(t("store.not_saving.browser", reason=t("store.no_browser_storage", detail=reason)))
        return value.replace(saved, f"⚠ {notice}")
    if isinstance(value, dict):
        return {k: _not_saved(v, reason) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(_not_saved(v, reason) for v in value)
    return value


_send_comm_unheld: Callable[..., Any] = lambda *args, **kwargs: None  # noqa: E731


def _install_kernel_hooks(shell: Any = None) -> bool:
    """Two hooks into the Pyodide kernel (jupyterlite-pyodide-kernel 0.8.x), so that an
    asynchronous store looks synchronous to a learner:

    - before each cell, the kernel reads the records again and waits for them (an async cell
      transformer: the kernel awaits each before running the cell); so `show()` in the cell after
      `from hrdtrain import show` already knows what was answered before;
    - while a write is under way, messages to the page (widget updates: the feedback) are held
      and sent when it has committed.

    False when the kernel has neither seam (not JupyterLite's kernel): then reads may come a
    cell late and feedback may come before the write has committed."""
    global _send_comm_unheld
    if shell is None:
        try:
            from IPython import get_ipython
        except ImportError:
            return False
        shell = get_ipython()
    kernel = getattr(shell, "kernel", None)
    transforms = getattr(getattr(kernel, "lite_transform_manager", None), "line_transforms", None)
    if shell is None or not isinstance(transforms, list) or not callable(getattr(shell, "send_comm", None)):
        return False

    async def wait_for_the_stored_answers(lines: list[str]) -> list[str]:
        import asyncio

        if _DB is not None and _DB.error is None:
            try:
                await asyncio.wait_for(_as_future(_DB.refresh()), LOAD_TIMEOUT_S)
            except Exception:  # noqa: BLE001 - a slow or failed read never stops a cell
                pass
        return lines

    transforms.append(wait_for_the_stored_answers)
    _send_comm_unheld = shell.send_comm

    def send_comm(*args: Any, **kwargs: Any) -> Any:
        if _DB is not None and _DB.pending > 0:
            _held.append((args, kwargs))
            return None
        return _send_comm_unheld(*args, **kwargs)

    shell.send_comm = send_comm
    return True


def _as_future(promise: Any):
    """A JavaScript promise as an asyncio future (Pyodide's promises are awaitable)."""
    import asyncio

    async def wait() -> Any:
        return await promise

    return asyncio.ensure_future(wait())


# ------------------------------------------------------------------------------------- files


class FileLines:
    """The same records as lines of `folder`/answers.jsonl (HRDTRAIN_HOME, tests)."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.path = folder / FILE_NAME

    @property
    def lines(self) -> list[str]:
        try:
            return self.path.read_text(encoding="utf-8", errors="replace").splitlines()
        except FileNotFoundError:
            return []
        except OSError as exc:
            raise StoreError(f"cannot read {self.path}: {exc.strerror or exc}") from None

    def append(self, line: str) -> None:
        """One line at the end of the file (after a newline, if a cut-short line ends it)."""
        data = line + "\n"
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            with open(self.path, "a+b") as f:
                if f.tell() > 0:
                    f.seek(-1, os.SEEK_END)
                    if f.read(1) != b"\n":
                        data = "\n" + data
                f.write(data.encode("utf-8"))
        except OSError as exc:
            raise StoreError(f"cannot write to {self.path}: {exc.strerror or exc}") from None

    def erase(self) -> None:
        if self.path.is_dir():
            raise StoreError(f"{self.path} is a folder, not the progress file; nothing was erased")
        try:
            self.path.unlink(missing_ok=True)
        except OSError as exc:
            raise StoreError(f"could not delete {self.path} ({exc.strerror or exc}); nothing was erased") from None
        try:
            self.folder.rmdir()
        except OSError:
            pass


class NoStorage:
    """No IndexedDB (not in Pyodide) and no folder named: nothing can outlive the page."""

    lines: list[str] = []

    def append(self, line: str) -> None:
        from .i18n import t

        raise StoreError(t("store.no_browser_storage", detail=t("store.no_browser_storage.none")))

    def erase(self) -> None:
        pass


def _folder_from_env() -> Path | None:
    env = os.environ.get(ENV_HOME)
    if not env:
        return None
    # As on the desktop (store.data_home): an existing folder that does not hold the store
    # yet gets a folder of our own inside it, never the store's files strewn in it.
    home = Path(env).expanduser()
    try:
        if home.is_dir() and not (home / FILE_NAME).exists():
            return home / PRIVATE_FOLDER
    except OSError:
        pass
    return home


class BrowserStore:
    """The learner's answers: in IndexedDB in the browser, in `home`/answers.jsonl when a folder
    is given or HRDTRAIN_HOME is set."""

    def __init__(self, home: Path | None = None):
        folder = Path(home) if home is not None else _folder_from_env()
        if folder is not None:
            self.backend: FileLines | IndexedDBLines | NoStorage = FileLines(folder)
            self.home, self.path = folder, folder / FILE_NAME
        else:
            self.backend = start() or NoStorage()
            self.home = Path(f"IndexedDB:{DB_NAME}")
            self.path = self.home / OBJECT_STORE

    @property
    def in_indexeddb(self) -> bool:
        return isinstance(self.backend, IndexedDBLines)

    @property
    def kept(self) -> bool:
        """False when answers cannot outlive this page (no storage, or the browser refused it)."""
        if isinstance(self.backend, NoStorage):
            return False
        return getattr(self.backend, "error", None) is None

    @property
    def problem(self) -> str:
        """Why nothing is kept, in the learner's words ("" when answers are kept)."""
        from .i18n import t

        if isinstance(self.backend, NoStorage):
            return t("store.no_browser_storage", detail=t("store.no_browser_storage.none"))
        error = getattr(self.backend, "error", None)
        return t("store.no_browser_storage", detail=error) if error else ""

    def exists(self) -> bool:
        return bool(self.backend.lines)

    # ---------------------------------------------------------------- reading

    def _records(self) -> list[dict[str, Any]]:
        """Every whole record, in order; a damaged one is skipped, never fatal."""
        records = []
        for line in self.backend.lines:
            try:
                record = json.loads(line)
            except ValueError:
                continue
            if isinstance(record, dict):
                records.append(record)
        return records

    @staticmethod
    def _answer(record: dict[str, Any]) -> Answer | None:
        try:
            return Answer(
                str(record["item_id"]), str(record["item_type"]), record["answer"], bool(record["correct"]),
                float(record["score"]), int(record["attempt"]), float(record["at"]),
            )
        except (KeyError, TypeError, ValueError):
            return None

    def answers(self) -> list[Answer]:
        """Every stored answer, oldest first ([] when nothing has been stored yet)."""
        return [a for r in self._records() if r.get("kind") == "answer" and (a := self._answer(r)) is not None]

    def last_answer(self, item_id: str) -> Answer | None:
        found = [a for a in self.answers() if a.item_id == item_id]
        return found[-1] if found else None

    # ---------------------------------------------------------------- writing

    def _append(self, record: dict[str, Any]) -> None:
        self.backend.append(json.dumps(record, sort_keys=True, default=sorted, ensure_ascii=False))

    def learner_id(self) -> str:
        """The pseudonymous learner id: random, made once, stored only here."""
        for record in self._records():
            if record.get("kind") == "learner" and isinstance(record.get("learner_id"), str):
                return record["learner_id"]
        value = secrets.token_hex(8)
        self._append({"kind": "learner", "learner_id": value})
        return value

    def add_answer(self, item_id: str, item_type: str, answer: Any, correct: bool, score: float, attempt: int, at: float | None = None) -> None:
        """Stores one answer. In the browser the write commits just after this returns, and the
        kernel's messages to the page wait for it (see the module's docstring)."""
        if not self.exists():
            self.learner_id()
        self._append(
            {
                "kind": "answer", "item_id": item_id, "item_type": item_type, "answer": answer, "correct": bool(correct),
                "score": float(score), "attempt": int(attempt), "at": at if at is not None else time.time(),
            }
        )

    def erase(self) -> list[Path]:
        """Deletes every record (the file, or the database's records)."""
        had = self.exists()
        self.backend.erase()
        return [self.path] if had else []
