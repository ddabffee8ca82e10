"""How paths are shown: relative to the current folder when the program is below it."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path


def display_path_fn(root: Path) -> Callable[[str], str]:
    """A function turning a program-relative path into the path the user should open."""
    try:
        prefix = Path(os.path.relpath(root, Path.cwd()))
    except ValueError:  # another drive on Windows
        prefix = root
    if str(prefix) == ".":
        return lambda rel: rel
    if prefix.as_posix().startswith("../../.."):
        prefix = root
    base = prefix.as_posix()
    return lambda rel: f"{base}/{rel}"
