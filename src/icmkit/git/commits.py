"""Starting a repository and committing a set of files, with or without a git identity."""

from __future__ import annotations

import os
from dataclasses import dataclass
from email.utils import parseaddr
from pathlib import Path
from typing import Final

from icmkit.errors import UsageError
from icmkit.git.gitpython import GitFailedError, gitpython

FALLBACK_NAME: Final = "icmkit"
FALLBACK_EMAIL: Final = "icmkit@localhost"
INITIAL_BRANCH: Final = "main"


@dataclass(frozen=True)
class Identity:
    name: str
    email: str

    def __str__(self) -> str:
        return f"{self.name} <{self.email}>"


FALLBACK: Final = Identity(FALLBACK_NAME, FALLBACK_EMAIL)


def parse_identity(text: str) -> Identity:
    """``"Name <email>"`` as an identity; anything else is a usage error."""
    name, email = parseaddr(text)
    if not name.strip() or not email.strip() or "<" not in text or "@" not in email:
        raise UsageError(f'--author must look like "Name <email@example.com>", not {text!r}')
    return Identity(name.strip(), email.strip())


def enclosing_repo_root(path: Path) -> Path | None:
    """The working tree root of the git repository holding ``path`` (which may not exist yet)."""
    git = gitpython()

    probe = path.absolute()
    while not probe.exists():
        probe = probe.parent
    try:
        repo = git.Repo(probe, search_parent_directories=True)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        return None
    try:
        top = repo.working_tree_dir
    finally:
        repo.close()
    return Path(top) if top is not None else None


def init_repo(folder: Path) -> None:
    """Make ``folder`` a new git repository whose first branch is ``main``."""
    git = gitpython()

    try:
        repo = git.Repo.init(folder)
        try:
            repo.git.symbolic_ref("HEAD", f"refs/heads/{INITIAL_BRANCH}")
        finally:
            repo.close()
    except git.GitCommandError as exc:
        raise GitFailedError(f"could not start a git repository in {folder}: {exc}") from exc


def configured_identity(repo_root: Path) -> Identity | None:
    """The ``user.name`` and ``user.email`` git would use in this repository, if both are set."""
    git = gitpython()

    repo = git.Repo(repo_root)
    values: list[str] = []
    try:
        for key in ("user.name", "user.email"):
            try:
                values.append(str(repo.git.config("--get", key)).strip())
            except git.GitCommandError:  # not set
                return None
    finally:
        repo.close()
    name, email = values
    return Identity(name, email) if name and email else None


def commit_env(configured: Identity | None, author: Identity | None) -> dict[str, str]:
    """Environment for one commit: ``author`` as author if given; without a configured
    identity, the ``GIT_*`` variables already set, else ``author``, else the fallback."""
    env: dict[str, str] = {}
    if author is not None:
        env["GIT_AUTHOR_NAME"] = author.name
        env["GIT_AUTHOR_EMAIL"] = author.email
    if configured is None:
        stand_in = author or FALLBACK
        for role in ("AUTHOR", "COMMITTER"):
            for part, value in (("NAME", stand_in.name), ("EMAIL", stand_in.email)):
                key = f"GIT_{role}_{part}"
                env.setdefault(key, os.environ.get(key) or value)
    return env


def commit_files(
    repo_root: Path, paths: list[Path], message: str, author: Identity | None = None
) -> str:
    """Stage ``paths`` and commit only them (other staged changes stay staged); return the sha.

    The author is ``author`` if given, else git's configured identity; with no identity
    configured, ``icmkit <icmkit@localhost>`` stands in. The identity is set for this one
    commit through the environment: git configuration is never changed. Commit hooks are
    not run: the files are new and were just generated.
    """
    git = gitpython()

    env = commit_env(configured_identity(repo_root), author)
    root = repo_root.resolve()
    rel = [os.path.relpath(p.resolve(), root) for p in paths]
    repo = git.Repo(root)
    try:
        repo.git.add("--", *rel)
        repo.git.commit("--no-verify", "--quiet", "-m", message, "--only", "--", *rel, env=env)
        return str(repo.head.commit.hexsha)
    except git.GitCommandError as exc:
        detail = (exc.stderr or str(exc)).strip().removeprefix("stderr:").strip().strip("'")
        raise GitFailedError(
            f"the files are written, but committing them failed: {detail}"
        ) from exc
    finally:
        repo.close()
