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


# --- where handouts are written: never over other files, never through a link ------------------


def run_handouts(outdir: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "hrdtrain.cli", "handouts", "--no-progress", str(outdir)], capture_output=True, text=True, timeout=300, cwd=ROOT
    )


def test_a_folder_with_other_files_is_refused_and_left_as_it_was(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "index.html").write_text("my own web page", encoding="utf-8")
    (out / "notes.txt").write_text("my notes", encoding="utf-8")
    proc = run_handouts(out)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert f"hrdtrain handouts: {out} is not empty" in proc.stderr and "new or empty folder" in proc.stderr, proc.stderr
    assert sorted(p.name for p in out.iterdir()) == ["index.html", "notes.txt"]
    assert (out / "index.html").read_text(encoding="utf-8") == "my own web page"


def test_a_symlink_planted_in_the_folder_is_never_written_through(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    victim = tmp_path / "victim.txt"
    victim.write_text("not the answer key", encoding="utf-8")
    (out / "answer-key.html").symlink_to(victim)
    proc = run_handouts(out)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert "answer-key.html" in proc.stderr and "link" in proc.stderr, proc.stderr
    assert victim.read_text(encoding="utf-8") == "not the answer key"
    assert [p.name for p in out.iterdir()] == ["answer-key.html"] and (out / "answer-key.html").is_symlink()


def test_a_symlink_next_to_a_previous_set_of_handouts_is_refused_too(tmp_path, handouts):
    out = tmp_path / "out"
    shutil.copytree(handouts, out)
    victim = tmp_path / "victim.txt"
    victim.write_text("not the answer key", encoding="utf-8")
    (out / "answer-key.html").unlink()
    (out / "answer-key.html").symlink_to(victim)
    proc = run_handouts(out)
    assert proc.returncode == 1 and "link" in proc.stderr, proc.stderr
    assert victim.read_text(encoding="utf-8") == "not the answer key"


def test_an_outdir_that_is_a_file_gets_a_clear_message(tmp_path):
    out = tmp_path / "handouts.html"
    out.write_text("a file", encoding="utf-8")
    proc = run_handouts(out)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert f"hrdtrain handouts: {out} is a file, not a folder" in proc.stderr, proc.stderr
    assert out.read_text(encoding="utf-8") == "a file"


def test_a_previous_set_of_handouts_is_replaced_and_the_command_says_so(tmp_path, handouts):
    out = tmp_path / "out"
    shutil.copytree(handouts, out)
    (out / "role-cards.html").write_text((out / "role-cards.html").read_text(encoding="utf-8") + "<!-- old -->", encoding="utf-8")
    proc = run_handouts(out)
    assert proc.returncode == 0, proc.stderr
    assert "replacing the handouts that were there" in proc.stdout
    assert "<!-- old -->" not in (out / "role-cards.html").read_text(encoding="utf-8")
    assert sorted(p.name for p in out.iterdir()) == sorted(p.name for p in handouts.iterdir())


def test_a_file_named_like_a_handout_but_not_made_by_hrdtrain_is_not_overwritten(tmp_path, handouts):
    out = tmp_path / "out"
    shutil.copytree(handouts, out)
    (out / "role-cards.html").write_text("<html>my own role cards</html>", encoding="utf-8")
    proc = run_handouts(out)
    assert proc.returncode == 1 and "role-cards.html" in proc.stderr, proc.stderr
    assert (out / "role-cards.html").read_text(encoding="utf-8") == "<html>my own role cards</html>"


def test_a_failure_while_writing_leaves_the_previous_set_whole(tmp_path, handouts, monkeypatch):
    """Every page is written to a temporary file first and put in place only when all are
    written: a full disk halfway leaves the previous set as it was, and no temporary files."""
    import os

    from hrdtrain import handouts as handouts_module
    from hrdtrain.errors import ReportedError

    out = tmp_path / "out"
    shutil.copytree(handouts, out)
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    real_write, calls = os.write, []

    def write_then_fail(fd, data):
        calls.append(fd)
        if len(calls) > 3:
            raise OSError(28, "No space left on device")
        return real_write(fd, data)

    monkeypatch.setattr(handouts_module.os, "write", write_then_fail)
    with pytest.raises(ReportedError, match="No space left on device"):
        handouts_module.build_handouts(out, progress=False)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_a_link_planted_after_the_check_is_replaced_not_followed(tmp_path):
    """The last step puts each page in place with a rename, which replaces a link that appeared
    after the folder was checked instead of writing into the file it points to."""
    from hrdtrain.handouts import write_pages

    out = tmp_path / "out"
    out.mkdir()
    victim = tmp_path / "victim.txt"
    victim.write_text("not the answer key", encoding="utf-8")
    (out / "answer-key.html").symlink_to(victim)
    write_pages(out, {"answer-key.html": "<p>key</p>"})
    assert victim.read_text(encoding="utf-8") == "not the answer key"
    assert not (out / "answer-key.html").is_symlink() and (out / "answer-key.html").read_text(encoding="utf-8") == "<p>key</p>"


# --- handouts a facilitator would actually print ------------------------------------------------

PAGE_BOUND = {"03_police_enforcing_the_law.html": 30}
"""A4 pages a learner handout may take, generously: notebook 03 printed on 55 pages before the
handouts were made compact (16 after)."""


def pdf_pages(pdf: Path) -> int:
    """Pages in a PDF: pdfinfo (poppler-utils) when installed, else its page objects counted."""
    if shutil.which("pdfinfo"):
        out = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, timeout=60).stdout
        return int(re.search(r"^Pages:\s+(\d+)", out, re.M).group(1))
    return len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf.read_bytes()))


@pytest.mark.skipif(not Path("/usr/bin/chromium").exists(), reason="needs Debian chromium (make test installs it)")
@pytest.mark.parametrize("name", list(PAGE_BOUND))
def test_a_learner_handout_prints_on_a_bounded_number_of_a4_pages(handouts, name, tmp_path):
    pdf = tmp_path / "handout.pdf"
    subprocess.run(
        ["/usr/bin/chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer", f"--print-to-pdf={pdf}",
         (handouts / name).as_uri()],
        capture_output=True, timeout=180,
    )
    assert pdf.exists() and pdf.read_bytes()[:5] == b"%PDF-"
    pages = pdf_pages(pdf)
    assert 3 <= pages <= PAGE_BOUND[name], f"{name} prints on {pages} A4 pages"


def test_learner_handouts_leave_out_how_to_operate_the_notebook(handouts):
    for page in handouts.glob("0[1-7]_*.html"):
        text = page.read_text(encoding="utf-8")
        for words in ("Shift+Enter", "Run All", "setup cell", "menu bar", "How to use this notebook", "my_progress", 'show("'):
            assert words not in text, f"{page.name}: {words}"
        assert "On paper:" in text


def test_role_play_choices_print_as_lettered_lines_without_boxes(handouts):
    page = (handouts / "03_police_enforcing_the_law.html").read_text(encoding="utf-8")
    role_play = re.search(r"<div class='item' data-item='3.2-roleplay-filming'>.*?</div>", page, re.S).group(0)
    assert "<ol type='A'><li>" in role_play
    assert "class='box'" not in role_play
    assert not re.search(r"<li>\s*<p>", role_play), "a choice's text starts on its own line"


def test_a_tick_box_stands_on_the_same_line_as_its_option(handouts):
    page = (handouts / "03_police_enforcing_the_law.html").read_text(encoding="utf-8")
    boxes = re.findall(r"<span class='box'></span>(.{0,4})", page)
    assert boxes and not [b for b in boxes if b.startswith("<p")]


def test_the_answer_key_gives_one_line_per_option(handouts):
    key = (handouts / "answer-key.html").read_text(encoding="utf-8")
    item = default_bank().get("3.4-tear-gas-conditions")
    block = re.search(r"<div class='item' data-item='3.4-tear-gas-conditions'>.*?</div>", key, re.S).group(0)
    options = re.findall(r"<li>.*?</li>", block, re.S)
    assert len(options) == len(item.options)
    assert not [o for o in options if re.search(r"<(p|br|ul|ol|div)\b", o)], options


# ------------------------------------------------------------------ in Spanish and Arabic (issue 18)


@pytest.fixture(scope="module")
def handouts_in(tmp_path_factory):
    made = {}

    def make(language: str) -> Path:
        if language not in made:
            out = tmp_path_factory.mktemp(f"handouts-{language}")
            proc = subprocess.run([sys.executable, "-m", "hrdtrain.cli", "handouts", str(out), "--lang", language, "--no-progress"],
                                  capture_output=True, text=True, timeout=300, cwd=ROOT)
            assert proc.returncode == 0, proc.stderr
            made[language] = out
        return made[language]

    return make


@pytest.mark.parametrize("language", ["es", "ar"])
def test_the_handouts_answer_key_and_role_cards_are_in_the_language_asked_for(handouts_in, language):
    from hrdtrain.i18n import using_language
    from hrdtrain.translations import localise

    out = handouts_in(language)
    bank = default_bank()
    direction = "rtl" if language == "ar" else "ltr"
    pages = sorted(out.glob("*.html"))
    assert len(pages) == 10
    for page in pages:
        assert f"<html lang='{language}' dir='{direction}'>" in page.read_text(encoding="utf-8"), page.name
    # Every item is still on a learner page and in the key (the same ids as in English).
    assert {i.id for i in bank} - set().union(*(items_on(p) for p in out.glob("0[1-7]_*.html"))) == set()
    assert {i.id for i in bank} - items_on(out / "answer-key.html") == set()
    with using_language(language):
        from hrdtrain.i18n import t

        tear_gas = localise(bank.get("3.4-tear-gas"))
        key = (out / "answer-key.html").read_text(encoding="utf-8")
        learner = (out / "03_police_enforcing_the_law.html").read_text(encoding="utf-8")
        # The answer in the language's own verdict word, the statement as translated.
        assert t("handouts.key.answer", answer=t("verdict.inaccurate")) in key
        assert tear_gas.statement != bank.get("3.4-tear-gas").statement and tear_gas.statement in learner.replace("&quot;", '"').replace("&#x27;", "'")
        assert t("handouts.key.heading") in key and "Answer:" not in key and "Key point:" not in key
        # No answer and no facilitators' block on the learner's page, decided on the English notebook.
        assert t("handouts.key.key_point") not in learner
        facilitators = {"es": "Para quienes facilitan", "ar": "للميسّرين"}[language]
        assert facilitators not in learner
        cards = (out / "role-cards.html").read_text(encoding="utf-8")
        assert t("handouts.cards.knows") in cards and "What you know:" not in cards
