"""``icmkit calc`` on a roster gives the payouts the test cases give for the same inputs.

Every multi-period test case of the examples and of ``tests/fixtures/over_time`` is turned
into data files — its roster as ``participants.yaml`` (or the program's), its transactions as
a CSV, its scores and cash receipts as CSVs — and computed with ``icmkit calc`` over the same
periods. Each participant's payout, earnings and component earnings per plan and period must
equal what the test case's run computes.
"""

from __future__ import annotations

import csv
import json
import shutil
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from icmkit.cli.app import app
from icmkit.engine.case_runs import run_case
from icmkit.loading.program_loader import load_working_tree
from icmkit.model.plans import Plan
from icmkit.model.program_bundle import Program
from icmkit.model.roster import RosterEntry
from icmkit.model.testing import TestCase

REPO = Path(__file__).resolve().parents[2]
PROGRAMS = [
    REPO / "examples" / "lumen-analytics",
    REPO / "examples" / "harbor-supply",
    REPO / "tests" / "fixtures" / "over_time",
]


def _cases() -> list[tuple[str, Path, TestCase]]:
    found = []
    for root in PROGRAMS:
        program = load_working_tree(root, use_cache=False).program
        for case in program.test_cases:
            given = case.given
            if case.is_calculation and given is not None and given.periods is not None:
                found.append((case.id, root, case))
    return found


CASES = _cases()


def test_there_are_multi_period_cases_to_compare() -> None:
    assert len(CASES) >= 15


def _roster(case: TestCase) -> list[RosterEntry] | None:
    given = case.given
    assert given is not None
    if given.roster:
        return None
    if given.participants:
        return list(given.participants)
    people = [given.participant, *given.team]
    return [RosterEntry.model_validate(p.model_dump(by_alias=True)) for p in people]


def _write_roster(root: Path, entries: list[RosterEntry]) -> None:
    data = {
        "participants": [
            e.model_dump(mode="json", by_alias=True, exclude_defaults=True) for e in entries
        ]
    }
    (root / "participants.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")


def _write_transactions(path: Path, case: TestCase, plan: Plan) -> None:
    given = case.given
    assert given is not None
    attributes = sorted({name for t in given.transactions for name in t.attributes})
    fields = sorted({m.field for m in plan.measures})
    header = [
        "participant",
        "id",
        "date",
        *fields,
        "measure",
        "split",
        "cancelled_on",
        "term_months",
        *attributes,
    ]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        for t in given.transactions:
            measure = next(m for m in plan.measures if m.id == (t.measure or plan.measures[0].id))
            writer.writerow(
                [
                    t.participant or given.participant.id,
                    t.id,
                    t.date.isoformat(),
                    *[format(t.amount, "f") if f == measure.field else "" for f in fields],
                    t.measure or "",
                    format(t.split, "f"),
                    t.cancelled_on.isoformat() if t.cancelled_on else "",
                    t.term_months or "",
                    *[_cell(t.attributes.get(a)) for a in attributes],
                ]
            )


def _cell(value: str | Decimal | None) -> str:
    if value is None:
        return ""
    return format(value, "f") if isinstance(value, Decimal) else value


def _write_scores(path: Path, case: TestCase, people: list[str], periods: list[str]) -> bool:
    given = case.given
    assert given is not None
    if not given.scores and not given.scores_by_period:
        return False
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["participant", "period", "objective", "score"])
        for who in people:
            for period in periods:
                scores = given.scores_by_period.get(period, given.scores)
                for objective, score in scores.items():
                    writer.writerow([who, period, objective, format(score, "f")])
    return True


def _write_receipts(path: Path, case: TestCase) -> bool:
    given = case.given
    assert given is not None
    rows = [(t.id, r) for t in given.transactions for r in t.receipts]
    if not rows:
        return False
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "date", "amount"])
        for deal, receipt in rows:
            writer.writerow([deal, receipt.date.isoformat(), format(receipt.amount, "f")])
    return True


def _amounts(entry: dict[str, Any]) -> dict[str, Decimal]:
    found = {f"components.{k}": Decimal(v) for k, v in entry["components"].items()}
    found["payout"] = Decimal(entry["payout"])
    found["earnings"] = Decimal(entry["earnings"])
    return found


@pytest.mark.parametrize(("case_id", "root", "case"), CASES, ids=[c for c, *_ in CASES])
def test_calc_gives_what_the_test_case_gives(
    case_id: str, root: Path, case: TestCase, tmp_path: Path
) -> None:
    given = case.given
    assert given is not None and given.periods is not None
    program_root = tmp_path / "program"
    shutil.copytree(root, program_root)
    entries = _roster(case)
    if entries is not None:
        _write_roster(program_root, entries)
    program: Program = load_working_tree(program_root, use_cache=False).program
    plans = {p.id: p for p in program.plans}
    plan = plans[case.plan or ""]
    expected = run_case(case, plan, program)
    assert expected.error is None, expected.error
    engine = {(r.participant, r.plan, r.period): r for r in expected.results}
    named = {plan.id} | {a.plan for e in entries or [] for a in e.assignments}
    people = sorted({r.participant for r in expected.results})
    periods = sorted({r.period for r in expected.results})
    options: list[str] = []
    if _write_scores(tmp_path / "scores.csv", case, people, periods):
        options += ["--scores", str(tmp_path / "scores.csv")]
    if _write_receipts(tmp_path / "receipts.csv", case):
        options += ["--receipts", str(tmp_path / "receipts.csv")]
    if given.as_of is not None:
        options += ["--as-of", given.as_of.isoformat()]
    computed: dict[tuple[str, str, str], dict[str, Decimal]] = {}
    for plan_id in sorted(named):
        transactions = tmp_path / f"{plan_id}.csv"
        _write_transactions(transactions, case, plans[plan_id])
        result = CliRunner().invoke(
            app,
            [
                "calc",
                plan_id,
                "-p",
                str(program_root),
                "--transactions",
                str(transactions),
                "--period",
                given.periods,
                "--format",
                "json",
                *options,
            ],
        )
        assert result.exit_code == 0, result.output
        document = json.loads(result.stdout)
        rows = document.get("results")
        if rows is None:  # one period of one plan
            rows = [
                {**r, "plan": document["plan"], "period": document["period"]}
                for r in document["participants"]
            ]
        for row in rows:
            computed[(row["participant"], row["plan"], row["period"])] = _amounts(row)
    for key, result in engine.items():
        if key[1] not in named:
            continue
        assert key in computed, f"{case_id}: calc computed nothing for {key}"
        wanted = {f"components.{c.id}": c.amount for c in result.components}
        wanted["payout"] = result.payout
        wanted["earnings"] = result.earnings
        got = computed[key]
        assert {k: v for k, v in got.items() if k in wanted} == wanted, (case_id, key)
