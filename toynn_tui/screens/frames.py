"""The training screen's frame loop: fixed speeds on a 30 Hz timer, "max" either in a worker
process (screens/background.py: the screen draws its snapshots) or paced here (pacing.py).

A mixin of TrainingScreen, which holds the net, the speed and the panels.
"""
from __future__ import annotations

import time

from toynn_tui.screens.pacing import warmup_frame
from toynn_tui.widgets.error_panel import ErrorPanel

BG_FPS = 40   # frames a second aimed at, at "max" while the engine trains in its own process
CHUNK = 200  # iterations between clock checks at "max" (in this process)


class FrameLoop:
    """Play: run iterations, then redraw, frame after frame."""

    def _tick(self) -> None:
        """One frame at a fixed speed: run `speed` iterations, then redraw."""
        if not self.playing or self.net is None:
            return
        if self.speed is None:
            if self._bg_last and time.perf_counter() - self._bg_last < 0.25:
                return   # the background frames chain themselves (below)
            if self.background_frame():   # the engine trains in its own process: draw its numbers
                self._bg_frame_done()
                return
            # "max" paces itself (below); the timer only (re)starts it, e.g. if a refresh was lost.
            if time.perf_counter() - self._max_last > 0.25:
                self._max_frame()
            return
        self.sync()
        self._run(min(self.frame_size(), self.net.total - self.net.iteration))
        self._advanced()

    def _bg_frame_done(self) -> None:
        """After a frame drawn from the worker's numbers: the next one 1/BG_FPS s after this one
        started (the 30 Hz timer alone gave 27-29 a second: its slots drift past a slow frame)."""
        started = time.perf_counter()
        self._advanced()
        if self.playing and self.speed is None and self._session is not None:
            self._bg_last = started
            delay = max(0.001, 1 / BG_FPS - (time.perf_counter() - started))
            self.call_after_refresh(self.set_timer, delay, self._bg_next)
        else:
            self._bg_last = 0.0

    def _bg_next(self) -> None:
        if self.playing and self.speed is None and self.background_frame():
            self._bg_frame_done()
        else:
            self._bg_last = 0.0

    def frame_size(self) -> int:
        """Iterations the next frame runs at a fixed speed: the speed, or less while warming up."""
        if not self.warmup:
            return self.speed
        return min(self.speed, warmup_frame(self.net.iteration))

    def warming_up(self) -> bool:
        """Is the warm-up holding the frames below the chosen speed right now?"""
        return self.playing and self.speed is not None and self.frame_size() < self.speed

    def _max_frame(self) -> None:
        """One frame at "max": compute for the pacer's budget, redraw, go again after the refresh.

        Chaining on the refresh (instead of a fixed-rate timer) means no frame is
        lost waiting for the next timer slot: the screen gets every frame drawn,
        the engine gets nearly all the rest of the time.
        """
        now = self._max_last = time.perf_counter()
        if not self.playing or self.speed is not None or self.net is None or self._session is not None:
            self._pacer.forget()
            return
        net, pacer = self.net, self._pacer
        left = net.total - net.iteration
        deadline = pacer.start(now)
        while left > 0:  # at least one chunk a frame, however slow the drawing
            k = min(CHUNK, left)
            self._run(k)
            left -= k
            then, now = now, time.perf_counter()
            pacer.chunk_ran(now - then)
            if not pacer.another(now, deadline):
                break
        pacer.computed(now)
        self._advanced()
        if self.playing:
            # After the refresh, via a (tiny) timer: chaining call_after_refresh directly
            # would keep the message queue busy and starve the event loop.
            self.call_after_refresh(self.set_timer, 0.001, self._max_frame)
        else:
            pacer.forget()

    def _run(self, k: int) -> None:
        """Run k iterations, sampling the error as often as the history keeps samples.

        The history's spacing starts at 1 iteration and doubles as it fills, so a
        fast frame still records the steep first iterations and the calls to
        `Net.run` per frame stay few.
        """
        net, history = self.net, self.query_one(ErrorPanel).history
        while k > 0:
            n = min(k, history.every)
            net.run(n)
            k -= n
            history.add(net.iteration, net.error)
