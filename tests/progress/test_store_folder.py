"""Where the store lives, and what happens when it cannot be used: is a shared folder named by
HRDTRAIN_HOME left as it was, and do erase, progress and export give one clear message, not a
traceback, when the store is a folder or the disk is read-only, with nothing half-deleted?"""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from hrdtrain import my_progress
from hrdtrain.store import ProgressStore, data_home

ROOT = Path(__file__).resolve().parents[2]


def cli(*args: str, env: dict | None = None, prefix: list[str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([*(prefix or []), sys.executable, "-m", "hrdtrain.cli", *args], capture_output=True, text=True, timeout=120, cwd=ROOT, env=env)


def test_a_shared_folder_keeps_its_mode_and_the_store_goes_into_a_private_folder_inside_it(tmp_path, monkeypatch):
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o1777)
    (shared / "someone-elses-file.txt").write_text("x")
    monkeypatch.setenv("HRDTRAIN_HOME", str(shared))
    store = ProgressStore()
    store.add_answer("3.4-tear-gas", "judge", "inaccurate", True, 1.0, 1)
    assert stat.S_IMODE(shared.stat().st_mode) == 0o1777
    private = shared / "hrdtrain-data"
    assert store.path == private / "progress.sqlite" and store.path.exists()
    assert stat.S_IMODE(private.stat().st_mode) == 0o700
    assert all(stat.S_IMODE(f.stat().st_mode) == 0o600 for f in private.iterdir())
    proc = cli("erase", "--yes", env={**os.environ, "HRDTRAIN_HOME": str(shared)})
    assert proc.returncode == 0, proc.stderr
    assert not private.exists() and (shared / "someone-elses-file.txt").exists()
    assert stat.S_IMODE(shared.stat().st_mode) == 0o1777


def test_a_folder_that_already_holds_the_store_is_used_as_before(tmp_path, monkeypatch):
    old = tmp_path / "old-home"
    ProgressStore(old).add_answer("3.4-tear-gas", "judge", "inaccurate", True, 1.0, 1)
    monkeypatch.setenv("HRDTRAIN_HOME", str(old))
    assert data_home() == old
    assert len(ProgressStore().answers()) == 1
    monkeypatch.setenv("HRDTRAIN_HOME", str(tmp_path / "new-home"))  # not there yet: made, and ours
    assert data_home() == tmp_path / "new-home"


@pytest.fixture
def store_is_a_folder(home) -> Path:
    """HRDTRAIN_HOME whose progress.sqlite is a folder (with a file in it)."""
    (home / "progress.sqlite").mkdir(parents=True)
    (home / "progress.sqlite" / "keep.txt").write_text("x")
    return home


@pytest.mark.parametrize("args", [["erase", "--yes"], ["progress"], ["progress", "--json"], ["export", "--anonymous", "OUT"]], ids=" ".join)
def test_a_store_that_is_a_folder_gives_one_clear_message(store_is_a_folder, tmp_path, args):
    args = [str(tmp_path / "out.json") if a == "OUT" else a for a in args]
    proc = cli(*args)
    assert "Traceback" not in proc.stderr, proc.stderr
    assert proc.returncode == 1
    assert proc.stderr.startswith(f"hrdtrain {args[0]}: ") and len(proc.stderr.strip().splitlines()) == 1, proc.stderr
    assert "progress.sqlite" in proc.stderr
    assert (store_is_a_folder / "progress.sqlite" / "keep.txt").exists()


def test_erase_of_a_store_that_is_a_folder_says_nothing_was_erased(store_is_a_folder):
    proc = cli("erase", "--yes")
    assert "is a folder, not a file of the progress store; nothing was erased" in proc.stderr


def test_my_progress_shows_a_message_not_a_traceback_when_the_store_is_a_folder(store_is_a_folder):
    page = my_progress().data
    assert "⚠" in page and "progress.sqlite" in page


needs_bwrap = pytest.mark.skipif(shutil.which("bwrap") is None, reason="bubblewrap makes a read-only mount, even for root")


@needs_bwrap
def test_erase_on_a_read_only_disk_deletes_nothing_and_says_so(home):
    store = ProgressStore(home)
    store.add_answer("3.4-tear-gas", "judge", "inaccurate", True, 1.0, 1)
    before = sorted(p.name for p in home.iterdir())
    read_only = ["bwrap", "--dev-bind", "/", "/", "--ro-bind", str(home), str(home)]
    probe = subprocess.run([*read_only, "true"], capture_output=True, text=True)
    if probe.returncode != 0:
        pytest.skip(f"bubblewrap cannot make a mount here: {probe.stderr.strip()}")
    proc = cli("erase", "--yes", prefix=read_only)
    assert "Traceback" not in proc.stderr, proc.stderr
    assert proc.returncode == 1
    assert "read-only" in proc.stderr and "nothing was erased" in proc.stderr, proc.stderr
    assert sorted(p.name for p in home.iterdir()) == before
    assert len(ProgressStore(home).answers()) == 1
    for args in (["progress"], ["export", "--anonymous", str(home.parent / "out.json")]):
        proc = cli(*args, prefix=read_only)
        assert "Traceback" not in proc.stderr, proc.stderr


def test_erase_that_fails_midway_names_what_was_and_was_not_deleted(home, monkeypatch):
    from hrdtrain.store import StoreError

    store = ProgressStore(home)
    store.add_answer("3.4-tear-gas", "judge", "inaccurate", True, 1.0, 1)
    other_notebook = sqlite3.connect(store.path)  # keeps the WAL file there when erase closes its own connection
    other_notebook.execute("SELECT count(*) FROM answers").fetchone()
    assert (home / "progress.sqlite-wal").exists()
    real_unlink = Path.unlink

    def unlink_fails_on_the_wal(self, *args, **kwargs):
        if self.name.endswith("-wal"):
            raise PermissionError(1, "Operation not permitted")
        return real_unlink(self, *args, **kwargs)

    monkeypatch.setattr(Path, "unlink", unlink_fails_on_the_wal)
    with pytest.raises(StoreError) as caught:
        store.erase()
    message = str(caught.value)
    assert "could not delete" in message and "progress.sqlite-wal (Operation not permitted)" in message
    assert "deleted: progress.sqlite;" in message and "still there: progress.sqlite-wal" in message
    other_notebook.close()
