"""The input stage ``icmkit calc`` reads transactions with: Python, DuckDB or Spark.

The pure-Python reader (``calc_inputs``) is the reference; the columnar stage (``columnar``)
runs the same reading, checks and crediting in DuckDB (the default: embedded, streaming, with
bounded memory) or Spark. All give the same payouts, to the cent, and the same refusals.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from icmkit.engine.calc_inputs import read_transactions
from icmkit.engine.errors import EngineError
from icmkit.model.engine_settings import EngineName, EngineSettings
from icmkit.model.number_text import NumberFormat
from icmkit.model.plans import Plan

if TYPE_CHECKING:
    from icmkit.engine.columnar.backend import Backend
    from icmkit.engine.columnar.source import Progress
    from icmkit.engine.transaction_source import TransactionSource


def _silent(step: str, done: int, total: int | None) -> None:
    del step, done, total


@dataclass
class Stage:
    """An input stage, started: it reads transactions files for plans."""

    name: EngineName
    backend: Backend | None = None
    progress: Progress = _silent

    def transactions(
        self, path: Path, plan: Plan, fmt: NumberFormat, only_known: bool = False
    ) -> TransactionSource:
        """The file read and checked for ``plan`` (InputFileError lists bad rows)."""
        if self.backend is None:
            from icmkit.engine.columnar.backend import is_parquet

            if is_parquet(path):
                raise EngineError(
                    f"{path}: the python engine reads CSV files; read Parquet with "
                    "--engine duckdb or --engine spark"
                )
            self.progress("reading and checking the transactions", 0, None)
            return read_transactions(path, plan, fmt, only_known)
        from icmkit.engine.columnar.source import open_columnar

        self.backend.money_columns = {m.field for m in plan.measures} | {"split"}
        return open_columnar(self.backend, path, plan, fmt, only_known, self.progress)


@dataclass
class Engine:
    """Which input stage to start, and how."""

    name: EngineName = EngineName.PYTHON
    settings: EngineSettings = field(default_factory=EngineSettings)
    progress: Progress = _silent

    @contextmanager
    def started(self) -> Iterator[Stage]:
        backend = self._backend()
        try:
            yield Stage(self.name, backend, self.progress)
        except Exception as error:
            told = backend.out_of_memory(error) if backend is not None else None
            if told is not None:
                raise EngineError(told) from None
            raise
        finally:
            if backend is not None:
                backend.close()

    def _backend(self) -> Backend | None:
        if self.name is EngineName.PYTHON:
            return None
        if self.name is EngineName.DUCKDB:
            from icmkit.engine.columnar.duckdb_backend import DuckDBBackend, DuckDBSettings

            options = self.settings.duckdb
            return DuckDBBackend(DuckDBSettings(options.memory_limit, options.threads))
        from icmkit.engine.columnar.spark_backend import SparkBackend, SparkSettings

        spark = self.settings.spark
        base = SparkSettings(spark.master, dict(spark.config))
        return SparkBackend(SparkSettings.from_environment(base))

    @classmethod
    def of(cls, settings: EngineSettings, name: EngineName | None = None) -> Engine:
        """The engine ``name`` (default: the program's) with the program's settings."""
        return cls(name or settings.default, settings)
