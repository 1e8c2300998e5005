"""Does `hrdtrain handouts` put the whole course on paper: every item in a learner handout without
its answer, every item in the answer key with it, a card for every role? And does a page print?"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from hrdtrain.bank import default_bank

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "test-artifacts" / "handouts"


@pytest.fixture(scope="module")
def handouts(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("handouts")
    proc = subprocess.run([sys.executable, "-m", "hrdtrain.cli", "handouts", str(out)], capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    assert "Handouts: 100%" in proc.stderr  # the progress bar
    return out


def items_on(page: Path) -> set[str]:
    return set(re.findall(r"data-item='([^']+)'", page.read_text(encoding="utf-8")))


def test_every_item_is_in_a_learner_handout_and_in_the_answer_key(handouts):
    bank = default_bank()
    handout_items = set().union(*(items_on(p) for p in handouts.glob("0[1-7]_*.html")))
    assert {i.id for i in bank} - handout_items == set()
    assert {i.id for i in bank} - items_on(handouts / "answer-key.html") == set()


def test_learner_handouts_hold_no_answers_and_no_facilitator_notes(handouts):
    bank = default_bank()
    page = (handouts / "03_police_enforcing_the_law.html").read_text(encoding="utf-8")
    tear_gas = bank.get("3.4-tear-gas")
    assert tear_gas.statement in page.replace("&quot;", '"').replace("&#x27;", "'")
    assert "Answer:" not in page and "Key point:" not in page
    first_words = " ".join(tear_gas.feedback.inaccurate.split()[:8])
    assert first_words not in page
    assert "For facilitators" not in page
    assert "Case study" in page and "Reflect" in page and "Key points" in page


def test_the_answer_key_gives_answers_feedback_and_sources(handouts):
    key = (handouts / "answer-key.html").read_text(encoding="utf-8")
    assert "Answer: Inaccurate" in key and "Source: paper §3.4" in key
    assert "Approach first:" in key and "Ending “" in key
    # Every scene of every role play is in the key, so it can be run from paper.
    for item in default_bank():
        if item.type == "scenario":
            assert all(f"Scene “{scene.id}”" in key for scene in item.scenes), item.id


def test_there_is_a_card_for_every_role_of_every_role_play(handouts):
    cards = (handouts / "role-cards.html").read_text(encoding="utf-8")
    roles = [(i.id, r.name) for i in default_bank() if i.type == "scenario" for r in i.roles]
    assert roles
    assert cards.count("class='card'") == len(roles)
    for _item, name in roles:
        assert f"<h3>{name}</h3>" in cards.replace("&#x27;", "'")


@pytest.mark.skipif(not Path("/usr/bin/chromium").exists(), reason="needs Debian chromium (make test installs it)")
def test_a_handout_page_renders_to_a_png_to_look_at(handouts):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    png = ARTIFACTS / "03_police_enforcing_the_law.png"
    png.unlink(missing_ok=True)
    subprocess.run(
        ["/usr/bin/chromium", "--headless", "--no-sandbox", "--disable-gpu", f"--screenshot={png}", "--window-size=1000,1800",
         (handouts / "03_police_enforcing_the_law.html").as_uri()],
        capture_output=True, timeout=120,
    )
    assert png.exists() and png.stat().st_size > 20_000
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    shutil.copy(handouts / "03_police_enforcing_the_law.html", ARTIFACTS)
