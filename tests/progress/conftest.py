"""Each progress test gets its own data folder."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def home(tmp_path, monkeypatch) -> Path:
    """A fresh data folder for this test, as HRDTRAIN_HOME (for this process and its children)."""
    folder = tmp_path / "hrdtrain-home"
    monkeypatch.setenv("HRDTRAIN_HOME", str(folder))
    return folder
