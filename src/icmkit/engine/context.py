"""Everything a component needs about one calculation: plan, participant, period, credits,
targets and the state earlier periods left."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from icmkit.engine.calendar import Calendar
from icmkit.engine.credited_input import SeatCredits, credit_list
from icmkit.engine.crediting import (
    Credit,
    Deal,
    Selection,
    credits,
    levels_needed,
    rollup_selection,
)
from icmkit.engine.hierarchy import StaticHierarchy
from icmkit.engine.numbers import ZERO
from icmkit.engine.periods import Period, Window
from icmkit.engine.state import State
from icmkit.engine.targets import Person, Targets
from icmkit.model.plan_versions import in_force
from icmkit.model.plans import Plan
from icmkit.model.testing import Inputs, Participant


def person_of(participant: Participant) -> Person:
    return Person(
        participant.id,
        participant.role,
        participant.hire_date,
        participant.leave_date,
        None,
        dict(participant.quotas),
        participant.target_incentive,
    )


def clipped(period: Period, as_of: date | None) -> Period:
    """``period`` computed as of ``as_of`` (the days after it left out)."""
    if as_of is None or not period.window.contains(as_of):
        return period
    return Period(period.label, Window(period.window.start, as_of + timedelta(days=1)), None)


@dataclass
class Context:
    plan: Plan
    person: Person
    period: Period
    calendar: Calendar
    targets: Targets
    credits: SeatCredits
    """The participant's credits (own and rolled up)."""
    state: State
    scores: Mapping[str, Decimal] = field(default_factory=dict)
    excluded: frozenset[str] = frozenset()
    """Transactions whose cancellation takes their credit out of attainment."""
    explain: bool = True
    """False: skip the per-transaction lines of the explanation (for large batches)."""
    pays: bool = True
    """Whether money is paid at the end of this period (False between payment dates)."""
    in_run: bool = False
    """True in a run over several periods; False for a single period with typed history."""
    team: Sequence[Participant] = ()
    """A test case's team, to name the members an override counts."""

    @classmethod
    def create(
        cls,
        plan: Plan,
        person: Person,
        period: Period,
        calendar: Calendar,
        found: SeatCredits,
        state: State,
        *,
        scores: Mapping[str, Decimal] | None = None,
        explain: bool = True,
        pays: bool = True,
        in_run: bool = False,
        team: Sequence[Participant] = (),
    ) -> Context:
        """``found``: the person's credits under the plan."""
        context = cls(
            plan,
            person,
            period,
            calendar,
            Targets(plan, person, period, calendar),
            found,
            state,
            scores=scores or {},
            explain=explain,
            pays=pays,
            in_run=in_run,
            team=team,
        )
        clawback = plan.clawback
        if clawback is not None and clawback.reduces_attainment:
            end = period.window.end
            context.excluded = frozenset(
                c.transaction.id
                for c in found.cancelled()
                if c.transaction.date < end
                and c.transaction.cancelled_on is not None
                and c.transaction.cancelled_on < end
            )
        return context

    @classmethod
    def build(
        cls,
        plan: Plan,
        inputs: Inputs,
        deals: Sequence[Deal] | None = None,
        explain: bool = True,
        credited: list[Credit] | None = None,
        calendar: Calendar | None = None,
    ) -> Context:
        """A single-period test case: ``credited`` are the credits of ``deals`` when the
        caller has them already."""
        chosen = calendar or Calendar()
        if inputs.period is None:
            raise ValueError("a single-period calculation needs `period`")
        period = clipped(chosen.parse(inputs.period), inputs.as_of)
        plan = in_force(plan, period.window.start)
        me = inputs.participant
        found = credited
        if found is None:
            hierarchy = StaticHierarchy.of([me, *inputs.team])
            found = credits(
                plan,
                inputs.transactions if deals is None else deals,
                me.id,
                hierarchy,
                levels_needed(plan),
            )
        return cls.create(
            plan,
            person_of(me),
            period,
            chosen,
            credit_list(c for c in found if c.owner == me.id),
            State.from_history(inputs.history),
            scores=dict(inputs.scores),
            explain=explain,
            team=list(inputs.team),
        )

    @property
    def places(self) -> int:
        """Decimal places of money in explanations: the plan's rounding."""
        return self.plan.rounding.places

    @property
    def me(self) -> str:
        return self.person.id

    def plan_window(self) -> Window:
        """The period's days on which the plan (and the participant's assignment) applies."""
        window = self.period.window
        effective = self.plan.effective
        start = max(effective.from_, window.start)
        end = min(effective.to or window.end, window.end)
        if self.person.on_plan is not None:
            start = max(start, self.person.on_plan.start)
            end = min(end, self.person.on_plan.end)
        # deals before the hire date or after the leave date are not the participant's
        if self.person.hire_date is not None:
            start = max(start, self.person.hire_date)
        if self.person.leave_date is not None:
            end = min(end, self.person.leave_date + timedelta(days=1))
        return Window(start, max(start, end))

    def to_date_start(self, quota: str | None) -> date:
        """Where to-date credit starts: the start of the quota's period holding this period,
        or of the plan year; never before the plan (or the assignment) starts."""
        if quota is not None:
            frequency = next((q.period for q in self.plan.quotas if q.id == quota), None)
        else:
            frequency = None
        if frequency is not None:
            start = self.calendar.enclosing(frequency, self.period.window).start
        else:
            start = self.calendar.year_window(self.period.window.start).start
        floor = self.plan.effective.from_
        if self.person.on_plan is not None:
            floor = max(floor, self.person.on_plan.start)
        return max(start, floor)

    def team_members(self, selection: Selection) -> list[str]:
        """The ids of the team members whose credit ``selection`` takes, sorted."""
        if self.team:
            below: list[tuple[Participant, int]] = []
            bosses = {self.me}
            for depth in range(1, selection.levels + 1):
                layer = [p for p in self.team if p.manager in bosses]
                below += [(p, depth) for p in layer]
                bosses = {p.id for p in layer}
            return sorted(
                p.id
                for p, depth in below
                if (not selection.include_roles or p.role in selection.include_roles)
                and p.role not in selection.exclude_roles
            )
        return self.credits.sellers(selection)

    def own(self, measure: str, window: Window, selection: Selection | None = None) -> list[Credit]:
        """Credits for ``measure`` in ``window`` that ``selection`` takes (default: the
        participant's own and what the plan rolls up to them), one by one."""
        chosen = selection or rollup_selection(self.plan)
        return self.credits.each(measure, window, chosen, self.excluded)

    def total(self, measure: str, window: Window, selection: Selection | None = None) -> Decimal:
        """The credit ``own`` gives, added up."""
        chosen = selection or rollup_selection(self.plan)
        return self.credits.total(measure, window, chosen, self.excluded)

    def period_credit(self) -> tuple[dict[str, Decimal], dict[str, Decimal]]:
        """The period's credit per measure as attainment counts it (own and rolled up), and
        the participant's own credit per measure (a measure credited nothing is left out)."""
        window = self.plan_window()
        chosen = rollup_selection(self.plan)
        own_only = Selection()
        counted: dict[str, Decimal] = {}
        own: dict[str, Decimal] = {}
        for measure in dict.fromkeys(m.id for m in self.plan.measures):
            total = self.credits.total(measure, window, chosen, self.excluded)
            if total:
                counted[measure] = total
            mine = self.credits.total(measure, window, own_only, self.excluded)
            if mine:
                own[measure] = mine
        return counted, own

    def credit_before(
        self, measure: str, quota: str | None = None, selection: Selection | None = None
    ) -> Decimal:
        """Credit to date before this period, less deals cancelled out of attainment: typed
        in a history, or summed from the deals in a run."""
        chosen = selection or rollup_selection(self.plan)
        history = self.state.credit_to_date
        start = self.period.window.start
        if history is not None:
            before = history.get(measure, ZERO)
            for credit in self.credits.cancelled():
                if (
                    credit.transaction.id in self.excluded
                    and credit.measure == measure
                    and chosen.takes(credit)
                    and credit.transaction.date < start
                ):
                    before -= credit.amount
            return before
        window = Window(self.to_date_start(quota), start)
        total = self._summed(measure, window, chosen)
        opening = self.state.opening_date
        if opening is not None and window.start < opening:
            total += self.state.opening_credit.get(measure, ZERO)
        return total

    def _summed(self, measure: str, window: Window, selection: Selection) -> Decimal:
        """The credit in ``window``; in a run without exclusions, added up from where the
        previous period left off rather than from the window's start again."""
        if self.excluded or not self.in_run:
            return self.total(measure, window, selection)
        key = (measure, window.start, selection)
        cached = self.state.to_date_sums.get(key)
        upto, total = cached if cached is not None else (window.start, ZERO)
        if upto > window.end:
            upto, total = window.start, ZERO
        total += self.total(measure, Window(upto, window.end), selection)
        self.state.to_date_sums[key] = (window.end, total)
        return total

    def attainment_base(
        self,
        measure: str,
        to_date: bool,
        quota: str | None = None,
        selection: Selection | None = None,
    ) -> Decimal:
        """The credit attainment is measured on: the period's, or to date including it."""
        total = self.total(measure, self.plan_window(), selection)
        if to_date:
            total += self.credit_before(measure, quota, selection)
        return total
