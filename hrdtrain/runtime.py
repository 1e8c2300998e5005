"""Which runtime this kernel serves: JupyterLab ("lab") or quiz mode, Voilà ("quiz").

Instructions that depend on it (Shift+Enter and the Run menu exist only in JupyterLab) are
written by `hrdtrain.intro`, so the notebooks' own text can stay the same for both.
Voilà starts every kernel with VOILA_* variables in its environment (VOILA_BASE_URL,
VOILA_SERVER_URL, VOILA_APP_PORT for pre-heated kernels too; VOILA_REQUEST_URL); JupyterLab
sets none of them.
"""

from __future__ import annotations

import os

VOILA_VARIABLES = ("VOILA_BASE_URL", "VOILA_SERVER_URL", "VOILA_REQUEST_URL", "VOILA_APP_PORT", "VOILA_KERNEL_ID")


def current() -> str:
    """'quiz' in a kernel started by Voilà, 'lab' otherwise."""
    return "quiz" if any(os.environ.get(name) for name in VOILA_VARIABLES) else "lab"
