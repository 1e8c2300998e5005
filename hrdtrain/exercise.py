"""What a learner's exercise notebook imports: `check` for self-checks, `load_data` for data tasks.

    from hrdtrain.exercise import checks_for, load_data
    check = checks_for("02_international_standards")
    check("q3")        # the visible checks for one question, in plain words, as often as you like

A self-check looks only at the *form* of an answer (one of the allowed letters, a number in a
plausible range, a chart with a title and labelled axes): whether it is right is decided by
hidden tests when the trainer grades. The test cells of the notebook call the same checks with
`strict=True`, so what a learner sees here is exactly the visible part of the grading.
"""

from __future__ import annotations

import inspect
from numbers import Real
from typing import Any, Callable, Mapping

from .assessment import Assessment, load_assessment
from .data import load_data

__all__ = ["checks_for", "load_data", "CheckFailed"]

PREFIX = "Self-check"


class CheckFailed(AssertionError):
    """A visible check failed (raised only with strict=True, i.e. in the notebook's test cells)."""


def _show(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def form_problem(visible, value: Any) -> str | None:
    """What is wrong with the form of `value` for this visible check, in plain words; None if nothing."""
    kind = visible.kind
    if kind == "one_of":
        allowed = ", ".join(repr(v) for v in visible.values)
        if not isinstance(value, str) or value.strip().lower() not in [v.lower() for v in visible.values]:
            return f"the answer should be one of {allowed} (in quotes); it is {_show(value)}"
    elif kind == "some_of":
        allowed = ", ".join(repr(v) for v in visible.values)
        if isinstance(value, str) or not isinstance(value, (set, list, tuple, frozenset)):
            return f"the answer should be a set of some of {allowed}, written like {{{allowed.split(', ')[0]}}}; it is {_show(value)}"
        wrong = [v for v in value if not isinstance(v, str) or v.strip().lower() not in [a.lower() for a in visible.values]]
        if wrong:
            return f"{', '.join(_show(w) for w in wrong)} is not one of the choices {allowed}"
    elif kind == "number":
        if isinstance(value, bool) or not isinstance(value, Real):
            return f"the answer should be a number (without quotes); it is {_show(value)}"
        if value != value:  # NaN
            return "the answer is NaN (not a number): check the calculation, e.g. a division by zero or a missing value"
        if visible.min is not None and value < visible.min or visible.max is not None and value > visible.max:
            return f"{value:g} is outside the plausible range {visible.min:g} to {visible.max:g}: check the calculation"
    elif kind == "table":
        import pandas as pd

        if not isinstance(value, (pd.DataFrame, pd.Series)):
            return f"the answer should be a pandas table (DataFrame or Series); it is a {type(value).__name__}"
        missing = [c for c in visible.columns if not isinstance(value, pd.DataFrame) or c not in value.columns]
        if missing:
            return f"the table lacks the column(s) {', '.join(map(repr, missing))}"
        labels = [str(i) for i in value.index]
        missing = [i for i in visible.index if i not in labels]
        if missing:
            return f"the table's index lacks {', '.join(map(repr, missing))}"
    elif kind == "chart":
        from matplotlib.figure import Figure

        if not isinstance(value, Figure):
            return f"the answer should be a matplotlib Figure (e.g. fig, ax = plt.subplots()); it is a {type(value).__name__}"
        if not value.axes:
            return "the figure has no chart in it yet"
        ax = value.axes[0]
        if not (ax.get_title() or value.get_suptitle()):
            return "the chart needs a title (ax.set_title(...)), so a reader knows what it shows"
        if not ax.get_xlabel() or not ax.get_ylabel():
            return "both axes need a label (ax.set_xlabel(...), ax.set_ylabel(...)), so the chart can be read without colour or guessing"
    elif kind == "text":
        if not isinstance(value, str) or len(value.split()) < visible.min_words:
            return f"the answer should be text of at least {visible.min_words} word(s), in quotes"
    return None


def _caller_namespace() -> Mapping[str, Any]:
    """The notebook's variables: IPython's user namespace, or the calling module's globals."""
    try:
        from IPython import get_ipython

        shell = get_ipython()
        if shell is not None:
            return shell.user_ns
    except ImportError:
        pass
    frame = inspect.currentframe()
    while frame is not None and frame.f_globals.get("__name__") == __name__:
        frame = frame.f_back
    return frame.f_globals if frame is not None else {}


def run_check(assessment: Assessment, qid: str, namespace: Mapping[str, Any]) -> tuple[bool, str]:
    """(passed, message) for question `qid` of `assessment`, reading the answer from `namespace`."""
    try:
        question = assessment.question(qid)
    except KeyError:
        ids = ", ".join(q.id for q in assessment.questions)
        return False, f"there is no question {qid!r} in this assignment; the questions are {ids}"
    if question.manual:
        return True, f"{qid} is a written answer: your trainer grades it with the rubric shown above it. There is nothing to check automatically."
    name = question.variable
    if name not in namespace:
        return False, f"{qid}: `{name}` is not set yet. Write your answer in the answer cell above and run that cell (Shift+Enter), then check again."
    value = namespace[name]
    if value is None:
        return False, f"{qid}: `{name}` is still None. Replace None with your answer in the answer cell, run it, then check again."
    problem = form_problem(question.visible, value)
    if problem:
        return False, f"{qid}: {problem}."
    return True, f"{qid}: your answer has the right form. Whether it is right is decided by hidden checks when your trainer grades the assignment."


def checks_for(assignment: str, namespace: Mapping[str, Any] | None = None) -> Callable[..., None]:
    """The `check` function of one assignment's notebook."""
    assessment = load_assessment(assignment)

    def check(qid: str, strict: bool = False) -> None:
        """Runs the visible checks of one question and says what they found.

        strict=True (the notebook's test cells): a failed check raises CheckFailed, so the
        question scores 0 when graded.
        """
        passed, message = run_check(assessment, qid, namespace if namespace is not None else _caller_namespace())
        if not passed and strict:
            raise CheckFailed(f"{PREFIX}: {message}")
        print(f"{'✓' if passed else '✗'} {PREFIX}: {message}")

    return check
