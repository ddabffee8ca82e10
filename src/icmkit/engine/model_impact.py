"""What changing the plans costs: two summaries of the same history, compared.

The cost delta is head's payout less base's; a participant gains or loses when their payout
(every plan together) differs; the components that drive the change are those whose
earnings differ, largest change first.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from icmkit.engine.model_summary import Summary, ratio
from icmkit.engine.numbers import ZERO


@dataclass(frozen=True)
class Change:
    """One amount before and after (None: not there on that side)."""

    key: str
    base: Decimal | None
    head: Decimal | None

    @property
    def delta(self) -> Decimal:
        return (self.head or ZERO) - (self.base or ZERO)

    @property
    def relative(self) -> Decimal | None:
        """The change as a fraction of the base amount."""
        return ratio(self.delta, self.base)


@dataclass(frozen=True)
class ParticipantChange(Change):
    name: str | None = None
    roles: tuple[str, ...] = ()
    plans: tuple[str, ...] = ()


@dataclass
class Impact:
    base: Summary
    head: Summary
    by_plan: list[Change]
    components: list[Change]
    """Components whose earnings differ, ``plan/component``, largest change first."""
    participants: list[ParticipantChange]
    """Every participant whose payout differs, largest gain first, largest loss last."""
    unchanged: int
    """Participants paid the same in both."""

    @property
    def total(self) -> Change:
        return Change("total", self.base.payout, self.head.payout)

    @property
    def winners(self) -> list[ParticipantChange]:
        return [p for p in self.participants if p.delta > 0]

    @property
    def losers(self) -> list[ParticipantChange]:
        return sorted((p for p in self.participants if p.delta < 0), key=lambda p: (p.delta, p.key))

    @property
    def empty(self) -> bool:
        return not self.participants and not self.components and self.total.delta == 0


def compare(base: Summary, head: Summary) -> Impact:
    """Head against base (two versions computed over the same history)."""
    plans_base = {g.key: g.payout for g in base.by_plan}
    plans_head = {g.key: g.payout for g in head.by_plan}
    by_plan = [
        Change(key, plans_base.get(key), plans_head.get(key))
        for key in sorted(set(plans_base) | set(plans_head))
    ]
    components = [
        Change(f"{plan}/{component}", base.components.get(key), head.components.get(key))
        for key in sorted(set(base.components) | set(head.components))
        for plan, component in [key]
    ]
    components = [c for c in components if c.delta != 0 or (c.base is None) != (c.head is None)]
    components.sort(key=lambda c: (-abs(c.delta), c.key))
    earners_base = {e.participant: e for e in base.earners}
    earners_head = {e.participant: e for e in head.earners}
    changed: list[ParticipantChange] = []
    unchanged = 0
    for who in sorted(set(earners_base) | set(earners_head)):
        before, after = earners_base.get(who), earners_head.get(who)
        either = after or before
        assert either is not None
        found = ParticipantChange(
            who,
            before.payout if before is not None else None,
            after.payout if after is not None else None,
            either.name,
            either.roles,
            tuple(
                dict.fromkeys([*(before.plans if before else ()), *(after.plans if after else ())])
            ),
        )
        if found.delta == 0 and (before is None) == (after is None):
            unchanged += 1
        else:
            changed.append(found)
    changed.sort(key=lambda p: (-p.delta, p.key))
    return Impact(base, head, by_plan, components, changed, unchanged)
