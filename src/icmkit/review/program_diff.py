"""Compare two versions of a program item by item: added, removed, changed field by field,
moved to another file; status changes called out."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Any, Literal

from icmkit.model.catalogue import KINDS, Entry, content, reviewable
from icmkit.model.program_bundle import Program
from icmkit.review.words import WordPart, is_long, word_diff

Change = Literal["added", "removed", "changed"]

STATUS_FIELD = "status"

_NESTED_OUT = {"plan": ("components",)}
"""Fields compared as items of their own, not as fields of their parent."""


class Located:
    """One version of an item: its content (built on first use), file and line."""

    def __init__(self, entry: Entry, path: str, line: int, whole: bool) -> None:
        self.entry = entry
        self.path = path
        self.line = line
        self._whole = whole

    @functools.cached_property
    def data(self) -> dict[str, Any]:
        data = content(self.entry.item)
        if not self._whole:
            for name in _NESTED_OUT.get(self.entry.kind, ()):
                data.pop(name, None)
        return data

    @property
    def title(self) -> str:
        for key in ("title", "name"):
            value = self.data.get(key)
            if isinstance(value, str):
                return value
        return ""


@dataclass(frozen=True)
class FieldChange:
    field: str
    before: Any
    after: Any
    words: list[WordPart] | None = None
    """A word diff, for long texts."""

    def to_dict(self) -> dict[str, Any]:
        found: dict[str, Any] = {"field": self.field, "before": self.before, "after": self.after}
        if self.words is not None:
            found["words"] = [w.to_dict() for w in self.words]
        return found


@dataclass(frozen=True)
class ItemChange:
    kind: str
    id: str
    change: Change
    title: str
    path: str
    """The file of the item in the head version (in the base version when removed)."""
    line: int
    old_path: str | None = None
    """The file of the item in the base version, when it moved to another file."""
    fields: list[FieldChange] = field(default_factory=list)

    @property
    def moved(self) -> bool:
        return self.old_path is not None

    @property
    def status_change(self) -> FieldChange | None:
        return next((f for f in self.fields if f.field == STATUS_FIELD), None)

    def to_dict(self) -> dict[str, Any]:
        status = self.status_change
        return {
            "kind": self.kind,
            "id": self.id,
            "change": self.change,
            "title": self.title,
            "path": self.path,
            "line": self.line,
            "moved_from": self.old_path,
            "status": None if status is None else {"before": status.before, "after": status.after},
            "fields": [f.to_dict() for f in self.fields],
        }


@dataclass(frozen=True)
class KindCounts:
    added: int = 0
    removed: int = 0
    changed: int = 0
    moved: int = 0

    def to_dict(self) -> dict[str, int]:
        return {
            "added": self.added,
            "removed": self.removed,
            "changed": self.changed,
            "moved": self.moved,
        }


@dataclass
class ProgramDiff:
    base: str
    head: str
    changes: list[ItemChange] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not self.changes

    def counts(self) -> dict[str, KindCounts]:
        """Counts by kind of item, in the usual order of kinds; kinds without changes left out."""
        found: dict[str, KindCounts] = {}
        for kind in KINDS:
            mine = [c for c in self.changes if c.kind == kind]
            if mine:
                found[kind] = KindCounts(
                    added=sum(c.change == "added" for c in mine),
                    removed=sum(c.change == "removed" for c in mine),
                    changed=sum(c.change == "changed" for c in mine),
                    moved=sum(c.moved for c in mine),
                )
        return found

    def total(self) -> KindCounts:
        counts = list(self.counts().values())
        return KindCounts(
            added=sum(c.added for c in counts),
            removed=sum(c.removed for c in counts),
            changed=sum(c.changed for c in counts),
            moved=sum(c.moved for c in counts),
        )

    def status_changes(self) -> list[ItemChange]:
        return [c for c in self.changes if c.status_change is not None]

    def to_dict(self) -> dict[str, Any]:
        return {
            "base": self.base,
            "head": self.head,
            "summary": {kind: c.to_dict() for kind, c in self.counts().items()},
            "total": self.total().to_dict(),
            "changes": [c.to_dict() for c in self.changes],
        }


def _located(entry: Entry, whole: bool) -> Located:
    where = entry.item.where
    line, _ = where.key_at("id") if where.has("id") else where.at()
    return Located(entry, where.path, line, whole)


def locate(program: Program) -> dict[tuple[str, str], Located]:
    """Every reviewable item of ``program`` by (kind, id); the first of duplicate ids wins."""
    found: dict[tuple[str, str], Located] = {}
    for entry in reviewable(program):
        key = (entry.kind, entry.id)
        if key not in found:
            found[key] = _located(entry, whole=False)
    return found


def find_in_files(program: Program, ident: str) -> dict[str, Located]:
    """Each file's first item with id ``ident`` (a plan with its components), by file."""
    found: dict[str, Located] = {}
    for entry in reviewable(program):
        if entry.id == ident and entry.item.where.path not in found:
            found[entry.item.where.path] = _located(entry, whole=True)
    return found


def diff_programs(base: Program, head: Program, base_label: str, head_label: str) -> ProgramDiff:
    """Every item added, removed or changed from ``base`` to ``head``."""
    before = locate(base)
    after = locate(head)
    changes: list[ItemChange] = []
    for key in sorted(before.keys() | after.keys(), key=_order):
        found = item_change(*key, before.get(key), after.get(key))
        if found is not None:
            changes.append(found)
    return ProgramDiff(base_label, head_label, changes)


def item_change(
    kind: str, ident: str, old: Located | None, new: Located | None
) -> ItemChange | None:
    """How one item changed between two versions (absent in one of them: added or removed;
    in both: its changed values and whether it moved to another file), or ``None``."""
    if old is None and new is not None:
        return ItemChange(kind, ident, "added", new.title, new.path, new.line)
    if new is None and old is not None:
        return ItemChange(kind, ident, "removed", old.title, old.path, old.line)
    if old is None or new is None:
        return None
    fields = compare_fields(old.data, new.data)
    moved = old.path != new.path
    if not fields and not moved:
        return None
    return ItemChange(
        kind, ident, "changed", new.title, new.path, new.line, old.path if moved else None, fields
    )


def _order(key: tuple[str, str]) -> tuple[int, str]:
    kind, ident = key
    return (KINDS.index(kind) if kind in KINDS else len(KINDS), ident)


def compare_fields(before: dict[str, Any], after: dict[str, Any]) -> list[FieldChange]:
    """The values that differ, in the order of the model (the status first).

    Nested values are followed down to what changed, named like ``tiers[1].rate``; a list
    element added or removed is one change with ``None`` on the side where it is missing.
    """
    names = list(dict.fromkeys([*before, *after]))
    if STATUS_FIELD in names:
        names.remove(STATUS_FIELD)
        names.insert(0, STATUS_FIELD)
    found: list[FieldChange] = []
    for name in names:
        _compare(name, before.get(name), after.get(name), found)
    return found


def _compare(name: str, old: Any, new: Any, found: list[FieldChange]) -> None:
    if old == new:
        return
    if isinstance(old, dict) and isinstance(new, dict):
        for key in dict.fromkeys([*old, *new]):
            _compare(f"{name}.{key}", old.get(key), new.get(key), found)
        return
    if isinstance(old, list) and isinstance(new, list) and old and new:
        for index in range(max(len(old), len(new))):
            _compare(
                f"{name}[{index}]",
                old[index] if index < len(old) else None,
                new[index] if index < len(new) else None,
                found,
            )
        return
    words = None
    if isinstance(old, str) and isinstance(new, str) and (is_long(old) or is_long(new)):
        words = word_diff(old, new)
    found.append(FieldChange(name, old, new, words))
