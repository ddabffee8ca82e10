"""The bundled Harbor Supply example program checks clean and meets its own contract.

Harbor Supply is the second example: a distributor's branch sales force paid weekly on gross
margin, branch managers on a monthly override paid quarterly, and trainees with a weekly
guarantee. Its expected amounts are worked out by hand from docs/format.md and docs/engine.md.
"""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner

from icmkit.cli.app import app
from icmkit.engine.case_runs import Outcome, run_cases
from icmkit.engine.load_and_check import CheckedProgram, load_and_check
from icmkit.model.categories import DEFAULT_CATEGORIES
from icmkit.model.plans import (
    Frequency,
    OverrideComponent,
    Scope,
    SpiffComponent,
    ThresholdPay,
    TieredComponent,
    TierMethod,
)
from icmkit.model.requirements import Kind
from icmkit.model.testing import Stage

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "harbor-supply"


def _clean_output() -> str:
    files = sum(1 for _ in EXAMPLE.rglob("*.yaml"))
    return f"No problems found ({files} files checked).\n"


@pytest.fixture(scope="module")
def checked() -> CheckedProgram:
    return load_and_check(EXAMPLE, use_cache=False)


def test_check_through_cli_runner_is_clean() -> None:
    result = CliRunner().invoke(app, ["check", str(EXAMPLE)])
    assert result.exit_code == 0, result.output
    assert result.output == _clean_output()


def test_check_as_a_real_process_is_clean() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "icmkit", "check", str(EXAMPLE)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout == _clean_output()
    assert done.stderr == ""


def test_example_has_no_findings_at_all(checked: CheckedProgram) -> None:
    found = [f"{f.path}:{f.line}: {f.code} {f.message}" for f in checked.report.findings]
    assert found == []


def test_every_calculation_case_passes(checked: CheckedProgram) -> None:
    runs = run_cases(checked.program)
    assert len(runs) >= 15
    assert sorted(r.id for r in runs if r.outcome is not Outcome.PASSED) == []


def test_example_covers_every_category_with_every_kind(checked: CheckedProgram) -> None:
    program = checked.program
    assert program.info is not None
    assert program.info.currency == "USD"
    assert list(program.info.essential_categories) == list(DEFAULT_CATEGORIES)
    assert {r.category for r in program.requirements} == set(DEFAULT_CATEGORIES)
    assert {r.kind for r in program.requirements} == set(Kind)
    assert 40 <= len(program.requirements) <= 60
    sides = Counter(member.side.value for member in program.info.team)
    assert sides["customer"] >= 1 and sides["implementer"] >= 1


def test_example_is_paid_in_sunday_weeks(checked: CheckedProgram) -> None:
    info = checked.program.info
    assert info is not None and info.calendar is not None
    assert info.calendar.week_starts.value == "sunday"
    plans = {plan.id: plan for plan in checked.program.plans}
    assert plans["PLAN-REP-2027"].payment.frequency is Frequency.WEEKLY
    assert plans["PLAN-REP-2027"].effective.from_.isoweekday() == 7  # a Sunday
    manager = plans["PLAN-BM-2027"].payment
    assert manager.frequency is Frequency.QUARTERLY
    assert manager.calculation is Frequency.MONTHLY


def test_example_plans_use_the_building_blocks(checked: CheckedProgram) -> None:
    plans = {plan.id: plan for plan in checked.program.plans}
    rep = plans["PLAN-REP-2027"]
    assert rep.measures[0].field == "gross_margin"
    tiered = [c for c in rep.components if isinstance(c, TieredComponent)]
    assert tiered and tiered[0].method is TierMethod.MARGINAL
    assert tiered[0].scope is Scope.PERIOD and tiered[0].multipliers
    spiff = [c for c in rep.components if isinstance(c, SpiffComponent)]
    assert spiff and spiff[0].max_events_per is Frequency.QUARTERLY

    manager = plans["PLAN-BM-2027"]
    override = [c for c in manager.components if isinstance(c, OverrideComponent)]
    assert override and override[0].threshold is not None
    assert override[0].threshold.amount is not None
    assert override[0].threshold.pay is ThresholdPay.ON_EXCESS
    assert manager.crediting.rollup is not None

    draw = plans["PLAN-TRAINEE-2027"].draw
    assert draw is not None and draw.eligible.value == "new_hires"
    assert draw.frequency is Frequency.WEEKLY


def test_example_roster_has_the_mid_year_changes(checked: CheckedProgram) -> None:
    roster = {entry.id: entry for entry in checked.program.participants}
    roles = Counter(entry.role for entry in roster.values())
    assert roles["Branch manager"] == 2
    assert 6 <= len(roster) - 2 <= 10
    assert any(len(entry.managers) > 1 for entry in roster.values())  # a transfer
    assert any(entry.leave_date is not None for entry in roster.values())
    assert any(
        len({a.plan for a in entry.assignments}) > 1 for entry in roster.values()
    )  # a move onto another plan


def test_example_tests_span_all_stages_and_run_over_periods(checked: CheckedProgram) -> None:
    cases = checked.program.test_cases
    assert len(cases) >= 30
    assert {case.stage for case in cases} == set(Stage)
    assert len(checked.program.reports) >= 5
    runs = [c for c in cases if c.given is not None and c.given.periods is not None]
    assert len(runs) >= 5
    assert any(c.given is not None and c.given.roster for c in runs)
    assert all(c.expect is not None and c.expect.results for c in runs)


def test_every_plan_case_states_its_payout(checked: CheckedProgram) -> None:
    for case in checked.program.test_cases:
        if case.plan is None:
            continue
        assert case.given is not None, case.id
        assert case.expect is not None and case.expect.payout is not None, case.id
        assert case.expect.notes, case.id
