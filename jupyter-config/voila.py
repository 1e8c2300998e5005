# Voilà settings for `make quiz` (Voilà reads this file, not jupyter_server_config.py, from
# JUPYTER_CONFIG_DIR). The same privacy rules as JupyterLab: this computer only, kernels over
# local IPC sockets, no code shown, no tracebacks shown to learners.
import os

c = get_config()  # noqa: F821 (provided by Voilà when it loads this file)

c.Voila.ip = "127.0.0.1"

# A fresh random token each start, printed in full on its own line and given to the browser that
# `make quiz` opens (hrdtrain.quiz_server): a request without it is refused and starts no kernel,
# so a web page open in the same browser cannot use quiz mode (it cannot know the token).
c.Voila.auto_token = True

# Serve only requests addressed to this computer by name or loopback address (Host header):
# with DNS rebinding, a web page reaches 127.0.0.1 under its own host name, and is refused (403).
# Voilà turns this check off by default (allow_remote_access=True); these settings override it.
c.Voila.tornado_settings = {"allow_remote_access": False, "local_hostnames": ["localhost"]}

# The page's kernel websocket passes on only what widgets need (comm_open, comm_msg, comm_close,
# comm_info_request, kernel_info_request, shutdown_request): Voilà's own list, which drops
# execute_request, so a page cannot run code (tests/test_quiz_server.py checks it).
c.VoilaConfiguration.strip_sources = True
c.VoilaConfiguration.show_tracebacks = False


def give_the_page_its_xsrf_cookie(handler, notebook, cwd):
    """Voilà's page asks the server to shut its kernel down when it closes, with a POST that must
    carry the _xsrf cookie; Voilà never sets that cookie, so without this every page closed left
    its kernel running. Reading tornado's xsrf_token sets it."""
    handler.xsrf_token


c.VoilaConfiguration.prelaunch_hook = give_the_page_its_xsrf_cookie

# A kernel no page is connected to (its browser crashed, or closed without saying so) is
# stopped after 10 idle minutes; a page that is open keeps its kernel however long it is read.
c.MappingKernelManager.cull_idle_timeout = 600
c.MappingKernelManager.cull_interval = 60

# The template and theme are ours: a link cannot switch the page to Voilà's "lab" template, which
# fetches Font Awesome from a CDN.
c.VoilaConfiguration.allow_template_override = "NO"

# Voilà serves files next to the notebooks (by default any png/jpg/gif/svg) at /voila/files/
# without asking for the token. The course's notebooks embed no such files, and the folder may
# hold learners' own files: serve none.
c.VoilaConfiguration.file_allowlist = []
c.VoilaConfiguration.allow_theme_override = "NO"

if os.name == "posix":
    c.KernelManager.transport = "ipc"

# Voilà's own "lab" template loads Font Awesome from a CDN; "offline" (jupyter-config/data/voila/
# templates/offline, found through JUPYTER_PATH) is the same template without those requests.
c.VoilaConfiguration.template = "offline"

# The start page lists the learners' notebooks only: the facilitator dashboard stays reachable by
# its address (/voila/render/facilitator_dashboard.ipynb) but is not offered to learners.
from jupyter_server.services.contents.manager import ContentsManager  # noqa: E402

c.FileContentsManager.hide_globs = [*ContentsManager.class_traits()["hide_globs"].default(), "facilitator_dashboard.ipynb"]
