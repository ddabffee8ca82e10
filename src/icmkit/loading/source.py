"""Where program files are read from: a working tree here; a git revision in ``icmkit.git``."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Protocol

from icmkit.errors import UnreadableInputError
from icmkit.model.layout import FILE_KINDS


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
                for name in (kind.pattern, kind.pattern[: -len(".yaml")] + ".yml"):
                    if (self.root / name).is_file():
                        found.append(name)
                continue
            base = self.root / folder
            if not base.is_dir():
                continue
            for dirpath, dirnames, filenames in os.walk(base):
                dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
                for filename in sorted(filenames):
                    if filename.endswith((".yaml", ".yml")) and not filename.startswith("."):
                        full = Path(dirpath) / filename
                        found.append(full.relative_to(self.root).as_posix())
        return found

    def size(self, path: str) -> int:
        try:
            return (self.root / path).stat().st_size
        except OSError as exc:
            raise UnreadableInputError(f"{path}: cannot read: {exc.strerror}") from exc

    def read_bytes(self, path: str) -> bytes:
        try:
            return (self.root / path).read_bytes()
        except OSError as exc:
            raise UnreadableInputError(f"{path}: cannot read: {exc.strerror}") from exc
