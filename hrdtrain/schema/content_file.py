"""The header of a content file: one file per paper section."""

from __future__ import annotations

from pydantic import Field

from .base import Strict


class ContentFile(Strict):
    """The header of one content file: one file per paper section."""

    section: str = Field(pattern=r"^[0-9]$", description="The paper section this file covers, e.g. '3'.")
    title: str = Field(min_length=3, description="The section's title, as in the paper.")
    items: list[dict] = Field(description="The items of this section (each validated as an Item).")
