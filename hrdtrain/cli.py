"""The `hrdtrain` command: one verb per step of a facilitator's or trainer's workflow.

Each verb is a thin wrapper over a library function. The library never imports this module,
and heavy modules (nbgrader, pandas, matplotlib) are imported only by the verbs that need them.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Callable, Sequence

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


# name -> (function, one-line help, description with an example)
VERBS: dict[str, tuple[Callable[[argparse.Namespace], int], str, str]] = {
    "validate": (
        cmd_validate,
        "check content YAML files and report every problem",
        "Checks the built-in question bank, or the YAML files and folders you name, against the\n"
        "content schema. Prints one line per problem (file:line: item: field: what is wrong) and\n"
        "exits 1 if there is any problem, 0 if all is valid.\n\n"
        "Examples:\n  hrdtrain validate\n  hrdtrain validate my-country-notes.yaml content/",
    ),
    "list": (
        cmd_list,
        "list quiz items as ID<TAB>TYPE<TAB>SOURCE",
        "Prints every item of the bank (or of the files you name), one per line: its id, its type\n"
        "and the source it rests on.\n\n"
        "Examples:\n  hrdtrain list\n  hrdtrain list --section 3.4\n  hrdtrain list | cut -f1",
    ),
    "schema": (
        cmd_schema,
        "print the JSON Schema of a quiz item",
        "Prints the content format as JSON Schema, with a description of every field, for\n"
        "content authors and editors that understand JSON Schema.\n\n"
        "Example:\n  hrdtrain schema > item.schema.json",
    ),
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="hrdtrain",
        description="Tools for the hrdtrain course: check and list its content.",
        epilog="Run 'hrdtrain VERB --help' for what each verb does, with examples.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = parser.add_subparsers(dest="verb", metavar="VERB")
    for name, (func, help_text, description) in VERBS.items():
        p = sub.add_parser(name, help=help_text, description=description, formatter_class=argparse.RawDescriptionHelpFormatter)
        p.set_defaults(func=func)
        if name in ("validate", "list"):
            p.add_argument("paths", nargs="*", metavar="PATH", help="YAML files or folders (default: the built-in bank)")
        if name == "list":
            p.add_argument("--section", help="only items of this section, e.g. 3 or 3.4")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return EXIT_USAGE
    try:
        return args.func(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # e.g. `hrdtrain list | head`
        sys.stderr.close()
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
