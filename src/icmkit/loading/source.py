"""Where program files are read from: a working tree here (the program folder on disk, found
from any path inside it); a git revision in ``icmkit.git``."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Protocol

from icmkit.errors import ProgramNotFoundError, UnreadableInputError
from icmkit.model.layout import FILE_KINDS, PROGRAM_FILE


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


class Source(Protocol):
    """A read-only view of the files of one program."""

    label: str

    def list_files(self) -> list[str]:
        """Relative POSIX paths of the files that may be program files."""
        ...

    def size(self, path: str) -> int: ...

    def read_bytes(self, path: str) -> bytes: ...


class WorkingTreeSource:
    """The files of a program folder on disk."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.label = str(root)

    def list_files(self) -> list[str]:
        found: list[str] = []
        for kind in FILE_KINDS:
            folder = kind.folder
            if folder is None:
                for name in kind.file_names:
                    if (self.root / name).is_file():
                        found.append(name)
                continue
            base = self.root / folder
            if not base.is_dir():
                continue
            for dirpath, dirnames, filenames in os.walk(base, onerror=self._unreadable_folder):
                dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
                for filename in sorted(filenames):
                    if filename.endswith((".yaml", ".yml")) and not filename.startswith("."):
                        full = Path(dirpath) / filename
                        found.append(full.relative_to(self.root).as_posix())
        return found

    def size(self, path: str) -> int:
        try:
            info = (self.root / path).stat()
        except OSError as exc:
            raise UnreadableInputError(f"{self._shown(path)}: cannot read: {exc.strerror}") from exc
        if not stat.S_ISREG(info.st_mode):  # a pipe or a device (a link to /dev/zero) never ends
            raise UnreadableInputError(f"{self._shown(path)}: cannot read: not a regular file")
        return info.st_size

    def read_bytes(self, path: str) -> bytes:
        try:
            return (self.root / path).read_bytes()
        except OSError as exc:
            raise UnreadableInputError(f"{self._shown(path)}: cannot read: {exc.strerror}") from exc

    def _shown(self, path: str) -> str:
        """The file as the user would type it: relative to the current folder when near it."""
        full = self.root / path
        try:
            shown = os.path.relpath(full)
        except ValueError:  # another drive on Windows
            return str(full)
        return str(full) if Path(shown).parts[:3] == (os.pardir,) * 3 else shown

    def _unreadable_folder(self, exc: OSError) -> None:
        folder = Path(exc.filename) if exc.filename else self.root
        try:
            shown = self._shown(folder.relative_to(self.root).as_posix())
        except ValueError:
            shown = str(folder)
        raise UnreadableInputError(f"{shown}: cannot read folder: {exc.strerror}") from exc
