"""environment.yml (conda / Binder) must list exactly pyproject.toml's [project] dependencies."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import yaml
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[1]
# Conda-level entries that are the environment itself, not packages of the course.
CONDA_BASE = {"python", "pip"}
# The last pip: entry installs the course itself from the folder holding environment.yml (conda
# runs pip there), so `conda env create -f environment.yml` is all a conda user types.
THE_COURSE = "."


def normalise(name: str) -> str:
    """PEP 503 name: 'PyYAML' and 'pyyaml', 'markdown_it_py' and 'markdown-it-py' are the same."""
    return re.sub(r"[-_.]+", "-", name).lower()


def requirements(lines: list[str], where: str) -> dict[str, Requirement]:
    found: dict[str, Requirement] = {}
    for line in lines:
        req = Requirement(line)
        name = normalise(req.name)
        assert name not in found, f"{where} lists {req.name!r} twice"
        found[name] = req
    return found


def pyproject_dependencies() -> dict[str, Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return requirements(project.get("dependencies", []), "pyproject.toml [project] dependencies")


def environment() -> tuple[list[str], list[str]]:
    """(conda-level entries, pip entries) of environment.yml."""
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    conda, pip = [], []
    for entry in env.get("dependencies") or []:
        if isinstance(entry, dict):
            pip.extend(entry.get("pip") or [])
        else:
            conda.append(str(entry))
    return conda, pip


def conda_name(entry: str) -> str:
    return normalise(re.split(r"[\s=<>!~]", entry, maxsplit=1)[0])


def test_environment_yml_lists_the_same_packages_with_the_same_specifiers_as_pyproject():
    conda, pip = environment()
    extra_conda = [e for e in conda if conda_name(e) not in CONDA_BASE]
    assert not extra_conda, (
        f"environment.yml lists {extra_conda} as conda packages: put course dependencies under "
        "'pip:' with the same specifier as pyproject.toml, so both stay identical"
    )
    wanted = pyproject_dependencies()
    assert pip and pip[-1] == THE_COURSE, f"environment.yml's pip: list must end with {THE_COURSE!r} (the course itself), not {pip[-1:]}"
    listed = requirements(pip[:-1], "environment.yml pip:")

    problems = []
    for name, req in sorted(wanted.items()):
        if name not in listed:
            problems.append(f"{req.name}: in pyproject.toml ({req}) but missing from environment.yml")
        elif listed[name].specifier != req.specifier or listed[name].extras != req.extras or listed[name].marker != req.marker:
            problems.append(f"{req.name}: pyproject.toml says {str(req)!r}, environment.yml says {str(listed[name])!r}")
    for name, req in sorted(listed.items()):
        if name not in wanted:
            problems.append(f"{req.name}: in environment.yml ({req}) but not in pyproject.toml [project] dependencies")
    assert not problems, "environment.yml and pyproject.toml disagree:\n" + "\n".join(problems)


def test_environment_yml_python_satisfies_requires_python():
    conda, _ = environment()
    pythons = [e for e in conda if conda_name(e) == "python"]
    assert pythons, "environment.yml must pin python (e.g. python=3.11)"
    version = re.sub(r"^python\s*=*\s*", "", pythons[0]).strip()
    requires = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["requires-python"]
    assert Version(version) in SpecifierSet(requires), (
        f"environment.yml has {pythons[0]!r} but pyproject.toml requires-python is {requires!r}"
    )
    assert any(conda_name(e) == "pip" for e in conda), "environment.yml must list pip (its pip: section needs it)"
