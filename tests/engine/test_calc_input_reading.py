"""`icmkit calc --engine python`: how the reference reader reads the transactions, roster and
legacy files (boundaries of the checks, the columns it asks for, plan assignments)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from icmkit.cli.app import app

BASE = ["calc", "PLAN-AE", "--transactions", "tx.csv", "--engine", "python"]
MARCH = [*BASE, "--period", "2027-03"]


def _invoke(args: list[str]) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, args)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"uncaught {result.exception!r}") from result.exception
    return result.exit_code, result.stdout, result.stderr


def _write(folder: Path, name: str, text: str) -> None:
    (folder / name).write_text(text, encoding="utf-8")


def _edit_plan(program: Path, old: str, new: str) -> None:
    plan = program / "plans" / "ae.yaml"
    text = plan.read_text(encoding="utf-8")
    assert text.count(old) == 1
    plan.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture
def program(minimal_program: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(minimal_program)
    return minimal_program


def test_a_term_of_one_month_is_read(program: Path) -> None:
    _write(
        program,
        "tx.csv",
        "participant,id,date,amount,term_months\nA1,T1,2027-03-10,10000,1\n",
    )
    code, out, err = _invoke(MARCH)
    assert (code, err) == (0, "")
    assert out.splitlines()[1] == "A1,800.00,0.00,800.00,800.00"


def test_overlay_shares_adding_up_to_exactly_max_total_are_credited(program: Path) -> None:
    _edit_plan(
        program,
        "  components:\n",
        "  crediting:\n    splits: {kind: overlay, max_total: 1.5}\n  components:\n",
    )
    _write(
        program,
        "tx.csv",
        "participant,id,date,amount,split\n"
        "A1,D1,2027-03-10,10000,100%\nA2,D1,2027-03-10,10000,50%\n",
    )
    code, out, err = _invoke(MARCH)
    assert (code, err) == (0, "")
    assert out.splitlines()[1:] == [
        "A1,800.00,0.00,800.00,800.00",
        "A2,400.00,0.00,400.00,400.00",
    ]


def test_a_measure_column_makes_every_measure_s_column_required(program: Path) -> None:
    _edit_plan(
        program,
        "    - {id: arr, name: New ARR, source: DS-CRM}\n",
        "    - {id: arr, name: New ARR, source: DS-CRM}\n"
        "    - {id: services, name: Services, field: services_amount}\n",
    )
    _write(program, "tx.csv", "participant,id,date,amount,measure\nA1,T1,2027-03-10,10000,arr\n")
    code, out, err = _invoke(MARCH)
    assert (code, out) == (2, "")
    assert err == (
        "icmkit: error: bad input rows, nothing computed:\n"
        "tx.csv:1: missing column(s): services_amount\n"
    )


def test_a_roster_assignment_decides_from_when_a_participant_is_on_the_plan(
    program: Path,
) -> None:
    _write(
        program,
        "tx.csv",
        "participant,id,date,amount\nA1,T1,2027-03-10,10000\nA2,T2,2027-03-10,10000\n",
    )
    _write(
        program,
        "r.csv",
        "participant,role,manager,hire_date,leave_date,plan,from,to\n"
        "A1,AE,,,,PLAN-AE,2027-03-15,\n"  # on the plan only after the deal
        "A2,AE,,,,,,\n",
    )
    code, out, err = _invoke([*MARCH, "--roster", "r.csv"])
    assert (code, err) == (0, "")
    assert out.splitlines()[1:] == [
        "A1,0.00,0.00,0.00,0.00",
        "A2,800.00,0.00,800.00,800.00",
    ]


def test_legacy_payouts_by_period_are_compared_period_by_period(program: Path) -> None:
    _write(
        program,
        "tx.csv",
        "participant,id,date,amount\nA1,T1,2027-03-10,10000\nA1,T2,2027-04-10,20000\n",
    )
    _write(program, "l.csv", "participant,period,payout\nA1,2027-03,800\nA1,2027-04,1500\n")
    code, out, err = _invoke([*BASE, "--period", "2027-03..2027-04", "--compare", "l.csv"])
    assert (code, err) == (
        1,
        "icmkit: 1 of 2 payouts do not reconcile with the legacy ones (tolerance 0.01):\n"
        "  A1 in 2027-04: computed 1600.00, legacy 1500, difference +100.00\n",
    )
    assert out.splitlines() == [
        "participant,period,payout,legacy_payout,difference,within_tolerance",
        "A1,2027-03,800.00,800,0.00,yes",
        "A1,2027-04,1600.00,1500,100.00,no",
    ]


def test_a_measure_filter_on_the_amount_is_decided_row_by_row(program: Path) -> None:
    # the rows have the same (no) attributes: the filter must still look at each amount
    _edit_plan(
        program,
        "    - {id: arr, name: New ARR, source: DS-CRM}\n",
        "    - {id: arr, name: New ARR, source: DS-CRM,\n"
        "       filter: [{field: amount, at_least: 1000}]}\n",
    )
    _write(
        program,
        "tx.csv",
        "participant,id,date,amount\n"
        "A1,T1,2027-03-10,500\nA1,T2,2027-03-11,5000\nA1,T3,2027-03-12,999.99\n",
    )
    code, out, err = _invoke(MARCH)
    assert (code, err) == (0, "")
    # only T2's 5,000 is credited: at 8% = 400
    assert out.splitlines()[1] == "A1,400.00,0.00,400.00,400.00"


def test_a_row_too_long_is_reported_once_and_not_read(program: Path) -> None:
    _write(
        program,
        "tx.csv",
        "participant,id,date,amount\nA1,T1,2027-03-10,x,5\nA1,T2,2027-03-10,100\n",
    )
    code, out, err = _invoke(MARCH)
    assert (code, out) == (2, "")
    assert err == (
        "icmkit: error: bad input rows, nothing computed:\ntx.csv:2: 5 values for 4 columns\n"
    )


def test_a_split_stored_as_a_float_in_parquet_is_refused(program: Path) -> None:
    pa = pytest.importorskip("pyarrow")
    parquet = pytest.importorskip("pyarrow.parquet")
    table = pa.table(
        {
            "participant": ["A1"],
            "id": ["T1"],
            "date": ["2027-03-10"],
            "amount": ["1000"],
            "split": pa.array([0.5], pa.float64()),
        }
    )
    parquet.write_table(table, program / "tx.parquet")
    code, out, err = _invoke(
        [
            "calc",
            "PLAN-AE",
            "--transactions",
            "tx.parquet",
            "--period",
            "2027-03",
            "--engine",
            "duckdb",
        ]
    )
    assert (code, out) == (2, "")
    assert err == (
        "icmkit: error: bad input rows, nothing computed:\n"
        "tx.parquet: column(s) split hold binary floating-point numbers, which cannot be read "
        "exactly: store amounts as DECIMAL or text\n"
    )
