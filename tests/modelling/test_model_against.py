"""Two versions of a plan on the same history: the cost of raising one tier rate, checked by
hand (see conftest), and the participants whose pay changes, exactly."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.modelling.conftest import RAISED_TIER, UPPER_TIER
from tests.review.conftest import Repo, snapshot_git
from typer.testing import CliRunner, Result

from icmkit.cli.app import app


def run(*args: str) -> Result:
    return CliRunner().invoke(app, list(args))


def impact_of(*args: str) -> dict[str, Any]:
    result = run("model", *args, "--format", "json")
    assert result.exit_code == 0, result.output
    found: dict[str, Any] = json.loads(result.stdout)["impact"]
    return found


def test_raising_a_tier_rate_costs_what_was_worked_out_by_hand(repo: Repo) -> None:
    impact = impact_of("--against", "main")
    assert impact["base"].startswith("main (")
    assert impact["head"] == "working tree"
    assert impact["total"] == {
        "base": "20800.00",
        "head": "22600.00",
        "change": "1800.00",
        "relative": "0.0865",
    }
    assert [(p["participant"], p["base"], p["head"], p["change"]) for p in impact["paid_more"]] == [
        ("P3", "10000.00", "11500.00", "1500.00"),
        ("P1", "7600.00", "7900.00", "300.00"),
    ]
    assert impact["paid_less"] == []
    assert impact["unchanged"] == 1
    assert impact["components"] == [
        {
            "component": "PLAN-AE/commission",
            "base": "20800.00",
            "head": "22600.00",
            "change": "1800.00",
            "relative": "0.0865",
        }
    ]


def test_the_text_names_exactly_those_paid_more(repo: Repo) -> None:
    result = run("model", "--against", "main")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith("Payout impact of working tree against main (")
    assert lines[0].endswith(
        "from 2027-01-01 to 2027-12-31: +1,800.00 USD (+8.7%), 2 paid more, 0 paid less, "
        "1 unchanged"
    )
    people = lines[lines.index("Paid more (2)") + 3 : lines.index("Paid less (0)") - 1]
    assert [line.split()[0] for line in people] == ["P3", "P1"]


def test_lowering_the_rate_makes_losers(repo: Repo) -> None:
    repo.edit("plans/ae.yaml", RAISED_TIER, '        - {from: 50000, rate: "10%"}\n')
    impact = impact_of("--against", "main")
    assert impact["total"]["change"] == "-1200.00"  # P1 -200, P3 -1,000
    assert impact["paid_more"] == []
    assert [(p["participant"], p["change"]) for p in impact["paid_less"]] == [
        ("P3", "-1000.00"),
        ("P1", "-200.00"),
    ]


def test_a_plan_file_outside_the_program_stands_in_as_the_other_version(
    repo: Repo, tmp_path: Path
) -> None:
    old = tmp_path / "ae-as-signed.yaml"
    text = (repo.program / "plans" / "ae.yaml").read_text(encoding="utf-8")
    old.write_text(text.replace(RAISED_TIER, UPPER_TIER), encoding="utf-8")
    impact = impact_of("--against", str(old))
    assert impact["base"] == "ae-as-signed.yaml"
    assert impact["total"]["change"] == "1800.00"
    assert [p["participant"] for p in impact["paid_more"]] == ["P3", "P1"]


def test_two_plan_files_compare_with_each_other(repo: Repo, tmp_path: Path) -> None:
    text = (repo.program / "plans" / "ae.yaml").read_text(encoding="utf-8")
    low, high = tmp_path / "low.yaml", tmp_path / "high.yaml"
    low.write_text(text.replace(RAISED_TIER, UPPER_TIER), encoding="utf-8")
    high.write_text(text.replace(RAISED_TIER, '        - {from: 50000, rate: "20%"}\n'))
    impact = impact_of("--plan", str(high), "--against", str(low))
    assert impact["total"]["change"] == "4800.00"  # 8% more on 10,000 and on 50,000


def test_the_working_tree_and_index_are_untouched(repo: Repo) -> None:
    before = snapshot_git(repo.top)
    assert run("model", "--against", "main").exit_code == 0
    assert snapshot_git(repo.top) == before


def test_an_unchanged_plan_is_computed_once(repo: Repo) -> None:
    repo.edit("plans/ae.yaml", RAISED_TIER, UPPER_TIER)
    impact = impact_of("--against", "main")
    assert impact["total"]["change"] == "0.00"
    assert impact["paid_more"] == impact["paid_less"] == []
    assert impact["unchanged"] == 3


def test_problems_are_usage_errors(repo: Repo, tmp_path: Path) -> None:
    result = run("model", "--against", "no-such-branch")
    assert result.exit_code == 2
    assert "no-such-branch: unknown revision" in result.output
    broken = tmp_path / "broken.yaml"
    broken.write_text("plan: {id: PLAN-AE}\n", encoding="utf-8")
    result = run("model", "--against", str(broken))
    assert result.exit_code == 2
    assert f"{broken} is not a valid plan file" in result.output
    result = run("model", "--history", str(tmp_path / "nowhere"))
    assert result.exit_code == 2
    assert "no such folder" in result.output
    result = run("model", "--plan", "PLAN-NOPE")
    assert result.exit_code == 2
    assert "no valid plan `PLAN-NOPE`" in result.output
    result = run("model", str(repo.program), "--path", str(tmp_path))
    assert result.exit_code == 2
    assert "two program folders given" in result.output
