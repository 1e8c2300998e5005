"""The private progress store: one small interface (`Store`), two backends, chosen by `open_store()`.

- On the desktop (JupyterLab, Voilà, `hrdtrain start`): `ProgressStore`, one SQLite file, below.
- In the browser edition (Pyodide, `sys.platform == "emscripten"`): `hrdtrain.browser_store`,
  plain JSON records in the browser's IndexedDB for the course site (JupyterLite's drive exists
  only in a secure context, and SQLite files on it get corrupted: jupyterlite/pyodide-kernel#35;
  Pyodide's home folder is lost at every page load).

The rest of this docstring is about the desktop's SQLite store:
one SQLite file, on this computer only, under a random id.

Where: the folder named by the environment variable HRDTRAIN_HOME, or `~/.hrdtrain`. The folder
is created owner-only (0700) and the database file owner-only (0600). Nothing in it names the
learner: the learner id is random (`secrets`), made the first time an answer is stored. No user
name, host name or path is ever written into it or into an export.

Why it is safe with several notebooks at once and with a killed kernel:
- WAL mode lets one writer and many readers work together; every writer waits (busy timeout)
  instead of failing, so concurrent kernels never lose an answer;
- every answer is one transaction, committed before `add_answer` returns. In WAL mode a
  committed transaction is in the WAL file, so an answer the widget has confirmed survives the
  kernel being killed a moment later (synchronous=NORMAL: SQLite's documented guarantee for
  application crashes; only a power cut can lose the last answers, and never corrupts the file);
- SQLite never leaves a half-written transaction visible: a kill mid-write rolls it back.
"""

from __future__ import annotations

import json
import os
import secrets
import stat
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterator, Protocol

if TYPE_CHECKING:
    import sqlite3  # imported when a desktop store is opened: Pyodide's stdlib may lack it

from .errors import ReportedError

ENV_HOME = "HRDTRAIN_HOME"
DB_NAME = "progress.sqlite"
BUSY_TIMEOUT_MS = 30_000

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS answers (
    n INTEGER PRIMARY KEY AUTOINCREMENT,
    item_id TEXT NOT NULL,
    item_type TEXT NOT NULL,
    answer TEXT NOT NULL,      -- JSON: what was chosen (option ids, verdicts...); never free text
    correct INTEGER NOT NULL,  -- 1 or 0
    score REAL NOT NULL,
    attempt INTEGER NOT NULL,  -- which try at this item in that notebook session
    at REAL NOT NULL           -- when (seconds since 1970); exports keep only the day
);
CREATE INDEX IF NOT EXISTS answers_item ON answers (item_id, n);
"""


_OPEN: dict[str, tuple[int, sqlite3.Connection]] = {}
"""Open connections by database path, with the process id that opened them (never reused after a fork)."""


class StoreError(ReportedError, RuntimeError):
    """The store cannot be used (read-only or full disk, damaged file); the message says why."""


PRIVATE_FOLDER = "hrdtrain-data"
"""The folder made inside an existing $HRDTRAIN_HOME that does not hold a store yet."""


def default_home() -> Path:
    """~/.hrdtrain on Linux and macOS (made 0700). On Windows, where chmod cannot make a folder
    private, %LOCALAPPDATA%\\hrdtrain (C:\\Users\\NAME\\AppData\\Local\\hrdtrain): inside the user's
    profile, which Windows' permissions (ACLs) open only to that account, administrators and the
    system, and the part of a profile that a roaming profile never copies to an organisation's server."""
    if os.name == "nt":
        local = os.environ.get("LOCALAPPDATA")
        return (Path(local) if local else Path.home() / "AppData" / "Local") / "hrdtrain"
    return Path.home() / ".hrdtrain"


def data_home() -> Path:
    """The data folder: default_home() (~/.hrdtrain), or the folder named by $HRDTRAIN_HOME.

    $HRDTRAIN_HOME may name a folder that is not ours (/tmp, a shared folder, a USB stick):
    making it owner-only would lock others out of it, and leaving it open would leave the store
    open. So when it names an existing folder that does not hold a store already, the store
    goes into a private folder of its own inside it (hrdtrain-data/), and the folder's own mode
    is never touched. A folder that does not exist yet, or already holds the store, is used
    as before."""
    env = os.environ.get(ENV_HOME)
    if not env:
        return default_home()
    home = Path(env).expanduser()
    try:
        if home.is_dir() and not (home / DB_NAME).exists() and not (home / DB_NAME).is_symlink():
            return home / PRIVATE_FOLDER
    except OSError:  # a folder we may not look into: using it fails later, with a clear message
        pass
    return home


def _exists(path: Path) -> bool:
    """Path.exists, with a folder we may not look into reported as a StoreError, not a traceback."""
    try:
        return path.exists() or path.is_symlink()
    except OSError as exc:
        raise StoreError(f"cannot look into {path.parent}: {exc.strerror or exc}") from None


@dataclass(frozen=True)
class Answer:
    item_id: str
    item_type: str
    answer: Any
    correct: bool
    score: float
    attempt: int
    at: float


class Store(Protocol):
    """What the course asks of a progress store, whichever runtime it runs in."""

    home: Path

    def exists(self) -> bool: ...
    def learner_id(self) -> str: ...
    def add_answer(self, item_id: str, item_type: str, answer: Any, correct: bool, score: float, attempt: int, at: float | None = None) -> None: ...
    def answers(self) -> list[Answer]: ...
    def last_answer(self, item_id: str) -> Answer | None: ...
    def erase(self) -> list[Path]: ...


def in_browser() -> bool:
    """True in Pyodide (the browser edition, JupyterLite)."""
    return sys.platform == "emscripten"


def open_store(home: Path | None = None) -> Store:
    """The store of this runtime: IndexedDB records in the browser, SQLite elsewhere."""
    if in_browser():
        from .browser_store import BrowserStore

        return BrowserStore(home)
    return ProgressStore(home)


class ProgressStore:
    """The desktop store: the learner's answers in `home`/progress.sqlite (default: data_home())."""

    def __init__(self, home: Path | None = None):
        self.home = Path(home) if home is not None else data_home()
        self.path = self.home / DB_NAME

    # ---------------------------------------------------------------- opening

    def _prepare_folder(self) -> None:
        try:
            self.home.mkdir(mode=0o700, parents=True, exist_ok=True)
            if stat.S_IMODE(self.home.stat().st_mode) != 0o700:
                os.chmod(self.home, 0o700)
        except OSError as exc:
            raise StoreError(f"cannot use the folder {self.home}: {exc.strerror or exc}") from None

    def _open(self) -> sqlite3.Connection:
        import sqlite3

        old_umask = os.umask(0o077)  # the -wal and -shm files SQLite creates: owner-only too
        try:
            conn = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=False)
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
            conn.executescript(SCHEMA)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open {self.path}: {exc}") from None
        finally:
            os.umask(old_umask)
        return conn

    @contextmanager
    def _connect(self, write: bool) -> Iterator[sqlite3.Connection]:
        """A connection to the store, kept open per process while the file exists (opening one
        costs more than an answer); `write` creates folder and file, owner-only, if needed."""
        if not _exists(self.path) or not self.path.exists():  # (a link to nothing: as if absent)
            _OPEN.pop(str(self.path), None)
            if not write:
                raise FileNotFoundError(self.path)
            self._prepare_folder()
            try:
                os.close(os.open(self.path, os.O_CREAT | os.O_WRONLY, 0o600))
            except OSError as exc:
                raise StoreError(f"cannot create {self.path}: {exc.strerror or exc}") from None
        import sqlite3

        key = str(self.path)
        cached = _OPEN.get(key)
        if cached is None or cached[0] != os.getpid():
            _OPEN[key] = cached = (os.getpid(), self._open())
        try:
            yield cached[1]
        except sqlite3.Error as exc:
            _OPEN.pop(key, None)
            raise StoreError(f"{self.path}: {exc}") from None

    def exists(self) -> bool:
        """Whether anything of the store is there (StoreError if its folder cannot be looked into)."""
        return _exists(self.path)

    # ---------------------------------------------------------------- writing

    def learner_id(self) -> str:
        """The pseudonymous learner id: random, made once, stored only here."""
        with self._connect(write=True) as conn:
            conn.execute("BEGIN IMMEDIATE")
            row = conn.execute("SELECT value FROM meta WHERE key = 'learner_id'").fetchone()
            if row is None:
                value = secrets.token_hex(8)
                conn.execute("INSERT INTO meta (key, value) VALUES ('learner_id', ?)", (value,))
            else:
                value = row[0]
            conn.execute("COMMIT")
            return value

    def add_answer(self, item_id: str, item_type: str, answer: Any, correct: bool, score: float, attempt: int, at: float | None = None) -> None:
        """Stores one answer; when this returns, it is committed (it survives the process being killed)."""
        with self._connect(write=True) as conn:
            conn.execute("BEGIN IMMEDIATE")
            try:
                if conn.execute("SELECT 1 FROM meta WHERE key = 'learner_id'").fetchone() is None:
                    conn.execute("INSERT INTO meta (key, value) VALUES ('learner_id', ?)", (secrets.token_hex(8),))
                conn.execute(
                    "INSERT INTO answers (item_id, item_type, answer, correct, score, attempt, at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (item_id, item_type, json.dumps(answer, sort_keys=True, default=sorted), int(bool(correct)), float(score), int(attempt), at if at is not None else time.time()),
                )
                conn.execute("COMMIT")
            except BaseException:
                conn.execute("ROLLBACK")
                raise

    def erase(self) -> list[Path]:
        """Deletes the store's files (database, WAL, shared memory) and the folder if empty.

        Checks first that each file can go (a file, not a folder; a folder and disk that can be
        written), so that a problem stops it before anything is deleted. StoreError says what
        is wrong and what was and was not deleted."""
        cached = _OPEN.pop(str(self.path), None)
        if cached is not None:
            cached[1].close()
        files = [self.path.with_name(self.path.name + suffix) for suffix in ("", "-wal", "-shm", "-journal")]
        files = [p for p in files if _exists(p)]
        for p in files:
            if p.is_dir() and not p.is_symlink():
                raise StoreError(f"{p} is a folder, not a file of the progress store; nothing was erased (is {ENV_HOME} right?)")
        if files and not os.access(self.home, os.W_OK | os.X_OK):
            raise StoreError(f"cannot delete files in {self.home} (the folder or the disk is read-only); nothing was erased")
        removed: list[Path] = []
        for p in files:
            try:
                p.unlink()
            except OSError as exc:
                done = ", ".join(q.name for q in removed) or "nothing"
                left = ", ".join(q.name for q in files if q not in removed)
                raise StoreError(
                    f"could not delete {p} ({exc.strerror or exc}); deleted: {done}; still there: {left} in {self.home}. Delete them by hand or try again"
                ) from None
            removed.append(p)
        try:
            self.home.rmdir()
        except OSError:
            pass
        return removed

    # ---------------------------------------------------------------- reading

    def answers(self) -> list[Answer]:
        """Every stored answer, oldest first ([] when nothing has been stored yet)."""
        try:
            with self._connect(write=False) as conn:
                rows = conn.execute("SELECT item_id, item_type, answer, correct, score, attempt, at FROM answers ORDER BY n").fetchall()
        except FileNotFoundError:
            return []
        except StoreError as exc:
            if "no such table" in str(exc):
                return []
            raise
        return [Answer(r[0], r[1], json.loads(r[2]), bool(r[3]), r[4], r[5], r[6]) for r in rows]

    def last_answer(self, item_id: str) -> Answer | None:
        """The latest stored answer to `item_id`, or None."""
        try:
            with self._connect(write=False) as conn:
                r = conn.execute(
                    "SELECT item_id, item_type, answer, correct, score, attempt, at FROM answers WHERE item_id = ? ORDER BY n DESC LIMIT 1", (item_id,)
                ).fetchone()
        except FileNotFoundError:
            return None
        except StoreError as exc:
            if "no such table" in str(exc):
                return None
            raise
        return Answer(r[0], r[1], json.loads(r[2]), bool(r[3]), r[4], r[5], r[6]) if r else None
