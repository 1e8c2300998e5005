"""The facilitator's view of a group: anonymous exports in, per-item results out. No server.

`load_exports` (hrdtrain.export_files) reads the files learners hand in, which may be hostile;
a file that is not a usable export gives one line naming it, and the others are still read.
`group_summary` counts, per item, how many learners answered, how many got it right at their
first try and at their latest, what they chose first, and how many answers they gave;
`hardest` lists the items most got wrong, each with its debrief note (the item's key point).
Self-assessment ratings give the before/after view.

Everything shown comes from files, so every text that reaches HTML is escaped, and the text
report is printed cleaned of terminal control characters (`hrdtrain.terminal_text.echo`).
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from .errors import ReportedError
from .export_files import ExportError, Loaded, load_exports, read_export  # noqa: F401  (the group view's way in)

@dataclass
class ItemResult:
    """One item across the group: learners who answered, right at first and latest try, each
    learner's number of answers (`tries`), and the first and latest answers given (as JSON)."""

    item_id: str
    item_type: str = ""
    learners: int = 0
    right_first: int = 0
    right_latest: int = 0
    tries: list[int] = field(default_factory=list)
    choices: Counter = field(default_factory=Counter)
    latest: Counter = field(default_factory=Counter)


def _key(answer: Any) -> str:
    return json.dumps(answer, sort_keys=True, ensure_ascii=False)


def group_summary(exports: list) -> dict[str, Any]:
    """Per item results and self-assessment ratings of a group of exports (export.ExportFile)."""
    items: dict[str, ItemResult] = {}
    ratings: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    for export in exports:
        for rec in export.items:
            r = items.setdefault(rec.item_id, ItemResult(rec.item_id, rec.item_type))
            r.learners += 1
            r.right_first += int(rec.first_correct)
            r.right_latest += int(rec.latest_correct)
            r.tries.append(rec.answers)
            r.choices[_key(rec.first_answer)] += 1
            r.latest[_key(rec.latest_answer)] += 1
        for phase, statements in export.self_assessment.items():
            for statement, rating in statements.items():
                ratings[phase][statement].append(rating)
    return {"learners": len(exports), "items": items, "self_assessment": {p: dict(s) for p, s in ratings.items()}}


def hardest(summary: dict[str, Any], n: int = 10, bank=None) -> list[ItemResult]:
    """The quiz items the fewest learners got right at their first try (role plays and workshops
    are left out when `bank` is given: their answers are decisions and drafts, not tries)."""
    from .answer_text import kind

    results = [r for r in summary["items"].values() if bank is None or kind(r.item_id, r.item_type, bank) == "quiz"]
    return sorted(results, key=lambda r: (r.right_first / r.learners, -r.learners, r.item_id))[:n]


def _of_kind(summary: dict[str, Any], bank, wanted: str) -> list[ItemResult]:
    from .answer_text import kind

    return sorted((r for r in summary["items"].values() if kind(r.item_id, r.item_type, bank) == wanted), key=lambda r: r.item_id)


def _title(r: ItemResult, bank) -> str:
    return bank.items[r.item_id].title if r.item_id in bank.items else r.item_id


def _endings(r: ItemResult, bank) -> Counter:
    """How many learners' latest path in a role play ended good, mixed, poor, or not yet."""
    from .answer_text import ending_of

    item = bank.items.get(r.item_id)
    endings: Counter = Counter()
    for key, n in r.latest.items():
        endings[ending_of(item, json.loads(key))] += n
    return endings


ENDINGS = ("good", "mixed", "poor", "unfinished")


def _mean(values: list[int]) -> float:
    return sum(values) / len(values) if values else 0.0


def text_report(summary: dict[str, Any], bank) -> str:
    """`hrdtrain group` output: the hardest quiz items with their debrief notes, every quiz item,
    the role plays and workshops apart, and the self-assessment."""
    from .answer_text import statement_text

    lines = [f"{summary['learners']} learner(s). Quiz items most got wrong at the first try, with the debrief note:", ""]
    for r in hardest(summary, bank=bank):
        note = " ".join(bank.get(r.item_id).key_point.split()) if r.item_id in bank.items else ""
        lines.append(f"  {r.item_id}  {_title(r, bank)}: {r.right_first} of {r.learners} right at first try, {r.right_latest} at their latest")
        if note:
            lines.append(f"      Debrief: {note}")
    quizzes = _of_kind(summary, bank, "quiz")
    if quizzes:
        lines += ["", "All quiz items (learners, right at first try, right at latest, mean tries):"]
        for r in quizzes:
            lines.append(f"  {r.item_id:<40} {r.learners:>3} {r.right_first:>4} {r.right_latest:>4} {_mean(r.tries):>5.1f}")
    roleplays = _of_kind(summary, bank, "roleplay")
    if roleplays:
        lines += ["", "Role plays (learners; where their latest path ended: good, mixed, poor, not finished):"]
        for r in roleplays:
            e = _endings(r, bank)
            lines.append(f"  {r.item_id:<40} {r.learners:>3}   {e['good']} good, {e['mixed']} mixed, {e['poor']} poor, {e['unfinished']} not finished")
    workshops = _of_kind(summary, bank, "workshop")
    if workshops:
        lines += ["", "Workshops (learners; latest draft with no sentence to avoid and no pitfall; mean checks):"]
        for r in workshops:
            lines.append(f"  {r.item_id:<40} {r.learners:>3}   {r.right_latest} of {r.learners}   {_mean(r.tries):.1f} checks")
    if summary["self_assessment"]:
        lines += ["", "Self-assessment (mean confidence 1-5):"]
        for phase, statements in sorted(summary["self_assessment"].items(), key=lambda kv: kv[0] != "before"):  # before, then after
            for sid, values in sorted(statements.items()):
                lines.append(f"  {phase:<7} {_mean(values):.1f} (n={len(values)})  {statement_text(sid)}")
    return "\n".join(lines)


def _no_math(labels) -> None:
    """Tick labels from files are text: '$...$' must not be read as mathtext (a parse error
    would stop the whole view)."""
    for label in labels:
        label.set_parse_math(False)


def _first_answers_html(r: ItemResult, item) -> str:
    """What the group answered first, in words: the most common answers, or for a sort the
    statements most often misplaced."""
    from html import escape

    from .answer_text import answer_text, misplaced

    if item is not None and item.type == "sort":
        wrong = misplaced(item, r.choices)
        if not wrong:
            return "Every statement placed right."
        return "Most often misplaced: " + "; ".join(f"“{escape(text)}” ×{n}" for text, n in wrong[:3])
    shown = []
    for key, n in r.choices.most_common(4):
        answer = json.loads(key)
        shown.append(f"{escape(answer_text(item, answer))} ×{n}")
    return "<br>".join(shown)


def _quiz_section(worst: list[ItemResult], bank) -> str:
    from html import escape

    from .answer_text import short
    from .charts import chart_or_note, html_table, pyplot

    empty = all(r.right_first == 0 and r.right_latest == 0 for r in worst)
    if empty:  # a chart of zeros looks like a broken chart: say it in words, with no chart
        said = f"Nobody got any of these {len(worst)} items right, at the first try or at their latest: the table below has the figures."
    elif all(r.right_first == 0 for r in worst):
        said = f"Nobody got any of these {len(worst)} items right at the first try, so every first-try bar is at 0 %; the dashed outlines show the latest try."
    else:
        said = "Hatched bars: right at the first try; dashed outlines: right at the latest try."

    def draw():
        fig, ax = pyplot().subplots(figsize=(8, 0.5 + 0.4 * len(worst)))
        y = list(range(len(worst)))
        ax.barh(y, [100 * r.right_first / r.learners for r in worst], color="white", edgecolor="black", hatch="//", label="right at first try")
        ax.barh(y, [100 * r.right_latest / r.learners for r in worst], color="none", edgecolor="black", linestyle="--", label="right at latest try")
        ax.set_yticks(y, [short(_title(r, bank), 45) for r in worst])
        _no_math(ax.get_yticklabels())
        ax.invert_yaxis()
        ax.set_xlim(0, 100)
        ax.set_xlabel("% of the learners who answered")
        ax.set_ylabel("Item")
        ax.set_title("Items most of the group got wrong")
        ax.legend(loc="lower right")
        return fig

    rows = []
    for r in worst:
        item = bank.items.get(r.item_id)
        prompt = f"<br><small>{escape(short(item.prompt, 160))}</small>" if item is not None else ""
        rows.append(
            [
                f"<strong>{escape(_title(r, bank))}</strong>{prompt}<br><small><code>{escape(r.item_id)}</code></small>",
                f"{r.right_first} / {r.learners}",
                f"{r.right_latest} / {r.learners}",
                _first_answers_html(r, item),
                escape(" ".join(item.key_point.split())) if item is not None else "",
            ]
        )
    return (
        f"<p class='hrdtrain-chart-summary'>{escape(said)}</p>"
        + ("" if empty else chart_or_note(draw, "Bar chart of the items most of the group got wrong; the same figures are in the table below"))
        + html_table(["Item", "Right at first try", "Right at latest", "First answers given", "Debrief note"], rows, escape=False)
    )


def group_dashboard_html(summary: dict[str, Any], bank, top: int = 12) -> str:
    """The facilitator notebook's view: a chart of the quiz items most got wrong, a table per
    item with what was chosen (in words) and the debrief note, the role plays and workshops
    apart, and the group's self-assessment before and after. Every text is escaped."""
    from html import escape

    from .answer_text import short, statement_text
    from .charts import chart_or_note, html_table, pyplot

    parts = [f"<div class='hrdtrain-group' dir='auto'><p><strong>{int(summary['learners'])} learner(s).</strong> Anonymous exports: no names, no times finer than the day.</p>"]
    worst = hardest(summary, top, bank)
    if worst:
        parts.append("<h4>Quiz items most of the group got wrong</h4>" + _quiz_section(worst, bank))
    roleplays = _of_kind(summary, bank, "roleplay")
    if roleplays:
        rows = []
        for r in roleplays:
            e = _endings(r, bank)
            rows.append([_title(r, bank), r.learners, *(e[k] for k in ENDINGS), f"{_mean(r.tries):.1f}"])
        parts.append(
            "<h4>Role plays</h4><p>Where each learner's latest path through the role play ended. Role plays have no right answer at a first try, so they are not in the chart above.</p>"
            + html_table(["Role play", "Learners", "Good ending", "Mixed ending", "Poor ending", "Not finished", "Mean decisions recorded"], rows)
        )
    workshops = _of_kind(summary, bank, "workshop")
    if workshops:
        rows = [[_title(r, bank), r.learners, f"{r.right_latest} of {r.learners}", f"{_mean(r.tries):.1f}"] for r in workshops]
        parts.append(
            "<h4>Workshops</h4><p>Public-statement workshops: learners' own words are never recorded, only which sentences they chose and which pitfalls were found.</p>"
            + html_table(["Workshop", "Learners", "Latest draft with no sentence to avoid and no pitfall", "Mean checks"], rows)
        )
    ratings = summary["self_assessment"]
    if ratings:
        statements = sorted({s for phase in ratings.values() for s in phase})
        mean = {p: [_mean(ratings.get(p, {}).get(s, [])) for s in statements] for p in ("before", "after")}

        def draw():
            fig, ax = pyplot().subplots(figsize=(8, 0.6 + 0.45 * len(statements)))
            y = range(len(statements))
            ax.barh([i - 0.2 for i in y], mean["before"], height=0.4, color="white", edgecolor="black", hatch="..", label="before (notebook 00)")
            ax.barh([i + 0.2 for i in y], mean["after"], height=0.4, color="0.4", edgecolor="black", label="after (notebook 07)")
            ax.set_yticks(list(y), [short(statement_text(s), 50) for s in statements])
            _no_math(ax.get_yticklabels())
            ax.invert_yaxis()
            ax.set_xlim(0, 5)
            ax.set_xlabel("Mean confidence (1 = not at all, 5 = fully)")
            ax.set_ylabel("Statement")
            ax.set_title("Self-assessment before and after")
            ax.legend(loc="lower right")
            return fig

        def cell(phase: str, statement: str, value: float) -> str:
            n = len(ratings.get(phase, {}).get(statement, []))
            return f"{value:.1f} (n={n})" if n else "no rating"

        rows = [[statement_text(s), cell("before", s, b), cell("after", s, a)] for s, b, a in zip(statements, mean["before"], mean["after"])]
        parts.append(
            "<h4>Self-assessment</h4>"
            + chart_or_note(draw, "Bar chart of mean confidence before and after; the same figures are in the table below")
            + html_table(["Statement", "Before", "After"], rows)
        )
    parts.append("</div>")
    return "".join(parts)


def problems_html(problems: list[str]) -> str:
    """The files that could not be read, one escaped line each."""
    import html

    if not problems:
        return ""
    rows = "".join(f"<li>{html.escape(p)}</li>" for p in problems)
    return f"<div role='alert' dir='auto'><p><strong>⚠ {len(problems)} file(s) could not be read; the others are shown below.</strong></p><ul>{rows}</ul></div>"


def group_results(*paths: str):
    """Shows how a group answered, from anonymous export files or folders of them (notebook use).

    Never raises for bad input: every problem is one escaped line in the view."""
    import html

    from IPython.display import HTML

    from .bank import default_bank

    try:
        loaded = load_exports(list(paths))
    except ReportedError as exc:
        return HTML(f"<p role='alert'><strong>⚠ {html.escape(str(exc))}</strong></p>")
    page = problems_html(loaded.problems)
    if not loaded.exports:
        return HTML(page + "<p role='alert'><strong>⚠ No usable export files, so there are no results to show.</strong></p>")
    return HTML(page + group_dashboard_html(group_summary(loaded.exports), default_bank()))
