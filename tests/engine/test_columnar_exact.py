"""Money never passes through binary floating point in the columnar stage, and a Parquet file
gives what its CSV gives (a file that stores money as a float is refused)."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb
import ibis.expr.types as ir
import pytest
from tests.engine.conftest import make_plan
from tests.engine.corpus import scenario
from tests.engine.engine_runs import COLUMNAR, engine
from tests.engine.test_engines_agree import run_scenario

from icmkit.engine.batch import calculate_window
from icmkit.engine.calendar import Calendar
from icmkit.engine.columnar.duckdb_backend import DuckDBBackend
from icmkit.engine.csv_tables import InputFileError
from icmkit.engine.errors import EngineError
from icmkit.engine.periods import Window
from icmkit.model.engine_settings import EngineName

FLOATING = re.compile(r"\b(DOUBLE|FLOAT\d*|REAL)\b", re.IGNORECASE)


def _floating(schema: Any) -> list[str]:
    return [f"{name} {kind}" for name, kind in schema.items() if kind.is_floating()]


@pytest.mark.parametrize("seed", [4, 11, 13, 36])
def test_no_table_or_result_of_the_stage_holds_a_float(
    seed: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every table the stage keeps and every result it reads back has exact types only, and
    no SQL it runs casts to a float."""
    seen: list[str] = []
    cache = DuckDBBackend.cache

    def checked_cache(self: DuckDBBackend, table: ir.Table) -> ir.Table:
        seen.extend(_floating(table.schema()))
        seen.extend(FLOATING.findall(str(self.connection.compile(table))))
        return cache(self, table)

    fetch, batches = ir.Table.to_pyarrow, ir.Table.to_pyarrow_batches

    def checked_fetch(self: ir.Table, *args: Any, **kwargs: Any) -> Any:
        seen.extend(_floating(self.schema()))
        return fetch(self, *args, **kwargs)

    def checked_batches(self: ir.Table, *args: Any, **kwargs: Any) -> Any:
        seen.extend(_floating(self.schema()))
        return batches(self, *args, **kwargs)

    monkeypatch.setattr(DuckDBBackend, "cache", checked_cache)
    monkeypatch.setattr(ir.Table, "to_pyarrow", checked_fetch)
    monkeypatch.setattr(ir.Table, "to_pyarrow_batches", checked_batches)
    found = scenario(seed, tmp_path)
    assert isinstance(run_scenario(found, EngineName.DUCKDB), dict)
    assert seen == []


def test_sums_are_exact_where_floats_are_not(tmp_path: Path) -> None:
    """A hundred thousand credits of 0.10 (and amounts with twelve places) add up exactly:
    in binary floating point they do not."""
    plan = make_plan(
        {"id": "c", "name": "C", "kind": "flat", "measure": "arr", "rate": "100%",
         "scope": "period"},
        payment={"frequency": "monthly"},
        rounding={"places": 2, "at": "payout"},
    )  # fmt: skip
    path = tmp_path / "transactions.csv"
    lines = ["participant,id,date,amount"]
    lines += [f"P1,T{n},2027-01-{1 + n % 28:02d},0.10" for n in range(100_000)]
    lines += [f"P1,U{n},2027-01-05,123456789.123456789012" for n in range(3)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    window = Window(dt.date(2027, 1, 1), dt.date(2027, 2, 1))
    with engine(EngineName.DUCKDB).started() as stage:
        source = stage.transactions(path, plan, stage_format())
        (result,) = calculate_window([plan], window, source, None, None, Calendar())
    exact = Decimal("0.10") * 100_000 + 3 * Decimal("123456789.123456789012")
    assert result.components[0].amount == exact
    assert str(exact) == "370380367.370370367036"
    assert sum([0.10] * 100_000) != 10_000  # what a float would have made of it


def stage_format() -> Any:
    from icmkit.model.number_text import UNDECLARED_TEXT

    return UNDECLARED_TEXT


def _parquet(csv_path: Path, target: Path, amount_type: str) -> None:
    duckdb.sql(
        f"COPY (SELECT * REPLACE (CAST(amount AS {amount_type}) AS amount) FROM read_csv("
        f"'{csv_path}', all_varchar = true, header = true)) TO '{target}' (FORMAT parquet)"
    )


@pytest.mark.parametrize("name", COLUMNAR)
@pytest.mark.parametrize("seed", [1, 5, 14])
def test_a_parquet_file_gives_what_its_csv_gives(
    seed: int, name: EngineName, tmp_path: Path
) -> None:
    found = scenario(seed, tmp_path)
    reference = run_scenario(found, EngineName.PYTHON)
    parquet = tmp_path / "transactions.parquet"
    _parquet(found.transactions, parquet, "VARCHAR")
    found.transactions = parquet
    assert run_scenario(found, name) == reference


@pytest.mark.parametrize("name", COLUMNAR)
def test_money_stored_as_a_float_is_refused(name: EngineName, tmp_path: Path) -> None:
    found = scenario(1, tmp_path)
    parquet = tmp_path / "transactions.parquet"
    _parquet(found.transactions, parquet, "DOUBLE")
    found.transactions = parquet
    refused = run_scenario(found, name)
    assert isinstance(refused, tuple) and refused[0] == InputFileError.__name__
    assert "binary floating-point" in refused[1] and "amount" in refused[1]


def test_the_python_path_reads_csv_only(tmp_path: Path) -> None:
    found = scenario(1, tmp_path)
    parquet = tmp_path / "transactions.parquet"
    _parquet(found.transactions, parquet, "VARCHAR")
    found.transactions = parquet
    refused = run_scenario(found, EngineName.PYTHON)
    assert refused[0] == EngineError.__name__ and "--engine duckdb" in refused[1]  # type: ignore[index]
