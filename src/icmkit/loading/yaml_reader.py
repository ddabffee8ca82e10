"""The YAML reader: plain data plus a position for every value, with hostile input bounded.

It reads libyaml's event stream (``CSafeLoader``) in one pass and builds the data itself, with
no node graph and no recursion, so nesting is counted as it is read (``yaml_events``). Without
libyaml, and for the rare alias the one pass does not follow, it composes the node graph and
builds from that instead (``yaml_node_reader``), with the same results:

* every value gets a line and column (see ``icmkit.model.positions``);
* duplicate keys are errors, not silently overwritten;
* numbers with a fraction become ``Decimal`` (never a binary float);
* aliases may be used, but the values they expand to are counted and bounded (alias bombs);
* plain scalars that YAML 1.1 reads as something other than text (``NO``, ``1.10``, ``12:30``)
  keep their original text, so a type error can say what to quote.
"""

from __future__ import annotations

import re

import yaml

from icmkit.loading.limits import DEFAULT_LIMITS, Limits
from icmkit.loading.yaml_events import EventReader, NeedsNodes, could_be_deep
from icmkit.loading.yaml_values import LIBYAML, Loader, ReadProblem, ReadResult

__all__ = [
    "LIBYAML",
    "READER_VERSION",
    "ReadProblem",
    "ReadResult",
    "decode",
    "read_yaml",
    "too_big",
]


READER_VERSION = "5"
"""Part of the parse cache key: bumped whenever what a cached read holds could differ."""

_NOT_PRINTABLE = re.compile(
    "[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)
"""Characters YAML does not allow in a stream (the same set libyaml and PyYAML refuse)."""


def _text_position(text: str, index: int) -> tuple[int, int]:
    """1-based line and column (in characters) of ``text[index]``."""
    line = text.count("\n", 0, index) + 1
    col = index - (text.rfind("\n", 0, index) + 1) + 1
    return line, col


def _char_at(text: str, line: int, col: int) -> str:
    lines = text.split("\n", line)
    if line - 1 < len(lines) and col - 1 < len(lines[line - 1]):
        return lines[line - 1][col - 1]
    return ""


def decode(data: bytes) -> tuple[str | None, ReadProblem | None]:
    """UTF-8 text (a leading BOM dropped), or a problem naming the first bad byte."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        before = data[: exc.start].decode("utf-8")  # valid: the first bad byte is at exc.start
        line, col = _text_position(before, len(before))
        bad = data[exc.start : exc.start + 1].hex()
        return None, ReadProblem(
            "YML005",
            f"file is not valid UTF-8 (byte 0x{bad}); save it with UTF-8 encoding",
            line,
            col,
        )


def _yaml_error_problem(exc: yaml.YAMLError, text: str) -> ReadProblem:
    """The problem for an error libyaml raised while reading ``text``."""
    if isinstance(exc, yaml.reader.ReaderError):
        bad = _NOT_PRINTABLE.search(text)
        line, col = _text_position(text, bad.start()) if bad else (1, 1)
        return ReadProblem(
            "YML005",
            f"file contains the control character U+{exc.character:04X}, which YAML does "
            "not allow; remove it",
            line,
            col,
        )
    if isinstance(exc, yaml.MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        what = exc.problem or exc.context or "invalid YAML"
        context = f" ({exc.context})" if exc.context and exc.problem else ""
        start = exc.context_mark
        if context.startswith(" (while ") and start is not None and start.line + 1 != line:
            where = f"started at line {start.line + 1}, column {start.column + 1}"
            context = f" ({exc.context} {where})"
        if exc.problem == "but found another document":
            what, context = "a second document (`---`); keep one document per file", ""
        if _char_at(text, line, col) == "\t":
            what, context = "a tab where YAML expects spaces; indent with spaces, not tabs", ""
        return ReadProblem("YML001", f"YAML syntax error: {what}{context}", line, col)
    return ReadProblem("YML001", f"YAML syntax error: {exc}")


def _size(n: int) -> str:
    for unit, factor in (("MiB", 1 << 20), ("KiB", 1 << 10)):
        if n >= factor and n % factor == 0:
            return f"{n // factor} {unit}"
    return f"{n:,} bytes"


def too_big(size: int, limits: Limits) -> ReadProblem:
    """The problem for a file of ``size`` bytes, over ``limits.max_bytes`` (never parsed)."""
    return ReadProblem(
        "YML004",
        f"file is {size:,} bytes, over the limit of {_size(limits.max_bytes)}; "
        "split it into smaller files",
    )


def _prepare(data: bytes, limits: Limits) -> tuple[str | None, ReadResult]:
    """The text of ``data``, or None and a result with the problem that stops reading it."""
    result = ReadResult()
    if len(data) > limits.max_bytes:
        result.problems.append(too_big(len(data), limits))
        return None, result
    text, problem = decode(data)
    if problem is not None or text is None:
        result.problems.append(problem or ReadProblem("YML005", "file is not valid UTF-8"))
        return None, result
    if "\x00" in text:
        line, col = _text_position(text, text.index("\x00"))
        result.problems.append(
            ReadProblem("YML005", "file contains a NUL byte; it is not a text file", line, col)
        )
        return None, result
    return text, result


def read_yaml(data: bytes, limits: Limits = DEFAULT_LIMITS) -> ReadResult:
    """Read one YAML document from ``data``. Problems are returned, never raised."""
    text, result = _prepare(data, limits)
    if text is None:
        return result
    if not LIBYAML:  # pragma: no cover - the pure-Python parser's messages differ
        return _read_by_nodes(text, limits)
    deep = could_be_deep(text)
    loader = Loader(text)
    try:
        return EventReader(loader.get_event, limits, deep).read()
    except NeedsNodes:
        pass
    except yaml.YAMLError as exc:
        if not (isinstance(exc, yaml.MarkedYAMLError) and "nesting depth" in (exc.problem or "")):
            return ReadResult(problems=[_yaml_error_problem(exc, text)])
    finally:
        loader.dispose()
    return _read_by_nodes(text, limits)


def _read_by_nodes(text: str, limits: Limits) -> ReadResult:
    from icmkit.loading.yaml_node_reader import read_text_by_nodes

    return read_text_by_nodes(text, limits)
