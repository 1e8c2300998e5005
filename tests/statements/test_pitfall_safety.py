"""Can a pitfall pattern or a learner's text block the kernel? Patterns that can backtrack
catastrophically are refused by validation with a clear message, learner text is capped with a
friendly message, and every shipped pattern finishes fast on the worst text a learner may write."""

from __future__ import annotations

import html
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from hrdtrain import recording, show
from hrdtrain.bank import default_bank, load
from hrdtrain.scoring import AnswerError

ROOT = Path(__file__).resolve().parents[2]
BROKEN = ROOT / "tests" / "statements" / "broken"
WORKSHOPS = ["3.4-statement-tear-gas", "4.4-statement-police-violence"]


def visible(value: str) -> str:
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", value)))


# --- Patterns ------------------------------------------------------------------------------


def test_validate_refuses_the_catastrophic_pattern_at_once_with_a_clear_message():
    """`^(\\w+\\s?)+!$` ran past 60 s in validate on a sentence of ordinary words."""
    start = time.perf_counter()
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "hrdtrain.cli", "validate", str(BROKEN / "pattern_backtracks_catastrophically.yaml")],
            cwd=ROOT, capture_output=True, text=True, timeout=30,
        )
    except subprocess.TimeoutExpired:
        pytest.fail("validate did not finish in 30 s: the pattern was run instead of refused")
    assert time.perf_counter() - start < 30
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert "the pattern '^(\\w+\\s?)+!$' repeats a part that itself repeats ('(\\w+\\s?)+')" in proc.stderr, proc.stderr


@pytest.mark.parametrize(
    "pattern, reason",
    [
        (r"^(\w+\s?)+!$", r"repeats a part that itself repeats ('(\w+\s?)+')"),
        (r"(a*)*b", "repeats a part that itself repeats ('(a*)*')"),
        (r"(?:x[0-9]{2,}){3,}", "repeats a part that itself repeats ('(?:x[0-9]{2,}){3,}')"),
        (r"(?:(?![^.]*law).)*", "repeats a part that itself repeats ('(?:(?![^.]*law).)*')"),
        (r"(x\w|\wy)+!", r"repeats a choice whose options can start with the same letter ('(x\w|\wy)+')"),
        (r"(\d|\d\d)+!", r"repeats a choice whose options can start with the same letter ('(\d(?:|\d))+')"),
        (r"(?>(a+)+)!", "repeats a part that itself repeats ('(a+)+')"),
        (r"(a|)+b", "repeats a choice whose options can start with the same letter ('(a|)+')"),
        (r"(war)\s\1", r"uses a back-reference (\1 or (?P=name)): write the words out instead"),
        (r"(?P<w>war) (?P=w)", r"uses a back-reference (\1 or (?P=name)): write the words out instead"),
        (r"(a)?(?(1)b|c)", "uses a conditional group ((?(1)...)): write two patterns instead"),
        (r".*.*!", "has two repeats in a row that can match the same text ('.*' and '.*')"),
        (r"a[^.]*b[^.]*c", "has two repeats in a row that can match the same text ('[^.]*' and '[^.]*')"),
        (r"\bno\s+\s*force", r"has two repeats in a row that can match the same text ('\s+' and '\s*')"),
    ],
)
def test_a_pattern_that_can_backtrack_catastrophically_is_refused(pattern, reason):
    from hrdtrain.safe_regex import pattern_problem

    assert pattern_problem(pattern) == reason


@pytest.mark.parametrize(
    "pattern",
    [
        r"\b(prohibited|banned|forbidden|outlawed|illegal|not allowed)\b[^.!?]{0,40}?\b(in|during|in times of) (a )?(war|wars|wartime|warfare|armed conflicts?)\b",
        r"\w*\s*\w*!",
        r"(ab|cd)+",
        r"(police|polite)+ officers",  # Python's parser factors out 'poli': the options then differ
        r"(\w|\d)* end",  # Python's parser makes this one character class
        r"(?:(?!\b(at|in|near)\b)[^.!?]){0,25}?\bwere peaceful",
        r"(?<!not )\billegal\b",
        r"x++y",
        r"(?>ab)c",
        r"(?-i:\b(Officer|Sergeant) [A-Z][a-z]+)",
        r"\A(?P<word>\w+)\Z",
        r"[^\W\d_]{2,5}\.",
        r"(?i)caf\u00e9\x20[\]\-^]",
    ],
)
def test_ordinary_patterns_are_accepted(pattern):
    from hrdtrain.safe_regex import pattern_problem

    assert pattern_problem(pattern) is None


def test_a_pattern_longer_than_the_cap_is_refused_and_not_repeated_whole():
    from hrdtrain.safe_regex import MAX_PATTERN_LENGTH, pattern_problem

    problem = pattern_problem("a" * (MAX_PATTERN_LENGTH + 1))
    assert problem == f"is {MAX_PATTERN_LENGTH + 1} characters long; a pattern may have at most {MAX_PATTERN_LENGTH}: split it into several patterns"


def test_a_refused_pattern_is_reported_by_validate_with_its_field_and_shortened(tmp_path):
    text = (BROKEN / "pattern_matches_empty_text.yaml").read_text(encoding="utf-8")
    path = tmp_path / "03_statement.yaml"
    path.write_text(text.replace("'(war)?'", "'(a*)*b" + "x" * 300 + "'"), encoding="utf-8")
    _bank, problems = load([path])
    assert len(problems) == 1
    line = str(problems[0])
    assert line.startswith(f"{path}:53: item '3.4-sample-statement': field 'pitfalls[1].patterns[2]': pitfall 'banned-in-war': the pattern '(a*)*bxxx")
    assert "…' repeats a part that itself repeats" in line and len(line) < 400 + len(str(path))


def test_a_huge_example_is_refused_before_any_pattern_runs_on_it(tmp_path):
    from hrdtrain.statement_check import MAX_OWN_TEXT

    text = (BROKEN / "pattern_matches_empty_text.yaml").read_text(encoding="utf-8")
    path = tmp_path / "03_statement.yaml"
    huge = " ".join(["Tear gas is not unlawful"] * 400)
    path.write_text(text.replace("          - '(war)?'\n", "").replace("Tear gas is not unlawful from the outset in law enforcement.", huge), encoding="utf-8")
    _bank, problems = load([path])
    assert [p.message for p in problems] == [
        f"pitfall 'banned-in-war': the example is {len(huge)} characters long; an example may have at most {MAX_OWN_TEXT}, as a learner's own text"
    ]


# --- Learner text --------------------------------------------------------------------------


def test_the_own_text_is_capped_with_a_friendly_message_in_the_widget_never_a_traceback():
    from hrdtrain.statement_check import MAX_OWN_TEXT

    w = show("3.4-statement-tear-gas")
    w.choices["legal"].value = "banned-in-war"
    w.free_text.value = "not " * 30_000  # 120,000 characters
    start = time.perf_counter()
    w.check_button.click()
    assert time.perf_counter() - start < 1.0
    shown = visible(w.feedback.value)
    assert f"Your own sentences are 120,000 characters long. The check reads at most {MAX_OWN_TEXT:,}" in shown
    assert "Nothing was cut" in shown
    assert w.free_text.value == "not " * 30_000, "the learner's text is kept as it is"
    assert recording.answers() == [], "a draft that was not checked is not recorded"


def test_saving_a_too_long_own_text_says_why_and_writes_nothing(tmp_path):
    w = show("3.4-statement-tear-gas", folder=tmp_path)
    w.choices["legal"].value = "banned-in-war"
    w.free_text.value = "must " * 1000
    assert w.save() is None
    assert "characters long" in visible(w.save_status.value)
    assert list(tmp_path.iterdir()) == []


def test_own_text_at_the_cap_is_checked():
    from hrdtrain.statement_check import MAX_OWN_TEXT

    w = show("3.4-statement-tear-gas")
    text = ("Police had to disperse the march. " * 200)[:MAX_OWN_TEXT]
    w.free_text.value = text
    w.check_button.click()
    assert 'A "may" turned into a "must"' in visible(w.feedback.value)


def test_score_refuses_a_too_long_own_text_with_a_plain_error():
    item = default_bank().get("3.4-statement-tear-gas")
    with pytest.raises(AnswerError, match="own text is 5,000 characters long; at most 3,000 are checked"):
        item.score({"sentences": {}, "text": "a" * 5000})


# --- Measured: every shipped pattern on the worst text a learner may write -----------------


def _adversarial_texts(n: int) -> dict[str, str]:
    """Texts of exactly `n` characters built from what the shipped patterns look for, without
    the ending that would let them match (no full stop, no final '!')."""
    seeds = {
        "letters": "a ",
        "must": "must ",
        "not must": "not must ",
        "not": "not ",
        "words": "word ",
        "police": "police ",
        "all protesters": "all protesters ",
        "illegal because": "illegal because ",
        "unauthorised": "unauthorised ",
        "officer numbers": "officer 12 ",
        "no spaces": "x",
        "tear gas": "tear gas is ",
        "punctuation": "not. must; ",
    }
    return {name: (seed * (n // len(seed) + 1))[:n] for name, seed in seeds.items()}


def _shipped_patterns():
    seen = set()
    for item_id in WORKSHOPS:
        for pitfall in default_bank().get(item_id).pitfalls:
            for rx in pitfall.regexes():
                if rx.pattern not in seen:
                    seen.add(rx.pattern)
                    yield pytest.param(rx, id=f"{pitfall.id}:{rx.pattern[:40]}")


@pytest.mark.parametrize("rx", list(_shipped_patterns()))
def test_every_shipped_pattern_finishes_fast_on_the_worst_text_a_learner_may_write(rx):
    from hrdtrain.schema.statement import normalise
    from hrdtrain.statement_check import MAX_OWN_TEXT

    total = 0.0
    for text in _adversarial_texts(MAX_OWN_TEXT).values():
        clean = normalise(text)
        start = time.perf_counter()
        list(rx.finditer(clean))
        total += time.perf_counter() - start
    assert total < 0.5, f"{total:.3f} s"


def test_the_whole_check_of_a_max_length_text_is_fast_for_every_workshop():
    from hrdtrain.statement_check import MAX_OWN_TEXT, check_draft

    for item_id in WORKSHOPS:
        item = default_bank().get(item_id)
        for text in _adversarial_texts(MAX_OWN_TEXT).values():
            start = time.perf_counter()
            check_draft(item, {}, text)
            assert time.perf_counter() - start < 0.5, (item_id, text[:20])


def test_every_shipped_pattern_passes_the_safety_rules():
    from hrdtrain.safe_regex import pattern_problem

    problems = {rx.pattern: pattern_problem(rx.pattern) for p in _shipped_patterns() for rx in p.values}
    assert {k: v for k, v in problems.items() if v} == {}
