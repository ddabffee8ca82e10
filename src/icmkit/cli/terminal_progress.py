"""Progress of a long calculation on the terminal: one line on stderr, redrawn in place.

Shown only when stderr is a terminal (never in a pipe, a file or CI logs), at most a few
times a second, and wiped when the calculation ends.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TextIO

Progress = Callable[[str, int, int | None], None]

INTERVAL = 0.2
"""Seconds between two redraws."""


class ProgressLine:
    """A ``Progress`` that redraws one line of ``stream``."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.shown = 0.0
        self.drawn = False

    def __call__(self, step: str, done: int, total: int | None) -> None:
        now = time.monotonic()
        if total is not None and 0 < done < total and now - self.shown < INTERVAL:
            return
        self.shown = now
        count = f" {done:,}/{total:,}" if total else ""
        self.stream.write(f"\r\x1b[K{step}{count}…")
        self.stream.flush()
        self.drawn = True

    def clear(self) -> None:
        if self.drawn:
            self.stream.write("\r\x1b[K")
            self.stream.flush()


def _quiet(step: str, done: int, total: int | None) -> None:
    del step, done, total


@contextmanager
def terminal_progress(stream: TextIO | None = None) -> Iterator[Progress]:
    """A progress line on ``stream`` (stderr) if it is a terminal, else nothing."""
    chosen = stream if stream is not None else sys.stderr
    if not chosen.isatty():
        yield _quiet
        return
    line = ProgressLine(chosen)
    try:
        yield line
    finally:
        line.clear()
