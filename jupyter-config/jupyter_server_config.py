# JupyterLab / Jupyter Server settings for the hrdtrain course.
# Used by `make lab` and the browser tests through JUPYTER_CONFIG_DIR=jupyter-config.
# Every name below was checked against jupyterlab 4 / jupyter_server 2 (a misspelt name is
# silently ignored), and tests/browser checks that the settings are applied.
c = get_config()  # noqa: F821 (provided by Jupyter when it loads this file)

# Listen on this computer only: nobody on the same network (workshop LAN, café wifi) can connect.
c.ServerApp.ip = "127.0.0.1"

# Never ask the internet whether a newer JupyterLab exists (no update-check request, no toast).
c.LabApp.check_for_updates_class = "jupyterlab.NeverCheckForUpdate"

# Never fetch the JupyterLab news feed; the page is also told news are disabled.
c.LabApp.news_url = None

# Read-only extension manager: lists what is installed, never queries PyPI, never installs.
c.LabApp.extension_manager = "readonly"

# No search for language servers: it runs `npm prefix -g` where npm is installed, which writes a
# log naming the course's folder into ~/.npm; the course needs no language server.
c.LanguageServerManager.autodetect = False

# Deleting a file in JupyterLab deletes it, instead of moving it to the desktop's trash, where a
# saved plan or statement could be recovered from a seized laptop.
c.FileContentsManager.delete_to_trash = False

# Kernels talk to the server over local IPC (Unix domain) sockets in Jupyter's runtime folder,
# not over TCP ports, where the platform has them. (ipykernel still binds one port on 127.0.0.1
# per kernel, for output of processes the kernel forks; it has no setting to avoid it.)
import os  # noqa: E402

if os.name == "posix":
    c.KernelManager.transport = "ipc"


# Notebooks under notebooks/ (the course's own, relative to the folder the server serves) are
# saved WITHOUT outputs, execution counts or widget state, and so are their checkpoints:
# - `hrdtrain erase` erases the answers, but a saved `my_progress()` output would keep them in
#   notebooks/07_final_remarks.ipynb and its checkpoint on disk;
# - saved widget outputs show "Error displaying widget: model not found" when a learner reopens.
# exercises/, solutions/ and submitted/ keep their outputs: nbgrader grades charts from them.
COURSE_NOTEBOOKS = "notebooks/"


def strip_outputs(notebook):
    """Clears a notebook's (JSON dict's) outputs, execution counts and widget state, in place;
    True if there was any."""
    had_any = notebook.get("metadata", {}).pop("widgets", None) is not None
    for cell in notebook.get("cells", []):
        if cell.get("cell_type") == "code":
            had_any = had_any or bool(cell.get("outputs")) or cell.get("execution_count") is not None
            cell["outputs"], cell["execution_count"] = [], None
    return had_any


def is_course_notebook(model, path):
    return model.get("type") == "notebook" and path.strip("/").startswith(COURSE_NOTEBOOKS)


def save_course_notebooks_without_outputs(model, path, contents_manager, **kwargs):
    """pre_save_hook: the notebook is cleaned before it is written (the checkpoint made with a save
    is a copy of that file, so it is clean too)."""
    if is_course_notebook(model, path) and isinstance(model.get("content"), dict):
        strip_outputs(model["content"])


def strip_outputs_from_checkpoint(model, os_path, contents_manager, **kwargs):
    """post_save_hook: a checkpoint made before this hook existed (or before an erase) may still hold
    outputs; clean it on the next save, keeping its text and its time (what "Revert" shows)."""
    if not is_course_notebook(model, model.get("path", "")):
        return
    import json
    import tempfile

    checkpoint = contents_manager.checkpoints.checkpoint_path("checkpoint", model["path"])  # the only id FileCheckpoints uses
    if not os.path.isfile(checkpoint):
        return
    with open(checkpoint, encoding="utf-8") as file:
        notebook = json.load(file)
    if not strip_outputs(notebook):
        return
    times = os.stat(checkpoint)
    fd, temporary = tempfile.mkstemp(dir=os.path.dirname(checkpoint), suffix=".ipynb")
    with open(fd, "w", encoding="utf-8") as file:
        json.dump(notebook, file, indent=1, ensure_ascii=False)
        file.write("\n")
    os.chmod(temporary, times.st_mode & 0o777)
    os.utime(temporary, ns=(times.st_atime_ns, times.st_mtime_ns))
    os.replace(temporary, checkpoint)  # whole or not at all


c.FileContentsManager.pre_save_hook = save_course_notebooks_without_outputs
c.FileContentsManager.post_save_hook = strip_outputs_from_checkpoint

# The server applies this file's settings more than once, and the hooks' setter then warns that
# each hook "overrides" itself; silence exactly that warning, not others.
import warnings  # noqa: E402

warnings.filterwarnings("ignore", r"Overriding existing (pre|post)_save_hook \((save_course_notebooks_without_outputs|strip_outputs_from_checkpoint)\)")
