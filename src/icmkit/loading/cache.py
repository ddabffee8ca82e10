"""A cache of parsed YAML files keyed by content hash, so repeat runs skip parsing.

Entries live in the user's cache folder (``$ICMKIT_CACHE_DIR``, else
``$XDG_CACHE_HOME/icmkit``, else ``~/.cache/icmkit``), never in the program repository.
A file's entry is found by the SHA-256 of its bytes and the reader's version, so an edited
file is simply parsed again. A cache that cannot be read or written is ignored.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from pathlib import Path
from typing import Any

from icmkit.loading.yaml_reader import READER_VERSION, ReadResult


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
        digest.update(f"|{READER_VERSION}|{limits_key}|{sys.version_info[:2]}".encode())
        return digest.hexdigest()

    def _path(self, key: str) -> Path:
        assert self.folder is not None
        return self.folder / key[:2] / f"{key}.pickle"

    def get(self, key: str) -> ReadResult | None:
        if self.folder is None:
            return None
        try:
            with self._path(key).open("rb") as handle:
                value: Any = pickle.load(handle)
        except (OSError, pickle.PickleError, EOFError, AttributeError, ValueError, TypeError):
            return None
        return value if isinstance(value, ReadResult) else None

    def put(self, key: str, result: ReadResult) -> None:
        if self.folder is None:
            return
        target = self._path(key)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=target.parent, suffix=".tmp")
            with os.fdopen(fd, "wb") as handle:
                pickle.dump(result, handle, protocol=pickle.HIGHEST_PROTOCOL)
            Path(tmp).replace(target)
        except OSError:
            return
