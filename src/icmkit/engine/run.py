"""Plans over time: every participant's plan computed period after period, carrying state.

A run takes the roster's seats (a participant on a plan for a stretch of time), the deals and
a window. Each seat's calculation periods (the plan's ``payment.calculation`` or payment
frequency, cut by the program's calendar) are computed in order from the state the period
before left: credit to date comes from the deals themselves; earnings and payments to date,
draw balances and draw periods, year caps used, refundable and gated amounts withheld, SPIFF
events per window, ``first_deals`` counts, commission paid per deal (for clawbacks at the rate
paid), holds and cash waiting for receipts are carried.

The same plan math (``calculate.compute_period``) serves a single-period test case, a
multi-period test case and ``icmkit calc``.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from icmkit.engine.calculate import compute_period, exactly
from icmkit.engine.calendar import Calendar
from icmkit.engine.context import Context
from icmkit.engine.credited_input import CreditedInput, CreditList, DealsInput, SeatCredits
from icmkit.engine.crediting import Deal, Selection
from icmkit.engine.errors import EngineError, SeatError
from icmkit.engine.hierarchy import Hierarchy
from icmkit.engine.numbers import ZERO
from icmkit.engine.payment import Settlement
from icmkit.engine.periods import Period, Window
from icmkit.engine.result import PayoutResult
from icmkit.engine.state import State
from icmkit.engine.targets import Person
from icmkit.model.plan_versions import VersionInForce, versions_of
from icmkit.model.plans import Plan, SpiffComponent
from icmkit.model.roster import RosterEntry

_FAR = date(9997, 12, 31)


@dataclass(frozen=True)
class Seat:
    """A participant on a plan for a stretch of time (``person.on_plan``)."""

    plan: Plan
    person: Person


def seats_of(entries: Sequence[RosterEntry], plans: Mapping[str, Plan]) -> list[Seat]:
    """Every participant's seats: their assignments, or every plan whose eligibility names
    their role when they have none."""
    found: list[Seat] = []
    for entry in entries:
        if entry.assignments:
            for assignment in entry.assignments:
                plan = plans.get(assignment.plan)
                if plan is None:
                    continue
                start = assignment.from_ or plan.effective.from_
                end = assignment.to or plan.effective.to or _FAR
                person = Person(
                    entry.id,
                    assignment.role or entry.role,
                    entry.hire_date,
                    entry.leave_date,
                    Window(start, end),
                    {**entry.quotas, **assignment.quotas},
                    assignment.target_incentive
                    if assignment.target_incentive is not None
                    else entry.target_incentive,
                )
                found.append(Seat(plan, person))
            continue
        for plan in plans.values():
            if entry.role is not None and entry.role in plan.eligibility.roles:
                found.append(Seat(plan, person_of(entry)))
    return found


def person_of(entry: RosterEntry) -> Person:
    """A participant without assignments, on a plan for the whole of it."""
    return Person(
        entry.id,
        entry.role,
        entry.hire_date,
        entry.leave_date,
        None,
        dict(entry.quotas),
        entry.target_incentive,
    )


@dataclass
class RunOptions:
    calendar: Calendar = field(default_factory=Calendar)
    as_of: date | None = None
    scores: Mapping[str, Decimal] = field(default_factory=dict)
    scores_by_period: Mapping[str, Mapping[str, Decimal]] = field(default_factory=dict)
    participant_scores: Mapping[tuple[str, str], Mapping[str, Decimal]] = field(
        default_factory=dict
    )
    """Scores by participant and period label (``calc --scores``); they come first."""
    start_states: Mapping[tuple[str, str], State] = field(default_factory=dict)
    """The state each seat (participant id, plan id) starts from (default: nothing before)."""
    explain: bool = True
    report: Window | None = None
    """Only periods overlapping this window are returned (default: the whole run)."""
    on_seat: Callable[[], None] | None = None
    """Called after each seat is computed (a progress bar counts them)."""


def _active(seat: Seat) -> Window:
    """The days the seat is paid for: on the plan, employed, while the plan is in effect."""
    person = seat.person
    effective = seat.plan.effective
    start = max(d for d in (effective.from_, person.active_from) if d is not None)
    last = person.active_to
    end = effective.to or _FAR
    if last is not None:
        end = min(end, last + timedelta(days=1))
    return Window(start, max(start, end))


def _periods(seat: Seat, window: Window, options: RunOptions) -> list[tuple[Period, bool]]:
    """The seat's calculation periods in ``window``, each with whether it is a payment date."""
    plan = seat.plan
    calendar = options.calendar
    frequency = plan.payment.calculation or plan.payment.frequency
    active = _active(seat)
    found: list[tuple[Period, bool]] = []
    for period in calendar.periods(frequency, window):
        if period.window.clip(active) is None:
            continue
        if options.as_of is not None and period.window.start > options.as_of:
            break
        paying = calendar.period_of(plan.payment.frequency, period.window.start).window
        pays = paying.end <= period.window.end or period.window.contains(
            active.end - timedelta(days=1)
        )
        if options.as_of is not None and period.window.contains(options.as_of):
            period = Period(
                period.label,
                Window(period.window.start, options.as_of + timedelta(days=1)),
                None,
            )
            pays = True
        found.append((period, pays))
    return found


def _spiff_window(component: SpiffComponent, calendar: Calendar, day: date) -> date:
    if component.max_events_per is None:
        return component.window.from_
    return calendar.period_of(component.max_events_per, day).window.start


_EVER = Window(date.min, date.max)
_EVERYONE = Selection(True, 1_000_000)


def _deal_days(context: Context, measure: str) -> dict[str, date]:
    """The credit dates of the participant's deals of ``measure`` (own and rolled up)."""
    return {
        c.transaction.id: c.transaction.date
        for c in context.credits.each(measure, _EVER, _EVERYONE, frozenset())
    }


def apply(state: State, context: Context, result: PayoutResult, settlement: Settlement) -> None:
    """Carry what the period did into the state the next period starts from."""
    for component, outcome in zip(context.plan.components, result.components, strict=True):
        key = component.id
        state.component_earned[key] = state.component_earned.get(key, ZERO) + outcome.amount
        whole = f"{key}@plan"
        state.component_earned[whole] = state.component_earned.get(whole, ZERO) + outcome.amount
        if outcome.withheld or outcome.released:
            state.cap_withheld[key] = (
                state.cap_withheld.get(key, ZERO) + outcome.withheld - outcome.released
            )
        if outcome.gate_withheld:
            state.gate_withheld[key] = state.gate_withheld.get(key, ZERO) + outcome.gate_withheld
        for deal in outcome.deals:
            paid_key = (key, deal.id)
            state.paid_per_deal[paid_key] = state.paid_per_deal.get(paid_key, ZERO) + deal.earned
            if isinstance(component, SpiffComponent):
                day = _deal_days(context, component.measure).get(deal.id)
                if day is not None:
                    spiff_key = (key, _spiff_window(component, context.calendar, day))
                    state.spiff_events[spiff_key] = state.spiff_events.get(spiff_key, 0) + 1
        for multiplier, count in outcome.multiplier_counts.items():
            counted = (key, multiplier)
            state.first_deals[counted] = state.first_deals.get(counted, 0) + count
    for adjustment in result.adjustments:
        if adjustment.component is not None and adjustment.deal is not None:
            paid_key = (adjustment.component, adjustment.deal)
            state.paid_per_deal[paid_key] = state.paid_per_deal.get(paid_key, ZERO) + (
                adjustment.amount
            )
    state.earned_to_date += result.earnings
    if context.pays:
        state.paid_to_date += settlement.settled
    state.draw_balance = settlement.balance
    state.draw_periods_paid = settlement.draw_periods
    state.payments_settled = settlement.payments
    state.unpaid = settlement.unpaid
    state.advanced = settlement.advanced
    state.carried_forward = settlement.carried_forward
    state.held = settlement.held
    if settlement.on_cash:
        state.on_cash = settlement.on_cash
        state.cash_released = settlement.cash_released


def version_at(versions: Sequence[VersionInForce], day: date) -> VersionInForce:
    """The version in force on ``day``: the last starting on or before it (else the first)."""
    chosen = versions[0]
    for version in versions[1:]:
        if version.start <= day:
            chosen = version
    return chosen


def _credited(plan: Plan, source: CreditedInput) -> Iterator[tuple[str, SeatCredits]]:
    """The participants credited under ``plan``, one at a time (decimal trouble in crediting
    becomes EngineError)."""
    found = source.credited(plan)
    while True:
        item = exactly(lambda: next(found, None))
        if item is None:
            return
        yield item


def _computed(context: Context) -> tuple[PayoutResult, Settlement]:
    def work() -> tuple[PayoutResult, Settlement]:
        return compute_period(context)

    return exactly(work)


CreditsOf = Callable[[VersionInForce], SeatCredits]
"""A seat's credits under one version of its plan."""


def _always(credits: SeatCredits) -> CreditsOf:
    """The same credits under every version (a plan without versions)."""

    def of(version: VersionInForce) -> SeatCredits:
        del version
        return credits

    return of


def _of_version(
    by_version: Mapping[int, Mapping[str, SeatCredits]], owner: str, nothing: SeatCredits
) -> CreditsOf:
    """``owner``'s credits under each version (none where a version credits them nothing)."""

    def of(version: VersionInForce) -> SeatCredits:
        return by_version[version.number].get(owner, nothing)

    return of


def _seat_results(
    seat: Seat, credits_of: CreditsOf, window: Window, options: RunOptions
) -> list[PayoutResult]:
    """One seat's results, period after period, each starting from the state the one
    before left, under the version of the plan in force at the period's start. A period
    that cannot be computed raises SeatError."""
    versions = versions_of(seat.plan)
    results: list[PayoutResult] = []
    state = copy.deepcopy(options.start_states.get((seat.person.id, seat.plan.id), State()))
    state.credit_to_date = None
    year: Window | None = None
    seen: set[int] = set()
    for period, pays in _periods(seat, window, options):
        version = version_at(versions, period.window.start)
        if seen and version.number not in seen:
            # a new version credits the deals by its own measures: sum to date afresh
            state.to_date_sums.clear()
        seen.add(version.number)
        plan = version.plan
        fiscal = options.calendar.year_window(period.window.start)
        if year is not None and fiscal.start != year.start:
            state.new_year(fiscal.start)
        year = fiscal
        scores = options.participant_scores.get(
            (seat.person.id, period.label),
            options.scores_by_period.get(period.label, options.scores),
        )
        try:
            context = Context.create(
                plan,
                seat.person,
                period,
                options.calendar,
                credits_of(version),
                state,
                scores=dict(scores),
                explain=options.explain,
                pays=pays,
                in_run=True,
            )
            result, settlement = _computed(context)
        except EngineError as error:
            raise SeatError(str(error), seat.person.id, plan.id) from None
        apply(state, context, result, settlement)
        if options.report is None or period.window.clip(options.report) is not None:
            results.append(result)
    if options.on_seat is not None:
        options.on_seat()
    return results


def run_credited(
    seats: Sequence[Seat],
    source: CreditedInput,
    window: Window,
    options: RunOptions | None = None,
) -> list[PayoutResult]:
    """Every seat's results for the calculation periods overlapping ``window``, by
    participant, plan and period, with the credits ``source`` gives: each participant's
    credits are read once per plan and computed for their seats on it before the next
    participant's are read (a plan with versions has every version's credits read first).
    A seat that cannot be computed raises SeatError."""
    chosen = options or RunOptions()
    ordered = sorted(seats, key=lambda s: (s.person.id, s.person.active_from or date.min))
    rank = {id(seat): n for n, seat in enumerate(ordered)}
    found: dict[int, list[PayoutResult]] = {}
    plans = {seat.plan.id: seat.plan for seat in ordered}
    nothing = CreditList()
    for plan in plans.values():
        waiting: dict[str, list[Seat]] = {}
        for seat in ordered:
            if seat.plan.id == plan.id:
                waiting.setdefault(seat.person.id, []).append(seat)
        versions = versions_of(plan)
        if len(versions) > 1:
            by_version = {v.number: dict(_credited(v.plan, source)) for v in versions}
            for owner, left in waiting.items():
                for seat in left:
                    credits_of = _of_version(by_version, owner, nothing)
                    found[rank[id(seat)]] = _seat_results(seat, credits_of, window, chosen)
            continue
        for owner, credits in _credited(plan, source):
            for seat in waiting.pop(owner, []):
                found[rank[id(seat)]] = _seat_results(seat, _always(credits), window, chosen)
        for left in waiting.values():
            for seat in left:
                found[rank[id(seat)]] = _seat_results(seat, _always(nothing), window, chosen)
    return [result for n in sorted(found) for result in found[n]]


def run(
    seats: Sequence[Seat],
    deals: Sequence[Deal],
    hierarchy: Hierarchy,
    window: Window,
    options: RunOptions | None = None,
    default_participant: str = "",
) -> list[PayoutResult]:
    """Every seat's results for the calculation periods overlapping ``window``, by
    participant, plan and period, from deals held in memory."""
    source = DealsInput(deals, hierarchy, default_participant)
    return run_credited(seats, source, window, options)
