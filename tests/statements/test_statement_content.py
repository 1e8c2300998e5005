"""Are the statement workshops complete, does every pitfall work on its examples, and does every
kind of broken workshop content get its own clear message?"""

from __future__ import annotations

from pathlib import Path

import pytest

from hrdtrain.bank import default_bank, load

BROKEN = Path(__file__).parent / "broken"
ROOT = Path(__file__).parents[2]
WORKSHOPS = ["3.4-statement-tear-gas", "4.4-statement-police-violence"]

# fixture file -> the exact problem line `hrdtrain.bank.load` must report (paths relative to the repo root)
EXPECTED = {
    "pattern_does_not_compile.yaml": "pattern_does_not_compile.yaml:53: item '3.4-sample-statement': field 'pitfalls[1].patterns[2]': pitfall 'banned-in-war': the pattern '(prohibited|banned' is not a valid regular expression: missing ), unterminated subpattern at position 0",
    "pattern_backtracks_catastrophically.yaml": "pattern_backtracks_catastrophically.yaml:53: item '3.4-sample-statement': field 'pitfalls[1].patterns[2]': pitfall 'banned-in-war': the pattern '^(\\w+\\s?)+!$' repeats a part that itself repeats ('(\\w+\\s?)+'), which can take minutes on a long text; see \"Pitfall patterns\" in docs/content-guide.md",
    "pattern_matches_empty_text.yaml": "pattern_matches_empty_text.yaml:53: item '3.4-sample-statement': field 'pitfalls[1].patterns[2]': pitfall 'banned-in-war': the pattern '(war)?' matches empty text, so it would flag every draft",
    "pitfall_without_patterns.yaml": "pitfall_without_patterns.yaml:49: item '3.4-sample-statement': field 'pitfalls[1]': pitfall 'banned-in-war' has no patterns and no keywords; give at least one",
    "paragraph_without_candidates.yaml": "paragraph_without_candidates.yaml:33: item '3.4-sample-statement': field 'paragraphs[2].candidates': needs at least 2 entries",
    "missing_feedback.yaml": "missing_feedback.yaml:41: item '3.4-sample-statement': field 'paragraphs[2].candidates[2].feedback': the required field 'feedback' is missing",
    "no_checks.yaml": "no_checks.yaml:28: item '3.4-sample-statement': field 'paragraphs[1].candidates[2].checks': give at least one check: accuracy, claim, modality, law, identity, reprisal",
    "unknown_rating.yaml": "unknown_rating.yaml:46: item '3.4-sample-statement': field 'paragraphs[2].candidates[2].checks.law.rating': 'muddled' is not allowed here; expected 'domestic', 'international', 'both' or 'confused'",
    "duplicate_sentence_id.yaml": "duplicate_sentence_id.yaml:41: item '3.4-sample-statement': field 'paragraphs[2].candidates[2].id': sentence id 'limits' is already used by candidates[1] of paragraph 'legal'",
    "example_not_flagged.yaml": "example_not_flagged.yaml:56: item '3.4-sample-statement': field 'pitfalls[1].examples.flags[2]': pitfall 'banned-in-war' does not flag its own example 'Tear gas is banned in warfare.'; fix its patterns or the example",
    "accurate_example_flagged.yaml": "accurate_example_flagged.yaml:57: item '3.4-sample-statement': field 'pitfalls[1].examples.passes[2]': the accurate example 'Rules for armed conflict do not apply even in war zones.' of pitfall 'banned-in-war' is flagged by pitfall 'banned-in-war' (it matches 'even in war'); fix that pitfall's patterns or the example",
}


def _workshops():
    return [default_bank().get(i) for i in WORKSHOPS]


def _examples(kind: str):
    for item in _workshops():
        for pitfall in item.pitfalls:
            for example in getattr(pitfall.examples, kind):
                yield pytest.param(item.id, pitfall.id, example, id=f"{item.id}:{pitfall.id}:{example[:30]}")


@pytest.mark.parametrize("item_id", WORKSHOPS)
def test_each_workshop_is_a_statement_item_with_four_paragraphs_of_three_to_five_sentences(item_id):
    item = default_bank().get(item_id)
    assert item.type == "statement"
    assert len(item.paragraphs) >= 4
    assert all(3 <= len(p.candidates) <= 5 for p in item.paragraphs), [(p.id, len(p.candidates)) for p in item.paragraphs]


@pytest.mark.parametrize("item_id", WORKSHOPS)
def test_each_workshop_has_at_least_eight_pitfalls(item_id):
    assert len(default_bank().get(item_id).pitfalls) >= 8


@pytest.mark.parametrize("item_id", WORKSHOPS)
def test_each_workshop_offers_sentences_to_use_and_to_avoid(item_id):
    verdicts = {c.verdict for p in default_bank().get(item_id).paragraphs for c in p.candidates}
    assert verdicts == {"use", "care", "avoid"}


def test_the_workshops_cover_the_pitfalls_the_issue_names():
    ids = {p.id for item in _workshops() for p in item.pitfalls}
    assert {
        "unauthorised-means-unlawful",  # "illegal because it was not authorised"
        "tear-gas-banned-outright",
        "tear-gas-banned-in-war",
        "any-force-unlawful",  # absolute "must" claims the standards do not make
        "must-disperse",
        "identifies-person",  # naming a victim without consent
        "intent-unknowable",  # what a single observer cannot know
    } <= ids


@pytest.mark.parametrize("item_id, pitfall_id, example", list(_examples("flags")))
def test_every_pitfall_flags_its_wrong_example(item_id, pitfall_id, example):
    from hrdtrain.statement_check import find_pitfalls

    item = default_bank().get(item_id)
    assert pitfall_id in [f.pitfall.id for f in find_pitfalls(item.pitfalls, example)]


@pytest.mark.parametrize("item_id, pitfall_id, example", list(_examples("passes")))
def test_no_pitfall_flags_a_legally_accurate_counterpart(item_id, pitfall_id, example):
    from hrdtrain.statement_check import find_pitfalls

    item = default_bank().get(item_id)
    assert find_pitfalls(item.pitfalls, example) == ()


def test_a_pitfall_shared_by_two_workshops_matches_the_same_text_in_both():
    first, second = _workshops()
    a = {p.id: p for p in first.pitfalls}
    for p in second.pitfalls:
        if p.id in a:
            assert (p.patterns, p.keywords) == (a[p.id].patterns, a[p.id].keywords), p.id


def test_every_broken_fixture_has_an_expected_message():
    assert {p.name for p in BROKEN.glob("*.yaml")} == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_broken_workshop_gives_its_specific_message(name, monkeypatch):
    monkeypatch.chdir(ROOT)
    _, problems = load([BROKEN / name])
    assert [str(p) for p in problems] == [f"tests/statements/broken/{EXPECTED[name]}"]
