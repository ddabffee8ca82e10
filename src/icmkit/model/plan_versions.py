"""A plan's versions over time: the whole plan as it stands from each version's date.

Version 1 is the plan as written, from the start of its effective window. Each entry of
``versions`` starts a new version on its ``from`` date: components, measures and quotas it
gives replace the ones with the same id (or are added), ``remove_components`` takes
components away, and every other key it gives replaces the value of the version before.
A plan without ``versions`` has one version, itself.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol, TypeVar

from icmkit.model.plans import Plan, PlanVersion

_WHOLE_KEYS = (
    "description",
    "eligibility",
    "target_incentive",
    "draw",
    "clawback",
    "proration",
)
"""Keys of a version that replace the whole value of the version before."""


class _WithId(Protocol):
    @property
    def id(self) -> str: ...


T = TypeVar("T", bound=_WithId)


@dataclass(frozen=True)
class VersionInForce:
    """One version of a plan: its number (from 1), its days ``[start, end)`` and the plan as
    it stands then (without ``versions``)."""

    number: int
    start: date
    end: date | None
    plan: Plan
    change: PlanVersion | None
    """The entry of ``versions`` that starts it; None for version 1."""

    @property
    def label(self) -> str:
        """``Version 2 (July 2027 rate change)`` or ``Version 1``."""
        if self.change is not None and self.change.label:
            return f"Version {self.number} ({self.change.label})"
        return f"Version {self.number}"

    def holds(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day < self.end)


def _by_id(items: Sequence[T], changes: Sequence[T]) -> list[T]:
    """``items`` with those of ``changes`` replacing the ones with the same id, new ids last."""
    replaced = {c.id: c for c in changes}
    result = [replaced.pop(i.id, i) for i in items]
    result.extend(replaced.values())
    return result


def apply_version(plan: Plan, change: PlanVersion) -> Plan:
    """``plan`` with ``change`` applied (``plan`` itself is left as it is)."""
    update: dict[str, Any] = {
        key: getattr(change, key) for key in _WHOLE_KEYS if key in change.model_fields_set
    }
    if change.measures:
        update["measures"] = _by_id(plan.measures, change.measures)
    if change.quotas:
        update["quotas"] = _by_id(plan.quotas, change.quotas)
    if change.components or change.remove_components:
        removed = set(change.remove_components)
        kept = [c for c in plan.components if c.id not in removed]
        update["components"] = _by_id(kept, change.components)
    update["versions"] = []
    return plan.model_copy(update=update)


def versions_of(plan: Plan) -> list[VersionInForce]:
    """Every version of ``plan``, oldest first (one for a plan without ``versions``)."""
    current = plan.model_copy(update={"versions": []}) if plan.versions else plan
    starts = [plan.effective.from_, *(v.from_ for v in plan.versions)]
    found: list[VersionInForce] = []
    changes: list[PlanVersion | None] = [None, *plan.versions]
    for index, change in enumerate(changes):
        if change is not None:
            current = apply_version(current, change)
        end = starts[index + 1] if index + 1 < len(starts) else plan.effective.to
        found.append(VersionInForce(index + 1, starts[index], end, current, change))
    return found


def in_force(plan: Plan, day: date) -> Plan:
    """The plan as it stands on ``day``: the last version starting on or before it (version 1
    before the plan starts)."""
    if not plan.versions:
        return plan
    every = versions_of(plan)
    chosen = every[0]
    for version in every[1:]:
        if version.start <= day:
            chosen = version
    return chosen.plan


def every_version(plans: Sequence[Plan]) -> Iterator[Plan]:
    """Each plan as written, then each of its later versions as it stands (for the rules that
    judge a plan's terms: a later version repeats the items it keeps, at their own places)."""
    for plan in plans:
        yield plan
        if plan.versions:
            for version in versions_of(plan)[1:]:
                yield version.plan
