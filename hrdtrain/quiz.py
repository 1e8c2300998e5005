"""`show(item_id)`: the one call a learner's notebook makes."""

from __future__ import annotations

from .bank import ContentError, default_bank


def show(item_id: str, **options):
    """Displays item `item_id` as an interactive widget and returns the widget.

    `options` go to the item's widget (e.g. a role play's room mode). Example: show("3.4-tear-gas")
    """
    from .i18n import t
    from .widgets import WIDGETS

    try:
        bank = default_bank()
    except ContentError as exc:
        raise ContentError(exc.problems, headline=t("error.content")) from None
    from .translations import localise

    item = localise(bank.get(item_id), bank=bank)
    return WIDGETS[item.type](item, **options)
