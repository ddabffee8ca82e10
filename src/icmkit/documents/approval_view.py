"""The approval page that opens the program document: the revision rendered (commit and
date), every sign-off (who, role, date, what), and the items changed since each one.

The revision is handed in by the caller (from git, by the command line), never read here, so
that the same program and revision always render the same page.
"""

from __future__ import annotations

from dataclasses import dataclass

from icmkit.documents.addresses import natural_key
from icmkit.documents.view_blocks import Table, View
from icmkit.model.catalogue import Entry, signable
from icmkit.model.program_bundle import Program
from icmkit.signoffs.fingerprints import fingerprint, signed_at

NOT_IN_GIT = "not in a git repository"
SHOWN = 12
"""Item ids listed for a sign-off's scope; the rest are counted."""


@dataclass(frozen=True, slots=True)
class Revision:
    """What the program document was rendered from: a commit and its date, and whether the
    program's files had changes not committed yet."""

    commit: str | None = None
    date: str | None = None
    uncommitted: bool = False

    def text(self) -> str:
        if self.commit is None:
            return f"Revision: none, the program is {NOT_IN_GIT}."
        text = f"Revision: commit {self.commit}"
        if self.date:
            text += f" of {self.date}"
        if self.uncommitted:
            text += ", with changes to the program files not committed yet"
        return text + "."


@dataclass(frozen=True, slots=True)
class ChangedItem(View):
    id: str
    kind: str
    title: str
    change: str
    """``changed`` or ``removed``."""


@dataclass(frozen=True, slots=True)
class SignOffView(View):
    by: str
    role: str
    on: str
    what: str
    items: int
    changed: list[ChangedItem]


@dataclass(frozen=True, slots=True)
class ApprovalView(View):
    revision: str
    table: Table
    signoffs: list[SignOffView]
    """Newest first."""


def _title(item: object) -> str:
    for key in ("title", "name"):
        value = getattr(item, key, None)
        if isinstance(value, str):
            return " ".join(value.split())
    return ""


def _what(scope: list[str], count: int) -> str:
    listed = ", ".join(scope[:SHOWN]) + (
        f" and {len(scope) - SHOWN} more" if len(scope) > SHOWN else ""
    )
    noun = "item" if count == 1 else "items"
    return f"{listed or 'all'} ({count} {noun})"


def approval(program: Program, revision: Revision | None) -> ApprovalView:
    """The approval page of ``program`` rendered from ``revision`` (None: not in git)."""
    current: dict[str, Entry] = {}
    for item in signable(program):
        current.setdefault(item.id, item)
    views = []
    for record in sorted(program.signoffs, key=signed_at, reverse=True):
        changed = []
        for ident, recorded in sorted(record.items.items(), key=lambda kv: natural_key(kv[0])):
            entry = current.get(ident)
            if entry is None:
                changed.append(ChangedItem(ident, "item", "", "removed"))
            elif fingerprint(entry.item) != recorded:
                changed.append(ChangedItem(ident, entry.kind, _title(entry.item), "changed"))
        views.append(
            SignOffView(
                by=record.by,
                role=record.role,
                on=signed_at(record).strftime("%Y-%m-%d"),
                what=_what(record.scope, len(record.items)),
                items=len(record.items),
                changed=changed,
            )
        )
    rows = [
        [v.by, v.role, v.on, v.what, str(len(v.changed)) if v.changed else "none"] for v in views
    ]
    return ApprovalView(
        revision=(revision or Revision()).text(),
        table=Table(["Signed off by", "Role", "Date", "What", "Changed since"], rows),
        signoffs=views,
    )
