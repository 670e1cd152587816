"""Training at "max" in a process of its own: the engine gets a core, the screen the other.

At "max" the screen used to share one core between computing and drawing: each
frame's drawing (9-16 ms here, mostly Textual's compositor) was taken from the
engine, so the app ran at 0.4-0.7x the engine's headless rate and ~21 frames a
second. Here a worker process (started once, on first use) trains a copy of the
net and sends a snapshot of every loop variable about 60 times a second; the
screen applies the newest snapshot to its own Net each frame and draws it.

The handover is exact, not approximate: the worker starts from the screen's net
as it is (every loop variable, the random state, the iteration), and when play
stops the worker's final state is copied back, so a paused net holds precisely
the numbers a run in this process would have. If the worker cannot start or
dies, the screen trains in its own process as before (`Trainer.usable`).
"""
from __future__ import annotations

import os
import subprocess
import sys
import time

from toynn_tui.engine import Net

SEND_EVERY = 1 / 60   # seconds between snapshots: twice the screen's frame rate
CHUNK_SECONDS = 0.004  # the worker looks for "stop" at least this often


def _serve(conn) -> None:
    """The worker's loop: train what it is sent until told to stop, sending snapshots."""
    conn.send(("ready",))
    while True:
        try:
            msg = conn.recv()
        except EOFError:
            return
        if msg[0] == "stop":   # came as the run ended by itself: nothing left to stop
            continue
        if msg[0] != "train":
            return
        _, spec, X, y, total, st, backend = msg
        net = Net(spec=spec, X=X, y=y, iterations=total, backend=backend)
        net.restore(st)
        samples, sent, chunk = [], time.perf_counter(), 50
        while True:
            t0 = time.perf_counter()
            net.run(min(chunk, net.total - net.iteration))
            dt = time.perf_counter() - t0
            chunk = max(1, min(5000, int(chunk * CHUNK_SECONDS / dt) if dt > 0 else chunk * 2))
            samples.append((net.iteration, net.error))
            over = net.iteration >= net.total or not net.finite
            if over or conn.poll():
                conn.send(("final", net.snapshot(), samples))
                if not over:
                    conn.recv()   # the "stop" that was waiting
                break
            if time.perf_counter() - sent >= SEND_EVERY:
                conn.send(("snap", net.snapshot(), samples))
                samples, sent = [], time.perf_counter()


class Duplex:
    """Two one-way pipe connections as one: send on one, receive on the other."""

    def __init__(self, reader, writer) -> None:
        """`reader`, `writer`: multiprocessing.connection.Connection's, one way each."""
        self._r, self._w = reader, writer

    @classmethod
    def on(cls, read_fd: int, write_fd: int) -> "Duplex":
        # (imported here: multiprocessing is not needed until play at "max" starts the worker)
        from multiprocessing.connection import Connection
        return cls(Connection(read_fd, writable=False), Connection(write_fd, readable=False))

    def send(self, obj) -> None:
        self._w.send(obj)

    def recv(self):
        return self._r.recv()

    def poll(self, timeout: float = 0.0) -> bool:
        return self._r.poll(timeout)

    def close(self) -> None:
        self._r.close()
        self._w.close()


class Trainer:
    """The worker process, started on first use and kept for the app's life."""

    def __init__(self) -> None:
        self._proc = None
        self._conn = None
        self._ready = False
        self.broken = False

    def _start(self) -> None:
        # A plain child (`python -m` this module) on two pipes, not multiprocessing's "spawn",
        # which re-imports the parent's __main__ (a console script, pytest, stdin...): fragile.
        # Not fork either: never fork a running Textual app (its threads).
        to_child, from_parent = os.pipe()
        to_parent, from_child = os.pipe()
        self._proc = subprocess.Popen(
            [sys.executable, "-m", "toynn_tui.screens.background", str(to_child), str(from_child)],
            pass_fds=(to_child, from_child), stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
            close_fds=True, start_new_session=False)
        os.close(to_child)
        os.close(from_child)
        self._conn = Duplex.on(to_parent, from_parent)

    def usable(self) -> bool:
        """Ready to train now (starting it if needed: until then the screen trains itself)."""
        if self.broken:
            return False
        if self._proc is None:
            try:
                self._start()
            except Exception:   # no processes here (a sandbox, a limit): train in the app
                self.broken = True
                return False
        if not self._ready:
            try:
                if self._conn.poll():
                    self._ready = self._conn.recv() == ("ready",)
            except (EOFError, OSError):
                self.broken = True
        return self._ready and self._proc.poll() is None

    def close(self) -> None:
        if self._proc is not None:
            try:
                self._conn.send(("quit",))
            except (OSError, ValueError):
                pass
            try:
                self._proc.wait(0.5)
            except subprocess.TimeoutExpired:
                self._proc.kill()
                self._proc.wait()
            self._conn.close()
            self._proc = None


class Session:
    """One stretch of play at "max" on one net (the training screen's session.py holds it)."""

    def __init__(self, trainer: Trainer, net: Net) -> None:
        self.trainer, self.net = trainer, net
        self.done = False
        trainer._conn.send(("train", net.spec, net.X, net.y, net.total, net.snapshot(), net.backend.name))

    def drain(self) -> list:
        """Apply the newest snapshot to the net; return the error samples since the last drain."""
        samples, newest = [], None
        conn = self.trainer._conn
        try:
            while not self.done and conn.poll():
                kind, st, got = conn.recv()
                samples += got
                newest = st
                if kind == "final":
                    self.done = True
        except (EOFError, OSError):
            self._lost()
        if newest is not None:
            self.net.restore(newest)
        return samples

    def stop(self) -> list:
        """Stop the worker and take its exact final state; return the last error samples."""
        if self.done:
            return []
        conn, samples = self.trainer._conn, []
        try:
            conn.send(("stop",))
            deadline = time.monotonic() + 5
            while time.monotonic() < deadline and conn.poll(max(0.0, deadline - time.monotonic())):
                kind, st, got = conn.recv()
                samples += got
                self.net.restore(st)
                if kind == "final":
                    self.done = True
                    return samples
        except (EOFError, OSError):
            pass
        self._lost()
        return samples

    def _lost(self) -> None:
        """The worker died or hung: keep the last snapshot (a consistent state) and train here."""
        self.done = True
        self.trainer.broken = True
        if self.trainer._proc is not None and self.trainer._proc.poll() is None:
            self.trainer._proc.kill()


if __name__ == "__main__":   # the worker: `python -m toynn_tui.screens.background READ_FD WRITE_FD`
    _serve(Duplex.on(int(sys.argv[1]), int(sys.argv[2])))
