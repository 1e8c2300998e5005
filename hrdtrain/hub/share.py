"""Sharing one's anonymous results with the facilitator on a workshop server, by an explicit click.

The hub folder has a drop folder, share/ (mode 3773, group hrd-trainers): every participant may
write into it and open a file whose name they know, but nobody but the trainers may list it, and
each file is made 0640 with the group hrd-trainers (setgid folder), so other participants cannot
read it and the trainers can. The name is random. What is written is the same anonymous export
as `hrdtrain export --anonymous` (hrdtrain.export): nothing more.

`share_my_results()` shows the button; `hub_results()` shows the facilitator the group view of
what was shared. Off a hub both say plainly that they are not available there.
"""

from __future__ import annotations

import html
import json
import os
import secrets
from pathlib import Path

HUB_DIR_VAR = "HRDTRAIN_HUB_DIR"


def share_folder() -> Path | None:
    """The hub's drop folder, when this server runs on an hrdtrain hub; else None."""
    hub = os.environ.get(HUB_DIR_VAR)
    if not hub:
        return None
    folder = Path(hub) / "share"
    return folder if folder.is_dir() else None


def write_share(data: dict, folder: Path) -> Path:
    """Writes the export under a random name, 0640 (the folder's group: the trainers), never over a file."""
    path = folder / f"{secrets.token_hex(16)}.json"
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o640)
    try:
        os.fchmod(fd, 0o640)  # whatever the umask: the trainers' group must read it
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(data, f, ensure_ascii=False, indent=1)
            f.write("\n")
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return path


def share_my_results(home: Path | None = None):
    """The learner's button: shares an anonymous export with the facilitator, only when clicked."""
    import ipywidgets as widgets

    from ..i18n import t, t_count
    from ..store import open_store
    from ..widgets.base import stylesheet

    folder = share_folder()
    if folder is None:
        return widgets.HTML(value=f"<p role='status' dir='auto'>{html.escape(t('share.not_on_hub'))}</p>")
    store = open_store(home)
    button = widgets.Button(description=t("share.button"), tooltip=t("share.tooltip"), layout=widgets.Layout(width="auto"))
    status = widgets.HTML(value="")

    def share(_button=None) -> None:
        from ..export import anonymous_export

        try:
            answers = store.answers()
            if not answers:
                status.value = f"<p role='status' dir='auto'>{html.escape(t('share.nothing'))}</p>"
                return
            data = anonymous_export(answers)
            write_share(data, folder)
        except Exception as exc:  # a full disk, a removed folder: say so, no traceback
            status.value = f"<p role='alert' dir='auto'>{html.escape(t('share.failed', reason=str(exc)))}</p>"
            return
        done = t_count("share.done", len(data["items"]))
        status.value = f"<p role='status' dir='auto'>{html.escape(done)}</p>"

    button.on_click(share)
    header = widgets.HTML(value=f"<style>{stylesheet()}</style><p dir='auto'><small>{html.escape(t('share.what'))}</small></p>")
    box = widgets.VBox(children=[header, button, status])
    box.add_class("hrdtrain-my-data")
    box.share = share  # for tests: the same as a click
    return box


def hub_results():
    """The facilitator's group view of the results shared on this hub (the drop folder)."""
    from ..group import group_results

    folder = share_folder()
    if folder is None:
        import ipywidgets as widgets

        from ..i18n import t

        return widgets.HTML(value=f"<p role='status' dir='auto'>{html.escape(t('share.results.not_on_hub'))}</p>")
    return group_results(str(folder))
