"""The web server of `toynn serve`: textual-serve's, with the changes `commands.serve` describes.

Its own module so that aiohttp and textual-serve are imported only when a
server is made (`serve._make_server`), never for the other commands.
"""
from __future__ import annotations

import asyncio
import logging
import signal

import click
from aiohttp import WSCloseCode, web
from aiohttp.web_runner import GracefulExit
from textual_serve.app_service import AppService
from textual_serve.server import Server, log, to_int

from toynn_tui.commands.serve import QUIT_GRACE
from toynn_tui.i18n import _


class RecordingAppService(AppService):
    """Records each app process it starts, so the server can make sure it ends."""

    def __init__(self, *args, processes: set, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._processes = processes

    async def _open_app_process(self, width: int = 80, height: int = 24):
        process = await super()._open_app_process(width, height)
        for done in [p for p in self._processes if p.returncode is not None]:
            self._processes.discard(done)   # a long class: forget the pages closed since
        self._processes.add(process)
        return process


class ToynnServer(Server):
    """textual-serve's Server with our start/stop lines and a clean, complete shutdown."""

    def __init__(self, command: str, host: str, port: int, public_url: str | None) -> None:
        super().__init__(command, host=host, port=port, title="toynn", public_url=public_url)
        self.sockets: set[web.WebSocketResponse] = set()
        self.processes: set[asyncio.subprocess.Process] = set()
        self.stopping = False

    def initialize_logging(self) -> None:
        super().initialize_logging()
        # No line per request: the terminal stays quiet while a class watches.
        logging.getLogger("aiohttp.access").setLevel(logging.WARNING)

    def request_exit(self) -> None:
        if self.stopping:      # a second Ctrl-C while stopping: the stop is under way
            return
        self.stopping = True
        raise GracefulExit()

    def serve(self, debug: bool = False) -> None:
        # textual-serve's, but the start line is printed once the port is really listened on
        # (aiohttp's `print`, called after the sites start), and shutdown is time-bound.
        self.debug = debug
        self.initialize_logging()
        loop = asyncio.new_event_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, self.request_exit)
        web.run_app(self._make_app(), host=self.host, port=self.port, handle_signals=False,
                    loop=loop, shutdown_timeout=QUIT_GRACE + 2, print=lambda *_: self.say_serving())

    def say_serving(self) -> None:
        click.echo(_("toynn: serving the training app on {url} (open it in a browser; Ctrl-C stops)").format(
            url=self.public_url), err=True)

    async def on_startup(self, app: web.Application) -> None:
        pass   # not textual-serve's banner: see say_serving

    async def on_shutdown(self, app: web.Application) -> None:
        # Close every page: its handler then asks its app to quit (textual-serve's own stop).
        for ws in list(self.sockets):
            await ws.close(code=WSCloseCode.GOING_AWAY, message=b"server stopped")
        # Then wait a little for the apps, and kill those that did not quit.
        waits = [p.wait() for p in self.processes if p.returncode is None]
        if waits:
            await asyncio.wait([asyncio.ensure_future(w) for w in waits], timeout=QUIT_GRACE)
        for p in self.processes:
            if p.returncode is None:
                try:
                    p.kill()
                except ProcessLookupError:
                    pass
                await p.wait()

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        # textual-serve's, with the socket and the app process recorded for on_shutdown.
        websocket = web.WebSocketResponse(heartbeat=15)
        width = to_int(request.query.get("width", "80"), 80)
        height = to_int(request.query.get("height", "24"), 24)
        app_service = None
        try:
            await websocket.prepare(request)
            self.sockets.add(websocket)
            if self.stopping:
                await websocket.close(code=WSCloseCode.GOING_AWAY)
                return websocket
            app_service = RecordingAppService(
                self.command, write_bytes=websocket.send_bytes, write_str=websocket.send_str,
                close=websocket.close, download_manager=self.download_manager, debug=self.debug,
                processes=self.processes)
            await app_service.start(width, height)
            try:
                await self._process_messages(websocket, app_service)
            finally:
                await app_service.stop()
        except asyncio.CancelledError:
            await websocket.close()
        except Exception as error:
            log.exception(error)
        finally:
            self.sockets.discard(websocket)
            if app_service is not None:
                await app_service.stop()
        return websocket
