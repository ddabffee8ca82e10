"""`icmkit test` with every outcome at once: passed, failed on earnings, could not be
computed, failed to load; as text and as JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from icmkit.cli.app import app

MORE_CASES = """\
  - id: TC-AE-002
    title: Earnings differ
    stage: unit
    verifies: [FR-PC-001]
    plan: PLAN-AE
    components: [commission]
    given:
      period: 2027-03
      participant: {id: P1, role: AE}
      transactions:
        - {id: T1, date: 2027-03-10, amount: 10000}
    expect:
      components: {commission: 800.00, nothing: 5}
      earnings: 900.00
  - id: TC-AE-003
    title: Cannot be computed
    stage: unit
    verifies: [FR-PC-001]
    plan: PLAN-CB
    components: [commission]
    given:
      period: 2027-03
      participant: {id: P1, role: AE}
      transactions:
        - {id: T1, date: 2027-01-10, amount: 100, cancelled_on: 2027-03-01}
    expect:
      payout: 1
  - id: TC-AE-004
    title: Misspelt
    stage: unit
    verifies: [FR-PC-001]
    plan: PLAN-AE
    expekt: {payout: 1}
"""


@pytest.fixture
def program(minimal_program: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(minimal_program)
    cases = minimal_program / "tests" / "plan-ae.yaml"
    text = cases.read_text(encoding="utf-8")
    cases.write_text(text.replace("  - id: TC-DI-001", MORE_CASES + "  - id: TC-DI-001"))
    plan = (minimal_program / "plans" / "ae.yaml").read_text(encoding="utf-8")
    (minimal_program / "plans" / "cb.yaml").write_text(
        plan.replace("PLAN-AE", "PLAN-CB").replace(
            "  requirements: [FR-PC-001]",
            "  clawback: {window_days: 90, method: pro_rata, reduces_attainment: false}\n"
            "  requirements: [FR-PC-001]",
        ),
        encoding="utf-8",
    )
    return minimal_program


def _invoke(args: list[str]) -> tuple[int, str]:
    result = CliRunner().invoke(app, args)
    assert result.exception is None or isinstance(result.exception, SystemExit)
    return result.exit_code, result.stdout


def test_text_report_gives_each_outcome_and_the_summary(program: Path) -> None:
    code, out = _invoke(["test"])
    assert code == 1
    assert out.splitlines() == [
        "FAIL  TC-AE-004  failed to load",
        "      tests/plan-ae.yaml:50:5: error: SCH001 unknown key `expekt` in test case "
        "`TC-AE-004`; did you mean `expect`?",
        "PASS  TC-AE-001  Period total across the tier boundary",
        "FAIL  TC-AE-002  Earnings differ",
        "      tests/plan-ae.yaml:31: expected earnings 900.00, computed 800.00",
        "        commission (tiered) = 800.00: T1 2027-03-10 credit 10,000: 10,000 at 8% "
        "(tier [0, 50,000)) = 800.00",
        "        earnings = 800.00",
        "        payout = 800.00",
        "ERROR TC-AE-003  Cannot be computed",
        "      tests/plan-ae.yaml:44: cannot be computed: transaction T1: a pro-rata clawback "
        "needs `term_months`",
        "",
        "1 passed, 1 failed, 1 could not be computed, 1 failed to load; 1 test case without "
        "plan, given and expect not run",
    ]


def test_json_report_names_each_outcome(program: Path) -> None:
    code, out = _invoke(["test", "--format", "json"])
    assert code == 1
    document = json.loads(out)
    assert [(c["id"], c["line"], c["outcome"], c["error"]) for c in document["cases"]] == [
        ("TC-AE-004", 45, "not_loaded", None),
        ("TC-AE-001", 2, "passed", None),
        ("TC-AE-002", 18, "failed", None),
        ("TC-AE-003", 32, "error", "transaction T1: a pro-rata clawback needs `term_months`"),
    ]
    assert document["cases"][2]["mismatches"] == [
        {"expected_at": "earnings", "line": 31, "expected": "900.00", "computed": "800.00"}
    ]
    assert document["summary"] == {
        "passed": 1,
        "failed": 1,
        "errors": 1,
        "not_loaded": 1,
        "not_run": 1,
    }


def test_only_the_named_cases_run(program: Path) -> None:
    code, out = _invoke(["test", "TC-AE-001"])
    assert code == 0
    assert out.splitlines() == [
        "PASS  TC-AE-001  Period total across the tier boundary",
        "",
        "1 passed, 0 failed, 0 could not be computed",
    ]
