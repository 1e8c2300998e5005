"""nbgrader's Execute step, as the course grades: sandboxed kernels and output cut to size.

nbgrader's own Execute starts kernels with jupyter_client's plain manager (it overrides any
configured `kernel_manager_class`), and its LimitOutput counts lines only: one 100 MB print is a
single line, kept whole in the autograded notebook and in the feedback page. `GradingExecute`
starts every kernel with `SandboxedKernelManager` and cuts each cell's output while it arrives,
so a flood never reaches the notebook (nor the grader's memory, beyond one message).
`nbgrader_config.py` puts it in place of nbgrader's Execute, so plain `nbgrader autograde` and
formgrader's autograde button get the same protection.
"""

from __future__ import annotations

from nbgrader.preprocessors import Execute

from .sandbox import SandboxedKernelManager

TEXT_LIMIT = 10_000
"""Characters of text output (prints, text results, error messages) kept per cell."""
DATA_LIMIT = 2_000_000
"""Characters of other output (images such as a chart, as base64) kept per cell."""
CUT_NOTE = "\n[hrdtrain: output cut here: this cell printed more than {limit:,} characters]\n"
CUT_MARK = "[hrdtrain: output cut here"
DROPPED_NOTE = "[hrdtrain: output removed: this cell's pictures or data were larger than {limit:,} characters]"

_TEXT_TYPES = ("text/", "application/json", "application/javascript")


def _is_text(mime: str) -> bool:
    return mime.startswith(_TEXT_TYPES)


def _text(value) -> str:
    return "".join(value) if isinstance(value, list) else str(value)


class _Budget:
    """What one cell may still add to its outputs."""

    def __init__(self) -> None:
        self.text = TEXT_LIMIT
        self.data = DATA_LIMIT
        self.cut = False

    def take_text(self, text: str) -> str:
        if self.cut:
            return ""
        if len(text) <= self.text:
            self.text -= len(text)
            return text
        kept = text[: self.text]
        self.text, self.cut = 0, True
        return kept + CUT_NOTE.format(limit=TEXT_LIMIT)


def cap_output(out, budget: _Budget):
    """`out` cut to what the budget allows, or None to drop it."""
    kind = out.get("output_type")
    if kind == "stream":
        text = budget.take_text(_text(out.get("text", "")))
        if not text:
            return None
        out["text"] = text
        return out
    if kind == "error":  # always kept (it decides the grade), but its text is cut too
        small = _Budget()
        out["evalue"] = small.take_text(_text(out.get("evalue", "")))
        lines, room = [], _Budget()
        for line in out.get("traceback", []):
            kept = room.take_text(str(line))
            if kept:
                lines.append(kept)
        out["traceback"] = lines
        return out
    data = out.get("data")
    if isinstance(data, dict):
        for mime in list(data):
            value = _text(data[mime]) if not isinstance(data[mime], dict) else str(data[mime])
            if _is_text(mime):
                kept = budget.take_text(value)
                if kept:
                    data[mime] = kept
                else:
                    del data[mime]
            elif len(value) <= budget.data:
                budget.data -= len(value)
            else:
                del data[mime]
                budget.data = 0
                budget.cut = True
                data.setdefault("text/plain", DROPPED_NOTE.format(limit=DATA_LIMIT))
        if not data:
            return None
    return out


def cap_outputs(outputs: list) -> list:
    """A cell's whole output list, cut to the limits (the final word on what is kept)."""
    budget, kept = _Budget(), []
    for out in outputs:
        capped = cap_output(out, budget)
        if capped is not None:
            kept.append(capped)
    return kept


def was_cut(outputs: list) -> bool:
    for out in outputs:
        texts = [_text(out.get("text", ""))] + [_text(v) for v in (out.get("data") or {}).values() if isinstance(v, (str, list))]
        if any(CUT_MARK in t or "[hrdtrain: output removed" in t for t in texts):
            return True
    return False


class GradingExecute(Execute):
    """nbgrader's Execute with the sandboxed kernel manager and outputs cut while they arrive."""

    def __init__(self, *args, **kwargs):
        kwargs["kernel_manager_class"] = SandboxedKernelManager
        super().__init__(*args, **kwargs)
        self._budgets: dict[int, _Budget] = {}

    def output(self, outs, msg, display_id, cell_index):
        out = super().output(outs, msg, display_id, cell_index)
        if out is None or not outs or outs[-1] is not out:
            return out
        budget = self._budgets.setdefault(cell_index, _Budget())
        if cap_output(out, budget) is None:
            outs.pop()
            return None
        return out

    def preprocess_cell(self, cell, resources, index):
        self._budgets.pop(index, None)
        cell, resources = super().preprocess_cell(cell, resources, index)
        if cell.cell_type == "code":  # display updates and merged streams: cut once more, as stored
            cell.outputs = cap_outputs(cell.outputs)
        self._budgets.pop(index, None)
        return cell, resources
