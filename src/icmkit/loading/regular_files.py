"""Reading a file only if it is a regular file: a named pipe, a device or a folder is refused
before a byte is read, so a link to ``/dev/zero`` or a FIFO can never make a command hang.

The file is opened without blocking and its kind checked on the open file itself, so it
cannot be swapped for a pipe between the check and the read.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

_CHUNK = 1 << 20


class NotRegularFileError(OSError):
    """A path that leads to something other than a regular file (``kind`` says what)."""

    def __init__(self, path: Path, kind: str) -> None:
        super().__init__(f"{path}: {kind}, not a regular file")
        self.kind = kind


class FileTooBigError(OSError):
    """A regular file larger than the caller's limit (``size``: at least this many bytes)."""

    def __init__(self, path: Path, size: int) -> None:
        super().__init__(f"{path}: larger than {size:,} bytes")
        self.size = size


def kind_of(mode: int) -> str:
    """What a file of ``mode`` is, in words: ``a named pipe (FIFO)``, ``a device`` …"""
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a special file"


def read_regular(path: Path, max_bytes: int | None = None) -> bytes:
    """The bytes of the regular file at ``path`` (links followed).

    Raises ``NotRegularFileError`` for anything else, ``FileTooBigError`` when the file holds
    more than ``max_bytes`` bytes, and ``OSError`` when it cannot be read.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    before = path.stat()
    if not stat.S_ISREG(before.st_mode):  # not even opened: opening a device may act
        raise NotRegularFileError(path, kind_of(before.st_mode))
    fd = os.open(path, flags | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0))
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise NotRegularFileError(path, kind_of(info.st_mode))
        limit = max_bytes if max_bytes is not None else -1
        if limit >= 0 and info.st_size > limit:
            raise FileTooBigError(path, info.st_size)
        chunks: list[bytes] = []
        total = 0
        size = info.st_size + 1  # one read for the whole file, and one to see its end
        while True:
            chunk = os.read(fd, max(size - total, _CHUNK))
            if not chunk:
                return b"".join(chunks)
            total += len(chunk)
            if limit >= 0 and total > limit:
                raise FileTooBigError(path, total)
            chunks.append(chunk)
    finally:
        os.close(fd)
