"""Writing a new program all or nothing: render into a staging folder, then move files in.

Files are moved with a hard link, which fails rather than replace a file that appeared in
the meantime; if anything fails, the files and folders made so far are removed again.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path

from icmkit.errors import IcmkitError
from icmkit.scaffold.plan import PlannedFile

STAGING_PREFIX = ".icmkit-init-"


class InitWriteError(IcmkitError):
    """A file could not be written; everything written so far was removed again."""


def _make_dirs(folder: Path, created: list[Path]) -> None:
    """Create ``folder`` and its missing parents, remembering each one made."""
    missing: list[Path] = []
    current = folder
    while not current.exists():
        missing.append(current)
        current = current.parent
    for path in reversed(missing):
        path.mkdir()
        created.append(path)


def _move_no_clobber(source: Path, target: Path) -> None:
    try:
        os.link(source, target)
    except FileExistsError:
        raise
    except OSError:  # no hard links on this file system
        if target.exists() or target.is_symlink():
            raise FileExistsError(f"{target} exists") from None
        source.replace(target)
        return
    source.unlink()


def write_all(root: Path, files: Iterable[PlannedFile]) -> list[str]:
    """Write ``files`` below ``root`` (created if needed); return the paths written.

    On any failure nothing that this call made is left behind and ``InitWriteError`` says why.
    """
    files = list(files)
    created_dirs: list[Path] = []
    moved: list[Path] = []
    staging: Path | None = None
    current = ""
    try:
        _make_dirs(root, created_dirs)
        staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=root))
        for planned in files:
            current = planned.path
            staged = staging / planned.path
            staged.parent.mkdir(parents=True, exist_ok=True)
            staged.write_bytes(planned.data)
        for planned in files:
            current = planned.path
            target = root / planned.path
            _make_dirs(target.parent, created_dirs)
            _move_no_clobber(staging / planned.path, target)
            moved.append(target)
    except BaseException as exc:
        for path in reversed(moved):
            with contextlib.suppress(OSError):
                path.unlink()
        if staging is not None:
            shutil.rmtree(staging, ignore_errors=True)
        for folder in reversed(created_dirs):
            with contextlib.suppress(OSError):
                folder.rmdir()
        if not isinstance(exc, OSError):
            raise
        where = f" {current}" if current else ""
        reason = exc.strerror or str(exc)
        raise InitWriteError(
            f"could not write{where} in {root}: {reason}; nothing was written"
        ) from exc
    shutil.rmtree(staging, ignore_errors=True)
    return [f.path for f in files]
