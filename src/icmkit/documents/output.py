"""Writing rendered documents: only inside the output folder, each file atomically."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path, PurePosixPath

from icmkit.errors import UsageError
from icmkit.model.layout import FILE_KINDS, PROGRAM_FILE
from icmkit.writing import write_text_atomic

INPUT_FOLDERS = frozenset(
    {"templates", ".git", ".icmkit"}
    | {kind.folder.split("/")[0] for kind in FILE_KINDS if kind.folder is not None}
)
"""Folders of a program that hold what it is made of (its files, its own templates, its
schemas and history): rendered documents never go there."""


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def output_folder(out: Path, program_root: Path, program_files: Iterable[str]) -> Path:
    """The resolved output folder, refused if it is the program, holds program files, or is
    inside a folder the program is made of (``templates/``, ``plans/``, …)."""
    root = program_root.resolve()
    target = out.resolve()
    if target == root:
        raise UsageError(f"{out}: the output folder cannot be the program folder itself")
    if _inside(root, target):
        raise UsageError(f"{out}: the output folder contains the program; choose a folder below it")
    files = list(program_files)
    for rel in files:
        if _inside((root / rel).resolve(), target):
            raise UsageError(f"{out}: the output folder contains program file {rel}")
    if _inside(target, root):
        first = target.relative_to(root).parts[0]
        folders = INPUT_FOLDERS | {rel.split("/")[0] for rel in files if "/" in rel}
        if first in folders:
            raise UsageError(
                f"{out}: the output folder is inside the program's {first}/ folder; choose one "
                "that holds no program files, such as build/docs"
            )
    if (target / PROGRAM_FILE).exists():
        raise UsageError(f"{out}: the output folder holds a {PROGRAM_FILE}; it is a program")
    if target.exists() and not target.is_dir():
        raise UsageError(f"{out}: not a folder")
    return target


def write_documents(folder: Path, documents: Mapping[str, str]) -> list[Path]:
    """Write ``{relative path: text}`` below ``folder``; every path must stay inside it."""
    written: list[Path] = []
    for rel, text in sorted(documents.items()):
        pure = PurePosixPath(rel)
        if pure.is_absolute() or ".." in pure.parts or not pure.parts:
            raise UsageError(f"{rel}: refusing to write outside the output folder")
        target = folder.joinpath(*pure.parts)
        if not _inside(target.parent.resolve(), folder) or (
            target.is_symlink() or (target.exists() and not target.is_file())
        ):
            raise UsageError(f"{rel}: refusing to write outside the output folder")
        write_text_atomic(target, text)
        written.append(target)
    return written
