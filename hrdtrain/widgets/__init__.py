"""Widgets, one module per item type: the quizzes (built on QuizWidget) and the practice tools."""

from .base import QuizWidget
from .choice import ChoiceWidget
from .hierarchy import HierarchyWidget
from .judge import JudgeWidget
from .plan import PlanWidget
from .scenario import ScenarioWidget
from .sort import SortWidget
from .statement import StatementWidget

WIDGETS = {
    "judge": JudgeWidget,
    "choice": ChoiceWidget,
    "sort": SortWidget,
    "hierarchy": HierarchyWidget,
    "scenario": ScenarioWidget,
    "statement": StatementWidget,
    "plan": PlanWidget,
}

__all__ = ["QuizWidget", "JudgeWidget", "ChoiceWidget", "SortWidget", "HierarchyWidget", "ScenarioWidget", "StatementWidget", "PlanWidget", "WIDGETS"]
