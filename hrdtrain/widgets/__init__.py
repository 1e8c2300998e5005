"""Quiz widgets: one class per item type, all built on QuizWidget."""

from .base import QuizWidget
from .choice import ChoiceWidget
from .judge import JudgeWidget
from .sort import SortWidget

WIDGETS: dict[str, type[QuizWidget]] = {"judge": JudgeWidget, "choice": ChoiceWidget, "sort": SortWidget}

__all__ = ["QuizWidget", "JudgeWidget", "ChoiceWidget", "SortWidget", "WIDGETS"]
