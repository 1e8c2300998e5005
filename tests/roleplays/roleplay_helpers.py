"""Reading what a learner sees in the role-play widget (shared by the role-play tests)."""

from __future__ import annotations

import html
import re


def visible(*html_values: str) -> str:
    """The text a learner reads in HTML widget values: tags dropped, entities decoded, spaces collapsed."""
    text = " ".join(re.sub(r"<style>.*?</style>|<[^>]+>", " ", v, flags=re.S) for v in html_values)
    return " ".join(html.unescape(text).split())


def plain(markdown: str) -> str:
    """Content text as it reads once rendered: emphasis marks and line breaks gone."""
    return " ".join(markdown.replace("*", "").split())
