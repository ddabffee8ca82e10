"""What one version of the plans pays over the history: totals, cost of sales, payout against
target and attainment (distributions and percentiles), by plan and role, top and bottom
earners, and who reached a cap or missed a threshold.

Plain sums over the engine's results (one per participant, plan and period), in ``Decimal``:

- **payout**: the results' ``payout`` (what is paid, after draws, holds and true-ups);
- **credited**: the participants' own credit (``own_credit``: nothing rolled up to managers,
  so a deal counts once per share) of the revenue measures (default: every measure);
- **cost of sales**: payout ÷ credited;
- **target**: the target incentive in force in each period, added up (prorated for joiners
  and leavers as the plan says); **share of target**: payout ÷ target, per participant;
- **attainment**: per participant and plan, the credit of the plan's first quota's measure
  (own and rolled up, as the engine counts it) ÷ the quotas of the periods computed.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from icmkit.engine.distribution import Distribution, distribution
from icmkit.engine.modelling import ScenarioRun
from icmkit.engine.numbers import ZERO
from icmkit.engine.periods import Window
from icmkit.engine.result import PayoutResult
from icmkit.model.plans import AnyComponent, Plan, Scope


def ratio(part: Decimal, whole: Decimal | None) -> Decimal | None:
    """``part / whole``, or None when there is no positive whole."""
    if whole is None or whole <= 0:
        return None
    return part / whole


def _percent_text(value: Decimal) -> str:
    scaled = (value * 100).quantize(Decimal("0.1")).normalize()
    return f"{scaled:f}%"


@dataclass
class SeatLine:
    """One participant on one plan over the periods computed."""

    participant: str
    plan: str
    role: str | None
    periods: int
    payout: Decimal
    earnings: Decimal
    target: Decimal | None
    quota_id: str | None
    quota: Decimal | None
    credit: Decimal | None
    components: dict[str, Decimal]
    own_credit: dict[str, Decimal]
    at_cap: list[str] = field(default_factory=list)
    """Each cap reached: ``component: what``."""
    below_threshold: list[str] = field(default_factory=list)
    """Each threshold missed: ``component: what``."""

    @property
    def attainment(self) -> Decimal | None:
        return ratio(self.credit, self.quota) if self.credit is not None else None

    @property
    def share(self) -> Decimal | None:
        return ratio(self.payout, self.target)


@dataclass
class Earner:
    """One participant, every plan together."""

    participant: str
    name: str | None
    roles: tuple[str, ...]
    plans: tuple[str, ...]
    payout: Decimal
    target: Decimal | None
    """None when a plan of theirs has no target incentive."""

    @property
    def share(self) -> Decimal | None:
        return ratio(self.payout, self.target)


@dataclass
class GroupTotal:
    """The participants of one plan or one role."""

    key: str
    participants: int
    payout: Decimal
    target: Decimal | None
    credited: Decimal
    median_share: Decimal | None

    @property
    def share(self) -> Decimal | None:
        return ratio(self.payout, self.target)

    @property
    def cost_of_sales(self) -> Decimal | None:
        return ratio(self.payout, self.credited)


@dataclass
class Summary:
    label: str
    currency: str
    plans: list[str]
    first_day: date
    last_day: date
    periods: list[str]
    """The labels of the periods computed, in order."""
    payout: Decimal
    credited: Decimal
    revenue_measures: list[str] | None
    """The measures counted as credited revenue (None: every measure)."""
    target: Decimal | None
    by_plan: list[GroupTotal]
    by_role: list[GroupTotal]
    share: Distribution | None
    """Payout as a share of target, per participant with a target."""
    attainment: Distribution | None
    """Attainment, per participant and plan with a quota."""
    earners: list[Earner]
    """Highest payout first."""
    lines: list[SeatLine]
    components: dict[tuple[str, str], Decimal]
    """Earnings per (plan, component)."""

    @property
    def cost_of_sales(self) -> Decimal | None:
        return ratio(self.payout, self.credited)

    @property
    def at_cap(self) -> list[SeatLine]:
        return [line for line in self.lines if line.at_cap]

    @property
    def below_threshold(self) -> list[SeatLine]:
        return [line for line in self.lines if line.below_threshold]

    def top(self, count: int) -> list[Earner]:
        return self.earners[:count]

    def bottom(self, count: int) -> list[Earner]:
        return list(reversed(self.earners[-count:])) if count else []


def _attained(
    results: Sequence[PayoutResult], measure: str, level: Iterable[Decimal | None]
) -> list[tuple[Decimal, Decimal]]:
    """(credit, level) per period where the level is known."""
    return [
        (r.credit.get(measure, ZERO), found)
        for r, found in zip(results, level, strict=True)
        if found is not None
    ]


def _limits(plan: Plan, results: Sequence[PayoutResult]) -> tuple[list[str], list[str]]:
    """The caps reached and the thresholds missed by one participant on ``plan``."""
    capped: list[str] = []
    missed: list[str] = []
    for component in plan.components:
        capped += _cap_reached(component, results)
        missed += _threshold_missed(component, results)
    return capped, missed


def _levels(
    component: AnyComponent, results: Sequence[PayoutResult], share: Decimal | None
) -> list[Decimal | None]:
    quota = getattr(component, "quota", None)
    if share is None or quota is None:
        return [None for _ in results]
    return [r.quotas[quota] * share if quota in r.quotas else None for r in results]


def _cap_reached(component: AnyComponent, results: Sequence[PayoutResult]) -> list[str]:
    cap = component.cap
    if cap is None:
        return []
    for result in results:
        found = result.component(component.id)
        if found is not None and found.capped > 0:
            return [f"{component.id}: payout cap"]
    measure = getattr(component, "measure", None)
    scope = getattr(component, "scope", Scope.PERIOD)
    if cap.attainment is None or measure is None or scope is Scope.TRANSACTION:
        return []
    pairs = _attained(results, measure, _levels(component, results, cap.attainment))
    if scope is Scope.PERIOD:
        reached = any(credit > 0 and credit >= level for credit, level in pairs)
    else:
        credit_total = sum((c for c, _ in pairs), ZERO)
        reached = credit_total > 0 and credit_total >= sum((level for _, level in pairs), ZERO)
    return [f"{component.id}: attainment cap {_percent_text(cap.attainment)}"] if reached else []


def _threshold_missed(component: AnyComponent, results: Sequence[PayoutResult]) -> list[str]:
    threshold = component.threshold
    measure = getattr(component, "measure", None)
    if threshold is None or measure is None or threshold.scope is Scope.TRANSACTION:
        return []
    if threshold.amount is not None:
        levels: list[Decimal | None] = [threshold.amount for _ in results]
        shown = f"threshold {threshold.amount:,f}"
    else:
        levels = _levels(component, results, threshold.attainment)
        shown = f"threshold {_percent_text(threshold.attainment or ZERO)}"
    pairs = _attained(results, measure, levels)
    if not pairs:
        return []
    if threshold.scope is Scope.PERIOD:
        short = sum(1 for credit, level in pairs if credit < level)
        if not short:
            return []
        return [f"{component.id}: {shown} missed in {short} of {len(pairs)} periods"]
    credit = sum((c for c, _ in pairs), ZERO)
    level = sum((lv for _, lv in pairs), ZERO) if threshold.amount is None else pairs[0][1]
    return [f"{component.id}: {shown} not reached"] if credit < level else []


def _line(plan: Plan, who: str, role: str | None, results: Sequence[PayoutResult]) -> SeatLine:
    quota = plan.quotas[0] if plan.quotas else None
    components: dict[str, Decimal] = {}
    own: dict[str, Decimal] = {}
    for result in results:
        for found in result.components:
            components[found.id] = components.get(found.id, ZERO) + found.amount
        for measure, amount in result.own_credit.items():
            own[measure] = own.get(measure, ZERO) + amount
    targets = [r.target for r in results if r.target is not None]
    quota_total: Decimal | None = None
    credit: Decimal | None = None
    if quota is not None:
        quota_total = sum((r.quotas.get(quota.id, ZERO) for r in results), ZERO)
        credit = sum((r.credit.get(quota.measure, ZERO) for r in results), ZERO)
    capped, missed = _limits(plan, results)
    return SeatLine(
        who,
        plan.id,
        role,
        len(results),
        sum((r.payout for r in results), ZERO),
        sum((r.earnings for r in results), ZERO),
        sum(targets, ZERO) if targets else None,
        quota.id if quota is not None else None,
        quota_total,
        credit,
        components,
        own,
        capped,
        missed,
    )


def _median(values: list[Decimal]) -> Decimal | None:
    found = distribution(values)
    return found.percentiles[50] if found is not None else None


def _groups(lines: Sequence[SeatLine], key_of: str, counted: set[str] | None) -> list[GroupTotal]:
    grouped: dict[str, list[SeatLine]] = {}
    for line in lines:
        key = (line.plan if key_of == "plan" else line.role) or "(no role)"
        grouped.setdefault(key, []).append(line)
    found: list[GroupTotal] = []
    for key, members in sorted(grouped.items()):
        targets = [m.target for m in members]
        shares = [s for m in members if (s := m.share) is not None]
        found.append(
            GroupTotal(
                key,
                len({m.participant for m in members}),
                sum((m.payout for m in members), ZERO),
                sum((t for t in targets if t is not None), ZERO)
                if all(t is not None for t in targets)
                else None,
                _credited(members, counted),
                _median(shares),
            )
        )
    return found


def _credited(lines: Iterable[SeatLine], counted: set[str] | None) -> Decimal:
    return sum(
        (
            amount
            for line in lines
            for measure, amount in line.own_credit.items()
            if counted is None or measure in counted
        ),
        ZERO,
    )


def _earners(lines: Sequence[SeatLine], names: dict[str, str]) -> list[Earner]:
    by_who: dict[str, list[SeatLine]] = {}
    for line in lines:
        by_who.setdefault(line.participant, []).append(line)
    found: list[Earner] = []
    for who, mine in by_who.items():
        targets = [m.target for m in mine]
        found.append(
            Earner(
                who,
                names.get(who),
                tuple(dict.fromkeys(m.role for m in mine if m.role)),
                tuple(dict.fromkeys(m.plan for m in mine)),
                sum((m.payout for m in mine), ZERO),
                sum((t for t in targets if t is not None), ZERO)
                if all(t is not None for t in targets)
                else None,
            )
        )
    found.sort(key=lambda e: (-e.payout, e.participant))
    return found


def summarise(run: ScenarioRun, window: Window, revenue: Sequence[str] | None = None) -> Summary:
    """The summary of one version's results over ``window``; ``revenue``: the measures whose
    own credit is credited revenue (default: every measure)."""
    plans = {plan.id: plan for plan in run.plans}
    grouped: dict[tuple[str, str], list[PayoutResult]] = {}
    components: dict[tuple[str, str], Decimal] = {}
    for result in run.results:
        grouped.setdefault((result.participant, result.plan), []).append(result)
        for found in result.components:
            key = (result.plan, found.id)
            components[key] = components.get(key, ZERO) + found.amount
    lines = [
        _line(plans[plan], who, run.roles.get((who, plan)), results)
        for (who, plan), results in sorted(grouped.items())
    ]
    counted = set(revenue) if revenue else None
    earners = _earners(lines, run.names)
    targets = [e.target for e in earners]
    info = run.program.info
    periods = sorted({(r.window_start or "", r.period) for r in run.results})
    return Summary(
        run.label,
        info.currency if info is not None else "USD",
        [plan.id for plan in run.plans],
        window.start,
        window.end - timedelta(days=1),
        list(dict.fromkeys(label for _, label in periods)),
        sum((line.payout for line in lines), ZERO),
        _credited(lines, counted),
        sorted(counted) if counted is not None else None,
        sum((t for t in targets if t is not None), ZERO)
        if targets and all(t is not None for t in targets)
        else None,
        _groups(lines, "plan", counted),
        _groups(lines, "role", counted),
        distribution([s for e in earners if (s := e.share) is not None]),
        distribution([a for line in lines if (a := line.attainment) is not None]),
        earners,
        lines,
        components,
    )
