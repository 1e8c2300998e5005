"""Every role-play test starts and ends with an empty recording."""

from __future__ import annotations

import pytest

from hrdtrain import recording


@pytest.fixture(autouse=True)
def fresh_recording():
    recording.clear()
    yield
    recording.clear()
