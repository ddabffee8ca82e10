"""A progress bar on standard error for long runs, only when standard error is a terminal.

Piped or redirected output never carries it, and nothing is left on the screen when the run
ends (the bar is transient). rich is imported only when a bar is shown.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:
    from icmkit.engine.modelling import Progress


class _Bar:
    """One rich progress bar whose task is replaced at every stage."""

    def __init__(self, progress: Any) -> None:
        self._progress = progress
        self._task: Any = None

    def stage(self, text: str, total: int | None = None) -> None:
        if self._task is not None:
            self._progress.remove_task(self._task)
        self._task = self._progress.add_task(text, total=total)

    def advance(self) -> None:
        if self._task is not None:
            self._progress.advance(self._task)


def shows_progress(stream: TextIO) -> bool:
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


@contextmanager
def progress_bar(stream: TextIO | None = None) -> Iterator[Progress | None]:
    """A progress reporter drawing on ``stream`` (default: standard error) when it is a
    terminal; None otherwise."""
    chosen = stream or sys.stderr
    if not shows_progress(chosen):
        yield None
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
    )

    console = Console(file=chosen)
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    ) as progress:
        yield _Bar(progress)
