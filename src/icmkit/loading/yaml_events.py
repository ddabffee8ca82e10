"""Reading libyaml's event stream in one pass: plain data and positions, with an explicit stack.

No node graph is composed and nothing recurses, so nesting is counted as values are read and
deep files are refused at the limit (libyaml's own parser keeps its state on the heap). The
results are those of composing the node graph and building from it, problems included, with
their order and which one wins when a file has several: an anchored value is built once and
each alias reuses it, counted again at its full size; a value that was never built where it
was written (the value of a duplicate key, or a key that is a mapping or list) is built where
an alias names it; and an alias used inside the value it names expands again and again until
it passes a limit. For those last two the events are recorded and read again (``yaml_stream``).
"""

from __future__ import annotations

from typing import Any

from yaml.events import (
    AliasEvent,
    DocumentEndEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)
from yaml.nodes import ScalarNode
from yaml.resolver import Resolver

from icmkit.loading.yaml_frame import (
    NEXT_DROPPED,
    NEXT_KEY,
    NEXT_MERGED,
    NEXT_VALUE,
    Frame,
)
from icmkit.loading.yaml_stream import (
    Anchor,
    AnchorState,
    EventStream,
    expansion_problem,
    nesting_problem,
)
from icmkit.loading.yaml_values import (
    MAP_TAG,
    MERGE_TAG,
    SEQ_TAG,
    STR_TAG,
    ReadProblem,
    ReadResult,
    scalar_value,
    unsupported_tag,
)
from icmkit.model.positions import KEY_LINE, PosNode

_RESOLVER = Resolver()
_RESOLVABLE = frozenset(k for k in Resolver.yaml_implicit_resolvers if k is not None)
"""First characters of the plain scalars YAML 1.1 may read as something other than text."""
_ALL_RESOLVABLE = None in Resolver.yaml_implicit_resolvers


def _key_problem(mark: Any) -> ReadProblem:
    return ReadProblem(
        "YML001", "a key must be plain text, not a list or mapping", mark.line + 1, mark.column + 1
    )


class ReadAgain(Exception):
    """An alias names a value not built where it was written: read again, recording events."""


class _TooBig(Exception):
    def __init__(self, problem: ReadProblem, depth: int) -> None:
        super().__init__(problem.message)
        self.problem = problem
        self.depth = depth  # mappings and lists open, the one just started included


class EventReader:
    """Plain data and positions from an event stream, in one pass with an explicit stack.

    A value is *dropped* (not built, counted or checked) where building from the node graph
    never reads it: the value of a duplicate key, and a key that is a mapping or list with its
    value.
    """

    def __init__(self, stream: EventStream, *, max_nodes: int) -> None:
        self.stream = stream
        self.max_nodes = max_nodes

    def read(self) -> ReadResult:
        try:
            return self._read()
        except _TooBig as exc:
            # Composing reads the whole file before anything is built from it: syntax errors
            # anywhere in the file win over the limits.
            deeper = self.stream.drain(self.stream.live_depth(exc.depth))
            return ReadResult(problems=[deeper or exc.problem])

    def _read(self) -> ReadResult:  # one loop, kept flat for speed
        stream = self.stream
        get = stream.next
        recording = stream.recording
        max_depth = stream.max_depth
        max_nodes = self.max_nodes
        deep = stream.deep
        anchors = stream.anchors
        resolve: Any = _RESOLVER.resolve
        resolvable = _RESOLVABLE
        all_resolvable = _ALL_RESOLVABLE
        resolved: dict[str, str] = {}  # plain scalar -> its tag (the same text, the same tag)
        problems: list[ReadProblem] = []
        stack: list[Frame] = []
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
            parent.size += size
            if not parent.is_map:
                parent.data.append(value)
                parent.children.append(pos)
                return
            wanted = parent.next_is
            parent.next_is = NEXT_KEY
            if wanted == NEXT_VALUE:
                parent.data[parent.key] = value
                parent.children[parent.key] = pos
                return
            parent.merge_in(value, pos, problems)

        def take_key(parent: Frame, tag: str, key: str, mark: Any) -> None:
            parent.pending_line, parent.pending_col = mark.line + 1, mark.column + 1
            if tag == MERGE_TAG:
                parent.next_is = NEXT_MERGED
            elif key in parent.data:
                first = parent.children[key]
                problems.append(
                    ReadProblem(
                        "YML002",
                        f"duplicate key `{key}` (first given at line {first[KEY_LINE]}); "
                        "remove one of them",
                        mark.line + 1,
                        mark.column + 1,
                    )
                )
                parent.next_is = NEXT_DROPPED
            else:
                parent.next_is = NEXT_VALUE
                parent.key = key

        while True:
            event = get()
            kind = type(event)
            if kind is MappingEndEvent or kind is SequenceEndEvent:
                frame = stack.pop()
                if frame.skip:
                    if stack and not stack[-1].skip:
                        owner = stack[-1]
                        # A mapping or list as a key drops its value; a dropped value is done.
                        owner.next_is = NEXT_DROPPED if owner.next_is == NEXT_KEY else NEXT_KEY
                    if recording:
                        stream.dropped[frame.start] = stream.at
                    continue
                data = frame.data
                children = frame.children
                if frame.merged is not None:
                    frame.add_merged()
                line, col = frame.line, frame.col
                size = frame.size
                if frame.anchor is not None:
                    named = anchors[frame.anchor]
                    named.state = AnchorState.BUILT
                    named.data, named.children, named.size = data, children, size
                if recording:
                    stream.finished(frame.start, data, children, size, len(stack))
                put(
                    data,
                    (line, col, frame.key_line or line, frame.key_col or col, children, None),
                    size,
                )
                continue

            # Where this value goes: dropped, a key, or a value (with its key's place).
            parent: Frame | None = stack[-1] if stack else None
            kl = kc = 0
            as_key = False
            wanted = NEXT_VALUE
            if parent is None:
                dropped = False
            elif parent.skip:
                dropped = True
            elif parent.is_map:
                wanted = parent.next_is
                if wanted == NEXT_KEY:
                    dropped = False
                    as_key = True
                else:
                    dropped = wanted == NEXT_DROPPED
                    kl, kc = parent.pending_line, parent.pending_col
            else:
                dropped = False

            if kind is ScalarEvent:
                mark = event.start_mark
                anchor = event.anchor
                if anchor is not None and anchor in anchors and not stream.replaying:
                    error = stream.duplicate(event)
                    return ReadResult(problems=[stream.composer_failed(error, len(stack))])
                value = event.value
                tag = event.tag
                if tag is None or tag == "!":
                    implicit = event.implicit
                    if implicit[0] and (all_resolvable or value[:1] in resolvable):
                        tag = resolved.get(value)
                        if tag is None:
                            tag = resolved[value] = resolve(ScalarNode, value, implicit)
                    else:
                        tag = STR_TAG
                if anchor is not None and not stream.replaying:
                    anchors[anchor] = Anchor(
                        mark, AnchorState.SCALAR, tag=tag, text=value, style=event.style
                    )
                if parent is None:
                    if root is None:
                        stream.root_mark = mark
                elif dropped:
                    if not parent.skip:
                        parent.next_is = NEXT_KEY
                    continue
                elif as_key:
                    if tag != MERGE_TAG and value not in parent.data:
                        parent.next_is = NEXT_VALUE
                        parent.key = value
                        parent.pending_line = mark.line + 1
                        parent.pending_col = mark.column + 1
                    else:
                        take_key(parent, tag, value, mark)
                    continue
                expanded += 1
                if expanded > max_nodes:
                    raise _TooBig(expansion_problem(max_nodes, mark), len(stack))
                line, col = mark.line + 1, mark.column + 1
                if tag == STR_TAG:
                    data, text = value, None
                else:
                    data, text = scalar_value(tag, value, event.style, line, col, problems)
                pos = (line, col, kl or line, kc or col, None, text)
                if parent is None or wanted == NEXT_MERGED:
                    put(data, pos, 1)
                elif parent.is_map:  # the usual case, without a call: a value under its key
                    parent.size += 1
                    parent.next_is = NEXT_KEY
                    key = parent.key
                    parent.data[key] = data
                    parent.children[key] = pos
                else:
                    parent.size += 1
                    parent.data.append(data)
                    parent.children.append(pos)

            elif kind is MappingStartEvent or kind is SequenceStartEvent:
                mark = event.start_mark
                depth = len(stack)
                skip = dropped or as_key
                replayed = recording and stream.replaying
                if not replayed:
                    if deep and depth > max_depth:
                        return ReadResult(problems=[nesting_problem(max_depth, mark)])
                elif skip and (end := stream.dropped.get(stream.at)) is not None:
                    # Dropped again: skip its events, then go on as its end would.
                    if as_key:
                        problems.append(_key_problem(mark))
                    if parent is not None and not parent.skip:
                        parent.next_is = NEXT_DROPPED if parent.next_is == NEXT_KEY else NEXT_KEY
                    stream.skip_past(end)
                    continue
                elif not skip and (built := stream.built.get(stream.at)) is not None:
                    # Read again where an alias names a value around it: built already.
                    expanded += built.size
                    if expanded > max_nodes:
                        raise _TooBig(expansion_problem(max_nodes, mark), depth)
                    line, col = mark.line + 1, mark.column + 1
                    put(
                        built.data,
                        (line, col, kl or line, kc or col, built.children, None),
                        built.size,
                    )
                    stream.skip_past(built.end)
                    continue
                anchor = event.anchor
                if anchor is not None and not replayed:
                    if anchor in anchors:
                        error = stream.duplicate(event)
                        return ReadResult(problems=[stream.composer_failed(error, depth + 1)])
                    state = AnchorState.UNREAD if skip else AnchorState.OPEN
                    anchors[anchor] = Anchor(mark, state, start=stream.at)
                if parent is None and root is None:
                    stream.root_mark = mark
                is_map = kind is MappingStartEvent
                if as_key:
                    problems.append(_key_problem(mark))
                elif not skip:
                    if depth > max_depth:
                        raise _TooBig(nesting_problem(max_depth, mark), depth + 1)
                    expanded += 1
                    if expanded > max_nodes:
                        raise _TooBig(expansion_problem(max_nodes, mark), depth + 1)
                    tag = event.tag
                    if tag is not None and tag != "!" and tag != (MAP_TAG if is_map else SEQ_TAG):
                        problems.append(unsupported_tag(tag, mark.line + 1, mark.column + 1))
                stack.append(
                    Frame(
                        is_map,
                        {} if is_map else [],
                        {} if is_map else [],
                        mark.line + 1,
                        mark.column + 1,
                        kl,
                        kc,
                        skip,
                        anchor,
                        stream.at,
                    )
                )

            elif kind is AliasEvent:
                record = anchors.get(event.anchor)
                if record is None:
                    error = stream.undefined(event)
                    return ReadResult(problems=[stream.composer_failed(error, len(stack))])
                if dropped:
                    if parent is not None and not parent.skip:
                        parent.next_is = NEXT_KEY
                    continue
                mark = record.mark
                state = record.state
                if as_key:
                    assert parent is not None
                    if state is AnchorState.SCALAR:
                        take_key(parent, record.tag, record.text, mark)
                    else:
                        problems.append(_key_problem(mark))
                        parent.next_is = NEXT_DROPPED
                    continue
                line, col = mark.line + 1, mark.column + 1
                if state is AnchorState.SCALAR:
                    expanded += 1
                    if expanded > max_nodes:
                        raise _TooBig(expansion_problem(max_nodes, mark), len(stack))
                    data, text = scalar_value(
                        record.tag, record.text, record.style, line, col, problems
                    )
                    put(data, (line, col, kl or line, kc or col, None, text), 1)
                elif state is AnchorState.BUILT:
                    expanded += record.size
                    if expanded > max_nodes:
                        raise _TooBig(expansion_problem(max_nodes, mark), len(stack))
                    put(
                        record.data,
                        (line, col, kl or line, kc or col, record.children, None),
                        record.size,
                    )
                elif recording:  # used inside itself, or naming a value that was dropped
                    stream.replay(record.start, len(stack))
                else:
                    raise ReadAgain

            elif kind is DocumentEndEvent:
                break

        event = get()
        if type(event) is not StreamEndEvent:
            error = stream.second_document(event)
            return ReadResult(problems=[stream.composer_failed(error, 0)])
        assert root is not None
        result = ReadResult(data=root[0], positions=root[1], problems=problems)
        if any(p.code == "YML007" for p in problems):
            # A tag asks for processing icmkit never does: the values are not what was meant,
            # so the file is not validated (which would only report the tagged values again).
            result.data, result.positions = None, None
        return result
