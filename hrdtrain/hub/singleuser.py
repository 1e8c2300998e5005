"""What a participant's server runs on the hub, as that participant (JupyterHub's Spawner.cmd).

The same course as `hrdtrain start`, on JupyterHub's single-user server: the notebooks copied
into ~/hrdtrain-course (a notebook the participant changed is never overwritten), the course's
Jupyter settings (no news or update checks, notebooks saved without answers, kernels without a
history file, runtime files in a private folder removed at the end), plus the hub's own
(jupyter/learner: nbgrader's exchange and the Assignments tab). Trainers also get nbgrader's
menus and formgrader, and ~/hrdtrain-course/grading, a link to the nbgrader course folder all
trainers share (the hub's grading/); their servers run with umask 002, so that what they write
there (the gradebook, collected and graded work, feedback) stays writable for the other trainers.
"""

from __future__ import annotations

import grp
import os
import sys
from pathlib import Path

from ..course_files import course_files
from ..course_folder import copy_notebooks
from ..desktop import course_environment, session_folder
from .accounts import TRAINERS_GROUP

HUB_DIR_VAR = "HRDTRAIN_HUB_DIR"


def is_trainer() -> bool:
    try:
        return grp.getgrnam(TRAINERS_GROUP).gr_gid in os.getgroups()
    except KeyError:
        return False


def link_grading(grading: Path, hub_dir: Path) -> None:
    """~/hrdtrain-course/grading: a link to the trainers' shared course folder (the hub's grading/),
    inside JupyterLab's root as formgrader requires. Whatever is already there is left alone."""
    shared = hub_dir / "grading"
    if shared.is_dir() and not os.path.lexists(grading):
        grading.symlink_to(shared, target_is_directory=True)


def main() -> None:
    hub_dir = Path(os.environ.get(HUB_DIR_VAR, "/srv/hrdtrain"))
    files = course_files()
    folder = Path.home() / "hrdtrain-course"
    copy_notebooks(folder, files)
    trainer = is_trainer()
    if trainer:
        os.umask(0o002)  # the shared course folder stays writable for every trainer (group hrd-trainers)
        link_grading(folder / "grading", hub_dir)
    with session_folder(files) as session:
        environment = course_environment(files, session, folder)
        settings = [hub_dir / "jupyter" / "trainer"] if trainer else []
        settings.append(hub_dir / "jupyter" / "learner")
        environment["JUPYTER_CONFIG_PATH"] = os.pathsep.join(map(str, settings))
        # nbgrader runs alembic, and a terminal runs hrdtrain: this Python's bin/ first.
        environment["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "/usr/bin:/bin")])
        os.environ.update(environment)
        argv = [*sys.argv[1:], f"--ServerApp.root_dir={folder}"]
        if not trainer:
            argv.append("--ServerApp.jpserver_extensions=nbgrader.server_extensions.formgrader=False")
        import warnings

        warnings.filterwarnings("ignore", category=DeprecationWarning)
        from jupyter_core.application import JupyterApp
        from jupyterhub.singleuser import main as singleuser

        # Jupyter would "migrate" an IPython 3 set-up by writing a marker into the course's
        # settings folder, which participants may read but not write (it is shared): nothing to migrate.
        JupyterApp.migrate_config = lambda self: None

        sys.argv = ["jupyterhub-singleuser", *argv]
        singleuser()


if __name__ == "__main__":
    main()
