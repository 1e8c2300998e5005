"""hrdtrain: a Jupyter course for human rights defenders on dealing with the police.

Learners only ever call one-line functions in their notebooks: `show("3.4-tear-gas")`,
`my_progress()`, `self_assessment("before")`; facilitators `group_results("exports/")`.
The package imports nothing heavy until one of them runs, so a notebook's setup cell is instant.
"""

from __future__ import annotations

__version__ = "0.1.0"
__all__ = ["show", "my_progress", "self_assessment", "group_results", "__version__"]

_LAZY = {
    "show": ("quiz", "show"),
    "my_progress": ("progress", "my_progress"),
    "self_assessment": ("widgets.self_assessment", "self_assessment"),
    "group_results": ("group", "group_results"),
}


def __getattr__(name: str):
    if name in _LAZY:
        import importlib

        module, attr = _LAZY[name]
        return getattr(importlib.import_module(f".{module}", __name__), attr)
    raise AttributeError(f"module 'hrdtrain' has no attribute {name!r}")
