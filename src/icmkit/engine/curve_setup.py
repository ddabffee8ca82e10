"""How a pay curve is computed: the representative participant, the axis and the period of
the chart, and the test-case inputs whose payout the engine computes at a point."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Any

from icmkit.engine.calculate import calculate
from icmkit.engine.calendar import Calendar
from icmkit.engine.errors import EngineError
from icmkit.engine.periods import Period
from icmkit.engine.targets import Person, Targets
from icmkit.model.plans import (
    AnyComponent,
    Condition,
    Frequency,
    MboComponent,
    OverrideComponent,
    Plan,
    QuotaBonusComponent,
    Scope,
    SpiffComponent,
)
from icmkit.model.testing import Inputs

DEFAULT_QUOTA = Decimal(1_000_000)
"""The quota of a representative participant when neither the plan nor they set one."""
DEFAULT_TARGET = Decimal(100_000)
"""The target incentive of a representative participant when nothing sets one."""
DEFAULT_REFERENCE = Decimal(100_000)
"""The credit of a chart by amount without any edge, and the credit a gated component is
paid on when its gate's quota measures something else."""
CENT = Decimal("0.01")
SCORE_STEP = Decimal("0.000001")
MIN_END = Decimal(2)
"""Charts by attainment run to at least 200%."""
ME = "P1"
TEAM_MEMBER = "T1"


class CurveAxis(StrEnum):
    ATTAINMENT = "attainment"
    AMOUNT = "amount"
    SCORE = "score"
    EVENTS = "events"


@dataclass(frozen=True)
class Representative:
    """Who the curve is computed for: own quotas and target (None: the plan's, else the
    defaults)."""

    quotas: Mapping[str, Decimal] = field(default_factory=dict)
    target: Decimal | None = None


@dataclass(frozen=True)
class CurveSetup:
    """How one component is charted: on which axis, in which period, for whom."""

    plan: Plan
    component: AnyComponent
    axis: CurveAxis
    period: Period
    frequency: Frequency
    """The kind of period computed (a year for a to-date component on an annual quota)."""
    day: date
    quota: str | None
    quota_amount: Decimal
    """The axis quota as the component's scope measures it (what 100% is)."""
    targets: Targets
    quotas: dict[str, Decimal]
    target: Decimal | None
    defaults: tuple[str, ...]
    reference: Decimal | None
    calendar: Calendar


def _satisfying(conditions: list[Condition]) -> dict[str, str | Decimal]:
    """Attributes a transaction needs to meet every condition (and the amount, if tested)."""
    found: dict[str, str | Decimal] = {}
    for c in conditions:
        value: str | Decimal | None = None
        if c.equals is not None:
            value = c.equals
        elif c.in_:
            value = c.in_[0]
        elif c.at_least is not None:
            value = c.at_least
        elif c.below is not None:
            value = c.below - 1
        if value is not None:
            found[c.field] = value
    return found


def _axis_quota(plan: Plan, component: AnyComponent) -> str | None:
    own = getattr(component, "quota", None)
    if own is not None:
        return str(own)
    for gate in component.gates:
        return gate.quota
    measure = getattr(component, "measure", None)
    return next((q.id for q in plan.quotas if q.measure == measure), None)


def scope_of(component: AnyComponent) -> Scope:
    """The scope the component measures attainment in (its gate's, for a gated rate)."""
    own = getattr(component, "scope", None)
    if own is not None and (getattr(component, "quota", None) is not None or not component.gates):
        return Scope(own)
    for gate in component.gates:
        return measured(gate.scope)
    return Scope(own) if own is not None else Scope.PERIOD


def measured(scope: Scope) -> Scope:
    """Where a threshold or gate measures attainment: a transaction's is the period's."""
    return Scope.PERIOD if scope is Scope.TRANSACTION else scope


def _day(plan: Plan, component: AnyComponent) -> date:
    day = plan.effective.from_
    if component.effective is not None:
        day = max(day, component.effective.from_)
    if isinstance(component, SpiffComponent):
        day = max(day, component.window.from_)
    return day


def curve_setup(
    plan: Plan, component: AnyComponent, who: Representative, calendar: Calendar
) -> CurveSetup:
    """How ``component`` is charted. The plan is computed with this component alone: what
    it pays depends on the plan's measures, quotas and target, never on other components,
    and one the engine cannot compute must not stop the others' charts."""
    plan = plan.model_copy(update={"components": [component]})
    day = _day(plan, component)
    quotas: dict[str, Decimal] = {}
    defaults: list[str] = []
    for q in plan.quotas:
        amount = who.quotas.get(q.id, q.amount)
        if amount is None:
            amount = DEFAULT_QUOTA
            if "quota" not in defaults:
                defaults.append("quota")
        quotas[q.id] = amount
    plan_target = plan.target_incentive.amount if plan.target_incentive is not None else None
    target = who.target if who.target is not None else plan_target
    own_target = getattr(component, "target", None)
    if target is None and own_target is None and _needs_target(component):
        target = DEFAULT_TARGET
        defaults.append("target")
    calculated = plan.payment.calculation or plan.payment.frequency
    quota: str | None = None
    if isinstance(component, MboComponent):
        axis = CurveAxis.SCORE
    elif isinstance(component, SpiffComponent):
        axis = CurveAxis.EVENTS
    else:
        quota = _axis_quota(plan, component)
        axis = CurveAxis.ATTAINMENT if quota is not None else CurveAxis.AMOUNT
    scope = scope_of(component)
    frequency = calculated
    if scope is Scope.TO_DATE:
        # to-date credit builds up over the quota's period (or the year): chart all of it
        found = next((q for q in plan.quotas if q.id == quota), None)
        frequency = found.period if found is not None else Frequency.ANNUAL
    period = calendar.period_of(frequency, day)
    targets = Targets(plan, Person(ME, quotas=quotas, target_incentive=target), period, calendar)
    quota_amount = Decimal(0)
    if quota is not None:
        quota_amount = targets.quota(quota, scope, day).amount
    reference = None
    measure = getattr(component, "measure", None)
    if quota is not None and measure is not None:
        quota_measure = next(q.measure for q in plan.quotas if q.id == quota)
        if quota_measure != measure:
            reference = DEFAULT_REFERENCE
    return CurveSetup(
        plan,
        component,
        axis,
        period,
        frequency,
        day,
        quota,
        quota_amount,
        targets,
        quotas,
        target,
        tuple(defaults),
        reference,
        calendar,
    )


def _needs_target(component: AnyComponent) -> bool:
    if isinstance(component, QuotaBonusComponent | MboComponent):
        return True
    cap = component.cap
    return cap is not None and cap.multiple_of_target is not None


def _measure_of(plan: Plan, ident: str) -> list[Condition]:
    return next((m.filter for m in plan.measures if m.id == ident), [])


def _deal(ident: str, day: date, amount: Decimal, measure: str, plan: Plan, **more: Any) -> Any:
    attributes = _satisfying(_measure_of(plan, measure))
    extra = more.pop("when", [])
    attributes.update(_satisfying(extra))
    if "amount" in attributes:
        attributes.pop("amount")
    return {
        "id": ident,
        "date": day,
        "amount": amount,
        "measure": measure,
        "attributes": attributes,
        **more,
    }


def _inputs(setup: CurveSetup, x: Decimal, below: bool) -> Inputs:
    plan, component = setup.plan, setup.component
    role = plan.eligibility.roles[0] if plan.eligibility.roles else None
    data: dict[str, Any] = {
        "period": setup.period.label,
        "participant": {
            "id": ME,
            "role": role,
            "quotas": setup.quotas,
            "target_incentive": setup.target,
        },
        "transactions": [],
    }
    deals: list[dict[str, Any]] = data["transactions"]
    if isinstance(component, MboComponent):
        data["scores"] = {o.id: x - SCORE_STEP if below else x for o in component.objectives}
        return Inputs.model_validate(data)
    measure = str(getattr(component, "measure", ""))
    if isinstance(component, SpiffComponent):
        for n in range(int(x)):
            deals.append(
                _deal(f"E{n + 1}", setup.day, Decimal(1000), measure, plan, when=component.when)
            )
        return Inputs.model_validate(data)
    credit = x * setup.quota_amount if setup.axis is CurveAxis.ATTAINMENT else x
    credit = credit.quantize(CENT) - (CENT if below else 0)
    seller: dict[str, Any] = {}
    if isinstance(component, OverrideComponent):
        member_role = component.include_roles[0] if component.include_roles else None
        data["team"] = [{"id": TEAM_MEMBER, "role": member_role, "manager": ME}]
        seller = {"participant": TEAM_MEMBER}
    if setup.reference is not None and setup.quota is not None:
        gate_measure = next(q.measure for q in plan.quotas if q.id == setup.quota)
        if credit:
            deals.append(_deal("Q1", setup.day, credit, gate_measure, plan))
        deals.append(_deal("C1", setup.day, setup.reference, measure, plan, **seller))
    elif credit:
        deals.append(_deal("C1", setup.day, credit, measure, plan, **seller))
    return Inputs.model_validate(data)


def paid_at(setup: CurveSetup, x: Decimal, below: bool = False) -> Decimal:
    """The component's earnings at ``x`` (``below``: one cent of credit, or a hair of score,
    less)."""
    inputs = _inputs(setup, x, below)
    result = calculate(setup.plan, inputs, calendar=setup.calendar, explain=False)
    found = result.component(setup.component.id)
    if found is None:
        raise EngineError(f"component `{setup.component.id}` was not computed")
    return found.amount
