"""Helpers for `toynn serve`: a real server in a child process, and the app processes it starts.

Every server started here carries a marker in its environment, which textual-serve passes on
to each app process it starts, so a test can list exactly the `toynn_tui.app` processes its
own server started (and see that none outlives it) by reading /proc.
"""
from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import pytest

MARKER = "TOYNN_SERVE_TEST"
STOPPED = "toynn: server stopped."


def need(ok: bool, reason: str) -> None:
    """Skip without `ok`, but fail in CI (CI=true), whose .ci/run installs what these tests need."""
    if ok:
        return
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"CI must have it: {reason}")
    pytest.skip(reason)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def toynn_command() -> list[str]:
    """`toynn` as installed beside this Python, else the same command through `python -m`."""
    script = Path(sys.executable).with_name("toynn")
    return [str(script)] if script.exists() else [sys.executable, "-m", "toynn_tui"]


def app_pids(marker: str) -> list[int]:
    """The live `toynn_tui.app` processes started by the server carrying `marker`."""
    found = []
    for d in Path("/proc").iterdir():
        if not d.name.isdigit():
            continue
        try:
            cmdline = (d / "cmdline").read_bytes()
            environ = (d / "environ").read_bytes().split(b"\0")
        except OSError:   # gone meanwhile, or not ours to read
            continue
        if b"toynn_tui.app" in cmdline and f"{MARKER}={marker}".encode() in environ:
            found.append(int(d.name))
    return found


@dataclass
class Served:
    """A `toynn serve` child process (the leader of its own process group)."""
    proc: subprocess.Popen
    port: int
    marker: str
    log: Path
    started: float = field(default_factory=time.monotonic)

    @property
    def url(self) -> str:
        return f"http://localhost:{self.port}/"

    def wait_listening(self, timeout: float = 10.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                pytest.fail(f"toynn serve exited with {self.proc.returncode}:\n{self.output()}")
            try:
                with socket.create_connection(("localhost", self.port), timeout=0.5):
                    return
            except OSError:
                time.sleep(0.05)
        pytest.fail(f"toynn serve did not listen on port {self.port} within {timeout} s:\n{self.output()}")

    def apps(self) -> list[int]:
        return app_pids(self.marker)

    def wait_apps(self, n: int = 1, timeout: float = 10.0) -> list[int]:
        deadline = time.monotonic() + timeout
        while len(pids := self.apps()) < n and time.monotonic() < deadline:
            time.sleep(0.05)
        assert len(pids) >= n, f"expected {n} app process(es), found {pids}"
        return pids

    def stop_with(self, sig: int, group: bool = False, timeout: float = 5.0) -> float:
        """Send `sig` to the server (or, as a terminal's Ctrl-C does, to its whole group);
        wait for it to exit; return the seconds that took."""
        t = time.monotonic()
        if group:
            os.killpg(self.proc.pid, sig)
        else:
            self.proc.send_signal(sig)
        try:
            self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            pytest.fail(f"toynn serve still running {timeout} s after signal {sig}:\n{self.output()}")
        return time.monotonic() - t

    def output(self) -> str:
        return self.log.read_text(errors="replace")

    def assert_clean_stop(self) -> None:
        out = self.output()
        assert self.proc.returncode in (0, 130), out
        assert "Traceback" not in out, out
        lines = out.rstrip().splitlines()
        assert lines[-1] == STOPPED, out
        assert all(line.startswith("toynn: ") for line in lines), out   # no log, no stray stderr
        assert self.apps() == [], f"app processes left after the server stopped: {self.apps()}"


@pytest.fixture
def serve(tmp_path):
    """Start `toynn serve --port <free> ARGS...`; every server is ended at teardown."""
    need(Path("/proc/self/environ").exists(), "needs /proc to find the app processes (Linux)")
    started: list[Served] = []

    def start(*args: str) -> Served:
        port = free_port()
        marker = uuid.uuid4().hex
        log = tmp_path / f"serve-{port}.log"
        env = {**os.environ, MARKER: marker}
        with open(log, "wb") as out:
            proc = subprocess.Popen([*toynn_command(), "serve", "--port", str(port), *args],
                                    stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT,
                                    env=env, start_new_session=True)
        served = Served(proc, port, marker, log)
        started.append(served)
        return served

    yield start
    for s in started:
        if s.proc.poll() is None:
            try:
                os.killpg(s.proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            s.proc.wait()
        for pid in s.apps():
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass


def chromium_path() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")
