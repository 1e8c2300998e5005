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

# Deleting a file in JupyterLab deletes it, instead of moving it to the desktop's trash, where a
# saved plan or statement could be recovered from a seized laptop.
c.FileContentsManager.delete_to_trash = False

# Kernels talk to the server over local IPC (Unix domain) sockets in Jupyter's runtime folder,
# not over TCP ports, where the platform has them: kernel traffic never touches a network port.
import os  # noqa: E402

if os.name == "posix":
    c.KernelManager.transport = "ipc"
