"""``icmkit init`` in an empty folder: a git repository with one commit that checks clean."""

from __future__ import annotations

from pathlib import Path

import git
import pytest
import yaml
from tests.conftest import snapshot_tree
from tests.init.conftest import CUSTOMER, GITHUB_FILES, files_below, init_acme, run


def test_new_program_is_a_repo_with_one_commit_that_checks(workdir: Path) -> None:
    result = init_acme()

    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == (
        f"Started the ICM program for {CUSTOMER} in acme ({len(GITHUB_FILES)} files written)."
    )
    assert "Git: new repository on branch main, first commit " in result.stdout
    root = workdir / "acme"
    assert files_below(root) == GITHUB_FILES
    repo = git.Repo(root)
    assert repo.active_branch.name == "main"
    commits = list(repo.iter_commits())
    assert len(commits) == 1
    assert sorted(item.path for item in repo.tree().traverse() if item.type == "blob") == (
        GITHUB_FILES
    )
    assert not repo.is_dirty(untracked_files=True)
    assert commits[0].message.startswith(f"Start the {CUSTOMER} ICM program")

    checked = run("check", "acme")
    assert checked.exit_code == 0, checked.output
    assert " 0 errors" in checked.output


def test_no_git_identity_falls_back_for_that_commit_only(
    workdir: Path, no_git_identity: Path
) -> None:
    assert init_acme().exit_code == 0
    repo = git.Repo(workdir / "acme")
    commit = repo.head.commit
    assert (commit.author.name, commit.author.email) == ("icmkit", "icmkit@localhost")
    assert (commit.committer.name, commit.committer.email) == ("icmkit", "icmkit@localhost")
    assert "icmkit@localhost" not in (workdir / "acme" / ".git" / "config").read_text()
    assert list(no_git_identity.iterdir()) == []


def test_author_option_sets_the_author(workdir: Path) -> None:
    result = init_acme("--author", "Ana Lee <ana@example.com>")
    assert result.exit_code == 0, result.output
    commit = git.Repo(workdir / "acme").head.commit
    assert (commit.author.name, commit.author.email) == ("Ana Lee", "ana@example.com")


def test_configured_identity_is_used(
    workdir: Path, no_git_identity: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = no_git_identity / "gitconfig"
    config.write_text("[user]\n\tname = Bo Park\n\temail = bo@example.com\n")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(config))
    assert init_acme().exit_code == 0
    commit = git.Repo(workdir / "acme").head.commit
    assert (commit.author.email, commit.committer.email) == ("bo@example.com", "bo@example.com")


def test_second_run_refuses_and_changes_nothing(workdir: Path) -> None:
    assert init_acme().exit_code == 0
    before = snapshot_tree(workdir)

    again = init_acme()

    assert again.exit_code == 2
    assert again.stderr.startswith("icmkit: error: acme already holds program files;")
    assert "  program.yaml: file exists\n" in again.stderr
    assert "  requirements/statements.yaml: file exists\n" in again.stderr
    assert "--force" in again.stderr
    assert again.stdout == ""
    assert snapshot_tree(workdir) == before


def test_program_yaml_holds_the_options(workdir: Path) -> None:
    result = init_acme("--currency", "eur", "--platform", "Xactly")
    assert result.exit_code == 0, result.output
    program = yaml.safe_load((workdir / "acme" / "program.yaml").read_text())["program"]
    assert program["customer"] == CUSTOMER
    assert program["currency"] == "EUR"
    assert program["platform"] == "Xactly"
    assert str(program["start"]) == "2027-01-11"
    assert [m["side"] for m in program["team"]] == ["implementer", "customer"]
    assert all(m["name"].startswith("REPLACE:") for m in program["team"])
