"""The bundled Lumen Analytics example program checks clean and meets its own contract."""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner

from icmkit.cli.app import app
from icmkit.engine.load_and_check import CheckedProgram, load_and_check
from icmkit.model.categories import DEFAULT_CATEGORIES
from icmkit.model.plans import (
    AcceleratedComponent,
    OverrideComponent,
    QuotaBonusComponent,
    SpiffComponent,
    TierMethod,
)
from icmkit.model.requirements import Kind
from icmkit.model.testing import Stage

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "lumen-analytics"


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


def test_example_covers_every_category_with_every_kind(checked: CheckedProgram) -> None:
    program = checked.program
    assert program.info is not None
    assert program.info.platform == "Performio"
    assert program.info.currency == "USD"
    assert list(program.info.essential_categories) == list(DEFAULT_CATEGORIES)
    assert {r.category for r in program.requirements} == set(DEFAULT_CATEGORIES)
    assert {r.kind for r in program.requirements} == set(Kind)
    assert 70 <= len(program.requirements) <= 90
    sides = Counter(member.side.value for member in program.info.team)
    assert sides["customer"] >= 1 and sides["implementer"] >= 1


def test_example_tests_span_all_stages(checked: CheckedProgram) -> None:
    cases = checked.program.test_cases
    assert len(cases) >= 40
    assert {case.stage for case in cases} == set(Stage)
    assert len(checked.program.reports) >= 5


def test_example_plans_use_the_building_blocks(checked: CheckedProgram) -> None:
    plans = {plan.id: plan for plan in checked.program.plans}
    assert len(plans) >= 3
    kinds = {c.kind for plan in plans.values() for c in plan.components}
    assert kinds == {"flat", "tiered", "accelerated", "quota_bonus", "mbo", "spiff", "override"}

    ae = plans["PLAN-AE-2027"]
    accelerated = [c for c in ae.components if isinstance(c, AcceleratedComponent)]
    assert accelerated and accelerated[0].method is TierMethod.MARGINAL
    assert accelerated[0].cap is not None
    assert ae.clawback is not None and ae.proration is not None and ae.payment.true_up
    assert ae.crediting.splits is not None
    sdr = plans["PLAN-SDR-2027"]
    assert any(isinstance(c, QuotaBonusComponent) for c in sdr.components)
    assert any(isinstance(c, SpiffComponent) for c in sdr.components)
    manager = plans["PLAN-MGR-2027"]
    assert any(isinstance(c, OverrideComponent) for c in manager.components)
    assert manager.crediting.rollup is not None
    assert plans["PLAN-CSM-2027"].draw is not None


def test_every_plan_case_states_its_payout(checked: CheckedProgram) -> None:
    for case in checked.program.test_cases:
        if case.plan is None:
            continue
        assert case.given is not None, case.id
        assert case.expect is not None and case.expect.payout is not None, case.id
        assert case.expect.notes, case.id
