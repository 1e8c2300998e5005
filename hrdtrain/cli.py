"""The `hrdtrain` command: one verb per step of a facilitator's or trainer's workflow.

Each verb is a thin wrapper over a library function. The library never imports this module,
and heavy modules (nbgrader, pandas, matplotlib) are imported only by the verbs that need them.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any, Callable, NamedTuple, Sequence

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


def cmd_validate(args: argparse.Namespace) -> int:
    from .bank import load

    bank, problems = load(args.paths or None)
    for p in problems:
        print(p, file=sys.stderr)
    if problems:
        n = len(problems)
        print(f"{n} problem{'s' if n != 1 else ''} found; {len(bank)} item(s) valid.", file=sys.stderr)
        return EXIT_PROBLEMS
    print(f"OK: {len(bank)} items valid.")
    return EXIT_OK


def cmd_list(args: argparse.Namespace) -> int:
    from .bank import load

    bank, problems = load(args.paths or None)
    for item in bank:
        if args.section and not (item.section == args.section or item.section.startswith(args.section + ".")):
            continue
        print(f"{item.id}\t{item.type}\t{item.source}")
    for p in problems:
        print(p, file=sys.stderr)
    return EXIT_PROBLEMS if problems else EXIT_OK


def cmd_schema(args: argparse.Namespace) -> int:
    from pydantic import TypeAdapter

    from .schema import Item

    print(json.dumps(TypeAdapter(Item).json_schema(), indent=2, ensure_ascii=False))
    return EXIT_OK


def cmd_exercises(args: argparse.Namespace) -> int:
    from .grading.course import find_course_root, generate_exercises

    results = generate_exercises(find_course_root(), args.assignments or None)
    failed = [name for name, r in results.items() if not r.get("success")]
    for name, result in results.items():
        if name in failed:
            print(f"{name}: FAILED\n{result.get('error') or result.get('log')}", file=sys.stderr)
        else:
            print(f"{name}: exercises/{name}/ written from solutions/{name}/")
    return EXIT_PROBLEMS if failed else EXIT_OK


def _print_outcome(outcome) -> None:
    """One line per student as their submission finishes; notes and problems indented below."""
    from tqdm import tqdm

    if outcome.graded:
        tqdm.write(f"  {outcome.student:<20} {outcome.score:g} / {outcome.max_score:g}")
    else:
        tqdm.write(f"  {outcome.student:<20} NOT GRADED")
    for line in outcome.problems + outcome.notes:
        tqdm.write(f"  {'':<20}   - {line}")


def cmd_grade(args: argparse.Namespace) -> int:
    from .grading.autograde import grade
    from .grading.course import find_course_root

    outcomes = grade(find_course_root(), args.assignment, jobs=args.jobs, timeout=args.timeout, students=args.student or None, on_done=_print_outcome, progress=not args.no_progress)
    graded = [o for o in outcomes if o.graded]
    failed = [o for o in outcomes if not o.graded]
    noted = [o for o in graded if o.notes]
    print(f"\n{args.assignment}: {len(graded)} of {len(outcomes)} submission(s) graded; {len(failed)} not graded; {len(noted)} graded with notes.")
    if graded:
        print("Scores are in gradebook.db (formgrader, `nbgrader export`, `hrdtrain report`). Written answers wait for manual grading in formgrader.")
    for o in failed:
        print(f"NOT GRADED {o.student}: {'; '.join(o.problems)}", file=sys.stderr)
    if not outcomes:
        print(f"No submissions of {args.assignment} in submitted/<student>/{args.assignment}/.", file=sys.stderr)
    return EXIT_PROBLEMS if failed else EXIT_OK


def cmd_feedback(args: argparse.Namespace) -> int:
    from .grading.course import find_course_root
    from .grading.feedback import generate_feedback

    results = generate_feedback(find_course_root(), args.assignment, args.student or None)
    failed = {s: r for s, r in results.items() if not r.get("success")}
    for student in results:
        if student not in failed:
            print(f"  {student:<20} feedback/{student}/{args.assignment}/")
    for student, r in failed.items():
        print(f"NO FEEDBACK {student}: {(r.get('error') or r.get('log') or '').strip().splitlines()[-1:] or ['unknown error']}", file=sys.stderr)
    print(f"{args.assignment}: feedback for {len(results) - len(failed)} of {len(results)} submission(s). Hidden tests are never shown in it.")
    return EXIT_PROBLEMS if failed or not results else EXIT_OK


def cmd_report(args: argparse.Namespace) -> int:
    from pathlib import Path

    from .grading.course import find_course_root
    from .grading.report import write_report

    root = find_course_root()
    paths = write_report(root, Path(args.out) if args.out else root / "reports")
    for path in paths:
        print(path)
    return EXIT_OK


def cmd_progress(args: argparse.Namespace) -> int:
    from .bank import default_bank
    from .progress import summary, text_report
    from .store import ProgressStore

    data = summary(ProgressStore().answers(), default_bank())
    print(json.dumps(data, indent=1, ensure_ascii=False) if args.json else text_report(data))
    return EXIT_OK


def cmd_erase(args: argparse.Namespace) -> int:
    from .store import ProgressStore

    store = ProgressStore()
    if not store.path.exists():
        print(f"Nothing to erase: there is no progress stored in {store.home}.")
        return EXIT_OK
    if not args.yes:
        if not sys.stdin.isatty():
            print("hrdtrain erase: not erasing without confirmation; run it in a terminal, or add --yes", file=sys.stderr)
            return EXIT_PROBLEMS
        reply = input(f"Erase all your recorded answers in {store.home}? This cannot be undone. Type 'yes' to erase: ")
        if reply.strip().lower() != "yes":
            print("Nothing erased.")
            return EXIT_OK
    removed = store.erase()
    print(f"Erased {len(removed)} file(s): your recorded answers are gone from {store.home}.")
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    from pathlib import Path

    from .export import anonymous_export, write_export
    from .store import ProgressStore

    if not args.anonymous:
        print("hrdtrain export: only anonymous exports exist; write: hrdtrain export --anonymous FILE", file=sys.stderr)
        return EXIT_USAGE
    try:
        data = anonymous_export(ProgressStore().answers())
        path = write_export(data, Path(args.file))
    except FileExistsError:
        print(f"hrdtrain export: {args.file} already exists; it is never overwritten: choose another name", file=sys.stderr)
        return EXIT_PROBLEMS
    except OSError as exc:
        print(f"hrdtrain export: {exc}", file=sys.stderr)
        return EXIT_PROBLEMS
    print(f"Wrote {len(data['answers'])} answer(s) to {path}: item ids, choices, right or wrong, tries and days only, under a random id made for this file.")
    return EXIT_OK


def cmd_group(args: argparse.Namespace) -> int:
    from .bank import default_bank
    from .group import group_summary, load_exports, text_report

    summary = group_summary(load_exports(args.files))
    print(text_report(summary, default_bank()))
    return EXIT_OK


def cmd_handouts(args: argparse.Namespace) -> int:
    from pathlib import Path

    from .handouts import build_handouts

    paths = build_handouts(Path(args.outdir), progress=not args.no_progress)
    print(f"Wrote {len(paths)} page(s) to {args.outdir}: open {Path(args.outdir) / 'index.html'} in a browser and print.")
    return EXIT_OK


def cmd_notes(args: argparse.Namespace) -> int:
    from pathlib import Path

    from .country_notes import ENV_VAR, check
    from .text_files import plain, wrap

    notes, problems = check(args.file)
    for p in problems:
        print(p, file=sys.stderr)
    if notes is None:
        n = len(problems)
        print(f"{n} problem{'s' if n != 1 else ''} found; the course shows none of these notes until they are fixed.", file=sys.stderr)
        return EXIT_PROBLEMS
    by = f", prepared by {notes.prepared_by}" if notes.prepared_by else ""
    print(f"OK: {len(notes.notes)} note(s) for {notes.country}{by}, checked on {notes.checked_on}.")
    for note in notes.notes:
        print(f"\n{note.item}")
        print("\n".join(wrap(plain(note.note), "  ")))
        print("\n".join(wrap(f"Law: {note.law}", "  ", "       ")))
        if note.caution:
            print("\n".join(wrap(f"Caution: {plain(note.caution)}", "  ", "           ")))
    print(f"\nTo show these notes in the quizzes, start the course with:\n  {ENV_VAR}=\"{Path(args.file).resolve()}\" make lab")
    return EXIT_OK


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected 1 or more, got {value}")
    return value


def arg(*flags: str, **options: Any) -> tuple[tuple[str, ...], dict[str, Any]]:
    """One command-line argument of a verb, as argparse's add_argument takes it."""
    return flags, options


class Verb(NamedTuple):
    run: Callable[[argparse.Namespace], int]
    help: str
    description: str
    arguments: tuple = ()


PATHS = arg("paths", nargs="*", metavar="PATH", help="YAML files or folders (default: the built-in bank)")
ASSIGNMENT = arg("assignment", metavar="ASSIGNMENT", help="the assignment's name, as in solutions/")
STUDENT = arg("--student", action="append", metavar="ID", help="only this student (repeat for several)")

# name -> what it runs, one-line help, a description with examples, its arguments
VERBS: dict[str, Verb] = {
    "validate": Verb(
        cmd_validate,
        "check content YAML files and report every problem",
        "Checks the built-in question bank, or the YAML files and folders you name, against the\n"
        "content schema. Prints one line per problem (file:line: item: field: what is wrong) and\n"
        "exits 1 if there is any problem, 0 if all is valid.\n\n"
        "Examples:\n  hrdtrain validate\n  hrdtrain validate hrdtrain/content/03_police_enforcing_the_law.yaml\n"
        "(A country notes file is checked with `hrdtrain notes FILE`.)",
        (PATHS,),
    ),
    "list": Verb(
        cmd_list,
        "list quiz items as ID<TAB>TYPE<TAB>SOURCE",
        "Prints every item of the bank (or of the files you name), one per line: its id, its type\n"
        "and the source it rests on.\n\n"
        "Examples:\n  hrdtrain list\n  hrdtrain list --section 3.4\n  hrdtrain list | cut -f1",
        (PATHS, arg("--section", help="only items of this section, e.g. 3 or 3.4")),
    ),
    "notes": Verb(
        cmd_notes,
        "check a country notes file (domestic law) and list its notes",
        "Checks a country notes file: the notes on domestic law that a facilitator adds to the\n"
        "quizzes for one country (see docs/examples/country-notes-example.yaml). Prints one line\n"
        "per problem (file:line: item: field: what is wrong), including ids that are not in the\n"
        "course, and exits 1; or lists every note and exits 0. The quizzes show the notes of the\n"
        "file named in the environment variable HRDTRAIN_COUNTRY_NOTES.\n\n"
        "Examples:\n  hrdtrain notes docs/examples/country-notes-example.yaml\n"
        "  HRDTRAIN_COUNTRY_NOTES=\"$PWD/my-country-notes.yaml\" make lab",
        (arg("file", metavar="FILE", help="the country notes file (YAML)"),),
    ),
    "schema": Verb(
        cmd_schema,
        "print the JSON Schema of a quiz item",
        "Prints the content format as JSON Schema, with a description of every field, for\n"
        "content authors and editors that understand JSON Schema.\n\n"
        "Example:\n  hrdtrain schema > item.schema.json",
        (),
    ),
    "exercises": Verb(
        cmd_exercises,
        "regenerate exercises/ from solutions/ with nbgrader",
        "Runs nbgrader's generate_assignment for the assignments you name (default: all in\n"
        "solutions/): writes the learners' version to exercises/ and records the assignment in\n"
        "the course's gradebook. Run it in the course folder after changing a solutions notebook,\n"
        "and commit exercises/ with it (a test fails when they drift apart).\n\n"
        "Examples:\n  hrdtrain exercises\n  hrdtrain exercises 03_police_enforcing_the_law",
        (arg("assignments", nargs="*", metavar="ASSIGNMENT", help="assignment names (default: all)"),),
    ),
    "progress": Verb(
        cmd_progress,
        "show your own progress (from this computer's private store)",
        "Prints how many answers you have recorded, per notebook and per part of the frame\n"
        "(law / attitude / communication), and the items to revisit. --json prints the same as\n"
        "JSON (attempts, items_answered, sections, tags, revisit, self_assessment).\n\n"
        "Examples:\n  hrdtrain progress\n  hrdtrain progress --json",
        (arg("--json", action="store_true", help="print JSON"),),
    ),
    "erase": Verb(
        cmd_erase,
        "delete all your recorded answers (asks first)",
        "Deletes the private progress store ($HRDTRAIN_HOME, or ~/.hrdtrain) after you type 'yes';\n"
        "--yes skips the question.\n\n"
        "Examples:\n  hrdtrain erase\n  hrdtrain erase --yes",
        (arg("--yes", action="store_true", help="do not ask for confirmation"),),
    ),
    "export": Verb(
        cmd_export,
        "write an anonymous export of your answers for a facilitator",
        "Writes FILE with, per answer: item id, what was chosen, right or wrong, which try and the\n"
        "day, under a random id made for this file. No name, user name, computer name, folder,\n"
        "time of day or free text. Never overwrites a file.\n\n"
        "Example:\n  hrdtrain export --anonymous /media/usb/my-answers.json",
        (arg("--anonymous", action="store_true", help="the only kind of export: required"), arg("file", metavar="FILE", help="the file to write (never overwritten)")),
    ),
    "group": Verb(
        cmd_group,
        "show how a group answered, from learners' anonymous exports",
        "Reads export files (or folders of them) and prints the items most learners got wrong,\n"
        "with each item's debrief note, then every item's results and the self-assessment.\n"
        "notebooks/facilitator_dashboard.ipynb shows the same with charts.\n\n"
        "Examples:\n  hrdtrain group /media/usb/*.json\n  hrdtrain group exports/",
        (arg("files", nargs="+", metavar="FILE", help="export files, or folders of them"),),
    ),
    "handouts": Verb(
        cmd_handouts,
        "write printable handouts, an answer key and role cards",
        "Builds, from the notebooks and the content YAML, one print-ready HTML page per section\n"
        "notebook (text, case studies, Reflect prompts, key points, every quiz item as a question\n"
        "without its answer), a facilitator answer key (answers, feedback, sources), and role cards\n"
        "for every role play, in OUTDIR.\n\n"
        "Example:\n  hrdtrain handouts handouts/",
        (arg("outdir", metavar="OUTDIR", help="the folder to write the pages to"), arg("--no-progress", action="store_true", help="no progress bar")),
    ),
    "grade": Verb(
        cmd_grade,
        "autograde every submission of an assignment, several at a time",
        "Autogrades submitted/<student>/ASSIGNMENT/ for every student (or --student ...) with\n"
        "nbgrader, N submissions at a time, with a progress bar. A damaged notebook, a deleted or\n"
        "changed graded cell, a cell that runs too long or raises an error is reported for that\n"
        "student; the rest of the class is still graded. Scores go to gradebook.db, where\n"
        "formgrader and `nbgrader export` find them. On a fresh clone the assignment is first\n"
        "created in the gradebook from solutions/. Exits 1 if any submission could not be graded.\n\n"
        "Examples:\n  hrdtrain grade 03_police_enforcing_the_law\n  hrdtrain grade 03_police_enforcing_the_law --jobs 4 --timeout 60\n"
        "  hrdtrain grade 03_police_enforcing_the_law --student p07 --student p12",
        (
            ASSIGNMENT,
            STUDENT,
            arg("--jobs", type=_positive_int, default=None, metavar="N", help="submissions graded at once (default: the number of cores)"),
            arg("--timeout", type=_positive_int, default=30, metavar="SECONDS", help="stop a cell that runs longer than this (default: 30)"),
            arg("--no-progress", action="store_true", help="no progress bar (e.g. in scripts)"),
        ),
    ),
    "feedback": Verb(
        cmd_feedback,
        "write feedback pages for every graded submission",
        "Writes feedback/<student>/ASSIGNMENT/*.html for every autograded submission (or --student\n"
        "...), with scores, the learner's answers, and the visible checks' messages. Hidden tests\n"
        "and their tracebacks are never shown. Grade written answers in formgrader first.\n\n"
        "Example:\n  hrdtrain feedback 03_police_enforcing_the_law",
        (ASSIGNMENT, STUDENT),
    ),
    "report": Verb(
        cmd_report,
        "write a class report (CSV and an HTML page with charts)",
        "Reads the gradebook and writes scores.csv, questions.csv and index.html (score\n"
        "distribution per assignment, how hard each question was, results by law / attitude /\n"
        "communication) to --out (default: reports/).\n\n"
        "Examples:\n  hrdtrain report\n  hrdtrain report --out /media/usb/class-report",
        (arg("--out", metavar="DIR", help="where to write the report (default: reports/)"),),
    ),
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="hrdtrain",
        description="Tools for the hrdtrain course: check and list its content; generate, grade and report on the nbgrader assignments.",
        epilog="Run 'hrdtrain VERB --help' for what each verb does, with examples.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = parser.add_subparsers(dest="verb", metavar="VERB")
    for name, verb in VERBS.items():
        p = sub.add_parser(name, help=verb.help, description=verb.description, formatter_class=argparse.RawDescriptionHelpFormatter)
        p.set_defaults(func=verb.run)
        for flags, options in verb.arguments:
            p.add_argument(*flags, **options)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return EXIT_USAGE
    from .errors import ReportedError

    try:
        return args.func(args)
    except ReportedError as exc:  # a message for the user (a wrong folder, an unreadable file...)
        print(f"hrdtrain {args.verb}: {exc}", file=sys.stderr)
        return EXIT_PROBLEMS
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # e.g. `hrdtrain list | head`
        sys.stderr.close()
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
