"""What stands in the way of a new program: files that exist where ``init`` would write,
and program files already in the folder; and the refusal that lists them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from icmkit.errors import IcmkitError
from icmkit.model.layout import FILE_KINDS


@dataclass(frozen=True, order=True)
class Conflict:
    path: str
    """Relative POSIX path below the program folder."""
    reason: str


def _blocked(root: Path, rel: str) -> str | None:
    """Why ``rel`` cannot be written as a new file below ``root``, or ``None``."""
    parts = rel.split("/")
    current = root
    for depth, part in enumerate(parts):
        current = current / part
        last = depth == len(parts) - 1
        if current.is_symlink():
            return "is a symbolic link" if last else f"`{current.relative_to(root)}` is a link"
        if not current.exists():
            return None
        if last:
            return "a folder has this name" if current.is_dir() else "file exists"
        if not current.is_dir():
            return f"`{current.relative_to(root).as_posix()}` is a file, not a folder"
    return None


def _program_files(root: Path) -> Iterable[str]:
    """Files below ``root`` that icmkit reads as part of a program."""
    for kind in FILE_KINDS:
        folder = kind.folder
        if folder is None:
            if (root / kind.pattern).is_file():
                yield kind.pattern
            continue
        base = root / folder
        if not base.is_dir() or base.is_symlink():
            continue
        for found in base.rglob("*"):
            if found.suffix in (".yaml", ".yml") and found.is_file():
                yield found.relative_to(root).as_posix()


def find_conflicts(root: Path, targets: Iterable[str]) -> list[Conflict]:
    """Every target that exists (or cannot be created) and every other program file."""
    if not root.exists():
        return []
    conflicts: dict[str, Conflict] = {}
    for rel in targets:
        reason = _blocked(root, rel)
        if reason is not None:
            conflicts[rel] = Conflict(rel, reason)
    for rel in _program_files(root):
        conflicts.setdefault(rel, Conflict(rel, "program file already here"))
    return sorted(conflicts.values())


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
