"""Is the private progress store correct under concurrent kernels and kills, owner-only, erasable,
and are exports anonymous? Does a quiz keep working, and say so once, when the store cannot be
written? Does everything work with no network?"""

from __future__ import annotations

import getpass
import json
import os
import signal
import socket
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from hrdtrain import recording, show
from hrdtrain.store import ProgressStore

ROOT = Path(__file__).resolve().parents[2]




def cli(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "hrdtrain.cli", *args], capture_output=True, text=True, timeout=120, input=stdin, cwd=ROOT)


WRITER = textwrap.dedent(
    """
    import sys
    from hrdtrain.store import ProgressStore
    store = ProgressStore()
    for n in range(int(sys.argv[1])):
        store.add_answer(f"3.4-writer-{sys.argv[2]}", "judge", "inaccurate", True, 1.0, n + 1)
        print(n + 1, flush=True)  # confirmed: committed before this line is printed
    """
)


def test_four_processes_writing_250_answers_each_at_once_record_exactly_1000(home):
    procs = [subprocess.Popen([sys.executable, "-c", WRITER, "250", str(k)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE) for k in range(4)]
    for p in procs:
        _out, err = p.communicate(timeout=300)
        assert p.returncode == 0, err
    answers = ProgressStore(home).answers()
    assert len(answers) == 1000
    for k in range(4):
        assert sorted(a.attempt for a in answers if a.item_id == f"3.4-writer-{k}") == list(range(1, 251))


def test_a_writer_killed_mid_loop_leaves_a_readable_store_with_every_confirmed_answer(home):
    proc = subprocess.Popen([sys.executable, "-c", WRITER, "100000", "k"], stdout=subprocess.PIPE, text=True)
    confirmed = 0
    for line in proc.stdout:
        confirmed = int(line)
        if confirmed >= 300:
            break
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    answers = ProgressStore(home).answers()
    assert len(answers) >= confirmed
    assert [a.attempt for a in answers] == list(range(1, len(answers) + 1))  # nothing half-written, nothing missing
    ProgressStore(home).add_answer("3.4-after-kill", "judge", "accurate", False, 0.0, 1)  # and it still takes answers


def test_the_folder_and_every_file_are_owner_only(home):
    show("3.4-tear-gas").check()  # nothing chosen: nothing recorded yet
    w = show("3.4-tear-gas")
    w.choice.value = "inaccurate"
    w.check()
    assert stat.S_IMODE(home.stat().st_mode) == 0o700
    files = list(home.iterdir())
    assert files and all(stat.S_IMODE(f.stat().st_mode) == 0o600 for f in files), {f.name: oct(f.stat().st_mode) for f in files}


def test_an_answered_item_shows_its_answered_before_state_when_shown_again(home):
    w = show("3.4-tear-gas")
    assert "You answered this before" not in w.header.value
    w.choice.value = "accurate"
    w.check()
    again = show("3.4-tear-gas")
    assert "You answered this before, on " in again.header.value and "✗ not right yet. Try again." in again.header.value
    again.choice.value = "inaccurate"
    again.check()
    assert "✓ right." in show("3.4-tear-gas").header.value


def test_an_export_names_nobody_and_nothing_of_this_computer(home, tmp_path):
    w = show("3.4-tear-gas")
    w.choice.value = "inaccurate"
    w.check()
    learner_id = ProgressStore(home).learner_id()
    out = tmp_path / "export.json"
    proc = cli("export", "--anonymous", str(out))
    assert proc.returncode == 0, proc.stderr
    text = out.read_text(encoding="utf-8")
    for secret in (getpass.getuser(), socket.gethostname(), str(home), str(tmp_path), learner_id):
        assert secret not in text, secret
    data = json.loads(text)
    assert data["items"][0]["day"].count("-") == 2 and "at" not in data["items"][0]  # the day, no time of day
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    second = cli("export", "--anonymous", str(out))
    assert second.returncode == 1 and "never overwritten" in second.stderr
    assert out.read_text(encoding="utf-8") == text


def export_of(store: ProgressStore) -> dict:
    from hrdtrain.export import anonymous_export

    return anonymous_export(store.answers())


def test_an_export_does_not_reveal_the_order_or_time_of_day_of_answers(tmp_path):
    """Two learners who gave the same answers, in a different order and at other hours of the
    same day, hand in exports that differ only in their random id."""
    import datetime

    day = datetime.datetime(2026, 11, 23)
    answers = [("3.4-tear-gas", "accurate", False), ("3.4-tear-gas", "inaccurate", True), ("3.1-police-can-facilitate", "accurate", True), ("self:before:risks", 3, True)]
    early, late = ProgressStore(tmp_path / "early"), ProgressStore(tmp_path / "late")
    for hour, (item_id, value, correct) in enumerate(answers, start=8):
        early.add_answer(item_id, "self-assessment" if item_id.startswith("self:") else "judge", value, correct, float(correct), 1, at=(day + datetime.timedelta(hours=hour)).timestamp())
    for hour, (item_id, value, correct) in zip((21, 20, 19, 18), [answers[2], answers[3], answers[0], answers[1]]):
        late.add_answer(item_id, "self-assessment" if item_id.startswith("self:") else "judge", value, correct, float(correct), 1, at=(day + datetime.timedelta(hours=hour)).timestamp())
    a, b = export_of(early), export_of(late)
    assert a["export_id"] != b["export_id"]
    assert {**a, "export_id": ""} == {**b, "export_id": ""}
    assert [r["item_id"] for r in a["items"]] == ["3.1-police-can-facilitate", "3.4-tear-gas"]
    assert a["items"][1] == {"item_id": "3.4-tear-gas", "item_type": "judge", "first_answer": "accurate", "first_correct": False,
                             "latest_answer": "inaccurate", "latest_correct": True, "answers": 2, "day": "2026-11-23"}
    assert a["self_assessment"] == {"before": {"risks": 3}}


def test_two_exports_of_the_same_learner_can_be_matched_by_their_answers_as_the_readme_says(home, tmp_path):
    """What the README states: each file has its own random id, but the answers themselves match."""
    ProgressStore(home).add_answer("3.4-tear-gas", "judge", "inaccurate", True, 1.0, 1)
    assert cli("export", "--anonymous", str(tmp_path / "a.json")).returncode == 0
    ProgressStore(home).add_answer("3.1-police-can-facilitate", "judge", "accurate", True, 1.0, 1)
    assert cli("export", "--anonymous", str(tmp_path / "b.json")).returncode == 0
    a, b = (json.loads((tmp_path / name).read_text()) for name in ("a.json", "b.json"))
    assert a["export_id"] != b["export_id"]
    assert a["items"][0] in b["items"]
    readme = " ".join((ROOT / "README.md").read_text(encoding="utf-8").replace("**", "").split())
    assert "cannot be linked" not in readme
    assert "two exports of the same learner can be matched by their answers" in readme
    guide = " ".join((ROOT / "docs" / "facilitator-guide.md").read_text(encoding="utf-8").replace("**", "").split())
    assert "two exports of the same participant can be matched by their answers" in guide


def test_erase_asks_first_and_then_leaves_nothing_behind(home):
    ProgressStore(home).add_answer("3.4-tear-gas", "judge", "inaccurate", True, 1.0, 1)
    assert cli("erase", stdin="no\n").returncode in (0, 1) and (home / "progress.sqlite").exists()
    proc = cli("erase", "--yes")
    assert proc.returncode == 0 and "Erased" in proc.stdout
    assert not home.exists()
    assert json.loads(cli("progress", "--json").stdout)["attempts"] == 0


def test_progress_json_counts_attempts_and_sections(home):
    w = show("3.4-tear-gas")
    for verdict in ("accurate", "inaccurate"):
        w.choice.value = verdict
        w.check()
    data = json.loads(cli("progress", "--json").stdout)
    assert data["attempts"] == 2 and data["items_answered"] == 1 and data["items_right"] == 1
    assert data["sections"]["3"]["answered"] == 1 and data["sections"]["3"]["right"] == 1
    assert data["tags"]["communication"]["answered"] == 1


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write to a read-only folder")
def test_a_read_only_data_folder_gives_one_clear_message_and_the_quiz_still_works(home):
    home.mkdir(mode=0o500)
    recording.clear()
    w = show("3.4-tear-gas")
    w.choice.value = "inaccurate"
    w.check()
    assert "Your progress is not being saved on this computer" in w.feedback.value
    assert "Right" in w.feedback.value or "✓" in w.feedback.value
    w.choice.value = "accurate"
    w.check()
    assert "not being saved" not in w.feedback.value  # said once, not at every answer


def test_an_unwritable_store_gives_one_clear_message_and_the_quiz_still_works(tmp_path, monkeypatch):
    """Also as root: HRDTRAIN_HOME names a plain file, so no folder can be made there."""
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setenv("HRDTRAIN_HOME", str(blocker))
    recording.clear()
    w = show("3.4-tear-gas")
    w.choice.value = "inaccurate"
    w.check()
    assert "Your progress is not being saved on this computer (cannot use the folder" in w.feedback.value
    assert "✓" in w.feedback.value
    w.choice.value = "accurate"
    w.check()
    assert "not being saved" not in w.feedback.value
    assert len(recording.answers()) == 2  # the kernel still has both answers


def test_the_network_is_really_blocked_for_the_processes_the_tests_start():
    """The guard behind 'every notebook and CLI verb works with network access blocked'."""
    proc = subprocess.run(
        [sys.executable, "-c", "import socket; socket.create_connection(('192.0.2.1', 80), timeout=3)"], capture_output=True, text=True, timeout=60
    )
    assert proc.returncode != 0 and "is blocked in hrdtrain's tests" in proc.stderr


@pytest.mark.parametrize(
    "args", [["validate"], ["list"], ["schema"], ["progress"], ["progress", "--json"], ["erase", "--yes"], ["--help"]], ids=lambda a: " ".join(a)
)
def test_every_learner_verb_works_without_network(home, args):
    proc = cli(*args)
    assert proc.returncode == 0, proc.stderr
