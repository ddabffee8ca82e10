"""Why ``init`` refused or failed; each maps to exit code 2 through ``IcmkitError``."""

from __future__ import annotations

from icmkit.errors import IcmkitError
from icmkit.scaffold.conflicts import Conflict


class InitConflictError(IcmkitError):
    """The folder already holds files ``init`` would write, or program files of its own."""

    def __init__(self, folder: str, conflicts: list[Conflict]) -> None:
        self.folder = folder
        self.conflicts = conflicts
        lines = "\n".join(f"  {c.path}: {c.reason}" for c in conflicts)
        super().__init__(
            f"{folder} already holds program files; nothing was written:\n{lines}\n"
            "Start the program in an empty folder, or use --force to write only the files "
            "that do not exist yet (existing files are never overwritten)."
        )


class InitWriteError(IcmkitError):
    """A file could not be written; everything written so far was removed again."""
