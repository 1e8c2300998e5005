"""The course as a new user installs it: one wheel, a fresh virtual environment outside the
checkout, `hrdtrain start` in an empty home folder, then again after the course was updated.
How the environment is made, and why, is in tests/wheel_install.py."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
import urllib.request
import zipfile
from pathlib import Path

import psutil
import pytest
from wheel_install import ROOT, build_wheel, fresh_venv, get, hrdtrain, installed_course, user_environment

LEARNER_NOTEBOOKS = [
    "00_start_here.ipynb", "01_introduction.ipynb", "02_international_standards.ipynb", "03_police_enforcing_the_law.ipynb",
    "04_police_as_violators.ipynb", "05_police_as_protectors.ipynb", "06_constructive_dialogue.ipynb", "07_final_remarks.ipynb",
    "facilitator_dashboard.ipynb",
]
NB03, NB04 = "03_police_enforcing_the_law.ipynb", "04_police_as_violators.ipynb"


@pytest.fixture(scope="module")
def wheel(course_wheel) -> Path:
    return course_wheel


@pytest.fixture(scope="module")
def venv(wheel, tmp_path_factory) -> Path:
    return fresh_venv(wheel, tmp_path_factory.mktemp("fresh") / "venv")


@pytest.fixture(scope="module")
def home(tmp_path_factory) -> Path:
    """An empty home folder for a new user; every start of this module shares it."""
    return tmp_path_factory.mktemp("newuser") / "home"


def test_the_wheel_carries_the_notebooks_the_jupyter_settings_the_voila_template_the_content_and_locales(wheel):
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        for name in LEARNER_NOTEBOOKS:
            assert archive.read(f"hrdtrain/_course/notebooks/{name}") == (ROOT / "notebooks" / name).read_bytes(), name
        tracked = subprocess.run(["git", "ls-files", "jupyter-config", "hrdtrain/content", "hrdtrain/locales", "hrdtrain/translations"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
        expected = {f"hrdtrain/_course/{p}" if p.startswith("jupyter-config") else p for p in tracked}
        assert {
            "hrdtrain/_course/jupyter-config/jupyter_server_config.py",
            "hrdtrain/_course/jupyter-config/voila.py",
            "hrdtrain/_course/jupyter-config/ipython_kernel_config.py",
            "hrdtrain/_course/jupyter-config/labconfig/page_config.json",
            "hrdtrain/_course/jupyter-config/data/voila/templates/offline/index.html.j2",
            "hrdtrain/content/03_police_enforcing_the_law.yaml",
            "hrdtrain/locales/en/quiz.yaml",
            "hrdtrain/translations/ar/locales/quiz.yaml",
        } <= expected
        assert not expected - names, f"missing from the wheel: {sorted(expected - names)}"
        # Nothing a run leaves behind travels with the course.
        assert not [n for n in names if ".ipynb_checkpoints" in n or "__pycache__" in n or "/lab/" in n]
        assert "hrdtrain/_course/jupyter-config/migrated" in names  # Jupyter never writes into the installed package


def test_a_wheel_built_in_a_used_checkout_carries_no_learner_files(tmp_path):
    """Someone who took the course in this checkout has saved statements, plans and exports in
    notebooks/: a wheel built there must carry the course notebooks and nothing of theirs."""
    import uuid

    planted = [ROOT / "notebooks" / f"my-engagement-plan-{uuid.uuid4().hex}.txt", ROOT / "notebooks" / f"exports-{uuid.uuid4().hex}" / "answers.json"]
    try:
        for path in planted:
            path.parent.mkdir(exist_ok=True)
            path.write_text("private", encoding="utf-8")
        with zipfile.ZipFile(build_wheel(tmp_path)) as archive:
            carried = sorted(n.removeprefix("hrdtrain/_course/notebooks/") for n in archive.namelist() if n.startswith("hrdtrain/_course/notebooks/"))
        translated = [f"{lang}/{name}" for lang in ("es", "ar") for name in LEARNER_NOTEBOOKS if name.startswith("0")]  # notebooks/LANG/ (issue 18)
        assert carried == sorted([*LEARNER_NOTEBOOKS, *translated])
    finally:
        for path in planted:
            path.unlink(missing_ok=True)
        planted[1].parent.rmdir()


def test_the_fresh_venv_imports_hrdtrain_and_its_course_files_from_the_wheel_only(venv):
    where = subprocess.run(
        [venv / "bin" / "python", "-c", "import hrdtrain, hrdtrain.course_files as c; f = c.course_files(); print(hrdtrain.__file__, f.origin, f.notebooks, sep='\\n')"],
        capture_output=True, text=True, cwd=venv.parent, timeout=60,
    )
    assert where.returncode == 0, where.stderr
    module, origin, notebooks = where.stdout.splitlines()
    assert module.startswith(str(venv)) and origin == "installed package" and notebooks.startswith(str(venv))
    # `py -m hrdtrain start` works where the scripts folder is not on PATH (README, Windows).
    helped = subprocess.run([venv / "bin" / "python", "-m", "hrdtrain", "start", "--help"], capture_output=True, text=True, cwd=venv.parent, timeout=60)
    assert helped.returncode == 0 and "Kernel transport on this computer" in helped.stdout, helped.stderr


def test_hrdtrain_start_copies_the_course_serves_it_on_127_0_0_1_and_notebook_00_runs_from_the_copy(venv, home):
    with hrdtrain(venv, home, "start") as lab:
        folder = home / "hrdtrain-course"
        assert f"Your course folder: {folder}" in lab.output()
        # The English notebooks, and each language's in its own folder (issue 18: `--lang es` opens notebooks/es/).
        assert sorted(p.name for p in (folder / "notebooks").iterdir()) == sorted([*LEARNER_NOTEBOOKS, "ar", "es"])
        for language in ("ar", "es"):
            assert sorted(p.name for p in (folder / "notebooks" / language).iterdir()) == sorted(n for n in LEARNER_NOTEBOOKS if n.startswith("0"))
        status, body = get(f"{lab.base}/api/status?token={lab.token}")
        assert status == 200 and "started" in json.loads(body)
        assert get(f"{lab.base}/api/status")[0] == 403  # not without the token
        listing = json.loads(get(f"{lab.base}/api/contents/notebooks?token={lab.token}")[1])
        assert "00_start_here.ipynb" in [entry["name"] for entry in listing["content"]]
        # Saved through the server, as JupyterLab saves: the course folder's notebooks keep no outputs.
        saved = json.loads((folder / "notebooks" / "00_start_here.ipynb").read_text(encoding="utf-8"))
        code = next(cell for cell in saved["cells"] if cell["cell_type"] == "code")
        code["outputs"], code["execution_count"] = [{"output_type": "stream", "name": "stdout", "text": "You chose: Inaccurate\n"}], 3
        body = json.dumps({"type": "notebook", "format": "json", "content": saved}).encode()
        urllib.request.urlopen(urllib.request.Request(f"{lab.base}/api/contents/notebooks/00_start_here.ipynb?token={lab.token}", data=body, method="PUT"), timeout=60)
        assert "You chose" not in (folder / "notebooks" / "00_start_here.ipynb").read_text(encoding="utf-8")
        # A kernel of the course: over IPC, its sockets in the run's private folder.
        kernel = json.loads(urllib.request.urlopen(urllib.request.Request(f"{lab.base}/api/kernels?token={lab.token}", data=b"{}", method="POST"), timeout=60).read())
        runtime = re.search(r"file://(/\S+)/jpserver-\d+-open\.html", lab.output()).group(1)
        connection = json.loads((Path(runtime) / f"kernel-{kernel['id']}.json").read_text())
        assert connection["transport"] == "ipc" and connection["ip"].startswith(runtime) and len(connection["ip"]) < 100
        # It keeps no IPython history (the course's kernel settings, which no `make` copied here).
        from jupyter_client import BlockingKernelClient

        client = BlockingKernelClient(connection_file=str(Path(runtime) / f"kernel-{kernel['id']}.json"))
        client.load_connection_file()
        client.start_channels()
        try:
            client.wait_for_ready(timeout=60)
            printed: list[str] = []
            client.execute_interactive("print(get_ipython().history_manager.enabled, get_ipython().profile_dir.location)", timeout=60,
                                       output_hook=lambda m: printed.append(m["content"].get("text", "")))
        finally:
            client.stop_channels()
        history, profile = "".join(printed).split()
        assert history == "False" and profile.startswith(str(Path(runtime).parent)), printed
        kernels = [p for p in psutil.Process(lab.process.pid).children(recursive=True) if "ipykernel" in " ".join(p.cmdline())]
        assert kernels
        assert lab.stop_with_ctrl_c() == 0, lab.output()[-3000:]
    assert "The course has stopped." in lab.output()
    assert not (home / ".npm").exists(), "npm was run (jupyter_lsp's search for language servers) and logged the course's folder"
    assert not Path(runtime).parent.exists(), "the run's private folder (sockets, token) was left behind"
    assert not [k for k in kernels if k.is_running() and k.status() != psutil.STATUS_ZOMBIE], "a kernel outlived the course"

    # Notebook 00, from the learner's copy, in a kernel of the fresh venv.
    script = (
        "import sys, nbformat\nfrom nbclient import NotebookClient\n"
        "nb = nbformat.read(sys.argv[1], as_version=4)\n"
        "nb.cells.append(nbformat.v4.new_code_cell('import hrdtrain, sys; print(hrdtrain.__file__); print(sys.executable)'))\n"
        "NotebookClient(nb, timeout=120, kernel_name='python3', resources={'metadata': {'path': sys.argv[2]}}).execute()\n"
        "print(''.join(o.get('text', '') for o in nb.cells[-1].outputs), end='')\n"
    )
    notebooks = home / "hrdtrain-course" / "notebooks"
    run = subprocess.run([venv / "bin" / "python", "-c", script, notebooks / "00_start_here.ipynb", notebooks], cwd=notebooks,
                         env=user_environment(venv, home), capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr[-4000:]
    module, executable = run.stdout.splitlines()[-2:]
    assert module.startswith(str(venv)) and executable.startswith(str(venv)), run.stdout


def test_a_second_start_after_an_update_keeps_what_the_learner_wrote_and_puts_the_new_version_beside_it(venv, home):
    """Runs after the first start (same home). The course is updated as a new wheel would update it
    (its notebooks 03 and 04 change in the installed package); the learner had written in 03 only."""
    import nbformat

    folder = home / "hrdtrain-course" / "notebooks"
    assert (folder / NB03).exists(), "the first start did not run"
    mine = nbformat.read(folder / NB03, as_version=4)
    mine.cells.insert(1, nbformat.v4.new_markdown_cell("My own notes: the march on Saturday."))
    nbformat.write(mine, folder / NB03)
    learner_wrote = (folder / NB03).read_bytes()
    course = installed_course(venv) / "notebooks"
    for name in (NB03, NB04):
        updated = nbformat.read(course / name, as_version=4)
        updated.cells.append(nbformat.v4.new_markdown_cell("New in this version of the course."))
        nbformat.write(updated, course / name)

    # The user also has a "python3" kernel of another Python of their own (`ipykernel install --user`),
    # in a Python that is not a venv (where Jupyter prefers the user's kernels to the environment's).
    theirs = home / ".local" / "share" / "jupyter" / "kernels" / "python3"
    theirs.mkdir(parents=True)
    (theirs / "kernel.json").write_text(json.dumps({"argv": [str(home / "another-python"), "-m", "ipykernel_launcher", "-f", "{connection_file}"],
                                                    "display_name": "Python 3 (another Python)", "language": "python"}))

    # This time as a learner starts it, with a web browser (one that records what it is given).
    opened = home.parent / "opened.html"
    recorder = home.parent / "browser.py"
    recorder.write_text(f"import shutil, sys\nshutil.copyfile(sys.argv[1].removeprefix('file://'), {str(opened)!r})\n")
    browser = {"BROWSER": f"{sys.executable} {recorder} %s", "JUPYTER_PREFER_ENV_PATH": "0"}
    with hrdtrain(venv, home, "start", extra_env=browser, browser=True) as lab:
        said = lab.output()
        assert get(f"{lab.base}/api/status?token={lab.token}")[0] == 200
        deadline = time.monotonic() + 30
        while not opened.exists() and time.monotonic() < deadline:
            time.sleep(0.25)
        assert f"{lab.base}/lab/tree/notebooks/00_start_here.ipynb?token={lab.token}" in opened.read_text(), "the browser was not opened on notebook 00"
        # The notebooks' kernel ("python3") is the course's own Python's, which has hrdtrain.
        spec = json.loads(get(f"{lab.base}/api/kernelspecs?token={lab.token}")[1])["kernelspecs"]["python3"]["spec"]
        assert spec["display_name"] != "Python 3 (another Python)", spec
        assert lab.stop_with_ctrl_c() == 0
    beside = folder / "03_police_enforcing_the_law (new version).ipynb"
    assert (folder / NB03).read_bytes() == learner_wrote
    assert beside.read_bytes() == (course / NB03).read_bytes()
    assert f"You changed notebooks/{NB03}: it is kept as you left it. The new version of the course is beside it: notebooks/{beside.name}" in said
    assert "Updated 1 notebook(s) you had not changed" in said
    assert "New in this version" in (folder / NB04).read_text()
    assert not list(folder.glob("04_*new version*"))


def test_hrdtrain_quiz_from_the_wheel_serves_the_notebooks_with_its_token_and_the_offline_template(venv, home):
    with hrdtrain(venv, home, "quiz") as quiz:
        status, page = get(f"{quiz.base}/?token={quiz.token}")
        assert status == 200 and "fontawesome" not in page
        assert get(f"{quiz.base}/voila/render/00_start_here.ipynb")[0] in (302, 403)
        status, page = get(f"{quiz.base}/voila/render/00_start_here.ipynb?token={quiz.token}")
        assert status == 200 and "kernelId" in page and "fontawesome" not in page
        assert quiz.stop_with_ctrl_c() == 0, quiz.output()[-3000:]
    assert "Quiz mode has stopped." in quiz.output()


def test_handouts_from_the_wheel_have_a_page_per_section_notebook(venv, tmp_path):
    """`hrdtrain handouts` reads the notebooks the wheel carries, not a checkout's."""
    out = tmp_path / "handouts"
    run = subprocess.run([venv / "bin" / "hrdtrain", "handouts", str(out), "--no-progress"], cwd=tmp_path, env=user_environment(venv, tmp_path / "home"),
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr[-3000:]
    pages = sorted(p.name for p in out.glob("0[1-7]_*.html"))
    assert len(pages) == 7, (pages, run.stdout)


def test_hrdtrain_start_lang_es_opens_the_spanish_notebook_with_jupyterlabs_menus_in_spanish(venv, home):
    """`--lang es`: notebooks/es/00 opens, and JupyterLab's own default language is its Spanish pack
    (a default: a learner's choice in Settings > Language wins). Without --lang: English."""
    with hrdtrain(venv, home, "start", "--lang", "es") as lab:
        assert f"{lab.base}/lab/tree/notebooks/es/00_start_here.ipynb?token={lab.token}" in lab.output()
        setting = json.loads(get(f"{lab.base}/lab/api/settings/@jupyterlab/translation-extension:plugin?token={lab.token}")[1])
        assert setting["schema"]["properties"]["locale"]["default"] == "es_ES"
        strings = json.loads(get(f"{lab.base}/lab/api/translations/es_ES?token={lab.token}")[1])["data"]["jupyterlab"]
        assert strings["Settings"] == ["Configuración"]  # the pack is installed with the course
    with hrdtrain(venv, home, "start") as lab:
        setting = json.loads(get(f"{lab.base}/lab/api/settings/@jupyterlab/translation-extension:plugin?token={lab.token}")[1])
        assert setting["schema"]["properties"]["locale"]["default"] == "default"
