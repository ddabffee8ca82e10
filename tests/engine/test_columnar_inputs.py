"""The DuckDB stage reads the transactions as the Python reference does, at the edges: padded
cells, Parquet column names and types, amounts and shares with as many digits as its exact
DECIMAL holds (and one more), a folder given for the file, conditions on numeric attributes,
and the days a calculation period widens the segments to."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import duckdb
import pytest
from tests.engine.conftest import make_plan
from tests.engine.corpus import Scenario
from tests.engine.test_engines_agree import run_scenario

from icmkit.engine.periods import Window
from icmkit.model.engine_settings import EngineName
from icmkit.model.number_text import UNDECLARED_TEXT, NumberFormat, number_format
from icmkit.model.plans import Plan
from icmkit.model.roster import RosterEntry

YEAR = Window(dt.date(2027, 1, 1), dt.date(2028, 1, 1))
HEADER = "participant,id,date,amount"


def _flat(rate: str = "10%", **extra: Any) -> Plan:
    return make_plan(
        {"id": "c", "name": "C", "kind": "flat", "measure": "arr", "rate": rate,
         "scope": "transaction"},
        **{"payment": {"frequency": "monthly"}, **extra},
    )  # fmt: skip


def _write(folder: Path, lines: list[str], name: str = "transactions.csv") -> Path:
    path = folder / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _both(
    plan: Plan,
    path: Path,
    window: Window = YEAR,
    roster: list[dict[str, Any]] | None = None,
    fmt: NumberFormat = UNDECLARED_TEXT,
) -> tuple[object, object]:
    entries = [RosterEntry.model_validate(e) for e in roster or []]
    found = Scenario(plan, path, entries, window, fmt)
    python = run_scenario(found, EngineName.PYTHON)
    if path.suffix == ".parquet":
        python = None
    return python, run_scenario(found, EngineName.DUCKDB)


def _payouts(outcome: object) -> dict[tuple[str, str], str]:
    assert isinstance(outcome, dict), outcome
    return {(who, str(period)): amounts["payout"] for (who, _, period), amounts in outcome.items()}


# ---- Parquet -------------------------------------------------------------------------------


def _parquet(path: Path, select: str) -> Path:
    duckdb.sql(f"COPY (SELECT {select}) TO '{path}' (FORMAT parquet)")
    return path


@pytest.mark.parametrize("stored", ["FLOAT", "REAL", "DOUBLE"])
def test_money_stored_as_any_binary_float_is_refused(stored: str, tmp_path: Path) -> None:
    path = _parquet(
        tmp_path / "t.parquet",
        f"'P1' AS participant, 'T1' AS id, '2027-01-05' AS date, CAST(100.5 AS {stored}) AS amount",
    )
    _, refused = _both(_flat(), path)
    assert refused == (
        "InputFileError",
        f"bad input rows, nothing computed:\n{path}: column(s) amount hold binary "
        "floating-point numbers, which cannot be read exactly: store amounts as DECIMAL or text",
    )


def test_a_parquet_column_named_with_a_double_quote_is_read(tmp_path: Path) -> None:
    path = _parquet(
        tmp_path / "t.parquet",
        "'P1' AS participant, 'T1' AS id, '2027-01-05' AS date, '100.50' AS amount, "
        '\'x\' AS "the ""best"" deal"',
    )
    _, computed = _both(_flat(), path)
    assert _payouts(computed)[("P1", "2027-01")] == "10.05"


# ---- CSV cells -----------------------------------------------------------------------------


def test_cells_padded_with_spaces_are_read_as_python_reads_them(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        [
            HEADER,
            " P1 ,T1, 2027-01-05 , 100.50 ",
            "P1 ,T2,2027-01-06,\t7\t",
            "P1,T3,2027-02-01,20",
        ],
    )
    python, columnar = _both(_flat(), path)
    assert columnar == python
    assert _payouts(columnar)[("P1", "2027-01")] == "10.75"


def test_a_folder_given_for_the_transactions_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "transactions.csv"
    folder.mkdir()
    python, columnar = _both(_flat(), folder)
    assert (
        columnar
        == python
        == (
            "UnreadableInputError",
            f"{folder}: cannot read: it is a folder, not a regular file",
        )
    )


# ---- digits --------------------------------------------------------------------------------

AMOUNT_12 = "1.123456789012"  # twelve decimal places: 15 + 12 digits of amount


def _split_plan() -> Plan:
    return _flat(crediting={"splits": {"kind": "overlay"}})


def _split_rows(tmp_path: Path, share: str) -> Path:
    return _write(
        tmp_path,
        [HEADER + ",split", f"P1,T1,2027-01-05,{AMOUNT_12},{share}", "P1,T2,2027-01-06,5,1"],
    )


TOO_MANY = (
    "EngineError",
    "the amounts and shares have too many digits together for the columnar engines' exact "
    "DECIMAL (12 and {} decimal places): use --engine python",
)


@pytest.mark.parametrize(
    ("share", "scale"),
    [
        ("0.123456789", 9),  # 15 + 12 + 1 + 9 = 37 digits: computed
        ("12.3456789%", 9),  # the same share read by Python (a percent)
        ("0.1234567891", None),  # 38 digits: refused
        ("12.34567891%", None),
    ],
)
def test_amounts_and_shares_fill_the_exact_decimal_to_the_last_digit(
    share: str, scale: int | None, tmp_path: Path
) -> None:
    python, columnar = _both(_split_plan(), _split_rows(tmp_path, share))
    if scale is not None:
        assert columnar == python
        assert isinstance(columnar, dict)
    else:
        assert columnar == (TOO_MANY[0], TOO_MANY[1].format(10))
        assert isinstance(python, dict)


def test_a_negative_split_is_refused_as_python_refuses_it(tmp_path: Path) -> None:
    python, columnar = _both(_split_plan(), _split_rows(tmp_path, "-0.123456789"))
    assert columnar == python
    assert isinstance(python, tuple) and "negative" in python[1]


def test_a_share_with_more_digits_than_a_whole_amount_is_exact(tmp_path: Path) -> None:
    """An overlay split of 8 + 12 digits is wider than a whole amount (15 digits): the
    product is computed at the split's width, not cut to the amount's."""
    path = _write(
        tmp_path,
        [HEADER + ",split", "P1,T1,2027-01-05,10,12345678.000000000001", "P1,T2,2027-01-06,5,1"],
    )
    plan = _flat(crediting={"splits": {"kind": "overlay", "max_total": 20_000_000}})
    python, columnar = _both(plan, path)
    assert columnar == python
    assert _payouts(columnar)[("P1", "2027-01")] == "12345678.50"


@pytest.mark.parametrize(
    ("amount", "share", "payout"),
    [
        ("999999999999999.99", "0.50", "50000000000000.50"),
        ("123456789012345.12", "0.123", "1518518504852.34"),
    ],
)
def test_the_largest_amounts_with_cents_are_split_exactly(
    amount: str, share: str, payout: str, tmp_path: Path
) -> None:
    path = _write(
        tmp_path, [HEADER + ",split", f"P1,T1,2027-01-05,{amount},{share}", "P1,T2,2027-01-06,5,1"]
    )
    python, columnar = _both(_split_plan(), path)
    assert columnar == python
    assert _payouts(columnar)[("P1", "2027-01")] == payout


# ---- filters -------------------------------------------------------------------------------


def _filtered(*conditions: dict[str, Any], **extra: Any) -> Plan:
    return _flat(
        measures=[{"id": "arr", "name": "ARR", "filter": list(conditions)}, *extra.pop("more", [])],
        **extra,
    )


def test_a_filter_on_the_amount_equal_to_a_number_takes_that_amount(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        [HEADER, "P1,T1,2027-01-05,500", "P1,T2,2027-01-06,500.00", "P1,T3,2027-01-07,501"],
    )
    python, columnar = _both(_filtered({"field": "amount", "equals": 500}), path)
    assert columnar == python
    assert _payouts(columnar)[("P1", "2027-01")] == "100.00"


def test_a_word_never_equals_a_numeric_cell_of_a_declared_format(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        [
            HEADER + ",size",
            "P1,T1,2027-01-05,100,10",
            "P1,T2,2027-01-06,200,north",
            "P1,T3,2027-01-07,400,",
        ],
    )
    fmt = number_format("dot", "none")
    python, columnar = _both(_filtered({"field": "size", "equals": "north"}), path, fmt=fmt)
    assert columnar == python
    assert _payouts(columnar)[("P1", "2027-01")] == "20.00"


def test_an_attribute_with_a_decimal_comma_is_compared_as_its_number(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        [
            HEADER + ",size",
            'P1,T1,2027-01-05,"100,50","1,5"',
            'P1,T2,2027-01-06,"200,25","2,5"',
            'P1,T3,2027-01-07,"300,00","2,75"',
        ],
    )
    fmt = number_format("comma", "dot")
    plan = _filtered({"field": "size", "at_least": 2, "below": "2.6"})
    python, columnar = _both(plan, path, fmt=fmt)
    assert columnar == python
    assert _payouts(columnar)[("P1", "2027-01")] == "20.03"


def test_a_filter_on_the_column_another_measure_reads_finds_no_attribute(tmp_path: Path) -> None:
    """As in Python, a column that a measure reads its amounts from is not an attribute: a
    filter testing it finds nothing there."""
    path = _write(
        tmp_path, [HEADER + ",acv", "P1,T1,2027-01-05,100,50", "P1,T2,2027-01-06,200,500"]
    )
    more = [{"id": "svc", "name": "Services", "field": "acv"}]
    for condition in ({"field": "acv", "at_least": 100}, {"field": "acv", "equals": "50"}):
        python, columnar = _both(_filtered(condition, more=more), path)
        assert columnar == python
        assert _payouts(columnar)[("P1", "2027-01")] == "0.00"


# ---- hierarchy and periods -----------------------------------------------------------------


def test_credit_rolls_up_from_the_first_day_of_a_role(tmp_path: Path) -> None:
    """R1 becomes an AE on 1 March; only AE credit rolls up: the sale of that day does."""
    plan = _flat(
        eligibility={"roles": ["AE", "Manager"]},
        crediting={"rollup": {"levels": 1, "include_roles": ["AE"]}},
    )
    roster = [
        {"id": "M1", "role": "Manager"},
        {
            "id": "R1",
            "role": "SE",
            "manager": "M1",
            "assignments": [{"plan": "PLAN-T", "from": "2027-03-01", "role": "AE"}],
        },
    ]
    path = _write(
        tmp_path,
        [HEADER, "R1,T1,2027-02-28,50", "R1,T2,2027-03-01,1000", "R1,T3,2027-03-02,100"],
    )
    python, columnar = _both(plan, path, roster=roster)
    assert columnar == python
    assert _payouts(columnar)[("M1", "2027-03")] == "110.00"


def test_a_window_ending_inside_a_period_computes_the_whole_period(tmp_path: Path) -> None:
    """A January window widens to the first quarter, the period it is paid in: the component
    that starts on 1 March counts the March sale only."""
    plan = make_plan(
        {"id": "c", "name": "C", "kind": "flat", "measure": "arr", "rate": "10%",
         "scope": "transaction", "effective": {"from": "2027-03-01"}},
        payment={"frequency": "quarterly"},
    )  # fmt: skip
    path = _write(
        tmp_path,
        [HEADER, "P1,T1,2027-01-05,100", "P1,T2,2027-02-20,200", "P1,T3,2027-03-31,300"],
    )
    window = Window(dt.date(2027, 1, 1), dt.date(2027, 2, 1))
    python, columnar = _both(plan, path, window=window)
    assert columnar == python
    assert _payouts(columnar) == {("P1", "2027-Q1"): "30.00"}
