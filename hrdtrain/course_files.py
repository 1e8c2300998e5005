"""Where the course's own files are: the learner notebooks, the Jupyter settings, the Voilà template.

One answer for every way the course is installed:
- from a wheel (`pip install hrdtrain-….whl`, conda, a hub image): the wheel carries them in
  `hrdtrain/_course/` (`notebooks/`, `jupyter-config/`), put there by setup.py when it is built;
- from a checkout (`make lab`, `pip install -e .`): the repository's own `notebooks/` and
  `jupyter-config/`, so that an edit is live and nothing is kept twice in git.

`hrdtrain start`, `hrdtrain quiz`, the handouts and the builds of issues 15 and 16 (browser
edition, hub) ask this module, never a path of their own.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .errors import ReportedError

PACKAGE_DIR = Path(__file__).resolve().parent
PACKAGED = PACKAGE_DIR / "_course"
"""Where a wheel carries the course files (setup.py's build step writes them there)."""

LEARNER_NOTEBOOKS = (
    "00_start_here.ipynb",
    "01_introduction.ipynb",
    "02_international_standards.ipynb",
    "03_police_enforcing_the_law.ipynb",
    "04_police_as_violators.ipynb",
    "05_police_as_protectors.ipynb",
    "06_constructive_dialogue.ipynb",
    "07_final_remarks.ipynb",
    "facilitator_dashboard.ipynb",
)
"""The notebooks a learner's course folder gets, in `notebooks/` (the same paths as in the
repository, so links, the save hook and the browser edition see the same layout)."""

START_NOTEBOOK = "notebooks/00_start_here.ipynb"

TRANSLATED_FOLDERS = ("es", "ar")
"""Languages with generated notebooks in `notebooks/LANG/` (hrdtrain.translated_notebooks)."""


def start_notebook(language: str | None = None) -> str:
    """Notebook 00 in `language` (its generated copy in notebooks/LANG/), or the English one."""
    if language in TRANSLATED_FOLDERS:
        return f"notebooks/{language}/00_start_here.ipynb"
    return START_NOTEBOOK


class CourseFilesMissing(ReportedError, RuntimeError):
    """Neither the installed package nor a checkout has the course files (a broken install)."""


@dataclass(frozen=True)
class CourseFiles:
    """The folders the course runs from, and whether they come from a wheel or a checkout."""

    notebooks: Path
    jupyter_config: Path
    origin: str  # "installed package" or "checkout"

    @property
    def voila_data(self) -> Path:
        """What JUPYTER_PATH names so that Voilà finds the course's "offline" template."""
        return self.jupyter_config / "data"

    @property
    def ipython_kernel_config(self) -> Path:
        return self.jupyter_config / "ipython_kernel_config.py"

    def learner_notebooks(self) -> list[Path]:
        """The English notebooks, then each language's generated ones (notebooks/LANG/NN_*.ipynb)."""
        found = [self.notebooks / name for name in LEARNER_NOTEBOOKS]
        for language in TRANSLATED_FOLDERS:
            found += [p for p in (self.notebooks / language / name for name in LEARNER_NOTEBOOKS) if p.is_file()]
        return found


def _complete(notebooks: Path, jupyter_config: Path) -> bool:
    return (notebooks / LEARNER_NOTEBOOKS[0]).is_file() and (jupyter_config / "jupyter_server_config.py").is_file()


def checkout_root() -> Path | None:
    """The repository this package is imported from (an editable install), or None."""
    root = PACKAGE_DIR.parent
    if (root / "pyproject.toml").is_file() and _complete(root / "notebooks", root / "jupyter-config"):
        return root
    return None


def course_files() -> CourseFiles:
    """The course's files: a checkout's own first (its edits are live), else the installed copy."""
    root = checkout_root()
    if root is not None:
        return CourseFiles(root / "notebooks", root / "jupyter-config", "checkout")
    if _complete(PACKAGED / "notebooks", PACKAGED / "jupyter-config"):
        return CourseFiles(PACKAGED / "notebooks", PACKAGED / "jupyter-config", "installed package")
    raise CourseFilesMissing(
        f"the course's notebooks and settings are missing from {PACKAGED}: reinstall the course "
        "(py -m pip install --force-reinstall hrdtrain-….whl, or pip install -e . in a checkout)"
    )
