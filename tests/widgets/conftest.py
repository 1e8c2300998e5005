"""Each widget test gets its own private store, so no test sees answers another test stored
(a quiz shown again says "You answered this before", and counts tries "in this session")."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def home(tmp_path, monkeypatch) -> Path:
    """A fresh data folder for this test, as HRDTRAIN_HOME."""
    folder = tmp_path / "hrdtrain-home"
    monkeypatch.setenv("HRDTRAIN_HOME", str(folder))
    return folder
