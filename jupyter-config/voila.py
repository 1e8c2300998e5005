# Voilà settings for `make quiz` (Voilà reads this file, not jupyter_server_config.py, from
# JUPYTER_CONFIG_DIR). The same privacy rules as JupyterLab: this computer only, kernels over
# local IPC sockets, no code shown, no tracebacks shown to learners.
import os

c = get_config()  # noqa: F821 (provided by Voilà when it loads this file)

c.Voila.ip = "127.0.0.1"
c.VoilaConfiguration.strip_sources = True
c.VoilaConfiguration.show_tracebacks = False

if os.name == "posix":
    c.KernelManager.transport = "ipc"

# Voilà's own "lab" template loads Font Awesome from a CDN; "offline" (jupyter-config/data/voila/
# templates/offline, found through JUPYTER_PATH) is the same template without those requests.
c.VoilaConfiguration.template = "offline"
