"""Loaded by every Python process the test suite starts (tests/conftest.py puts this folder on
PYTHONPATH): any connection or name lookup beyond this computer fails. The course must work with
no network at all; a test that needed one would fail here instead of passing by luck."""

import ipaddress
import socket

_connect = socket.socket.connect
_connect_ex = socket.socket.connect_ex
_getaddrinfo = socket.getaddrinfo


def _local(host) -> bool:
    if host is None or host in ("localhost", "") or (isinstance(host, str) and host.startswith("/")):
        return True
    try:
        return ipaddress.ip_address(str(host).split("%")[0]).is_loopback or str(host) in ("0.0.0.0", "::")
    except ValueError:
        return False


def _guard(sock, address):
    if sock.family == getattr(socket, "AF_UNIX", None) or _local(address[0] if isinstance(address, tuple) else address):
        return
    raise OSError(101, f"network access is blocked in hrdtrain's tests: {address!r}")


def connect(self, address):
    _guard(self, address)
    return _connect(self, address)


def connect_ex(self, address):
    _guard(self, address)
    return _connect_ex(self, address)


def getaddrinfo(host, *args, **kwargs):
    if not _local(host):
        raise socket.gaierror(socket.EAI_NONAME, f"name lookup is blocked in hrdtrain's tests: {host!r}")
    return _getaddrinfo(host, *args, **kwargs)


socket.socket.connect = connect
socket.socket.connect_ex = connect_ex
socket.getaddrinfo = getaddrinfo
