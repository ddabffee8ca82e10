"""A lock on one file, for a read-modify-replace that must not lose another command's write.

Two ``icmkit signoff`` runs at once would each read ``signoffs.yaml``, add their record and
replace the file: the second replace drops the first record. :func:`locked` makes them take
turns: it holds an exclusive lock on a lock file beside the target (``.signoffs.yaml.lock``)
while the caller reads, changes and replaces the target, and removes the lock file after.

The lock is the operating system's (``flock``; ``msvcrt.locking`` on Windows), so a command
that is killed releases it at once: a lock file left behind locks nothing. A command that
waits longer than the timeout stops with :class:`LockTimeoutError` (exit 2).
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from icmkit.errors import IcmkitError

DEFAULT_TIMEOUT = 30.0
"""Seconds to wait for another command's change of the same file."""
_POLL = 0.05


class LockTimeoutError(IcmkitError):
    """Another command kept the file locked for longer than the timeout."""


def lock_path(target: Path) -> Path:
    """The lock file of ``target``: a hidden file beside it."""
    return target.with_name(f".{target.name}.lock")


def _try_lock(fd: int) -> bool:
    """Take the exclusive lock of the open file ``fd`` if no one holds it."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        import msvcrt

        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined]
        except OSError:
            return False
        return True
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _is_current(fd: int, lock: Path) -> bool:
    """Whether the open lock file ``fd`` is still the one at ``lock`` (the holder before us
    removes its lock file; a lock on a removed file would lock nothing)."""
    try:
        here, there = os.fstat(fd), lock.stat()
    except FileNotFoundError:
        return False
    return (here.st_dev, here.st_ino) == (there.st_dev, there.st_ino)


@contextmanager
def locked(target: Path, timeout: float | None = None) -> Iterator[None]:
    """Hold the exclusive lock of ``target`` while the block runs (waiting at most
    ``timeout`` seconds, by default :data:`DEFAULT_TIMEOUT`, for another holder)."""
    lock = lock_path(target)
    timeout = DEFAULT_TIMEOUT if timeout is None else timeout
    deadline = time.monotonic() + timeout
    flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0)
    while True:
        fd = os.open(lock, flags, 0o644)
        if _try_lock(fd) and _is_current(fd, lock):
            break
        os.close(fd)
        if time.monotonic() >= deadline:
            raise LockTimeoutError(
                f"{target.name} is being changed by another icmkit command (it holds "
                f"{lock.name}); waited {timeout:g} seconds. Try again when it has finished."
            )
        time.sleep(_POLL)
    try:
        yield
    finally:
        with suppress(OSError):  # before the lock is released: the next holder makes a new one
            lock.unlink()
        os.close(fd)
