"""Reading libyaml's event stream in one pass: plain data and positions, with an explicit stack.

No node graph is composed and nothing recurses, so nesting is counted as it is read and deep
files are refused at the limit (libyaml's own parser keeps its state on the heap).
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml.composer import ComposerError
from yaml.events import (
    AliasEvent,
    DocumentEndEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)
from yaml.nodes import ScalarNode
from yaml.resolver import Resolver

from icmkit.loading.limits import Limits
from icmkit.loading.yaml_values import (
    _MAP,
    _MERGE,
    _SEQ,
    _STR,
    ReadProblem,
    ReadResult,
    _scalar,
    _TooBig,
    _unsupported_tag,
)
from icmkit.model.positions import PosNode

_SAFE_DEPTH = 2000
"""Nesting that libyaml's composer handles safely; far deeper, it exhausts the C stack."""


def could_be_deep(text: str) -> bool:
    """Whether ``text`` may nest near ``_SAFE_DEPTH`` (at most two levels per bracket plus two
    per column). For such files the nesting limit wins over every other problem and is checked
    on every value, as the node-graph reader does by scanning them before composing."""
    brackets = text.count("[") + text.count("{")
    return 2 * brackets + 2 * max(map(len, text.split("\n"))) + 4 > _SAFE_DEPTH


_RESOLVER = Resolver()
_RESOLVABLE = frozenset(k for k in Resolver.yaml_implicit_resolvers if k is not None)
"""First characters of the plain scalars YAML 1.1 may read as something other than text."""
_ALL_RESOLVABLE = None in Resolver.yaml_implicit_resolvers

# A frame is one mapping or sequence being read: a list indexed by these.
_IS_MAP, _DATA, _POS, _SIZE, _MERGED, _LINE, _COL, _KL, _KC, _SKIP, _KEY, _ANCHOR = range(12)
# What the key just read in a mapping asks for its value (the last item of the key state).
_PUT, _MERGE_IN, _DROP = 0, 1, 2
_DROP_VALUE = (None, 0, 0, _DROP)
# Anchor records: (mark, kind, payload).
_SCALAR, _BUILT, _OPEN, _UNREAD = 0, 1, 2, 3


class NeedsNodes(Exception):
    """The file uses an alias the one-pass reader does not follow; compose the node graph."""


class EventReader:
    """Plain data and positions from libyaml's event stream, in one pass with an explicit stack.

    A value is *dropped* (not built, counted or checked) where the node builder never read it:
    the value of a duplicate key, and a key that is a mapping or list with its value. Problems
    are reported in the same order, and with the same priority, as composing the node graph
    and building from it would report them.
    """

    def __init__(self, get_event: Any, limits: Limits, deep: bool) -> None:
        self.get = get_event
        self.limits = limits
        self.deep = deep
        self.anchors: dict[str, tuple[Any, int, Any]] = {}
        self.root_mark: Any = None
        self.depth = 0

    def _depth_problem(self, mark: Any) -> ReadProblem:
        return ReadProblem(
            "YML003",
            f"values nested deeper than {self.limits.max_depth} levels; flatten them",
            mark.line + 1,
            mark.column + 1,
        )

    def _count_problem(self, mark: Any) -> ReadProblem:
        return ReadProblem(
            "YML003",
            f"file expands to more than {self.limits.max_nodes:,} values "
            "(aliases counted each time they are used); remove the repeated aliases "
            "or split the file",
            mark.line + 1,
            mark.column + 1,
        )

    def read(self) -> ReadResult:
        try:
            return self._read()
        except _TooBig as exc:
            # The node-graph reader composes the whole file before building from it: syntax
            # errors anywhere in the file win over the limits.
            deeper = self._drain(self.depth)
            return ReadResult(problems=[deeper or exc.problem])

    def _composer_failed(self, error: yaml.YAMLError, depth: int) -> ReadProblem:
        """After a composing error; in a file that could be deep the nesting limit still wins."""
        if not self.deep:
            raise error
        get = self.get
        max_depth = self.limits.max_depth
        try:
            while (event := get()) is not None:
                kind = type(event)
                if kind is MappingStartEvent or kind is SequenceStartEvent:
                    if depth > max_depth:
                        return self._depth_problem(event.start_mark)
                    depth += 1
                elif kind is MappingEndEvent or kind is SequenceEndEvent:
                    depth -= 1
        except yaml.YAMLError as exc:  # the composing error came first
            if "nesting depth" in (getattr(exc, "problem", None) or ""):
                raise NeedsNodes from exc
        raise error

    def _drain(self, depth: int) -> ReadProblem | None:
        """Read the rest of the stream only for syntax errors (and the nesting limit)."""
        get = self.get
        anchors = self.anchors
        deep = self.deep
        max_depth = self.limits.max_depth
        while True:
            event = get()
            kind = type(event)
            if kind is AliasEvent:
                if event.anchor not in anchors:
                    error = ComposerError(None, None, "found undefined alias", event.start_mark)
                    return self._composer_failed(error, depth)
                continue
            if kind is MappingStartEvent or kind is SequenceStartEvent or kind is ScalarEvent:
                starts = kind is not ScalarEvent
                if starts and deep and depth > max_depth:
                    return self._depth_problem(event.start_mark)
                anchor = event.anchor
                if anchor is not None:
                    if anchor in anchors:
                        return self._composer_failed(self._duplicate(event), depth + starts)
                    anchors[anchor] = (event.start_mark, _UNREAD, None)
                if starts:
                    depth += 1
            elif kind is MappingEndEvent or kind is SequenceEndEvent:
                depth -= 1
            elif kind is DocumentStartEvent:
                return self._composer_failed(self._second_document(event), depth)
            elif kind is StreamEndEvent:
                return None

    def _duplicate(self, event: Any) -> ComposerError:
        return ComposerError(
            "found duplicate anchor; first occurrence",
            self.anchors[event.anchor][0],
            "second occurrence",
            event.start_mark,
        )

    def _second_document(self, event: Any) -> ComposerError:
        return ComposerError(
            "expected a single document in the stream",
            self.root_mark,
            "but found another document",
            event.start_mark,
        )

    def _read(self) -> ReadResult:  # one loop, kept flat for speed
        get = self.get
        limits = self.limits
        max_depth = limits.max_depth
        max_nodes = limits.max_nodes
        deep = self.deep
        anchors = self.anchors
        resolve: Any = _RESOLVER.resolve
        resolvable = _RESOLVABLE
        all_resolvable = _ALL_RESOLVABLE
        resolved: dict[str, str] = {}  # plain scalar -> its tag (the same text, the same tag)
        problems: list[ReadProblem] = []
        stack: list[list[Any]] = []
        expanded = 0
        root: tuple[Any, PosNode] | None = None

        get()  # the stream start
        if type(get()) is StreamEndEvent:
            return ReadResult(
                problems=[
                    ReadProblem("YML006", "file is empty; add its content or delete the file")
                ]
            )

        def put(value: Any, pos: PosNode, size: int) -> None:
            nonlocal root
            if not stack:
                root = (value, pos)
                return
            parent = stack[-1]
            parent[_SIZE] += size
            if not parent[_IS_MAP]:
                parent[_DATA].append(value)
                parent[_POS].append(pos)
                return
            key, kl, kc, what = parent[_KEY]
            parent[_KEY] = None
            if what == _PUT:
                parent[_DATA][key] = value
                parent[_POS][key] = pos
                return
            sources = (
                [(value, pos)]
                if isinstance(value, dict)
                else list(zip(value, pos[4], strict=False))
                if isinstance(value, list)
                else []
            )
            for src_value, src_pos in sources:
                if isinstance(src_value, dict):
                    parent[_MERGED].append((src_value, src_pos[4]))
                else:
                    problems.append(
                        ReadProblem("YML001", "a merge key `<<` must refer to mappings", kl, kc)
                    )

        def take_key(parent: list[Any], tag: str, key: str, mark: Any) -> None:
            kl, kc = mark.line + 1, mark.column + 1
            if tag == _MERGE:
                parent[_KEY] = (None, kl, kc, _MERGE_IN)
            elif key in parent[_DATA]:
                first = parent[_POS][key]
                problems.append(
                    ReadProblem(
                        "YML002",
                        f"duplicate key `{key}` (first given at line {first[2]}); "
                        "remove one of them",
                        kl,
                        kc,
                    )
                )
                parent[_KEY] = _DROP_VALUE
            else:
                parent[_KEY] = (key, kl, kc, _PUT)

        while True:
            event = get()
            kind = type(event)
            if kind is MappingEndEvent or kind is SequenceEndEvent:
                frame: list[Any] = stack.pop()
                if frame[_SKIP]:
                    if stack and not stack[-1][_SKIP]:
                        owner = stack[-1]
                        # A mapping or list as a key drops its value; a dropped value is done.
                        owner[_KEY] = _DROP_VALUE if owner[_KEY] is None else None
                    continue
                data = frame[_DATA]
                children = frame[_POS]
                if frame[_IS_MAP]:
                    for src_value, src_pos in frame[_MERGED]:
                        for k, v in src_value.items():
                            if k not in data:
                                data[k] = v
                                children[k] = src_pos[k]
                line, col = frame[_LINE], frame[_COL]
                size = frame[_SIZE]
                anchor = frame[_ANCHOR]
                if anchor is not None:
                    anchors[anchor] = (anchors[anchor][0], _BUILT, (data, children, size))
                put(data, (line, col, frame[_KL] or line, frame[_KC] or col, children, None), size)
                continue

            # Where this value goes: dropped, a key, or a value (with its key's place).
            parent: list[Any] | None = stack[-1] if stack else None
            kl = kc = 0
            as_key = False
            key_state: Any = None
            if parent is None:
                dropped = False
            elif parent[_SKIP]:
                dropped = True
            elif parent[_IS_MAP]:
                key_state = parent[_KEY]
                if key_state is None:
                    dropped = False
                    as_key = True
                else:
                    dropped = key_state[3] == _DROP
                    kl, kc = key_state[1], key_state[2]
            else:
                dropped = False

            if kind is ScalarEvent:
                mark = event.start_mark
                anchor = event.anchor
                if anchor is not None and anchor in anchors:
                    error = self._duplicate(event)
                    return ReadResult(problems=[self._composer_failed(error, len(stack))])
                value = event.value
                tag = event.tag
                if tag is None or tag == "!":
                    implicit = event.implicit
                    if implicit[0] and (all_resolvable or value[:1] in resolvable):
                        tag = resolved.get(value)
                        if tag is None:
                            tag = resolved[value] = resolve(ScalarNode, value, implicit)
                    else:
                        tag = _STR
                if anchor is not None:
                    anchors[anchor] = (mark, _SCALAR, (tag, value, event.style))
                if parent is None and root is None:
                    self.root_mark = mark
                if dropped:
                    if parent is not None and not parent[_SKIP]:
                        parent[_KEY] = None
                    continue
                if as_key:
                    if tag != _MERGE and value not in parent[_DATA]:  # type: ignore[index]
                        parent[_KEY] = (value, mark.line + 1, mark.column + 1, _PUT)  # type: ignore[index]
                    else:
                        take_key(parent, tag, value, mark)  # type: ignore[arg-type]
                    continue
                expanded += 1
                if expanded > max_nodes:
                    self.depth = len(stack)
                    raise _TooBig(self._count_problem(mark))
                line, col = mark.line + 1, mark.column + 1
                if tag == _STR:
                    data, text = value, None
                else:
                    data, text = _scalar(tag, value, event.style, line, col, problems)
                pos = (line, col, kl or line, kc or col, None, text)
                if parent is None or (parent[_IS_MAP] and key_state[3] != _PUT):
                    put(data, pos, 1)
                elif parent[_IS_MAP]:  # the usual case, without a call: a value under its key
                    parent[_SIZE] += 1
                    parent[_KEY] = None
                    key = key_state[0]
                    parent[_DATA][key] = data
                    parent[_POS][key] = pos
                else:
                    parent[_SIZE] += 1
                    parent[_DATA].append(data)
                    parent[_POS].append(pos)

            elif kind is MappingStartEvent or kind is SequenceStartEvent:
                mark = event.start_mark
                depth = len(stack)
                if deep and depth > max_depth:
                    return ReadResult(problems=[self._depth_problem(mark)])
                anchor = event.anchor
                if anchor is not None and anchor in anchors:
                    error = self._duplicate(event)
                    return ReadResult(problems=[self._composer_failed(error, depth + 1)])
                if parent is None and root is None:
                    self.root_mark = mark
                is_map = kind is MappingStartEvent
                skip = dropped or as_key
                if anchor is not None:
                    anchors[anchor] = (mark, _UNREAD if skip else _OPEN, None)
                if as_key:
                    problems.append(
                        ReadProblem(
                            "YML001",
                            "a key must be plain text, not a list or mapping",
                            mark.line + 1,
                            mark.column + 1,
                        )
                    )
                elif not skip:
                    if depth > max_depth:
                        self.depth = depth + 1  # this mapping or list is open
                        raise _TooBig(self._depth_problem(mark))
                    expanded += 1
                    if expanded > max_nodes:
                        self.depth = depth + 1  # this mapping or list is open
                        raise _TooBig(self._count_problem(mark))
                    tag = event.tag
                    if tag is not None and tag != "!" and tag != (_MAP if is_map else _SEQ):
                        problems.append(_unsupported_tag(tag, mark.line + 1, mark.column + 1))
                frame = [
                    is_map,
                    {} if is_map else [],
                    {} if is_map else [],
                    1,
                    [] if is_map else None,
                    mark.line + 1,
                    mark.column + 1,
                    kl,
                    kc,
                    skip,
                    None,
                    anchor,
                ]
                stack.append(frame)

            elif kind is AliasEvent:
                record = anchors.get(event.anchor)
                if record is None:
                    error = ComposerError(None, None, "found undefined alias", event.start_mark)
                    return ReadResult(problems=[self._composer_failed(error, len(stack))])
                if dropped:
                    if parent is not None and not parent[_SKIP]:
                        parent[_KEY] = None
                    continue
                mark, what, payload = record
                if as_key:
                    if what == _SCALAR:
                        take_key(parent, payload[0], payload[1], mark)  # type: ignore[arg-type]
                    else:
                        problems.append(
                            ReadProblem(
                                "YML001",
                                "a key must be plain text, not a list or mapping",
                                mark.line + 1,
                                mark.column + 1,
                            )
                        )
                        parent[_KEY] = _DROP_VALUE  # type: ignore[index]
                    continue
                line, col = mark.line + 1, mark.column + 1
                if what == _SCALAR:
                    expanded += 1
                    if expanded > max_nodes:
                        self.depth = len(stack)
                        raise _TooBig(self._count_problem(mark))
                    data, text = _scalar(payload[0], payload[1], payload[2], line, col, problems)
                    put(data, (line, col, kl or line, kc or col, None, text), 1)
                elif what == _BUILT:
                    data, children, size = payload
                    expanded += size
                    if expanded > max_nodes:
                        self.depth = len(stack)
                        raise _TooBig(self._count_problem(mark))
                    put(data, (line, col, kl or line, kc or col, children, None), size)
                else:  # used inside itself, or naming a value that was dropped
                    raise NeedsNodes

            elif kind is DocumentEndEvent:
                break

        event = get()
        if type(event) is not StreamEndEvent:
            return ReadResult(problems=[self._composer_failed(self._second_document(event), 0)])
        assert root is not None
        result = ReadResult(data=root[0], positions=root[1], problems=problems)
        if any(p.code == "YML007" for p in problems):
            # A tag asks for processing icmkit never does: the values are not what was meant,
            # so the file is not validated (which would only report the tagged values again).
            result.data, result.positions = None, None
        return result
