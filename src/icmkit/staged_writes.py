"""Replacing several files all or nothing, even when the command is killed half-way.

:func:`replace_all` first writes every new file as a temporary beside its target, then a
journal naming each pair, then renames the temporaries over their targets, and removes the
journal last:

* killed while writing temporaries or the journal: no file changed; the temporaries are
  left, and :func:`clean_stale` removes them;
* killed while renaming: the journal is there, and :func:`finish` (run first by the next
  command that writes these files) renames the temporaries still waiting, so the program is
  the new one; a journal whose temporaries are all gone is simply removed.

So at any moment after :func:`finish` the files are all old or all new. A journal is read as
data and trusted only for files that ``allowed`` accepts, with temporaries named as
:func:`replace_all` names them in the same folder, so a journal committed to a repository
cannot move any other file. Standard library only.
"""

from __future__ import annotations

import json
import os
import re
import secrets
from collections.abc import Callable, Mapping
from pathlib import Path, PurePosixPath
from typing import Any, Final

from icmkit.errors import IcmkitError
from icmkit.writing import unwritable, write_atomic

JOURNAL_VERSION: Final = 1
_TEMP_SUFFIX: Final = ".tmp"


class JournalError(IcmkitError):
    """A journal that is not one :func:`replace_all` writes; nothing was moved."""


def _temp_name(target: str) -> str:
    """A new temporary's relative path for ``target``: ``.NAME.RANDOM.tmp`` beside it."""
    pure = PurePosixPath(target)
    return str(pure.with_name(f".{pure.name}.{secrets.token_hex(6)}{_TEMP_SUFFIX}"))


def _is_temp_of(temp: str, target: str) -> bool:
    pure, of = PurePosixPath(temp), PurePosixPath(target)
    pattern = rf"\.{re.escape(of.name)}\.[0-9a-f]{{12}}{re.escape(_TEMP_SUFFIX)}"
    return pure.parent == of.parent and re.fullmatch(pattern, pure.name) is not None


def _sync_folder(folder: Path) -> None:
    """Make the renames in ``folder`` durable (where folders can be opened and synced)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _write_new(path: Path, data: bytes, mode: int) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), mode)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


def _mode_for(path: Path) -> int:
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def replace_all(root: Path, files: Mapping[str, bytes], journal: Path) -> None:
    """Replace (or create) each file ``{relative path: bytes}`` below ``root``, all or nothing.

    A failure before the switch (a full disk) removes the temporaries and raises
    ``UnwritableOutputError``: no file changed."""
    pairs: list[tuple[str, str]] = []
    try:
        for rel in sorted(files):
            temp = _temp_name(rel)
            pairs.append((rel, temp))
            target = root / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            _write_new(root / temp, files[rel], _mode_for(target))
        entries = [{"target": rel, "temp": temp} for rel, temp in pairs]
        text = json.dumps({"version": JOURNAL_VERSION, "files": entries}, indent=1)
        write_atomic(journal, text.encode("utf-8"))
        _sync_folder(journal.parent)
    except BaseException as exc:
        for _, temp in pairs:
            (root / temp).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise unwritable(root / (pairs[-1][0] if pairs else "."), exc) from None
        raise
    _switch(root, pairs, journal)


def _switch(root: Path, pairs: list[tuple[str, str]], journal: Path) -> None:
    """Rename each waiting temporary over its target, then remove the journal."""
    folders: set[Path] = set()
    for target, temp in pairs:
        source = root / temp
        if source.exists():
            source.replace(root / target)
            folders.add((root / target).parent)
    for folder in sorted(folders):
        _sync_folder(folder)
    journal.unlink(missing_ok=True)
    _sync_folder(journal.parent)


def _entries(raw: Any, allowed: Callable[[str], bool]) -> list[tuple[str, str]]:
    if not isinstance(raw, dict) or raw.get("version") != JOURNAL_VERSION:
        raise JournalError("not a journal of this version")
    files = raw.get("files")
    if not isinstance(files, list):
        raise JournalError("no list of files")
    pairs: list[tuple[str, str]] = []
    for entry in files:
        target = entry.get("target") if isinstance(entry, dict) else None
        temp = entry.get("temp") if isinstance(entry, dict) else None
        if not (isinstance(target, str) and isinstance(temp, str)):
            raise JournalError("an entry without target and temporary")
        if ".." in PurePosixPath(target).parts or not allowed(target):
            raise JournalError(f"{target} is not a file this journal may replace")
        if not _is_temp_of(temp, target):
            raise JournalError(f"{temp} is not a temporary of {target}")
        pairs.append((target, temp))
    return pairs


def finish(root: Path, journal: Path, allowed: Callable[[str], bool]) -> list[str]:
    """Complete a switch a killed command left half-done; the files it finished replacing
    (none when there is no journal)."""
    try:
        raw = json.loads(journal.read_bytes())
    except FileNotFoundError:
        return []
    except (OSError, ValueError) as exc:
        raise JournalError(f"{journal.name} cannot be read ({exc}); remove it") from None
    try:
        pairs = _entries(raw, allowed)
    except JournalError as exc:
        raise JournalError(f"{journal.name}: {exc}; remove it") from None
    waiting = [target for target, temp in pairs if (root / temp).exists()]
    _switch(root, pairs, journal)
    return waiting


def clean_stale(folder: Path, names: Callable[[str], bool]) -> list[Path]:
    """Remove the temporaries left in ``folder`` by a killed write of a file ``names``
    accepts (``.NAME.RANDOM.tmp``); the paths removed. Call it while no other command
    writes there, after :func:`finish`."""
    removed: list[Path] = []
    try:
        children = list(folder.iterdir())
    except OSError:
        return removed
    pattern = re.compile(rf"\.(?P<name>.+)\.[0-9a-z_]+{re.escape(_TEMP_SUFFIX)}")
    for child in sorted(children):
        match = pattern.fullmatch(child.name)
        if match and names(match["name"]) and child.is_file() and not child.is_symlink():
            child.unlink(missing_ok=True)
            removed.append(child)
    return removed
