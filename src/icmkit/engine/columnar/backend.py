"""What the columnar stage needs from an engine beyond Ibis: its own file readers (with the
order of the rows), Python's whitespace taken off a cell, line numbers for messages."""

from __future__ import annotations

import csv
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from icmkit.engine.csv_tables import InputFileError, header_of
from icmkit.engine.input_files import check_input_file

if TYPE_CHECKING:
    import ibis
    import ibis.expr.types as ir

ROW = "__row"
"""The order key of a row: larger after (the row number in DuckDB, a monotonic id in Spark)."""

PARQUET_SUFFIXES = (".parquet", ".pq")


@dataclass
class Columns:
    """The columns of a data file: names as the header gives them (stripped), in order."""

    names: list[str]
    parquet: bool

    @property
    def at(self) -> dict[str, int]:
        """Name to index; a repeated name is its last column, like ``csv_tables.table``."""
        return {name: index for index, name in enumerate(self.names)}


def column(index: int) -> str:
    """The engine's name for the file's column ``index`` (names in files can be anything)."""
    return f"c{index}"


def is_parquet(path: Path) -> bool:
    return path.suffix.lower() in PARQUET_SUFFIXES


def csv_columns(path: Path) -> Columns:
    """The header of a CSV file, read in Python (one line)."""
    return Columns(header_of(path), False)


def too_many_values(path: Path, raw: str, line: int, width: int) -> str | None:
    """The problem of a row the engine could not fit into the header's columns, in the words
    of ``csv_tables.table`` (None when it only had too few values: those are padded)."""
    try:
        values = next(csv.reader([raw]), [])
    except csv.Error as error:
        return f"{path}:{line}: {error}"
    if len(values) > width:
        return f"{path}:{line}: {len(values)} values for {width} columns"
    return None


def check_regular(path: Path) -> None:
    """A folder, a device, a pipe or a system file is refused before an engine reads it."""
    check_input_file(path)


def record_lines(
    path: Path, records: Collection[int], skipped: Collection[int] = ()
) -> dict[int, int]:
    """The line of the CSV file ``path`` each of ``records`` ends on, as the Python reader
    numbers rows. A record number counts as an engine counts rows: 1 is the first after the
    header, and neither a blank line nor a line of ``skipped`` (rejected) is a record. A
    record past the end of the file keeps the line it would have without blank lines."""
    wanted = set(records)
    found: dict[int, int] = {}
    if not wanted:
        return found
    left = set(skipped)
    with path.open(encoding="utf-8-sig", errors="replace", newline="") as handle:
        reader = csv.reader(handle)
        next(reader, None)
        count = 0
        for values in reader:
            if not values or reader.line_num in left:
                continue
            count += 1
            if count in wanted:
                found[count] = reader.line_num
                if len(found) == len(wanted):
                    break
    for record in wanted - set(found):
        found[record] = record + 1
    return found


@dataclass
class Read:
    """A data file as the engine reads it: columns ``c0``, ``c1``, … as text (NULL for a
    missing value) and :data:`ROW`."""

    table: ir.Table
    columns: Columns
    rejects: str | None = None
    """Where the engine records the rows it could not read (DuckDB's rejects table)."""
    structural: list[tuple[int, str]] | None = None
    """Rows the engine could not read, as (line, problem), in line order (once known)."""
    view: str | None = None
    """The engine's name for the whole file as read (Spark: to count rows per partition)."""
    path: Path | None = None
    """The file read (to number a CSV file's rows as its lines)."""


class Backend(Protocol):
    """One engine: DuckDB in-process or Spark."""

    name: str
    money_columns: set[str]
    """Columns refused when a Parquet file stores them as binary floating point."""

    @property
    def connection(self) -> ibis.BaseBackend: ...

    def read(self, path: Path) -> Read:
        """The file read as text, rows in the file's order; InputFileError when unreadable."""
        ...

    def strip(self, value: ir.StringValue) -> ir.StringValue:
        """``value`` without Python's whitespace at either end."""
        ...

    def structural(self, read: Read, path: Path) -> list[tuple[int, str]]:
        """The rows the engine could not fit into the header's columns, as (line, problem)
        (known once a query has read the file)."""
        ...

    def lines(self, read: Read, rows: list[int]) -> dict[int, int]:
        """The line (a CSV file, counting the header) or row number (Parquet) of each row key."""
        ...

    def cache(self, table: ir.Table) -> ir.Table:
        """``table`` computed once and kept by the engine until the backend closes."""
        ...

    def small_table(self, data: dict[str, list[Any]], schema: dict[str, str]) -> ir.Table:
        """A table of a few rows made in Python (lookups, spells, days)."""
        ...

    def out_of_memory(self, error: BaseException) -> str | None:
        """What to tell the user when ``error`` is the engine running out of memory (else
        None): what ran out, and which setting gives it more."""
        ...

    def close(self) -> None: ...


def refuse_floats(path: Path, names: list[str], types: list[str], wanted: set[str]) -> None:
    """Money in a Parquet file must not be binary floating point: it cannot be exact."""
    floats = [
        name
        for name, kind in zip(names, types, strict=True)
        if name in wanted and kind.lower().startswith(("float", "double", "real"))
    ]
    if floats:
        raise InputFileError(
            [
                f"{path}: column(s) {', '.join(floats)} hold binary floating-point numbers, "
                "which cannot be read exactly: store amounts as DECIMAL or text"
            ]
        )
