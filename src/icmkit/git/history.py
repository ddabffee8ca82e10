"""The git repository holding a program: revisions, the default base, commits and their
authors. Only read-only git operations; GitPython is imported on first use."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from icmkit.git.gitpython import (
    UNSHALLOW_HINT,
    NotARepositoryError,
    ShallowCloneError,
    UnknownRevisionError,
    gitpython,
)
from icmkit.git.revision_source import GitRevisionSource
from icmkit.review.item_history import CommitInfo

DEFAULT_BRANCHES = ("main", "master")


class ProgramHistory:
    """The program at ``root`` and the git repository around it."""

    def __init__(self, root: Path) -> None:
        git = gitpython()
        self.root = root
        try:
            self._repo: Any = git.Repo(root, search_parent_directories=True)
        except (git.InvalidGitRepositoryError, git.NoSuchPathError):
            raise NotARepositoryError(
                f"{root}: not in a git repository; icmkit needs the program's git history here"
            ) from None
        top = self._repo.working_tree_dir
        if top is None:
            raise NotARepositoryError(f"{root}: in a bare git repository, not a working tree")
        rel = os.path.relpath(root.resolve(), Path(top).resolve())
        self.prefix = "" if rel == "." else Path(rel).as_posix()

    def close(self) -> None:
        self._repo.close()

    def __enter__(self) -> ProgramHistory:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ---- revisions -----------------------------------------------------------------------

    def is_shallow(self) -> bool:
        return (Path(self._repo.git_dir) / "shallow").is_file()

    def commit(self, revision: str) -> Any:
        """The commit ``revision`` names (a sha, branch, tag, ``HEAD~2``...)."""
        git = gitpython()
        if revision.startswith("-"):
            raise UnknownRevisionError(f"{revision}: not a revision")
        try:
            sha = str(self._repo.git.rev_parse("--verify", "--quiet", f"{revision}^{{commit}}"))
            found = self._repo.commit(sha.strip())
        except (git.BadName, git.BadObject, ValueError, git.GitCommandError):
            found = None
        if found is None:
            if not self._repo.head.is_valid():
                raise UnknownRevisionError(
                    "the repository has no commit yet: commit the program files first "
                    "(`git add` and `git commit`)"
                )
            if self.is_shallow():
                raise ShallowCloneError(
                    f"{revision}: not in this shallow clone; {UNSHALLOW_HINT}"
                ) from None
            raise UnknownRevisionError(
                f"{revision}: unknown revision (not a commit, branch or tag in this repository)"
            ) from None
        return found

    def default_branch(self) -> str | None:
        """``origin/HEAD`` when the clone has it, else ``main``, else ``master``."""
        refs = {ref.path for ref in self._repo.refs}
        if "refs/remotes/origin/HEAD" in refs:
            return "origin/HEAD"
        for name in DEFAULT_BRANCHES:
            if f"refs/heads/{name}" in refs:
                return name
        return None

    def merge_base(self, head: Any) -> Any:
        """Where ``head`` left the default branch (the default branch itself when on it)."""
        branch = self.default_branch()
        if branch is None and self.is_shallow():
            raise ShallowCloneError(
                "no default branch (origin/HEAD, main or master) in this shallow clone to "
                f"compare with; name the base revision, or {UNSHALLOW_HINT}"
            )
        if branch is None:
            raise UnknownRevisionError(
                "no default branch (origin/HEAD, main or master) to compare with; "
                "name the base revision, e.g. `icmkit diff HEAD~1`"
            )
        bases = self._repo.merge_base(self.commit(branch), head)
        if not bases:
            if self.is_shallow():
                raise ShallowCloneError(
                    f"no common ancestor of {branch} in this shallow clone; {UNSHALLOW_HINT}"
                )
            raise UnknownRevisionError(f"{branch} and the compared revision share no history")
        return bases[0]

    def source(self, commit: Any, label: str | None = None) -> GitRevisionSource:
        return GitRevisionSource(commit, self.prefix, label or str(commit.hexsha)[:7])

    # ---- commits -------------------------------------------------------------------------

    def commits_touching(self, path: str = "", rev: str = "HEAD") -> list[Any]:
        """Commits (newest first) from ``rev`` that changed ``path`` below the program root
        (the whole program folder when ``path`` is empty)."""
        target = "/".join(p for p in (self.prefix, path) if p) or "."
        if self._repo.head.is_valid() is False:
            return []
        return list(self._repo.iter_commits(rev, paths=target))

    def has_changes(self) -> bool:
        """Whether files below the program root differ from the last commit (untracked files
        included)."""
        target = self.prefix or "."
        return bool(self._repo.is_dirty(untracked_files=True, path=target))

    def last_commit_touching(self, path: str) -> Any | None:
        found = self.commits_touching(path)
        if not found:
            return None
        if str(found[0].hexsha) in self.shallow_boundary():
            raise ShallowCloneError(
                f"the last change of {path} is older than this shallow clone; {UNSHALLOW_HINT}"
            )
        return found[0]

    def shallow_boundary(self) -> set[str]:
        """The commits whose parents a shallow clone left out."""
        marker = Path(self._repo.git_dir) / "shallow"
        if not marker.is_file():
            return set()
        return {line.strip() for line in marker.read_text().splitlines() if line.strip()}

    def require_full_history(self) -> None:
        if self.is_shallow():
            raise ShallowCloneError(
                f"this is a shallow clone: the history is incomplete; {UNSHALLOW_HINT}"
            )


def commit_info(commit: Any) -> CommitInfo:
    return CommitInfo(
        sha=str(commit.hexsha),
        author=str(commit.author.name),
        email=str(commit.author.email),
        when=commit.authored_datetime,
        summary=str(commit.summary),
    )
