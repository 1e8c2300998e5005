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

TAGS = ("law", "attitude", "communication")


def summary(answers, bank) -> dict[str, Any]:
    """Progress figures from a list of store.Answer and the content bank (JSON-serialisable)."""
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
        s = sections.setdefault(key, {"title": bank.sections.get(key, ""), "items": 0, "answered": 0, "right": 0})
        s["items"] += 1
        if item.id in latest:
            s["answered"] += 1
            s["right"] += int(latest[item.id].correct)
    tags = {t: {"answered": 0, "right": 0} for t in TAGS}
    for item_id, a in latest.items():
        for tag in bank.get(item_id).tags:
            tags[tag]["answered"] += 1
            tags[tag]["right"] += int(a.correct)
    revisit = [{"id": i, "title": bank.get(i).title, "tries": tries[i]} for i, a in latest.items() if not a.correct]
    ratings: dict[str, dict[str, int]] = defaultdict(dict)
    for a in answers:
        if a.item_type == SELF_KIND:
            phase, statement = parse_item_id(a.item_id)
            ratings[phase][statement] = int(a.answer)
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


def dashboard_html(data: dict[str, Any]) -> str:
    """The notebook dashboard: a chart per notebook and per tag, tables with the same figures,
    and the items to revisit. Bars are hatched and labelled, never told apart by colour alone."""
    from .charts import chart_img, html_table, pyplot

    plt = pyplot()
    keys = list(data["sections"])
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(10, 3.2), gridspec_kw={"width_ratios": [2, 1]})
    items = [data["sections"][k]["items"] for k in keys]
    right = [100 * data["sections"][k]["right"] / max(1, data["sections"][k]["items"]) for k in keys]
    answered = [100 * data["sections"][k]["answered"] / max(1, data["sections"][k]["items"]) for k in keys]
    x = range(len(keys))
    ax1.bar([i - 0.2 for i in x], answered, width=0.4, label="answered", color="white", edgecolor="black", hatch="//")
    ax1.bar([i + 0.2 for i in x], right, width=0.4, label="right", color="0.35", edgecolor="black")
    ax1.set_xticks(list(x), [f"{int(k):02d}" for k in keys])
    ax1.set_ylim(0, 100)
    ax1.set_xlabel("Notebook")
    ax1.set_ylabel("% of the notebook's items")
    ax1.set_title("Your progress per notebook")
    ax1.legend()
    tags = list(data["tags"])
    ax2.bar(tags, [100 * data["tags"][t]["right"] / max(1, data["tags"][t]["answered"]) for t in tags], color="white", edgecolor="black", hatch="..")
    ax2.set_ylim(0, 100)
    ax2.set_xlabel("Part of the frame")
    ax2.set_ylabel("% right of those answered")
    ax2.set_title("Law, attitude, communication")
    fig.tight_layout()
    table = html_table(
        ["Notebook", "Items answered", "Right"],
        [[f"{int(k):02d} {data['sections'][k]['title']}", f"{data['sections'][k]['answered']} of {n}", data["sections"][k]["right"]] for k, n in zip(keys, items)],
    )
    revisit = "".join(f"<li><code>show(\"{html.escape(r['id'])}\")</code> {html.escape(r['title'])}</li>" for r in data["revisit"])
    return (
        "<div class='hrdtrain-progress' dir='auto'>"
        f"<p><strong>{data['attempts']} answers recorded; {data['items_right']} of {data['items_answered']} items answered are right at your latest try.</strong></p>"
        + chart_img(fig, "Bar charts of your progress per notebook and per part of the frame; the same figures are in the table below")
        + table
        + (f"<h4>To revisit</h4><ul>{revisit}</ul>" if revisit else "<p>Nothing to revisit: every item you answered is right at your latest try.</p>")
        + "<p><small>Stored only on this computer, under a random id. To delete it: <code>hrdtrain erase</code>.</small></p></div>"
    )


def my_progress():
    """Shows the learner's progress dashboard in a notebook."""
    from IPython.display import HTML

    from .bank import default_bank
    from .store import ProgressStore

    return HTML(dashboard_html(summary(ProgressStore().answers(), default_bank())))
