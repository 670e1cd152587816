"""`toynn serve` without a browser: stopping it (signals) and a port in use.

Pages here are plain websocket clients speaking textual-serve's protocol (what the page's
JavaScript does), so these run wherever toynn does; tests/serve/test_serve.py uses a real
browser.
"""
from __future__ import annotations

import asyncio
import signal
import socket
import subprocess
import sys
import time

import aiohttp
import pytest

from tests.serve.conftest import free_port, toynn_command


async def _open_page(session: aiohttp.ClientSession, port: int):
    """Open the app's websocket as the page does; return it once the app has drawn its status bar."""
    ws = await session.ws_connect(f"http://localhost:{port}/ws?width=100&height=30")
    seen = b""
    async with asyncio.timeout(15):
        while b"iteration" not in seen:
            msg = await ws.receive()
            assert msg.type == aiohttp.WSMsgType.BINARY, msg
            seen += msg.data
    return ws


async def _until_closed(ws) -> None:
    async with asyncio.timeout(5):
        while (await ws.receive()).type not in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED,
                                                aiohttp.WSMsgType.CLOSING, aiohttp.WSMsgType.ERROR):
            pass


@pytest.mark.parametrize("how", ["SIGINT", "Ctrl-C in its terminal", "SIGTERM"])
def test_a_signal_stops_the_server_and_every_app(serve, how):
    """Pages open (two for SIGINT: two apps running); the signal ends the server at once, exit
    code 0 with one line, every page closed and every app gone. "Ctrl-C in its terminal" sends SIGINT to
    the whole process group, as a terminal does: the apps get it too."""
    served = serve("--speed", "10")
    served.wait_listening()

    async def run() -> float:
        async with aiohttp.ClientSession() as session:
            n = 2 if how == "SIGINT" else 1
            pages = await asyncio.gather(*(_open_page(session, served.port) for _ in range(n)))
            assert len(served.wait_apps(n)) == n
            sig = signal.SIGTERM if how == "SIGTERM" else signal.SIGINT
            took = await asyncio.to_thread(served.stop_with, sig, group=how.startswith("Ctrl-C"))
            for ws in pages:
                await _until_closed(ws)
            return took

    took = asyncio.run(run())
    served.assert_clean_stop()
    assert took < 5, f"stopping took {took:.1f} s"


def test_a_signal_with_no_page_open(serve):
    served = serve()
    served.wait_listening()
    assert served.stop_with(signal.SIGINT) < 3
    served.assert_clean_stop()


def test_port_in_use_is_one_clean_line():
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        t = time.monotonic()
        done = subprocess.run([*toynn_command(), "serve", "--port", str(port)], capture_output=True,
                              text=True, timeout=30, stdin=subprocess.DEVNULL)
    assert done.returncode == 1, done
    assert done.stdout == "", done
    assert done.stderr.splitlines() == [
        f"Error: port {port} is already in use on localhost: stop what uses it, or pick another with --port"]
    assert time.monotonic() - t < 10


def test_port_taken_after_the_check_is_one_clean_line_too():
    """The port is free when checked and taken when the server binds it (a race): still one
    error line and exit code 1, no traceback."""
    code = ("import socket, sys\n"
            "import toynn_tui.commands.serve as serve\n"
            "from toynn_tui.cli import main\n"
            "busy = socket.socket(); busy.bind(('127.0.0.1', 0)); busy.listen()\n"
            "port = busy.getsockname()[1]\n"
            "serve.port_problem = lambda host, port: None\n"
            "main(['serve', '--host', '127.0.0.1', '--port', str(port)])\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=30,
                          stdin=subprocess.DEVNULL)
    out = done.stdout + done.stderr
    assert done.returncode == 1, out
    assert "Traceback" not in out, out
    [line] = done.stderr.splitlines()   # not even the start line: it comes once the port is held
    assert line.startswith("Error: port ") and "is already in use on 127.0.0.1" in line, out


def test_bad_host_is_one_clean_line():
    done = subprocess.run([*toynn_command(), "serve", "--host", "no-such-host.invalid", "--port",
                           str(free_port())], capture_output=True, text=True, timeout=30,
                          stdin=subprocess.DEVNULL)
    assert done.returncode == 1, done
    assert len(done.stderr.splitlines()) == 1 and done.stderr.startswith("Error: cannot resolve host"), done


def test_the_served_command_is_this_python_running_the_app():
    from toynn_tui.commands.serve import app_command

    cmd = app_command("2", 7, "max")
    assert cmd.startswith("exec ") and sys.executable in cmd
    assert cmd.endswith("-m toynn_tui.app --net 2 --seed 7 --speed max")


def test_serve_passes_the_backend_to_each_page_and_refuses_a_missing_one():
    from toynn_tui.commands.serve import app_command

    assert app_command("3", 1, "100", "array-api-strict").endswith("--speed 100 --backend array-api-strict")
    assert "--backend" not in app_command("3", 1, "100")   # numpy: the page's command as before
    done = subprocess.run([*toynn_command(), "serve", "--backend", "no-such-library", "--port", str(free_port())],
                          capture_output=True, text=True, timeout=30, stdin=subprocess.DEVNULL)
    assert done.returncode == 2 and "--backend" in done.stderr and "Traceback" not in done.stderr, done
