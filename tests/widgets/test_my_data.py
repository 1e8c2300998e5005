"""erase_my_answers() and export_my_answers() on the desktop (SQLite store), clicked like a learner."""

from __future__ import annotations

import html

from hrdtrain import erase_my_answers, export_my_answers, show
from hrdtrain.export_files import read_export
from hrdtrain.store import ProgressStore


def answer_tear_gas() -> None:
    w = show("3.4-tear-gas")
    w.choice.value = "inaccurate"
    w.check_button.click()


def test_erase_asks_first_and_no_keeps_everything(home):
    answer_tear_gas()
    panel = erase_my_answers()
    assert "progress.sqlite" in html.unescape(panel.children[0].value) and "only on this computer" in panel.children[0].value
    panel.erase_button.click()
    assert "Erase your 1 recorded answer? This cannot be undone." in panel.status.value
    assert len(ProgressStore().answers()) == 1  # asking deletes nothing
    panel.no_button.click()
    assert "Nothing erased." in panel.status.value and panel.confirm.children == ()
    assert len(ProgressStore().answers()) == 1


def test_erase_after_yes_removes_the_answers_and_the_answered_before_line(home):
    answer_tear_gas()
    assert "You answered this before" in show("3.4-tear-gas").header.value
    panel = erase_my_answers()
    panel.erase_button.click()
    panel.yes_button.click()
    assert "your recorded answers are gone" in panel.status.value
    assert ProgressStore().answers() == [] and not ProgressStore().exists()
    assert "You answered this before" not in show("3.4-tear-gas").header.value
    again = erase_my_answers()
    again.erase_button.click()
    assert "nothing to erase" in again.status.value


def test_export_writes_a_file_hrdtrain_group_reads_and_never_overwrites(home, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    empty = export_my_answers()
    empty.export_button.click()
    assert "nothing to export yet" in empty.status.value and list(tmp_path.glob("hrdtrain-export-*")) == []
    answer_tear_gas()
    panel = export_my_answers()
    panel.export_button.click()
    panel.export_button.click()
    files = sorted(tmp_path.glob("hrdtrain-export-*.json"))
    assert len(files) == 2  # a second export is a second file, under its own random name
    assert panel.written in files and "download=" in panel.status.value and panel.written.name in panel.status.value
    data = read_export(panel.written)
    assert [(r.item_id, r.latest_answer, r.latest_correct) for r in data.items] == [("3.4-tear-gas", "inaccurate", True)]
