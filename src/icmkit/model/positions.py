"""Source positions of YAML values, kept beside the plain data the models are built from.

A position node is a plain tuple so that it is cheap to build and to cache:
``(line, col, key_line, key_col, children, text)`` with 1-based lines and columns.
``children`` is a dict (mapping keys to nodes), a list (sequence items) or ``None`` (scalar);
``text`` is the original text of a plain scalar that YAML read as something other than a string.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Final, TypeAlias

PosNode: TypeAlias = tuple[int, int, int, int, Any, str | None]

LINE: Final = 0
COL: Final = 1
KEY_LINE: Final = 2
KEY_COL: Final = 3
CHILDREN: Final = 4
TEXT: Final = 5

EMPTY_NODE: PosNode = (1, 1, 1, 1, None, None)


def descend(node: PosNode, path: Sequence[str | int]) -> tuple[PosNode, bool]:
    """Follow ``path`` from ``node`` as far as it goes; say whether it went all the way."""
    current = node
    for step in path:
        children = current[CHILDREN]
        nxt: PosNode | None = None
        if isinstance(children, dict):
            nxt = children.get(step)
        elif isinstance(children, list) and isinstance(step, int) and 0 <= step < len(children):
            nxt = children[step]
        if nxt is None:
            return current, False
        current = nxt
    return current, True


@dataclass(frozen=True, slots=True)
class Where:
    """Where a model instance came from: a file (relative, POSIX) and its YAML node."""

    path: str
    node: PosNode = EMPTY_NODE

    def at(self, *path: str | int) -> tuple[int, int]:
        """Line and column of the value at ``path`` below this node (or of the nearest parent)."""
        found, _ = descend(self.node, path)
        return found[LINE], found[COL]

    def key_at(self, *path: str | int) -> tuple[int, int]:
        """Line and column of the key of the value at ``path`` (the value itself in a list)."""
        found, complete = descend(self.node, path)
        if complete and path and isinstance(path[-1], str):
            return found[KEY_LINE], found[KEY_COL]
        return found[LINE], found[COL]

    def child(self, *path: str | int) -> Where:
        found, _ = descend(self.node, path)
        return Where(self.path, found)

    def has(self, *path: str | int) -> bool:
        return descend(self.node, path)[1]
