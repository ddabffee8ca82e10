"""DuckDB, embedded in the process: the default engine of ``icmkit calc``.

CSV and Parquet are read by DuckDB's own streaming readers; every column as text. The row
number comes from ``row_number() OVER ()``, which DuckDB computes while streaming and in the
file's order. Memory is bounded by ``memory_limit``; what does not fit spills to a temporary
folder that is removed afterwards.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from icmkit.engine.columnar.backend import (
    ROW,
    Columns,
    Read,
    check_regular,
    column,
    csv_columns,
    is_parquet,
    record_lines,
    refuse_floats,
    too_many_values,
)
from icmkit.engine.columnar.text_rules import NOTHING_TO_STRIP, PYTHON_WHITESPACE
from icmkit.engine.csv_tables import InputFileError

if TYPE_CHECKING:
    import ibis
    import ibis.expr.types as ir


DEFAULT_MEMORY_LIMIT = "600MB"
"""What DuckDB may hold in memory unless program.yaml says otherwise: with icmkit's own share,
the whole calculation stays under a gigabyte, however many rows; the rest spills to disk."""


@dataclass
class DuckDBSettings:
    memory_limit: str | None = None
    """DuckDB's ``memory_limit`` (default :data:`DEFAULT_MEMORY_LIMIT`)."""
    threads: int | None = None


def _quoted(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


@dataclass
class DuckDBBackend:
    settings: DuckDBSettings = field(default_factory=DuckDBSettings)
    money_columns: set[str] = field(default_factory=set)
    """Columns refused when a Parquet file stores them as binary floating point."""
    name: str = "duckdb"
    _connection: Any = None
    _tables: int = 0
    _spill: tempfile.TemporaryDirectory[str] | None = None
    _reads: int = 0

    @property
    def connection(self) -> ibis.BaseBackend:
        if self._connection is None:
            import ibis

            self._spill = tempfile.TemporaryDirectory(prefix="icmkit-duckdb-")
            config: dict[str, Any] = {
                "temp_directory": self._spill.name,
                "memory_limit": self.settings.memory_limit or DEFAULT_MEMORY_LIMIT,
            }
            if self.settings.threads is not None:
                config["threads"] = self.settings.threads
            self._connection = ibis.duckdb.connect(**config)
            self._connection.con.execute(
                "SET preserve_insertion_order = true; SET enable_progress_bar = false"
            )
        return self._connection

    def _raw(self) -> Any:
        return self.connection.con

    def read(self, path: Path) -> Read:
        check_regular(path)
        self._reads += 1
        if is_parquet(path):
            return self._parquet(path)
        columns = csv_columns(path)
        spec = ", ".join(f"{_quoted(column(i))}: 'VARCHAR'" for i in range(len(columns.names)))
        rejects = f"icmkit_rejects_{self._reads}"
        source = (
            f"read_csv({_quoted(str(path))}, columns={{{spec}}}, header=true, "
            "auto_detect=false, delim=',', quote='\"', escape='\"', null_padding=true, "
            f"ignore_errors=true, store_rejects=true, rejects_table={_quoted(rejects)}, "
            f"rejects_scan={_quoted(rejects + '_scan')}, encoding='utf-8')"
        )
        names = ", ".join(column(i) for i in range(len(columns.names)))
        # Read once into a temporary table, in parallel and in the file's order (DuckDB keeps
        # the order of insertion): a row's rowid is then its place in the file.
        raw = f"icmkit_raw_{self._reads}"
        try:
            self._raw().execute(f"CREATE TEMP TABLE {raw} AS SELECT {names} FROM {source}")
        except Exception as error:  # DuckDB's own exception classes: an unreadable file
            if self.out_of_memory(error) is not None:
                raise  # not the file's fault: said as such where the stage was started
            raise InputFileError([f"{path}: cannot read: {error}"]) from None
        table = self.connection.sql(f"SELECT rowid + 1 AS {ROW}, {names} FROM {raw}")
        return Read(table, columns, rejects, path=path)

    def _parquet(self, path: Path) -> Read:
        raw = self._raw()
        try:
            described = raw.execute(
                f"DESCRIBE SELECT * FROM read_parquet({_quoted(str(path))})"
            ).fetchall()
        except Exception as error:  # duckdb raises its own exception classes
            if self.out_of_memory(error) is not None:
                raise
            raise InputFileError([f"{path}: not a readable Parquet file: {error}"]) from None
        names = [row[0] for row in described]
        refuse_floats(path, names, [str(row[1]) for row in described], self.money_columns)
        cast = ", ".join(
            f"CAST({_ident(name)} AS VARCHAR) AS {column(i)}" for i, name in enumerate(names)
        )
        table = self.connection.sql(
            f"SELECT file_row_number + 1 AS {ROW}, {cast} "
            f"FROM read_parquet({_quoted(str(path))}, file_row_number=true)"
        )
        return Read(table, Columns([n.strip() for n in names], True))

    def strip(self, value: ir.StringValue) -> ir.StringValue:
        import ibis

        return ibis.ifelse(
            (value == "") | value.re_search(NOTHING_TO_STRIP),
            value,
            _trim(value, PYTHON_WHITESPACE),
        )

    def lines(self, read: Read, rows: list[int]) -> dict[int, int]:
        if read.columns.parquet:
            return {row: row for row in rows}
        assert read.path is not None
        skipped = [line for line, _ in read.structural or []]
        return record_lines(read.path, rows, skipped)

    def structural(self, read: Read, path: Path) -> list[tuple[int, str]]:
        if read.structural is None:
            read.structural = self._rejected(read, path)
        return read.structural

    def _rejected(self, read: Read, path: Path) -> list[tuple[int, str]]:
        if read.rejects is None:
            return []
        try:
            found = (
                self._raw()
                .execute(
                    f"SELECT line, csv_line, error_type, error_message FROM {read.rejects} "
                    "ORDER BY line"
                )
                .fetchall()
            )
        except Exception:  # nothing was rejected: DuckDB made no table
            return []
        problems: list[tuple[int, str]] = []
        width = len(read.columns.names)
        for line, text, kind, message in found:
            if kind == "TOO MANY COLUMNS":
                problem = too_many_values(path, text or "", int(line), width)
                if problem is not None:
                    problems.append((int(line), problem))
                continue
            problems.append((int(line), f"{path}:{line}: {message}"))
        return problems

    def cache(self, table: ir.Table) -> ir.Table:
        """``table`` computed once into a temporary table (spilled to disk beyond the memory
        limit), dropped when the backend closes."""
        self._tables += 1
        return self.connection.create_table(f"icmkit_{self._tables}", table, temp=True)

    def small_table(self, data: dict[str, list[Any]], schema: dict[str, str]) -> ir.Table:
        import ibis
        import pyarrow as pa

        # an Arrow table of the given types: a column with no rows, or only NULLs, would be
        # read as float64 by way of pandas and then fail to become a date
        arrow = ibis.schema(schema).to_pyarrow()
        columns = {name: pa.array(data[name], type=arrow.field(name).type) for name in schema}
        return ibis.memtable(pa.table(columns, schema=arrow))

    def out_of_memory(self, error: BaseException) -> str | None:
        import duckdb

        if not isinstance(error, duckdb.OutOfMemoryException):
            return None
        limit = self.settings.memory_limit or DEFAULT_MEMORY_LIMIT
        return (
            f"DuckDB ran out of memory within its limit of {limit}, nothing computed; raise "
            "`engine.duckdb.memory_limit` in program.yaml (for example 2GB, if the machine "
            "has it), or lower `engine.duckdb.threads`, or use --engine spark"
        )

    def close(self) -> None:
        if self._connection is not None:
            self._connection.disconnect()
            self._connection = None
        if self._spill is not None:
            self._spill.cleanup()
            self._spill = None


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _trim(value: ir.StringValue, characters: str) -> ir.StringValue:
    import ibis

    @ibis.udf.scalar.builtin(name="trim")  # type: ignore[untyped-decorator]
    def trim(text: str, chars: str) -> str:  # type: ignore[empty-body]
        """DuckDB's ``trim(text, characters)``."""

    return trim(value, characters)
