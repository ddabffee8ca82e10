"""The YAML reader: plain data plus a position for every value, with hostile input bounded.

It reads libyaml's event stream (``CSafeLoader``) in one pass and builds the data itself, with
no node graph and no recursion, so nesting is counted as it is read (``yaml_events``):

* every value gets a line and column (see ``icmkit.model.positions``);
* duplicate keys are errors, not silently overwritten;
* numbers with a fraction become ``Decimal`` (never a binary float);
* aliases may be used, but the values they expand to are counted and bounded (alias bombs);
* plain scalars that YAML 1.1 reads as something other than text (``NO``, ``1.10``, ``12:30``)
  keep their original text, so a type error can say what to quote.

Without libyaml, the pure-Python parser's events are read the same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml

from icmkit.loading.yaml_events import EventReader, ReadAgain
from icmkit.loading.yaml_stream import EventStream, could_be_deep, first_too_deep, nesting_problem
from icmkit.loading.yaml_values import ReadProblem, ReadResult

__all__ = [
    "DEFAULT_LIMITS",
    "LIBYAML",
    "READER_VERSION",
    "Limits",
    "ReadProblem",
    "ReadResult",
    "decode",
    "read_yaml",
    "too_big",
]


@dataclass(frozen=True)
class Limits:
    """Bounds on what the reader accepts, so hostile input stays harmless."""

    max_bytes: int = 16 * 1024 * 1024
    """Largest file read (16 MiB: about 50,000 requirements in one file)."""
    max_nodes: int = 2_000_000
    """Most YAML values one file may expand to, aliases counted each time they are used."""
    max_depth: int = 100
    """Deepest nesting of mappings and sequences."""


DEFAULT_LIMITS = Limits()

READER_VERSION = "5"
"""Part of the parse cache key: bumped whenever what a cached read holds could differ."""

LIBYAML: bool = bool(getattr(yaml, "__with_libyaml__", False))
"""Whether PyYAML was built with libyaml; without it, the pure-Python parser is used."""
Loader: Any = yaml.CSafeLoader if LIBYAML else yaml.SafeLoader

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


def yaml_error_problem(exc: yaml.YAMLError, text: str) -> ReadProblem:
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


def readable_text(data: bytes, limits: Limits) -> tuple[str | None, ReadResult]:
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
    text, result = readable_text(data, limits)
    if text is None:
        return result
    deep = could_be_deep(text)
    try:
        try:
            return _read_events(text, limits, deep, recording=False)
        except ReadAgain:
            # An alias names a value that was not built where it was written (it is used
            # inside itself, or its key was a duplicate): read again, keeping the events.
            return _read_events(text, limits, deep, recording=True)
    except yaml.YAMLError as exc:
        if isinstance(exc, yaml.MarkedYAMLError) and "nesting depth" in (exc.problem or ""):
            return ReadResult(problems=[_refused_nesting(text, limits)])
        return ReadResult(problems=[yaml_error_problem(exc, text)])


def _read_events(text: str, limits: Limits, deep: bool, *, recording: bool) -> ReadResult:
    loader = Loader(text)
    try:
        stream = EventStream(
            loader.get_event, max_depth=limits.max_depth, deep=deep, recording=recording
        )
        return EventReader(stream, max_nodes=limits.max_nodes).read()
    finally:
        loader.dispose()


def _refused_nesting(text: str, limits: Limits) -> ReadProblem:
    """The problem for a file whose nesting libyaml refused (over about 1,000 levels).

    libyaml refuses very deep flow nesting itself, as a syntax error found while it looks
    ahead, before the reader meets the value nested past the limit. The pure-Python parser,
    which has no such limit, finds that value, so the finding points at the same place
    whichever libyaml is installed. If it finds none (a syntax error comes first), the file's
    first error is reported, as libyaml reads it.
    """
    problem = _first_too_deep(yaml.SafeLoader(text), limits.max_depth)
    if problem is not None:
        return problem
    loader = Loader(text)
    try:
        EventStream(loader.get_event, max_depth=limits.max_depth).first_error()
    except yaml.YAMLError as exc:
        return yaml_error_problem(exc, text)
    finally:
        loader.dispose()
    return nesting_problem(limits.max_depth, None)  # pragma: no cover - libyaml refused it


def _first_too_deep(loader: Any, max_depth: int) -> ReadProblem | None:
    """The first mapping or list nested deeper than ``max_depth``, if it is read before any
    syntax error."""
    try:
        return first_too_deep(loader.get_event, 0, max_depth)
    except yaml.YAMLError:
        return None
    finally:
        loader.dispose()
