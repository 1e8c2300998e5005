"""The learner's own progress, from the private store: per notebook, per part of the frame, and
the items to revisit. `summary()` is the data; `hrdtrain progress` prints it and `my_progress()`
draws it in a notebook.

An item counts as "right" when the learner's latest answer to it was right (a role play: when
its latest decision led to a good outcome, as its own score says); "to revisit" when the latest
answer was not. Self-assessment ratings are kept apart: they are not answers to questions.
"""

from __future__ import annotations

import html
from collections import Counter, defaultdict
from typing import Any

from .questionnaire import KIND as SELF_KIND
from .questionnaire import parse_item_id
from .i18n import html_lang

TAGS = ("law", "attitude", "communication")


def summary(answers, bank) -> dict[str, Any]:
    """Progress figures from a list of store.Answer and the content bank (JSON-serialisable);
    titles in the learner's language."""
    from .translations import localise, section_title

    quiz = [a for a in answers if a.item_type != SELF_KIND and a.item_id in bank.items]
    latest: dict[str, Any] = {}
    tries: Counter = Counter()
    for a in quiz:
        latest[a.item_id] = a
        tries[a.item_id] += 1
    sections: dict[str, dict[str, int]] = {}
    for item in bank:
        if item.type == "plan":
            continue
        key = item.section.split(".")[0]
        s = sections.setdefault(key, {"title": section_title(key, bank.sections.get(key, "")), "items": 0, "answered": 0, "right": 0})
        s["items"] += 1
        if item.id in latest:
            s["answered"] += 1
            s["right"] += int(latest[item.id].correct)
    tags = {t: {"answered": 0, "right": 0} for t in TAGS}
    for item_id, a in latest.items():
        for tag in bank.get(item_id).tags:
            tags[tag]["answered"] += 1
            tags[tag]["right"] += int(a.correct)
    revisit = [{"id": i, "title": localise(bank.get(i), bank=bank).title, "section": bank.get(i).section, "tries": tries[i]} for i, a in latest.items() if not a.correct]
    ratings: dict[str, dict[str, int]] = defaultdict(dict)
    for a in answers:
        if a.item_type == SELF_KIND and type(a.answer) is int and str(a.item_id).count(":") == 2:  # a damaged row is skipped, not a traceback
            phase, statement = parse_item_id(a.item_id)
            ratings[phase][statement] = a.answer
    return {
        "attempts": len(quiz),
        "items_answered": len(latest),
        "items_right": sum(1 for a in latest.values() if a.correct),
        "sections": dict(sorted(sections.items(), key=lambda kv: int(kv[0]))),
        "tags": tags,
        "revisit": sorted(revisit, key=lambda r: r["id"]),
        "self_assessment": dict(ratings),
    }


def text_report(data: dict[str, Any]) -> str:
    """`hrdtrain progress` without --json."""
    lines = [f"Answers recorded: {data['attempts']} ({data['items_answered']} items answered, {data['items_right']} right at the latest try)", ""]
    lines.append("Per notebook:")
    for key, s in data["sections"].items():
        lines.append(f"  {int(key):02d} {s['title'][:48]:<48} {s['right']:>3} right / {s['answered']:>3} answered / {s['items']:>3} items")
    lines += ["", "Per part of the frame (items answered):"]
    for tag, s in data["tags"].items():
        lines.append(f"  {tag:<14} {s['right']:>3} right / {s['answered']:>3} answered")
    if data["revisit"]:
        lines += ["", "To revisit (latest answer not right):"]
        lines += [f"  {r['id']}  {r['title']}" for r in data["revisit"]]
    return "\n".join(lines)


def progress_figure(data: dict[str, Any]):
    """The two progress charts (per notebook, per part of the frame) as a matplotlib Figure."""
    from .charts import pyplot
    from .i18n import t

    plt = pyplot()
    keys = list(data["sections"])
    # Constrained layout keeps labels, legend and titles apart; the parts of the frame are drawn
    # as horizontal bars, so their names stand one under the other instead of side by side.
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(10, 3.4), gridspec_kw={"width_ratios": [3, 2]}, layout="constrained")
    right = [100 * data["sections"][k]["right"] / max(1, data["sections"][k]["items"]) for k in keys]
    answered = [100 * data["sections"][k]["answered"] / max(1, data["sections"][k]["items"]) for k in keys]
    x = range(len(keys))
    ax1.bar([i - 0.2 for i in x], answered, width=0.4, label=t("dashboard.chart.answered"), color="white", edgecolor="black", hatch="//")
    ax1.bar([i + 0.2 for i in x], right, width=0.4, label=t("dashboard.chart.right"), color="0.35", edgecolor="black")
    ax1.set_xticks(list(x), [f"{int(k):02d}" for k in keys])
    ax1.set_ylim(0, 100)
    ax1.set_xlabel(t("dashboard.chart.notebook"))
    ax1.set_ylabel(t("dashboard.chart.share_of_items"))
    ax1.set_title(t("dashboard.chart.per_notebook"))
    ax1.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False)
    tags = list(data["tags"])
    ax2.barh([t(f"dashboard.tag.{tag}") for tag in tags], [100 * data["tags"][t_]["right"] / max(1, data["tags"][t_]["answered"]) for t_ in tags], color="white", edgecolor="black", hatch="..")
    ax2.invert_yaxis()  # law, attitude, communication from the top, in the paper's order
    ax2.set_xlim(0, 100)
    ax2.set_xlabel(t("dashboard.chart.share_right"))
    ax2.set_title(t("dashboard.chart.per_tag"))
    return fig


def revisit_html(row: dict[str, Any], titles: dict[str, str]) -> str:
    """One item to revisit, as a learner finds it: its title, the notebook (a link, when the
    notebook is at hand) and the heading of the part it is in, or its paper section."""
    from .i18n import t
    from .notebook_index import place

    where = place(row["id"], row["section"], titles)
    notebook = html.escape(t("dashboard.revisit.notebook", notebook=where.notebook, title=where.title))
    if where.path is not None:
        notebook = f"<a href='{html.escape(where.path, quote=True)}'>{notebook}</a>"
    part = t("dashboard.revisit.heading", heading=where.heading) if where.heading else t("dashboard.revisit.section", section=row["section"])
    return f"<li><strong>{html.escape(row['title'])}</strong> ({notebook}, {html.escape(part)})</li>"


def dashboard_html(data: dict[str, Any]) -> str:
    """The notebook dashboard: a chart per notebook and per tag, tables with the same figures,
    and the items to revisit. Bars are hatched and labelled, never told apart by colour alone."""
    from .charts import chart_or_note, html_table
    from .i18n import t, t_count
    from .store import in_browser

    keys = list(data["sections"])
    items = [data["sections"][k]["items"] for k in keys]
    table = html_table(
        [t("dashboard.table.notebook"), t("dashboard.table.answered"), t("dashboard.table.right")],
        [
            [f"{int(k):02d} {data['sections'][k]['title']}", t("dashboard.table.answered_of", answered=data["sections"][k]["answered"], items=n), data["sections"][k]["right"]]
            for k, n in zip(keys, items)
        ],
    )
    titles = {k: s["title"] for k, s in data["sections"].items()}
    revisit = "".join(revisit_html(r, titles) for r in data["revisit"])
    headline = t_count("dashboard.summary", data["attempts"], right=data["items_right"], answered=data["items_answered"])
    return (
        f"<div class='hrdtrain-progress' {html_lang()}>"
        f"<p><strong>{html.escape(headline)}</strong></p>"
        + chart_or_note(lambda: progress_figure(data), t("dashboard.chart.alt"))
        + table
        + (f"<h4>{html.escape(t('dashboard.revisit.heading_title'))}</h4><ul>{revisit}</ul>" if revisit else f"<p>{html.escape(t('dashboard.revisit.none'))}</p>")
        + f"<p><small>{html.escape(t('dashboard.privacy.browser_storage' if in_browser() else 'dashboard.privacy'))}</small></p></div>"
    )


def my_progress():
    """Shows the learner's progress dashboard in a notebook."""
    from IPython.display import HTML

    from .bank import default_bank
    from .errors import ReportedError
    from .markdown import escape
    from .store import open_store

    try:
        answers = open_store().answers()
    except ReportedError as exc:  # e.g. the store is a folder or on a damaged disk: say so, no traceback
        return HTML(f"<p role='alert' {html_lang()}><strong>⚠ {escape(str(exc))}</strong></p>")
    return HTML(dashboard_html(summary(answers, default_bank())))
