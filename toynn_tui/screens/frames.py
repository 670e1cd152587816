"""The training screen's frame loop: fixed speeds on a 30 Hz timer, "max" either in a worker
process (the session's background trainer: the screen draws its snapshots) or paced here
(the session's pacer).

A mixin of TrainingScreen: it times the frames and draws them; what a frame computes is
the screen's `session` (session.py).
"""
from __future__ import annotations

import time

from toynn_tui.screens.session import TrainingSession

BG_FPS = 40   # frames a second aimed at, at "max" while the engine trains in its own process
CHUNK = 200  # iterations between clock checks at "max" (in this process)


class FrameLoop:
    """Play: run iterations, then redraw, frame after frame."""

    session: TrainingSession
    _max_last = 0.0  # when the "max" chain last ran a frame
    _bg_last = 0.0   # when the chain of background frames last started one (0: not running)

    def _tick(self) -> None:
        """One frame at a fixed speed: run `speed` iterations, then redraw."""
        session = self.session
        if session is None or not session.playing:
            return
        if session.speed is None:
            if self._bg_last and time.perf_counter() - self._bg_last < 0.25:
                return   # the background frames chain themselves (below)
            if session.background_frame():   # the engine trains in its own process: draw its numbers
                self._bg_frame_done()
                return
            # "max" paces itself (below); the timer only (re)starts it, e.g. if a refresh was lost.
            if time.perf_counter() - self._max_last > 0.25:
                self._max_frame()
            return
        session.sync()
        session.run(min(session.frame_size(), session.net.total - session.net.iteration))
        self._advanced()

    def _bg_frame_done(self) -> None:
        """After a frame drawn from the worker's numbers: the next one 1/BG_FPS s after this one
        started (the 30 Hz timer alone gave 27-29 a second: its slots drift past a slow frame)."""
        started = time.perf_counter()
        self._advanced()
        session = self.session
        if session.playing and session.speed is None and session.stretch is not None:
            self._bg_last = started
            delay = max(0.001, 1 / BG_FPS - (time.perf_counter() - started))
            self.call_after_refresh(self.set_timer, delay, self._bg_next)
        else:
            self._bg_last = 0.0

    def _bg_next(self) -> None:
        session = self.session
        if session.playing and session.speed is None and session.background_frame():
            self._bg_frame_done()
        else:
            self._bg_last = 0.0

    def _max_frame(self) -> None:
        """One frame at "max": compute for the pacer's budget, redraw, go again after the refresh.

        Chaining on the refresh (instead of a fixed-rate timer) means no frame is
        lost waiting for the next timer slot: the screen gets every frame drawn,
        the engine gets nearly all the rest of the time.
        """
        now = self._max_last = time.perf_counter()
        session = self.session
        pacer = session.pacer
        if not session.playing or session.speed is not None or session.stretch is not None:
            pacer.forget()
            return
        net = session.net
        left = net.total - net.iteration
        deadline = pacer.start(now)
        while left > 0:  # at least one chunk a frame, however slow the drawing
            k = min(CHUNK, left)
            session.run(k)
            left -= k
            then, now = now, time.perf_counter()
            pacer.chunk_ran(now - then)
            if not pacer.another(now, deadline):
                break
        pacer.computed(now)
        self._advanced()
        if session.playing:
            # After the refresh, via a (tiny) timer: chaining call_after_refresh directly
            # would keep the message queue busy and starve the event loop.
            self.call_after_refresh(self.set_timer, 0.001, self._max_frame)
        else:
            pacer.forget()
