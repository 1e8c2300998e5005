"""hrdtrain: a Jupyter course for human rights defenders on dealing with the police.

Learners only ever call one-line functions in their notebooks: `show("3.4-tear-gas")`,
`my_progress()`, `self_assessment("before")`, `erase_my_answers()`, `export_my_answers()`; facilitators `group_results("exports/")`.
The package imports nothing heavy until one of them runs, so a notebook's setup cell is instant.
"""

from __future__ import annotations

__version__ = "0.1.0"
__all__ = ["show", "course_intro", "my_progress", "self_assessment", "erase_my_answers", "export_my_answers", "group_results", "share_my_results", "hub_results", "set_language", "__version__"]

_LAZY = {
    "show": ("quiz", "show"),
    "course_intro": ("intro", "course_intro"),
    "my_progress": ("progress", "my_progress"),
    "self_assessment": ("widgets.self_assessment", "self_assessment"),
    "erase_my_answers": ("widgets.my_data", "erase_my_answers"),
    "export_my_answers": ("widgets.my_data", "export_my_answers"),
    "group_results": ("group", "group_results"),
    "share_my_results": ("hub.share", "share_my_results"),
    "hub_results": ("hub.share", "hub_results"),
    "set_language": ("i18n", "set_language"),
}


if __import__("sys").platform == "emscripten":
    # The browser edition: start reading the learner's stored answers now (IndexedDB answers
    # asynchronously), so the next cell's show() knows what was answered before.
    from .browser_store import start as _start_reading_the_store

    _start_reading_the_store()


def __getattr__(name: str):
    if name in _LAZY:
        import importlib

        module, attr = _LAZY[name]
        return getattr(importlib.import_module(f".{module}", __name__), attr)
    raise AttributeError(f"module 'hrdtrain' has no attribute {name!r}")
