"""Debian's chromium driven by Playwright, for every browser test (never a downloaded build), and
`settle`, which the JupyterLab tests of the course and of the hub both need."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

CHROMIUM = os.environ.get("HRDTRAIN_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",  # CI runs as root, where chromium's sandbox cannot start
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@contextmanager
def launched_chromium(*extra_args: str) -> Iterator:
    """A Playwright Browser on Debian's chromium, closed afterwards; a clear failure without it."""
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(f"{CHROMIUM} not found: install Debian's chromium (`make test` does: apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=[*CHROMIUM_ARGS, *extra_args])
        try:
            yield browser
        finally:
            browser.close()


def settle(page, locator, timeout: float = 15) -> None:
    """Scrolls `locator` into view and waits until it stops moving. JupyterLab renders off-screen
    cells lazily (content-visibility), so for a moment after a scroll the layout still shifts and
    a click would land on whatever moved under the pointer."""
    deadline, previous = time.monotonic() + timeout, None
    while time.monotonic() < deadline:
        locator.scroll_into_view_if_needed()
        box = locator.bounding_box()
        if box is not None and box == previous:
            return
        previous = box
        page.wait_for_timeout(300)
    raise AssertionError(f"{locator} kept moving for {timeout}s")
