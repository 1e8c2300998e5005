"""`hrdtrain hub start` and `hrdtrain hub stop`: JupyterHub for a hub folder, in the background.

`start` checks what it can before starting (root, the address and port free, the certificate and
key readable and matching), starts JupyterHub with the folder's configuration (umask 077: its
database and logs are owner-only) and waits until it answers, or shows why it stopped. `stop`
stops it; JupyterHub then stops the proxy and every participant's server, and whatever of theirs
is still running after that is ended too.
"""

from __future__ import annotations

import ipaddress
import os
import signal
import socket
import ssl
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from ..errors import ReportedError
from .folder import HubFolder


class HubControlError(ReportedError, RuntimeError):
    pass


def _free_port(ip: str = "127.0.0.1") -> int:
    with socket.socket() as s:
        s.bind((ip, 0))
        return s.getsockname()[1]


def check_port(ip: str, port: int) -> None:
    family = socket.AF_INET6 if ":" in ip else socket.AF_INET
    with socket.socket(family) as s:
        try:
            s.bind((ip, port))
        except PermissionError:
            raise HubControlError(f"port {port} on {ip}: not allowed (ports below 1024 need root)") from None
        except OSError as exc:
            if exc.errno == 98:  # EADDRINUSE
                raise HubControlError(f"port {port} on {ip} is already in use (a hub already running, or another program): choose another with --port, or stop it") from None
            raise HubControlError(f"cannot listen on {ip} port {port}: {exc.strerror} (is {ip} an address of this machine?)") from None


def check_certificate(cert: str | None, key: str | None) -> None:
    if bool(cert) != bool(key):
        raise HubControlError("--cert and --key go together: give the certificate file and its private key file")
    if not cert:
        return
    for what, path in (("certificate", cert), ("key", key)):
        if not os.path.isfile(path):
            raise HubControlError(f"{what} file {path}: no such file")
        if not os.access(path, os.R_OK):
            raise HubControlError(f"{what} file {path}: cannot be read (check its permissions)")
    try:
        ssl.create_default_context(ssl.Purpose.CLIENT_AUTH).load_cert_chain(cert, key)
    except (ssl.SSLError, ValueError) as exc:
        raise HubControlError(f"{cert} with {key}: not a PEM certificate and its matching private key ({exc})") from None


def plain_http_warning(ip: str) -> str | None:
    """The warning for a hub others reach without TLS, or None on a loopback address."""
    try:
        loopback = ipaddress.ip_address(ip).is_loopback
    except ValueError:
        loopback = ip == "localhost"
    if loopback:
        return None
    return (
        f"WARNING: serving on {ip} over plain HTTP, without TLS. Anyone on this network (the room's Wi-Fi, "
        "its router, a participant's or a stranger's laptop) can read what passes between the participants' "
        "browsers and this hub: their passwords when they log in, their answers and notebooks; and they can "
        "take over a logged-in session. Use it only on a network you control; with a certificate, add "
        "--cert FILE --key FILE (docs/workshop-server.md)."
    )


def running_pid(folder: HubFolder) -> int | None:
    try:
        pid = int(folder.pid_file.read_text().strip())
    except (OSError, ValueError):
        return None
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return None
    return pid


def start_hub(directory: str | Path, ip: str = "127.0.0.1", port: int = 8000, cert: str | None = None, key: str | None = None, wait: float = 60.0, log=print) -> str:
    """Starts the hub in the background; returns its address once it answers."""
    folder = HubFolder(directory)
    folder.read_settings()
    if os.geteuid() != 0:
        raise HubControlError("the hub runs participants' servers as their accounts: start it as root (sudo hrdtrain hub start ...)")
    if running_pid(folder):
        raise HubControlError(f"the hub of {folder.root} is already running (process {running_pid(folder)}): stop it first with hrdtrain hub stop --dir {folder.root}")
    check_certificate(cert, key)
    check_port(ip, port)
    warning = None if cert else plain_http_warning(ip)
    if warning:
        log(warning)
    hub_port, api_port = _free_port(), _free_port()
    command = [
        sys.executable, "-m", "jupyterhub", "-f", str(folder.config),
        f"--ip={ip}", f"--port={port}",
        f"--JupyterHub.hub_port={hub_port}",
        f"--ConfigurableHTTPProxy.api_url=http://127.0.0.1:{api_port}",
    ]
    if cert:
        command += [f"--JupyterHub.ssl_cert={os.path.abspath(cert)}", f"--JupyterHub.ssl_key={os.path.abspath(key)}"]
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("JUPYTER", "HRDTRAIN", "IPYTHON"))}
    environment["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), environment.get("PATH", "/usr/bin:/bin")])
    fd = os.open(folder.log, os.O_CREAT | os.O_APPEND | os.O_WRONLY, 0o600)
    process = subprocess.Popen(
        command, cwd=folder.hub, env=environment, stdin=subprocess.DEVNULL, stdout=fd, stderr=fd,
        start_new_session=True, preexec_fn=lambda: os.umask(0o077),
    )
    os.close(fd)
    scheme = "https" if cert else "http"
    host = f"[{ip}]" if ":" in ip else ip
    url = f"{scheme}://{host}:{port}/"
    check = f"{scheme}://{'127.0.0.1' if ip in ('0.0.0.0', '::') else host}:{port}/hub/health"
    context = ssl._create_unverified_context() if cert else None  # the hub's own certificate, maybe self-signed
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        if process.poll() is not None:
            tail = folder.log.read_text(errors="replace").splitlines()[-15:]
            raise HubControlError("the hub stopped at start; the end of its log (" + str(folder.log) + "):\n" + "\n".join(tail))
        try:
            with urllib.request.urlopen(check, timeout=2, context=context) as reply:
                if reply.status == 200:
                    return url
        except OSError:
            pass
        time.sleep(0.3)
    process.terminate()
    raise HubControlError(f"the hub did not answer within {wait:.0f} s; see its log, {folder.log}")


def _wait_gone(pid: int, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        try:
            os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:
            pass
        time.sleep(0.2)
    return False


def _participant_processes(logins: list[str]) -> list[int]:
    import pwd

    uids = set()
    for login in logins:
        try:
            uids.add(pwd.getpwnam(login).pw_uid)
        except KeyError:
            pass
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if entry.stat().st_uid in uids:
                    found.append(int(entry.name))
            except OSError:
                pass
    return found


def stop_hub(directory: str | Path, log=print) -> bool:
    """Stops the hub, its proxy and every participant's server; True if a hub was running."""
    folder = HubFolder(directory)
    settings = folder.read_settings()
    pid = running_pid(folder)
    if pid:
        os.kill(pid, signal.SIGTERM)  # JupyterHub stops the servers and the proxy it started
        if not _wait_gone(pid, 30):
            os.kill(pid, signal.SIGKILL)
            _wait_gone(pid, 5)
    try:
        proxy = int(folder.proxy_pid_file.read_text().strip())
        os.kill(proxy, signal.SIGTERM)
        _wait_gone(proxy, 5)
    except (OSError, ValueError):
        pass
    # Whatever of the participants' is left (a server JupyterHub lost, a kernel it left behind).
    logins = [p["login"] for p in settings.get("participants", [])]
    for sig in (signal.SIGTERM, signal.SIGKILL):
        left = _participant_processes(logins)
        for p in left:
            try:
                os.kill(p, sig)
            except ProcessLookupError:
                pass
        if left:
            time.sleep(1)
    for path in (folder.pid_file, folder.proxy_pid_file):
        path.unlink(missing_ok=True)
    return pid is not None


def remove_hub(directory: str | Path) -> list[str]:
    """Stops the hub and deletes the accounts (with their homes) and the group it made."""
    from . import accounts

    from .folder import HubFolderError

    folder = HubFolder(directory)
    try:
        stop_hub(directory)
    except HubFolderError:  # an init that stopped half-way: no settings, maybe some accounts
        pass
    return accounts.remove_accounts(accounts.Record(folder.record))
