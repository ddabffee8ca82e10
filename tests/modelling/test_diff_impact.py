"""``icmkit diff --impact``: the item-by-item diff followed by what the change costs."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from tests.modelling.conftest import RAISED_TIER, UPPER_TIER
from tests.review.conftest import Repo
from typer.testing import CliRunner, Result

from icmkit.cli.app import app


def run(*args: str) -> Result:
    return CliRunner().invoke(app, list(args))


def test_text_appends_the_impact_to_the_diff(repo: Repo) -> None:
    result = run("diff", "main", "--impact")
    assert result.exit_code == 0, result.output
    diff, _, impact = result.stdout.partition("\nPayout impact of ")
    assert "~ changed plan component PLAN-AE/commission" in diff
    assert impact.startswith("working tree against main (")
    assert "+1,800.00 USD (+8.7%), 2 paid more, 0 paid less, 1 unchanged" in impact


def test_markdown_is_one_pull_request_comment(repo: Repo) -> None:
    result = run("diff", "main", "--impact", "--format", "md")
    assert result.exit_code == 0, result.output
    assert "\n## Payout impact: +1,800.00\n" in result.stdout
    assert "| P3 |  |  | 10,000.00 | 11,500.00 | +1,500.00 | +15.0% |" in result.stdout


def test_json_holds_the_impact_beside_the_changes(repo: Repo) -> None:
    result = run("diff", "main", "--impact", "--format", "json")
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert document["changes"]
    assert document["impact"]["total"]["change"] == "1800.00"
    assert [p["participant"] for p in document["impact"]["paid_more"]] == ["P3", "P1"]


def test_two_commits_are_compared_from_git(repo: Repo) -> None:
    repo.commit("Raise the upper tier to 15%")
    repo.edit("plans/ae.yaml", RAISED_TIER, UPPER_TIER)  # the working tree is not compared
    result = run("diff", "main", "raise", "--impact", "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["impact"]["total"]["change"] == "1800.00"


def test_no_rule_change_says_so_without_computing(repo: Repo) -> None:
    repo.edit("plans/ae.yaml", RAISED_TIER, UPPER_TIER)
    result = run("diff", "main", "--impact")
    assert result.exit_code == 0, result.output
    assert result.stdout.endswith(
        "Payout impact\nNo plan, roster, data source or calendar changed: every payout "
        "stays the same.\n"
    )
    document = json.loads(run("diff", "main", "--impact", "-f", "json").stdout)
    assert document["impact"] is None


def test_history_elsewhere_and_missing(repo: Repo, tmp_path: Path) -> None:
    elsewhere = tmp_path / "year"
    shutil.move(str(repo.program / "history"), elsewhere)
    result = run("diff", "main", "--impact")
    assert result.exit_code == 2
    assert "give --history DIR with transactions.csv" in result.output
    result = run("diff", "main", "--impact", "--history", str(elsewhere), "-f", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["impact"]["total"]["change"] == "1800.00"
    result = run("diff", "main", "--history", str(elsewhere))
    assert result.exit_code == 2
    assert "--history and --period go with --impact" in result.output
