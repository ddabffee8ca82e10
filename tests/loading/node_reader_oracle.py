"""The oracle for the YAML reader: compose libyaml's node graph, then build data from the nodes.

``icmkit.loading.yaml_reader`` reads libyaml's event stream in one pass and builds the data
itself. This reader is what it was written to equal, and what
``test_reader_equivalence`` compares it with: PyYAML composes the node graph (anchors and
aliases resolved to shared nodes), and the builder below walks it recursively, so an alias is
simply the node it names, built once and counted each time it is used.
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml.events import MappingEndEvent, MappingStartEvent, SequenceEndEvent, SequenceStartEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from icmkit.loading.yaml_reader import (
    DEFAULT_LIMITS,
    Limits,
    Loader,
    readable_text,
    yaml_error_problem,
)
from icmkit.loading.yaml_stream import could_be_deep
from icmkit.loading.yaml_values import (
    MAP_TAG,
    MERGE_TAG,
    SEQ_TAG,
    ReadProblem,
    ReadResult,
    scalar_value,
    unsupported_tag,
)
from icmkit.model.positions import PosNode


class _TooBig(Exception):
    def __init__(self, problem: ReadProblem) -> None:
        super().__init__(problem.message)
        self.problem = problem


class _Builder:
    """Turns a composed node graph into plain data and position tuples."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.problems: list[ReadProblem] = []
        self.expanded = 0
        self.done: dict[int, tuple[Any, PosNode, int]] = {}

    def _count(self, n: int, node: Node) -> None:
        self.expanded += n
        if self.expanded > self.limits.max_nodes:
            mark = node.start_mark
            raise _TooBig(
                ReadProblem(
                    "YML003",
                    f"file expands to more than {self.limits.max_nodes:,} values "
                    "(aliases counted each time they are used); remove the repeated aliases "
                    "or split the file",
                    mark.line + 1,
                    mark.column + 1,
                )
            )

    def build(self, node: Node, key_line: int, key_col: int, depth: int) -> tuple[Any, PosNode]:
        value, pos, _size = self._build(node, key_line, key_col, depth)
        return value, pos

    def _build(self, node: Node, kl: int, kc: int, depth: int) -> tuple[Any, PosNode, int]:
        mark = node.start_mark
        line, col = mark.line + 1, mark.column + 1
        if isinstance(node, ScalarNode):
            self._count(1, node)
            value, text = self._scalar(node)
            return value, (line, col, kl or line, kc or col, None, text), 1
        seen = self.done.get(id(node))
        if seen is not None:  # an alias: reuse what was built, but count its full size
            value, pos, size = seen
            self._count(size, node)
            return value, (line, col, kl or line, kc or col, pos[4], None), size
        if depth > self.limits.max_depth:
            raise _TooBig(
                ReadProblem(
                    "YML003",
                    f"values nested deeper than {self.limits.max_depth} levels; flatten them",
                    line,
                    col,
                )
            )
        self._count(1, node)
        if isinstance(node, SequenceNode):
            if node.tag != SEQ_TAG:
                self._unsupported_tag(node)
            items: list[Any] = []
            item_pos: list[PosNode] = []
            size = 1
            for child in node.value:
                v, p, s = self._build(child, 0, 0, depth + 1)
                items.append(v)
                item_pos.append(p)
                size += s
            result: tuple[Any, PosNode, int] = (
                items,
                (line, col, kl or line, kc or col, item_pos, None),
                size,
            )
        elif isinstance(node, MappingNode):
            if node.tag != MAP_TAG:
                self._unsupported_tag(node)
            mapping, key_pos, size = self._mapping(node, depth)
            result = (mapping, (line, col, kl or line, kc or col, key_pos, None), size)
        else:  # pragma: no cover - PyYAML has no other node kinds
            raise TypeError(type(node))
        self.done[id(node)] = result
        return result

    def _mapping(
        self, node: MappingNode, depth: int
    ) -> tuple[dict[str, Any], dict[str, PosNode], int]:
        mapping: dict[str, Any] = {}
        positions: dict[str, PosNode] = {}
        size = 1
        merged: list[tuple[dict[str, Any], dict[str, PosNode]]] = []
        for key_node, value_node in node.value:
            kmark = key_node.start_mark
            kl, kc = kmark.line + 1, kmark.column + 1
            if key_node.tag == MERGE_TAG:
                v, p, s = self._build(value_node, kl, kc, depth + 1)
                size += s
                sources = (
                    [(v, p)]
                    if isinstance(v, dict)
                    else list(zip(v, p[4], strict=False))
                    if isinstance(v, list)
                    else []
                )
                for src_value, src_pos in sources:
                    if isinstance(src_value, dict):
                        merged.append((src_value, src_pos[4]))
                    else:
                        self.problems.append(
                            ReadProblem("YML001", "a merge key `<<` must refer to mappings", kl, kc)
                        )
                continue
            if not isinstance(key_node, ScalarNode):
                self.problems.append(
                    ReadProblem("YML001", "a key must be plain text, not a list or mapping", kl, kc)
                )
                continue
            key = key_node.value
            if key in mapping:
                first = positions[key]
                self.problems.append(
                    ReadProblem(
                        "YML002",
                        f"duplicate key `{key}` (first given at line {first[2]}); "
                        "remove one of them",
                        kl,
                        kc,
                    )
                )
                continue
            v, p, s = self._build(value_node, kl, kc, depth + 1)
            mapping[key] = v
            positions[key] = p
            size += s
        for src_value, src_pos in merged:
            for k, v in src_value.items():
                if k not in mapping:
                    mapping[k] = v
                    positions[k] = src_pos[k]
        return mapping, positions, size

    def _unsupported_tag(self, node: Node) -> None:
        mark = node.start_mark
        self.problems.append(unsupported_tag(node.tag, mark.line + 1, mark.column + 1))

    def _scalar(self, node: ScalarNode) -> tuple[Any, str | None]:
        mark = node.start_mark
        return scalar_value(
            node.tag, node.value, node.style, mark.line + 1, mark.column + 1, self.problems
        )


def _too_deep(text: str, limits: Limits) -> ReadProblem | None:
    """Refuse nesting beyond ``limits.max_depth`` before composing, if it could be very deep.

    Nesting is at most two levels per bracket plus two per column, so most files skip the
    event scan; the others are scanned (cheap: no nodes are built) and stop at the limit.
    Newer libyaml refuses very deep flow nesting itself, as a syntax error found while it looks
    ahead; the file is then scanned again with the pure-Python parser, which has no such limit,
    so the finding points at the same place whichever libyaml is installed.
    """
    if not could_be_deep(text):
        return None
    try:
        return _scan_depth(Loader(text), limits)
    except yaml.YAMLError as exc:
        if "nesting depth" not in (getattr(exc, "problem", None) or ""):
            return None  # composing reports the syntax error (or control character), with its place
    try:
        return _scan_depth(yaml.SafeLoader(text), limits)
    except yaml.YAMLError:
        return None


def _scan_depth(loader: Any, limits: Limits) -> ReadProblem | None:
    depth = 0
    try:
        while (event := loader.get_event()) is not None:
            kind = type(event)
            if kind is MappingStartEvent or kind is SequenceStartEvent:
                depth += 1
                if depth > limits.max_depth + 1:
                    mark = event.start_mark
                    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
                    return ReadProblem(
                        "YML003",
                        f"values nested deeper than {limits.max_depth} levels; flatten them",
                        line,
                        col,
                    )
            elif kind is MappingEndEvent or kind is SequenceEndEvent:
                depth -= 1
    finally:
        loader.dispose()
    return None


def read_yaml_by_nodes(data: bytes, limits: Limits = DEFAULT_LIMITS) -> ReadResult:
    """``read_yaml`` by composing the node graph first."""
    text, result = readable_text(data, limits)
    if text is None:
        return result
    return read_text_by_nodes(text, limits)


def read_text_by_nodes(text: str, limits: Limits) -> ReadResult:
    """Read decoded ``text`` (no NUL in it) by composing the node graph first."""
    result = ReadResult()
    too_deep = _too_deep(text, limits)
    if too_deep is not None:
        result.problems.append(too_deep)
        return result
    loader: Any = None
    try:
        loader = Loader(text)
        node = loader.get_single_node()
    except yaml.YAMLError as exc:
        result.problems.append(yaml_error_problem(exc, text))
        return result
    except RecursionError:
        result.problems.append(
            ReadProblem("YML003", "values nested too deeply to read; flatten them")
        )
        return result
    finally:
        if loader is not None:
            loader.dispose()
    if node is None:
        result.problems.append(
            ReadProblem("YML006", "file is empty; add its content or delete the file")
        )
        return result
    builder = _Builder(limits)
    try:
        result.data, result.positions = builder.build(node, 0, 0, 0)
    except _TooBig as exc:
        result.problems.append(exc.problem)
        return result
    except RecursionError:
        result.problems.append(
            ReadProblem("YML003", "values nested too deeply to read; flatten them")
        )
        return result
    result.problems.extend(builder.problems)
    if any(p.code == "YML007" for p in builder.problems):
        # A tag asks for processing icmkit never does: the values are not what was meant,
        # so the file is not validated (which would only report the tagged values again).
        result.data, result.positions = None, None
    return result
