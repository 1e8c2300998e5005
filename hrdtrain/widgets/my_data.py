"""The learner's own data, in a notebook: where it lives, an anonymous export to download, and
"Erase my answers" (after a confirmation). `erase_my_answers()` and `export_my_answers()`.

In the browser edition a learner has no terminal for `hrdtrain erase` or `hrdtrain export`, so
these do the same from a notebook, through the store of the runtime (hrdtrain.store.open_store).
The export is written next to the notebook (visible in the file browser) in the format that
`hrdtrain group` reads, and offered as a download link holding the same bytes.
"""

from __future__ import annotations

import base64
import html
import secrets
from pathlib import Path

import ipywidgets as widgets

from ..i18n import t, t_count, html_lang
from ..store import in_browser, open_store
from .base import mark_language, stylesheet


def where_html(store) -> str:
    """Where the answers are and what deletes them, in the learner's words for this runtime."""
    if not in_browser():
        return f"<p class='hrdtrain-hint' {html_lang()}><small>{html.escape(t('mydata.where.desktop', path=store.path))}</small></p>"
    if not getattr(store, "kept", True):  # this browser keeps nothing for the site: say so, plainly
        return f"<p class='hrdtrain-store-warning' role='alert' {html_lang()}><strong>⚠ {html.escape(t('store.not_saving.browser', reason=store.problem))}</strong></p>"
    if not getattr(store, "in_indexeddb", False):  # a folder named by HRDTRAIN_HOME
        return f"<p class='hrdtrain-hint' {html_lang()}><small>{html.escape(t('mydata.where.desktop', path=store.path))}</small></p>"
    return f"<p class='hrdtrain-hint' {html_lang()}><small>{html.escape(t('mydata.where.browser_storage'))}</small></p>"


def _status(text: str, role: str = "status") -> str:
    return f"<p role='{role}' {html_lang()}>{html.escape(text)}</p>"


class EraseAnswersWidget(widgets.VBox):
    """A button that asks first, then deletes every recorded answer and rating of this learner."""

    def __init__(self, home: Path | None = None):
        self.store = open_store(home)
        self.erase_button = widgets.Button(description=t("mydata.erase"), tooltip=t("mydata.erase.tooltip"), button_style="danger")
        self.erase_button.on_click(lambda _b: self.ask())
        self.yes_button = widgets.Button(description=t("mydata.erase.yes"), button_style="danger")
        self.yes_button.on_click(lambda _b: self.erase())
        self.no_button = widgets.Button(description=t("mydata.erase.no"))
        self.no_button.on_click(lambda _b: self.keep())
        self.confirm = widgets.HBox(children=[])
        self.status = widgets.HTML(value="")
        header = widgets.HTML(value=f"<style>{stylesheet()}</style>{where_html(self.store)}")
        super().__init__(children=[header, self.erase_button, self.confirm, self.status])
        self.add_class("hrdtrain-my-data")
        mark_language(self)

    def ask(self) -> None:
        """Shows how many answers would go, with Yes and No; nothing is deleted yet."""
        try:
            count = len(self.store.answers())
        except Exception as exc:  # a damaged store: say why, no traceback
            self.status.value = _status(t("mydata.erase.failed", reason=str(exc)), "alert")
            return
        if count == 0 and not self.store.exists():
            self.status.value = _status(t("mydata.erase.nothing"))
            return
        self.status.value = _status(t_count("mydata.erase.confirm", count), "alert")
        self.confirm.children = [self.yes_button, self.no_button]

    def erase(self) -> None:
        from .. import recording

        self.confirm.children = []
        try:
            self.store.erase()
        except Exception as exc:
            self.status.value = _status(t("mydata.erase.failed", reason=str(exc)), "alert")
            return
        recording.clear()
        self.status.value = _status(t("mydata.erase.done"))

    def keep(self) -> None:
        self.confirm.children = []
        self.status.value = _status(t("mydata.erase.kept"))


def _files_last_here(folder: Path) -> bool:
    """False in the browser edition when `folder` is not on JupyterLite's drive (a site opened
    over plain http has none): a file written there is in Pyodide's memory, shown nowhere and
    gone at the next page load, so the export is only offered as a download."""
    if not in_browser():
        return True
    try:
        return Path(folder).resolve().is_relative_to("/drive")
    except OSError:
        return False


class ExportAnswersWidget(widgets.VBox):
    """A button that writes the anonymous export next to the notebook and offers it for download."""

    def __init__(self, home: Path | None = None, folder: Path | None = None):
        self.store = open_store(home)
        self.folder = Path(folder) if folder is not None else Path.cwd()
        self.export_button = widgets.Button(description=t("mydata.export"), tooltip=t("mydata.export.tooltip"))
        self.export_button.on_click(lambda _b: self.export())
        self.status = widgets.HTML(value="")
        self.written: Path | None = None
        header = widgets.HTML(
            value=f"<style>{stylesheet()}</style>{where_html(self.store)}<p {html_lang()}><small>{html.escape(t('mydata.export.what'))}</small></p>"
        )
        super().__init__(children=[header, self.export_button, self.status])
        self.add_class("hrdtrain-my-data")
        mark_language(self)

    def export(self) -> Path | None:
        """Writes hrdtrain-export-<random>.json (never over another file); returns its path."""
        from ..export import anonymous_export, export_bytes, write_export

        try:
            answers = self.store.answers()
            if not answers:
                self.status.value = _status(t("mydata.export.nothing"))
                return None
            data = anonymous_export(answers)
            name = f"hrdtrain-export-{secrets.token_hex(4)}.json"
            if _files_last_here(self.folder):
                path: Path | None = write_export(data, self.folder / name)
                content, said = path.read_bytes(), t("mydata.export.done", name=name)
            else:
                path, content, said = None, export_bytes(data), t("mydata.export.ready", name=name)
        except Exception as exc:
            self.status.value = _status(t("mydata.export.failed", reason=str(exc)), "alert")
            return None
        self.written = path
        payload = base64.b64encode(content).decode("ascii")
        self.status.value = (
            f"<p role='status' {html_lang()}>{html.escape(said)} "
            f"<a download='{html.escape(name, quote=True)}' href='data:application/json;base64,{payload}'>{html.escape(t('mydata.export.download', name=name))}</a></p>"
        )
        return path


def erase_my_answers() -> EraseAnswersWidget:
    """Shows where your answers are stored, and a button that erases them (it asks first)."""
    return EraseAnswersWidget()


def export_my_answers() -> ExportAnswersWidget:
    """Shows a button that saves your anonymous export next to this notebook, with a download link."""
    return ExportAnswersWidget()
