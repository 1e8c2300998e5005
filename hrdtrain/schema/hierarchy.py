"""Item type 'hierarchy' (issue 4). Stub: being built; no content uses it yet."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from .base import ItemBase


class HierarchyItem(ItemBase):
    """Placeholder for the 'hierarchy' item type."""

    type: Literal["hierarchy"] = Field(description="Item type: hierarchy.")
