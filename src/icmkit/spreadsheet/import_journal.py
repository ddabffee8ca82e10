"""Writing an import's requirement files together, and finishing one that was killed.

The files an import changes are switched all at once through ``icmkit.staged_writes``, with
its journal in the program folder (``.icmkit-import.journal``). Before reading anything, the
next import finishes a switch a killed import left half-done, and removes the temporary files
a killed import (or a killed write of one file) left beside the requirement files.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path, PurePosixPath
from typing import Final

from icmkit.staged_writes import clean_stale, finish, replace_all

JOURNAL: Final = ".icmkit-import.journal"
REQUIREMENTS_FOLDER: Final = "requirements"


def is_requirement_file(rel: str) -> bool:
    """Whether ``rel`` names a requirement file an import may write."""
    from icmkit.model.layout import kind_for

    pure = PurePosixPath(rel)
    if pure.is_absolute() or any(part.startswith(".") for part in pure.parts):
        return False
    kind = kind_for(rel)
    return kind is not None and kind.name == "requirements"


def _is_yaml(name: str) -> bool:
    return name.endswith((".yaml", ".yml"))


def finish_interrupted(root: Path) -> list[str]:
    """Finish a killed import's switch and remove stale temporaries; the files finished."""
    finished = finish(root, root / JOURNAL, is_requirement_file)
    folders = [root / REQUIREMENTS_FOLDER]
    folders += sorted(p for p in folders[0].rglob("*") if p.is_dir() and not p.is_symlink())
    for folder in folders:
        clean_stale(folder, _is_yaml)
    clean_stale(root, lambda name: name == JOURNAL)
    return finished


def write_together(root: Path, texts: Mapping[str, str]) -> None:
    """Replace the requirement files ``{relative path: text}`` all or nothing."""
    if texts:
        data = {rel: text.encode("utf-8") for rel, text in texts.items()}
        replace_all(root, data, root / JOURNAL)
