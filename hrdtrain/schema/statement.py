"""Item type 'statement': a public-statement workshop (paper §3.4, §4.4).

The learner drafts a short public statement about a police action: for each paragraph of the
statement (the facts, the legal assessment, the demands, who is named...) they pick one sentence
from a bank of candidates, and they may add sentences of their own. Every candidate carries a
verdict (use / use with care / avoid), an explanation with its source, and checks along the
dimensions the paper cares about: legal accuracy, fact or opinion, "may" or "must", domestic
law or international standards, who can be identified, reprisal risk.

The learner's own sentences are checked against the item's list of known pitfalls: regular
expressions or keyword lists, each with an explanation, a source, and examples that show it
firing on a wrong sentence and staying quiet on a legally accurate one. Validation compiles
every pattern and runs every example, so a broken pitfall is caught by `hrdtrain validate`,
not by a learner.
"""

from __future__ import annotations

import functools
import re
from typing import Any, Literal, Optional

from pydantic import Field, model_validator

from ..safe_regex import backtracking_risk, too_long
from ..short_text import shorten_text
from .base import OPTION_ID_PATTERN, SOURCE_EXAMPLES, ItemBase, SourceText, Strict, check_unique_ids

StatementVerdict = Literal["use", "care", "avoid"]
STATEMENT_VERDICTS: tuple[str, ...] = ("use", "care", "avoid")
VERDICT_SCORES = {"use": 1.0, "care": 0.5, "avoid": 0.0}
"""What a chosen sentence adds to a draft's score; a pitfall flag counts as one more choice scored 0."""

MAX_CANDIDATES = 6
"""More sentences than this per paragraph are hard to compare."""

MAX_OWN_TEXT = 3000
"""The most characters of a learner's own sentences that are checked for pitfalls: generous for
a public statement (a page is about 3,000 characters), and small enough that every pattern runs
in a blink, since Python's regular expressions can take time that grows with the text's length
(see `hrdtrain.safe_regex`). Longer text is refused with a message, never cut silently."""

PATTERN_DOCS = 'see "Pitfall patterns" in docs/content-guide.md'

# The dimensions of a candidate's checks, in the order they are shown, with the ratings each allows.
DIMENSIONS: dict[str, tuple[str, ...]] = {
    "accuracy": ("accurate", "inaccurate", "depends"),
    "claim": ("fact", "opinion", "mixed"),
    "modality": ("fits", "overstates", "understates"),
    "law": ("domestic", "international", "both", "confused"),
    "identity": ("nobody", "officer", "consented", "no-consent"),
    "reprisal": ("lowers", "neutral", "raises"),
}



_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2010": "-", "\u2011": "-", "\u2013": "-", "\u00a0": " "})


def normalise(text: str) -> str:
    """Text as the pitfall patterns see it: straight quotes, plain hyphens, single spaces."""
    return re.sub(r"\s+", " ", (text or "").translate(_QUOTES)).strip()


@functools.lru_cache(maxsize=1024)
def _compile(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


def keyword_pattern(keyword: str) -> str:
    """A keyword as a pattern: the words themselves, not part of a longer word ('#acab' too)."""
    words = r"\s+".join(re.escape(w) for w in keyword.split())
    return rf"(?<!\w){words}(?!\w)"


# ------------------------------------------------------------------ checks of a candidate


class AccuracyCheck(Strict):
    """Is the sentence legally accurate?"""

    rating: Literal["accurate", "inaccurate", "depends"] = Field(
        description="'accurate', 'inaccurate', or 'depends' (on domestic law, on facts not yet known...)."
    )
    note: str = Field(min_length=10, description="Why, in the paper's terms; for 'depends', on what.")


class ClaimCheck(Strict):
    """Is the sentence a statement of fact or an opinion?"""

    rating: Literal["fact", "opinion", "mixed"] = Field(description="'fact', 'opinion', or 'mixed' (a fact with an assessment).")
    note: str = Field(min_length=10, description="What in the sentence is fact, what is opinion, and whether the facts are verified.")


class ModalityCheck(Strict):
    """Does the sentence use "may" and "must" as the law and the standards do?"""

    rating: Literal["fits", "overstates", "understates"] = Field(
        description="'fits'; 'overstates' (claims a duty, a 'must', that the law or standards do not impose); 'understates' (presents a duty as a mere option)."
    )
    note: str = Field(min_length=10, description="Which 'may' or 'must' is at stake and what the paper says about it.")


class LawCheck(Strict):
    """Which legal framework does the sentence rest on?"""

    rating: Literal["domestic", "international", "both", "confused"] = Field(
        description="'domestic' law, 'international' standards, 'both' (kept apart), or 'confused' (mixes up frameworks, e.g. the law of armed conflict and law enforcement)."
    )
    note: str = Field(min_length=10, description="What the sentence says about domestic law and international standards, and whether it keeps them apart.")


class IdentityCheck(Strict):
    """Does the sentence identify an officer, a victim or a witness?"""

    rating: Literal["nobody", "officer", "consented", "no-consent"] = Field(
        description="'nobody'; 'officer' (an individual officer); 'consented' (a victim or witness who gave informed consent); 'no-consent' (a victim or witness without their informed consent)."
    )
    note: str = Field(min_length=10, description="Who can be identified, and what consent or caution that needs.")


class ReprisalCheck(Strict):
    """Does the sentence change the risk of reprisals?"""

    rating: Literal["lowers", "neutral", "raises"] = Field(description="'lowers', 'neutral' or 'raises' the risk of reprisals, and for whom the note says.")
    note: str = Field(min_length=10, description="For whom the risk changes and why.")


class Checks(Strict):
    """A candidate sentence's checks, along the dimensions that are relevant to it (at least one)."""

    accuracy: Optional[AccuracyCheck] = Field(default=None, description="Legally accurate or not.")
    claim: Optional[ClaimCheck] = Field(default=None, description="Fact or opinion.")
    modality: Optional[ModalityCheck] = Field(default=None, description='"May" versus "must".')
    law: Optional[LawCheck] = Field(default=None, description="Domestic law versus international standards.")
    identity: Optional[IdentityCheck] = Field(default=None, description="Identifiability of officers and victims (consent).")
    reprisal: Optional[ReprisalCheck] = Field(default=None, description="Reprisal risk.")

    @model_validator(mode="after")
    def _at_least_one(self) -> "Checks":
        if not any(getattr(self, d) for d in DIMENSIONS):
            raise ValueError(f"give at least one check: {', '.join(DIMENSIONS)}")
        return self

    def present(self) -> list[tuple[str, Any]]:
        """(dimension, check) for every dimension given, in the order of DIMENSIONS."""
        return [(d, getattr(self, d)) for d in DIMENSIONS if getattr(self, d) is not None]


# ------------------------------------------------------------------ paragraphs and candidates


class Candidate(Strict):
    """One sentence a learner can choose for a paragraph, with its verdict and feedback."""

    id: str = Field(pattern=OPTION_ID_PATTERN, description="Stable sentence id, unique within its paragraph, e.g. 'canister-at-people'.")
    text: str = Field(min_length=10, description="The sentence as it would appear in the statement (plain text, no Markdown).")
    verdict: StatementVerdict = Field(description="'use', 'care' (use with care: say what care) or 'avoid'.")
    feedback: str = Field(min_length=10, description="Why, in the paper's terms: shown when the learner checks a draft with this sentence.")
    checks: Checks = Field(description="The sentence's checks along the relevant dimensions (at least one).")
    source: SourceText = Field(min_length=3, description=f"Where the feedback rests: {SOURCE_EXAMPLES}; several joined with '; '.")



class Paragraph(Strict):
    """One paragraph of the statement and the bank of sentences to choose it from."""

    id: str = Field(pattern=OPTION_ID_PATTERN, description="Stable paragraph id, unique within the item, e.g. 'facts'.")
    label: str = Field(min_length=3, description="What the paragraph is for, shown as its label, e.g. 'What happened'.")
    guidance: str = Field(default="", description="Optional: a hint shown above the sentences, in Markdown.")
    candidates: list[Candidate] = Field(
        min_length=2, max_length=MAX_CANDIDATES, description=f"The candidate sentences (2 to {MAX_CANDIDATES}), in the order shown."
    )

    def candidate(self, candidate_id: str) -> Candidate:
        return next(c for c in self.candidates if c.id == candidate_id)


# ------------------------------------------------------------------ pitfalls for free text


class PitfallExamples(Strict):
    """Sentences that show a pitfall at work: validation and the tests run every one."""

    flags: list[str] = Field(min_length=1, description="Sentences this pitfall must flag.")
    passes: list[str] = Field(
        min_length=1,
        description="Legally accurate counterparts that no pitfall of the item may flag; the first is shown to the learner as a better way to say it.",
    )


class Pitfall(Strict):
    """A known pitfall in free text: how to recognise it, why it is a problem, and the source."""

    id: str = Field(pattern=OPTION_ID_PATTERN, description="Stable pitfall id, unique within the item, e.g. 'tear-gas-banned-in-war'. Recorded when it flags a draft.")
    title: str = Field(min_length=3, description="A short name for the pitfall, shown as the flag's heading.")
    patterns: list[str] = Field(
        default_factory=list,
        description="Regular expressions (Python syntax), matched case-insensitively anywhere in the text; the text is normalised first (straight quotes, plain hyphens, single spaces).",
    )
    keywords: list[str] = Field(
        default_factory=list,
        description="Words or phrases, matched case-insensitively as whole words; an alternative to patterns for simple word lists.",
    )
    explanation: str = Field(min_length=10, description="Why this is a problem and what to say instead, in the paper's terms.")
    source: SourceText = Field(min_length=3, description=f"Where the explanation rests: {SOURCE_EXAMPLES}; several joined with '; '.")
    examples: PitfallExamples = Field(description="Sentences it must flag, and legally accurate ones it must not.")


    def regexes(self) -> list[re.Pattern[str]]:
        """The compiled patterns and keywords (validation has made sure they compile)."""
        return [_compile(p) for p in self.patterns] + [_compile(keyword_pattern(k)) for k in self.keywords]

    def matches(self, text: str) -> tuple[str, ...]:
        """The passages of `text` this pitfall flags, in order, without repeats; () if none.

        Text longer than MAX_OWN_TEXT is refused (ValueError): callers check the length first
        and tell the learner; this is the guard that keeps the kernel from blocking if one does not.
        """
        if len(text) > MAX_OWN_TEXT:
            raise ValueError(f"the text is {len(text):,} characters long; at most {MAX_OWN_TEXT:,} are checked for pitfalls")
        clean = normalise(text)
        found: list[tuple[int, str]] = []
        for rx in self.regexes():
            found.extend((m.start(), m.group(0)) for m in rx.finditer(clean) if m.group(0))
        passages: dict[str, None] = {}
        for _, passage in sorted(found):
            passages.setdefault(passage, None)
        # 'even in war' adds nothing next to 'prohibited even in war': keep the longer passage.
        return tuple(p for p in passages if not any(p != q and p.lower() in q.lower() for q in passages))


def _pattern_problem(prefix: str, pitfall_id: str, kind: str, pattern: str) -> str | None:
    """What is wrong with one pattern, or None: it must be short, compile, have no shape that
    can backtrack catastrophically on a learner's text, and not match empty text."""
    shown = shorten_text(pattern)
    problem = too_long(pattern)
    if problem:
        return f"{prefix}: pitfall '{pitfall_id}': the {kind} '{shown}' {problem}"
    try:
        rx = re.compile(pattern, re.IGNORECASE)
    except re.error as exc:
        return f"{prefix}: pitfall '{pitfall_id}': the {kind} '{shown}' is not a valid regular expression: {exc}"
    problem = backtracking_risk(pattern)
    if problem:
        return f"{prefix}: pitfall '{pitfall_id}': the {kind} '{shown}' {problem}, which can take minutes on a long text; {PATTERN_DOCS}"
    if rx.search("") is not None:
        return f"{prefix}: pitfall '{pitfall_id}': the {kind} '{shown}' matches empty text, so it would flag every draft"
    return None


# ------------------------------------------------------------------ the item


class StatementItem(ItemBase):
    """A public-statement workshop: draft a statement from candidate sentences, add free text,
    and get feedback on every sentence and on known pitfalls in the free text.

    `prompt` is the situation: the police action the organisation wants to speak about, and what
    it knows (and does not know). `key_point` is shown with the feedback.
    """

    type: Literal["statement"] = Field(description="Item type: a public-statement workshop.")
    paragraphs: list[Paragraph] = Field(min_length=2, description="The paragraphs of the statement, in order.")
    pitfalls: list[Pitfall] = Field(min_length=1, description="Known pitfalls the learner's own sentences are checked against.")

    @model_validator(mode="after")
    def _ids_patterns_and_examples(self) -> "StatementItem":
        check_unique_ids([p.id for p in self.paragraphs], "paragraphs", "paragraph")
        for n, para in enumerate(self.paragraphs, start=1):
            check_unique_ids([c.id for c in para.candidates], f"paragraphs[{n}].candidates", "sentence", f" of paragraph '{para.id}'")
        check_unique_ids([p.id for p in self.pitfalls], "pitfalls", "pitfall")
        for n, pit in enumerate(self.pitfalls, start=1):
            if not pit.patterns and not pit.keywords:
                raise ValueError(f"pitfalls[{n}]: pitfall '{pit.id}' has no patterns and no keywords; give at least one")
            for m, pattern in enumerate(pit.patterns, start=1):
                problem = _pattern_problem(f"pitfalls[{n}].patterns[{m}]", pit.id, "pattern", pattern)
                if problem:
                    raise ValueError(problem)
            for m, keyword in enumerate(pit.keywords, start=1):
                problem = _pattern_problem(f"pitfalls[{n}].keywords[{m}]", pit.id, "keyword", keyword_pattern(keyword))
                if problem:
                    raise ValueError(problem)
        for n, pit in enumerate(self.pitfalls, start=1):
            # Examples are run through every pattern below: no longer than a learner's text.
            for kind in ("flags", "passes"):
                for m, example in enumerate(getattr(pit.examples, kind), start=1):
                    if len(example) > MAX_OWN_TEXT:
                        raise ValueError(
                            f"pitfalls[{n}].examples.{kind}[{m}]: pitfall '{pit.id}': the example is {len(example)} characters long; "
                            f"an example may have at most {MAX_OWN_TEXT}, as a learner's own text"
                        )
        for n, pit in enumerate(self.pitfalls, start=1):
            for m, example in enumerate(pit.examples.flags, start=1):
                if not pit.matches(example):
                    raise ValueError(
                        f"pitfalls[{n}].examples.flags[{m}]: pitfall '{pit.id}' does not flag its own example '{shorten_text(example)}'; fix its patterns or the example"
                    )
            for m, example in enumerate(pit.examples.passes, start=1):
                for other in self.pitfalls:
                    found = other.matches(example)
                    if found:
                        raise ValueError(
                            f"pitfalls[{n}].examples.passes[{m}]: the accurate example '{shorten_text(example)}' of pitfall '{pit.id}' "
                            f"is flagged by pitfall '{other.id}' (it matches '{shorten_text(found[0])}'); fix that pitfall's patterns or the example"
                        )
        return self

    def paragraph(self, paragraph_id: str) -> Paragraph:
        return next(p for p in self.paragraphs if p.id == paragraph_id)

    def score(self, answer: Any):
        """Scores a draft: `answer` is {"sentences": {paragraph id: sentence id or None}, "text": "own sentences"}.

        The Result names the chosen sentences and the flagged pitfall ids; it never holds the
        learner's own text (see `hrdtrain.statement_check`).
        """
        from ..statement_check import check_answer

        return check_answer(self, answer).result()
