"""Does the shipped bank cover the whole paper: at least 150 sourced items, at least three in
every subsection, a mix of item types, and "it depends" where the paper says it depends?"""

from __future__ import annotations

from collections import Counter

from hrdtrain.bank import default_bank

SUBSECTIONS = ["1", "2"] + [f"{s}.{n}" for s in (3, 4, 5, 6) for n in range(1, 6)] + ["7"]
"""Sections 1, 2 and 7 of the paper have no numbered subsections; 3 to 6 have five each."""


def test_hrdtrain_list_shows_at_least_150_items_each_with_a_source(hrdtrain_cli):
    proc = hrdtrain_cli("list")
    assert proc.returncode == 0, proc.stderr
    rows = [line.split("\t") for line in proc.stdout.splitlines()]
    assert len(rows) >= 150
    assert all(len(r) == 3 and r[2].strip() for r in rows), [r for r in rows if len(r) != 3 or not r[2].strip()]


def test_validate_passes_on_the_shipped_content(hrdtrain_cli):
    proc = hrdtrain_cli("validate")
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_every_subsection_has_at_least_three_items():
    per = Counter(item.section for item in default_bank())
    thin = {s: per.get(s, 0) for s in SUBSECTIONS if per.get(s, 0) < 3}
    assert thin == {}
    assert set(per) <= set(SUBSECTIONS), f"items in sections the paper does not have: {set(per) - set(SUBSECTIONS)}"


def test_the_bank_mixes_all_item_types():
    types = Counter(item.type for item in default_bank())
    assert {"judge", "choice", "sort", "hierarchy", "scenario", "statement", "plan"} <= set(types)
    assert types["judge"] >= 20 and types["choice"] >= 20 and types["sort"] >= 5


def test_it_depends_is_the_key_where_the_paper_says_so():
    """Learners must meet 'it depends' as a right answer, in several sections."""
    depends = [item for item in default_bank() if item.type == "judge" and item.answer == "depends"]
    assert len(depends) >= 5
    assert len({i.section.split(".")[0] for i in depends}) >= 3
