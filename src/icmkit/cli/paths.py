"""How paths are shown: relative to the current folder when the program is below it."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path


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
