"""CSV files read row by row, every problem reported as ``file:row`` and nothing half-read.

A file is read completely and checked before anything is computed from it: callers collect
the problems of every row and raise one :class:`InputFileError` listing them.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

from icmkit.engine.input_files import check_input_file
from icmkit.errors import UnreadableInputError
from icmkit.model.base import EARLIEST_DAY, LATEST_DAY
from icmkit.model.number_text import (
    UNDECLARED_TEXT,
    NumberFormat,
    NumberTextError,
    parse_number,
    parse_share,
)

MAX_SHOWN = 50


class InputFileError(UnreadableInputError):
    """Rows of an input file that cannot be used; nothing was computed."""

    def __init__(self, problems: list[str], total: int | None = None) -> None:
        """``total``: how many problems there are, when ``problems`` holds only the first."""
        shown = problems[:MAX_SHOWN]
        more = (len(problems) if total is None else total) - len(shown)
        text = "\n".join(shown) + (f"\n… and {more} more" if more else "")
        super().__init__(f"bad input rows, nothing computed:\n{text}")
        self.problems = problems


class RowError(Exception):
    """A row that cannot be read at all (the caller adds the file name)."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line


def open_text(path: Path) -> Iterator[str]:
    """The lines of a regular file; a folder, a device, a pipe or a system file is refused
    before reading (``input_files``), and a read that fails is an error, not a crash."""
    check_input_file(path)
    try:
        handle = path.open(encoding="utf-8-sig", newline="")
    except OSError as error:
        raise UnreadableInputError(f"{path}: cannot read: {error.strerror}") from None
    with handle:
        try:
            yield from handle
        except OSError as error:
            raise UnreadableInputError(f"{path}: cannot read: {error.strerror}") from None


def header_of(path: Path) -> list[str]:
    """The column names of a CSV file (an empty list for an empty file)."""
    reader = csv.reader(open_text(path))
    try:
        return [name.strip() for name in next(reader, [])]
    except (csv.Error, UnicodeDecodeError) as error:
        raise InputFileError([f"{path}:1: {error}"]) from None


def table(
    path: Path, required: tuple[str, ...], skipped: list[str] | None = None
) -> Iterator[tuple[int, list[str], dict[str, int]]]:
    """A CSV file's rows as lists, with line numbers and the header's column positions.

    A short row is padded with empty values; a row with too many values raises RowError, or
    with ``skipped`` is left out and its problem added there (the reading goes on).
    """
    reader = csv.reader(open_text(path))
    try:
        header = [name.strip() for name in next(reader, [])]
        columns = {name: index for index, name in enumerate(header)}
        missing = [name for name in required if name not in columns]
        if missing:
            raise InputFileError([f"{path}:1: missing column(s): {', '.join(missing)}"])
        width = len(header)
        for values in reader:
            if len(values) != width:
                if not values:
                    continue
                if len(values) > width:
                    problem = f"{len(values)} values for {width} columns"
                    if skipped is None:
                        raise RowError(reader.line_num, problem)
                    skipped.append(f"{path}:{reader.line_num}: {problem}")
                    continue
                values = values + [""] * (width - len(values))
            yield reader.line_num, values, columns
    except (csv.Error, UnicodeDecodeError) as error:
        raise InputFileError([f"{path}:{reader.line_num + 1}: {error}"]) from None


def rows(path: Path, required: tuple[str, ...]) -> Iterator[tuple[int, dict[str, str]]]:
    """Rows as mappings of column name to stripped text, for the small files."""
    try:
        for line, values, columns in table(path, required):
            yield line, {name: values[index].strip() for name, index in columns.items()}
    except RowError as error:
        raise InputFileError([f"{path}:{error.line}: {error}"]) from None


def _problem(text: str, name: str, error: NumberTextError) -> str:
    if str(error).startswith("expected a number"):
        return f"{name} `{text}` is not a number"
    return f"{name}: {error}"


def number(text: str, name: str, fmt: NumberFormat = UNDECLARED_TEXT) -> Decimal:
    """A number cell; ValueError names the column and says why it cannot be read."""
    if not text:
        raise ValueError(f"{name} is empty")
    try:
        return parse_number(text, fmt)
    except NumberTextError as error:
        raise ValueError(_problem(text, name, error)) from None


def share(text: str, name: str, fmt: NumberFormat = UNDECLARED_TEXT) -> Decimal:
    """A share cell: ``0.4`` or ``40%``, 0 or more."""
    try:
        value = parse_share(text, fmt)
    except NumberTextError as error:
        raise ValueError(_problem(text, name, error)) from None
    if value < 0:
        raise ValueError(f"{name} `{text}` is negative")
    return value


def day(text: str, name: str) -> dt.date:
    """A date cell, ``YYYY-MM-DD``, in the years every program date is in."""
    try:
        found = dt.date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{name} `{text}` is not a date (YYYY-MM-DD)") from None
    if not EARLIEST_DAY <= found <= LATEST_DAY:
        raise ValueError(
            f"{name} `{text}` is not in the years {EARLIEST_DAY.year} to {LATEST_DAY.year}"
        )
    return found
