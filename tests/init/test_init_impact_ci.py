"""The CI that ``init`` writes can post the payout impact of a pull request, and does
nothing for a program without history."""

from __future__ import annotations

from pathlib import Path

import yaml
from tests.init.conftest import init_acme


def test_github_posts_the_impact_on_pull_requests_with_history(workdir: Path) -> None:
    assert init_acme().exit_code == 0
    workflow = yaml.safe_load((workdir / "acme/.github/workflows/icmkit.yml").read_text())
    job = workflow["jobs"]["payout-impact"]
    assert job["if"] == "github.event_name == 'pull_request'"
    assert job["permissions"] == {"contents": "read", "pull-requests": "write"}
    checkout = job["steps"][0]
    assert checkout["with"]["fetch-depth"] == 0  # the base revision is read from git
    compute = next(s for s in job["steps"] if s.get("id") == "impact")
    script = compute["run"]
    assert "if [ ! -f history/transactions.csv ]; then" in script
    assert 'icmkit diff "$base" HEAD --impact --format md > impact.md' in script
    post = job["steps"][-1]
    assert post["if"] == "steps.impact.outputs.post == 'true'"
    assert post["env"]["GH_TOKEN"] == "${{ github.token }}"
    assert "--body-file impact.md" in post["run"]


def test_gitlab_keeps_the_impact_of_merge_requests_with_history(workdir: Path) -> None:
    assert init_acme("--ci", "gitlab").exit_code == 0
    job = yaml.safe_load((workdir / "acme/.gitlab-ci.yml").read_text())["payout-impact"]
    (rule,) = job["rules"]
    assert rule["exists"] == ["history/transactions.csv"]
    assert "plans/**/*" in rule["changes"]
    assert any("--impact --format md > impact.md" in line for line in job["script"])
    assert job["artifacts"]["paths"] == ["impact.md"]
