"""Markdown in content text, rendered to HTML that makes the browser contact nobody.

Content files and country notes may come from anyone adapting the course, and the people who
read them may be at risk. So the HTML this module makes
- never holds raw HTML from the text (it is escaped, shown as text);
- never holds an image, whatever the form (inline, reference, inside a link, data:): a browser
  fetches an image as soon as it is shown, which would tell its server the learner's IP
  address, the time and the quiz. An image is shown as its alt text. Inline data: images are
  dropped too: the course ships no images, one rule is easier to keep and to test than a list of
  safe kinds, and a data: image can be megabytes of text (or SVG) in a content file;
- keeps a link only to an http, https or mailto address, and then opens it only on a click, in
  a new tab, without a referrer, marked in words as leaving the course. Any other link
  (javascript:, data:, vbscript:, file:, protocol-relative //host, relative) shows only its text.

`problems(text)` says what in a text the renderer would not show as written, for
`hrdtrain validate` and `hrdtrain notes`, which refuse it (schema/base.py).
"""

from __future__ import annotations

import functools
import html
import re

LINK_SCHEMES = re.compile(r"^(?:https?://|mailto:)", re.IGNORECASE)
"""The only addresses a rendered link may have (checked on the normalised address)."""

_FETCHING_TAGS = re.compile(
    r"<\s*(img|image|picture|source|iframe|frame|video|audio|track|link|script|object|embed|svg|input|meta|base)\b", re.IGNORECASE
)
"""Raw HTML tags that fetch something; the renderer escapes them, validation names them."""

_MAY_NEED_PARSING = ("![", "](", "]:", "<")
"""A text with none of these has no image, link or raw HTML: validation skips parsing it."""


def _new_parser(**options):
    from markdown_it import MarkdownIt

    md = MarkdownIt("js-default", {"html": False, "linkify": False, "typographer": False, **options})
    # Every destination is parsed as a link or image, so that the checks below see it and
    # decide; markdown-it's own validateLink would leave some as literal "[text](url)".
    md.validateLink = lambda url: True
    return md


def _link_marker() -> str:
    from .i18n import t

    return f"<span class='hrdtrain-leaves-course'> {html.escape(t('link.leaves_course'))}</span>"


def _alt_text(md, image) -> str:
    return md.renderer.renderInlineAsText(image.children, md.options, {})


def _make_safe(state) -> None:
    """Core rule, run last: images become their alt text, links are either kept and marked as
    leaving the course or reduced to their text."""
    from markdown_it.token import Token

    for block in state.tokens:
        if block.type != "inline" or not block.children:
            continue
        kept_links: list[bool] = []
        children: list[Token] = []
        for tok in block.children:
            if tok.type == "image":
                children.append(Token("text", "", 0, content=_alt_text(state.md, tok)))
            elif tok.type == "link_open":
                safe = bool(LINK_SCHEMES.match(tok.attrGet("href") or ""))
                kept_links.append(safe)
                if safe:
                    tok.attrSet("target", "_blank")
                    tok.attrSet("rel", "noopener noreferrer nofollow")
                    tok.attrSet("referrerpolicy", "no-referrer")
                    tok.attrSet("class", "hrdtrain-external-link")
                    children.append(tok)
            elif tok.type == "link_close":
                if kept_links and kept_links.pop():
                    children.append(Token("html_inline", "", 0, content=_link_marker()))
                    children.append(tok)
            elif tok.type in ("html_inline", "html_block"):  # never produced with html off; belt and braces
                children.append(Token("text", "", 0, content=tok.content))
            else:
                children.append(tok)
        block.children = children


@functools.lru_cache(maxsize=1)
def _renderer():
    md = _new_parser()
    md.core.ruler.push("hrdtrain_safe", _make_safe)
    return md


@functools.lru_cache(maxsize=4096)
def _render(text: str, inline: bool, language: str) -> str:
    md = _renderer()
    return md.renderInline(text.strip()) if inline else md.render(text)


def to_html(text: str) -> str:
    """Block Markdown (paragraphs, lists, emphasis, links) as HTML; see the module docstring."""
    from .i18n import current_language

    return _render(text or "", False, current_language())


def to_inline_html(text: str) -> str:
    """Inline Markdown (emphasis, code, links) without a wrapping paragraph, for labels."""
    from .i18n import current_language

    return _render(text or "", True, current_language())


def escape(text: str) -> str:
    return html.escape(text or "", quote=True)


# ------------------------------------------------------------------ checking content text


def _short(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):", re.IGNORECASE)
_HOST = re.compile(r"^(?:[a-z][a-z0-9+.-]*:)?//([^/?#]*)", re.IGNORECASE)


def _where(url: str) -> str:
    """Where an address points, in a few words, never the whole (perhaps tracking) address."""
    if m := _HOST.match(url):
        return _short(m.group(1))
    if m := _SCHEME.match(url):
        return f"a {_short(m.group(1))}: address"
    return "a file next to the page"


@functools.lru_cache(maxsize=1)
def _checker():
    # Raw HTML parsed as HTML here, only to name the fetching tags an author may have written.
    return _new_parser(html=True)


def _walk(tokens):
    for tok in tokens:
        yield tok
        if tok.children:
            yield from _walk(tok.children)


def problems(text: str) -> list[str]:
    """What in `text` the course will not show as written, worded for its author: images, raw
    HTML that would fetch something, links that are not http(s) or mailto. Empty when fine."""
    if not text or not any(mark in text for mark in _MAY_NEED_PARSING):
        return []
    found: list[str] = []
    for tok in _walk(_checker().parse(text)):
        if tok.type == "image":
            alt, src = _short(_alt_text(_checker(), tok)), tok.attrGet("src") or ""
            if _HOST.match(src):
                why = (f"from {_where(src)}. A learner's browser would fetch it from that server as soon as the quiz "
                       "shows, telling the server who looks at which quiz")
            else:
                why = f"({_where(src)}). The course shows no images at all, only their alt text"
            found.append(
                f"no images in course text: found the image '{alt}' {why}. Describe what it shows in words, "
                "or link to it: [what it shows](https://...)"
            )
        elif tok.type == "link_open":
            href = tok.attrGet("href") or ""
            scheme = m.group(1).lower() if (m := _SCHEME.match(href)) else ""
            if scheme not in ("http", "https", "mailto") and (scheme or href.startswith("//")):
                where = f"'{_short(scheme)}:'" if scheme else f"'{_short(href, 30)}'"
                found.append(f"a link to {where} is not allowed: links in course text must start with https://, http:// or mailto:")
        elif tok.type in ("html_inline", "html_block") and (m := _FETCHING_TAGS.search(tok.content)):
            found.append(
                f"no images or embedded content in course text: found a raw HTML <{m.group(1).lower()}> tag, which is shown as "
                "text, never run. Describe what it shows in words, or link to it: [what it shows](https://...)"
            )
    return found
