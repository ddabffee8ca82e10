"""One mapping or list being read from the event stream (``yaml_events``): what it holds so
far, where it is, and, for a mapping, what its next value is for."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from icmkit.loading.yaml_values import ReadProblem
from icmkit.model.positions import CHILDREN, PosNode

# What a mapping's next value is for (``Frame.next_is``).
NEXT_KEY = 0
"""The next value is a key."""
NEXT_VALUE = 1
"""The next value goes under the key just read (``Frame.key``)."""
NEXT_MERGED = 2
"""The next value is merged in (the key just read was ``<<``)."""
NEXT_DROPPED = 3
"""The next value is dropped: its key was a duplicate, a mapping or a list."""


@dataclass(slots=True)
class Frame:
    """One mapping or list being read."""

    is_map: bool
    data: Any
    """The dict or list built so far."""
    children: Any
    """The positions of its values so far (a dict or list, as ``data``)."""
    line: int
    col: int
    key_line: int
    key_col: int
    """Where its key is (0 for a list item or the whole document)."""
    skip: bool
    """Dropped: read for syntax only, never built or counted."""
    anchor: str | None
    start: int
    """The index of its start event among the recorded ones (-1 when not recording)."""
    size: int = 1
    """Values it expands to so far, itself included."""
    merged: list[tuple[dict[str, Any], dict[str, PosNode]]] | None = None
    """Mappings merged in with ``<<``, whose keys are added when it ends."""
    next_is: int = NEXT_KEY
    """What a mapping's next value is for (one of the ``NEXT_`` values above)."""
    key: str = ""
    pending_line: int = 0
    pending_col: int = 0
    """The key just read (a ``<<`` or a duplicate too), and where it is."""

    def merge_in(self, value: Any, pos: PosNode, problems: list[ReadProblem]) -> None:
        """Take the value of ``<<``: a mapping, or a list of mappings, to merge in at the end."""
        sources = (
            [(value, pos)]
            if isinstance(value, dict)
            else list(zip(value, pos[CHILDREN], strict=False))
            if isinstance(value, list)
            else []
        )
        for src_value, src_pos in sources:
            if isinstance(src_value, dict):
                if self.merged is None:
                    self.merged = []
                self.merged.append((src_value, src_pos[CHILDREN]))
            else:
                problems.append(
                    ReadProblem(
                        "YML001",
                        "a merge key `<<` must refer to mappings",
                        self.pending_line,
                        self.pending_col,
                    )
                )

    def add_merged(self) -> None:
        """Add the keys of the mappings merged in that it does not have itself, in order."""
        data, children = self.data, self.children
        for src_value, src_pos in self.merged or ():
            for key, value in src_value.items():
                if key not in data:
                    data[key] = value
                    children[key] = src_pos[key]
