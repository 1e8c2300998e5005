"""Item type 'scenario' (issue 4). Stub: being built; no content uses it yet."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from .base import ItemBase


class ScenarioItem(ItemBase):
    """Placeholder for the 'scenario' item type."""

    type: Literal["scenario"] = Field(description="Item type: scenario.")
