"""Spark (PySpark), for data that outgrows one machine: the same stage as DuckDB's.

Spark reads CSV and Parquet itself; every column as text. The order of the rows is
``monotonically_increasing_id()`` (increasing along the file: partition by partition, row by
row), and a row's line number is worked out from the rows each partition holds. The session
comes from ``program.yaml`` (``engine.spark``) or the environment (``ICMKIT_SPARK_MASTER``,
``ICMKIT_SPARK_CONF`` as ``key=value,key=value``); without either, a local one on the
machine's cores. PySpark and Java are an optional extra: ``pip install 'icmkit[spark]'``.
"""

from __future__ import annotations

import os
import shutil
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
from icmkit.engine.errors import EngineError

if TYPE_CHECKING:
    import ibis
    import ibis.expr.types as ir

CORRUPT = "__corrupt"
_LOW_BITS = 33
"""``monotonically_increasing_id`` puts the partition in the bits above these."""


@dataclass
class SparkSettings:
    master: str | None = None
    """Spark's master URL (default ``local[*]``)."""
    config: dict[str, str] = field(default_factory=dict)
    """Spark settings (``spark.executor.memory``, …)."""

    @classmethod
    def from_environment(cls, base: SparkSettings | None = None) -> SparkSettings:
        """``base`` (from program.yaml) with ``ICMKIT_SPARK_MASTER`` and ``ICMKIT_SPARK_CONF``
        on top."""
        chosen = base or cls()
        master = os.environ.get("ICMKIT_SPARK_MASTER") or chosen.master
        config = dict(chosen.config)
        for item in (os.environ.get("ICMKIT_SPARK_CONF") or "").split(","):
            key, sep, value = item.partition("=")
            if sep and key.strip():
                config[key.strip()] = value.strip()
        return cls(master, config)


def spark_available() -> str | None:
    """Why Spark cannot run here (None when it can)."""
    try:
        import pyspark  # noqa: F401
    except ImportError:
        return "the Spark engine needs PySpark: pip install 'icmkit[spark]'"
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        return "the Spark engine needs Java (a JRE, such as Debian's default-jre)"
    return None


@dataclass
class SparkBackend:
    settings: SparkSettings = field(default_factory=SparkSettings)
    money_columns: set[str] = field(default_factory=set)
    name: str = "spark"
    _connection: Any = None
    _cached: list[Any] = field(default_factory=list)
    _views: int = 0
    _too_many: list[int] = field(default_factory=list)
    _frames: list[Any] = field(default_factory=list)
    """Files read and cached: let go when the backend closes (a later read of the same path,
    changed since, must not find the old rows in Spark's cache)."""

    @property
    def connection(self) -> ibis.BaseBackend:
        if self._connection is None:
            missing = spark_available()
            if missing is not None:
                raise EngineError(missing)
            import ibis
            from pyspark.sql import SparkSession

            builder = SparkSession.builder.master(self.settings.master or "local[*]").appName(
                "icmkit"
            )
            defaults = {
                "spark.ui.enabled": "false",
                "spark.ui.showConsoleProgress": "false",
                "spark.sql.session.timeZone": "UTC",
                "spark.sql.shuffle.partitions": "8",
                "spark.sql.decimalOperations.allowPrecisionLoss": "false",
                "spark.sql.ansi.enabled": "true",
            }
            for key, value in {**defaults, **self.settings.config}.items():
                builder = builder.config(key, value)
            session = builder.getOrCreate()
            session.sparkContext.setLogLevel("ERROR")
            self._connection = ibis.pyspark.connect(session)
        return self._connection

    def _session(self) -> Any:
        return self.connection._session

    def _view(self, frame: Any) -> ir.Table:
        self._views += 1
        name = f"icmkit_read_{self._views}"
        frame.createOrReplaceTempView(name)
        return self.connection.table(name)

    def read(self, path: Path) -> Read:
        check_regular(path)
        from pyspark.sql import functions as F
        from pyspark.sql import types as T

        session = self._session()
        if is_parquet(path):
            try:
                frame = session.read.parquet(str(path))
            except Exception as error:  # Spark raises its own exception classes
                raise InputFileError([f"{path}: not a readable Parquet file: {error}"]) from None
            names = list(frame.columns)
            types = [f.dataType.simpleString() for f in frame.schema.fields]
            refuse_floats(path, names, types, self.money_columns)
            frame = frame.select(
                F.monotonically_increasing_id().alias(ROW),
                *[F.col(f"`{n}`").cast("string").alias(column(i)) for i, n in enumerate(names)],
            )
            table = self._view(frame)
            return Read(table, Columns([n.strip() for n in names], True), view=table.get_name())
        columns = csv_columns(path)
        schema = T.StructType(
            [T.StructField(column(i), T.StringType()) for i in range(len(columns.names))]
            + [T.StructField(CORRUPT, T.StringType())]
        )
        frame = session.read.csv(
            str(path),
            schema=schema,
            header=True,
            mode="PERMISSIVE",
            columnNameOfCorruptRecord=CORRUPT,
            escape='"',
            multiLine=True,  # a quoted value may hold a line break, as in any CSV
            enforceSchema=True,
            encoding="UTF-8",
        )
        frame = frame.withColumn(ROW, F.monotonically_increasing_id()).cache()
        self._frames.append(frame)
        read = Read(self._view(frame), columns, path=path)
        read.view = read.table.get_name()
        read.structural = self._corrupt(read, path)
        if read.structural:
            read.table = read.table.filter(
                read.table[CORRUPT].isnull() | ~read.table[ROW].isin(self._too_many)
            )
        return read

    def structural(self, read: Read, path: Path) -> list[tuple[int, str]]:
        """Rows Spark could not fit into the header's columns (too many values)."""
        if read.structural is None:
            read.structural = self._corrupt(read, path)
        return read.structural

    def _corrupt(self, read: Read, path: Path) -> list[tuple[int, str]]:
        if read.columns.parquet:
            return []
        table = read.table
        corrupt = table.filter(table[CORRUPT].notnull()).select(ROW, CORRUPT).order_by(ROW)
        rows = corrupt.to_pyarrow().to_pylist()
        if not rows:
            return []
        lines = self.lines(read, [r[ROW] for r in rows])
        width = len(read.columns.names)
        found: list[tuple[int, str]] = []
        self._too_many = []
        for r in rows:
            line = lines[r[ROW]]
            problem = too_many_values(path, r[CORRUPT] or "", line, width)
            if problem is not None:
                found.append((line, problem))
                self._too_many.append(r[ROW])
        return found

    def strip(self, value: ir.StringValue) -> ir.StringValue:
        import ibis

        @ibis.udf.scalar.builtin(name="btrim")  # type: ignore[untyped-decorator]
        def btrim(text: str, chars: str) -> str:  # type: ignore[empty-body]
            """Spark's ``btrim(text, characters)``."""

        return ibis.ifelse(
            (value == "") | value.re_search(NOTHING_TO_STRIP),
            value,
            btrim(value, PYTHON_WHITESPACE),
        )

    def lines(self, read: Read, rows: list[int]) -> dict[int, int]:
        if not rows:
            return {}
        frame = self._partition_counts(read)
        offsets: dict[int, int] = {}
        running = 0
        for index in sorted(frame):
            offsets[index] = running
            running += frame[index]
        mask = (1 << _LOW_BITS) - 1
        if read.columns.parquet:
            return {row: offsets.get(row >> _LOW_BITS, 0) + (row & mask) + 1 for row in rows}
        records = {row: offsets.get(row >> _LOW_BITS, 0) + (row & mask) + 1 for row in rows}
        assert read.path is not None
        found = record_lines(read.path, list(records.values()))
        return {row: found[record] for row, record in records.items()}

    def _partition_counts(self, read: Read) -> dict[int, int]:
        from pyspark.sql import functions as F

        assert read.view is not None
        frame = self._session().table(read.view)
        counted = frame.groupBy(F.shiftright(F.col(ROW), _LOW_BITS).alias("p")).count().collect()
        return {int(r["p"]): int(r["count"]) for r in counted}

    def cache(self, table: ir.Table) -> ir.Table:
        """``table`` computed once and persisted (memory, then disk) until the backend closes."""
        cached = table.cache()
        self._cached.append(cached)
        return cached

    def small_table(self, data: dict[str, list[Any]], schema: dict[str, str]) -> ir.Table:
        names = list(schema)
        kinds = {"string": "string", "date": "date", "int64": "bigint"}
        ddl = ", ".join(f"`{name}` {kinds[schema[name]]}" for name in names)
        rows = list(zip(*(data[name] for name in names), strict=True))
        return self._view(self._session().createDataFrame(rows, schema=ddl))

    def out_of_memory(self, error: BaseException) -> str | None:
        if "OutOfMemoryError" not in str(error):
            return None
        return (
            "Spark ran out of memory, nothing computed; give it more in program.yaml's "
            "`engine.spark.config` (spark.driver.memory, spark.executor.memory) or the "
            "ICMKIT_SPARK_CONF environment variable"
        )

    def close(self) -> None:
        for cached in self._cached:
            cached.release()
        self._cached.clear()
        for frame in self._frames:
            frame.unpersist()
        self._frames.clear()
        self._connection = None
