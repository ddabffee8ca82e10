"""CI report formats of `icmkit test`: GitHub annotations and SARIF, like `icmkit check`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from icmkit.cli.app import app

ANNOTATION = (
    "::error file=tests/plan-ae.yaml,line=14,col=15,title=ENG001::ENG001 test case "
    "`TC-AE-001`: expected payout 5,300.00, computed 5,200.00"
)
NOT_RUN = "1 test case without plan, given and expect not run"


@pytest.fixture
def failing(minimal_program: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    cases = minimal_program / "tests" / "plan-ae.yaml"
    text = cases.read_text(encoding="utf-8")
    assert text.count("payout: 5200.00") == 1
    cases.write_text(text.replace("payout: 5200.00", "payout: 5300.00"), encoding="utf-8")
    monkeypatch.chdir(minimal_program)
    return minimal_program


def test_github_annotations_point_at_the_expected_value(failing: Path) -> None:
    result = CliRunner().invoke(app, ["test", "--format", "github"])
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith(ANNOTATION + " (")
    assert lines[1] == f"0 passed, 1 failed, 0 could not be computed; {NOT_RUN}"


def test_github_is_the_default_inside_github_actions(
    failing: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    result = CliRunner().invoke(app, ["test"])
    assert result.exit_code == 1
    assert result.stdout.startswith(ANNOTATION)


def test_sarif_has_one_result_per_mismatch(failing: Path) -> None:
    result = CliRunner().invoke(app, ["test", "--format", "sarif"])
    assert result.exit_code == 1
    sarif = json.loads(result.stdout)
    assert sarif["version"] == "2.1.0"
    (run,) = sarif["runs"]
    assert [rule["id"] for rule in run["tool"]["driver"]["rules"]] == ["ENG001"]
    (finding,) = run["results"]
    assert finding["ruleId"] == "ENG001"
    assert finding["level"] == "error"
    assert finding["message"]["text"].startswith("test case `TC-AE-001`: expected payout 5,300.00")
    place = finding["locations"][0]["physicalLocation"]
    assert place["artifactLocation"] == {"uri": "tests/plan-ae.yaml", "uriBaseId": "%SRCROOT%"}
    assert place["region"] == {"startLine": 14, "startColumn": 15}


def test_passing_program_gives_no_annotations(minimal_program: Path) -> None:
    result = CliRunner().invoke(app, ["test", "--path", str(minimal_program), "-f", "github"])
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [f"1 passed, 0 failed, 0 could not be computed; {NOT_RUN}"]
