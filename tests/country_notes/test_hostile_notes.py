"""Is a hostile country notes file (alias bomb, huge, deeply nested, huge values) refused by
`hrdtrain notes` at once, and read only once per kernel when named in HRDTRAIN_COUNTRY_NOTES,
while every quiz still works and shows one line saying the file has problems?"""

from __future__ import annotations

import resource
import subprocess
import sys
import time
from pathlib import Path

import pytest

from hrdtrain import country_notes, show
from hrdtrain.country_notes import ENV_VAR, check

ROOT = Path(__file__).resolve().parents[2]
ALIASES_REFUSED = "anchors and aliases (&x, *x) are not allowed in country notes files; write each value out in full"


def notes_bomb(levels: int, width: int = 9) -> str:
    """A notes file whose `country` is an alias bomb: `width ** levels` strings once expanded."""
    lines = ["checked_on: 2026-03-01", "notes: []"]
    lines.append("l0: &l0 [" + ", ".join(['"lol"'] * width) + "]")
    for n in range(1, levels):
        lines.append(f"l{n}: &l{n} [" + ", ".join([f"*l{n - 1}"] * width) + "]")
    lines.append(f"country: *l{levels - 1}")
    return "\n".join(lines) + "\n"


def write(tmp_path: Path, text: str, name: str = "notes.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture(autouse=True)
def forget_checked_files():
    country_notes._checked.cache_clear()
    yield
    country_notes._checked.cache_clear()


def test_a_small_alias_bomb_is_refused_quickly_with_its_line(tmp_path):
    path = write(tmp_path, notes_bomb(6))
    start = time.perf_counter()
    notes, problems = check(path)
    assert time.perf_counter() - start < 1.0
    assert notes is None
    assert [str(p) for p in problems] == [f"{path}:3: {ALIASES_REFUSED}"]


def test_hrdtrain_notes_refuses_a_billion_laughs_file_within_a_memory_limit(tmp_path):
    """9 ** 9 strings once expanded: without the refusal the child runs out of its 1 GB."""
    path = write(tmp_path, notes_bomb(9))

    def limit_memory() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))

    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "hrdtrain.cli", "notes", str(path)],
        cwd=ROOT, capture_output=True, text=True, timeout=60, preexec_fn=limit_memory,
    )
    assert proc.returncode == 1, proc.stderr[-2000:]
    assert "Traceback" not in proc.stderr and "MemoryError" not in proc.stderr, proc.stderr[-2000:]
    assert proc.stderr.splitlines()[0] == f"{path}:3: {ALIASES_REFUSED}"
    assert time.perf_counter() - start < 30


def test_a_bomb_named_in_the_variable_shows_one_line_and_the_quiz_works(tmp_path, monkeypatch):
    path = write(tmp_path, notes_bomb(7))
    monkeypatch.setenv(ENV_VAR, str(path))
    start = time.perf_counter()
    w = show("3.2-filming-police")
    assert time.perf_counter() - start < 5
    assert f"⚠ The country notes file {path} has problems, so no country notes are shown." in w.header.value
    assert w.header.value.count("hrdtrain-country-note") == 1


def test_a_broken_notes_file_is_read_once_per_kernel_not_once_per_quiz(tmp_path, monkeypatch):
    """A file that made the check fail (here: run out of memory) is not read again by every quiz
    cell: the failure is kept until the file changes."""
    path = write(tmp_path, "country: Testland\n")
    monkeypatch.setenv(ENV_VAR, str(path))
    calls = []

    def exhausting_check(p, bank=None):
        calls.append(p)
        raise MemoryError("the file expanded beyond the memory")

    monkeypatch.setattr(country_notes, "check", exhausting_check)
    for item_id in ("3.2-filming-police", "3.4-tear-gas", "3.2-filming-police"):
        assert "has problems, so no country notes are shown" in show(item_id).header.value
    assert len(calls) == 1
    path.write_text("country: Testland, fixed\n", encoding="utf-8")
    assert "has problems" in show("3.4-tear-gas").header.value
    assert len(calls) == 2, "a changed file is read again"


def test_a_notes_file_over_the_size_cap_is_refused_without_being_read(tmp_path):
    from hrdtrain.safe_yaml import MAX_FILE_BYTES

    path = tmp_path / "huge.yaml"
    with open(path, "wb") as f:
        f.truncate(1 << 40)
    start = time.perf_counter()
    notes, problems = check(path)
    assert time.perf_counter() - start < 1.0
    assert notes is None
    assert [str(p) for p in problems] == [
        f"{path}: is 1099511627776 bytes; country notes files may be at most {MAX_FILE_BYTES} bytes (2 MB): split it into smaller files"
    ]


def test_deep_nesting_in_a_notes_file_is_refused(tmp_path):
    from hrdtrain.safe_yaml import MAX_DEPTH

    path = write(tmp_path, "country: Testland\nchecked_on: 2026-03-01\nnotes: " + "[" * 5000 + "]" * 5000 + "\n")
    notes, problems = check(path)
    assert notes is None
    assert [str(p) for p in problems] == [
        f"{path}:3: nesting deeper than {MAX_DEPTH} levels is not allowed in country notes files; no course file needs it"
    ]


def test_a_huge_value_is_shortened_in_the_message(tmp_path):
    path = write(tmp_path, f"country: Testland\nchecked_on: '{'9' * 500_000}'\nnotes: []\n")
    _notes, problems = check(path)
    lines = [str(p) for p in problems]
    assert lines and all(len(line) < 300 + len(str(path)) for line in lines), [line[:400] for line in lines]
    assert any("is not a date" in line and "…" in line for line in lines), [line[:400] for line in lines]
