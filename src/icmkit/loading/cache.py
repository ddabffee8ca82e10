"""A cache of parsed YAML files keyed by content hash, so repeat runs skip parsing.

Entries live in the user's cache folder (``$ICMKIT_CACHE_DIR``, else
``$XDG_CACHE_HOME/icmkit``, else ``~/.cache/icmkit``), never in the program repository.
A file's entry is found by the SHA-256 of its bytes and the reader's version, so an edited
file is simply parsed again. A cache that cannot be read or written is ignored.

Entries are JSON data (``icmkit.loading.cache_entries``), not pickles: whoever can write to
the cache folder can make an entry wrong, never make icmkit run code.
"""

from __future__ import annotations

import hashlib
import os
import sys
import tempfile
from pathlib import Path

from icmkit.loading.cache_entries import FORMAT, BadEntry, decode, encode
from icmkit.loading.regular_files import read_regular
from icmkit.loading.yaml_reader import READER_VERSION, ReadResult

MAX_ENTRY_BYTES = 1 << 30
"""An entry larger than this is not one icmkit wrote for a file it reads; it is ignored."""


def default_cache_dir() -> Path:
    explicit = os.environ.get("ICMKIT_CACHE_DIR")
    if explicit:
        return Path(explicit)
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg) if xdg else Path.home() / ".cache"
    return base / "icmkit"


class ParseCache:
    def __init__(self, folder: Path | None) -> None:
        self.folder = folder

    @staticmethod
    def key(data: bytes, limits_key: str) -> str:
        """The entry of a file's bytes read under given limits (hash it once, use it twice)."""
        digest = hashlib.sha256(data)
        digest.update(f"|{READER_VERSION}|{FORMAT}|{limits_key}|{sys.version_info[:2]}".encode())
        return digest.hexdigest()

    def _path(self, key: str) -> Path:
        assert self.folder is not None
        return self.folder / key[:2] / f"{key}.json"

    def get(self, key: str) -> ReadResult | None:
        if self.folder is None:
            return None
        try:
            raw = read_regular(self._path(key), MAX_ENTRY_BYTES)
        except (OSError, ValueError):  # missing, unreadable, not a regular file, too big
            return None
        try:
            return decode(raw)
        except BadEntry:
            return None

    def put(self, key: str, result: ReadResult) -> None:
        if self.folder is None:
            return
        raw = encode(result)
        if raw is None:
            return
        target = self._path(key)
        tmp: str | None = None
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".", suffix=".tmp")
            with os.fdopen(fd, "wb") as handle:
                handle.write(raw)
            Path(tmp).replace(target)
        except OSError:
            if tmp is not None:
                Path(tmp).unlink(missing_ok=True)
