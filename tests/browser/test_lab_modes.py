"""`make lab` is for learners: nbgrader's menu, Validate button and Create Assignment panel are
trainers' tools and are hidden (jupyter-config/labconfig/page_config.json). `make lab TRAINER=1`
adds jupyter-config/trainer/ to JUPYTER_CONFIG_PATH and shows them again."""

from __future__ import annotations

import pytest
from conftest import REPO, running_lab_server
from playwright.sync_api import Page, expect
from test_lab_smoke import open_notebook

pytestmark = pytest.mark.browser

NOTEBOOK = "notebooks/00_start_here.ipynb"


@pytest.fixture(scope="module")
def trainer_lab_server(tmp_path_factory):
    """JupyterLab as `make lab TRAINER=1` starts it."""
    with running_lab_server(tmp_path_factory.mktemp("trainer-lab"), {"JUPYTER_CONFIG_PATH": str(REPO / "jupyter-config" / "trainer")}) as server:
        yield server


def nbgrader_tools(page: Page):
    """nbgrader's three pieces of JupyterLab user interface, as locators."""
    return {
        "Nbgrader menu": page.locator("#jp-menu-panel, .lm-MenuBar").get_by_role("menuitem", name="Nbgrader", exact=True),
        "Validate button": page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Toolbar .validate-button"),
        "Create Assignment panel": page.locator(".jp-SideBar.jp-mod-right").get_by_title("Nbgrader Create Assignment"),
    }


def test_learners_do_not_see_nbgrader_menu_validate_button_or_create_assignment_panel(page, lab_server, outside_requests):
    open_notebook(page, lab_server, NOTEBOOK)
    expect(page.get_by_role("menuitem", name="Run", exact=True)).to_be_visible()  # the menu bar is there
    for name, tool in nbgrader_tools(page).items():
        expect(tool, name).to_have_count(0)
    assert not outside_requests


def test_trainers_see_them_with_make_lab_trainer(browser, trainer_lab_server):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.set_default_timeout(30_000)
    page = context.new_page()
    try:
        open_notebook(page, trainer_lab_server, NOTEBOOK)
        for name, tool in nbgrader_tools(page).items():
            expect(tool, name).to_have_count(1)
    finally:
        context.close()
