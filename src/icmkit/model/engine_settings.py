"""Which engine ``icmkit calc`` reads transactions with, and how to reach it (``program.yaml``)."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from pydantic import Field

from icmkit.model.base import Item, Shown


class EngineName(StrEnum):
    PYTHON = "python"
    """The reference path: every row read into Python (small files, and to compare)."""
    DUCKDB = "duckdb"
    """DuckDB, embedded in the process: the default."""
    SPARK = "spark"
    """Spark, for data beyond one machine (the optional extra ``icmkit[spark]`` and Java)."""


class DuckDBOptions(Item):
    """How DuckDB runs."""

    memory_limit: Annotated[str | None, Shown(default="`600MB`")] = Field(
        default=None,
        description=(
            "The most memory DuckDB may use, such as `4GB`; what does not fit is spilled to a "
            "temporary folder. The default keeps a calculation under a gigabyte."
        ),
    )
    threads: Annotated[int | None, Shown(default="one per core")] = Field(
        default=None, ge=1, description="How many threads DuckDB uses."
    )


class SparkOptions(Item):
    """Where Spark runs."""

    master: Annotated[str | None, Shown(default="`local[*]`")] = Field(
        default=None,
        description=(
            "The Spark master URL, such as `spark://host:7077` or `local[4]`; the environment "
            "variable `ICMKIT_SPARK_MASTER` overrides it."
        ),
    )
    config: Annotated[dict[str, str], Shown(type="mapping of Spark setting to value")] = Field(
        default_factory=dict,
        description=(
            "Spark settings, such as `spark.executor.memory: 8g` (`ICMKIT_SPARK_CONF`, "
            "`key=value,key=value`, adds to them)."
        ),
    )


class EngineSettings(Item):
    """The engine that reads, checks, credits and adds up transactions for `icmkit calc`."""

    default: EngineName = Field(
        default=EngineName.DUCKDB,
        description=(
            "`duckdb` (default), `spark` or `python`; `icmkit calc --engine` chooses another "
            "for one run."
        ),
    )
    duckdb: Annotated[DuckDBOptions, Shown(default="DuckDB's defaults")] = Field(
        default_factory=DuckDBOptions,
        description="How DuckDB runs: see [DuckDB options](#duckdb-options).",
    )
    spark: Annotated[SparkOptions, Shown(default="a local Spark")] = Field(
        default_factory=SparkOptions,
        description="Where Spark runs: see [Spark options](#spark-options).",
    )
