"""Widget for item type 'hierarchy' (issue 4). Stub: being built."""

from __future__ import annotations

import ipywidgets as widgets


class HierarchyWidget(widgets.VBox):
    """Placeholder for the 'hierarchy' widget."""

    def __init__(self, item, **options):
        self.item = item
        super().__init__(children=[widgets.HTML(value="(being built)")])
