"""Accessible controls that ipywidgets cannot express (issue 17), as anywidget front ends.

`RadioGroup` replaces `ipywidgets.RadioButtons`: a `<fieldset>` named by its `<legend>`, native
radio buttons that share one `name` (one Tab stop per group, arrow keys move the choice inside
it), and a key handler that keeps those keys from JupyterLab's command mode (which would move to
the next cell on a bare ↓, or delete it on `d d`). Its Python side is the one the widgets and
tests already use: `options` as (label, value) pairs, `value`, `description`, `observe`.

`SelectList` replaces `ipywidgets.Dropdown` the same way: a native `<select>` with its `<label>`,
whose keys stay inside it (↓ on ipywidgets' closed list moved JupyterLab to the next cell, and a
`d d` typed next deleted a cell).

`LiveHTML` replaces `ipywidgets.HTML` where a text changes in answer to the learner (feedback,
a role play's next scene): one live region that exists before its text changes, so a screen
reader announces each change once. With `focus_on_change` it also takes the focus when its
text changes (a role play's new scene), so a keyboard user carries on from there.

`ActionButton` replaces `ipywidgets.Button` where a press acts on what the learner chose (Check,
Decide, Review, Save): its press brings the values the learner saw in the controls it reads, so
the answer scored is the one on the screen (`action_button.js` says why).

Scoring never happens here: the front end only reports which option is chosen.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import anywidget
import ipywidgets as widgets
import traitlets
from ipywidgets.widgets.widget import CallbackDispatcher

_HERE = Path(__file__).parent


def _asset(name: str) -> str:
    # Read as text, not passed as a Path: anywidget would watch a Path for changes.
    return (_HERE / name).read_text(encoding="utf-8")


def _pairs(options: Any) -> tuple[tuple[str, Any], ...]:
    """Options as ipywidgets takes them: (label, value) pairs, or bare labels (value = label)."""
    pairs = []
    for option in options or ():
        if isinstance(option, (tuple, list)) and len(option) == 2:
            pairs.append((str(option[0]), option[1]))
        else:
            pairs.append((str(option), option))
    return tuple(pairs)


class _OneOf(anywidget.AnyWidget):
    """One of `options` (label, value) pairs, or None; the browser gets only the labels and the
    chosen position (`index`), never the values."""

    description = traitlets.Unicode("", help="the control's name (legend or label)").tag(sync=True)
    labels = traitlets.List(traitlets.Unicode(), help="the options' labels, in order").tag(sync=True)
    index = traitlets.Int(None, allow_none=True, help="the chosen option's position, or None").tag(sync=True)
    disabled = traitlets.Bool(False).tag(sync=True)
    options = traitlets.Any((), help="(label, value) pairs; values never reach the browser")
    value = traitlets.Any(None, allow_none=True, help="the chosen option's value, or None")

    def __init__(self, options: Any = (), value: Any = None, description: str = "", **kwargs: Any):
        kwargs.pop("style", None)  # ipywidgets' description_width: the name has its own place
        kwargs.pop("layout", None)
        super().__init__(description=description, **kwargs)
        self.options = options
        self.value = value

    @traitlets.validate("options")
    def _valid_options(self, proposal):
        return _pairs(proposal["value"])

    @traitlets.observe("options")
    def _options_changed(self, change):
        self.labels = [label for label, _ in self.options]
        if self.value not in self._values():
            self.value = None
        else:
            self.index = self._values().index(self.value)

    def _values(self) -> list[Any]:
        return [v for _, v in self.options]

    @traitlets.validate("value")
    def _valid_value(self, proposal):
        value = proposal["value"]
        if value is not None and value not in self._values():
            raise traitlets.TraitError(f"Invalid selection: value not found: {value!r} (options: {self._values()!r})")
        return value

    @traitlets.observe("value")
    def _value_changed(self, change):
        new = None if change["new"] is None else self._values().index(change["new"])
        if self.index != new:
            self.index = new

    @traitlets.observe("index")
    def _index_changed(self, change):
        i = change["new"]
        new = None if i is None or not 0 <= i < len(self.options) else self.options[i][1]
        if self.value != new or (new is None and self.value is not None):
            self.value = new


class RadioGroup(_OneOf):
    """A named group of radio buttons (fieldset + legend, one shared name)."""

    _esm = _asset("radio_group.js")


class SelectList(_OneOf):
    """A drop-down list (a native select with its label), replacing ipywidgets.Dropdown: ↑/↓ on
    the closed list change the choice, as browsers do, instead of moving the notebook's cell."""

    _esm = _asset("select_list.js")


class LiveHTML(anywidget.AnyWidget):
    """HTML in a live region (role=status): each change of `value` is announced once."""

    _esm = _asset("live_html.js")

    value = traitlets.Unicode("", help="HTML, already escaped by the caller").tag(sync=True)
    focus_on_change = traitlets.Bool(False, help="take the focus when the text changes").tag(sync=True)
    live = traitlets.Bool(True, help="announce changes (a live region)").tag(sync=True)


def value_key(control: Any) -> str | None:
    """The synced key that holds what the learner chose in `control` (None: not a control)."""
    from ipywidgets.widgets.widget_selection import _MultipleSelection, _Selection

    if isinstance(control, (_OneOf, _Selection, _MultipleSelection)):
        return "index"
    if isinstance(control, (widgets.Checkbox, widgets.ToggleButton, widgets.Text, widgets.Textarea)):
        return "value"
    return None


class ActionButton(anywidget.AnyWidget):
    """A button, with ipywidgets.Button's Python side (`description`, `tooltip`, `icon`,
    `button_style`, `disabled`, `on_click`, `click`), whose press brings the values the learner
    saw in the controls it `reads` (ipywidgets.Button's press can overtake a change: see
    action_button.js). Those values are set on the controls before the handlers run."""

    _esm = _asset("action_button.js")

    description = traitlets.Unicode("", help="the button's text (its accessible name)").tag(sync=True)
    tooltip = traitlets.Unicode("", help="shown on hover (title)").tag(sync=True)
    icon = traitlets.Unicode("", help="a Font Awesome icon name, shown before the text").tag(sync=True)
    button_style = traitlets.CaselessStrEnum(("primary", "success", "info", "warning", "danger", ""), default_value="").tag(sync=True)
    disabled = traitlets.Bool(False).tag(sync=True)
    reads = traitlets.List(help="[model id, key] of each control value a press brings").tag(sync=True)

    def __init__(self, **kwargs: Any):
        super().__init__(**kwargs)
        self._click_handlers = CallbackDispatcher()
        self._controls: dict[tuple[str, str], widgets.Widget] = {}
        self.on_msg(self._handle_button_msg)

    def read_from(self, *controls: widgets.Widget) -> None:
        """The controls (or boxes of them) whose values a press brings, replacing earlier ones."""
        found: dict[tuple[str, str], widgets.Widget] = {}

        def walk(w):
            if isinstance(w, widgets.Box):
                for child in w.children:
                    walk(child)
            elif (key := value_key(w)) is not None:
                found[(w.model_id, key)] = w

        for control in controls:
            walk(control)
        self._controls = found
        self.reads = [list(pair) for pair in found]

    def on_click(self, callback, remove: bool = False) -> None:
        """Calls `callback(button)` on each press (or stops calling it, with remove=True)."""
        self._click_handlers.register_callback(callback, remove=remove)

    def click(self) -> None:
        """Does what a press does."""
        self._click_handlers(self)

    def _handle_button_msg(self, _widget, content, _buffers) -> None:
        if not isinstance(content, dict) or content.get("event") != "click" or self.disabled:
            return
        shown = content.get("shown")
        for model_id, values in (shown if isinstance(shown, dict) else {}).items():
            for key, value in (values if isinstance(values, dict) else {}).items():
                control = self._controls.get((model_id, key))
                if control is None:
                    continue  # only the controls this button reads, and only their answer
                if key == "index" and value is not None and not (isinstance(value, int) and 0 <= value < len(control.options)):
                    continue  # a position in an older set of options: the control keeps its own
                try:
                    control.set_state({key: value})  # as if the control's own change had come first
                except (traitlets.TraitError, TypeError, ValueError):
                    pass  # (a value from an older set of options: the control keeps its own)
        self.click()
