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
    from .translations import split_paths, validate_translations

    content_paths, translation_paths = split_paths(args.paths or [])
    bank, problems = load(content_paths or None) if content_paths or not translation_paths else (load([])[0], [])
    problems += validate_translations(translation_paths if args.paths else None)
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
    from .grading.sandbox import isolation

    root = find_course_root()
    where = isolation()
    print(where.message, flush=True)
    if not where.sandbox:
        print(where.message, file=sys.stderr, flush=True)
    outcomes = grade(root, args.assignment, jobs=args.jobs, timeout=args.timeout, students=args.student or None, on_done=_print_outcome, progress=not args.no_progress)
    graded = [o for o in outcomes if o.graded]
    failed = [o for o in outcomes if not o.graded]
    noted = [o for o in graded if o.notes]
    print(f"\n{args.assignment}: {len(graded)} of {len(outcomes)} submission(s) graded; {len(failed)} not graded; {len(noted)} graded with notes.")
    if graded:
        print("Scores are in gradebook.db (formgrader, `nbgrader export`, `hrdtrain report`). Written answers wait for manual grading in formgrader.")
    if noted:
        print("Graded, but look at these in formgrader (timeouts, errors, deleted or changed cells, output cut):")
        for o in noted:
            print(f"  CHECK {o.student}: {'; '.join(o.notes)}")
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
    waiting = [s for s, r in results.items() if r.get("waiting")]
    if waiting:
        print(
            f"WARNING: written answers of {len(waiting)} learner(s) are not graded yet ({', '.join(waiting)}): their pages show them as "
            "waiting, not as 0. Grade them in formgrader, then run this command again.",
            file=sys.stderr,
        )
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


def cmd_site(args: argparse.Namespace) -> int:
    from pathlib import Path

    from .site_build import build_site

    result = build_site(Path(args.outdir))
    print(f"Browser edition written to {result.out}: {result.size_bytes / 1e6:.0f} MB in {result.seconds:.0f} s.")
    print(f"Serve it with: python -m http.server 8000 --directory {result.out}")
    print("then open http://127.0.0.1:8000/ (in a room: http://<this computer's address>:8000/).")
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
    if not store.exists():
        print(f"Nothing to erase: there is no progress stored in {store.home}.")
        return EXIT_OK
    if not args.yes:
        if not sys.stdin.isatty():
            print("hrdtrain erase: not erasing without confirmation; run it in a terminal, or add --yes", file=sys.stderr)
            return EXIT_PROBLEMS
        try:
            reply = input(f"Erase all your recorded answers in {store.home}? This cannot be undone. Type 'yes' to erase: ")
        except EOFError:
            reply = ""
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
    print(
        f"Wrote {len(data['items'])} item(s) to {path}: per item, the first and the latest choice, right or wrong, how many answers "
        "and the day of the first, under a random id made for this file. Two exports of yours can be matched by their answers."
    )
    return EXIT_OK


def cmd_group(args: argparse.Namespace) -> int:
    from .bank import default_bank
    from .group import group_summary, load_exports, text_report
    from .terminal_text import echo

    loaded = load_exports(args.files)
    for problem in loaded.problems:  # already one cleaned line each
        echo(f"hrdtrain group: {problem}", file=sys.stderr)
    if not loaded.exports:
        echo("hrdtrain group: no usable export files, so there are no results to show", file=sys.stderr)
        return EXIT_PROBLEMS
    echo(text_report(group_summary(loaded.exports), default_bank()))
    return EXIT_PROBLEMS if loaded.problems else EXIT_OK


def cmd_handouts(args: argparse.Namespace) -> int:
    from pathlib import Path

    from .handouts import build_handouts

    paths, replaced = build_handouts(Path(args.outdir), progress=not args.no_progress, language=args.lang)
    again = ", replacing the handouts that were there" if replaced else ""
    print(f"Wrote {len(paths)} page(s) to {args.outdir}{again}: open {Path(args.outdir) / 'index.html'} in a browser and print.")
    return EXIT_OK


def cmd_notes(args: argparse.Namespace) -> int:
    from pathlib import Path

    from .country_notes import ENV_VAR, check
    from .terminal_text import clean, echo
    from .text_files import plain, wrap

    # Everything printed here comes from the file: each value is cleaned of terminal control
    # characters before it is wrapped, so a note cannot clear the screen or forge a line.
    notes, problems = check(args.file)
    for p in problems:
        echo(clean(p), file=sys.stderr)
    if notes is None:
        n = len(problems)
        print(f"{n} problem{'s' if n != 1 else ''} found; the course shows none of these notes until they are fixed.", file=sys.stderr)
        return EXIT_PROBLEMS
    by = f", prepared by {clean(notes.prepared_by)}" if notes.prepared_by else ""
    echo(f"OK: {len(notes.notes)} note(s) for {clean(notes.country)}{by}, checked on {clean(notes.checked_on)}.")
    for note in notes.notes:
        echo(f"\n{clean(note.item)}")
        echo("\n".join(wrap(clean(plain(note.note)), "  ")))
        echo("\n".join(wrap(f"Law: {clean(note.law)}", "  ", "       ")))
        if note.caution:
            echo("\n".join(wrap(f"Caution: {clean(plain(note.caution))}", "  ", "           ")))
    echo(f"\nTo show these notes in the quizzes, start the course with:\n  {ENV_VAR}=\"{clean(Path(args.file).resolve())}\" make lab")
    return EXIT_OK


def cmd_translations(args: argparse.Namespace) -> int:
    from . import translations as tr
    from .terminal_text import echo

    words = list(args.words)
    if words and words[0] == "template":
        if len(words) != 2:
            print("hrdtrain translations template: name one language, e.g. hrdtrain translations template es", file=sys.stderr)
            return EXIT_USAGE
        language = words[1]
        if language not in tr.LANGUAGES or language == tr.DEFAULT_LANGUAGE:
            print(f"hrdtrain translations template: '{language}' is not a language to translate into; offered: {', '.join(c for c in tr.LANGUAGES if c != 'en')}", file=sys.stderr)
            return EXIT_USAGE
        report = tr.template(language, section=args.section)
        if not report.written:
            print(f"hrdtrain translations template: no English file belongs to section '{args.section}'; sections are 0-7 and interface", file=sys.stderr)
            return EXIT_USAGE
        for rel in report.written:
            echo(f"wrote hrdtrain/translations/{rel}")
        echo(f"{report.kept} translated entries kept, {report.marked_stale} marked stale (the English changed), {report.added} new entries to fill.")
        for where in report.dropped:
            echo(f"dropped {': '.join(where)}: the English has no such field any more")
        return EXIT_OK
    if words and words[0] == "notebooks":
        from . import translated_notebooks

        for path in translated_notebooks.write_all():
            echo(f"wrote {path}")
        return EXIT_OK
    languages = words or [code for code in tr.LANGUAGES if code != tr.DEFAULT_LANGUAGE]
    unknown = [w for w in languages if w not in tr.LANGUAGES or w == tr.DEFAULT_LANGUAGE]
    if unknown:
        print(f"hrdtrain translations: '{unknown[0]}' is not a language to translate into; offered: {', '.join(c for c in tr.LANGUAGES if c != 'en')}", file=sys.stderr)
        return EXIT_USAGE
    incomplete = []
    for language in languages:
        st = tr.status(language)
        if st.missing or st.stale:
            incomplete.append(language)
        echo(
            f"{language} ({tr.LANGUAGES[language].name}): {st.share:.1%} translated ({st.translated} of {st.total} texts), "
            f"{len(st.missing)} missing, {len(st.stale)} stale"
        )
        for rel, (total, done, missing, stale) in st.per_file.items():
            if args.list or missing or stale:
                echo(f"  {rel}: {done}/{total} translated, {missing} missing, {stale} stale")
        if args.list:
            for file, group, path in st.stale:
                echo(f"  stale   {file}: {group}: {path}")
            for file, group, path in st.missing:
                echo(f"  missing {file}: {group}: {path}")
    if args.check and incomplete:
        echo(f"not complete: {', '.join(incomplete)} (--check)", file=sys.stderr)
        return EXIT_PROBLEMS
    return EXIT_OK


def cmd_start(args: argparse.Namespace) -> int:
    from .desktop import start_lab

    return start_lab(args.folder, port=args.port, open_browser=not args.no_browser, language=args.lang)


def cmd_quiz(args: argparse.Namespace) -> int:
    from .desktop import start_quiz

    return start_quiz(args.folder, port=args.port, open_browser=not args.no_browser, language=args.lang)


def cmd_hub(args: argparse.Namespace) -> int:
    from .hub import control, folder

    if args.action == "init":
        if not args.roster:
            print("hrdtrain hub init: name the roster: hrdtrain hub init ROSTER.csv --dir DIR", file=sys.stderr)
            return EXIT_USAGE
        made = folder.init_hub(args.roster, args.dir, venv=args.venv)
        settings = made.read_settings()
        print(f"Hub folder ready: {made.root}, {len(settings['participants'])} participant(s).")
        print(f"Print {made.passwords} (name, login, password) and hand each participant their line; then keep it locked away.")
        print(f"Start it with: hrdtrain hub start --dir {made.root}   (add --ip ADDRESS to serve a room)")
        return EXIT_OK
    if args.roster:
        print(f"hrdtrain hub {args.action}: takes no roster (only init does)", file=sys.stderr)
        return EXIT_USAGE
    if args.action == "start":
        url = control.start_hub(args.dir, ip=args.ip, port=args.port, cert=args.cert, key=args.key)
        print(f"The hub is running: participants open {url} and log in with their line of passwords.csv.")
        print(f"Stop it (and every participant's server) with: hrdtrain hub stop --dir {args.dir}")
        return EXIT_OK
    if args.action == "stop":
        was = control.stop_hub(args.dir)
        print("The hub and every participant's server have stopped." if was else "The hub was not running; nothing of its participants is left running.")
        return EXIT_OK
    removed = control.remove_hub(args.dir)
    print(f"Removed {len(removed)} account(s) made by this hub, with their home folders: {', '.join(removed) or 'none'}.")
    return EXIT_OK


def _kernels_line() -> str:
    from .desktop import describe_platform

    return describe_platform()


def _port(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a port number, got {text!r}") from None
    if not 1024 <= value <= 65535:
        raise argparse.ArgumentTypeError(f"expected a port from 1024 to 65535, got {value}")
    return value


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

COURSE_FOLDER = arg("folder", nargs="?", metavar="FOLDER", help="your course folder (default: hrdtrain-course in your home folder)")
NO_BROWSER = arg("--no-browser", action="store_true", help="do not open a web browser; open the printed address yourself")
PORT = arg("--port", type=_port, metavar="N", help="listen on this port of 127.0.0.1 (default: 8888, or the next free one)")
LANGUAGE = arg("--lang", choices=("en", "es", "ar"), help="the course's language: en (English), es (Español), ar (العربية); default: $HRDTRAIN_LANG, else en")

# name -> what it runs, one-line help, a description with examples, its arguments
VERBS: dict[str, Verb] = {
    "start": Verb(
        cmd_start,
        "open the course in JupyterLab (copies the notebooks into your course folder)",
        "Copies the course's notebooks into FOLDER/notebooks/ (default: hrdtrain-course in your home\n"
        "folder) and opens notebook 00 in JupyterLab in your web browser, with the course's settings:\n"
        "this computer only (127.0.0.1), a secret token, no news or update checks, notebooks saved\n"
        "without your answers. A notebook you changed is never overwritten: when the course has a new\n"
        "version of it, the new one is put beside yours, named '... (new version).ipynb', and you are\n"
        "told. The address to open, with its token, is printed on a line of its own. Press Ctrl+C to stop.\n\n"
        f"{_kernels_line()}\n\n"
        "Examples:\n  hrdtrain start\n  hrdtrain start D:\\course --port 8890\n  hrdtrain start --no-browser\n  hrdtrain start --lang es",
        (COURSE_FOLDER, NO_BROWSER, PORT, LANGUAGE),
    ),
    "quiz": Verb(
        cmd_quiz,
        "open the course in quiz mode: quizzes only, no code (Voila)",
        "Like `hrdtrain start`, but shows the notebooks with Voila: text, quizzes and tools, no code.\n"
        "Pick a notebook from the list in the browser. Only this computer can open it, with the\n"
        "secret token in the printed address; other web pages cannot run code in it. Press Ctrl+C to stop.\n\n"
        f"{_kernels_line()}\n\n"
        "Examples:\n  hrdtrain quiz\n  hrdtrain quiz --no-browser --port 8890\n  hrdtrain quiz --lang ar",
        (COURSE_FOLDER, NO_BROWSER, PORT, LANGUAGE),
    ),
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
    "translations": Verb(
        cmd_translations,
        "how complete each translation is; write the files to translate (template)",
        "Without a word: for each language (or those named), the share of learner-facing texts\n"
        "translated, how many are missing (learners see the English) and how many are stale (the\n"
        "English changed after they were translated), per file; --list names every missing and\n"
        "stale text (file: item: field).\n"
        "template LANG: writes or updates hrdtrain/translations/LANG/ (only the files of one\n"
        "section with --section 0-7 or interface): every English text gets an entry to fill; what\n"
        "is translated is kept; an entry whose English changed is marked stale.\n"
        "notebooks: regenerates notebooks/LANG/ from the English notebooks and the translations.\n"
        "See docs/translation-guide.md.\n\n"
        "Examples:\n  hrdtrain translations\n  hrdtrain translations es --list\n"
        "  hrdtrain translations template ar --section 3\n  hrdtrain translations notebooks\n  hrdtrain translations es ar --check",
        (
            arg("words", nargs="*", metavar="LANG | template LANG | notebooks", help="languages to report on (default: all), or template LANG, or notebooks"),
            arg("--section", metavar="S", help="template: only the files of this section (0-7, or interface)"),
            arg("--list", action="store_true", help="name every missing and stale text"),
            arg("--check", action="store_true", help="exit 1 unless every text of these languages is translated and none is stale (for CI)"),
        ),
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
        "notebooks/facilitator_dashboard.ipynb shows the same with charts. A file that is not a\n"
        "usable export gets one line naming it and what is wrong; the others are still read, and\n"
        "the exit status is then 1.\n\n"
        "Examples:\n  hrdtrain group /media/usb/*.json\n  hrdtrain group exports/",
        (arg("files", nargs="+", metavar="FILE", help="export files, or folders of them"),),
    ),
    "handouts": Verb(
        cmd_handouts,
        "write printable handouts, an answer key and role cards",
        "Builds, from the notebooks and the content YAML, one print-ready HTML page per section\n"
        "notebook (text, case studies, Reflect prompts, key points, every quiz item as a question\n"
        "without its answer), a facilitator answer key (answers, feedback, sources), and role cards\n"
        "for every role play, in OUTDIR: a new or empty folder, or one holding handouts written\n"
        "there before, which are then replaced. Other files are never overwritten, and a folder with\n"
        "a symbolic link in it is refused.\n\n"
        "With --lang es or ar, the whole set is in that language (pages right to left in Arabic).\n\n"
        "Example:\n  hrdtrain handouts handouts/\n  hrdtrain handouts handouts-es/ --lang es",
        (arg("outdir", metavar="OUTDIR", help="the folder to write the pages to"), arg("--no-progress", action="store_true", help="no progress bar"),
         arg("--lang", choices=["en", "es", "ar"], default=None, help="the language of the pages (default: HRDTRAIN_LANG, else English)")),
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
    "site": Verb(
        cmd_site,
        "build the browser edition (a static JupyterLite site) into OUTDIR",
        "Builds the course as static files that run in any browser, Python included (Pyodide),\n"
        "from a checkout of the course: everything comes from PyPI and npm (cached in .cache/site/),\n"
        "nothing from a CDN. OUTDIR is replaced. Needs the 'site' extra: pip install -e '.[site]'.\n\n"
        "Example:\n  hrdtrain site site && python -m http.server --directory site",
        (arg("outdir", metavar="OUTDIR", help="folder to write the site to (replaced)"),),
    ),
    "hub": Verb(
        cmd_hub,
        "a workshop server: JupyterHub for a room or an organisation (init, start, stop, remove)",
        "init ROSTER.csv: makes DIR from a roster (CSV: name,role; role learner or trainer): one\n"
        "system account per participant (hrd-NAME, own home, 0700), DIR/passwords.csv to print\n"
        "(owner-only), JupyterHub's configuration with its secrets (owner-only), the course for every\n"
        "account, nbgrader's exchange and the drop folder for anonymous results. Needs root.\n"
        "start: starts the hub in the background, on 127.0.0.1 unless --ip names another address;\n"
        "plain HTTP on a network address gets a warning; --cert/--key serve HTTPS.\n"
        "stop: stops the hub, its proxy and every participant's server.\n"
        "remove: stops it and deletes the accounts this hub made, with their homes.\n"
        "See docs/workshop-server.md.\n\n"
        "Examples:\n  sudo hrdtrain hub init roster.csv --dir /srv/hrdtrain-hub\n"
        "  sudo hrdtrain hub start --dir /srv/hrdtrain-hub --ip 192.168.1.10 --port 8000\n"
        "  sudo hrdtrain hub stop --dir /srv/hrdtrain-hub",
        (
            arg("action", choices=("init", "start", "stop", "remove"), help="what to do"),
            arg("roster", nargs="?", metavar="ROSTER.csv", help="init only: the roster (name,role)"),
            arg("--dir", required=True, metavar="DIR", help="the hub folder"),
            arg("--ip", default="127.0.0.1", metavar="IP", help="start: the address to serve on (default 127.0.0.1: this computer only)"),
            arg("--port", type=_port, default=8000, metavar="N", help="start: the port (default 8000)"),
            arg("--cert", metavar="FILE", help="start: TLS certificate (PEM), with --key"),
            arg("--key", metavar="FILE", help="start: the certificate's private key (PEM)"),
            arg("--venv", metavar="PATH", help="init: use this participants' venv (made before, readable by all) instead of making DIR/venv"),
        ),
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
        from .terminal_text import echo

        echo(f"hrdtrain {args.verb}: {exc}", file=sys.stderr)  # may quote a file: no control characters
        return EXIT_PROBLEMS
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # e.g. `hrdtrain list | head`
        sys.stderr.close()
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
