"""The "save as text file" row of the writing tools (statement workshop, engagement plan).

A file-name box, a Save button, a privacy note and a status line, with the learner-facing text
taken from the tool's own strings (`<prefix>.save`, `<prefix>.save.name`, ...). Saving goes
through `hrdtrain.text_files.save_text`, which never overwrites a file.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

import ipywidgets as widgets

from ..i18n import t, html_lang
from ..markdown import escape
from ..text_files import save_text
from .controls import ActionButton, LiveHTML


def small_note(text: str, cls: str) -> widgets.HTML:
    """A short note in small print (privacy, keyboard hints), with a class to find it by."""
    w = widgets.HTML(value=f"<p {html_lang()} class='{cls}'><small>{escape(text)}</small></p>")
    w.add_class(cls)
    return w


class SaveRow:
    """The widgets of a save row; `children` go into the tool's box, `on_save` runs on a click."""

    def __init__(self, default_name: str, prefix: str, on_save: Callable[[], object]):
        self.file_name = widgets.Text(value=default_name, description=t(f"{prefix}.save.name"), style={"description_width": "initial"})
        self.button = ActionButton(description=t(f"{prefix}.save"), tooltip=t(f"{prefix}.save.tooltip"))
        self.button.add_class("hrdtrain-save")
        self.button.on_click(lambda _b: on_save())
        self.button.read_from(self.file_name)  # the tool adds its own boxes (controls.ActionButton)
        self.status = LiveHTML(value="")
        self.status.add_class("hrdtrain-save-status")
        self.children = [widgets.HBox([self.file_name, self.button]), small_note(t(f"{prefix}.save.privacy"), "hrdtrain-privacy"), self.status]

    def say(self, message: str) -> None:
        self.status.value = f"<p {html_lang()} role='status'>{escape(message)}</p>"

    def write(self, report: str, folder: Path, what: str) -> Path | None:
        """Saves `report` under the name in the box; on a taken name, offers a free one."""
        saved = save_text(report, folder, self.file_name.value, what)
        self.file_name.value = saved.name
        self.say(saved.message)
        return saved.path
