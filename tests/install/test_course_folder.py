"""`hrdtrain start` copies the notebooks into the learner's course folder and never loses what the
learner wrote there: a changed notebook is kept and the new version goes beside it."""

from __future__ import annotations

import json
import os
from pathlib import Path

import nbformat.v4 as v4
import pytest

from hrdtrain.course_files import LEARNER_NOTEBOOKS, CourseFiles, course_files
from hrdtrain.course_folder import MANIFEST, CourseFolderError, copy_notebooks


def write_notebook(path: Path, *sources: str, outputs: bool = False) -> None:
    cells = [v4.new_markdown_cell(sources[0])] + [v4.new_code_cell(s) for s in sources[1:]]
    if outputs:
        for cell in cells[1:]:
            cell["outputs"] = [v4.new_output("stream", text="42\n")]
            cell["execution_count"] = 1
    path.write_text(json.dumps(v4.new_notebook(cells=cells)), encoding="utf-8")


@pytest.fixture
def release(tmp_path) -> CourseFiles:
    """A course as a wheel would carry it: every learner notebook, version 1."""
    notebooks = tmp_path / "release" / "notebooks"
    notebooks.mkdir(parents=True)
    for name in LEARNER_NOTEBOOKS:
        write_notebook(notebooks / name, f"# {name} v1", 'show("x")')
    return CourseFiles(notebooks, tmp_path / "release" / "jupyter-config", "test")


def ship_new_version(release: CourseFiles, name: str, text: str = "v2") -> None:
    write_notebook(release.notebooks / name, f"# {name} {text}", 'show("x")')


def test_the_first_start_copies_every_learner_notebook_and_records_them(release, tmp_path):
    folder = tmp_path / "course"
    report = copy_notebooks(folder, release)
    assert sorted(report.copied) == sorted(f"notebooks/{n}" for n in LEARNER_NOTEBOOKS)
    for name in LEARNER_NOTEBOOKS:
        assert (folder / "notebooks" / name).read_bytes() == (release.notebooks / name).read_bytes()
    assert set(json.loads((folder / MANIFEST).read_text())["notebooks"]) == set(report.copied)
    assert copy_notebooks(folder, release).lines() == []  # a second start has nothing to say


def test_a_notebook_the_learner_did_not_change_is_updated_silently(release, tmp_path):
    folder = tmp_path / "course"
    copy_notebooks(folder, release)
    ship_new_version(release, "03_police_enforcing_the_law.ipynb")
    report = copy_notebooks(folder, release)
    assert report.updated == ["notebooks/03_police_enforcing_the_law.ipynb"] and not report.kept
    assert "v2" in (folder / "notebooks" / "03_police_enforcing_the_law.ipynb").read_text()
    assert not list((folder / "notebooks").glob("*new version*"))


def test_a_notebook_only_run_and_saved_counts_as_unchanged(release, tmp_path):
    """JupyterLab rewrites metadata, outputs and run counts on every save: that is not the learner's writing."""
    folder = tmp_path / "course"
    copy_notebooks(folder, release)
    saved = folder / "notebooks" / "00_start_here.ipynb"
    notebook = json.loads(saved.read_text())
    notebook["metadata"]["language_info"] = {"name": "python", "version": "3.11.7"}
    notebook["cells"][1]["outputs"] = [v4.new_output("stream", text="answered\n")]
    saved.write_text(json.dumps(notebook, indent=2))
    ship_new_version(release, "00_start_here.ipynb")
    assert copy_notebooks(folder, release).updated == ["notebooks/00_start_here.ipynb"]


def test_a_changed_notebook_is_kept_and_the_new_version_is_written_beside_it(release, tmp_path):
    folder = tmp_path / "course"
    copy_notebooks(folder, release)
    mine = folder / "notebooks" / "03_police_enforcing_the_law.ipynb"
    write_notebook(mine, "# my notes on 3.4", 'show("x")', "my_own_code = 1")
    learner_wrote = mine.read_bytes()
    ship_new_version(release, "03_police_enforcing_the_law.ipynb")
    report = copy_notebooks(folder, release)
    beside = folder / "notebooks" / "03_police_enforcing_the_law (new version).ipynb"
    assert mine.read_bytes() == learner_wrote
    assert beside.read_bytes() == (release.notebooks / "03_police_enforcing_the_law.ipynb").read_bytes()
    assert report.kept == [("notebooks/03_police_enforcing_the_law.ipynb", f"notebooks/{beside.name}")]
    (said,) = report.lines()
    assert "kept as you left it" in said and beside.name in said
    # Said once: the next start, with the same course, is quiet and changes nothing.
    assert copy_notebooks(folder, release).lines() == []
    assert mine.read_bytes() == learner_wrote
    # A later version does not overwrite the first "(new version)" either.
    ship_new_version(release, "03_police_enforcing_the_law.ipynb", "v3")
    report = copy_notebooks(folder, release)
    assert report.kept == [("notebooks/03_police_enforcing_the_law.ipynb", "notebooks/03_police_enforcing_the_law (new version 2).ipynb")]
    assert "v2" in beside.read_text() and mine.read_bytes() == learner_wrote


def test_the_learners_changes_with_no_new_version_are_left_alone_without_a_word(release, tmp_path):
    folder = tmp_path / "course"
    copy_notebooks(folder, release)
    mine = folder / "notebooks" / "07_final_remarks.ipynb"
    write_notebook(mine, "# my plan")
    assert copy_notebooks(folder, release).lines() == []
    assert "my plan" in mine.read_text()
    assert not list((folder / "notebooks").glob("*new version*"))


def test_without_a_record_a_different_notebook_is_the_learners(release, tmp_path):
    """A lost manifest (or a folder filled by hand) must not let an update overwrite anything."""
    folder = tmp_path / "course"
    copy_notebooks(folder, release)
    write_notebook(folder / "notebooks" / "05_police_as_protectors.ipynb", "# mine")
    (folder / MANIFEST).write_text("{not json")
    ship_new_version(release, "05_police_as_protectors.ipynb")
    report = copy_notebooks(folder, release)
    assert [yours for yours, _ in report.kept] == ["notebooks/05_police_as_protectors.ipynb"]
    assert "# mine" in (folder / "notebooks" / "05_police_as_protectors.ipynb").read_text()


def test_a_deleted_notebook_is_copied_again(release, tmp_path):
    folder = tmp_path / "course"
    copy_notebooks(folder, release)
    (folder / "notebooks" / "01_introduction.ipynb").unlink()
    assert copy_notebooks(folder, release).copied == ["notebooks/01_introduction.ipynb"]


def test_every_name_written_is_valid_on_windows(release, tmp_path):
    folder = tmp_path / "course"
    copy_notebooks(folder, release)
    write_notebook(folder / "notebooks" / "00_start_here.ipynb", "# mine")
    ship_new_version(release, "00_start_here.ipynb")
    copy_notebooks(folder, release)
    reserved = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}
    for path in folder.rglob("*"):
        name = path.name
        assert not set(name) & set('<>:"/\\|?*') and name == name.rstrip(" .") and name.split(".")[0].upper() not in reserved, name
        assert len(str(path.relative_to(folder))) < 120, name


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root can write anywhere")
def test_a_folder_that_cannot_be_written_is_one_clear_message(release, tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    with pytest.raises(CourseFolderError, match=r"cannot write the course folder .*locked.*hrdtrain start FOLDER"):
        copy_notebooks(locked / "course", release)


def test_a_file_in_place_of_the_folder_is_one_clear_message(release, tmp_path):
    (tmp_path / "course").write_text("not a folder")
    with pytest.raises(CourseFolderError, match=r"cannot write the course folder .*course"):
        copy_notebooks(tmp_path / "course", release)


def test_the_checkout_supplies_the_course_files_with_every_learner_notebook():
    files = course_files()
    assert files.origin == "checkout"
    found = [p.relative_to(files.notebooks).as_posix() for p in files.learner_notebooks() if p.is_file()]
    # The English notebooks, then each language's generated ones (not the facilitator dashboard).
    translated = [f"{lang}/{name}" for lang in ("es", "ar") for name in LEARNER_NOTEBOOKS if name.startswith("0")]
    assert found == list(LEARNER_NOTEBOOKS) + translated
    assert (files.voila_data / "voila" / "templates" / "offline" / "conf.json").is_file()
