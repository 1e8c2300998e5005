"""`hrdtrain grade`: autograde a whole class with nbgrader, several submissions at a time.

nbgrader's own `autograde` grades one submission after another, and its SQLite gradebook does
not take concurrent writers well. So the work is split by what can run in parallel:

1. The parent checks every submission first (`precheck.py`): a damaged notebook is reported
   and never sent to nbgrader; a deleted or altered graded cell is noted (nbgrader puts it back).
2. Worker processes (`--jobs`, default: the number of cores) each autograde one submission with
   nbgrader's own API, but against a private copy of the gradebook, so no two processes ever
   write to the same database. nbgrader is imported once per worker, not once per submission.
3. The parent alone writes to the course's `gradebook.db`: as each worker finishes, it copies
   that student's scores and comments from the private copy. One writer, no locking.

A cell that runs longer than `--timeout` seconds is interrupted by nbgrader (the student scores
0 for the questions it breaks) and reported; a failure of any kind is reported for that student
and the rest of the class is still graded.
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
import sys
import tempfile
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from .course import CourseError, generate_exercises, load_config, nbgrader_api, tools_on_path
from .precheck import Precheck, precheck_submission


@dataclass
class Outcome:
    """What happened to one student's submission."""

    student: str
    graded: bool
    score: float | None = None
    max_score: float | None = None
    problems: list[str] = field(default_factory=list)
    """Why it could not be graded (only when graded is False)."""
    notes: list[str] = field(default_factory=list)
    """What the trainer should know about a graded submission (restored cells, timeouts, errors)."""


# ------------------------------------------------------------------ the course's gradebook


def _db_path(db_url: str) -> Path:
    prefix = "sqlite:///"
    if not db_url.startswith(prefix):
        raise CourseError(f"hrdtrain grade works with nbgrader's SQLite gradebook; this course uses {db_url}")
    return Path(db_url[len(prefix) :])


def ensure_assignment(root: Path, assignment: str, db_url: str) -> None:
    """On a fresh clone the gradebook does not know the assignment yet: create it from solutions/."""
    from nbgrader.api import Gradebook, MissingEntry

    with Gradebook(db_url) as gb:
        try:
            known = bool(gb.find_assignment(assignment).notebooks)
        except MissingEntry:
            known = False
    if not known:
        result = generate_exercises(root, [assignment])[assignment]
        if not result.get("success"):
            raise CourseError(f"could not create assignment {assignment!r} from solutions/: {result.get('error') or result.get('log')}")


def submitted_students(root: Path, assignment: str, submitted_dir: str) -> list[str]:
    base = root / submitted_dir
    if not base.is_dir():
        return []
    return sorted(p.name for p in base.iterdir() if (p / assignment).is_dir() and not p.name.startswith("."))


def copy_scores(main_url: str, worker_url: str, assignment: str, student: str) -> tuple[float, float]:
    """Copies one student's autograde results from a worker's gradebook into the course's.

    Creates the student and submission as nbgrader's autograde would, then sets every grade's
    auto_score and needs_manual_grade and every comment's auto_comment. Returns (score, max).
    Manual scores a trainer already gave are kept, as nbgrader keeps them.
    """
    from nbgrader.api import Gradebook

    with Gradebook(worker_url) as worker, Gradebook(main_url) as main:
        done = worker.find_submission(assignment, student)
        main.update_or_create_student(student)
        kwargs = {"timestamp": done.timestamp} if done.timestamp else {}
        main.update_or_create_submission(assignment, student, **kwargs)
        for nb in done.notebooks:
            target = main.find_submission_notebook(nb.name, assignment, student)
            target.flagged = nb.flagged
            target.late_submission_penalty = nb.late_submission_penalty
            for grade in nb.grades:
                g = main.find_grade(grade.name, nb.name, assignment, student)
                g.auto_score = grade.auto_score
                g.needs_manual_grade = grade.needs_manual_grade
            for comment in nb.comments:
                c = main.find_comment(comment.name, nb.name, assignment, student)
                c.auto_comment = comment.auto_comment
        main.db.commit()
        submission = main.find_submission(assignment, student)
        return float(submission.score), float(submission.max_score)


# ------------------------------------------------------------------ worker processes

_WORKER: dict = {}


def _quiet_sqlalchemy() -> None:
    """nbgrader's gradebook code makes SQLAlchemy warn about its own session use: noise to a trainer."""
    import warnings

    from sqlalchemy.exc import SAWarning

    warnings.filterwarnings("ignore", category=SAWarning)


def _start_worker(root: str, timeout: int, quiet: bool) -> None:
    """Runs once in each worker: imports nbgrader and builds its API for this course."""
    import logging

    if quiet:
        logging.disable(logging.WARNING)
    _quiet_sqlalchemy()
    # Once the last cell has run, the kernel is of no more use: stop it at once instead of
    # waiting (about 3 s here) for a graceful shutdown. Results are already in the notebook.
    config = load_config(Path(root), Execute={"timeout": timeout, "shutdown_kernel": "immediate"})
    _WORKER["api"] = nbgrader_api(Path(root), config)


def _autograde_in_worker(assignment: str, student: str, snapshot: str, scratch: str) -> dict:
    """Autogrades one submission into a private copy of the gradebook; returns nbgrader's result."""
    db = Path(scratch) / f"{student}.db"
    shutil.copyfile(snapshot, db)
    api = _WORKER["api"]
    api.coursedir.db_url = f"sqlite:///{db}"
    try:
        result = api.autograde(assignment, student, force=True, create=True)
    except Exception as exc:  # nbgrader normally reports errors in the result; be safe
        result = {"success": False, "error": f"{type(exc).__name__}: {exc}"}
    return {"student": student, "db_url": f"sqlite:///{db}", **{k: result.get(k) for k in ("success", "error", "log")}}


def _last_line(text: str | None) -> str:
    lines = [line.strip() for line in (text or "").strip().splitlines() if line.strip()]
    return lines[-1] if lines else "unknown error"


def _notes_from_autograded(root: Path, autograded_dir: str, assignment: str, student: str, timeout: int) -> list[str]:
    """What the executed notebook shows: cells that timed out, raised an error, or printed too much."""
    import nbformat

    from .execute import TEXT_LIMIT, was_cut

    notes = []
    for path in sorted((root / autograded_dir / student / assignment).glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        for n, cell in enumerate(nb.cells, start=1):
            if cell.cell_type != "code":
                continue
            meta = cell.metadata.get("nbgrader", {})
            name = f"'{meta['grade_id']}'" if meta.get("grade_id") else f"{n}"
            is_test = meta.get("grade") and not meta.get("solution")
            for out in cell.get("outputs", []):
                if out.get("output_type") == "error":
                    if out.get("ename") == "CellTimeoutError":
                        notes.append(f"cell {name} ran longer than {timeout} s and was stopped")
                    elif not is_test:
                        notes.append(f"cell {name} raised {out.get('ename')}: {_short(out.get('evalue'))}")
                text = out.get("text", "")
                if isinstance(text, str) and "... Output truncated ..." in text:
                    notes.append(f"cell {name} printed so much output that it was cut short")
            if was_cut(cell.get("outputs", [])):
                notes.append(f"cell {name} printed so much output that it was cut short (at {TEXT_LIMIT:,} characters)")
    return list(dict.fromkeys(notes))


def _short(text: str | None, limit: int = 80) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


# ------------------------------------------------------------------ the whole class


def grade(
    root: Path,
    assignment: str,
    jobs: int | None = None,
    timeout: int = 30,
    students: list[str] | None = None,
    on_done: Callable[[Outcome], None] | None = None,
    progress: bool = True,
) -> list[Outcome]:
    """Autogrades every submission of `assignment` (or only `students`) and returns the outcomes,
    in student order. `on_done` is called as each submission finishes."""
    from tqdm import tqdm

    from .sandbox import isolation

    tools_on_path()
    _quiet_sqlalchemy()
    isolation()  # tried once here, before the workers fork, so that they share the answer
    config = load_config(root)
    api = nbgrader_api(root, config)
    coursedir = api.coursedir
    if assignment not in [p.name for p in (root / coursedir.source_directory).iterdir() if p.is_dir()]:
        raise CourseError(f"no assignment {assignment!r} in {coursedir.source_directory}/")
    main_url = coursedir.db_url
    ensure_assignment(root, assignment, main_url)
    everyone = submitted_students(root, assignment, coursedir.submitted_directory)
    names = students or everyone
    missing = [s for s in names if s not in everyone]
    if missing:
        raise CourseError(f"no submission of {assignment} for {', '.join(missing)} in {coursedir.submitted_directory}/")

    release = root / coursedir.release_directory / assignment
    outcomes: dict[str, Outcome] = {}
    checks: dict[str, Precheck] = {}
    for student in names:
        check = precheck_submission(root / coursedir.submitted_directory / student / assignment, release)
        checks[student] = check
        if check.problems:
            outcomes[student] = Outcome(student, graded=False, problems=check.problems, notes=check.notes)

    todo = [s for s in names if s not in outcomes]
    jobs = max(1, min(jobs or os.cpu_count() or 1, len(todo) or 1))
    # Without a terminal (a log, CI) a progress bar is only redraws: leave it out.
    bar = tqdm(total=len(names), desc=f"Grading {assignment}", unit="submission", disable=not progress or not sys.stderr.isatty(), mininterval=1.0)
    bar.update(len(outcomes))
    for outcome in outcomes.values():
        if on_done:
            on_done(outcome)

    with tempfile.TemporaryDirectory(prefix="hrdtrain-grade-") as scratch:
        snapshot = Path(scratch) / "snapshot.db"
        shutil.copyfile(_db_path(main_url), snapshot)
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_start_worker, initargs=(str(root), timeout, True)) as pool:
            futures = {pool.submit(_autograde_in_worker, assignment, s, str(snapshot), scratch): s for s in todo}
            for future in as_completed(futures):
                student = futures[future]
                try:
                    result = future.result()
                except Exception as exc:  # a worker died (e.g. killed): report, go on
                    result = {"success": False, "error": f"the grading process stopped: {type(exc).__name__}: {exc}"}
                notes = list(checks[student].notes)
                if result.get("success"):
                    score, max_score = copy_scores(main_url, result["db_url"], assignment, student)
                    notes += _notes_from_autograded(root, coursedir.autograded_directory, assignment, student, timeout)
                    outcome = Outcome(student, graded=True, score=score, max_score=max_score, notes=notes)
                else:
                    outcome = Outcome(student, graded=False, problems=[f"nbgrader could not grade it: {_last_line(result.get('error') or result.get('log'))}"], notes=notes)
                outcomes[student] = outcome
                bar.update(1)
                if on_done:
                    on_done(outcome)
    bar.close()
    return [outcomes[s] for s in names]
