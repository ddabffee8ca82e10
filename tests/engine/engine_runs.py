"""Running one calculation on every input stage and comparing what they give (test helpers).

``ENGINES`` holds the stages available here: Python and DuckDB always, Spark when PySpark
and Java are installed. A result is compared amount by amount *as text* (``format(x, "f")``),
so that a value with other trailing zeros (another Decimal exponent) counts as a difference:
the CLI prints amounts that way.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest

from icmkit.engine.columnar.spark_backend import spark_available
from icmkit.engine.input_stage import Engine
from icmkit.engine.result import PayoutResult
from icmkit.model.engine_settings import EngineName

SPARK_MISSING = spark_available()
needs_spark = pytest.mark.skipif(SPARK_MISSING is not None, reason=SPARK_MISSING or "")

COLUMNAR = [
    pytest.param(EngineName.DUCKDB, id="duckdb"),
    pytest.param(EngineName.SPARK, id="spark", marks=[pytest.mark.spark, needs_spark]),
]
"""The columnar stages held equal to the Python reference (Spark's tests are marked
``spark``: run with ``pytest -m spark``; they skip where PySpark or Java is missing)."""


def engine(name: EngineName) -> Engine:
    """The stage ``name``; Spark local on two cores, as small as a test needs."""
    found = Engine(name)
    if name is EngineName.SPARK:
        found.settings.spark.master = "local[2]"
        found.settings.spark.config["spark.sql.shuffle.partitions"] = "2"
    return found


def text(value: Decimal | None) -> str:
    return "" if value is None else format(value, "f")


def amounts(result: PayoutResult) -> dict[str, str]:
    """Every amount of a result, as the CLI would print it."""
    found = {f"component {c.id}": text(c.amount) for c in result.components}
    found |= {f"capped {c.id}": text(c.capped) for c in result.components}
    found |= {f"withheld {c.id}": text(c.withheld) for c in result.components}
    found |= {f"adjustment {i} {a.label}": text(a.amount) for i, a in enumerate(result.adjustments)}
    found |= {
        "earnings": text(result.earnings),
        "payout": text(result.payout),
        "draw balance": text(result.draw_balance),
        "held": text(result.held),
    }
    return found


def outcome(compute: Callable[[], list[PayoutResult]]) -> Any:
    """What a calculation gives: every result's amounts by participant, plan and period, or
    the refusal (its type and message)."""
    try:
        results = compute()
    except Exception as error:  # a refusal is an outcome too: compared by type and text
        return (type(error).__name__, str(error))
    return {(r.participant, r.plan, r.period): amounts(r) for r in results}
