"""`briefing print`'s progress line on stderr (only when stderr is a terminal): articles
analysed n/N, words analysed a second and the time left. Redrawn in place at most ten
times a second and cleared at the end, so that it never stays in the output."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TextIO

WIDTH = 24


class StderrProgress:
    def __init__(self, stream: TextIO, clock: Callable[[], float] = time.monotonic) -> None:
        self.stream = stream
        self.clock = clock
        self._start: tuple[float, int, int] | None = None
        self._last = float("-inf")
        self._shown = 0  # the length of the line on screen

    def __call__(self, done: int, total: int, words: int) -> None:
        now = self.clock()
        if self._start is None:
            self._start = (now, done, words)  # what was cached is not part of the rate
            return
        if now - self._last < 0.1 and done < total:
            return
        self._last = now
        began, first, first_words = self._start
        elapsed = now - began
        rate = (done - first) / elapsed if elapsed > 0 else 0.0
        word_rate = (words - first_words) / elapsed if elapsed > 0 else 0.0
        filled = WIDTH * done // total if total else WIDTH
        line = f"analysing [{'#' * filled}{'.' * (WIDTH - filled)}] {done}/{total}"
        if rate > 0:
            line += f" · {word_rate:,.0f} words/s · ETA {_duration((total - done) / rate)}"
        self.stream.write("\r" + line.ljust(self._shown))
        self.stream.flush()
        self._shown = len(line)

    def close(self) -> None:
        """Clear the line."""
        if self._shown:
            self.stream.write("\r" + " " * self._shown + "\r")
            self.stream.flush()
            self._shown = 0


def _duration(seconds: float) -> str:
    seconds = round(seconds)
    return f"{seconds // 60}m{seconds % 60:02d}s" if seconds >= 60 else f"{seconds}s"
