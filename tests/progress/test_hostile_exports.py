"""Exports come from other people's laptops. Does a hostile or broken one get one clear line
naming it, while the others are still read, with no traceback, no markup and no terminal
control character reaching the facilitator?"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from hrdtrain import group_results
from hrdtrain.export import FORMAT, FORMAT_V1, anonymous_export, write_export
from hrdtrain.store import ProgressStore

ROOT = Path(__file__).resolve().parents[2]
XSS = "<img src=x onerror=alert(1)>"


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "hrdtrain.cli", *args], capture_output=True, text=True, timeout=120, cwd=ROOT, errors="surrogateescape")


def good_export(folder: Path, name: str = "good.json") -> Path:
    store = ProgressStore(folder.parent / f"store-of-{folder.name}-{name}")
    store.add_answer("3.4-tear-gas", "judge", "accurate", False, 0.0, 1)
    store.add_answer("3.4-tear-gas", "judge", "inaccurate", True, 1.0, 2)
    store.add_answer("self:before:risks", "self-assessment", 2, True, 0.0, 1)
    return write_export(anonymous_export(store.answers()), folder / name)


def v2(items=None, **over) -> dict:
    record = {"item_id": "3.4-tear-gas", "item_type": "judge", "first_answer": "accurate", "first_correct": False,
              "latest_answer": "inaccurate", "latest_correct": True, "answers": 2, "day": "2026-11-23"}
    data = {"format": FORMAT, "export_id": "0123abcd", "items": [record] if items is None else items, "self_assessment": {}}
    data.update(over)
    return data


def record(**over) -> dict:
    r = v2()["items"][0]
    r.update(over)
    return r


def v1_answer(**over) -> dict:
    a = {"item_id": "self:before:risks", "item_type": "self-assessment", "answer": 3, "correct": True, "attempt": 1, "day": "2026-11-23"}
    a.update(over)
    return {"format": FORMAT_V1, "export_id": "0123abcd", "answers": [a]}


BIG_INT = "1" + "0" * 400  # 10**400 as JSON
MALFORMED: dict[str, str | bytes] = {
    "a string where the item list is expected": json.dumps(v2(items="3.4-tear-gas")),
    "a string where the answer list is expected (format 1)": json.dumps({"format": FORMAT_V1, "export_id": "ab", "answers": "x"}),
    "an item that is not an object": json.dumps(v2(items=["3.4-tear-gas"])),
    "an answer that is not an object (format 1)": json.dumps({"format": FORMAT_V1, "export_id": "ab", "answers": [7]}),
    "a missing item_id": json.dumps(v2(items=[{k: v for k, v in record().items() if k != "item_id"}])),
    "item_id a number": json.dumps(v2(items=[record(item_id=5)])),
    "item_id markup": json.dumps(v2(items=[record(item_id=XSS)])),
    "item_type a list": json.dumps(v2(items=[record(item_type=[])])),
    "first_answer nested too deep": json.dumps(v2(items=[record(first_answer={"a": {"b": {"c": "d"}}})])),
    "first_answer markup": json.dumps(v2(items=[record(first_answer=XSS)])),
    "first_correct a string": json.dumps(v2(items=[record(first_correct="yes")])),
    "latest_answer a float": json.dumps(v2(items=[record(latest_answer=1.5)])),
    "latest_correct a number": json.dumps(v2(items=[record(latest_correct=1)])),
    "answers a string": json.dumps(v2(items=[record(answers="3")])),
    "answers negative": json.dumps(v2(items=[record(answers=-1)])),
    "day a number": json.dumps(v2(items=[record(day=20261123)])),
    "an unknown field": json.dumps(v2(items=[record(learner="x")])),
    "export_id a number": json.dumps(v2(export_id=5)),
    "self_assessment a string": json.dumps(v2(self_assessment="x")),
    "a rating of 'abc'": json.dumps(v2(self_assessment={"before": {"risks": "abc"}})),
    "a rating of 1e309": '{"format": "%s", "export_id": "ab", "items": [], "self_assessment": {"before": {"risks": 1e309}}}' % FORMAT,
    "a rating of -5": json.dumps(v2(self_assessment={"after": {"risks": -5}})),
    "a rating of 10**400": '{"format": "%s", "export_id": "ab", "items": [], "self_assessment": {"before": {"risks": %s}}}' % (FORMAT, BIG_INT),
    "a rating of 'abc' (format 1)": json.dumps(v1_answer(answer="abc")),
    "a rating of 1e309 (format 1)": json.dumps(v1_answer()).replace('"answer": 3', '"answer": 1e309'),
    "a rating of -5 (format 1)": json.dumps(v1_answer(answer=-5)),
    "a rating of 10**400 (format 1)": json.dumps(v1_answer()).replace('"answer": 3', f'"answer": {BIG_INT}'),
    "attempt a string (format 1)": json.dumps(v1_answer(attempt="1")),
    "correct a string (format 1)": json.dumps(v1_answer(correct="true")),
    "day missing (format 1)": json.dumps(v1_answer()).replace(', "day": "2026-11-23"', ""),
    "a number of 5000 digits": '{"format": "%s", "export_id": "ab", "items": [], "x": %s}' % (FORMAT, "1" * 5000),
    "a phase that is not before or after": json.dumps(v2(self_assessment={"during": {"risks": 3}})),
    "nesting 200,000 deep": "[" * 200_000 + "]" * 200_000,
    "not JSON": "{not json",
    "another format": json.dumps({"format": "something-else", "answers": []}),
    "a JSON list": "[]",
    "invalid UTF-8": b'{"format": "\xff\xfe"}',
    "a huge file": '{"format": "%s", "pad": "%s"}' % (FORMAT, "a" * (6 * 1024 * 1024)),
    "a huge item id, never quoted whole": json.dumps(v2(items=[record(item_id="x" * 1_000_000)])),
}


@pytest.fixture(scope="module")
def class_folder(tmp_path_factory) -> Path:
    """One good export beside one bad file per case, plus a folder, a symbolic link and a pipe named *.json."""
    folder = tmp_path_factory.mktemp("exports")
    good_export(folder)
    for n, (case, content) in enumerate(MALFORMED.items()):
        path = folder / f"bad-{n:02d}.json"
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    (folder / "a-folder.json").mkdir()
    os.symlink(folder / "good.json", folder / "link.json")
    os.mkfifo(folder / "pipe.json")  # reading it would wait for a writer forever
    return folder


def expected_bad(folder: Path) -> list[str]:
    return sorted([f"bad-{n:02d}.json" for n in range(len(MALFORMED))] + ["a-folder.json", "link.json", "pipe.json"])


def test_hrdtrain_group_names_each_bad_file_once_and_still_reads_the_good_one(class_folder):
    proc = cli("group", str(class_folder))
    assert "Traceback" not in proc.stderr, proc.stderr[-3000:]
    assert proc.returncode == 1
    assert proc.stdout.startswith("1 learner(s)."), proc.stdout[:500]
    assert "3.4-tear-gas" in proc.stdout
    lines = proc.stderr.splitlines()
    named = sorted(Path(line.split(": ", 2)[1]).name for line in lines)
    assert named == expected_bad(class_folder), proc.stderr
    assert all(len(line) < 600 for line in lines), max(lines, key=len)[:300]  # never a huge value in a message


def test_each_kind_of_bad_file_gets_a_message_saying_what_is_wrong(class_folder):
    proc = cli("group", str(class_folder))
    by_name = {Path(line.split(": ", 2)[1]).name: line.split(": ", 2)[2] for line in proc.stderr.splitlines()}
    names = {case: f"bad-{n:02d}.json" for n, case in enumerate(MALFORMED)}
    assert "is a folder" in by_name["a-folder.json"]
    assert "symbolic link" in by_name["link.json"]
    assert "not a regular file" in by_name["pipe.json"]
    assert "larger than 5 MB" in by_name[names["a huge file"]]
    assert "not UTF-8" in by_name[names["invalid UTF-8"]]
    assert "nested too deeply" in by_name[names["nesting 200,000 deep"]]
    assert "number too long" in by_name[names["a number of 5000 digits"]]
    assert "items[0].item_id: missing" in by_name[names["a missing item_id"]]
    assert "self_assessment.before.risks" in by_name[names["a rating of 'abc'"]]
    assert "less than or equal to 5" in by_name[names["a rating of 10**400"]]
    assert "greater than or equal to 1" in by_name[names["a rating of -5"]]
    assert "items: Input should be a valid list" in by_name[names["a string where the item list is expected"]]


def test_the_dashboard_names_each_bad_file_and_still_shows_the_good_one(class_folder):
    page = group_results(str(class_folder)).data
    assert "1 learner(s)." in page
    assert f"⚠ {len(expected_bad(class_folder))} file(s) could not be read" in page
    for name in expected_bad(class_folder):
        assert name in page


class Markup(HTMLParser):
    """Every tag and attribute of a page, to check what a browser would run or fetch."""

    def __init__(self, page: str):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def assert_inert(page: str) -> None:
    markup = Markup(page)
    for tag, attrs in markup.tags:
        assert tag not in ("script", "iframe", "object", "embed"), (tag, attrs)
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
        if tag == "img":
            assert attrs.get("src", "").startswith("data:image/png;base64,"), attrs
    assert "<img src" not in page and "<script" not in page


def test_no_view_lets_markup_from_a_file_name_an_item_id_a_choice_or_a_rating_through(tmp_path, home):
    """The facilitator's and the learner's HTML views, fed hostile text in every field."""
    from hrdtrain import my_progress, self_assessment
    from hrdtrain.bank import default_bank
    # A hostile export file name, and hostile values inside exports (item ids, choices, ratings).
    folder = tmp_path / "exports"
    folder.mkdir()
    good_export(folder)
    (folder / f"{XSS}.json").write_text("{not json")
    (folder / f"{XSS}-2.json").write_text(json.dumps(v2(items=[record(item_id=XSS, first_answer=XSS)], self_assessment={"before": {XSS: XSS}})))
    page = group_results(str(folder)).data
    assert "&lt;img src=x onerror=alert(1)&gt;.json" in page
    assert_inert(page)
    assert_inert(group_results(str(folder / f"{XSS}.json")).data)
    assert_inert(group_results(str(tmp_path / f"missing-{XSS}.json")).data)

    # The view itself, given what validation would refuse (it must not rely on validation).
    from hrdtrain.group import ItemResult, group_dashboard_html, problems_html

    hostile = ItemResult(XSS, XSS, 2, 1, 1, [1, 2])
    hostile.choices[json.dumps(XSS)] = 2
    role_play, workshop, sort = ItemResult(f"{XSS}-rp", "scenario", 1, 0, 0, [3]), ItemResult(f"{XSS}-ws", "statement", 1, 0, 0, [2]), ItemResult("1-who-is-a-defender", "sort", 1, 0, 0, [1])
    role_play.latest[json.dumps([XSS])] = 1
    workshop.latest[json.dumps({"sentences": {XSS: XSS}})] = 1
    sort.choices[json.dumps({"nurse-once": XSS, XSS: XSS})] = 1
    items = {r.item_id: r for r in (hostile, role_play, workshop, sort)}
    summary = {"learners": 2, "items": items, "self_assessment": {"before": {XSS: [3]}, "after": {f"$\\{XSS}$": [4]}}}
    assert_inert(group_dashboard_html(summary, default_bank()))
    assert_inert(problems_html([f"{XSS}.json: not an export"]))

    # A store with hostile ratings and item ids behind my_progress() and the "after" questionnaire.
    store = ProgressStore(home)
    store.add_answer(f"self:before:{XSS}", "self-assessment", XSS, True, 0.0, 1)
    store.add_answer("self:before:risks", "self-assessment", XSS, True, 0.0, 1)
    store.add_answer(XSS, "judge", XSS, False, 0.0, 1)
    assert_inert(my_progress().data)
    after = self_assessment("after")
    after.ratings["risks"].value = 4
    after.save()
    assert_inert(after.status.value)

    # Quizzes whose content (from a content file or an adaptation) is hostile in every text field.
    from hrdtrain.widgets import ChoiceWidget, JudgeWidget, SortWidget

    bank = default_bank()
    judge = bank.get("3.4-tear-gas")
    judge = judge.model_copy(update={"title": XSS, "prompt": XSS, "statement": XSS, "key_point": XSS, "source": XSS,
                                     "feedback": judge.feedback.model_copy(update={v: XSS for v in ("accurate", "inaccurate", "depends")})})
    choice = bank.get("1-foreword-aims")
    choice = choice.model_copy(update={"title": XSS, "prompt": XSS, "key_point": XSS, "options": [o.model_copy(update={"text": XSS, "feedback": XSS}) for o in choice.options]})
    sort = bank.get("1-who-is-a-defender")
    sort = sort.model_copy(update={"title": XSS, "categories": [c.model_copy(update={"label": XSS}) for c in sort.categories],
                                   "statements": [st.model_copy(update={"text": XSS, "feedback": XSS}) for st in sort.statements]})
    for widget_class, item, answer in ((JudgeWidget, judge, "accurate"), (ChoiceWidget, choice, None), (SortWidget, sort, None)):
        w = widget_class(item, reveal_after=1)
        if answer:
            w.choice.value = answer
        elif hasattr(w, "choice"):
            w.choice.value = item.options[0].id
        elif hasattr(w, "boxes"):
            next(iter(w.boxes.values())).value = True
        else:
            for dropdown in w.dropdowns.values():
                dropdown.value = item.categories[0].id
        w.check()
        for child in (w.header, w.feedback, *(c for c in w.children if hasattr(c, "value") and isinstance(c.value, str))):
            assert_inert(child.value)


def test_the_same_export_handed_in_twice_is_counted_once(tmp_path):
    folder = tmp_path / "exports"
    folder.mkdir()
    first = good_export(folder, "mine.json")
    (folder / "mine-copy.json").write_bytes(first.read_bytes())
    proc = cli("group", str(folder), str(first))
    assert proc.stdout.startswith("1 learner(s)."), proc.stdout[:300]
    assert proc.stderr.count("the same export as") == 2 and "counted once" in proc.stderr
    assert "1 learner(s)." in group_results(str(folder)).data
