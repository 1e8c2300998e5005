"""The Python every participant's server runs: one venv that every account can read and run.

Participants' servers run as their own accounts, so the Python they start must be readable by
all: a venv made from a Python under /root (pyenv, mode 0700) fails with "Permission denied"
(HUB-NOTES). So the venv is made from a system Python (Debian's /usr/bin/python3.11 or newer)
in a folder every account can open, and the course and JupyterHub's single-user server are
installed into it from PyPI (needs the internet once, like `make lab`).
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

from ..errors import ReportedError

CANDIDATES = ("/usr/bin/python3.13", "/usr/bin/python3.12", "/usr/bin/python3.11", "/usr/bin/python3", "/usr/local/bin/python3")
NEEDED = ("jupyterhub-singleuser", "hrdtrain")


class PythonEnvError(ReportedError, RuntimeError):
    pass


def readable_by_all(path: Path) -> str | None:
    """None if any account can run `path` (every folder above it open to others, the file readable
    and executable by others); else the first path that stops them."""
    path = Path(os.path.realpath(path))
    for folder in reversed(path.parents):
        if not os.stat(folder).st_mode & stat.S_IXOTH:
            return str(folder)
    mode = os.stat(path).st_mode
    if not (mode & stat.S_IROTH and mode & stat.S_IXOTH):
        return str(path)
    return None


def _version_ok(python: str) -> bool:
    done = subprocess.run([python, "-c", "import sys, venv, ensurepip; sys.exit(sys.version_info < (3, 11))"], capture_output=True)
    return done.returncode == 0


def find_system_python() -> str:
    """A Python 3.11+ with venv that every account can run, or a message saying what to install."""
    rejected = []
    for candidate in CANDIDATES:
        if not os.path.exists(candidate):
            continue
        blocked = readable_by_all(Path(candidate))
        if blocked:
            rejected.append(f"{candidate} (other accounts cannot open {blocked})")
        elif not _version_ok(candidate):
            rejected.append(f"{candidate} (older than 3.11, or without venv/ensurepip)")
        else:
            return candidate
    tried = "; ".join(rejected) or "none found"
    raise PythonEnvError(
        "the participants need a Python 3.11 or newer with venv that every account can run, such as "
        f"Debian's /usr/bin/python3.11 (tried: {tried}). Install it with: sudo apt-get install python3 python3-venv "
        "(on Debian 12: python3.11-venv), then run this again."
    )


def check_venv(venv: Path) -> None:
    """Refuses a venv the participants could not use: missing tools or unreadable by others."""
    for name in NEEDED:
        tool = venv / "bin" / name
        if not tool.exists():
            raise PythonEnvError(f"{venv}: {tool.name} is missing: install the course with the hub extra into it ({venv}/bin/pip install 'hrdtrain[hub]')")
    blocked = readable_by_all(venv / "bin" / "python")
    if blocked:
        raise PythonEnvError(f"{venv}: the participants' accounts cannot run its Python ({blocked} is closed to them): make it from a system Python such as /usr/bin/python3.11, in a folder others can open")


def course_source() -> str:
    """What to install into the participants' venv: this checkout (its edits are live), else this version from PyPI."""
    from ..course_files import checkout_root

    root = checkout_root()
    return f"{root}[hub]" if root else "hrdtrain[hub]"


def _open_to_all(folder: Path) -> bool:
    """True if every account can open `folder` and read its files (an editable install works)."""
    folder = Path(os.path.realpath(folder))
    if any(not os.stat(f).st_mode & stat.S_IXOTH for f in (folder, *folder.parents)):
        return False
    return bool(os.stat(folder / "pyproject.toml").st_mode & stat.S_IROTH) and bool(os.stat(folder / "hrdtrain" / "__init__.py").st_mode & stat.S_IROTH)


def checkout_requirements(root: Path) -> list[str]:
    """What the course needs with the hub extra, as the checkout's pyproject.toml says."""
    import tomllib

    project = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return [*project["dependencies"], *project["optional-dependencies"]["hub"]]


def _pip_install(venv: Path, *args: str) -> None:
    done = subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "install", "--disable-pip-version-check", *args])
    if done.returncode != 0:
        raise PythonEnvError(f"installing the course into {venv} failed (see pip's message above); it needs the internet once")


def make_venv(venv: Path, python: str | None = None, dependencies_only: bool = False) -> Path:
    """Makes `venv` from a system Python and installs the course with the hub extra into it:
    from this checkout (editable, so edits are live, when every account can read the checkout;
    else a copy), or this version from PyPI. From a checkout the dependencies go first, on their
    own (with `dependencies_only`, only they: `make test` installs them while it installs the
    project's own venv, and the course itself, whose build writes into the checkout, after)."""
    python = python or find_system_python()
    venv = venv.absolute()
    if not (venv / "bin" / "python").exists():
        subprocess.run([python, "-m", "venv", str(venv)], check=True)
    from ..course_files import checkout_root

    root = checkout_root()
    if root is None:
        _pip_install(venv, "hrdtrain[hub]")
    else:
        _pip_install(venv, *checkout_requirements(root))
        if dependencies_only:
            return venv
        _pip_install(venv, "--no-deps", *(["-e", str(root)] if _open_to_all(root) else [str(root)]))
    for folder, dirs, files in os.walk(venv):
        for name in dirs + files:
            path = os.path.join(folder, name)
            if not os.path.islink(path):
                mode = os.stat(path).st_mode
                os.chmod(path, mode | stat.S_IROTH | (stat.S_IXOTH if mode & stat.S_IXUSR else 0))
    os.chmod(venv, 0o755)
    check_venv(venv)
    return venv


def test_venv() -> Path:
    """Where `make hub-venv` puts the participants' venv for the tests: in the checkout's .cache/
    when every account can read the checkout, else in /var/tmp (a checkout under /root is closed)."""
    from ..course_files import checkout_root

    root = checkout_root()
    if root is not None and _open_to_all(root):
        return root / ".cache" / "hub-venv"
    return Path("/var/tmp/hrdtrain-hub-test-venv")


def ensure_test_venv(dependencies_only: bool = False) -> Path:
    """Makes the tests' venv unless it is there, usable, and newer than pyproject.toml (with
    `dependencies_only`, installs only what the course needs; see make_venv)."""
    from ..course_files import checkout_root

    venv = test_venv()
    stamp = venv / ".stamp-hub-venv"
    pyproject = (checkout_root() or Path(__file__).parent) / "pyproject.toml"
    fresh = stamp.exists() and (not pyproject.exists() or stamp.stat().st_mtime >= pyproject.stat().st_mtime)
    if fresh:
        check_venv(venv)
    elif dependencies_only:
        make_venv(venv, dependencies_only=True)
    else:
        make_venv(venv)
        check_venv(venv)  # before the stamp: a venv the participants cannot use is never marked done
        stamp.touch()
    return venv


if __name__ == "__main__":  # `make hub-venv`; `--dependencies`: what make runs while it installs .venv
    import sys

    only = sys.argv[1:] == ["--dependencies"]
    print(f"participants' Python for the hub tests{' (dependencies)' if only else ''}: {ensure_test_venv(dependencies_only=only)}")
