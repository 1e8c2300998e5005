"""The hub's proxy: the pure-Python configurable-http-proxy (PyPI), with room for a whole room,
and TLS.

JupyterHub starts this as its proxy command (ConfigurableHTTPProxy.command), with the usual
configurable-http-proxy options, and this hands them to configurable-http-proxy's own command
line after two changes:

- **How many requests at once, and for how long.** The proxy forwards with tornado's HTTP
  client, whose default is 10 requests at a time; the 11th waits in a queue and is dropped after
  20 s with "503 Service Unavailable". When a room logs in at once, every login is a request the
  hub holds for up to 10 s while it starts that participant's server (JupyterHub's
  slow_spawn_timeout), so 40 logins on 2 cores queued long enough for some to get a 503
  (benchmarks/hub.py, docs/workshop-server.md). The same client gives up on any request after
  20 s (also a 503): a formgrader autograde, a big upload, or a login on a busy machine can take
  longer. Node's configurable-http-proxy has neither limit.
- **TLS.** configurable-http-proxy 0.4.0 (Python) refuses `--ssl-key`/`--ssl-cert` ("not
  supported yet") although its server, tornado's HTTPServer, serves TLS. Here they are taken
  off its command line and given to the server of the public port only (the proxy's API stays
  on 127.0.0.1, without TLS, as JupyterHub expects), as a TLS 1.2+ context.
"""

from __future__ import annotations

import ssl
import sys

MAX_CLIENTS = 400  # requests forwarded at once; each uses two sockets of the proxy's 1024
CONNECT_TIMEOUT = 30.0  # seconds to reach a participant's server or the hub (also: longest wait in the queue)
REQUEST_TIMEOUT = 600.0  # seconds for an answer


def configure() -> None:
    from tornado.httpclient import AsyncHTTPClient

    AsyncHTTPClient.configure(
        None, max_clients=MAX_CLIENTS, defaults={"connect_timeout": CONNECT_TIMEOUT, "request_timeout": REQUEST_TIMEOUT}
    )


def take_tls_options(argv: list[str]) -> tuple[list[str], str | None, str | None]:
    """`argv` without --ssl-cert/--ssl-key (in either form, `--opt value` or `--opt=value`), and their values."""
    rest, found = [], {"--ssl-cert": None, "--ssl-key": None}
    items = iter(argv)
    for item in items:
        name, equals, value = item.partition("=")
        if name in found:
            found[name] = value if equals else next(items, None)
        else:
            rest.append(item)
    return rest, found["--ssl-cert"], found["--ssl-key"]


def tls_context(cert: str, key: str) -> ssl.SSLContext:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    context.load_cert_chain(cert, key)
    return context


def serve_public_port_with_tls(context: ssl.SSLContext) -> None:
    """Makes configurable-http-proxy's command line give `context` to its public server only."""
    from configurable_http_proxy import cli

    made = []

    class Proxy(cli.PythonProxy):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            made.append(self)

    server_class = cli.HTTPServer

    def server(app, *args, **kwargs):
        if made and app is made[-1].proxy_app:
            kwargs["ssl_options"] = context
        return server_class(app, *args, **kwargs)

    cli.PythonProxy = Proxy
    cli.HTTPServer = server
    tell_the_hub_it_is_https()


def tell_the_hub_it_is_https() -> None:
    """configurable-http-proxy 0.4.0 (Python) tells the hub and the participants' servers that
    every request came over http (X-Forwarded-Proto, judged from the request's path, which never
    says https): JupyterHub would then set its login cookies without `Secure`. The last value of
    that header, the one this proxy adds, is made to say how the request really came."""
    from configurable_http_proxy.handlers import ProxyHandler

    forwarded_request = ProxyHandler._get_proxy_request

    def _get_proxy_request(self, url):
        request = forwarded_request(self, url)
        if self.proxy.x_forward and self.request.protocol == "https":
            for header, value in (("X-Forwarded-Proto", "https"), ("X-Forwarded-Port", None)):
                values = request.headers.get(header, "").split(",")
                if header == "X-Forwarded-Port":
                    if values[-1] != "433":  # its guess for a Host without a port, meant to be 443
                        continue
                    value = "443"
                request.headers[header] = ",".join([*values[:-1], value])
        return request

    ProxyHandler._get_proxy_request = _get_proxy_request


def main() -> None:
    configure()
    argv, cert, key = take_tls_options(sys.argv[1:])
    if bool(cert) != bool(key):
        sys.exit("hrdtrain.hub.proxy: --ssl-cert and --ssl-key go together")
    if cert:
        serve_public_port_with_tls(tls_context(cert, key))
        print(f"hrdtrain.hub.proxy: the public port serves TLS only (certificate {cert}); its log line below says http", file=sys.stderr, flush=True)
    from configurable_http_proxy.cli import main as proxy

    sys.argv = ["configurable-http-proxy", *argv]
    sys.exit(proxy())


if __name__ == "__main__":
    main()
