"""Item type 'statement' (issue 4). Stub: being built; no content uses it yet."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from .base import ItemBase


class StatementItem(ItemBase):
    """Placeholder for the 'statement' item type."""

    type: Literal["statement"] = Field(description="Item type: statement.")
