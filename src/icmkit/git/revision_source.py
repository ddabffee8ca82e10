"""A program's files as they are in one git commit, read straight from git's objects.

Nothing is checked out: the working tree and the index are never read or written.
"""

from __future__ import annotations

from typing import Any

from icmkit.errors import UnreadableInputError
from icmkit.model.layout import FILE_KINDS, kind_for

_BLOB = "blob"
_TREE = "tree"


class GitRevisionSource:
    """The files of the program at ``prefix`` (a folder of the repository, POSIX, ``""`` for
    the top) in ``commit`` (a GitPython commit object)."""

    def __init__(self, commit: Any, prefix: str, label: str) -> None:
        self.label = label
        self._prefix = prefix.strip("/")
        self._blobs: dict[str, Any] | None = None
        self._commit = commit

    def _root_tree(self) -> Any | None:
        tree = self._commit.tree
        if not self._prefix:
            return tree
        try:
            found = tree / self._prefix
        except KeyError:
            return None
        return found if found.type == _TREE else None

    def _index(self) -> dict[str, Any]:
        if self._blobs is None:
            blobs: dict[str, Any] = {}
            root = self._root_tree()
            if root is not None:
                for kind in FILE_KINDS:
                    folder = kind.folder
                    if folder is None:
                        for name in kind.file_names:
                            self._add(blobs, root, name)
                    else:
                        self._walk(blobs, root, folder)
            self._blobs = blobs
        return self._blobs

    @staticmethod
    def _add(blobs: dict[str, Any], root: Any, name: str) -> None:
        try:
            found = root / name
        except KeyError:
            return
        if found.type == _BLOB:
            blobs[name] = found

    @staticmethod
    def _walk(blobs: dict[str, Any], root: Any, folder: str) -> None:
        try:
            base = root / folder
        except KeyError:
            return
        if base.type != _TREE:
            return
        pending = [(folder, base)]
        while pending:
            rel, tree = pending.pop()
            for entry in tree:
                name = entry.name
                if name.startswith("."):
                    continue
                path = f"{rel}/{name}"
                if entry.type == _TREE:
                    pending.append((path, entry))
                elif entry.type == _BLOB and name.endswith((".yaml", ".yml")):
                    blobs[path] = entry

    def list_files(self) -> list[str]:
        index = self._index()
        order = {kind.name: n for n, kind in enumerate(FILE_KINDS)}

        def key(path: str) -> tuple[int, str]:
            kind = kind_for(path)
            return (order[kind.name] if kind is not None else len(order), path)

        return sorted(index, key=key)

    def _blob(self, path: str) -> Any:
        found = self._index().get(path)
        if found is None:
            raise UnreadableInputError(f"{self.label}:{path}: no such file in this revision")
        return found

    def size(self, path: str) -> int:
        return int(self._blob(path).size)

    def blob_id(self, path: str) -> str:
        """Git's object id of the file: equal ids mean equal bytes."""
        return str(self._blob(path).hexsha)

    def read_bytes(self, path: str) -> bytes:
        data: bytes = self._blob(path).data_stream.read()
        return data
