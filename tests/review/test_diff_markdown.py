"""The Markdown of `icmkit diff` (a pull-request comment) against a golden file, and one run
as a real process."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from tests.review.conftest import Repo, run, snapshot_git

GOLDEN = Path(__file__).parent / "golden" / "diff.md"

ADDED = """\
  - id: FR-RP-001
    title: Monthly commission statement for each rep
    category: reporting_analytics
    kind: standard
    phase: 2
    owner: ana
"""


def _small_history(repo: Repo) -> None:
    repo.edit(
        "requirements/core.yaml",
        "on new ARR bookings, paid monthly",
        "on new and renewed ARR bookings, paid monthly",
    )
    repo.edit(
        "requirements/core.yaml", "phase: 3\n    status: proposed", "phase: 3\n    status: agreed"
    )
    repo.write(
        "requirements/core.yaml", (repo.program / "requirements/core.yaml").read_text() + ADDED
    )
    repo.commit("Agree the close checklist; add statements")
    repo.git("mv", "program/tests/plan-ae.yaml", "program/tests/ae.yaml")
    repo.edit("plans/ae.yaml", '{from: 50000, rate: "12%"}', '{from: 50000, rate: "13%"}')
    repo.edit("timeline.yaml", "name: Go live,", "name: Go live | first payroll,")
    repo.commit("Raise the top rate; rename the test plan")


def _normalised(text: str) -> str:
    return re.sub(r"\(([0-9a-f]{7})\)", "(SHA)", text)


def test_markdown_matches_the_golden_file(repo: Repo) -> None:
    _small_history(repo)

    result = run("diff", "main", "HEAD", "--format", "md")

    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.stdout
    got = _normalised(result.stdout)
    if os.environ.get("ICMKIT_UPDATE_GOLDENS") == "1":
        GOLDEN.write_text(got, encoding="utf-8")
    assert got == GOLDEN.read_text(encoding="utf-8")


def test_diff_as_a_real_process(repo: Repo) -> None:
    _small_history(repo)
    before = snapshot_git(repo.top)
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}

    done = subprocess.run(
        [sys.executable, "-m", "icmkit", "diff", "--path", str(repo.program), "--format", "md"],
        cwd=repo.top,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert _normalised(done.stdout) == GOLDEN.read_text(encoding="utf-8").replace(
        "main (SHA) → HEAD (SHA)", "merge base (SHA) → working tree"
    )
    assert snapshot_git(repo.top) == before
