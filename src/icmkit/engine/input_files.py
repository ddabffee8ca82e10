"""The input files ``calc`` is given: checked to be data files before anything reads them.

A path given on the command line is read only if it leads to a regular file outside the
operating system's own trees: a folder, a named pipe (which would wait for a writer), a
device (``/dev/zero`` never ends) or a file of ``/proc`` or ``/sys`` (the process's own memory
cannot be read as a file) is refused with a one-line error (exit 2) before it is opened.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Final

from icmkit.errors import UnreadableInputError
from icmkit.loading.regular_files import kind_of

SYSTEM_TREES: Final = ("/proc", "/sys", "/dev")
"""Folders of files that stand for the system, not data (Linux and most Unix systems)."""


def _in_system_tree(path: Path) -> bool:
    real = os.path.realpath(path)
    return any(real == tree or real.startswith(tree + "/") for tree in SYSTEM_TREES)


def check_input_file(path: Path) -> None:
    """Refuse ``path`` unless it is a regular data file (``UnreadableInputError``)."""
    try:
        info = path.stat()
    except FileNotFoundError:
        raise UnreadableInputError(f"{path}: cannot read: it does not exist") from None
    except OSError as error:
        raise UnreadableInputError(f"{path}: cannot read: {error.strerror}") from None
    if stat.S_ISFIFO(info.st_mode):
        raise UnreadableInputError(
            f"{path}: cannot read: it is a named pipe (FIFO), not a file; write the data to a "
            "file and give that"
        )
    if not stat.S_ISREG(info.st_mode):
        raise UnreadableInputError(
            f"{path}: cannot read: it is {kind_of(info.st_mode)}, not a regular file"
        )
    if _in_system_tree(path):
        raise UnreadableInputError(
            f"{path}: cannot read: a file of the system ({', '.join(SYSTEM_TREES)}), "
            "not a data file"
        )
