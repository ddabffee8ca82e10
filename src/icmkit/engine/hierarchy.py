"""Who reports to whom, and in which role, on a given day.

A test case's ``team`` gives one manager and role per participant for all time; a roster
gives manager spells and plan assignments with dates, so a move mid-year changes whose team a
deal rolls up to from its credit date on.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Protocol

from icmkit.model.roster import Participant, RosterEntry


class Hierarchy(Protocol):
    def manager_of(self, who: str, day: date) -> str | None: ...

    def role_of(self, who: str, day: date) -> str | None: ...


@dataclass(frozen=True)
class StaticHierarchy:
    """One manager and one role per participant, whatever the day (a test case's team)."""

    managers: dict[str, str | None] = field(default_factory=dict)
    roles: dict[str, str | None] = field(default_factory=dict)

    @classmethod
    def of(cls, people: Iterable[Participant]) -> StaticHierarchy:
        found = list(people)
        return cls({p.id: p.manager for p in found}, {p.id: p.role for p in found})

    def manager_of(self, who: str, day: date) -> str | None:
        return self.managers.get(who)

    def role_of(self, who: str, day: date) -> str | None:
        return self.roles.get(who)


@dataclass(frozen=True)
class _Spells:
    starts: list[date]
    values: list[str | None]
    ends: list[date | None]

    def at(self, day: date) -> str | None:
        index = bisect.bisect_right(self.starts, day) - 1
        if index < 0:
            return None
        end = self.ends[index]
        return self.values[index] if end is None or day < end else None


@dataclass(frozen=True)
class RosterHierarchy:
    """Managers and roles from a roster, effective-dated."""

    spells: dict[str, _Spells]
    static_managers: dict[str, str | None]
    roles: dict[str, str | None]
    role_spells: dict[str, _Spells]

    @classmethod
    def of(cls, entries: Sequence[RosterEntry]) -> RosterHierarchy:
        spells: dict[str, _Spells] = {}
        role_spells: dict[str, _Spells] = {}
        for entry in entries:
            if entry.managers:
                ordered = sorted(entry.managers, key=lambda s: s.from_)
                spells[entry.id] = _Spells(
                    [s.from_ for s in ordered],
                    [s.manager for s in ordered],
                    [s.to for s in ordered],
                )
            with_role = sorted(
                (a for a in entry.assignments if a.role is not None and a.from_ is not None),
                key=lambda a: a.from_ or date.min,
            )
            if with_role:
                role_spells[entry.id] = _Spells(
                    [a.from_ or date.min for a in with_role],
                    [a.role for a in with_role],
                    [a.to for a in with_role],
                )
        return cls(
            spells,
            {e.id: e.manager for e in entries},
            {e.id: e.role for e in entries},
            role_spells,
        )

    def manager_of(self, who: str, day: date) -> str | None:
        spells = self.spells.get(who)
        if spells is not None:
            return spells.at(day)
        return self.static_managers.get(who)

    def role_of(self, who: str, day: date) -> str | None:
        spells = self.role_spells.get(who)
        if spells is not None:
            found = spells.at(day)
            if found is not None:
                return found
        return self.roles.get(who)


def chain(hierarchy: Hierarchy, who: str, day: date, levels: int) -> list[str]:
    """``who``'s managers on ``day``, nearest first, at most ``levels`` of them (a loop in
    the hierarchy stops the walk)."""
    found: list[str] = []
    current = who
    seen = {who}
    for _ in range(levels):
        manager = hierarchy.manager_of(current, day)
        if manager is None or manager in seen:
            break
        found.append(manager)
        seen.add(manager)
        current = manager
    return found
