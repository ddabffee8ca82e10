"""Errors of `icmkit diff`, `log` and `signoff`: one clear line on stderr and exit code 2."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.review.conftest import Repo, run


def test_not_a_git_repository(minimal_program: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(minimal_program)
    for args in (["diff"], ["log", "FR-DI-001"]):
        result = run(*args)
        assert result.exit_code == 2
        assert result.stderr == (
            f"icmkit: error: {minimal_program}: not in a git repository; icmkit needs the "
            "program's git history here\n"
        )


def test_unknown_revision(repo: Repo) -> None:
    result = run("diff", "no-such-branch")
    assert result.exit_code == 2
    assert result.stderr == (
        "icmkit: error: no-such-branch: unknown revision (not a commit, branch or tag in "
        "this repository)\n"
    )
    assert run("diff", "main", "v9.9").stderr.startswith("icmkit: error: v9.9: unknown revision")


def test_a_revision_that_looks_like_an_option_is_refused(repo: Repo) -> None:
    result = run("diff", "--", "--output=x")
    assert result.exit_code == 2
    assert result.stderr == "icmkit: error: --output=x: not a revision\n"


def test_unknown_item_in_log(repo: Repo) -> None:
    result = run("log", "FR-NOPE")
    assert result.exit_code == 2
    assert result.stderr == (
        "icmkit: error: FR-NOPE: no item with this id in the program or its history "
        "(a plan component is `PLAN-ID/component-id`)\n"
    )


def test_no_default_branch(repo: Repo) -> None:
    repo.git("branch", "-m", "main", "trunk")
    result = run("diff")
    assert result.exit_code == 2
    assert result.stderr == (
        "icmkit: error: no default branch (origin/HEAD, main or master) to compare with; "
        "name the base revision, e.g. `icmkit diff HEAD~1`\n"
    )


def test_shallow_clone(
    repo: Repo, tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo.edit("requirements/core.yaml", "status: proposed", "status: agreed")
    repo.commit("Agree FR-DI-002")
    clone = tmp_path_factory.mktemp("shallow") / "clone"
    repo.git("clone", "-q", "--depth", "1", "--branch", "feature", f"file://{repo.top}", str(clone))
    monkeypatch.chdir(clone / "program")

    result = run("diff", "HEAD~1")
    assert result.exit_code == 2
    assert result.stderr == (
        "icmkit: error: HEAD~1: not in this shallow clone; run `git fetch --unshallow` to "
        "fetch the full history\n"
    )
    Repo(clone, clone / "program").git("remote", "set-head", "origin", "--delete")
    result = run("diff")  # no origin/HEAD, and only the branch `feature` was fetched
    assert result.exit_code == 2
    assert result.stderr == (
        "icmkit: error: no default branch (origin/HEAD, main or master) in this shallow clone "
        "to compare with; name the base revision, or run `git fetch --unshallow` to fetch "
        "the full history\n"
    )
    result = run("log", "FR-DI-002")
    assert result.exit_code == 2
    assert result.stderr == (
        "icmkit: error: this is a shallow clone: the history is incomplete; run "
        "`git fetch --unshallow` to fetch the full history\n"
    )


def test_signoff_of_an_unknown_id(repo: Repo) -> None:
    result = run("signoff", "--by", "Bo Park", "--role", "Admin", "--scope", "FR-NOPE")
    assert result.exit_code == 2
    assert result.stderr == (
        "icmkit: error: --scope FR-NOPE: not requirements, plans, all or the id of an item "
        "of this program\n"
    )
    assert not (repo.program / "signoffs.yaml").exists()


def test_since_signoff_without_a_committed_signoff(repo: Repo) -> None:
    result = run("diff", "--since-signoff")
    assert result.exit_code == 2
    assert result.stderr == (
        "icmkit: error: no commit has signoffs.yaml yet: record a sign-off with "
        "`icmkit signoff` and commit it\n"
    )


@pytest.mark.parametrize("args", [["diff"], ["log", "FR-DI-001"]])
def test_without_the_git_program_one_line_says_so(repo: Repo, args: list[str]) -> None:
    """GitPython's own message is 17 lines about environment variables; one line is enough."""
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "icmkit", *args],
        cwd=repo.program,
        env={"PATH": str(repo.top / "no-such-folder"), "HOME": str(repo.top)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2
    assert done.stderr == (
        "icmkit: error: git is needed but the `git` program was not found; install git, or "
        "set GIT_PYTHON_GIT_EXECUTABLE to its full path\n"
    )
