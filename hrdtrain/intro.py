"""`course_intro()`: the setup cell's few lines on how to use the notebook where it is open.

JupyterLab has cells to run, a Run menu and a Kernel menu; quiz mode (Voilà) shows the text and
live quizzes, no code and no menus. The notebooks' own text says only what holds in both, and
this output says the rest for the runtime at hand (`hrdtrain.runtime`).
"""

from __future__ import annotations

from .i18n import t, html_lang
from .markdown import escape
from .runtime import current


class CourseIntro:
    """The how-to for this runtime; displays itself in a notebook (`_repr_html_`)."""

    def __init__(self, runtime: str | None = None):
        self.runtime = runtime or current()

    def lines(self) -> list[str]:
        return [t(f"intro.{self.runtime}.{n}") for n in (1, 2, 3)]

    def _repr_html_(self) -> str:
        heading, *rest = self.lines()
        items = "".join(f"<li>{escape(line)}</li>" for line in rest)
        return (
            f"<div class='hrdtrain-intro hrdtrain-intro-{self.runtime}' role='note' {html_lang()}>"
            f"<p><strong>{escape(heading)}</strong></p><ul>{items}</ul></div>"
        )

    def __repr__(self) -> str:  # a plain-text front end gets the same lines
        return "\n".join(self.lines())


def course_intro(runtime: str | None = None) -> CourseIntro:
    """How to use this notebook here: in JupyterLab, or in quiz mode (Voilà). Example: course_intro()"""
    return CourseIntro(runtime)
