"""The facilitator's view of a group: anonymous exports in, per-item results out. No server.

`load_exports` reads the files learners hand in (USB stick, shared folder), refusing anything that
is not an hrdtrain anonymous export with a message naming the file. `group_summary` counts, per
item, how many learners answered, how many got it right at their first try and at their latest,
what they chose, and how many tries it took; `hardest` lists the items most got wrong, each with
its debrief note (the item's key point). Self-assessment ratings give the before/after view.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import ReportedError
from .export import FORMAT
from .questionnaire import KIND as SELF_KIND
from .questionnaire import parse_item_id


class ExportError(ReportedError, ValueError):
    """A file that is not a usable export; the message names the file and what is wrong."""


@dataclass
class ItemResult:
    item_id: str
    learners: int = 0
    right_first: int = 0
    right_latest: int = 0
    tries: list[int] = field(default_factory=list)
    choices: Counter = field(default_factory=Counter)


def _files(paths: list[str | Path]) -> list[Path]:
    out = []
    for p in map(Path, paths):
        out += sorted(p.glob("*.json")) if p.is_dir() else [p]
    return out


def load_exports(paths: list[str | Path]) -> list[dict]:
    """The exports in `paths` (files, or folders of *.json); ExportError for a bad one."""
    exports = []
    for path in _files(paths):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise ExportError(f"{path}: no such file") from None
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ExportError(f"{path}: not an hrdtrain export (not valid JSON: {exc})") from None
        if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("answers"), list):
            raise ExportError(f"{path}: not an hrdtrain anonymous export (expected \"format\": \"{FORMAT}\" and a list of answers)")
        exports.append(data)
    if not exports:
        raise ExportError("no export files given (expected files made with `hrdtrain export --anonymous FILE`, or a folder of them)")
    return exports


def group_summary(exports: list[dict]) -> dict[str, Any]:
    """Per item results and self-assessment ratings of a group of exports."""
    items: dict[str, ItemResult] = {}
    ratings: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    for export in exports:
        per_item: dict[str, list[dict]] = defaultdict(list)
        for a in export["answers"]:
            if a.get("item_type") == SELF_KIND:
                phase, statement = parse_item_id(a["item_id"])
                ratings[phase][statement].append(int(a["answer"]))
            else:
                per_item[a["item_id"]].append(a)
        for item_id, answers in per_item.items():
            r = items.setdefault(item_id, ItemResult(item_id))
            r.learners += 1
            r.right_first += int(bool(answers[0]["correct"]))
            r.right_latest += int(bool(answers[-1]["correct"]))
            r.tries.append(len(answers))
            r.choices[json.dumps(answers[0]["answer"], sort_keys=True)] += 1
    return {"learners": len(exports), "items": items, "self_assessment": {p: dict(s) for p, s in ratings.items()}}


def hardest(summary: dict[str, Any], n: int = 10) -> list[ItemResult]:
    """The items the fewest learners got right at their first try (at least one learner answered)."""
    return sorted(summary["items"].values(), key=lambda r: (r.right_first / r.learners, -r.learners, r.item_id))[:n]


def text_report(summary: dict[str, Any], bank) -> str:
    """`hrdtrain group` output: the hardest items with their debrief notes, then every item."""
    lines = [f"{summary['learners']} learner(s). Items most got wrong at the first try, with the debrief note:", ""]
    for r in hardest(summary):
        title = bank.get(r.item_id).title if r.item_id in bank.items else r.item_id
        note = " ".join(bank.get(r.item_id).key_point.split()) if r.item_id in bank.items else ""
        lines.append(f"  {r.item_id}  {title}: {r.right_first} of {r.learners} right at first try, {r.right_latest} at their latest")
        if note:
            lines.append(f"      Debrief: {note}")
    lines += ["", "All items (learners, right at first try, right at latest, mean tries):"]
    for r in sorted(summary["items"].values(), key=lambda r: r.item_id):
        lines.append(f"  {r.item_id:<40} {r.learners:>3} {r.right_first:>4} {r.right_latest:>4} {sum(r.tries) / len(r.tries):>5.1f}")
    if summary["self_assessment"]:
        lines += ["", "Self-assessment (mean confidence 1-5):"]
        for phase, statements in summary["self_assessment"].items():
            for sid, values in sorted(statements.items()):
                lines.append(f"  {phase:<7} {sid:<40} {sum(values) / len(values):.1f} (n={len(values)})")
    return "\n".join(lines)


def group_dashboard_html(summary: dict[str, Any], bank, top: int = 12) -> str:
    """The facilitator notebook's view: a chart of the items most got wrong, a table per item
    with the debrief note, and the group's self-assessment before and after."""
    import html

    from .charts import chart_img, html_table, pyplot

    plt = pyplot()

    parts = [f"<div class='hrdtrain-group' dir='auto'><p><strong>{summary['learners']} learner(s).</strong> Anonymous exports: no names, no times finer than the day.</p>"]
    worst = hardest(summary, top)
    if worst:
        fig, ax = plt.subplots(figsize=(8, 0.5 + 0.4 * len(worst)))
        labels = [r.item_id for r in worst]
        ax.barh(labels, [100 * r.right_first / r.learners for r in worst], color="white", edgecolor="black", hatch="//", label="right at first try")
        ax.barh(labels, [100 * r.right_latest / r.learners for r in worst], color="none", edgecolor="black", linestyle="--", label="right at latest try")
        ax.invert_yaxis()
        ax.set_xlim(0, 100)
        ax.set_xlabel("% of the learners who answered")
        ax.set_ylabel("Item")
        ax.set_title("Items most of the group got wrong")
        ax.legend(loc="lower right")
        rows = []
        for r in worst:
            item = bank.get(r.item_id) if r.item_id in bank.items else None
            choices = ", ".join(f"{html.escape(c)} ×{n}" for c, n in r.choices.most_common(4))
            rows.append(
                [
                    f"<code>{html.escape(r.item_id)}</code><br>{html.escape(item.title) if item else ''}",
                    f"{r.right_first} / {r.learners}",
                    f"{r.right_latest} / {r.learners}",
                    choices,
                    html.escape(" ".join(item.key_point.split())) if item else "",
                ]
            )
        parts.append(
            chart_img(fig, "Bar chart of the items most of the group got wrong; the same figures are in the table below")
            + html_table(["Item", "Right at first try", "Right at latest", "First answers given", "Debrief note"], rows, escape=False)
        )
    ratings = summary["self_assessment"]
    if ratings:
        statements = sorted({s for phase in ratings.values() for s in phase})
        mean = {p: [sum(ratings.get(p, {}).get(s, [0])) / max(1, len(ratings.get(p, {}).get(s, []))) for s in statements] for p in ("before", "after")}
        fig, ax = plt.subplots(figsize=(8, 0.6 + 0.45 * len(statements)))
        y = range(len(statements))
        ax.barh([i - 0.2 for i in y], mean["before"], height=0.4, color="white", edgecolor="black", hatch="..", label="before (notebook 00)")
        ax.barh([i + 0.2 for i in y], mean["after"], height=0.4, color="0.4", edgecolor="black", label="after (notebook 07)")
        ax.set_yticks(list(y), statements)
        ax.invert_yaxis()
        ax.set_xlim(0, 5)
        ax.set_xlabel("Mean confidence (1 = not at all, 5 = fully)")
        ax.set_ylabel("Statement")
        ax.set_title("Self-assessment before and after")
        ax.legend(loc="lower right")
        rows = [
            [s, f"{b:.1f} (n={len(ratings.get('before', {}).get(s, []))})", f"{a:.1f} (n={len(ratings.get('after', {}).get(s, []))})"]
            for s, b, a in zip(statements, mean["before"], mean["after"])
        ]
        parts.append(
            "<h4>Self-assessment</h4>"
            + chart_img(fig, "Bar chart of mean confidence before and after; the same figures are in the table below")
            + html_table(["Statement", "Before", "After"], rows)
        )
    parts.append("</div>")
    return "".join(parts)


def group_results(*paths: str):
    """Shows how a group answered, from anonymous export files or folders of them (notebook use)."""
    from IPython.display import HTML

    from .bank import default_bank

    try:
        summary = group_summary(load_exports(list(paths)))
    except ExportError as exc:
        return HTML(f"<p role='alert'><strong>⚠ {exc}</strong></p>")
    return HTML(group_dashboard_html(summary, default_bank()))
