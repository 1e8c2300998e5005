"""Do `hrdtrain group` and `hrdtrain notes` print text from files without the terminal control
characters in it (ESC sequences, carriage returns, bidi overrides)?"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from hrdtrain.terminal_text import clean

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "docs" / "examples" / "country-notes-example.yaml"
CONTROL = ("\x1b", "\r", "\x07", "\x9b", "\u202e", "\u2066")


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "hrdtrain.cli", *args], capture_output=True, text=True, timeout=120, cwd=ROOT, errors="surrogateescape")


def assert_no_control(text: str) -> None:
    for ch in CONTROL:
        assert ch not in text, (repr(ch), text[:2000])


def test_clean_shows_control_characters_instead_of_obeying_them_and_keeps_every_script():
    assert clean("a\x1b[2Jb\rc\u202ed") == "a\\x1b[2Jb\\x0dc\\u202ed"
    assert clean("محامٍ\u200cمدافع — Правозащитник") == "محامٍ\u200cمدافع — Правозащитник"  # ZWNJ is kept: Persian needs it
    assert clean("x" * 500, limit=10) == "x" * 10 + "…"


def test_hrdtrain_group_prints_file_names_and_file_content_without_control_characters(tmp_path):
    folder = tmp_path / "exports"
    folder.mkdir()
    (folder / "evil\x1b[2J\u202e\r.json").write_text("{not json")
    (folder / "evil-id.json").write_text(
        json.dumps({"format": "hrdtrain-anonymous-export/2", "export_id": "ab", "items": [{"item_id": "\x1b]0;owned\x07\x1b[2J"}]})
    )
    (folder / "evil-\udcff.json").write_bytes(b"{}")  # a name that is not UTF-8
    proc = cli("group", str(folder))
    assert "Traceback" not in proc.stderr, proc.stderr
    assert_no_control(proc.stdout + proc.stderr)
    assert "evil\\x1b[2J\\u202e\\x0d.json" in proc.stderr
    assert "\\x1b]0;owned" in proc.stderr


def test_hrdtrain_notes_prints_notes_without_control_characters(tmp_path):
    text = EXAMPLE.read_text(encoding="utf-8")
    text = text.replace('country: "Ruritania', 'country: "\\e[2J\\rRuritania\u202e', 1)
    text = text.replace('law: "Ruritanian Public Assemblies Act 2011', 'law: "\\e]0;owned\\aRuritanian Public Assemblies Act 2011', 1)
    text = text.replace("*Invented example.* In Ruritania, organisers", "*Invented example.* \u2066In Ruritania, organisers", 1)
    notes = tmp_path / "notes.yaml"
    notes.write_text(text, encoding="utf-8")
    proc = cli("notes", str(notes))
    assert proc.returncode == 0, proc.stderr
    assert_no_control(proc.stdout + proc.stderr)
    assert "\\x1b[2J\\x0dRuritania\\u202e" in proc.stdout and "\\x1b]0;owned\\x07Ruritanian" in proc.stdout

    broken = tmp_path / "broken.yaml"
    broken.write_text(text.replace("item: 3.2-notification-periods", 'item: "\\e[2J3.2-nothing"', 1), encoding="utf-8")
    proc = cli("notes", str(broken))
    assert proc.returncode == 1
    assert_no_control(proc.stdout + proc.stderr)
    assert "\\x1b[2J3.2-nothing" in proc.stderr
