"""Markdown in content text, rendered to safe HTML for the widgets.

Raw HTML in content is not rendered (escaped instead): content files may come from anyone
adapting the course, and a quiz should never run their markup.
"""

from __future__ import annotations

import functools
import html


@functools.lru_cache(maxsize=1)
def _renderer():
    from markdown_it import MarkdownIt

    return MarkdownIt("js-default", {"html": False, "linkify": False, "typographer": False})


@functools.lru_cache(maxsize=4096)
def to_html(text: str) -> str:
    """Block Markdown (paragraphs, lists, emphasis) as HTML."""
    return _renderer().render(text or "")


@functools.lru_cache(maxsize=4096)
def to_inline_html(text: str) -> str:
    """Inline Markdown (emphasis, code) without a wrapping paragraph, for labels."""
    return _renderer().renderInline((text or "").strip())


def escape(text: str) -> str:
    return html.escape(text or "", quote=True)
