"""Every stage refuses the same files with the same words: bad rows as ``file:row`` (capped,
nothing computed), missing columns, repeated transactions, deals whose splits do not add up,
rows with too many values, numbers whose separators could be read two ways, and a filter's
range test on a value that is not a number."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from tests.engine.conftest import make_plan
from tests.engine.engine_runs import COLUMNAR, engine, outcome

from icmkit.engine.batch import calculate_window
from icmkit.engine.calendar import Calendar
from icmkit.engine.csv_tables import MAX_SHOWN
from icmkit.engine.periods import Window
from icmkit.model.engine_settings import EngineName
from icmkit.model.number_text import UNDECLARED_TEXT, NumberFormat, number_format
from icmkit.model.plans import Plan

QUARTER = Window(dt.date(2027, 1, 1), dt.date(2027, 4, 1))
HEADER = "participant,id,date,amount,measure,split,cancelled_on,term_months,kind,size"
GOOD = "P1,T0,2027-01-05,100.00,,,,,new,5"

FLAT = make_plan(
    {"id": "c", "name": "C", "kind": "flat", "measure": "arr", "rate": "10%", "scope": "period"},
    payment={"frequency": "quarterly"},
)
SHARES = make_plan(
    {"id": "c", "name": "C", "kind": "flat", "measure": "arr", "rate": "10%", "scope": "period"},
    payment={"frequency": "quarterly"},
    crediting={"splits": {"kind": "revenue", "default_shares": ["60%", "40%"]}},
)
RANGED = make_plan(
    {"id": "c", "name": "C", "kind": "flat", "measure": "arr", "rate": "10%", "scope": "period"},
    payment={"frequency": "quarterly"},
    measures=[
        {"id": "arr", "name": "ARR", "filter": [{"field": "size", "at_least": 10}]},
        {"id": "services", "name": "Services"},
    ],
)

BAD_FILES: dict[str, tuple[Plan, list[str]]] = {
    "empty participant": (FLAT, [",T1,2027-01-05,100,,,,,new,5"]),
    "empty id and date": (FLAT, ["P1,,,100,,,,,new,5"]),
    "amount empty": (FLAT, ["P1,T1,2027-01-05,,,,,,new,5"]),
    "amount not a number": (FLAT, ["P1,T1,2027-01-05,abc,,,,,new,5"]),
    "thousands or decimal comma": (FLAT, ['P1,T1,2027-01-05,"1,234",,,,,new,5']),
    "decimal comma": (FLAT, ['P1,T1,2027-01-05,"12,5",,,,,new,5']),
    "a dot before three digits": (FLAT, ["P1,T1,2027-01-05,1.500,,,,,new,5"]),
    "too large": (FLAT, ["P1,T1,2027-01-05,1000000000000000,,,,,new,5"]),
    "too many places": (FLAT, ["P1,T1,2027-01-05,1.0000000000001,,,,,new,5"]),
    "negative split": (FLAT, ["P1,T1,2027-01-05,100,,-40%,,,new,5"]),
    "split not a share": (FLAT, ["P1,T1,2027-01-05,100,,forty,,,new,5"]),
    "bad date": (FLAT, ["P1,T1,2027-02-30,100,,,,,new,5"]),
    "bad cancellation date": (FLAT, ["P1,T1,2027-01-05,100,,,2027-13-01,12,new,5"]),
    "bad term": (FLAT, ["P1,T1,2027-01-05,100,,,2027-02-01,0,new,5"]),
    "unknown measure": (FLAT, ["P1,T1,2027-01-05,100,bonus,,,,new,5"]),
    "too many values": (FLAT, ["P1,T1,2027-01-05,100,,,,,new,5,extra"]),
    "the same transaction twice": (FLAT, ["P1,T1,2027-01-05,100,,,,,new,5"] * 2),
    "a split on some rows only": (
        SHARES,
        ["P1,T1,2027-01-05,100,,50%,,,new,5", "P2,T1,2027-01-05,100,,,,,new,5"],
    ),
    "no default shares for three": (
        SHARES,
        [f"P{n},T1,2027-01-05,100,,,,,new,5" for n in (1, 2, 3)],
    ),
    "shares over the whole deal": (
        FLAT,
        ["P1,T1,2027-01-05,100,,70%,,,new,5", "P2,T1,2027-01-05,100,,0.4,,,new,5"],
    ),
    "no shares at all": (
        FLAT,
        ["P1,T1,2027-01-05,100,,,,,new,5", "P2,T1,2027-01-05,100,,,,,new,5"],
    ),
    "a range test on text": (RANGED, ["P1,T1,2027-01-05,100,,,,,new,big"]),
    "a bad row after a blank line": (
        FLAT,
        ["P1,T1,2027-01-05,100,,,,,new,5", "", "P1,T2,2027-01-05,abc,,,,,new,5"],
    ),
    "a bad row after a value on two lines": (
        FLAT,
        ['P1,T1,2027-01-05,100,,,,,"new\nlogo",5', "P1,T2,2027-01-05,abc,,,,,new,5"],
    ),
    "many problems, capped": (
        FLAT,
        [f"P1,T{n},2027-01-05,x{n},,,,,new,5" for n in range(MAX_SHOWN + 7)],
    ),
    "every kind at once": (
        SHARES,
        [
            "P1,T1,2027-01-05,100,,,,,new,5",
            "P1,T1,2027-01-06,100,,,,,new,5",
            "P1,T2,2027-01-05,1.500,,,,,new,5",
            "P1,T3,2027-01-05,100,,,,,new,5,9",
            "P1,T4,2027-01-05,100,,50%,,,new,5",
            "P2,T4,2027-01-05,100,,,,,new,5",
        ],
    ),
}


def _refusal(
    plan: Plan,
    rows: list[str],
    folder: Path,
    name: EngineName,
    fmt: NumberFormat = UNDECLARED_TEXT,
    header: str = HEADER,
) -> object:
    path = folder / "transactions.csv"
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")

    def compute() -> list:  # type: ignore[type-arg]
        with engine(name).started() as stage:
            source = stage.transactions(path, plan, fmt)
            return calculate_window([plan], QUARTER, source, None, None, Calendar())

    return outcome(compute)


@pytest.mark.parametrize("name", COLUMNAR)
@pytest.mark.parametrize("what", list(BAD_FILES))
def test_bad_files_are_refused_alike(what: str, name: EngineName, tmp_path: Path) -> None:
    plan, rows = BAD_FILES[what]
    rows = [GOOD, *rows]
    reference = _refusal(plan, rows, tmp_path, EngineName.PYTHON)
    assert isinstance(reference, tuple), reference
    assert _refusal(plan, rows, tmp_path, name) == reference


@pytest.mark.parametrize("name", COLUMNAR)
@pytest.mark.parametrize(
    "header",
    ["participant,id,amount", "participant,id,date", "id,date,amount", ""],
)
def test_missing_columns_are_refused_alike(header: str, name: EngineName, tmp_path: Path) -> None:
    rows = ["P1,T1,2027-01-05"]
    reference = _refusal(FLAT, rows, tmp_path, EngineName.PYTHON, header=header)
    assert isinstance(reference, tuple), reference
    assert _refusal(FLAT, rows, tmp_path, name, header=header) == reference


@pytest.mark.parametrize("name", COLUMNAR)
def test_a_declared_format_reads_alike(name: EngineName, tmp_path: Path) -> None:
    """A file declared with a decimal comma and thousands dots: read, and refused alike."""
    fmt = number_format("comma", "dot")
    good = ['P1,T1,2027-01-05,"1.234,50",,"50%",,,new,"2,5"', 'P2,T1,2027-01-05,9,,"0,5",,,new,5']
    reference = _refusal(FLAT, good, tmp_path, EngineName.PYTHON, fmt)
    assert isinstance(reference, dict), reference
    assert _refusal(FLAT, good, tmp_path, name, fmt) == reference
    bad = ['P1,T2,2027-01-05,"1,234.50",,,,,new,5']
    refused = _refusal(FLAT, bad, tmp_path, EngineName.PYTHON, fmt)
    assert isinstance(refused, tuple), refused
    assert _refusal(FLAT, bad, tmp_path, name, fmt) == refused
