"""Writing files atomically: a reader sees the old content or the new, never half a file.

A file that cannot be written (a full disk, a read-only folder) raises
:class:`~icmkit.errors.UnwritableOutputError` naming it, and leaves the old file as it was.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from icmkit.errors import UnwritableOutputError


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder and a rename."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise unwritable(path, exc) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        Path(tmp).chmod(_mode_for(path))
        Path(tmp).replace(path)
    except BaseException as exc:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise unwritable(path, exc) from None
        raise


def unwritable(path: Path, exc: OSError) -> UnwritableOutputError:
    """The error for ``path`` that could not be written because of ``exc``."""
    return UnwritableOutputError(f"{path}: cannot write: {exc.strerror or exc}")


def _mode_for(path: Path) -> int:
    """The mode a new file gets from the umask (temporary files are private), or the mode of
    the file being replaced."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def write_text_atomic(path: Path, text: str) -> None:
    write_atomic(path, text.encode("utf-8"))
