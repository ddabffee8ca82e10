"""The hierarchy as tables the engines join by date: manager spells and role spells.

Each row says who reports to whom (or holds which role) from a first day up to a day no
longer, with the meaning ``hierarchy.RosterHierarchy`` gives a roster: the spell that started
last on or before a day applies, if it has not ended; without spells, the one manager or role
of the roster entry applies every day. A role spell that does not apply falls back to that role.
"""

from __future__ import annotations

from datetime import date

from icmkit.engine.hierarchy import Hierarchy, RosterHierarchy, StaticHierarchy

FIRST_DAY = date(1, 1, 1)
LAST_DAY = date(9999, 12, 31)

Spell = tuple[str, date, date, str]
"""(participant, first day, day no longer, manager or role)."""


def _pieces(
    starts: list[date], values: list[str | None], ends: list[date | None]
) -> list[tuple[date, date, str | None]]:
    found: list[tuple[date, date, str | None]] = []
    for index, start in enumerate(starts):
        following = starts[index + 1] if index + 1 < len(starts) else LAST_DAY
        end = min(ends[index] or LAST_DAY, following)
        if start < end:
            found.append((start, end, values[index]))
    return found


def manager_spells(hierarchy: Hierarchy) -> list[Spell]:
    """Every manager spell of the hierarchy."""
    found: list[Spell] = []
    if isinstance(hierarchy, StaticHierarchy):
        return [(who, FIRST_DAY, LAST_DAY, m) for who, m in hierarchy.managers.items() if m]
    assert isinstance(hierarchy, RosterHierarchy)
    for who, manager in hierarchy.static_managers.items():
        spells = hierarchy.spells.get(who)
        if spells is None:
            if manager is not None:
                found.append((who, FIRST_DAY, LAST_DAY, manager))
            continue
        for start, end, value in _pieces(spells.starts, spells.values, spells.ends):
            if value is not None:
                found.append((who, start, end, value))
    return found


def role_spells(hierarchy: Hierarchy) -> list[Spell]:
    """Every role spell, the gaps between dated ones filled with the entry's role."""
    if isinstance(hierarchy, StaticHierarchy):
        return [(who, FIRST_DAY, LAST_DAY, r) for who, r in hierarchy.roles.items() if r]
    assert isinstance(hierarchy, RosterHierarchy)
    found: list[Spell] = []
    for who, role in hierarchy.roles.items():
        spells = hierarchy.role_spells.get(who)
        dated = (
            [p for p in _pieces(spells.starts, spells.values, spells.ends) if p[2] is not None]
            if spells is not None
            else []
        )
        day = FIRST_DAY
        for start, end, value in dated:
            if role is not None and day < start:
                found.append((who, day, start, role))
            assert value is not None
            found.append((who, start, end, value))
            day = end
        if role is not None and day < LAST_DAY:
            found.append((who, day, LAST_DAY, role))
    return found
