"""Widget for item type 'statement' (issue 4). Stub: being built."""

from __future__ import annotations

import ipywidgets as widgets


class StatementWidget(widgets.VBox):
    """Placeholder for the 'statement' widget."""

    def __init__(self, item, **options):
        self.item = item
        super().__init__(children=[widgets.HTML(value="(being built)")])
