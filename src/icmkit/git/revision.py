"""The revision a program is rendered from: the last commit that changed its folder, that
commit's date, and whether its files have changes not committed yet."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from icmkit.git.gitpython import NotARepositoryError
from icmkit.git.history import ProgramHistory


@dataclass(frozen=True)
class ProgramRevision:
    commit: str
    """The short sha."""
    date: str
    """The commit's date, ``YYYY-MM-DD`` (UTC)."""
    uncommitted: bool


def program_revision(root: Path) -> ProgramRevision | None:
    """The revision of the program at ``root``; None when it is not in a git repository or
    has no commit yet."""
    try:
        history = ProgramHistory(root)
    except NotARepositoryError:
        return None
    with history:
        commits = history.commits_touching()
        if not commits:
            return None
        last = commits[0]
        when = last.committed_datetime.astimezone(dt.UTC)
        return ProgramRevision(
            str(last.hexsha)[:7], when.strftime("%Y-%m-%d"), history.has_changes()
        )
