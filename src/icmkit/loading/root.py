"""Finding the program root: the folder holding ``program.yaml``, at or above a path."""

from __future__ import annotations

from pathlib import Path

from icmkit.errors import ProgramNotFoundError
from icmkit.model.layout import PROGRAM_FILE


def find_root(start: Path) -> Path:
    """The nearest folder at or above ``start`` that holds ``program.yaml``."""
    if not start.exists():
        raise ProgramNotFoundError(f"{start}: no such file or folder")
    here = start.resolve()
    if here.is_file():
        if here.name == PROGRAM_FILE:
            return here.parent
        here = here.parent
    for folder in (here, *here.parents):
        if (folder / PROGRAM_FILE).is_file():
            return folder
    raise ProgramNotFoundError(
        f"{start}: not an icmkit program (no {PROGRAM_FILE} here or in any parent folder); "
        "run `icmkit init` to start one"
    )
