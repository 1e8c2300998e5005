"""The content schema: what an item in `hrdtrain/content/*.yaml` may contain.

One module per item type; this package puts them together. The models are the single
definition of the YAML format. Every field carries a description, so the exported JSON Schema
(`hrdtrain schema`) documents the format for content authors. Choices carry stable ids apart
from their display text, so translating or reordering text never changes a score.
"""

from __future__ import annotations

from typing import Annotated, Union

from pydantic import Field

from .base import (
    ITEM_ID_PATTERN,
    OPTION_ID_PATTERN,
    SECTION_PATTERN,
    SOURCE_EXAMPLES,
    SOURCE_FORMS,
    SOURCE_PATTERN,
    ItemBase,
    Strict,
    Tag,
)
from .content_file import ContentFile
from .hierarchy import HierarchyItem
from .plan import PlanItem, PlanPart, PlanPrompt
from .quiz import VERDICTS, Category, ChoiceItem, JudgeFeedback, JudgeItem, Option, SortItem, SortStatement, Verdict
from .scenario import ScenarioItem
from .statement import StatementItem

ITEM_MODELS = (JudgeItem, ChoiceItem, SortItem, HierarchyItem, ScenarioItem, StatementItem, PlanItem)
Item = Annotated[Union[ITEM_MODELS], Field(discriminator="type")]
ITEM_TYPES: tuple[str, ...] = tuple(m.model_fields["type"].annotation.__args__[0] for m in ITEM_MODELS)
MODEL_BY_TYPE = dict(zip(ITEM_TYPES, ITEM_MODELS))

__all__ = [
    "ITEM_ID_PATTERN", "OPTION_ID_PATTERN", "SECTION_PATTERN", "SOURCE_EXAMPLES", "SOURCE_FORMS", "SOURCE_PATTERN",
    "ItemBase", "Strict", "Tag", "ContentFile", "VERDICTS", "Verdict", "Category", "ChoiceItem", "JudgeFeedback",
    "JudgeItem", "Option", "SortItem", "SortStatement", "HierarchyItem", "ScenarioItem", "StatementItem", "PlanItem", "PlanPart", "PlanPrompt",
    "ITEM_MODELS", "Item", "ITEM_TYPES", "MODEL_BY_TYPE",
]
