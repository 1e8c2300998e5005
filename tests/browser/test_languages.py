"""The course in Spanish and in Arabic in a real JupyterLab and chromium (issue 18): the tear-gas quiz
answered by clicking and a role-play step played, with the words of the translation (buttons,
feedback, the scene's consequence); in Arabic everything right to left (lang='ar', dir='rtl', the
browser's computed direction), in Spanish left to right; a screenshot of each step in
test-artifacts/screenshots/<test name>/.
"""

from __future__ import annotations

import nbformat
import pytest
from playwright.sync_api import expect
from test_course_in_browser import ready_quiz, words
from test_lab_smoke import choose, open_notebook, press, run_all_cells, tracebacks

from hrdtrain import translations
from hrdtrain.bank import default_bank

pytestmark = pytest.mark.browser

@pytest.mark.parametrize("lang", ["es", "ar"])
def test_the_quiz_and_a_role_play_step_in_spanish_and_arabic(page, lab_server, screenshot, lang):
    def ar(key: str) -> str:
        """An interface string as the language's catalogue has it."""
        return translations.compile_language(lang)["strings"][key]

    rtl = lang == "ar"
    NOTEBOOK = f"notebooks/{lang}/language-check.ipynb"
    bank = default_bank()
    tear_gas = translations.localise(bank.get("3.4-tear-gas"), lang, bank=bank)
    play = translations.localise(bank.get("3.2-roleplay-filming"), lang, bank=bank)
    first = next(s for s in play.scenes if s.id == play.start).choices[0]
    assert tear_gas.title != bank.get("3.4-tear-gas").title and first.consequence != next(s for s in bank.get(play.id).scenes if s.id == play.start).choices[0].consequence
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_code_cell(f'from hrdtrain import show, set_language\nset_language("{lang}")'),
        nbformat.v4.new_code_cell('show("3.4-tear-gas")'),
        nbformat.v4.new_code_cell('show("3.2-roleplay-filming")'),
    ]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
    nbformat.write(nb, lab_server.root / NOTEBOOK)

    open_notebook(page, lab_server, NOTEBOOK)
    run_all_cells(page)
    quiz = ready_quiz(page, "3.4-tear-gas")
    assert not tracebacks(page), tracebacks(page)
    assert ("hrdtrain-rtl" in (quiz.get_attribute("class") or "")) == rtl
    assert quiz.evaluate("el => getComputedStyle(el).direction") == ("rtl" if rtl else "ltr")
    header = quiz.locator(f"[lang='{lang}']").first
    expect(header).to_contain_text(tear_gas.title)
    screenshot(f"{lang}-quiz")

    verdict = quiz.get_by_role("group", name=ar("verdict.label"), exact=True)
    choose(page, verdict.get_by_role("radio", name=ar("verdict.inaccurate"), exact=True))
    press(page, quiz.get_by_role("button", name=ar("check"), exact=True))
    feedback = quiz.locator(".hrdtrain-feedback")
    expect(feedback).to_contain_text(ar("feedback.correct"), timeout=15_000)
    expect(feedback).to_contain_text(words(tear_gas.feedback.inaccurate))
    assert feedback.locator(f"[lang='{lang}'][dir='rtl']" if rtl else f"[lang='{lang}']").count() >= 1
    feedback.scroll_into_view_if_needed()
    screenshot(f"{lang}-feedback")

    role_play = ready_quiz(page, play.id)
    assert role_play.evaluate("el => getComputedStyle(el).direction") == ("rtl" if rtl else "ltr")
    choose(page, role_play.get_by_role("group", name=ar("scenario.choice.label"), exact=True).get_by_role("radio").first)
    press(page, role_play.get_by_role("button", name=ar("scenario.decide"), exact=True))
    expect(role_play.locator(".hrdtrain-scenario-consequence")).to_contain_text(words(first.consequence), timeout=15_000)
    expect(role_play.locator(".hrdtrain-scenario-progress")).to_contain_text(ar("scenario.progress").format(n=2))
    if rtl:  # each paragraph and option takes its own direction (an English name or id inside reads well)
        situation = role_play.locator(".hrdtrain-scenario-situation p").first
        assert situation.evaluate("el => getComputedStyle(el).unicodeBidi") == "plaintext"
        option = role_play.locator(".hrdtrain-radio-option > span").first
        assert option.evaluate("el => getComputedStyle(el).unicodeBidi") == "plaintext"
    screenshot(f"{lang}-role-play-step")
