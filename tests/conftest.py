"""Helpers shared by the whole suite: running the `hrdtrain` command, finding a widget's controls."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import ipywidgets as widgets
import pytest

ROOT = Path(__file__).resolve().parents[1]

# The tests (and the kernels and servers they start, which inherit the environment) never touch
# the developer's own progress store: answers go to a scratch folder for this test session.
os.environ["HRDTRAIN_HOME"] = tempfile.mkdtemp(prefix="hrdtrain-test-home-")

# Every Python process the tests start (CLI runs, kernels, Jupyter servers) has no network:
# tests/no_network/sitecustomize.py makes any connection beyond this computer fail.
NO_NETWORK = ROOT / "tests" / "no_network"
os.environ["PYTHONPATH"] = os.pathsep.join([str(NO_NETWORK), *filter(None, [os.environ.get("PYTHONPATH")])])
from hrdtrain.widgets.controls import ActionButton, RadioGroup, SelectList  # noqa: E402  (the course's own controls, issue 17)

CONTROL_TYPES = (RadioGroup, SelectList, ActionButton, widgets.RadioButtons, widgets.Dropdown, widgets.Checkbox, widgets.Button, widgets.Textarea, widgets.Text)


def run_hrdtrain(*args: str) -> subprocess.CompletedProcess:
    """`hrdtrain ARGS...` run from the repository root, as a facilitator would."""
    return subprocess.run([sys.executable, "-m", "hrdtrain.cli", *args], cwd=ROOT, capture_output=True, text=True, timeout=60)


def controls_in(widget: widgets.Widget) -> list[widgets.Widget]:
    """Every control a learner can operate inside `widget`, in display order."""
    if isinstance(widget, widgets.Box):
        return [c for child in widget.children for c in controls_in(child)]
    return [widget] if isinstance(widget, CONTROL_TYPES) else []


@pytest.fixture(autouse=True)
def fresh_recording():
    """Every test starts and ends with no recorded answers, so no test sees another's."""
    from hrdtrain import recording

    recording.clear()
    yield
    recording.clear()


@pytest.fixture
def hrdtrain_cli():
    return run_hrdtrain


@pytest.fixture
def find_controls():
    return controls_in


@pytest.fixture(scope="session")
def browser_edition_site(tmp_path_factory):
    """The browser edition built once per test run from the download cache (.cache/site/):
    the browser test serves it, tests/site/ builds it a second time (the cached build it times)
    and reads it."""
    from hrdtrain.site_build import build_site

    return build_site(tmp_path_factory.mktemp("browser-edition") / "site")


@pytest.fixture(scope="session")
def course_wheel(tmp_path_factory) -> Path:
    """The course's wheel, built once per test run from this checkout (tests/wheel_install.py);
    the install tests and `hrdtrain start`'s browser test each install it in a fresh venv."""
    from wheel_install import build_wheel

    return build_wheel(tmp_path_factory.mktemp("wheelhouse"))


# ------------------------------------------------------------------ two workers (make test)
# `make test` runs the suite on two workers (pytest-xdist, --dist loadgroup): the tests that
# start browsers, JupyterHub, a built site or fresh venvs (and build the course's wheel in the
# checkout, which two builds at once would race on) run one after another on one worker; every
# other test file goes, whole, to whichever worker is free (its module fixtures made once).
SERIAL_FOLDERS = ("browser", "hub", "site", "install")


@pytest.hookimpl(tryfirst=True)  # before xdist's own hook, which reads the groups
def pytest_collection_modifyitems(config, items):
    for item in items:
        relative = Path(str(item.fspath)).relative_to(ROOT / "tests")
        group = "serial" if relative.parts[0] in SERIAL_FOLDERS else relative.as_posix()
        item.add_marker(pytest.mark.xdist_group(group))
