"""libyaml's events for one file as the reader takes them, with what composing them would check.

``EventStream`` hands the reader (``yaml_events``) its events and knows the anchors met so far.
It reports what composing a node graph from the same events would refuse, in the order
composing would refuse it: an undefined alias, a duplicate anchor, a second document, and (in
files that could nest deeply) nesting past the limit. When recording, it keeps the events read,
so that a value an alias names can be read again where the alias is.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import yaml
from yaml.composer import ComposerError
from yaml.events import (
    AliasEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)

from icmkit.loading.yaml_values import ReadProblem

_DEEP_FILE = 2000
"""Nesting from which a file counts as deep (``could_be_deep``)."""


def could_be_deep(text: str) -> bool:
    """Whether ``text`` may nest near ``_DEEP_FILE`` levels (at most two per bracket plus two
    per column). In such files nesting past the limit wins over every other problem: it is
    checked on every mapping and list, read or not, before anything else is reported."""
    brackets = text.count("[") + text.count("{")
    return 2 * brackets + 2 * max(map(len, text.split("\n"))) + 4 > _DEEP_FILE


def nesting_problem(max_depth: int, mark: Any) -> ReadProblem:
    """The problem for a mapping or list (starting at ``mark``) nested past ``max_depth``."""
    line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    return ReadProblem(
        "YML003", f"values nested deeper than {max_depth} levels; flatten them", line, col
    )


def first_too_deep(get: Callable[[], Any], depth: int, max_depth: int) -> ReadProblem | None:
    """The first mapping or list nested deeper than ``max_depth`` in the rest of an event
    stream (``depth`` mappings and lists already open); YAML errors are raised."""
    while (event := get()) is not None:
        kind = type(event)
        if kind is MappingStartEvent or kind is SequenceStartEvent:
            if depth > max_depth:
                return nesting_problem(max_depth, event.start_mark)
            depth += 1
        elif kind is MappingEndEvent or kind is SequenceEndEvent:
            depth -= 1
    return None


def expansion_problem(max_nodes: int, mark: Any) -> ReadProblem:
    """The problem for the value (at ``mark``) that takes a file past ``max_nodes`` values."""
    return ReadProblem(
        "YML003",
        f"file expands to more than {max_nodes:,} values "
        "(aliases counted each time they are used); remove the repeated aliases "
        "or split the file",
        mark.line + 1,
        mark.column + 1,
    )


class AnchorState(enum.Enum):
    """What an anchor names, and whether it is built yet."""

    SCALAR = "a scalar"
    OPEN = "a mapping or list being built"
    BUILT = "a mapping or list built"
    UNREAD = "a mapping or list never built (the value of a duplicate key, or a key)"


@dataclass(slots=True)
class Anchor:
    """What an anchor names, as far as the reader has got."""

    mark: Any
    """Where the anchored value starts."""
    state: AnchorState
    tag: str = ""
    text: str = ""
    style: str | None = None
    """A scalar's resolved tag, text and style."""
    data: Any = None
    children: Any = None
    size: int = 0
    """A built mapping's or list's data, positions of its children, and values it expands to."""
    start: int = -1
    """Where its events start among those recorded (-1 when not recording)."""


@dataclass(slots=True)
class Built:
    """A mapping or list built from recorded events, reused wherever they are read again."""

    data: Any
    children: Any
    size: int
    end: int
    """The index of its end event."""


@dataclass(slots=True)
class Replay:
    """Recorded events being read again for an alias."""

    resume: int
    """The recorded event to go on from when the value is read (-1: the live stream)."""
    depth: int
    """Open mappings and lists when the alias was met; the value read closes back to it."""


class EventStream:
    """libyaml's events for one file, and the anchors met in them."""

    def __init__(
        self,
        get_event: Callable[[], Any],
        *,
        max_depth: int,
        deep: bool = False,
        recording: bool = False,
    ) -> None:
        self.live = get_event
        self.max_depth = max_depth
        self.deep = deep  # nesting past max_depth wins over every other problem (could_be_deep)
        self.anchors: dict[str, Anchor] = {}
        self.root_mark: Any = None
        self.recording = recording
        self.events: list[Any] = []
        self.at = -1  # the index of the event just read, when recording
        self.cursor = -1  # the recorded event to read next (-1: read the live stream)
        self.replays: list[Replay] = []
        # Mappings and lists built, and the end of each one dropped, by their start event.
        self.built: dict[int, Built] = {}
        self.dropped: dict[int, int] = {}
        self.next: Callable[[], Any] = self._next_recorded if recording else get_event

    # ---- recording -----------------------------------------------------------------------

    def _next_recorded(self) -> Any:
        cursor = self.cursor
        if cursor < 0:
            event = self.live()
            self.events.append(event)
            self.at = len(self.events) - 1
            return event
        self.at = cursor
        self.cursor = cursor + 1
        return self.events[cursor]

    @property
    def replaying(self) -> bool:
        return self.cursor >= 0

    def replay(self, start: int, depth: int) -> None:
        """Read the recorded events from ``start`` again (one value), then go on from here."""
        self.replays.append(Replay(self.cursor, depth))
        self.cursor = start

    def finished(self, start: int, data: Any, children: Any, size: int, depth: int) -> None:
        """A mapping or list was built from its events; a value read again ends with it."""
        self.built[start] = Built(data, children, size, self.at)
        if self.replays and depth == self.replays[-1].depth:
            self.cursor = self.replays.pop().resume

    def skip_past(self, end: int) -> None:
        self.cursor = end + 1

    def live_depth(self, depth: int) -> int:
        """Mappings and lists open in the live stream, when ``depth`` are open in all."""
        return self.replays[0].depth if self.replays else depth

    # ---- what composing would refuse -----------------------------------------------------

    def undefined(self, event: Any) -> ComposerError:
        return ComposerError(None, None, "found undefined alias", event.start_mark)

    def duplicate(self, event: Any) -> ComposerError:
        return ComposerError(
            "found duplicate anchor; first occurrence",
            self.anchors[event.anchor].mark,
            "second occurrence",
            event.start_mark,
        )

    def second_document(self, event: Any) -> ComposerError:
        return ComposerError(
            "expected a single document in the stream",
            self.root_mark,
            "but found another document",
            event.start_mark,
        )

    def composer_failed(self, error: yaml.YAMLError, depth: int) -> ReadProblem:
        """After a composing error (``depth`` mappings and lists open): raised, except that in
        a file that could be deep, nesting past the limit later in the file still wins."""
        if not self.deep:
            raise error
        try:
            problem = first_too_deep(self.live, depth, self.max_depth)
            if problem is not None:
                return problem
        except yaml.YAMLError as exc:  # the composing error came first
            if "nesting depth" in (getattr(exc, "problem", None) or ""):
                raise  # libyaml refused the nesting: where it passes the limit is found apart
        raise error

    def drain(self, depth: int) -> ReadProblem | None:
        """Read the rest of the live stream (``depth`` mappings and lists open) only for what
        composing would refuse, and for nesting past the limit."""
        get = self.live
        anchors = self.anchors
        deep = self.deep
        max_depth = self.max_depth
        while True:
            event = get()
            kind = type(event)
            if kind is AliasEvent:
                if event.anchor not in anchors:
                    return self.composer_failed(self.undefined(event), depth)
                continue
            if kind is MappingStartEvent or kind is SequenceStartEvent or kind is ScalarEvent:
                if self.root_mark is None:
                    self.root_mark = event.start_mark
                starts = kind is not ScalarEvent
                if starts and deep and depth > max_depth:
                    return nesting_problem(max_depth, event.start_mark)
                anchor = event.anchor
                if anchor is not None:
                    if anchor in anchors:
                        return self.composer_failed(self.duplicate(event), depth + starts)
                    anchors[anchor] = Anchor(event.start_mark, AnchorState.UNREAD)
                if starts:
                    depth += 1
            elif kind is MappingEndEvent or kind is SequenceEndEvent:
                depth -= 1
            elif kind is DocumentStartEvent:
                return self.composer_failed(self.second_document(event), depth)
            elif kind is StreamEndEvent:
                return None

    def first_error(self) -> None:
        """Read the whole stream as composing its one document would: raise the first error."""
        self.live()  # the stream start
        if type(self.live()) is not StreamEndEvent:
            self.drain(0)
