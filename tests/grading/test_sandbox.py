"""Does a grading kernel really run with limits, without network, as an unprivileged user, in a
folder of its own? (A kernel started the way nbgrader's Execute starts it, with the course's
SandboxedKernelManager; the hostile submissions in test_grading.py cover the course folder.)"""

from __future__ import annotations

import os
import socket
import sys
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient
from nbformat.v4 import new_code_cell, new_notebook

sys.path.insert(0, str(Path(__file__).parent))


def run_sandboxed(folder: Path, *sources: str) -> list[str]:
    from hrdtrain.grading.sandbox import SandboxedKernelManager

    nb = new_notebook(cells=[new_code_cell(s) for s in sources])
    NotebookClient(nb, timeout=60, kernel_name="python3", kernel_manager_class=SandboxedKernelManager, allow_errors=True,
                   interrupt_on_timeout=True, shutdown_kernel="immediate", resources={"metadata": {"path": str(folder)}}).execute()
    return ["".join(o.get("text", "") or f"{o.get('ename')}: {o.get('evalue')}" for o in c.outputs) for c in nb.cells]



def test_a_grading_kernel_has_limits_no_network_its_own_uid_and_only_a_copy_of_its_folder(tmp_path, sandbox):
    from hrdtrain.grading.sandbox import FILE_SIZE_LIMIT, MEMORY_LIMIT, SANDBOX_UID

    submission = tmp_path / "submission"
    submission.mkdir()
    (submission / "data.csv").write_text("a,b\n1,2\n")
    (submission / "link-to-secret").symlink_to(tmp_path / "secret.txt")
    (tmp_path / "secret.txt").write_text("the trainer's file")
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    port = listener.getsockname()[1]
    try:
        out = run_sandboxed(
            submission,
            "import os, resource, socket\nprint(resource.getrlimit(resource.RLIMIT_AS)[0], resource.getrlimit(resource.RLIMIT_FSIZE)[0])",
            "print(os.getuid())",
            "print(sorted(os.listdir('.')), os.getcwd() != " + repr(str(submission)) + ")",
            f"socket.create_connection(('127.0.0.1', {port}), timeout=3)",
            "print(sorted(os.environ))",
            "open(" + repr(str(tmp_path / "secret.txt")) + ").read()",
        )
    finally:
        listener.close()
    assert out[0].split() == [str(MEMORY_LIMIT), str(FILE_SIZE_LIMIT)]
    if os.geteuid() == 0:
        assert out[1].strip() == str(SANDBOX_UID)
    assert out[2].strip() == "['data.csv'] True", "a copy of the submission, without the symlink"
    assert out[3].startswith(("ConnectionRefusedError", "OSError", "TimeoutError")), out[3]
    assert "SSH_AUTH_SOCK" not in out[4] and "HRDTRAIN_HOME" not in out[4], out[4]
    assert out[5].startswith(("FileNotFoundError", "PermissionError")), out[5]
