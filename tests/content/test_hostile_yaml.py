"""Is every YAML file the course reads safe against a hostile file: is an alias bomb ("billion
laughs") refused before anything is expanded, are huge and deeply nested files refused with one
clear line, and does no error message repeat a huge value?"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import time
from pathlib import Path

import pytest

from hrdtrain.bank import load

ROOT = Path(__file__).resolve().parents[2]

ALIASES_REFUSED = "anchors and aliases (&x, *x) are not allowed in"


def alias_bomb(levels: int, width: int = 9, key: str = "title") -> str:
    """A content file whose `key` is an alias bomb: `width ** levels` strings once expanded."""
    lines = ['section: "3"', "items: []"]
    lines.append("l0: &l0 [" + ", ".join(['"lol"'] * width) + "]")
    for n in range(1, levels):
        lines.append(f"l{n}: &l{n} [" + ", ".join([f"*l{n - 1}"] * width) + "]")
    lines.append(f"{key}: *l{levels - 1}")
    return "\n".join(lines) + "\n"


def run_with_memory_limit(*args: str, limit: int = 1 << 30, timeout: float = 60) -> tuple[subprocess.CompletedProcess, float]:
    """`hrdtrain ARGS...` in a child process that cannot use more than `limit` bytes of memory,
    so that an attack that expands data fails there instead of filling this machine."""

    def limit_memory() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "hrdtrain.cli", *args], cwd=ROOT, capture_output=True, text=True, timeout=timeout, preexec_fn=limit_memory
    )
    return proc, time.perf_counter() - start


def test_an_alias_bomb_in_a_content_file_is_refused_quickly_with_its_line(tmp_path):
    path = tmp_path / "03_bomb.yaml"
    path.write_text(alias_bomb(6), encoding="utf-8")
    start = time.perf_counter()
    bank, problems = load([path])
    elapsed = time.perf_counter() - start
    assert [str(p) for p in problems] == [f"{path}:3: {ALIASES_REFUSED} content files; write each value out in full"]
    assert len(bank) == 0
    assert elapsed < 1.0, elapsed


def test_validate_refuses_a_billion_laughs_file_before_expanding_it(tmp_path):
    """9 ** 9 strings once expanded: without the refusal the child runs out of its 1 GB."""
    path = tmp_path / "03_billion_laughs.yaml"
    path.write_text(alias_bomb(9), encoding="utf-8")
    proc, elapsed = run_with_memory_limit("validate", str(path))
    assert proc.returncode == 1, proc.stderr[-2000:]
    assert "Traceback" not in proc.stderr and "MemoryError" not in proc.stderr, proc.stderr[-2000:]
    assert f"{path}:3: {ALIASES_REFUSED} content files" in proc.stderr
    assert len(proc.stderr) < 1000
    assert elapsed < 30, elapsed


def test_an_anchor_without_any_alias_is_refused_too(tmp_path):
    path = tmp_path / "03_anchor.yaml"
    path.write_text('section: "3"\ntitle: &t Police\nitems: []\n', encoding="utf-8")
    _bank, problems = load([path])
    assert [str(p) for p in problems] == [f"{path}:2: {ALIASES_REFUSED} content files; write each value out in full"]


def test_a_file_over_the_size_cap_is_refused_without_being_read(tmp_path):
    """A sparse file of one terabyte: reading it whole would take the machine's memory."""
    from hrdtrain.safe_yaml import MAX_FILE_BYTES

    path = tmp_path / "03_huge.yaml"
    with open(path, "wb") as f:
        f.truncate(1 << 40)
    start = time.perf_counter()
    _bank, problems = load([path])
    assert time.perf_counter() - start < 1.0
    assert [str(p) for p in problems] == [
        f"{path}: is 1099511627776 bytes; content files may be at most {MAX_FILE_BYTES} bytes (2 MB): split it into smaller files"
    ]


def test_a_file_just_over_the_cap_is_refused_and_one_at_the_cap_is_read(tmp_path):
    from hrdtrain.safe_yaml import MAX_FILE_BYTES

    head = 'section: "3"\ntitle: Police\nitems: []\n'
    path = tmp_path / "03_padded.yaml"
    path.write_text(head + "#" * (MAX_FILE_BYTES - len(head) - 1) + "\n", encoding="utf-8")
    assert [str(p) for p in load([path])[1]] == []
    path.write_text(head + "#" * (MAX_FILE_BYTES - len(head)) + "\n", encoding="utf-8")
    assert [p.message for p in load([path])[1]] == [
        f"is {MAX_FILE_BYTES + 1} bytes; content files may be at most {MAX_FILE_BYTES} bytes (2 MB): split it into smaller files"
    ]


@pytest.mark.parametrize("style", ["flow", "block"])
def test_nesting_deeper_than_the_cap_is_refused_with_its_line(style, tmp_path):
    from hrdtrain.safe_yaml import MAX_DEPTH

    depth = MAX_DEPTH + 1
    if style == "flow":
        nested = "[" * depth + "]" * depth
    else:
        nested = "\n" + "".join("  " * n + "-\n" for n in range(depth - 1)) + "  " * (depth - 1) + "- x"
    path = tmp_path / "03_deep.yaml"
    path.write_text(f'section: "3"\ntitle: Police\nitems: {nested}\n', encoding="utf-8")
    _bank, problems = load([path])
    assert len(problems) == 1, [str(p) for p in problems]
    assert problems[0].message == f"nesting deeper than {MAX_DEPTH} levels is not allowed in content files; no course file needs it"
    assert problems[0].line is not None and problems[0].line >= 3


def test_nesting_of_the_shipped_content_is_far_below_the_cap():
    bank, problems = load(None)
    assert problems == [] and len(bank) > 100


def test_a_huge_value_is_shortened_in_the_error_message(tmp_path):
    path = tmp_path / "03_long.yaml"
    path.write_text(f'section: "3"\ntitle: ["{"x" * 200_000}"]\nitems: []\n', encoding="utf-8")
    _bank, problems = load([path])
    assert len(problems) == 1
    message = str(problems[0])
    assert message.startswith(f"{path}:2: field 'title': expected text, got list ['xxxx")
    assert "…" in message and len(message) < 300 + len(str(path))


def test_a_huge_value_that_is_not_allowed_is_shortened_too(tmp_path):
    path = tmp_path / "03_long_tag.yaml"
    item = f'  - id: 3.4-sample\n    section: "3.4"\n    type: judge\n    tags: [law, "{"y" * 100_000}"]\n'
    path.write_text(f'section: "3"\ntitle: Police\nitems:\n{item}', encoding="utf-8")
    _bank, problems = load([path])
    assert problems and all(len(str(p)) < 400 + len(str(path)) for p in problems), [str(p)[:500] for p in problems]


# --- Every other YAML file the package reads ----------------------------------------------


def test_the_interface_strings_refuse_anchors(tmp_path, monkeypatch):
    from hrdtrain import i18n
    from hrdtrain.safe_yaml import RefusedYAML

    (tmp_path / "en").mkdir()
    (tmp_path / "en" / "quiz.yaml").write_text("check: &c Check\nagain: *c\n", encoding="utf-8")
    monkeypatch.setattr(i18n, "LOCALES_DIR", tmp_path)
    with pytest.raises(RefusedYAML) as err:
        i18n.read_language("en")
    assert str(err.value) == f"{tmp_path / 'en' / 'quiz.yaml'}:1: {ALIASES_REFUSED} interface string files; write each value out in full"


def test_the_assessments_refuse_anchors(tmp_path, monkeypatch):
    from hrdtrain import assessment
    from hrdtrain.safe_yaml import RefusedYAML

    (tmp_path / "02_sample.yaml").write_text("assignment: &a 02_sample\ntitle: *a\nquestions: []\n", encoding="utf-8")
    monkeypatch.setattr(assessment, "ASSESSMENTS_DIR", tmp_path)
    with pytest.raises(RefusedYAML, match=r"02_sample\.yaml:1: anchors and aliases \(&x, \*x\) are not allowed in assessment files"):
        assessment.load_assessment.__wrapped__("02_sample")


def test_the_self_assessment_questionnaire_refuses_anchors(tmp_path, monkeypatch):
    from hrdtrain import questionnaire
    from hrdtrain.safe_yaml import RefusedYAML

    path = tmp_path / "self_assessment.yaml"
    path.write_text("scale: &s [1, 2, 3]\nstatements: *s\n", encoding="utf-8")
    monkeypatch.setattr(questionnaire, "QUESTIONNAIRE_FILE", path)
    with pytest.raises(RefusedYAML, match=r"self_assessment\.yaml:1: anchors and aliases"):
        questionnaire.english_questionnaire.__wrapped__()


def test_no_module_of_the_package_loads_yaml_without_the_refusing_loader():
    """yaml.safe_load and friends accept aliases: only hrdtrain.safe_yaml may call PyYAML."""
    import re

    offenders = []
    for path in sorted((ROOT / "hrdtrain").rglob("*.py")):
        if path.name == "safe_yaml.py":
            continue
        text = path.read_text(encoding="utf-8")
        if re.search(r"\byaml\.(safe_load|load|load_all|full_load|unsafe_load|compose|compose_all|parse)\(", text):
            offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []


def test_a_message_that_quotes_a_huge_value_is_cut_to_one_readable_line(tmp_path, monkeypatch):
    """Item checks word their own messages with the value in them ("'c' names no option"): the
    message of any problem is cut, whatever it quotes."""
    from hrdtrain.bank import MAX_MESSAGE

    monkeypatch.chdir(ROOT)
    text = (ROOT / "tests" / "content" / "broken" / "answer_names_no_option.yaml").read_text(encoding="utf-8")
    path = tmp_path / "03_huge_answer.yaml"
    path.write_text(text.replace("    answer: c\n", f"    answer: {'c' * 300_000}\n"), encoding="utf-8")
    _bank, problems = load([path])
    assert len(problems) == 1
    assert "names no option" in problems[0].message or problems[0].message.endswith("…")
    assert len(problems[0].message) <= MAX_MESSAGE
