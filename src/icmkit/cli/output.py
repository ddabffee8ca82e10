"""How a command's output reaches the user: on standard output, coloured only on a terminal,
with paths the user can open, and in the form GitHub Actions reads when running there."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TextIO


def write_stdout(text: str) -> None:
    """Write a command's whole output at once.

    Text the terminal's encoding cannot carry (a file name that is not UTF-8, on a stream
    that refuses such bytes) is written as the bytes it came from, or escaped."""
    try:
        sys.stdout.write(text)
    except UnicodeEncodeError:
        encoding = sys.stdout.encoding or "utf-8"
        try:
            raw = text.encode(encoding, "surrogateescape")
        except UnicodeEncodeError:
            raw = text.encode(encoding, "backslashreplace")
        sys.stdout.flush()
        sys.stdout.buffer.write(raw)
    sys.stdout.flush()


def use_colour(stream: TextIO) -> bool:
    """Colour only on a terminal, never with ``NO_COLOR``; always with ``FORCE_COLOR``."""
    if os.environ.get("NO_COLOR", "") != "":
        return False
    if os.environ.get("FORCE_COLOR", "") not in ("", "0"):
        return True
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def in_github_actions() -> bool:
    """Inside a GitHub Actions job, where check and test write annotations by default."""
    return os.environ.get("GITHUB_ACTIONS") == "true"


def display_path_fn(root: Path, base: Path | None = None) -> Callable[[str], str]:
    """A function turning a program-relative path into the path the user should open
    (relative to ``base``, by default the current folder)."""
    try:
        prefix = Path(os.path.relpath(root, base or Path.cwd()))
    except ValueError:  # another drive on Windows
        prefix = root
    if str(prefix) == ".":
        return lambda rel: rel
    if prefix.as_posix().startswith("../../.."):
        prefix = root
    shown = prefix.as_posix()
    return lambda rel: f"{shown}/{rel}"


def annotation_base() -> Path | None:
    """Where CI annotations' paths start: GitHub Actions reads them relative to the checkout
    (``GITHUB_WORKSPACE``), whatever folder the command ran in."""
    workspace = os.environ.get("GITHUB_WORKSPACE", "")
    return Path(workspace).resolve() if workspace else None
