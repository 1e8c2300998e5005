"""Build the browser edition: a static JupyterLite site that runs the course with nothing fetched
from outside (issue 15).

Why it is assembled by hand: the Pyodide kernel fetches its runtime and every package from a CDN
unless told otherwise. Here everything comes from the registries (npm for the Pyodide core at the
version the kernel pins, PyPI for every wheel), is checked against the sha256 sums committed in
browser_edition/site-lock.json, and is described to Pyodide by a reduced pyodide-lock.json whose
sums are recomputed from the files. The course package is one of the lock's packages, with only
its pure dependencies, and the kernel loads it at start (loadPyodideOptions.packages), so the
notebooks' `from hrdtrain import show` works unchanged and no desktop dependency is installed.

What makes the first quiz come sooner (benchmarks/browser_edition.py measures it):
- the standard library and every wheel carry bytecode, compiled at build time by the site's own
  Pyodide under Node.js (`precompile`); without it Python in the page compiled about 900 modules
  from source at every page load;
- everything the kernel needs at boot is in the lock and loaded at once
  (loadPyodideOptions.packages), instead of micropip and piplite installing the kernel's pieces
  one after the other;
- jedi's type stubs for third-party libraries (1127 files no one reads here) are left out;
- the notebook's kernel starts as soon as JupyterLab's plugins are active, not once the notebook
  has been fetched and drawn: a small plugin of the course (browser_edition/early_kernel/) starts
  the kernel of the notebook named in the address, and the notebook connects to it;
- JupyterLite's service worker is turned off (browser_edition/jupyter-lite.json), so the kernel
  has no /drive: with it, every import first looked for the module on the drive, each lookup a
  round trip through the service worker to the page, and that cost seconds at every load. The
  course keeps answers in IndexedDB (hrdtrain.browser_store), which needs no drive, and a room's
  plain http:// address, where there never was a service worker, now behaves like https://.

Downloads are cached in .cache/site/ of the checkout, and the compiled bytecode in
.cache/site/bytecode/: a second build fetches nothing and compiles only the course's wheel.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from .errors import ReportedError

CHECKOUT = Path(__file__).resolve().parents[1]
EDITION = CHECKOUT / "browser_edition"
SITE_LOCK = EDITION / "site-lock.json"
DEFAULT_CACHE = CHECKOUT / ".cache" / "site"

# What the Pyodide kernel loads at boot (micropip, then ipykernel's pieces), from Pyodide's lock.
BOOT_PACKAGES = ("micropip", "packaging", "ipython", "jedi", "typing-extensions")
# The course's pure run-time dependencies that Pyodide's own lock has at a usable version.
FROM_PYODIDE_LOCK = ("annotated-types", "traitlets")
# Run-time dependencies not in Pyodide's lock (or at another version there): exact pins from PyPI,
# with the lock entries' `depends`. pydantic-core is PyPI's wasm build for Pyodide's ABI.
# widgetsnbextension is left out on purpose: the kernel ships a stub of it (the real one is the
# classic notebook's front end, not needed in JupyterLite).
# pydantic 2.14 needs newer typing-extensions and typing-inspection than Pyodide 314.0.6 carries
# (with 0.4.2 its first model fails: no typing_objects.DEPRECATED_ALIASES_IDS): these pins win.
EXTRA_PINS: dict[str, tuple[str, tuple[str, ...], tuple[str, ...]]] = {
    # name: (version, depends, imports)
    "typing-extensions": ("4.16.0", (), ("typing_extensions",)),
    "typing-inspection": ("0.4.5", ("typing-extensions",), ("typing_inspection",)),
    # IPython 9 requires it; Pyodide's lock lacks it (found by unmet_requirements below).
    "ipython-pygments-lexers": ("1.1.1", ("pygments",), ("ipython_pygments_lexers",)),
    "comm": ("0.2.3", ("traitlets",), ("comm",)),
    "jupyterlab-widgets": ("3.0.17", (), ("jupyterlab_widgets",)),
    "ipywidgets": ("8.1.9", ("comm", "ipython", "traitlets", "jupyterlab-widgets"), ("ipywidgets",)),
    # The course's accessible controls (issue 17): anywidget and its one pure dependency.
    "psygnal": ("0.16.1", (), ("psygnal",)),
    "anywidget": ("0.11.0", ("ipywidgets", "psygnal", "typing-extensions"), ("anywidget",)),
    "mdurl": ("0.1.2", (), ("mdurl",)),
    "markdown-it-py": ("4.3.0", ("mdurl",), ("markdown_it",)),
    "pydantic-core": ("2.50.5", ("typing-extensions",), ("pydantic_core",)),
    "pydantic": ("2.14.4", ("typing-extensions", "pydantic-core", "annotated-types", "typing-inspection"), ("pydantic",)),
}
# Dependencies Pyodide's lock forgets (IPython 9 imports ipython_pygments_lexers).
ADDED_DEPENDS = {"ipython": ("ipython-pygments-lexers",)}
# The course itself: loaded at kernel start with only these (pure) dependencies.
COURSE_DEPENDS = ("ipywidgets", "anywidget", "pydantic", "markdown-it-py", "typing-extensions")
# The kernel's own wheels, shipped inside jupyterlite-pyodide-kernel (its static/pypi/ folder):
# name: (depends, imports). In the lock, the kernel loads them with everything else in one
# loadPackage at boot, instead of installing each with micropip/piplite one after the other.
KERNEL_WHEELS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "piplite": (("micropip",), ("piplite",)),
    "pyodide-kernel": (("comm", "ipython"), ("pyodide_kernel",)),
    "ipykernel": (("pyodide-kernel",), ("ipykernel",)),
}
# What the kernel's worker finds already loaded at boot (jupyter-lite.json's
# loadPyodideOptions.packages): every package it would otherwise install itself (micropip,
# piplite, then ipykernel, comm, pyodide-kernel, jedi, ipython), and the course.
PRELOADED = ("micropip", "piplite", "ipykernel", "comm", "pyodide-kernel", "jedi", "ipython", "hrdtrain")
PRECOMPILE = EDITION / "precompile.mjs"
# Folders of a wheel the site leaves out (files Python in the page never reads, which it would
# unpack at every page load): jedi's type stubs for third-party libraries and Django, 1127 of its
# 1880 files (IPython's completion keeps the standard library's stubs; none of those libraries is
# in the site).
LEAVE_OUT = {"jedi": ["jedi/third_party/typeshed/third_party/", "jedi/third_party/django-stubs/"]}


@dataclass
class BuildResult:
    out: Path
    seconds: float
    size_bytes: int
    packages: list[str]


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _run(cmd: list[str], what: str, cwd: Path | None = None) -> str:
    proc = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True)
    if proc.returncode != 0:
        tail = (proc.stdout + proc.stderr).strip()[-3000:]
        raise ReportedError(f"{what} failed (exit {proc.returncode}): {' '.join(cmd)}\n{tail}")
    return proc.stdout


def pinned_pyodide_version() -> str:
    """The Pyodide version jupyterlite-pyodide-kernel names in its default pyodideUrl."""
    try:
        import jupyterlite_pyodide_kernel  # noqa: F401
    except ImportError as exc:
        raise ReportedError("the site build needs the 'site' extra: pip install -e '.[site]'") from exc
    schema = Path(sys.prefix, "share/jupyter/labextensions/@jupyterlite/pyodide-kernel-extension/static/schema/kernel.v0.schema.json")
    if not schema.is_file():
        raise ReportedError(f"jupyterlite-pyodide-kernel is installed without its schema ({schema})")
    url = json.loads(schema.read_text())["properties"]["pyodideUrl"]["default"]
    match = re.search(r"/v(\d+\.\d+\.\d+)/", url)
    if not match:
        raise ReportedError(f"cannot read the Pyodide version from the kernel's pyodideUrl {url!r}")
    return match.group(1)


def _load_site_lock() -> dict:
    if not SITE_LOCK.is_file():
        raise ReportedError(f"{SITE_LOCK} is missing: run 'python -m hrdtrain.site_build --relock' once, online")
    return json.loads(SITE_LOCK.read_text())


def _check(path: Path, expected: str | None, relock: bool, artifacts: dict[str, str]) -> None:
    actual = sha256(path)
    if not relock and expected != actual:
        raise ReportedError(
            f"{path.name}: sha256 {actual} does not match browser_edition/site-lock.json ({expected or 'not listed'})"
        )
    artifacts[path.name] = actual


def _npm_core(version: str, cache: Path) -> Path:
    """The npm `pyodide` package tarball (core only), cached."""
    npm_dir = cache / "npm"
    npm_dir.mkdir(parents=True, exist_ok=True)
    tarball = npm_dir / f"pyodide-{version}.tgz"
    if not tarball.is_file():
        if not shutil.which("npm"):
            raise ReportedError("npm is needed once to download the Pyodide core (Debian: apt-get install npm)")
        _run(["npm", "pack", f"pyodide@{version}", "--pack-destination", str(npm_dir)], "npm pack pyodide")
    if not tarball.is_file():
        raise ReportedError(f"npm pack did not write {tarball}")
    return tarball


def _pip_download(requirement: str, filename: str, wheels: Path, platform: str, abi: str, implementation: str) -> Path:
    target = wheels / filename
    if not target.is_file():
        _run(
            [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:", "--python-version", "3.14",
             "--platform", platform, "--abi", abi, "--implementation", implementation, "-d", str(wheels), requirement],
            f"pip download {requirement}",
        )
    if not target.is_file():
        found = sorted(p.name for p in wheels.glob("*.whl"))
        raise ReportedError(f"pip download {requirement} did not give {filename} (the folder holds {found})")
    return target


def _key(name: str) -> str:
    """Pyodide's lock names 'prompt_toolkit' in depends and 'prompt-toolkit' as a key."""
    return re.sub(r"[-_.]+", "-", name).lower()


def _closure(lock: dict, names: tuple[str, ...]) -> list[str]:
    keys = {_key(k): k for k in lock}
    seen: list[str] = []
    todo = list(names)
    while todo:
        name = keys.get(_key(todo.pop()))
        if name is None:
            raise ReportedError(f"Pyodide's lock has no package {todo!r}")
        if name in seen:
            continue
        seen.append(name)
        todo.extend(lock[name]["depends"])
    return sorted(seen)


# Requirements the site leaves out on purpose: the kernel ships its own stub of widgetsnbextension.
LEFT_OUT = {"widgetsnbextension"}
# Where the wheels run: Pyodide's Python in the browser (for requirement markers).
PYODIDE_MARKERS = {"python_version": "3.14", "python_full_version": "3.14.2", "sys_platform": "emscripten",
                   "platform_system": "Emscripten", "platform_machine": "wasm32", "implementation_name": "cpython",
                   "platform_python_implementation": "CPython", "os_name": "posix", "extra": ""}


def unmet_requirements(folder: Path, packages: dict[str, dict]) -> list[str]:
    """Each wheel's Requires-Dist checked against the versions the lock carries: a version Pyodide
    would load but the package does not accept fails here, at build time, not in a learner's tab.
    The course's own desktop dependencies are not carried on purpose and not checked."""
    import zipfile  # noqa: PLC0415

    from packaging.requirements import Requirement  # noqa: PLC0415

    versions = {_key(name): entry["version"] for name, entry in packages.items()}
    problems = []
    for name, entry in sorted(packages.items()):
        with zipfile.ZipFile(folder / entry["file_name"]) as wheel:
            metadata = next(n for n in wheel.namelist() if n.endswith(".dist-info/METADATA"))
            lines = wheel.read(metadata).decode("utf-8", "replace").splitlines()
        for line in lines:
            if not line.startswith("Requires-Dist:"):
                continue
            req = Requirement(line.split(":", 1)[1].strip())
            if req.marker is not None and not req.marker.evaluate(PYODIDE_MARKERS):
                continue
            if name == "hrdtrain" and _key(req.name) not in {_key(d) for d in COURSE_DEPENDS}:
                continue  # a desktop dependency (the browser has its own ipykernel, for one)
            have = versions.get(_key(req.name))
            if have is None:
                if name != "hrdtrain" and _key(req.name) not in LEFT_OUT:
                    problems.append(f"{name} {entry['version']} needs {req}, which the site does not carry")
            elif not req.specifier.contains(have, prereleases=True):
                problems.append(f"{name} {entry['version']} needs {req}, the site carries {req.name} {have}")
    return problems


def _course_wheel(work: Path) -> Path:
    out = work / "course-wheel"
    _run([sys.executable, "-m", "pip", "wheel", ".", "--no-deps", "--no-build-isolation", "-w", str(out)], "building the hrdtrain wheel", cwd=CHECKOUT)
    wheels = list(out.glob("hrdtrain-*.whl"))
    if len(wheels) != 1:
        raise ReportedError(f"pip wheel wrote {wheels}, expected one hrdtrain wheel")
    return wheels[0]


def _entry(name: str, version: str, file: Path, depends: tuple[str, ...] | list[str], imports: tuple[str, ...] | list[str]) -> dict:
    return {
        "name": name, "version": version, "file_name": file.name, "install_dir": "site",
        "sha256": sha256(file), "package_type": "package", "imports": list(imports),
        "depends": list(depends), "unvendored_tests": False,
    }


def assemble_pyodide(cache: Path, work: Path, relock: bool = False) -> tuple[Path, dict[str, str], list[str]]:
    """A tarball with a top folder pyodide/: the npm core, the wheels, a reduced pyodide-lock.json."""
    version = pinned_pyodide_version()
    expected = {} if relock else _load_site_lock()
    if not relock and expected.get("pyodide") != version:
        raise ReportedError(f"the kernel pins Pyodide {version}, browser_edition/site-lock.json has {expected.get('pyodide')}: relock")
    artifacts: dict[str, str] = {}
    tarball = _npm_core(version, cache)
    _check(tarball, expected.get("artifacts", {}).get(tarball.name), relock, artifacts)

    folder = work / "pyodide"
    folder.mkdir(parents=True)
    with tarfile.open(tarball) as tar:
        for member in tar.getmembers():
            if member.isfile() and member.name.startswith("package/") and "/" not in member.name[len("package/"):]:
                member.name = member.name[len("package/"):]
                tar.extract(member, folder, filter="data")
    full_lock = json.loads((folder / "pyodide-lock.json").read_text())
    lock_packages = full_lock["packages"]

    wheels = cache / "wheels"
    wheels.mkdir(parents=True, exist_ok=True)
    packages: dict[str, dict] = {}
    pinned = {_key(n) for n in EXTRA_PINS}
    for name in _closure(lock_packages, BOOT_PACKAGES + FROM_PYODIDE_LOCK):
        if _key(name) in pinned:
            continue
        entry = dict(lock_packages[name])
        if not entry["file_name"].endswith("-none-any.whl"):
            raise ReportedError(f"{name} in Pyodide's lock is {entry['file_name']}, not a pure wheel PyPI could give")
        wheel = _pip_download(f"{name}=={entry['version']}", entry["file_name"], wheels, "any", "none", "py")
        _check(wheel, expected.get("artifacts", {}).get(wheel.name), relock, artifacts)
        shutil.copy2(wheel, folder / wheel.name)
        entry["sha256"] = sha256(wheel)
        entry["unvendored_tests"] = False
        entry["depends"] = sorted({*entry["depends"], *ADDED_DEPENDS.get(name, ())})
        packages[name] = entry
    for name, (pin, depends, imports) in EXTRA_PINS.items():
        wasm = name == "pydantic-core"
        stem = name.replace("-", "_")
        filename = f"{stem}-{pin}-cp314-cp314-pyemscripten_{full_lock['info']['abi_version']}_wasm32.whl" if wasm else f"{stem}-{pin}-py3-none-any.whl"
        if wasm:
            wheel = _pip_download(f"{name}=={pin}", filename, wheels, f"pyemscripten_{full_lock['info']['abi_version']}_wasm32", "cp314", "cp")
        else:
            wheel = _pip_download(f"{name}=={pin}", filename, wheels, "any", "none", "py")
        _check(wheel, expected.get("artifacts", {}).get(wheel.name), relock, artifacts)
        shutil.copy2(wheel, folder / wheel.name)
        packages[name] = _entry(name, pin, folder / wheel.name, depends, imports)

    kernel_pypi = _kernel_pypi()
    for name, (depends, imports) in KERNEL_WHEELS.items():
        found = sorted(kernel_pypi.glob(f"{name.replace('-', '_')}-*-py3-none-any.whl"))
        if len(found) != 1:
            raise ReportedError(f"jupyterlite-pyodide-kernel's {kernel_pypi} should hold one {name} wheel, not {[p.name for p in found]}")
        _check(found[0], expected.get("artifacts", {}).get(found[0].name), relock, artifacts)
        shutil.copy2(found[0], folder / found[0].name)
        packages[name] = _entry(name, found[0].name.split("-")[1], folder / found[0].name, depends, imports)

    course = _course_wheel(work)
    shutil.copy2(course, folder / course.name)
    version_of_course = course.name.split("-")[1]
    packages["hrdtrain"] = _entry("hrdtrain", version_of_course, folder / course.name, COURSE_DEPENDS, ("hrdtrain",))
    for name, entry in packages.items():
        carried = {_key(k) for k in packages}
        missing = [d for d in entry["depends"] if _key(d) not in carried]
        if missing:
            raise ReportedError(f"{name} depends on {missing}, which the site does not carry")

    problems = unmet_requirements(folder, packages)
    if problems:
        raise ReportedError("the browser edition's packages do not fit together:\n  " + "\n  ".join(problems))
    precompile(folder, cache, course.name, full_lock["info"]["python"])
    for entry in packages.values():
        entry["sha256"] = sha256(folder / entry["file_name"])
    (folder / "pyodide-lock.json").write_text(json.dumps({"info": full_lock["info"], "packages": packages}, indent=1, sort_keys=True))
    # jupyter lite build copies a folder named pyodide to .cache/pyodide/pyodide and serves its
    # pyodide/ subfolder (packing it as .tar.bz2 works too, but compressing 20 MB took most of a build).
    packed = work / "dist" / "pyodide"
    packed.mkdir(parents=True)
    folder.rename(packed / "pyodide")
    if relock:
        SITE_LOCK.write_text(json.dumps({"pyodide": version, "artifacts": dict(sorted(artifacts.items()))}, indent=1) + "\n")
    return packed, artifacts, sorted(packages)


def _kernel_pypi() -> Path:
    pinned_pyodide_version()  # says so when the site extra is not installed
    return Path(sys.prefix, "share/jupyter/labextensions/@jupyterlite/pyodide-kernel-extension/static/pypi")


def precompile(folder: Path, cache: Path, course_wheel: str, python: str) -> dict[str, str]:
    """Python's standard library (python_stdlib.zip) and every wheel in `folder` compiled to
    bytecode, in place, by the site's own Pyodide under Node.js (browser_edition/precompile.py
    says how). Without it, Python in the page compiles each module it imports at every load.

    The results are cached in `cache`/bytecode/, keyed by the input's sha256 and the tool's: a
    rebuild compiles only the course's own wheel. Returns {file name: "cached" | "compiled"}."""
    node = shutil.which("node")
    if not node:
        raise ReportedError("Node.js is needed to compile the site's Python to bytecode (Debian: apt-get install nodejs; it comes with npm)")
    major, minor = python.split(".")[:2]
    run_at = {"stdlib": f"/lib/python{major}{minor}.zip/", "wheel": f"/lib/python{major}.{minor}/site-packages/"}
    tool = hashlib.sha256(PRECOMPILE.read_bytes() + (EDITION / "precompile.py").read_bytes() + python.encode() + json.dumps(LEAVE_OUT).encode()).hexdigest()[:16]
    names = ["python_stdlib.zip", *sorted(p.name for p in folder.glob("*.whl"))]
    done: dict[str, str] = {}
    jobs = []
    for name in names:
        key = hashlib.sha256((tool + sha256(folder / name)).encode()).hexdigest()[:24]
        cached = cache / "bytecode" / key / name
        if name != course_wheel and cached.is_file():
            shutil.copy2(cached, folder / name)
            done[name] = "cached"
            continue
        mode = "beside" if name == course_wheel else "only"
        leave_out = LEAVE_OUT.get(name.split("-")[0], [])
        jobs.append((name, cached, [name, name, mode, run_at["stdlib" if name == "python_stdlib.zip" else "wheel"], leave_out]))
    if jobs:
        with tempfile.TemporaryDirectory(prefix="hrdtrain-bytecode-") as tmp:
            out = _run([node, str(PRECOMPILE), str(folder), str(folder), tmp, json.dumps([job for _n, _c, job in jobs])], "compiling the site's Python to bytecode")
            if "PRECOMPILED " not in out:
                raise ReportedError(f"compiling the site's Python to bytecode printed no report:\n{out[-2000:]}")
            for name, cached, _job in jobs:
                result = Path(tmp) / name
                if not result.is_file():
                    raise ReportedError(f"compiling the site's Python to bytecode wrote no {name}")
                if name != course_wheel:
                    cached.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copy2(result, cached)
                shutil.move(result, folder / name)
                done[name] = "compiled"
    return done


def fill_cache(cache: Path = DEFAULT_CACHE) -> list[str]:
    """Download (once) everything the build takes from the registries, checked against the lock.

    `make test` runs this before the tests, which run with no network: the site-build tests then
    build from the cache alone, as a facilitator's offline rebuild would."""
    with tempfile.TemporaryDirectory(prefix="hrdtrain-site-cache-") as tmp:
        _packed, artifacts, _packages = assemble_pyodide(cache, Path(tmp))
    return sorted(artifacts)


EARLY_KERNEL = "hrdtrain-early-kernel"


def _stage_early_kernel(work: Path) -> Path:
    """The course's JupyterLab plugin that starts the notebook's kernel early, as a prebuilt
    extension folder for `jupyter lite build`. Its script gets its content's hash in its name, as
    JupyterLab's own do, so a browser never keeps an old copy after the site is rebuilt."""
    source = EDITION / "early_kernel"
    script = (source / "remoteEntry.js").read_bytes()
    package = json.loads((source / "package.json").read_text())
    if package.get("name") != EARLY_KERNEL:
        raise ReportedError(f"{source / 'package.json'}: name should be {EARLY_KERNEL!r}, not {package.get('name')!r}")
    load = f"static/remoteEntry.{hashlib.sha256(script).hexdigest()[:16]}.js"
    package["jupyterlab"]["_build"]["load"] = load
    folder = work / "early-kernel"
    (folder / "static").mkdir(parents=True)
    (folder / load).write_bytes(script)
    (folder / "package.json").write_text(json.dumps(package, indent=2))
    return folder


def _stage_contents(work: Path) -> Path:
    """The learner notebooks at notebooks/NN_*.ipynb and notebooks/LANG/NN_*.ipynb, as in the
    repository (no learner files)."""
    notebooks = sorted((CHECKOUT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    if not notebooks:
        raise ReportedError(f"no course notebooks in {CHECKOUT / 'notebooks'}")
    contents = work / "contents"
    (contents / "notebooks").mkdir(parents=True)
    for nb in notebooks:
        shutil.copy2(nb, contents / "notebooks" / nb.name)
    # Each language's generated notebooks (notebooks/es/, notebooks/ar/: hrdtrain.translated_notebooks).
    for nb in sorted((CHECKOUT / "notebooks").glob("[a-z][a-z]/[0-9][0-9]_*.ipynb")):
        (contents / "notebooks" / nb.parent.name).mkdir(exist_ok=True)
        shutil.copy2(nb, contents / "notebooks" / nb.parent.name / nb.name)
    return contents


def build_site(out: Path, cache: Path = DEFAULT_CACHE, relock: bool = False) -> BuildResult:
    """Build the site into `out` (replaced), from the cache and the registries only."""
    start = time.monotonic()
    out = out.resolve()
    if out == CHECKOUT or CHECKOUT.is_relative_to(out):
        raise ReportedError(f"refusing to replace {out}: it holds the course")
    if out.exists() and any(out.iterdir()) and not (out / "jupyter-lite.json").is_file():
        raise ReportedError(f"refusing to replace {out}: it is not empty and not a site built before (no jupyter-lite.json)")
    if not (EDITION / "jupyter-lite.json").is_file():
        raise ReportedError(f"{EDITION} is missing: hrdtrain site builds from a checkout of the course")
    with tempfile.TemporaryDirectory(prefix="hrdtrain-site-") as tmp:
        work = Path(tmp)
        pyodide_tar, _artifacts, packages = assemble_pyodide(cache, work, relock=relock)
        lite_dir = work / "lite"
        lite_dir.mkdir()
        shutil.copy2(EDITION / "jupyter-lite.json", lite_dir / "jupyter-lite.json")
        build_config = json.loads((EDITION / "jupyter_lite_config.json").read_text())
        # Only the front ends the course needs, not every JupyterLab extension of this venv
        # (nbgrader's and Voila's would call a server the static site does not have).
        build_config["LiteBuildConfig"]["ignore_sys_prefix"] = True
        build_config["LiteBuildConfig"]["federated_extensions"] = [
            str(cache / "wheels" / f"jupyterlab_widgets-{EXTRA_PINS['jupyterlab-widgets'][0]}-py3-none-any.whl"),
            str(cache / "wheels" / f"anywidget-{EXTRA_PINS['anywidget'][0]}-py3-none-any.whl"),
            str(Path(sys.prefix, "share/jupyter/labextensions/@jupyterlite/pyodide-kernel-extension")),
            str(_stage_early_kernel(work)),
        ]
        (lite_dir / "jupyter_lite_config.json").write_text(json.dumps(build_config))
        contents = _stage_contents(work)
        staging = work / "site"
        _run(
            [sys.executable, "-m", "jupyter", "lite", "build", "--lite-dir", str(lite_dir), "--contents", str(contents),
             "--pyodide", str(pyodide_tar), "--output-dir", str(staging)],
            "jupyter lite build", cwd=work,
        )
        _write_translations(staging)
        _write_entry_page(staging)
        _verify(staging)
        if out.exists():
            shutil.rmtree(out)
        shutil.copytree(staging, out)
    size = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
    return BuildResult(out, time.monotonic() - start, size, packages)


ENTRY_NOTEBOOKS = (
    ("en", "English", "notebooks/00_start_here.ipynb"),
    ("es", "Español", "notebooks/es/00_start_here.ipynb"),
    ("ar", "العربية", "notebooks/ar/00_start_here.ipynb"),
)
"""The languages the site's own address offers, each with its notebook 00."""


def _title(notebook: Path) -> str:
    """A notebook's first heading, as its language's readers see it."""
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    for line in "".join(cells[0]["source"] if cells else "").splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    raise ReportedError(f"{notebook}: its first cell has no '# ' heading to name it by")


def _write_entry_page(site: Path) -> None:
    """The site's own address (http://<laptop>:8000/ in a room) opens a page that links to
    notebook 00 in each language, instead of JupyterLite's redirect to an empty JupyterLab: a
    room can be given a short address. Plain HTML, no script, nothing fetched; each title is the
    notebook's own heading (so already translated and reviewed), escaped."""
    import html

    links = []
    for lang, name, path in ENTRY_NOTEBOOKS:
        notebook = site / "files" / path
        if not notebook.is_file():
            raise ReportedError(f"the site lacks {path}, which its first page links to")
        direction = ' dir="rtl"' if lang == "ar" else ""
        links.append(
            f'<li lang="{lang}"{direction}><a href="lab/index.html?path={html.escape(path)}">'
            f"<strong>{html.escape(name)}</strong>: {html.escape(_title(notebook))}</a></li>"
        )
    english = html.escape(_title(site / "files" / ENTRY_NOTEBOOKS[0][2]))
    # JupyterLite's apps read the configuration block of this page (their parent's index.html):
    # it is kept as JupyterLite wrote it (JSON data, not a script that runs).
    original = (site / "index.html").read_text(encoding="utf-8")
    config = re.search(r'<script id="jupyter-config-data" type="application/json"[^>]*>.*?</script>', original, re.DOTALL)
    if config is None:
        raise ReportedError("the site's index.html from jupyter lite build has no jupyter-config-data block to keep")
    page = f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>{english}</title>
{config.group(0)}
<style>
body {{ font-family: system-ui, sans-serif; margin: 0; padding: 1.5rem; line-height: 1.5; color: #1a1a1a; background: #fff; }}
main {{ max-width: 40rem; margin: 0 auto; }}
ul {{ list-style: none; padding: 0; }}
li {{ margin: 0.75rem 0; }}
a {{ display: block; padding: 0.9rem 1rem; border: 2px solid #1a5fb4; border-radius: 6px; color: #0b3d91; text-decoration: underline; font-size: 1.1rem; }}
a:focus {{ outline: 3px solid #000; outline-offset: 2px; }}
</style>
</head>
<body>
<main>
<h1>{english}</h1>
<p>Language / Idioma / <span lang="ar">اللغة</span></p>
<ul>
{chr(10).join(links)}
</ul>
</main>
</body>
</html>
"""
    (site / "index.html").write_text(page, encoding="utf-8")


INTERFACE_LOCALES = ("en", "es_ES", "ar_SA")
"""JupyterLab's own menus offered in the browser edition: the course's languages' packs."""


def _write_translations(site: Path) -> None:
    """JupyterLab's menus in Spanish and Arabic (Settings > Language), from the language packs
    the course depends on. JupyterLite writes these only when it reads this Python's whole
    environment, which the build does not let it do (it would bring every other extension's
    front end), so the same files are written here, with jupyterlab_server's own functions."""
    from jupyterlab_server.translation_utils import get_language_pack, get_language_packs

    found, _ = get_language_packs()
    missing = [locale for locale in INTERFACE_LOCALES if locale not in found]
    if missing:
        raise ReportedError(f"JupyterLab language pack(s) not installed: {', '.join(missing)} (pip install the course's dependencies)")
    api = site / "api" / "translations"
    api.mkdir(parents=True, exist_ok=True)
    (api / "all.json").write_text(json.dumps({"data": {k: found[k] for k in INTERFACE_LOCALES}, "message": ""}, indent=2, sort_keys=True), encoding="utf-8")
    for locale in INTERFACE_LOCALES:
        data = get_language_pack(locale)[0] if locale != "en" else {}
        (api / f"{locale}.json").write_text(json.dumps({"data": data, "message": ""}, indent=2, sort_keys=True), encoding="utf-8")


def _verify(site: Path) -> None:
    """Fail loudly when a piece the offline site needs is missing or points at a CDN."""
    needed = ["lab/index.html", "static/pyodide/pyodide.mjs", "static/pyodide/pyodide-lock.json", "files/notebooks/00_start_here.ipynb"]
    missing = [p for p in needed if not (site / p).is_file()]
    if missing:
        raise ReportedError(f"the built site lacks {missing}")
    config = json.loads((site / "jupyter-lite.json").read_text())["jupyter-config-data"]
    kernel = config.get("litePluginSettings", {}).get("@jupyterlite/pyodide-kernel-extension:kernel", {})
    if kernel.get("disablePyPIFallback") is not True:
        raise ReportedError("jupyter-lite.json: the Pyodide kernel may fall back to pypi.org (disablePyPIFallback is not true)")
    if "://" in kernel.get("pyodideUrl", "://"):
        raise ReportedError(f"jupyter-lite.json: pyodideUrl {kernel.get('pyodideUrl')!r} is not the site's own Pyodide")
    early = [e for e in config.get("federated_extensions", []) if e.get("name") == EARLY_KERNEL]
    if len(early) != 1 or not (site / "extensions" / EARLY_KERNEL / early[0].get("load", "-")).is_file():
        raise ReportedError(f"jupyter-lite.json: the course's plugin {EARLY_KERNEL} is not in the site (federated_extensions: {early})")
    lock = json.loads((site / "static/pyodide/pyodide-lock.json").read_text())
    preloaded = kernel.get("loadPyodideOptions", {}).get("packages", [])
    if sorted(preloaded) != sorted(PRELOADED) or not set(preloaded) <= set(lock["packages"]):
        raise ReportedError(f"jupyter-lite.json: the kernel should find {list(PRELOADED)} loaded at boot (all in the site's Pyodide lock), not {preloaded}")
    for name, entry in lock["packages"].items():
        wheel = site / "static/pyodide" / entry["file_name"]
        if not wheel.is_file() or sha256(wheel) != entry["sha256"]:
            raise ReportedError(f"the site's Pyodide lock lists {entry['file_name']} ({name}) but the file is missing or differs")


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="python -m hrdtrain.site_build", description=__doc__.split("\n\n")[0])
    parser.add_argument("out", nargs="?", default=str(CHECKOUT / "site"))
    parser.add_argument("--relock", action="store_true", help="download afresh and rewrite browser_edition/site-lock.json")
    parser.add_argument("--fill-cache", action="store_true", help=f"only download what the build needs into {DEFAULT_CACHE} (checked against the lock)")
    args = parser.parse_args(argv)
    if args.fill_cache:
        try:
            names = fill_cache()
        except ReportedError as exc:
            print(f"site cache: {exc}", file=sys.stderr)
            return 1
        print(f"site cache ready in {DEFAULT_CACHE}: {len(names)} files, each matching browser_edition/site-lock.json")
        return 0
    try:
        result = build_site(Path(args.out), relock=args.relock)
    except ReportedError as exc:
        print(f"site build: {exc}", file=sys.stderr)
        return 1
    print(f"site written to {result.out}: {result.size_bytes / 1e6:.0f} MB in {result.seconds:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
