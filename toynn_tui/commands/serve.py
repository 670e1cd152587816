"""`toynn serve`: the live training app in a web browser (textual-serve), for a projector.

Each browser tab that opens the page gets its own `toynn-tui` process (textual-serve
starts the installed app, `python -m toynn_tui.app`, under its web driver). The server
is textual-serve's, with three changes (made in `_web`, imported only to serve):
- one plain line at start instead of its banner (and no line per request), one when it stops;
- Ctrl-C or `kill` (SIGINT, SIGTERM) stops it at once and cleanly: every open page is
  closed, its app asked to quit, and any app still running after a grace period
  killed, so no app process outlives the server (exit code 0);
- a port already in use is a one-line error (exit code 1), found before anything starts.
"""
from __future__ import annotations

import errno
import shlex
import socket
import sys

import click

from toynn_tui.commands.options import BACKEND
from toynn_tui.engine import SPECS
from toynn_tui.i18n import _

# Seconds an app has to quit by itself once its page is closed, before it is killed.
QUIT_GRACE = 3.0


def app_command(net: str, seed: int, speed: str, backend: str = "numpy") -> str:
    """The shell command textual-serve runs for each page: the installed app, this Python.

    `exec`, so the shell becomes the app: the process textual-serve holds is the app itself.
    """
    args = [sys.executable, "-m", "toynn_tui.app", "--net", net, "--seed", str(seed), "--speed", speed]
    if backend != "numpy":
        args += ["--backend", backend]
    return "exec " + shlex.join(args)


def port_problem(host: str, port: int) -> str | None:
    """Why the server could not listen on host:port (one line), or None if it can.

    Binds every address `host` resolves to, as the server will (with SO_REUSEADDR, as aiohttp
    does on POSIX, so a port left in TIME_WAIT by a server just stopped is not "in use").
    """
    try:
        infos = socket.getaddrinfo(host or None, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror as exc:
        return _("cannot resolve host {host}: {reason}").format(host=repr(host), reason=exc.strerror)
    unavailable = None
    bound = 0
    for family, type_, proto, _canonname, addr in dict.fromkeys(infos):
        try:
            with socket.socket(family, type_, proto) as s:
                if hasattr(socket, "SO_REUSEADDR") and sys.platform != "win32":
                    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
                if family == socket.AF_INET6 and hasattr(socket, "IPV6_V6ONLY"):
                    s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
                s.bind(addr)
                bound += 1
        except OSError as exc:
            if exc.errno == errno.EADDRNOTAVAIL:   # e.g. ::1 where IPv6 is off: asyncio skips it too
                unavailable = exc
                continue
            return _bind_error(host, port, exc)
    if not bound and unavailable is not None:
        return _bind_error(host, port, unavailable)
    return None


def _bind_error(host: str, port: int, exc: OSError) -> str:
    if exc.errno == errno.EADDRINUSE:
        return _("port {port} is already in use on {host}: stop what uses it, or pick another with --port").format(
            port=port, host=host)
    if exc.errno == errno.EACCES:
        return _("no permission to listen on port {port} (ports below 1024 need root): pick another with --port").format(
            port=port)
    if exc.errno == errno.EADDRNOTAVAIL:
        return _("cannot listen on {host}: not an address of this machine").format(host=host)
    return _("cannot listen on {host}:{port}: {reason}").format(host=host, port=port, reason=exc.strerror or exc)


def _make_server(command: str, host: str, port: int, public_url: str | None):
    """textual-serve's Server with our start/stop lines and a clean, complete shutdown (`_web`)."""
    from toynn_tui.commands._web import ToynnServer   # aiohttp and textual-serve: only to serve
    return ToynnServer(command, host, port, public_url)


# click's help is built at import: the entry point (toynn_tui.entry) has fixed the language by then.
@click.command(short_help=_("Serve the training app to a web browser (Ctrl-C stops)."),
               help=_("Serve the live training app to a web browser, for projecting in class.\n\n"
                      "Open the address it prints in a browser: each page runs its own toynn-tui, with the "
                      "same keys (space pauses, ? helps). Ctrl-C stops the server and every app it started."))
@click.option("--host", default="localhost", show_default=True,
              help=_("Address to listen on; 0.0.0.0 for every network of this machine."))
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True,
              help=_("Port to listen on."))
@click.option("--public-url", default=None,
              help=_("The address browsers reach the server by, when not http://HOST:PORT "
                     "(e.g. http://192.0.2.10:8000 with --host 0.0.0.0)."))
@click.option("--net", "net", type=click.Choice(["2", "3", *SPECS]), default="3", show_default=True,
              help=_("The net each page starts with, as for toynn-tui."))
@click.option("--seed", type=int, default=1, show_default=True, help=_("Seed that picks the starting weights."))
@click.option("--speed", type=click.Choice(["1", "10", "100", "1000", "max"]), default="100",
              show_default=True, help=_("Iterations per frame, as for toynn-tui."))
@BACKEND
def serve(host: str, port: int, public_url: str | None, net: str, seed: int, speed: str, backend: str) -> None:
    problem = port_problem(host, port)
    if problem:
        raise click.ClickException(problem)
    try:
        server = _make_server(app_command(net, seed, speed, backend), host, port, public_url)
        server.serve()
    except OSError as exc:           # the port was taken between the check and the start
        raise click.ClickException(_bind_error(host, port, exc))
    except KeyboardInterrupt:        # Ctrl-C before the server's own handler was in place
        click.echo(_("toynn: server stopped."), err=True)
        sys.exit(130)
    click.echo(_("toynn: server stopped."), err=True)


def register(group: click.Group) -> None:
    group.add_command(serve)
