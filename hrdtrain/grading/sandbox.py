"""Where a submission's code runs when it is graded: away from the course, with limits.

nbgrader starts each submission's kernel as the trainer, in the course folder: a hostile
notebook can read solutions/ (the hidden tests), other learners' work and gradebook.db, write
anywhere the trainer can, and leave processes behind (NBGRADER-NOTES). So every grading kernel
is started by `SandboxedKernelManager`:

- in a fresh temporary folder holding a copy of that one submission (regular files only, no
  symlinks), with a clean environment (no trainer variables, no $HOME);
- inside bubblewrap where it works (Linux, Debian package `bubblewrap`): only /usr, /etc, the
  Python installation, the virtualenv and the hrdtrain package are visible, all read-only, plus
  the temporary folder; no network, own pid namespace (everything dies with the kernel); as
  root, the kernel also drops to the unprivileged uid 65534;
- with limits on memory, file size and (for the dropped uid) processes.

Without bubblewrap only the temporary folder, the clean environment and the limits remain, and
`isolation()` says so: the trainer is told loudly, at the start of `hrdtrain grade`.

The kernel talks to nbclient over IPC sockets in the temporary folder: a sandbox without a
network has no loopback shared with the grader, and no TCP port is opened at all.
"""

from __future__ import annotations

import functools
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path

from jupyter_client.manager import AsyncKernelManager

MEMORY_LIMIT = 2 * 1024**3
"""Address space of a grading kernel (RLIMIT_AS): enough for pandas and matplotlib."""
FILE_SIZE_LIMIT = 100 * 1024**2
"""Largest file a grading kernel may write (RLIMIT_FSIZE)."""
PROCESS_LIMIT = 256
"""Processes and threads of the sandbox's uid (RLIMIT_NPROC), set when the kernel runs as SANDBOX_UID."""
SANDBOX_UID = 65534
"""`nobody`: the uid a grading kernel runs as when grading runs as root."""
SWITCH = "HRDTRAIN_GRADING_SANDBOX"
"""Set to `off` to grade without bubblewrap (the temporary folder and limits remain)."""
TOKEN = "HRDTRAIN_GRADING_KERNEL"
"""Environment variable that marks every process started by one grading kernel."""

# Runs before bubblewrap (to die with the grader) and inside it (limits, uid, own session), or
# alone without a sandbox. Pure Python, so it works wherever Python does.
# argv: LIMITS UID FLAGS CMD...; FLAGS: d = die when the parent dies (set again after a uid change,
# which clears it), s = new session (the kernel's interrupts then reach it and its children only).
_LAUNCHER = (
    "import os,resource,sys\n"
    "a=sys.argv\n"
    "def die_with_parent():\n"
    "    try:\n"
    "        import ctypes;ctypes.CDLL(None).prctl(1,9)\n"
    "    except Exception:\n"
    "        pass\n"
    "for item in filter(None,a[1].split(',')):\n"
    "    name,value=item.split('=')\n"
    "    resource.setrlimit(getattr(resource,name),(int(value),int(value)))\n"
    "uid=int(a[2])\n"
    "if uid>=0:\n"
    "    os.setgroups([]);os.setresgid(uid,uid,uid);os.setresuid(uid,uid,uid)\n"
    "if 'd' in a[3]:\n"
    "    die_with_parent()\n"
    "if 's' in a[3]:\n"
    "    os.setsid()\n"
    "os.execv(a[4],a[4:])\n"
)


@dataclass(frozen=True)
class Isolation:
    """What protects the course from the code of a submission, in one sentence for the trainer."""

    sandbox: bool
    uid: int | None
    message: str


def _as_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


def _visible_paths() -> list[str]:
    """What a grading kernel may read: the system, Python, the virtualenv and the hrdtrain package."""
    import hrdtrain

    paths = ["/usr", "/etc", sys.prefix, sys.base_prefix, os.path.dirname(os.path.realpath(sys.executable)), str(Path(hrdtrain.__file__).parent)]
    real = sorted({os.path.realpath(p) for p in paths if os.path.exists(p)} | {os.path.abspath(p) for p in paths if os.path.exists(p)}, key=len)
    kept: list[str] = []
    for path in real:
        if not any(path == k or path.startswith(k.rstrip("/") + "/") for k in kept):
            kept.append(path)
    return kept


def _bwrap_args(box: Path, drop_uid: bool) -> list[str]:
    args = [shutil.which("bwrap") or "bwrap", "--setenv", "JPY_PARENT_PID", "1",  # the parent is outside: no parent poller, no console notice
             "--unshare-ipc", "--unshare-pid", "--unshare-net", "--unshare-uts", "--unshare-cgroup-try", "--die-with-parent"]
    if not drop_uid:
        args.append("--unshare-user")  # an unprivileged user: the sandbox needs a user namespace
    args += ["--tmpfs", "/tmp"]
    made: set[str] = {"/tmp"}
    for top in ("/bin", "/lib", "/lib64", "/sbin", "/lib32", "/libx32"):
        if os.path.islink(top):
            args += ["--symlink", os.readlink(top), top]
        elif os.path.isdir(top):
            args += ["--ro-bind", top, top]
        made.add(top)
    for path in [*_visible_paths(), str(box)]:
        # Parents made by bwrap itself are mode 0700, which the unprivileged uid cannot enter.
        parents = list(reversed(Path(path).parents))[1:]
        for parent in map(str, parents):
            if parent not in made:
                args += ["--perms", "0755", "--dir", parent]
                made.add(parent)
        args += ["--bind" if path == str(box) else "--ro-bind", path, path]
        made.add(path)
    args += ["--dev", "/dev", "--proc", "/proc"]
    if drop_uid:
        args += ["--cap-add", "CAP_SETUID", "--cap-add", "CAP_SETGID"]
    return args


def _limits(drop_uid: bool) -> str:
    limits = {"RLIMIT_AS": MEMORY_LIMIT, "RLIMIT_FSIZE": FILE_SIZE_LIMIT}
    if drop_uid:  # counted per uid: only safe for the uid that nothing else uses
        limits["RLIMIT_NPROC"] = PROCESS_LIMIT
    if sys.platform == "darwin":
        limits.pop("RLIMIT_AS")  # not enforced by macOS, and setting it can fail
    return ",".join(f"{k}={v}" for k, v in limits.items())


def _launcher(limits: str, uid: int, flags: str) -> list[str]:
    return [sys.executable, "-I", "-S", "-c", _LAUNCHER, limits, str(uid), flags or "-"]


def kernel_command(cmd: list[str], box: Path, sandbox: bool, drop_uid: bool) -> list[str]:
    """`cmd` (the kernel's argv) wrapped in the sandbox (if any) and the limits launcher."""
    if cmd and not os.path.isabs(cmd[0]):
        cmd = [shutil.which(cmd[0]) or cmd[0], *cmd[1:]]
    if os.name == "nt":  # no rlimits, and os.execv would start a new process that jupyter cannot follow
        return cmd
    inner = _launcher(_limits(drop_uid), SANDBOX_UID if drop_uid else -1, "ds" if sandbox else "d")
    if not sandbox:
        return [*inner, *cmd]
    return [*_launcher("", -1, "d"), *_bwrap_args(box, drop_uid), "--chdir", str(box / "work"), "--", *inner, *cmd]


@functools.cache
def isolation() -> Isolation:
    """Tries the sandbox once (a real kernel-like start) and says what grading will have."""
    if os.environ.get(SWITCH, "").lower() == "off":
        reason = f"{SWITCH}=off"
    elif not sys.platform.startswith("linux"):
        reason = "bubblewrap exists only on Linux"
    elif not shutil.which("bwrap"):
        reason = "bubblewrap (bwrap) is not installed: `sudo apt-get install bubblewrap`"
    else:
        drop = _as_root()
        box = Path(tempfile.mkdtemp(prefix="hrdtrain-probe-"))
        try:
            _prepare_box(box, drop)
            probe = kernel_command([sys.executable, "-I", "-S", "-c", "import os; print(os.getuid())"], box, sandbox=True, drop_uid=drop)
            proc = subprocess.run(probe, capture_output=True, text=True, timeout=60, env=clean_env(box), cwd=box / "work")
            if proc.returncode == 0:
                uid = int(proc.stdout.strip() or -1)
                who = f"uid {uid}" if drop else "your uid in a user namespace"
                return Isolation(True, uid if drop else None, f"Isolation: bubblewrap sandbox (no network, no course files, temporary folder per submission), {who}; limits: memory {MEMORY_LIMIT // 1024**3} GB, files {FILE_SIZE_LIMIT // 1024**2} MB.")
            reason = f"bubblewrap did not start ({(proc.stderr.strip().splitlines() or ['no message'])[-1]})"
        except (OSError, subprocess.SubprocessError, ValueError) as exc:
            reason = f"bubblewrap did not start ({exc})"
        finally:
            shutil.rmtree(box, ignore_errors=True)
    return Isolation(
        False,
        None,
        f"WARNING: no sandbox available ({reason}): student code runs with your rights and can read your files; "
        "only a temporary folder per submission and memory/file limits separate it. Install bubblewrap.",
    )


def _prepare_box(box: Path, drop_uid: bool) -> None:
    for sub in ("work", "home", "tmp"):
        (box / sub).mkdir(exist_ok=True)
    if drop_uid:
        for path in (box, box / "work", box / "home", box / "tmp"):
            os.chown(path, SANDBOX_UID, SANDBOX_UID)
    os.chmod(box, 0o700)


def clean_env(box: Path, token: str = "", extra: dict[str, str] | None = None) -> dict[str, str]:
    """The whole environment of a grading kernel: nothing of the trainer's (tokens, paths, $HOME)."""
    env = {
        "PATH": os.pathsep.join([str(Path(sys.executable).parent), "/usr/local/bin", "/usr/bin", "/bin"]),
        "HOME": str(box / "home"),
        "TMPDIR": str(box / "tmp"),
        "LANG": "C.UTF-8",
        "MPLCONFIGDIR": str(box / "home" / "matplotlib"),
        "IPYTHONDIR": str(box / "home" / "ipython"),
        "JUPYTER_RUNTIME_DIR": str(box / "home" / "runtime"),
        "OPENBLAS_NUM_THREADS": "1",
        "OMP_NUM_THREADS": "1",
        "PYTHONDONTWRITEBYTECODE": "1",
        TOKEN: token,
    }
    for key, value in (extra or {}).items():
        if key in ("NBGRADER_EXECUTION", "JPY_SESSION_NAME"):  # not JPY_PARENT_PID: in the pid namespace the parent is pid 1
            env[key] = value
    return env


def _copy_submission(source: Path, target: Path, uid: int | None) -> None:
    """Copies the regular files of the submission's folder (never a symlink: it could point anywhere)."""
    for folder, dirs, files in os.walk(source, followlinks=False):
        rel = Path(folder).relative_to(source)
        dirs[:] = [d for d in dirs if not os.path.islink(os.path.join(folder, d))]
        (target / rel).mkdir(parents=True, exist_ok=True)
        if uid is not None:
            os.chown(target / rel, uid, uid)
        for name in files:
            path = Path(folder) / name
            if path.is_symlink() or not path.is_file():
                continue
            shutil.copyfile(path, target / rel / name)
            if uid is not None:
                os.chown(target / rel / name, uid, uid)


def marked_processes(token: str) -> list[int]:
    """Processes whose environment carries this kernel's token (Linux /proc)."""
    marker = f"{TOKEN}={token}".encode()
    proc = Path("/proc")
    if not token or not proc.is_dir():
        return []
    found = []
    for entry in proc.iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            if marker in (entry / "environ").read_bytes().split(b"\0"):
                found.append(int(entry.name))
        except OSError:
            continue
    return found


def _parent(pid: int) -> int:
    stat = Path(f"/proc/{pid}/stat").read_text()
    return int(stat.rsplit(")", 1)[1].split()[1])


def kill_marked(token: str) -> int:
    """Kills every process that carries this kernel's token; returns how many.

    Inside the sandbox the pid namespace already ends them all; without it this catches children
    that left the kernel's process group (e.g. `start_new_session=True`) unless they cleared
    their environment.
    """
    killed = 0
    for pid in marked_processes(token):
        try:
            os.kill(pid, signal.SIGKILL)
            killed += 1
        except OSError:
            continue
    return killed


class SandboxedKernelManager(AsyncKernelManager):
    """A kernel manager for grading: the kernel runs in a temporary copy of the submission's
    folder, sandboxed where `isolation()` found a sandbox, over IPC sockets in that folder."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._isolation = isolation()
        self._drop_uid = self._isolation.sandbox and _as_root()
        self._token = uuid.uuid4().hex
        self._box = Path(tempfile.mkdtemp(prefix="hrdtrain-kernel-"))
        _prepare_box(self._box, self._drop_uid)
        if os.name != "nt":  # IPC sockets: no TCP port, and the only way into a sandbox without network
            self.cache_ports = False
            self.transport = "ipc"
            self.ip = str(self._box / "ipc")
        self.connection_file = str(self._box / "kernel.json")

    async def _async_pre_start_kernel(self, **kw):
        uid = SANDBOX_UID if self._drop_uid else None
        source = kw.get("cwd")
        if source and Path(source).is_dir():
            _copy_submission(Path(source), self._box / "work", uid)
        kw["cwd"] = str(self._box / "work")
        kw["env"] = clean_env(self._box, self._token, kw.get("env") or dict(os.environ))
        return await super()._async_pre_start_kernel(**kw)

    def write_connection_file(self, **kwargs) -> None:
        super().write_connection_file(**kwargs)
        if self._drop_uid:  # the kernel, as uid 65534, must read it (jupyter writes it 0600)
            os.chown(self.connection_file, SANDBOX_UID, SANDBOX_UID)

    def format_kernel_cmd(self, extra_arguments=None) -> list[str]:
        return kernel_command(super().format_kernel_cmd(extra_arguments), self._box, self._isolation.sandbox, self._drop_uid)

    async def _async_interrupt_kernel(self) -> None:
        """In the sandbox jupyter_client's SIGINT would reach bubblewrap, which dies of it: send
        it to the kernel's own process group instead (bubblewrap -> its init -> the kernel)."""
        if not self._isolation.sandbox:
            return await super()._async_interrupt_kernel()
        process = getattr(self.provisioner, "process", None)
        if process is None:
            return
        for pid in marked_processes(self._token):
            try:
                if _parent(_parent(pid)) == process.pid and os.getsid(pid) == pid:
                    os.killpg(pid, signal.SIGINT)
            except OSError:
                continue

    interrupt_kernel = _async_interrupt_kernel  # AsyncKernelManager binds the base method by name

    async def _async_cleanup_resources(self, restart: bool = False) -> None:
        await super()._async_cleanup_resources(restart=restart)
        if not restart:
            kill_marked(self._token)
            shutil.rmtree(self._box, ignore_errors=True)
