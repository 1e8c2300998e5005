"""The browser edition's build (issue 15): a static site from the registries only, checked.

The first build ever downloads from PyPI and npm into .cache/site/; every build after that uses
the cache, and must take well under a minute."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from hrdtrain.errors import ReportedError
from hrdtrain.site_build import CHECKOUT, DEFAULT_CACHE, EXTRA_PINS, assemble_pyodide, build_site, sha256, unmet_requirements

ROOT = Path(__file__).resolve().parents[2]
DESKTOP_ONLY = {"jupyterlab", "nbgrader", "pandas", "matplotlib", "voila", "pyyaml", "tqdm"}


@pytest.fixture(scope="module")
def built(browser_edition_site):
    """The site built twice into the same folder (the first build is the test run's, which the
    browser test served): the second build is the cached one timed."""
    return build_site(browser_edition_site.out)


def test_a_second_build_uses_the_cache_and_takes_well_under_a_minute(built):
    assert built.seconds < 60, f"cached build took {built.seconds:.1f} s"
    assert built.size_bytes < 100e6, f"site is {built.size_bytes / 1e6:.0f} MB"


def test_the_site_has_the_learner_notebooks_at_their_repository_paths(built):
    for notebook in sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        served = built.out / "files" / "notebooks" / notebook.name
        assert served.read_bytes() == notebook.read_bytes(), served
    assert (built.out / "lab" / "index.html").is_file()


def test_the_site_has_the_spanish_and_arabic_notebooks_and_jupyterlabs_menus_in_both(built):
    """Issue 18: notebooks/es/ and notebooks/ar/ are in the site, and JupyterLab's language packs
    (Settings > Language > Español / العربية; tried in chromium: the menus become Archivo, Editar...)."""
    for language in ("es", "ar"):
        for notebook in sorted((ROOT / "notebooks" / language).glob("[0-9][0-9]_*.ipynb")):
            assert (built.out / "files" / "notebooks" / language / notebook.name).read_bytes() == notebook.read_bytes()
    offered = json.loads((built.out / "api" / "translations" / "all.json").read_text(encoding="utf-8"))["data"]
    assert sorted(offered) == ["ar_SA", "en", "es_ES"]
    spanish = json.loads((built.out / "api" / "translations" / "es_ES.json").read_text(encoding="utf-8"))["data"]["jupyterlab"]
    assert spanish["Settings"] == ["Configuración"]
    arabic = json.loads((built.out / "api" / "translations" / "ar_SA.json").read_text(encoding="utf-8"))["data"]["jupyterlab"]
    assert arabic["Cancel"] == ["إلغاء"]


def test_the_kernel_never_falls_back_to_a_cdn_or_pypi(built):
    config = json.loads((built.out / "jupyter-lite.json").read_text())["jupyter-config-data"]
    kernel = config["litePluginSettings"]["@jupyterlite/pyodide-kernel-extension:kernel"]
    assert kernel["disablePyPIFallback"] is True
    assert kernel["pyodideUrl"] == "./static/pyodide/pyodide.mjs"
    assert all(not url.startswith(("http:", "https:", "//")) for url in kernel["pipliteUrls"]), kernel["pipliteUrls"]
    names = {e["name"] for e in config["federated_extensions"]}
    assert names == {"@jupyter-widgets/jupyterlab-manager", "anywidget", "@jupyterlite/pyodide-kernel-extension", "hrdtrain-early-kernel"}, names


def test_the_early_kernel_plugin_is_the_checkouts_script_under_a_name_that_changes_with_it(built):
    """A browser keeps a site's scripts; a rebuilt site with a changed plugin must not be served
    the old one from that cache, so the script's name carries its content's hash."""
    config = json.loads((built.out / "jupyter-lite.json").read_text())["jupyter-config-data"]
    (entry,) = [e for e in config["federated_extensions"] if e["name"] == "hrdtrain-early-kernel"]
    source = (CHECKOUT / "browser_edition" / "early_kernel" / "remoteEntry.js").read_bytes()
    assert entry["load"] == f"static/remoteEntry.{hashlib.sha256(source).hexdigest()[:16]}.js", entry
    assert entry["extension"] == "./extension"
    assert (built.out / "extensions" / "hrdtrain-early-kernel" / entry["load"]).read_bytes() == source


def test_the_reduced_pyodide_lock_carries_hrdtrain_without_its_desktop_dependencies(built):
    pyodide = built.out / "static" / "pyodide"
    lock = json.loads((pyodide / "pyodide-lock.json").read_text())["packages"]
    for name, entry in lock.items():
        assert sha256(pyodide / entry["file_name"]) == entry["sha256"], name
        assert not DESKTOP_ONLY & {d.lower() for d in entry["depends"]}, (name, entry["depends"])
    assert not DESKTOP_ONLY & set(lock)
    # The only ipykernel is the Pyodide kernel's own stand-in (shipped in jupyterlite-pyodide-kernel).
    assert (lock["ipykernel"]["version"], lock["ipykernel"]["depends"]) == ("6.9.2", ["pyodide-kernel"])
    assert lock["hrdtrain"]["depends"] == ["ipywidgets", "anywidget", "pydantic", "markdown-it-py", "typing-extensions"]
    assert lock["pydantic-core"]["file_name"].endswith("pyemscripten_2026_0_wasm32.whl")
    for name, (version, _depends, _imports) in EXTRA_PINS.items():
        assert lock[name]["version"] == version
    # Exactly the files the lock names, plus the Pyodide core: nothing unlisted is served.
    wheels = {p.name for p in pyodide.glob("*.whl")}
    assert wheels == {e["file_name"] for e in lock.values()}


def test_a_download_that_differs_from_the_committed_lock_stops_the_build(tmp_path):
    cache = tmp_path / "cache"
    shutil.copytree(DEFAULT_CACHE, cache)  # filled by the builds above
    wheel = cache / "wheels" / "ipywidgets-{}-py3-none-any.whl".format(EXTRA_PINS["ipywidgets"][0])
    wheel.write_bytes(wheel.read_bytes() + b"tampered")
    (tmp_path / "work").mkdir()
    with pytest.raises(ReportedError, match=r"ipywidgets-.*sha256 .* does not match browser_edition/site-lock.json"):
        assemble_pyodide(cache, tmp_path / "work")


def test_the_build_refuses_to_replace_a_folder_that_is_not_a_site(tmp_path):
    precious = tmp_path / "my-documents"
    precious.mkdir()
    (precious / "plan.txt").write_text("keep me")
    with pytest.raises(ReportedError, match="refusing to replace"):
        build_site(precious)
    assert (precious / "plan.txt").read_text() == "keep me"


def test_hrdtrain_site_is_a_verb_of_the_command():
    proc = subprocess.run([sys.executable, "-m", "hrdtrain", "site", "--help"], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert "OUTDIR" in proc.stdout and "nothing from a CDN" in proc.stdout


def test_a_package_version_a_wheel_does_not_accept_stops_the_build(built):
    """Pyodide 314.0.6's own typing-inspection 0.4.2 made pydantic 2.14's first model fail in the
    browser (no typing_objects.DEPRECATED_ALIASES_IDS); the build now finds such a pair itself."""
    pyodide = built.out / "static" / "pyodide"
    lock = json.loads((pyodide / "pyodide-lock.json").read_text())["packages"]
    assert unmet_requirements(pyodide, lock) == []
    lock["typing-inspection"] = dict(lock["typing-inspection"], version="0.4.2")
    del lock["annotated-types"]
    problems = unmet_requirements(pyodide, lock)
    assert any(p.startswith("pydantic 2.14.4 needs typing-inspection>=0.4.4, the site carries typing-inspection 0.4.2") for p in problems), problems
    assert any("needs annotated-types" in p and "does not carry" in p for p in problems), problems


def test_python_in_the_page_has_bytecode_for_every_module_and_boots_from_one_load(built):
    """Without .pyc, Python in the page compiled every module it imported at every page load
    (903 before the first quiz: 4 to 9 s here). The kernel finds everything it would otherwise
    install one by one (micropip, piplite, then ipykernel, comm, pyodide-kernel, jedi, ipython)
    already loaded with the course, in one go."""
    import zipfile

    pyodide = built.out / "static" / "pyodide"
    lock = json.loads((pyodide / "pyodide-lock.json").read_text())["packages"]
    for archive in ["python_stdlib.zip", *(e["file_name"] for e in lock.values())]:
        names = set(zipfile.ZipFile(pyodide / archive).namelist())
        sources = {n for n in names if n.endswith(".py")}
        if archive.startswith("hrdtrain-"):  # the course keeps its sources (read at run time) beside __pycache__/
            missing = [n for n in sources if f"{n.rpartition('/')[0]}/__pycache__/{n.rpartition('/')[2][:-3]}.cpython-314.pyc" not in names]
        else:  # only bytecode, as Pyodide's own packages
            missing = sorted(sources)
            assert any(n.endswith(".pyc") for n in names) or not sources, archive
        assert missing == [], (archive, missing[:5])
    jedi = zipfile.ZipFile(pyodide / lock["jedi"]["file_name"]).namelist()
    assert not any(n.startswith("jedi/third_party/django-stubs/") and not n.endswith("/") for n in jedi)
    assert any(n.startswith("jedi/third_party/typeshed/stdlib/") for n in jedi)  # completion keeps the standard library's stubs

    config = json.loads((built.out / "jupyter-lite.json").read_text())["jupyter-config-data"]
    kernel = config["litePluginSettings"]["@jupyterlite/pyodide-kernel-extension:kernel"]
    preloaded = kernel["loadPyodideOptions"]["packages"]
    assert sorted(preloaded) == sorted(["micropip", "piplite", "ipykernel", "comm", "pyodide-kernel", "jedi", "ipython", "hrdtrain"])
    assert set(preloaded) <= set(lock)
    # No service worker, so no JupyterLite drive in the kernel, on any address: imports no longer
    # look into the drive first (seconds saved at every load), and a room's plain http:// address
    # behaves like https:// (answers are kept in IndexedDB either way).
    assert "@jupyterlite/application-extension:service-worker-manager" in config["disabledExtensions"]


def test_a_second_build_compiles_only_the_course(built, tmp_path):
    from hrdtrain.site_build import precompile

    folder = tmp_path / "pyodide"
    shutil.copytree(built.out / "static" / "pyodide", folder)
    # The site's files are already compiled: as inputs they are new to the cache, so use the
    # cache's own inputs instead: the download cache's wheels, compiled by the builds above.
    for wheel in folder.glob("*.whl"):
        wheel.unlink()
    shutil.copy2(DEFAULT_CACHE / "wheels" / "parso-0.8.6-py2.py3-none-any.whl", folder)
    (folder / "python_stdlib.zip").unlink()
    import tarfile

    with tarfile.open(next((DEFAULT_CACHE / "npm").glob("pyodide-*.tgz"))) as tar:
        (folder / "python_stdlib.zip").write_bytes(tar.extractfile("package/python_stdlib.zip").read())
    done = precompile(folder, DEFAULT_CACHE, "hrdtrain-0.1.0-py3-none-any.whl", "3.14.2")
    assert done == {"python_stdlib.zip": "cached", "parso-0.8.6-py2.py3-none-any.whl": "cached"}


def test_the_sites_own_address_is_a_page_of_links_to_notebook_00_in_each_language(built):
    """No script, nothing fetched, JupyterLite's configuration block kept (its apps read it), and
    each link names an existing notebook 00 by its own heading."""
    import re as regex

    page = (built.out / "index.html").read_text(encoding="utf-8")
    assert '<script id="jupyter-config-data" type="application/json" data-jupyter-lite-root=".">' in page
    assert regex.findall(r"<script(?![^>]*application/json)", page) == []
    assert "http:" not in page and "https:" not in page and "src=" not in page
    links = regex.findall(r'<li lang="(\w+)"[^>]*><a href="lab/index.html\?path=([^"]+)">(.*?)</a></li>', page)
    assert [lang for lang, _path, _text in links] == ["en", "es", "ar"], links
    for _lang, path, text in links:
        heading = json.loads((built.out / "files" / path).read_text(encoding="utf-8"))["cells"][0]["source"][0]
        assert heading.startswith("# ") and heading[2:].strip() in text, (path, text)


def test_a_notebook_00_without_a_heading_is_reported_by_name(tmp_path):
    from hrdtrain.site_build import _title

    notebook = tmp_path / "00_start_here.ipynb"
    notebook.write_text(json.dumps({"cells": [{"cell_type": "markdown", "source": ["No heading here"]}]}), encoding="utf-8")
    with pytest.raises(ReportedError, match=r"00_start_here.ipynb: its first cell has no '# ' heading"):
        _title(notebook)
