"""`make lab` opens the first notebook with the course's own settings, serving the whole course
folder (so exercises/ can be opened and formgrader finds nbgrader_config.py); `make quiz` uses
Voilà with the same settings and its offline template."""

from __future__ import annotations

import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def dry_run(target: str, *variables: str) -> str:
    """The commands `make TARGET [VAR=value...]` would run, without running them."""
    proc = subprocess.run(["make", "-n", target, *variables], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def test_make_lab_serves_the_course_folder_and_opens_notebook_00_with_the_course_config():
    commands = dry_run("lab")
    assert f'JUPYTER_CONFIG_DIR="{ROOT}/jupyter-config"' in commands
    assert f'--ServerApp.root_dir="{ROOT}"' in commands
    assert "--LabApp.default_url=/lab/tree/notebooks/00_start_here.ipynb" in commands
    assert "JUPYTER_CONFIG_PATH" not in commands  # learners: nbgrader's lab tools hidden


def test_make_lab_trainer_adds_the_trainer_config_that_shows_nbgrader_tools():
    commands = dry_run("lab", "TRAINER=1")
    assert f'JUPYTER_CONFIG_DIR="{ROOT}/jupyter-config"' in commands
    assert f'JUPYTER_CONFIG_PATH="{ROOT}/jupyter-config/trainer"' in commands


def test_make_quiz_serves_the_notebooks_in_voila_with_the_offline_template():
    commands = dry_run("quiz")
    assert f'JUPYTER_CONFIG_DIR="{ROOT}/jupyter-config"' in commands
    assert f'JUPYTER_PATH="{ROOT}/jupyter-config/data"' in commands
    # Voilà that opens the browser with its token (tests/test_quiz_server.py starts the same command).
    assert "-m hrdtrain.quiz_server notebooks/" in commands


def test_make_site_builds_the_browser_edition_into_site_with_the_site_extra():
    commands = dry_run("site")
    assert '/hrdtrain" site site' in commands
    assert (ROOT / ".gitignore").read_text().count("/site/") == 1
