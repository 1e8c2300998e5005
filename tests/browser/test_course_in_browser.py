"""The course as a learner meets it in a real JupyterLab: notebooks 03 and 06, run all cells,
answer a choice and a sort item and play a role play to its ending by clicking, use the hierarchy
navigator, then reopen the notebook and see the answered-before state (the answers went to the
private store, in the test session's HRDTRAIN_HOME).

Screenshots of each step: test-artifacts/screenshots/<test name>/.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect
from test_lab_smoke import choose, open_notebook, press, run_all_cells, settle, tracebacks

from hrdtrain.bank import default_bank

pytestmark = pytest.mark.browser

NB03 = "notebooks/03_police_enforcing_the_law.ipynb"
NB06 = "notebooks/06_constructive_dialogue.ipynb"


def quiz_of(page, item_id: str):
    return page.locator(".hrdtrain-quiz.hrdtrain-item-" + re.sub(r"[^a-z0-9-]", "-", item_id.lower()))


def ready_quiz(page, item_id: str):
    """The item's widget, once rendered and scrolled into view and still."""
    quiz = quiz_of(page, item_id)
    quiz.wait_for(timeout=30_000)
    settle(page, quiz)
    return quiz


def words(markdown: str, n: int = 6) -> str:
    """The first words of a content text as the page shows them (light Markdown removed)."""
    return " ".join(re.sub(r"(\*\*|__|\*|`)", "", markdown).split()[:n])


VERDICTS = {"accurate": "Accurate", "inaccurate": "Inaccurate", "depends": "It depends"}


def answer_judge(page, item) -> None:
    quiz = ready_quiz(page, item.id)
    choose(page, quiz.get_by_role("radio", name=VERDICTS[item.answer], exact=True))
    press(page, quiz.get_by_role("button", name="Check", exact=True))
    feedback = quiz.locator(".hrdtrain-feedback")
    expect(feedback).to_contain_text("Correct", timeout=15_000)
    expect(feedback).to_contain_text(words(getattr(item.feedback, item.answer)))


def answer_choice(page, item) -> None:
    quiz = ready_quiz(page, item.id)
    right = [o.id for o in item.options].index(item.answer)
    choose(page, quiz.get_by_role("radio").nth(right))
    press(page, quiz.get_by_role("button", name="Check", exact=True))
    feedback = quiz.locator(".hrdtrain-feedback")
    expect(feedback).to_contain_text("Correct", timeout=15_000)
    expect(feedback).to_contain_text(words(item.options[right].feedback))


def answer_sort(page, item) -> None:
    """Each statement's category chosen in its drop-down list with the mouse."""
    quiz = ready_quiz(page, item.id)
    labels = {c.id: c.label for c in item.categories}
    for n, statement in enumerate(item.statements, start=1):
        quiz.get_by_label(f"Statement {n}", exact=True).select_option(label=labels[statement.category])
    press(page, quiz.get_by_role("button", name="Check", exact=True))
    expect(quiz.locator(".hrdtrain-feedback")).to_contain_text("Correct", timeout=15_000)


def play_to_an_ending(page, item):
    """Plays a role play by clicking the first choice and Decide until an ending; returns it."""
    scenes = {s.id: s for s in item.scenes}
    quiz = ready_quiz(page, item.id)
    scene = scenes[item.start]
    while scene.choices:
        decision = quiz.get_by_role("group", name="Your decision", exact=True)
        choose(page, decision.get_by_role("radio").first)
        press(page, quiz.get_by_role("button", name="Decide", exact=True))
        scene = scenes[scene.choices[0].next]
        expect(quiz).to_contain_text(words(scene.situation), timeout=15_000)
    debrief = quiz.locator(".hrdtrain-debrief")
    expect(debrief).to_contain_text(scene.ending.title, timeout=15_000)
    expect(debrief).to_contain_text(words(scene.ending.debrief.what_happened))
    debrief.scroll_into_view_if_needed()
    return scene


def test_notebook_03_judge_choice_sort_and_role_play_by_clicking_then_answered_before_on_reopening(page, lab_server, screenshot):
    bank = default_bank()
    open_notebook(page, lab_server, NB03)
    run_all_cells(page)
    assert not tracebacks(page)
    answer_judge(page, bank.get("3.1-police-can-facilitate"))
    screenshot("judge-answered")
    answer_choice(page, bank.get("3.1-why-know-the-framework"))
    screenshot("choice-answered")
    answer_sort(page, bank.get("3.4-may-or-must"))
    screenshot("sort-answered")
    play_to_an_ending(page, bank.get("3.2-roleplay-filming"))
    screenshot("role-play-ending-debrief")

    # Reopen the notebook: the choice item says it was answered before, and that it was right.
    page.reload()
    open_notebook(page, lab_server, NB03)
    run_all_cells(page)
    quiz = quiz_of(page, "3.1-why-know-the-framework")
    settle(page, quiz)
    expect(quiz).to_contain_text("You answered this before, on ")
    expect(quiz).to_contain_text("✓ right.")
    screenshot("answered-before-on-reopening")


def test_notebook_06_navigator_judge_choice_sort_and_role_play_by_clicking(page, lab_server, screenshot):
    bank = default_bank()
    item = bank.get("6.2-hierarchy")
    goal = item.goals[0]
    level = next(lv for lv in item.levels if lv.id == goal.better[0])
    open_notebook(page, lab_server, NB06)
    run_all_cells(page)
    assert not tracebacks(page)
    quiz = ready_quiz(page, item.id)
    screenshot("navigator")
    quiz.get_by_label("Your goal", exact=True).select_option(label=goal.title)
    expect(quiz).to_contain_text(words(goal.situation), timeout=15_000)
    choose(page, quiz.get_by_role("radio", name=level.name, exact=True))
    press(page, quiz.get_by_role("button", name="Check", exact=True))
    feedback = quiz.locator(".hrdtrain-feedback")
    expect(feedback).to_contain_text(words(goal.feedback[level.id]), timeout=15_000)
    feedback.scroll_into_view_if_needed()
    screenshot("navigator-feedback")
    answer_judge(page, bank.get("6.1-always-worth-trying"))
    screenshot("judge-answered")
    answer_choice(page, bank.get("6.4-what-shall-we-do-instead"))
    screenshot("choice-answered")
    answer_sort(page, bank.get("6.5-watchdog-or-substitute"))
    screenshot("sort-answered")
    play_to_an_ending(page, bank.get("6.4-roleplay-commander"))
    screenshot("role-play-ending-debrief")
