"""Where program files are read from: a working tree here (the program folder on disk, found
from any path inside it); a git revision in ``icmkit.git``."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Final, Protocol

from icmkit.errors import ProgramNotFoundError, UnreadableInputError
from icmkit.loading.regular_files import NotRegularFileError, kind_of, read_regular
from icmkit.model.layout import FILE_KINDS, PROGRAM_FILE

LINK_OUTSIDE: Final = "FIL003"
NOT_REGULAR: Final = "FIL004"


class RefusedFileError(UnreadableInputError):
    """A program file that is not read, for the reason given (a link leading outside the
    program, a pipe or a device): one finding, ``code``, for that file; the rest is read."""

    def __init__(self, shown: str, code: str, reason: str) -> None:
        super().__init__(f"{shown}: {reason}")
        self.code = code
        self.reason = reason


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
        self._real_root: Path | None = None

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
        """The size of a program file; ``RefusedFileError`` if it is a link leading outside
        the program, or not a regular file (a pipe, or a link to ``/dev/zero``, never ends)."""
        self._refuse_outside(path)
        try:
            info = (self.root / path).stat()
        except OSError as exc:
            raise UnreadableInputError(f"{self._shown(path)}: cannot read: {exc.strerror}") from exc
        if not stat.S_ISREG(info.st_mode):
            raise self._not_regular(path, kind_of(info.st_mode))
        return info.st_size

    def read_bytes(self, path: str) -> bytes:
        self._refuse_outside(path)
        try:
            return read_regular(self.root / path)
        except NotRegularFileError as exc:
            raise self._not_regular(path, exc.kind) from None
        except OSError as exc:
            raise UnreadableInputError(f"{self._shown(path)}: cannot read: {exc.strerror}") from exc

    def _refuse_outside(self, path: str) -> None:
        """Refuse a file that is (or lies below) a link leading out of the program folder:
        reading it would put a file from elsewhere (``/etc/passwd``, a CI secret) into what
        the program's commands show and write."""
        if self._real_root is None:
            self._real_root = Path(os.path.realpath(self.root))
        real = Path(os.path.realpath(self.root / path))
        if real != self._real_root and self._real_root not in real.parents:
            raise RefusedFileError(
                self._shown(path),
                LINK_OUTSIDE,
                "a symbolic link leading outside the program folder; it is not read "
                "(copy the file into the program instead)",
            )

    def _not_regular(self, path: str, kind: str) -> RefusedFileError:
        return RefusedFileError(
            self._shown(path), NOT_REGULAR, f"{kind}, not a regular file; it is not read"
        )

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
