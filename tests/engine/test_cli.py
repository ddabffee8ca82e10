"""ENG001 in `icmkit check`, and `icmkit test` in its three formats, on the minimal program."""

from __future__ import annotations

import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from typer.testing import CliRunner

from icmkit.cli.app import app

CASES = "tests/plan-ae.yaml"


def _invoke(args: list[str]) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, args)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"uncaught {result.exception!r}") from result.exception
    assert "Traceback" not in result.stdout + result.stderr
    return result.exit_code, result.stdout, result.stderr


def _edit(program: Path, old: str, new: str) -> None:
    target = program / CASES
    text = target.read_text(encoding="utf-8")
    assert old in text
    target.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture
def program(minimal_program: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(minimal_program)
    return minimal_program


def test_matching_expectations_check_clean(program: Path) -> None:
    code, out, _ = _invoke(["check"])
    assert (code, out) == (0, "No problems found (7 files checked).\n")


def test_wrong_payout_is_reported_at_the_expected_value(program: Path) -> None:
    _edit(program, "payout: 5200.00", "payout: 5300.00")
    code, out, _ = _invoke(["check"])
    assert code == 1
    assert out.splitlines()[0] == (
        "tests/plan-ae.yaml:14:15: error: ENG001 test case `TC-AE-001`: expected payout 5,300.00, "
        "computed 5,200.00 (commission (tiered) = 5,200.00: T1 2027-03-10 credit 60,000: "
        "50,000 at 8% (tier [0, 50,000)) + 10,000 at 12% (tier [50,000, …)) = 5,200.00 | "
        "earnings = 5,200.00 | payout = 5,200.00)"
    )


def test_wrong_component_amount_is_reported_at_its_line(program: Path) -> None:
    _edit(program, "components: {commission: 5200.00}", "components: {commission: 5200.01}")
    code, out, _ = _invoke(["check"])
    assert code == 1
    assert out.startswith(
        "tests/plan-ae.yaml:15:32: error: ENG001 test case `TC-AE-001`: expected "
        "components.commission 5,200.01, computed 5,200.00 (commission (tiered) = 5,200.00: T1 "
    )


def test_a_case_that_cannot_be_computed_says_why(program: Path) -> None:
    _edit(program, "period: 2027-03", "period: 2027-13")
    code, out, _ = _invoke(["check"])
    assert code == 1
    assert out.splitlines()[0] == (
        "tests/plan-ae.yaml:14:7: error: ENG001 test case `TC-AE-001` cannot be computed: "
        "period `2027-13`: month 13 does not exist"
    )


def test_rules_lists_eng001() -> None:
    code, out, _ = _invoke(["rules"])
    assert code == 0
    assert "ENG001" in out
    assert "expected result differs from the computed one" in out


def test_version_does_not_load_the_engine() -> None:
    script = (
        "import sys\nfrom icmkit.cli.app import app\ntry:\n    app(['--version'])\n"
        "except SystemExit:\n    pass\nprint('icmkit.engine.calculate' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=True
    )
    assert done.stdout.splitlines()[-1] == "False"


def test_test_command_passes_and_summarises(program: Path) -> None:
    code, out, _ = _invoke(["test"])
    assert code == 0
    assert out == (
        "PASS  TC-AE-001  Period total across the tier boundary\n"
        "\n"
        "1 passed, 0 failed, 0 could not be computed; "
        "1 test case without plan, given and expect not run\n"
    )


def test_test_command_shows_the_mismatch_and_explanation(program: Path) -> None:
    _edit(program, "payout: 5200.00", "payout: 5300.00")
    code, out, _ = _invoke(["test", "TC-AE-001", "--path", str(program)])
    assert code == 1
    assert out.splitlines()[:3] == [
        "FAIL  TC-AE-001  Period total across the tier boundary",
        "      tests/plan-ae.yaml:14: expected payout 5,300.00, computed 5,200.00",
        "        commission (tiered) = 5,200.00: T1 2027-03-10 credit 60,000: 50,000 at 8% "
        "(tier [0, 50,000)) + 10,000 at 12% (tier [50,000, …)) = 5,200.00",
    ]
    assert out.endswith("\n0 passed, 1 failed, 0 could not be computed\n")


def test_unknown_or_word_only_ids_are_usage_errors(program: Path) -> None:
    code, out, err = _invoke(["test", "TC-NOPE-001", "TC-DI-001"])
    assert (code, out) == (2, "")
    assert err == (
        "icmkit: error: no test case `TC-NOPE-001`; `TC-DI-001` has no plan, given and expect\n"
    )


def test_json_report(program: Path) -> None:
    _edit(program, "payout: 5200.00", "payout: 5300.00")
    code, out, _ = _invoke(["test", "--format", "json"])
    assert code == 1
    document = json.loads(out)
    assert document["summary"] == {
        "passed": 0,
        "failed": 1,
        "errors": 0,
        "not_loaded": 0,
        "not_run": 1,
    }
    (case,) = document["cases"]
    assert (case["id"], case["outcome"], case["payout"]) == ("TC-AE-001", "failed", "5200.00")
    assert case["components"] == {"commission": "5200.00"}
    assert case["mismatches"] == [
        {"expected_at": "payout", "line": 14, "expected": "5300.00", "computed": "5200.00"}
    ]


def test_junit_report_is_valid_xml_with_one_testcase_per_case(program: Path) -> None:
    _edit(program, "payout: 5200.00", "payout: 5300.00")
    code, out, _ = _invoke(["test", "-f", "junit"])
    assert code == 1
    root = ET.fromstring(out)
    assert root.tag == "testsuites"
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("1", "1", "0")
    (suite,) = list(root)
    assert (suite.tag, suite.get("name"), suite.get("tests")) == ("testsuite", "PLAN-AE", "1")
    (case,) = list(suite)
    assert case.tag == "testcase"
    assert case.get("name") == "TC-AE-001 Period total across the tier boundary"
    assert (case.get("classname"), case.get("file"), case.get("line")) == (
        "PLAN-AE",
        "tests/plan-ae.yaml",
        "2",
    )
    (failure,) = list(case)
    assert failure.tag == "failure"
    assert failure.get("message") == "expected payout 5,300.00, computed 5,200.00"
    assert "payout = 5,200.00" in (failure.text or "")


def test_junit_report_of_passing_cases_has_no_failure(program: Path) -> None:
    code, out, _ = _invoke(["test", "--format", "junit"])
    assert code == 0
    case = ET.fromstring(out).find("testsuite/testcase")
    assert case is not None
    assert list(case) == []
