"""Quiz mode (`hrdtrain quiz`, `make quiz`): Voilà, opening the learner's browser already logged in with its token.

Voilà 0.5 generates a token (jupyter-config/voila.py asks it to) but opens the browser on the bare
address, which only shows a login form. This opens it the way JupyterLab does: through a
temporary file readable only by this user, so the token never appears in a command line that
other accounts on the computer could read. All other settings live in jupyter-config/voila.py.

    python -m hrdtrain.quiz_server notebooks/
"""

from __future__ import annotations

import html
import os
import shutil
import tempfile
import threading
import webbrowser
from pathlib import Path
from urllib.parse import quote

from traitlets import Bool
from voila.app import Voila


LOOPBACK = ("127.0.0.1", "::1", "localhost")


class QuizServer(Voila):
    """Voilà for learners; configured by jupyter-config/voila.py (its `Voila` settings apply here)."""

    # Voilà only logs an error in voila.py and runs on without it: open to any page. Stop instead.
    raise_config_file_errors = Bool(True)
    _open_file: Path | None = None

    def init_settings(self) -> dict:
        settings = super().init_settings()
        self.refuse_to_run_unprotected()
        return settings

    def refuse_to_run_unprotected(self) -> None:
        """Quiz mode never runs without its token, its Host check or on a non-local address."""
        missing = [
            name
            for name, in_place in (
                ("a token (Voila.auto_token)", bool(self.identity_provider.token)),
                ("the Host check (Voila.tornado_settings allow_remote_access False)", self.tornado_settings.get("allow_remote_access") is False),
                ("a local address (Voila.ip)", self.ip in LOOPBACK),
            )
            if not in_place
        ]
        if missing:
            self.log.critical("Quiz mode did not start: it needs %s. Start it with `hrdtrain quiz` (or `make quiz` in a checkout), which reads the course's voila.py.", ", ".join(missing))
            shutil.rmtree(self.connection_dir, ignore_errors=True)  # made by Voilà's start()
            self.exit(1)

    def start_url(self) -> str:
        """The start page (list of notebooks) with the token that logs the browser in."""
        return f"{self.connection_url}?token={quote(self.identity_provider.token, safe='')}"

    def launch_browser(self) -> None:
        try:
            browser = webbrowser.get(self.browser or None)
        except webbrowser.Error as error:
            self.log.warning("No web browser found: %s. Open the address above in a browser.", error)
            return
        url = html.escape(self.start_url(), quote=True)
        # mkstemp: mode 0600, so the token is readable by this user only; removed when Voilà stops.
        fd, path = tempfile.mkstemp(prefix="hrdtrain-quiz-open-", suffix=".html")
        with open(fd, "w", encoding="utf-8") as page:
            page.write(
                f'<!DOCTYPE html><html><head><meta charset="utf-8"><meta http-equiv="refresh" content="0;url={url}">'
                f'<title>Opening the course</title></head><body><p><a href="{url}">Open the course</a></p></body></html>'
            )
        self._open_file = Path(path)
        file_url = self._open_file.as_uri()
        threading.Thread(target=browser.open, args=(file_url,), kwargs={"new": self.webbrowser_open_new}, daemon=True).start()

    def stop(self) -> None:
        if self._open_file is not None:
            self._open_file.unlink(missing_ok=True)
        super().stop()


main = QuizServer.launch_instance

if __name__ == "__main__":
    main()
