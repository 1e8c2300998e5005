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

`--lang es|ar` (or HRDTRAIN_LANG) makes the whole set in that language: the language's generated
notebooks (notebooks/LANG/), every item as translated (English where a text is not), the labels
from the interface strings (locales: handouts.*), and `lang`/`dir` on every page (right to left
in Arabic). Which cells are left out (the For-facilitators block, text on operating the notebook)
is decided on the English notebook, by cell id, so a translated heading cannot change it.

The answer key must never land in the wrong file, and a facilitator's other files must never be
overwritten: OUTDIR is a new or empty folder, or one that holds only a previous set of handouts
(pages that carry GENERATOR), which is then replaced. A symbolic link in it is refused. Every
page is rendered first, written to a temporary file in OUTDIR (created exclusively, never
through a link) and renamed into place only when all are written, so an error leaves the
previous set whole. Each page forbids the browser to fetch anything (Content-Security-Policy).
"""

from __future__ import annotations

import html
import os
import re
import secrets
import stat
from pathlib import Path

from .errors import ReportedError
from .markdown import to_html, to_inline_html

SHOW = re.compile(r'^show\("([^"]+)"\)$')
VERDICTS = ("accurate", "inaccurate", "depends")


def _verdict(v: str) -> str:
    """The verdict's label, the same words the judge widget shows (locales: verdict.*)."""
    return t(f"verdict.{v}")


def t(key: str, /, **params: object) -> str:
    """An interface string in the current language (hrdtrain.i18n)."""
    from .i18n import t as translate

    return translate(key, **params)


def _t(key: str, /, **params: object) -> str:
    """An interface string as HTML: the string escaped, its parameters passed in as HTML already."""
    from .i18n import catalogue, current_language

    text = catalogue(current_language())[key]
    marks = {name: f"\x00{n}\x00" for n, name in enumerate(params)}
    out = html.escape(text.format(**marks) if params else text)
    for n, name in enumerate(params):
        out = out.replace(html.escape(f"\x00{n}\x00"), str(params[name]))
    return out

CSS = """
body { font-family: Georgia, 'Times New Roman', serif; max-width: 46em; margin: 1.5em auto; line-height: 1.4; color: #000; }
h1, h2, h3, h4, h5, .kind { font-family: Arial, Helvetica, sans-serif; }
h1 { font-size: 1.6em; margin: 0 0 0.4em; } h2 { font-size: 1.3em; margin: 1em 0 0.3em; } h3 { font-size: 1.1em; margin: 0.8em 0 0.3em; }
h4 { font-size: 1em; margin: 0.2em 0; } p, ul, ol, dl, blockquote, table { margin: 0.35em 0; } ul, ol { padding-left: 1.4em; }
h1, h2, h3, h4, .kind { break-after: avoid; } li, tr, .card { break-inside: avoid; }
.item { border-top: 1.5px solid #000; padding: 0.3em 0 0.2em; margin: 0.8em 0 0.4em; }
.item .kind { font-size: 0.75em; text-transform: uppercase; letter-spacing: 0.04em; margin: 0; }
.item blockquote { margin: 0.3em 0 0.3em 1em; font-style: italic; }
.options { list-style: none; padding-left: 0.2em; } .options li { margin: 0.15em 0; }
.box { display: inline-block; width: 0.8em; height: 0.8em; border: 1px solid #000; margin-right: 0.4em; vertical-align: -0.05em; }
.lines { border-bottom: 1px solid #000; height: 1.5em; }
.blank { display: inline-block; width: 12em; border-bottom: 1px solid #000; }
.answer { font-weight: bold; }
.source { font-size: 0.85em; font-style: italic; }
.on-paper { font-size: 0.9em; border: 1px solid #000; padding: 0.2em 0.5em; }
.key li, .key dd, .key td { font-size: 0.95em; } .key dt { font-weight: bold; float: left; margin-right: 0.3em; } .key dd { margin: 0 0 0.15em 0; }
.key p, .key ul, .key ol { margin: 0.2em 0; }
.card { border: 2px dashed #000; padding: 0.5em 0.8em; margin: 0.6em 0; }
table { border-collapse: collapse; } td, th { border: 1px solid #000; padding: 0.15em 0.4em; text-align: left; vertical-align: top; }
a { overflow-wrap: anywhere; }
@media print {
  @page { size: A4; margin: 11mm 12mm; }
  body { margin: 0; max-width: none; font-size: 9.5pt; line-height: 1.3; }
  .columns { column-count: 2; column-gap: 7mm; }
  .key { font-size: 8.5pt; }
  .section-break { break-before: page; } h2.section-break:first-of-type { break-before: auto; }
  a { color: #000; text-decoration: none; }
}
"""

NOTEBOOK_OPERATION = re.compile(
    r"Shift\s*\+\s*Enter|\bRun All\b|\bsetup cell\b|\bRun the cell\b|`show\(|\bpress \*\*(Check|Save|Decide)\*\*|\bkernel\b"
    r"|\bHow to use this notebook\b|\bmenu bar\b|\bquizzes below are not showing\b",
    re.IGNORECASE,
)
"""Text about operating the notebook (running cells, the Run menu, buttons): no use on paper."""

def _on_paper() -> str:
    return f"<p class='on-paper'><strong>{_t('handouts.on_paper.label')}</strong> {_t('handouts.on_paper.text')}</p>"


GENERATOR = "<meta name='generator' content='hrdtrain handouts'>"
"""Marks a page as made by this module: only such pages are ever replaced."""

HEAD = (
    "<meta charset='utf-8'>" + GENERATOR
    # Printed pages need nothing from anywhere: no image, script, font or frame is ever loaded,
    # and following a link sends no referrer.
    + "<meta http-equiv='Content-Security-Policy' content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">"
    "<meta name='referrer' content='no-referrer'><meta http-equiv='x-dns-prefetch-control' content='off'>"
)


def _page(title: str, body: str) -> str:
    """A whole page in the current language: lang and dir set (rtl in Arabic)."""
    from .i18n import current_language
    from .translations import LANGUAGES

    language = LANGUAGES[current_language()]
    # The paper's title stays in English, marked as such, inside a page of another language.
    paper = "<em lang='en' dir='ltr'>Police and human rights defenders</em>"
    return (
        f"<!doctype html><html lang='{language.code}' dir='{language.direction}'><head>{HEAD}<title>{html.escape(title)}</title>"
        f"<style>{CSS}</style></head><body><main>{body}</main>"
        f"<footer><p class='source'>{_t('handouts.footer', paper=paper)}</p></footer></body></html>"
    )


def _e(text: str) -> str:
    return html.escape(text or "")


# ------------------------------------------------------------------ questions, without answers


def _ticks(rendered) -> str:
    """Options to tick (as HTML), one line each: a box, then the text on the same line."""
    return "<ul class='options'>" + "".join(f"<li><span class='box'></span>{text}</li>" for text in rendered) + "</ul>"


def _lettered(texts) -> str:
    """Choices read out and voted on (role plays): A, B, C..., one line each, no box."""
    return "<ol type='A'>" + "".join(f"<li>{to_inline_html(text)}</li>" for text in texts) + "</ol>"


def question_html(item, level: int = 4) -> str:
    """An item as a printed question: everything a learner needs to answer it, no answer.
    `level`: its title's heading level, one below the heading it stands under."""
    item = _localised(item)
    kind = _t(f"handouts.kind.{item.type}")
    out = [f"<div class='item' data-item='{_e(item.id)}'><p class='kind'>{kind} · {_ltr(item.id)}</p><h{level}>{_e(item.title)}</h{level}>", to_html(item.prompt)]
    if item.type == "judge":
        out.append(f"<blockquote>{_e(item.statement)}</blockquote><p>" + " ".join(f"<span class='box'></span>{_verdict(v)} &nbsp;" for v in VERDICTS) + "</p>")
    elif item.type == "choice":
        several = isinstance(item.answer, list)
        out.append(f"<p><em>{_t('handouts.tick_all' if several else 'handouts.tick_one')}</em></p>" + _ticks(to_inline_html(o.text) for o in item.options))
    elif item.type == "sort":
        cats = " / ".join(_e(c.label) for c in item.categories)
        out.append(f"<p><em>{_t('handouts.sort_hint', categories=cats)}</em></p><table>")
        out += [f"<tr><th scope='row'>{_e(s.text)}</th><td style='width:9em'></td></tr>" for s in item.statements]
        out.append("</table>")
    elif item.type == "hierarchy":
        out.append(f"<p><em>{_t('handouts.hierarchy_hint')}</em></p><ol>")
        out += [f"<li><strong>{_e(goal.title)}.</strong> {to_inline_html(goal.situation)} <em>{_t('handouts.first')}</em> <span class='blank'></span></li>" for goal in item.goals]
        out.append(f"</ol><p><em>{_t('handouts.levels')}</em> " + "; ".join(_e(level.name) for level in item.levels) + ".</p>")
    elif item.type == "scenario":
        start = next(s for s in item.scenes if s.id == item.start)
        out.append(f"<p><strong>{_t('handouts.first_scene')}</strong></p>{to_html(start.situation)}<p><em>{_t('handouts.group_chooses')}</em></p>")
        out.append(_lettered(c.text for c in start.choices or []))
        out.append(f"<p><em>{_t('handouts.scenario_note')}</em></p>")
    elif item.type == "statement":
        for n, para in enumerate(item.paragraphs, start=1):
            out.append(f"<p><strong>{n}. {_e(para.label)}</strong> {_t('handouts.tick_one_or_none')}</p>" + _ticks(_e(c.text) for c in para.candidates))
        out.append(f"<p>{_t('handouts.own_sentences')}</p>" + "<div class='lines'></div>" * 3)
    elif item.type == "plan":
        for n, part in enumerate(item.parts, start=1):
            out.append(f"<p><strong>{n}. {_e(part.label)}</strong> {to_inline_html(part.guidance)}</p>" + "<div class='lines'></div>" * 3)
    out.append("</div>")
    return "".join(out)


def _localised(item):
    """The item in the current language (English texts where it has no translation)."""
    from .translations import localise

    return localise(item)


def _ltr(text: str) -> str:
    """An id or a reference (`3.4-tear-gas`, `paper §3.4`), escaped; kept left to right inside a
    right-to-left page, where the bidi algorithm would otherwise move its numbers and signs."""
    from .translations import is_rtl

    return f"<span dir='ltr'>{_e(text)}</span>" if is_rtl() else _e(text)


def _source(source: str) -> str:
    """'Source: paper §3.4'."""
    return f"<span class='source'>{_t('handouts.key.source', source=_ltr(source))}</span>"


# ------------------------------------------------------------------ the answer key


def answer_html(item, level: int = 3) -> str:
    """An item with its answer, the feedback on every option, and its source (facilitators
    only), compact: one line per option where the texts allow."""
    item = _localised(item)
    out = [f"<div class='item' data-item='{_e(item.id)}'><p class='kind'>{_ltr(item.id)} · {_t(f'handouts.kind.{item.type}')}</p><h{level}>{_e(item.title)}</h{level}>"]
    if item.type == "judge":
        out.append(f"<p>{_t('handouts.key.statement')} <q>{_e(item.statement)}</q> <span class='answer'>{_t('handouts.key.answer', answer=_e(_verdict(item.answer)))}</span></p><ul>")
        out += [f"<li><strong>{_e(_verdict(v))}{' ✓' if v == item.answer else ''}:</strong> {to_inline_html(getattr(item.feedback, v))}</li>" for v in VERDICTS]
        out.append("</ul>")
    elif item.type == "choice":
        right = set(item.answer if isinstance(item.answer, list) else [item.answer])
        out.append("<ul>")
        out += [f"<li><strong>{_t('handouts.key.right' if o.id in right else 'handouts.key.wrong')}:</strong> {to_inline_html(o.text)} — {to_inline_html(o.feedback)}</li>" for o in item.options]
        out.append("</ul>")
    elif item.type == "sort":
        labels = {c.id: c.label for c in item.categories}
        out.append("<ul>" + "".join(f"<li>{_e(s.text)} → <strong>{_e(labels[s.category])}</strong>: {to_inline_html(s.feedback)}</li>" for s in item.statements) + "</ul>")
    elif item.type == "hierarchy":
        names = {level.id: level.name for level in item.levels}
        for goal in item.goals:
            out.append(f"<p><strong>{_t('handouts.key.goal', goal=_e(goal.title))}</strong> <span class='answer'>{_t('handouts.key.approach_first', levels=_e(', '.join(names[b] for b in goal.better)))}</span>"
                       + (f"; {_t('handouts.key.also_possible', levels=_e(', '.join(names[a] for a in goal.also_possible)))}" if goal.also_possible else "") + f" {_source(goal.source)}</p><ul>")
            out += [f"<li><strong>{_e(names.get(lid, lid))}:</strong> {to_inline_html(text)}</li>" for lid, text in goal.feedback.items()]
            out.append("</ul>")
    elif item.type == "scenario":
        # Every scene, so that a facilitator can run the role play from paper: read the
        # situation, let the group choose, read the consequence, go on to the scene it leads to.
        out.append(f"<p><strong>{_t('handouts.key.scenes', start=_e(item.start))}</strong></p>")
        for scene in item.scenes:
            if scene.choices:
                choices = "".join(f"<li>{to_inline_html(c.text)} <em>{_t('handouts.key.then')}</em> {_e(c.consequence)} → “{_ltr(c.next)}”</li>" for c in scene.choices)
                out.append(f"<p><strong>{_t('handouts.key.scene', scene=_e(scene.id))}</strong> {to_inline_html(scene.situation)}</p><ol type='A'>{choices}</ol>")
            elif scene.ending:
                e, d = scene.ending, scene.ending.debrief
                out.append(
                    f"<p><strong>{_t('handouts.key.ending', scene=_e(scene.id), title=_e(e.title), outcome=_e(t(f'scenario.outcome.{e.outcome}')))}</strong> {to_inline_html(scene.situation)}</p>"
                    f"<p>{to_inline_html(d.what_happened)} <em>{_t('handouts.key.law')}</em> {_e(d.law)} <em>{_t('handouts.key.attitude')}</em> {_e(d.attitude)} "
                    f"<em>{_t('handouts.key.communication')}</em> {_e(d.communication)} {_source(d.source)}</p>"
                )
            else:
                out.append(f"<p><strong>{_t('handouts.key.plain_ending', scene=_e(scene.id))}</strong> {to_inline_html(scene.situation)}</p>")
    elif item.type == "statement":
        for n, para in enumerate(item.paragraphs, start=1):
            out.append(f"<p><strong>{n}. {_e(para.label)}</strong></p><ul>")
            out += [f"<li><strong>{_e(t(f'statement.verdict.{c.verdict}'))}:</strong> {_e(c.text)} — {to_inline_html(c.feedback)} {_source(c.source)}</li>" for c in para.candidates]
            out.append("</ul>")
    elif item.type == "plan":
        out.append(f"<p>{_t('handouts.key.no_plan_key')}</p>")
    out.append(f"<p><strong>{_t('handouts.key.key_point')}</strong> {to_inline_html(item.key_point)} {_source(item.source)}</p></div>")
    return "".join(out)


# ------------------------------------------------------------------ notebooks as pages


def for_paper(markdown: str) -> str:
    """A notebook's Markdown without its paragraphs on operating the notebook (running cells,
    the Run menu, buttons); empty if only headings would be left of a cell that had some."""
    paragraphs = re.split(r"\n\s*\n", markdown)
    kept = [p for p in paragraphs if not NOTEBOOK_OPERATION.search(p)]
    if len(kept) < len(paragraphs) and all(p.lstrip().startswith("#") and "\n" not in p.strip() for p in kept):
        return ""
    return "\n\n".join(kept)


def _on_screen_only(cell) -> bool:
    """A code cell that shows a tool with no paper form (my_progress(), self_assessment()):
    neither a quiz nor the setup cell."""
    src = cell.source.strip()
    return cell.cell_type == "code" and not SHOW.match(src) and not src.startswith("from hrdtrain import")


def _paragraphs(markdown: str) -> list[str]:
    return re.split(r"\n\s*\n", markdown)


def _blocks(nb, english=None) -> list[tuple[str, str]]:
    """The notebook as ('md', text) and ('item', id) blocks, without the For-facilitators block,
    text on operating the notebook, and the text that introduces an on-screen-only tool.
    For a translated notebook, `english` is the English one: what to leave out is decided on its
    cells (same ids, same places) and applied to the translated text, paragraph by paragraph
    where both have as many."""
    english_cells = {c.get("id"): c for c in (english.cells if english is not None else [])}
    blocks, skipping = [], False
    for n, cell in enumerate(nb.cells):
        src = cell.source.strip()
        decide = english_cells.get(cell.get("id"), cell)
        decide_src = decide.source.strip()
        if cell.cell_type == "markdown":
            heading = decide_src.splitlines()[0] if decide_src else ""
            if heading.startswith("#"):
                skipping = heading.startswith("### For facilitators")
            introduces_tool = n + 1 < len(nb.cells) and _on_screen_only(nb.cells[n + 1])
            if skipping or introduces_tool:
                continue
            kept = for_paper(decide_src)
            if decide is not cell and kept:
                theirs, ours = _paragraphs(decide_src), _paragraphs(src)
                if kept != decide_src and len(theirs) == len(ours):
                    left = set(_paragraphs(kept))
                    kept = "\n\n".join(o for e, o in zip(theirs, ours) if e in left)
                else:
                    kept = src
            if kept:
                blocks.append(("md", kept))
        elif (m := SHOW.match(src)) and not skipping:
            blocks.append(("item", m.group(1)))
    return blocks


def notebook_page(path: Path, bank, english: Path | None = None) -> tuple[str, list[str]]:
    """A section notebook as one printable page (title across the top, then two columns in
    print) and the ids of the items on it. `english`: the English notebook a translated one was
    generated from."""
    import nbformat

    nb = nbformat.read(path, as_version=4)
    title = nb.cells[0].source.splitlines()[0].lstrip("# ").strip()
    body, ids = [], []
    level = 1  # of the latest heading: an item's title goes one below it (headings in order)
    for kind, value in _blocks(nb, nbformat.read(english, as_version=4) if english else None):
        if kind == "md":
            if not body and value.startswith("# "):  # the title goes above the columns
                value = value.split("\n", 1)[1] if "\n" in value else ""
            body.append(to_html(value))
            level = int((re.findall(r"<h([1-6])", body[-1]) or [level])[-1])
        else:
            ids.append(value)
            body.append(question_html(bank.get(value), level=min(level + 1, 6)))
    return _page(title, f"<h1>{_e(title)}</h1>{_on_paper()}<div class='columns'>{''.join(body)}</div>"), ids


def role_cards_page(bank) -> str:
    """One card per role of every role play, two to a row in print, each role play on its own
    sheet (so that one play's cards can be printed alone)."""
    sections = []
    for item in map(_localised, bank):
        if item.type == "scenario" and item.roles:
            cards = "".join(
                f"<div class='card' data-item='{_e(item.id)}'><h3>{_e(role.name)}</h3><p><strong>{_t('handouts.cards.knows')}</strong> {to_inline_html(role.knows)}</p>"
                f"<p><strong>{_t('handouts.cards.wants')}</strong> {to_inline_html(role.wants)}</p><p class='source'>{_t('handouts.cards.play', id=_ltr(item.id))}</p></div>"
                for role in item.roles
            )
            sections.append(f"<h2 class='section-break'>{_e(item.title)} <small>({_ltr(item.id)})</small></h2><div class='columns'>{cards}</div>")
    title = t("handouts.cards.title")
    return _page(title, f"<h1>{_e(title)}</h1><p>{_t('handouts.cards.intro')}</p>" + "".join(sections))


class HandoutsError(ReportedError):
    """OUTDIR cannot take the handouts; the message says why and what to do."""


PAGE_NAME = re.compile(r"^(index|answer-key|role-cards|0[0-9]_[a-z0-9_]+)\.html$")
"""Names of the pages a previous run may have left (notebook names may have changed since)."""

_TEMP = re.compile(r"^\.hrdtrain-handout-[0-9a-f]+\.tmp$")
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)  # not on Windows, where links need special rights


def _made_by_us(path: Path) -> bool:
    """Whether `path` is a regular file (not a link) that a previous run of this module wrote."""
    try:
        fd = os.open(path, os.O_RDONLY | _NOFOLLOW | getattr(os, "O_BINARY", 0))
    except OSError:
        return False
    try:
        return stat.S_ISREG(os.fstat(fd).st_mode) and GENERATOR.encode() in os.read(fd, 4096)
    finally:
        os.close(fd)


def check_outdir(outdir: Path) -> bool:
    """Raises HandoutsError unless `outdir` may take the handouts; True if it holds a previous
    set (to be replaced), False if it is new or empty."""
    if os.path.lexists(outdir) and not outdir.is_dir():
        what = "a link to nothing" if outdir.is_symlink() else "a file, not a folder"
        raise HandoutsError(f"{outdir} is {what}: name a new folder for the handouts, e.g. handouts/")
    if not outdir.exists():
        return False
    try:
        entries = sorted(os.scandir(outdir), key=lambda e: e.name)
    except OSError as exc:
        raise HandoutsError(f"cannot read the folder {outdir}: {exc.strerror or exc}") from None
    for entry in entries:
        if entry.is_symlink():
            raise HandoutsError(
                f"{Path(outdir) / entry.name} is a symbolic link, and handouts are never written through links: "
                "remove it, or name a new folder"
            )
    foreign = [e.name for e in entries if not (_TEMP.match(e.name) or (PAGE_NAME.match(e.name) and _made_by_us(Path(e.path))))]
    if foreign:
        more = f" and {len(foreign) - 1} more" if len(foreign) > 1 else ""
        raise HandoutsError(
            f"{outdir} is not empty (it holds '{foreign[0]}'{more}): handouts are written only to a new or empty folder, "
            "or over handouts written there before, so that no other file is ever overwritten. Name a new or empty folder."
        )
    return bool(entries)


def write_pages(outdir: Path, pages: dict[str, str]) -> list[Path]:
    """Writes every page or none: each to a new temporary file in `outdir` (never through a
    link), flushed to disk, then all renamed into place. A rename replaces a link that appeared
    since the check instead of writing into the file it points to. (Temporary files left by a
    run that was killed are hidden, and accepted by `check_outdir`.)"""
    temps: dict[str, Path] = {}
    placed = 0
    try:
        for name, text in pages.items():
            temp = outdir / f".hrdtrain-handout-{secrets.token_hex(8)}.tmp"
            fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | getattr(os, "O_BINARY", 0), 0o644)
            temps[name] = temp
            try:
                data = memoryview(text.encode("utf-8"))
                while data:
                    data = data[os.write(fd, data):]
                os.fsync(fd)
            finally:
                os.close(fd)
        for name, temp in temps.items():
            os.replace(temp, outdir / name)
            placed += 1
    except OSError as exc:
        outcome = "nothing there was changed" if not placed else f"{placed} of {len(pages)} pages were replaced: run it again"
        raise HandoutsError(f"could not write the handouts to {outdir}: {exc.strerror or exc}; {outcome}") from None
    finally:
        for temp in temps.values():
            try:
                temp.unlink()
            except FileNotFoundError:
                pass
    return [outdir / name for name in pages]


def build_handouts(outdir: Path, bank=None, notebooks_dir: Path | None = None, progress: bool = True, language: str | None = None) -> tuple[list[Path], bool]:
    """Writes every handout page, the answer key and the role cards to `outdir`, in `language`
    (the current one by default); returns the paths (the index first) and whether a previous set
    was replaced."""
    from .i18n import current_language, using_language

    outdir = Path(outdir)
    check_outdir(outdir)  # before the slow part, so a wrong folder is said at once
    with using_language(language or current_language()) as code:
        pages = _render_pages(bank, notebooks_dir, progress, code)
    replaced = check_outdir(outdir)  # again: the folder may have changed while pages were made
    try:
        outdir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise HandoutsError(f"cannot make the folder {outdir}: {exc.strerror or exc}") from None
    return write_pages(outdir, pages), replaced


def _render_pages(bank, notebooks_dir: Path | None, progress: bool, language: str) -> dict[str, str]:
    from tqdm import tqdm

    from .bank import default_bank
    from .i18n import DEFAULT_LANGUAGE
    from .translations import section_title

    bank = bank or default_bank()
    if notebooks_dir is None:  # the course's own, from a wheel or a checkout
        from .course_files import course_files

        notebooks_dir = course_files().notebooks
    english_dir = notebooks_dir
    if language != DEFAULT_LANGUAGE:
        notebooks_dir = notebooks_dir / language
        if not notebooks_dir.is_dir():
            raise HandoutsError(f"no notebooks in {notebooks_dir}: the course's notebooks in '{language}' are generated with `hrdtrain translations notebooks`")
    notebooks = sorted(notebooks_dir.glob("0[1-7]_*.ipynb"))
    pages: dict[str, str] = {}
    links = []
    with tqdm(total=len(notebooks) + 2, desc="Handouts", unit="page", disable=not progress) as bar:
        for path in notebooks:
            english = english_dir / path.name if language != DEFAULT_LANGUAGE else None
            pages[f"{path.stem}.html"], _ids = notebook_page(path, bank, english=english)
            title = nb_title(path)
            links.append(f"<li><a href='{path.stem}.html'>{_e(title)}</a></li>")
            bar.update(1)
        # Each section on a new sheet, so that one section's key can be printed alone.
        key = [
            f"<h2 class='section-break'>{_t('handouts.key.section', section=_e(s), title=_e(section_title(s, title)))}</h2><div class='key columns'>"
            + "".join(answer_html(i) for i in bank if i.section.split(".")[0] == s) + "</div>"
            for s, title in sorted(bank.sections.items())
        ]
        pages["answer-key.html"] = _page(t("handouts.key.title"), f"<h1>{_t('handouts.key.heading')}</h1>" + "".join(key))
        bar.update(1)
        pages["role-cards.html"] = role_cards_page(bank)
        bar.update(1)
    links_key = f"<a href='answer-key.html'>{_t('handouts.index.key_link')}</a>"
    links_cards = f"<a href='role-cards.html'>{_t('handouts.index.cards_link')}</a>"
    index = _page(
        t("handouts.index.title"),
        f"<h1>{_t('handouts.index.title')}</h1><p>{_t('handouts.index.learners')}</p><ul>" + "".join(links)
        + f"</ul><p>{_t('handouts.index.facilitator', key=links_key, cards=links_cards)}</p>",
    )
    return {"index.html": index, **pages}


def nb_title(path: Path) -> str:
    """A notebook's title: its first heading."""
    import json

    cells = json.loads(path.read_text(encoding="utf-8")).get("cells", [])
    first = "".join(cells[0].get("source", "")) if cells else ""
    return first.splitlines()[0].lstrip("# ").strip() if first else path.stem
