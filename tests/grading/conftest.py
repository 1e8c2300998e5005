"""Fixtures shared by the grading tests."""

from __future__ import annotations

import os
import shutil

import pytest


@pytest.fixture(scope="module")
def sandbox():
    """The isolation tests need bubblewrap: in CI its absence is a failure, elsewhere a skip."""
    from hrdtrain.grading.sandbox import isolation

    if shutil.which("bwrap") is None:
        message = "bubblewrap (bwrap) is not installed: `apt-get install bubblewrap` (make test and .ci/run install it)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    where = isolation()
    assert where.sandbox, where.message
    return where
