"""Widget for item type 'scenario' (issue 4). Stub: being built."""

from __future__ import annotations

import ipywidgets as widgets


class ScenarioWidget(widgets.VBox):
    """Placeholder for the 'scenario' widget."""

    def __init__(self, item, **options):
        self.item = item
        super().__init__(children=[widgets.HTML(value="(being built)")])
