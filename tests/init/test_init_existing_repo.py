"""``icmkit init`` inside an existing git repository: commit only with ``--commit``."""

from __future__ import annotations

from pathlib import Path

import git
import pytest
from tests.init.conftest import GITHUB_FILES, init_acme, run

IDENTITY = {
    "GIT_AUTHOR_NAME": "Ana Lee",
    "GIT_AUTHOR_EMAIL": "ana@example.com",
    "GIT_COMMITTER_NAME": "Ana Lee",
    "GIT_COMMITTER_EMAIL": "ana@example.com",
}


@pytest.fixture
def repo(workdir: Path) -> git.Repo:
    """The current folder as a repository with one commit and one staged change."""
    existing = git.Repo.init(workdir)
    (workdir / "notes.txt").write_text("kept\n")
    existing.git.add("notes.txt")
    existing.git.commit("-m", "First", env=IDENTITY)
    (workdir / "staged.txt").write_text("staged, not for init's commit\n")
    existing.git.add("staged.txt")
    return existing


def test_inside_a_repo_files_are_written_but_not_committed(workdir: Path, repo: git.Repo) -> None:
    head = repo.head.commit.hexsha

    result = init_acme()

    assert result.exit_code == 0, result.output
    assert "not committed (use --commit to commit them)" in result.stdout
    assert repo.head.commit.hexsha == head
    assert not (workdir / "acme" / ".git").exists()
    untracked = sorted(p.removeprefix("acme/") for p in repo.untracked_files)
    assert untracked == GITHUB_FILES
    assert run("check", "acme").exit_code == 0


def test_with_commit_only_the_new_files_are_committed(workdir: Path, repo: git.Repo) -> None:
    head = repo.head.commit

    result = init_acme("--commit", "--author", "Bo Park <bo@example.com>")

    assert result.exit_code == 0, result.output
    assert "Git: committed to the repository at" in result.stdout
    commit = repo.head.commit
    assert commit.parents == (head,)
    assert sorted(commit.stats.files) == [f"acme/{p}" for p in GITHUB_FILES]
    assert (commit.author.name, commit.author.email) == ("Bo Park", "bo@example.com")
    assert repo.active_branch.name == head.repo.active_branch.name
    # The change the user had staged is still staged, and was not committed.
    assert [d.a_path for d in repo.index.diff("HEAD")] == ["staged.txt"]
    assert repo.untracked_files == []
