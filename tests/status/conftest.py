"""Status-view test helpers: a varied program built from the minimal one, and a runner."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from tests.conftest import REPO, build_file_tree
from typer.testing import CliRunner, Result

from icmkit.cli.app import app

ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")

# The program the snapshot tests show.
EXAMPLE = REPO / "examples" / "lumen-analytics"
AS_OF = "2027-04-15"

VARIED_REQUIREMENTS = """
requirements:
  - id: FR-DI-001
    title: Import opportunities from the CRM every night
    category: data_integration
    kind: standard
    phase: 1
    status: accepted
    owner: ana
  - id: FR-DI-003
    title: Import product catalogue changes weekly
    category: data_integration
    kind: standard
    priority: should
    phase: 1
    status: deferred
    owner: bo
  - id: FR-PC-001
    title: Account executive commission with marginal tiers
    category: plan_design_calculation
    kind: unique
    phase: 2
    status: tested
    owner: ana
    spec: Tiered commission on new ARR bookings, paid monthly on year-to-date attainment.
    user_stories:
      - {as: an account executive, i_want: to see my tier, so_that: I know what I earn}
    acceptance_criteria:
      - A deal that crosses a tier boundary is paid at both rates.
    links: {business: [BR-001], plans: [PLAN-AE]}
  - id: FR-DI-002
    title: Help set up the month-end close checklist
    category: data_integration
    kind: assisted
    hours: 4
    phase: 3
    status: proposed
    owner: ana
  - id: FR-DI-004
    title: Help reconcile the first payroll export
    category: data_integration
    kind: assisted
    hours: 2.5
    phase: 3
    status: accepted
    owner: bo
"""

VARIED_TESTS = """
test_cases:
  - id: TC-AE-001
    title: Period total across the tier boundary
    stage: unit
    verifies: [FR-PC-001]
    plan: PLAN-AE
    components: [commission]
    given:
      period: 2027-03
      participant: {id: P1, role: AE}
      transactions:
        - {id: T1, date: 2027-03-10, amount: 60000}
    expect:
      payout: 5200.00
      components: {commission: 5200.00}
    status: passed
    run: {by: bo, on: 2027-03-20}
  - id: TC-DI-001
    title: Nightly CRM import loads opportunities
    stage: system
    verifies: [FR-DI-001]
    steps: [Run the nightly import, Compare row counts with the CRM report]
    expected_result: Row counts match.
    status: passed
    run: {by: bo, on: 2027-02-01}
  - id: TC-DI-004
    title: First payroll export reconciles to the ledger
    stage: uat
    verifies: [FR-DI-004]
    steps: [Export payroll, Compare with the ledger]
    expected_result: Totals match.
    status: passed
    run: {by: bo, on: 2027-04-01}
  - id: TC-DI-002
    title: Month-end close checklist is complete
    stage: uat
    verifies: [FR-DI-002]
    steps: [Walk through the checklist]
    expected_result: Every task has an owner.
"""

VARIED_TIMELINE = """
timeline:
  phases:
    - number: 1
      name: Sandbox prototype
      start: 2027-01-04
      end: 2027-02-12
      exit_criteria:
        - {text: Functional requirements agreed, done: true}
      deliverables: [Functional requirements, Solution design outline]
    - number: 2
      name: Design revision and pre-production
      start: 2027-02-15
      end: 2027-03-26
      exit_criteria:
        - {text: Every plan type has a passing test case, done: false}
    - number: 3
      name: Administrator onboarding
      start: 2027-03-29
      end: 2027-04-30
    - number: 4
      name: Go-live support
      start: 2027-05-03
      end: 2027-07-30
  milestones:
    - {id: MS-PROTO, name: Prototype signed off, date: 2027-02-12, phase: 1, done: true}
    - {id: MS-PREPROD, name: Pre-production ready, date: 2027-03-26, phase: 2}
    - {id: MS-GOLIVE, name: Go live, date: 2027-05-03, phase: 4}
  budgets:
    - {id: BUD-ASSIST, name: Assistance, kind: assistance, hours: 20, used: 3}
    - {id: BUD-SUPPORT, name: Go-live support, kind: support, hours: 40, used: 12, phase: 4}
"""


def run(*args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(app, ["status", *args], env=env)


def run_json(*args: str) -> dict[str, Any]:
    result = run(*args, "--format", "json")
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def requirement_ids(data: dict[str, Any]) -> list[str]:
    return [r["id"] for phase in data["phases"] for r in phase["requirements"]]


@pytest.fixture
def varied_program(minimal_program: Path) -> Path:
    """The minimal program with requirements of every kind, several statuses and owners."""
    files = {
        "requirements/core.yaml": VARIED_REQUIREMENTS,
        "tests/plan-ae.yaml": VARIED_TESTS,
        "timeline.yaml": VARIED_TIMELINE,
    }
    return build_file_tree(minimal_program, files)
