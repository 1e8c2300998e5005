"""One build step on top of pyproject.toml: the wheel carries the course, not only the package.

The learner notebooks (`notebooks/`) and the course's Jupyter settings (`jupyter-config/`, with
the Voilà template) live once in git, at the top of the repository, where `make lab` uses them.
When a wheel is built, this copies them into the package as `hrdtrain/_course/`, where
`hrdtrain.course_files` finds them after `pip install hrdtrain-….whl`, with no checkout.
Everything else about the package is in pyproject.toml.
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent

# What the course runs from, relative to the repository; nothing a run leaves behind in them
# (checkpoints, JupyterLab's own settings, caches) is carried.
COURSE_FOLDERS = ("notebooks", "jupyter-config")
NOT_CARRIED = {".ipynb_checkpoints", "__pycache__", "lab", "migrated"}


def course_files() -> list[Path]:
    """The files to carry, relative to the repository."""
    found = []
    for folder in COURSE_FOLDERS:
        # notebooks/: the course notebooks only. A checkout someone took the course in also holds
        # their saved statements, plans and exports there, which must never travel in a wheel.
        # Each language's generated notebooks (notebooks/es/, notebooks/ar/) are course notebooks too.
        patterns = ("*.ipynb", "[a-z][a-z]/0[0-7]_*.ipynb") if folder == "notebooks" else ("**/*",)
        for path in sorted(p for pattern in patterns for p in (ROOT / folder).glob(pattern)):
            relative = path.relative_to(ROOT)
            if path.is_file() and not NOT_CARRIED & set(relative.parts) and path.suffix not in (".pyc",):
                found.append(relative)
    if not any(p.parts[0] == "notebooks" for p in found):
        raise SystemExit(f"setup.py: no notebooks/ in {ROOT}: build the wheel from the repository or its sdist")
    return found


class build_py_with_course(build_py):
    """build_py, then the course files into build_lib/hrdtrain/_course/ (so into the wheel)."""

    def run(self):
        if not self.editable_mode:  # a module deleted from hrdtrain/ must not linger in build/
            shutil.rmtree(Path(self.build_lib) / "hrdtrain", ignore_errors=True)
        super().run()
        if self.editable_mode:  # an editable install reads the checkout's own folders
            return
        target = Path(self.build_lib) / "hrdtrain" / "_course"
        shutil.rmtree(target, ignore_errors=True)  # a notebook removed from git leaves no stale copy
        for relative in course_files():
            destination = target / relative
            self.mkpath(str(destination.parent))
            self.copy_file(str(ROOT / relative), str(destination))
        # Jupyter writes this marker into its config folder if it is missing (and would copy old
        # IPython settings there): in an installed package the folder may not be writable.
        marker = target / "jupyter-config" / "migrated"
        marker.write_text("carried by the hrdtrain wheel: nothing to migrate\n", encoding="utf-8")
        compile_bank(Path(self.build_lib) / "hrdtrain")


def compile_bank(package_dir: Path) -> None:
    """The validated bank as JSON (hrdtrain/_compiled/bank.json, with the hash of the YAML and
    schema it was made from), compiled from the package copied into build_lib: the browser
    edition has no PyYAML, and an installed course starts faster from it. A bank with problems
    stops the build with the list of them."""
    import sys

    sys.path.insert(0, str(package_dir.parent))
    try:
        for name in [m for m in sys.modules if m == "hrdtrain" or m.startswith("hrdtrain.")]:
            del sys.modules[name]  # the copy in build_lib, not whatever hrdtrain is importable
        from hrdtrain import compiled_bank
        from hrdtrain.bank import ContentError

        try:
            compiled_bank.write(package_dir / "_compiled" / "bank.json", package_dir)
        except ContentError as exc:
            raise SystemExit(f"setup.py: {exc}") from None
    finally:
        sys.path.remove(str(package_dir.parent))


setup(cmdclass={"build_py": build_py_with_course})
