"""Charts and tables for the HTML views (the learner's dashboard, the group view, the class report).

Every chart is drawn with matplotlib's Agg backend (no display needed) and embedded in the page
as a PNG, so a view is one self-contained piece of HTML that works offline; every chart comes
with a table of the same figures, so nothing depends on seeing the picture or telling colours
apart. matplotlib is imported only when a chart is drawn.

Where there is no matplotlib (the browser edition: Pyodide has no wheel for it on PyPI), views
ask `chart_or_note`, which answers honestly: no picture, one line saying that the table holds the
same figures. The table is drawn either way.
"""

from __future__ import annotations

import base64
import html
import io
from typing import Callable, Iterable


def charts_available() -> bool:
    """Whether matplotlib can be imported here (not in the browser edition)."""
    import importlib.util

    try:
        return importlib.util.find_spec("matplotlib") is not None
    except (ImportError, ValueError):
        return False


def chart_or_note(draw: Callable[[], object], alt: str) -> str:
    """The figure `draw()` makes, as an <img>; where charts cannot be drawn, a note that the
    table below shows the same figures (never an empty box or a broken image)."""
    if not charts_available():
        from .i18n import t

        return f"<p class='hrdtrain-no-chart'><small>{html.escape(t('dashboard.chart.unavailable'))}</small></p>"
    return chart_img(draw(), alt)


def pyplot():
    """matplotlib.pyplot on the Agg backend."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def chart_img(fig, alt: str, dpi: int = 90) -> str:
    """`fig` as an <img> with the PNG inline; closes the figure."""
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi, bbox_inches="tight")
    pyplot().close(fig)
    data = base64.b64encode(buf.getvalue()).decode("ascii")
    return f"<img alt='{html.escape(alt)}' src='data:image/png;base64,{data}'>"


def html_table(headers: Iterable[str], rows: Iterable[Iterable[object]], escape: bool = True) -> str:
    """A plain table with column headers; cells are escaped unless `escape` is False (cells already HTML)."""
    cell = (lambda c: html.escape(str(c))) if escape else str
    head = "".join(f"<th scope='col'>{html.escape(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{cell(c)}</td>" for c in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
