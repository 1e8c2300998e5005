"""`hrdtrain handouts OUTDIR`: the course on paper, from the same notebooks and YAML as the widgets.

For rooms without laptops, and for taking home:
- one print-ready page per section notebook (01-07): its text, case studies, Reflect prompts and
  key points, with every quiz item in place as a question WITHOUT its answer (boxes to tick);
  the notebook's "For facilitators" block is left out;
- `answer-key.html` for the facilitator: every item's answer, the feedback on each option and
  its source; role plays with every ending's debrief; statement workshops with every sentence's
  verdict;
- `role-cards.html`: one card per role of every role play (who, what they know, what they want),
  to cut out;
- `index.html` linking them. Pages use print CSS (A4, page breaks before cards and sections).
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from .markdown import to_html

NOTEBOOKS_DIR = Path(__file__).resolve().parents[1] / "notebooks"
SHOW = re.compile(r'^show\("([^"]+)"\)$')
VERDICTS = ("accurate", "inaccurate", "depends")


def _verdict(v: str) -> str:
    """The verdict's label, the same words the judge widget shows (locales: verdict.*)."""
    from .i18n import t

    return t(f"verdict.{v}")

CSS = """
body { font-family: Georgia, 'Times New Roman', serif; max-width: 46em; margin: 1.5em auto; line-height: 1.45; color: #000; }
h1, h2, h3, h4 { font-family: Arial, Helvetica, sans-serif; }
.item { border: 1px solid #000; padding: 0.6em 0.9em; margin: 1em 0; page-break-inside: avoid; }
.item .kind { font-family: Arial, sans-serif; font-size: 0.8em; text-transform: uppercase; letter-spacing: 0.05em; }
.box { display: inline-block; width: 0.9em; height: 0.9em; border: 1px solid #000; margin-right: 0.4em; vertical-align: -0.1em; }
.lines { border-bottom: 1px solid #000; height: 1.6em; }
.answer { border-left: 4px solid #000; padding-left: 0.6em; margin: 0.4em 0; }
.source { font-size: 0.85em; font-style: italic; }
.card { border: 2px dashed #000; padding: 0.8em 1em; margin: 1em 0; page-break-inside: avoid; }
table { border-collapse: collapse; } td, th { border: 1px solid #000; padding: 0.2em 0.5em; text-align: left; vertical-align: top; }
@media print { @page { size: A4; margin: 18mm; } body { margin: 0; max-width: none; } .section-break { page-break-before: always; } a { color: #000; text-decoration: none; } }
"""


def _page(title: str, body: str) -> str:
    return (
        f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>{html.escape(title)}</title>"
        f"<style>{CSS}</style></head><body>{body}"
        "<p class='source'>From the hrdtrain course, built on <em>Police and human rights defenders</em> "
        "(Amnesty International Netherlands, Police and Human Rights Programme, 2018). Not legal advice: check your domestic law.</p></body></html>"
    )


def _e(text: str) -> str:
    return html.escape(text or "")


# ------------------------------------------------------------------ questions, without answers


def question_html(item) -> str:
    """An item as a printed question: everything a learner needs to answer it, no answer."""
    kind = {"judge": "Judge the statement", "choice": "Choose", "sort": "Sort", "hierarchy": "Whom to approach",
            "scenario": "Role play", "statement": "Public-statement workshop", "plan": "Your plan"}[item.type]
    out = [f"<div class='item' data-item='{_e(item.id)}'><p class='kind'>{kind} · {_e(item.id)}</p><h4>{_e(item.title)}</h4>", to_html(item.prompt)]
    if item.type == "judge":
        out.append(f"<blockquote>{_e(item.statement)}</blockquote><p>" + " ".join(f"<span class='box'></span>{_verdict(v)} &nbsp;" for v in VERDICTS) + "</p>")
    elif item.type == "choice":
        several = isinstance(item.answer, list)
        out.append(f"<p><em>{'Tick all that apply.' if several else 'Tick one.'}</em></p><ul style='list-style:none'>")
        out += [f"<li><span class='box'></span>{to_html(o.text)}</li>" for o in item.options]
        out.append("</ul>")
    elif item.type == "sort":
        cats = " / ".join(_e(c.label) for c in item.categories)
        out.append(f"<p><em>Write the category next to each statement: {cats}.</em></p><table>")
        out += [f"<tr><td>{_e(s.text)}</td><td style='width:12em'></td></tr>" for s in item.statements]
        out.append("</table>")
    elif item.type == "hierarchy":
        for goal in item.goals:
            out.append(f"<p><strong>Goal: {_e(goal.title)}</strong></p>{to_html(goal.situation)}")
        out.append("<p><em>Whom would you approach first? Tick one.</em></p><ul style='list-style:none'>")
        out += [f"<li><span class='box'></span>{_e(level.name)}</li>" for level in item.levels]
        out.append("</ul>")
    elif item.type == "scenario":
        start = next(s for s in item.scenes if s.id == item.start)
        out.append(f"<p><strong>The first scene:</strong></p>{to_html(start.situation)}<ul style='list-style:none'>")
        out += [f"<li><span class='box'></span>{to_html(c.text)}</li>" for c in start.choices or []]
        out.append("</ul><p><em>The facilitator reads what follows from the answer key, which has every scene; role cards are on a separate sheet.</em></p>")
    elif item.type == "statement":
        for n, para in enumerate(item.paragraphs, start=1):
            out.append(f"<p><strong>{n}. {_e(para.label)}</strong> (tick one, or none)</p><ul style='list-style:none'>")
            out += [f"<li><span class='box'></span>{_e(c.text)}</li>" for c in para.candidates]
            out.append("</ul>")
        out.append("<p>Your own sentences:</p>" + "<div class='lines'></div>" * 4)
    elif item.type == "plan":
        for n, part in enumerate(item.parts, start=1):
            out.append(f"<p><strong>{n}. {_e(part.label)}</strong></p>{to_html(part.guidance)}" + "<div class='lines'></div>" * 3)
    out.append("</div>")
    return "".join(out)


# ------------------------------------------------------------------ the answer key


def answer_html(item) -> str:
    """An item with its answer, the feedback on every option, and its source (facilitators only)."""
    out = [f"<div class='item' data-item='{_e(item.id)}'><p class='kind'>{_e(item.id)} · {_e(item.type)}</p><h4>{_e(item.title)}</h4>"]
    if item.type == "judge":
        out.append(f"<p>Statement: <q>{_e(item.statement)}</q></p><p class='answer'><strong>Answer: {_verdict(item.answer)}</strong></p><dl>")
        out += [f"<dt>{_verdict(v)}</dt><dd>{to_html(getattr(item.feedback, v))}</dd>" for v in VERDICTS]
        out.append("</dl>")
    elif item.type == "choice":
        right = set(item.answer if isinstance(item.answer, list) else [item.answer])
        out.append("<ul>")
        out += [f"<li><strong>{'✓ right' if o.id in right else '✗ wrong'}:</strong> {to_html(o.text)}{to_html(o.feedback)}</li>" for o in item.options]
        out.append("</ul>")
    elif item.type == "sort":
        labels = {c.id: c.label for c in item.categories}
        out.append("<table>" + "".join(f"<tr><td>{_e(s.text)}</td><td><strong>{_e(labels[s.category])}</strong></td><td>{to_html(s.feedback)}</td></tr>" for s in item.statements) + "</table>")
    elif item.type == "hierarchy":
        names = {level.id: level.name for level in item.levels}
        for goal in item.goals:
            out.append(f"<p><strong>Goal: {_e(goal.title)}</strong></p><p class='answer'><strong>Approach first: {_e(', '.join(names[b] for b in goal.better))}</strong>"
                       + (f"; also possible: {_e(', '.join(names[a] for a in goal.also_possible))}" if goal.also_possible else "") + "</p><dl>")
            out += [f"<dt>{_e(names.get(lid, lid))}</dt><dd>{to_html(text)}</dd>" for lid, text in goal.feedback.items()]
            out.append(f"</dl><p class='source'>Source: {_e(goal.source)}</p>")
    elif item.type == "scenario":
        # Every scene, so that a facilitator can run the role play from paper: read the
        # situation, let the group choose, read the consequence, go on to the scene it leads to.
        out.append("<p><strong>Scenes</strong> (start with “" + _e(item.start) + "”):</p><ol>")
        for scene in item.scenes:
            if scene.choices:
                choices = "".join(
                    f"<li>{to_html(c.text)}<p><em>Then:</em> {_e(c.consequence)} → scene “{_e(c.next)}”</p></li>" for c in scene.choices
                )
                out.append(f"<li><strong>Scene “{_e(scene.id)}”</strong>{to_html(scene.situation)}<ol type='A'>{choices}</ol></li>")
            else:
                out.append(f"<li><strong>Scene “{_e(scene.id)}”</strong> (an ending){to_html(scene.situation)}</li>")
        out.append("</ol>")
        for scene in item.scenes:
            if scene.ending:
                d = scene.ending.debrief
                out.append(f"<p><strong>Ending “{_e(scene.ending.title)}” ({_e(scene.ending.outcome)})</strong></p>{to_html(d.what_happened)}"
                           f"<p><em>Law:</em> {_e(d.law)}</p><p><em>Attitude:</em> {_e(d.attitude)}</p><p><em>Communication:</em> {_e(d.communication)}</p>"
                           f"<p class='source'>Source: {_e(d.source)}</p>")
    elif item.type == "statement":
        for n, para in enumerate(item.paragraphs, start=1):
            out.append(f"<p><strong>{n}. {_e(para.label)}</strong></p><ul>")
            out += [f"<li><strong>{_e(c.verdict)}:</strong> {_e(c.text)}{to_html(c.feedback)}<span class='source'>Source: {_e(c.source)}</span></li>" for c in para.candidates]
            out.append("</ul>")
    elif item.type == "plan":
        out.append("<p>No answer key: each learner's plan is their own. The guidance for each part is on the handout.</p>")
    out.append(f"<p><strong>Key point:</strong></p>{to_html(item.key_point)}<p class='source'>Source: {_e(item.source)}</p></div>")
    return "".join(out)


# ------------------------------------------------------------------ notebooks as pages


def _blocks(nb) -> list[tuple[str, str]]:
    """The notebook as ('md', text) and ('item', id) blocks, without the For-facilitators block."""
    blocks, skipping = [], False
    for cell in nb.cells:
        src = cell.source.strip()
        if cell.cell_type == "markdown":
            heading = src.splitlines()[0] if src else ""
            if heading.startswith("#"):
                skipping = heading.startswith("### For facilitators")
            if not skipping:
                blocks.append(("md", src))
        elif (m := SHOW.match(src)) and not skipping:
            blocks.append(("item", m.group(1)))
    return blocks


def notebook_page(path: Path, bank) -> tuple[str, list[str]]:
    import nbformat

    nb = nbformat.read(path, as_version=4)
    body, ids = [], []
    for kind, value in _blocks(nb):
        if kind == "md":
            body.append(to_html(value))
        else:
            ids.append(value)
            body.append(question_html(bank.get(value)))
    title = nb.cells[0].source.splitlines()[0].lstrip("# ").strip()
    return _page(title, "".join(body)), ids


def role_cards_page(bank) -> str:
    cards = []
    for item in bank:
        if item.type == "scenario" and item.roles:
            cards.append(f"<h2 class='section-break'>{_e(item.title)} <small>({_e(item.id)})</small></h2>")
            cards += [
                f"<div class='card' data-item='{_e(item.id)}'><h3>{_e(role.name)}</h3><p><strong>What you know:</strong></p>{to_html(role.knows)}"
                f"<p><strong>What you want:</strong></p>{to_html(role.wants)}<p class='source'>Role play {_e(item.id)}</p></div>"
                for role in item.roles
            ]
    return _page("Role cards", "<h1>Role cards</h1><p>One card per role. Cut along the dashed lines; give each player only their own card.</p>" + "".join(cards))


def build_handouts(outdir: Path, bank=None, notebooks_dir: Path = NOTEBOOKS_DIR, progress: bool = True) -> list[Path]:
    """Writes every handout page, the answer key and the role cards to `outdir`; returns the paths."""
    from tqdm import tqdm

    from .bank import default_bank

    bank = bank or default_bank()
    outdir.mkdir(parents=True, exist_ok=True)
    notebooks = sorted(notebooks_dir.glob("0[1-7]_*.ipynb"))
    written, links = [], []
    with tqdm(total=len(notebooks) + 2, desc="Handouts", unit="page", disable=not progress) as bar:
        for path in notebooks:
            page, _ids = notebook_page(path, bank)
            target = outdir / f"{path.stem}.html"
            target.write_text(page, encoding="utf-8")
            written.append(target)
            links.append(f"<li><a href='{target.name}'>{_e(path.stem)}</a></li>")
            bar.update(1)
        key = [f"<h2 class='section-break'>Section {_e(s)}: {_e(t)}</h2>" + "".join(answer_html(i) for i in bank if i.section.split(".")[0] == s) for s, t in sorted(bank.sections.items())]
        (outdir / "answer-key.html").write_text(_page("Answer key", "<h1>Answer key (facilitators only)</h1>" + "".join(key)), encoding="utf-8")
        bar.update(1)
        (outdir / "role-cards.html").write_text(role_cards_page(bank), encoding="utf-8")
        bar.update(1)
    written += [outdir / "answer-key.html", outdir / "role-cards.html"]
    index = outdir / "index.html"
    index.write_text(
        _page("Handouts", "<h1>Handouts</h1><p>Print from your browser (A4). For learners:</p><ul>" + "".join(links)
              + "</ul><p>For the facilitator only: <a href='answer-key.html'>answer key</a>, <a href='role-cards.html'>role cards</a>.</p>"),
        encoding="utf-8",
    )
    return [index, *written]
