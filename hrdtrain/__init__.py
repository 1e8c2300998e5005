"""hrdtrain: a Jupyter course for human rights defenders on dealing with the police.

Learners only ever call `show("3.4-tear-gas")`. The package imports nothing heavy until a
quiz is shown, so the setup cell of a notebook runs instantly.
"""

from __future__ import annotations

__version__ = "0.1.0"
__all__ = ["show", "__version__"]


def __getattr__(name: str):
    if name == "show":
        from .quiz import show

        return show
    raise AttributeError(f"module 'hrdtrain' has no attribute {name!r}")
