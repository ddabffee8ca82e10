"""The history of one item: its versions compared one after the other (pure: the caller
walks the history and hands in each version of the item)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Literal

from icmkit.review.program_diff import Located, item_change


@dataclass(frozen=True)
class CommitInfo:
    sha: str
    author: str
    email: str
    when: dt.datetime
    summary: str

    @property
    def short(self) -> str:
        return self.sha[:7]


LogChange = Literal["added", "changed", "removed"]


@dataclass(frozen=True)
class LogEntry:
    commit: CommitInfo | None
    """``None``: changes in the working tree, not committed yet."""
    change: LogChange
    path: str
    line: int
    old_path: str | None = None
    fields: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "commit": None if self.commit is None else self.commit.sha,
            "author": None if self.commit is None else self.commit.author,
            "email": None if self.commit is None else self.commit.email,
            "date": None if self.commit is None else self.commit.when.isoformat(),
            "summary": None if self.commit is None else self.commit.summary,
            "change": self.change,
            "path": self.path,
            "line": self.line,
            "moved_from": self.old_path,
            "fields": self.fields,
        }


@dataclass
class ItemLog:
    id: str
    kind: str
    title: str
    entries: list[LogEntry]
    """Newest first."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "title": self.title,
            "entries": [e.to_dict() for e in self.entries],
        }


def compare_versions(
    before: Located | None, after: Located | None, commit: CommitInfo | None
) -> LogEntry | None:
    """What changed from one version of the item to the next, or ``None`` if nothing did."""
    found = item_change("", "", before, after)
    if found is None:
        return None
    fields = [f.field for f in found.fields]
    return LogEntry(commit, found.change, found.path, found.line, found.old_path, fields)
