"""`icmkit diff --format md` on a pull request against the bundled example program: the
comment a reviewer reads, kept as a golden file (refresh with ICMKIT_UPDATE_GOLDENS=1)."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
from tests.conftest import REPO
from tests.review.conftest import AUTHOR, EMAIL, Repo, run, snapshot_git

EXAMPLE = REPO / "examples" / "lumen-analytics"
GOLDEN = Path(__file__).parent / "golden" / "diff-lumen-analytics.md"


@pytest.fixture
def example_repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Repo:
    program = tmp_path / "lumen-analytics"
    shutil.copytree(EXAMPLE, program)
    repo = Repo(tmp_path, program)
    repo.git("init", "-q", "-b", "main")
    repo.git("config", "user.name", AUTHOR)
    repo.git("config", "user.email", EMAIL)
    repo.git("config", "commit.gpgsign", "false")
    repo.commit("Lumen Analytics program as signed in phase 1")
    repo.git("checkout", "-q", "-b", "uat-week-1")
    monkeypatch.chdir(program)
    return repo


def _pull_request(repo: Repo) -> None:
    """A week of UAT: a standard report tested, the top accelerator raised, a milestone met."""
    repo.edit(
        "requirements/reporting-and-disputes.yaml",
        "    phase: 2\n    status: configured\n    owner: pnair\n\n  - id: FR-RA-002",
        "    phase: 2\n    status: tested\n    owner: pnair\n\n  - id: FR-RA-002",
    )
    repo.edit(
        "plans/account-executive.yaml",
        "- {from: 1.5, multiplier: 2.0}            # 20% accelerator",
        "- {from: 1.5, multiplier: 2.2}            # 22% accelerator",
    )
    repo.edit(
        "timeline.yaml",
        "{id: MS-USE-CASES, name: Use-case tests passed, date: 2027-04-09, phase: 2}",
        "{id: MS-USE-CASES, name: Use-case tests passed, date: 2027-04-09, phase: 2, done: true}",
    )
    repo.commit("UAT week 1: accept standard reports, raise the top accelerator")


def test_pull_request_comment_on_the_example_matches_the_golden_file(
    example_repo: Repo,
) -> None:
    _pull_request(example_repo)
    before = snapshot_git(example_repo.top)

    result = run("diff", "main", "HEAD", "--format", "md")

    assert result.exit_code == 0, result.output
    assert snapshot_git(example_repo.top) == before
    got = re.sub(r"\(([0-9a-f]{7})\)", "(SHA)", result.stdout)
    if os.environ.get("ICMKIT_UPDATE_GOLDENS") == "1":
        GOLDEN.write_text(got, encoding="utf-8")
    assert got == GOLDEN.read_text(encoding="utf-8")
