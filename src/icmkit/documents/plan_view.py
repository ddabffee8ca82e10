"""A commission plan's view model, in the words of the participants it applies to.

Rates read as percentages, tiers as ``[from, to)`` ranges in words, and the plan's own
test cases become worked examples (given transactions, expected payout).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from icmkit.documents.formatting import (
    Anchors,
    day,
    money,
    number,
    percent,
    series,
    span,
    words,
)
from icmkit.documents.program_view import natural_key
from icmkit.documents.worked_examples import given_view
from icmkit.documents.worked_examples import table as _table
from icmkit.model.plans import (
    AboveLast,
    AcceleratedComponent,
    AnyComponent,
    Axis,
    Cap,
    CapKind,
    CapLevel,
    ClawbackMethod,
    Condition,
    Excess,
    FlatComponent,
    GateMiss,
    Interpolation,
    MboComponent,
    OnTermination,
    OverrideBasis,
    OverrideComponent,
    Plan,
    QuotaBonusComponent,
    Scope,
    SpiffComponent,
    SplitKind,
    ThresholdPay,
    TieredComponent,
    TierMethod,
)
from icmkit.model.program_bundle import Program
from icmkit.model.testing import TestCase

KIND_NAMES = {
    "flat": "Commission at one rate",
    "tiered": "Commission from a rate table",
    "accelerated": "Commission with accelerators",
    "quota_bonus": "Bonus on quota attainment",
    "mbo": "Bonus on objectives (MBO)",
    "spiff": "SPIFF (fixed amount per qualifying deal)",
    "override": "Manager override",
}
SCOPE_WORDS = {
    Scope.TRANSACTION: "each transaction",
    Scope.PERIOD: "the total for the period",
    Scope.TO_DATE: "the year-to-date total",
}
CAP_LEVELS = {
    CapLevel.DEAL: "per deal",
    CapLevel.COMPONENT: "for this component",
    CapLevel.PERIOD: "per period",
    CapLevel.YEAR: "per year",
    CapLevel.PLAN: "for the whole plan",
}


def condition_words(conditions: list[Condition]) -> str:
    parts = []
    for c in conditions:
        tests = []
        if c.equals is not None:
            tests.append(f"is {c.equals}")
        if c.in_ is not None:
            tests.append(f"is one of {', '.join(str(v) for v in c.in_)}")
        if c.at_least is not None:
            tests.append(f"is at least {number(c.at_least)}")
        if c.below is not None:
            tests.append(f"is below {number(c.below)}")
        parts.append(f"{c.field} {' and '.join(tests) or 'is given'}")
    return "; ".join(parts)


class _PlanBuilder:
    def __init__(self, program: Program, plan: Plan) -> None:
        self.program = program
        self.plan = plan
        info = program.info
        self.currency = plan.currency or (info.currency if info is not None else "USD")
        self.people = {m.id: m.name for m in info.team} if info is not None else {}
        self.measures = {m.id: m.name for m in plan.measures}
        self.quotas = {q.id: q for q in plan.quotas}
        self.components = {c.id: c.name for c in plan.components}
        self.anchors = Anchors()

    def money(self, value: Decimal | None) -> str:
        return money(value, self.currency)

    def measure(self, ident: str) -> str:
        return self.measures.get(ident, ident)

    def quota(self, ident: str | None) -> str:
        if ident is None:
            return "quota"
        q = self.quotas.get(ident)
        if q is None:
            return f"quota {ident}"
        amount = f" ({self.money(q.amount)})" if q.amount is not None else ""
        return f"the {words(q.period.value)} {self.measure(q.measure)} quota{amount}"

    def bound(self, value: Decimal, axis: Axis) -> str:
        if axis is Axis.ATTAINMENT:
            return f"{percent(value)} of quota"
        return self.money(value)

    # header -----------------------------------------------------------------------------
    def header(self) -> dict[str, Any]:
        p = self.plan
        target = ""
        if p.target_incentive is not None and p.target_incentive.amount is not None:
            target = (
                f"{self.money(p.target_incentive.amount)} {words(p.target_incentive.period.value)}"
            )
        return {
            "id": p.id,
            "name": p.name,
            "description": p.description or "",
            "effective_from": day(p.effective.from_),
            "effective_to": day(p.effective.to),
            "currency": self.currency,
            "roles": ", ".join(p.eligibility.roles),
            "eligibility": p.eligibility.description or "",
            "owner": self.people.get(p.owner, p.owner) if p.owner else "",
            "target": target,
            "requirements": list(p.requirements),
        }

    def measurestable(self) -> dict[str, Any]:
        rows = []
        for m in self.plan.measures:
            rows.append(
                [
                    m.name,
                    f"sum of {m.field}, credited on the {m.credit_date.value} date",
                    condition_words(m.filter) or "all transactions",
                    m.source or "",
                ]
            )
        return _table(["Measure", "What counts", "Only when", "Data source"], rows)

    def quotastable(self) -> dict[str, Any]:
        rows = []
        for q in self.plan.quotas:
            rows.append(
                [
                    q.id,
                    self.measure(q.measure),
                    words(q.period.value),
                    self.money(q.amount) if q.amount is not None else "set per participant",
                    ", ".join(percent(s) for s in q.seasonality),
                ]
            )
        return _table(["Quota", "Measure", "Period", "Amount", "Seasonality"], rows)

    # components ---------------------------------------------------------------------------
    def cap_words(self, cap: Cap) -> str:
        limits = []
        if cap.amount is not None:
            limits.append(f"earnings capped at {self.money(cap.amount)}")
        if cap.attainment is not None:
            limits.append(f"attainment counted up to {percent(cap.attainment)}")
        if cap.multiple_of_target is not None:
            limits.append(f"earnings capped at {number(cap.multiple_of_target)}× target incentive")
        how = (
            "earnings above the cap are not paid"
            if cap.kind is CapKind.HARD
            else "earnings above the cap are held back and paid when later periods leave room"
        )
        return f"Cap: {', '.join(limits) or 'a cap'} {CAP_LEVELS[cap.level]}; {how}."

    def component(self, c: AnyComponent) -> dict[str, Any]:
        table: dict[str, Any] | None = None
        summary: str
        notes: list[str] = []
        if isinstance(c, FlatComponent):
            summary = (
                f"You earn {percent(c.rate)} of {self.measure(c.measure)} "
                f"on {SCOPE_WORDS[c.scope]}."
            )
            table = _table(["Measure", "Rate"], [[self.measure(c.measure), percent(c.rate)]])
        elif isinstance(c, TieredComponent):
            basis = (
                f"your attainment of {self.quota(c.quota)}"
                if c.axis is Axis.ATTAINMENT
                else self.measure(c.measure)
            )
            method = (
                "each slice is paid at the rate of its own tier (marginal)"
                if c.method is TierMethod.MARGINAL
                else "the whole amount is paid at the rate of the highest tier reached "
                "(retroactive)"
            )
            summary = (
                f"You earn a rate from the table below on {SCOPE_WORDS[c.scope]} of "
                f"{self.measure(c.measure)}; tiers are by {basis}, and {method}."
            )
            rows = [
                [
                    span(
                        self.bound(t.from_, c.axis),
                        self.bound(t.to, c.axis) if t.to is not None else None,
                        first=True,
                    ),
                    percent(t.rate),
                ]
                for t in c.tiers
            ]
            table = _table(["Range", "Rate"], rows)
        elif isinstance(c, AcceleratedComponent):
            bands = (
                "each band paid at its own factor"
                if c.method is TierMethod.MARGINAL
                else "the highest band reached applies to all"
            )
            summary = (
                f"You earn a base rate of {percent(c.base_rate)} of {self.measure(c.measure)} "
                f"on {SCOPE_WORDS[c.scope]}, multiplied by the factor of your attainment band "
                f"of {self.quota(c.quota)} "
                f"({bands})."
            )
            rows = [
                [
                    span(percent(b.from_), percent(b.to) if b.to is not None else None, first=True)
                    + " attainment",
                    f"×{number(b.multiplier)}",
                    percent(c.base_rate * b.multiplier),
                ]
                for b in c.bands
            ]
            table = _table(["Attainment", "Multiplier", "Effective rate"], rows)
        elif isinstance(c, QuotaBonusComponent):
            target = c.target
            if target is None and self.plan.target_incentive is not None:
                target = self.plan.target_incentive.amount
            target_text = f" ({self.money(target)})" if target is not None else ""
            between = (
                "between two points the payout is interpolated on a straight line"
                if c.interpolation is Interpolation.LINEAR
                else "between two points the payout stays at the last point reached"
            )
            above = (
                "above the last point the payout does not rise further"
                if c.above_last is AboveLast.CAP
                else "above the last point the payout keeps rising on the same slope"
            )
            summary = (
                f"You earn a share of your target incentive{target_text} set by your "
                f"attainment of {self.quota(c.quota)} on {SCOPE_WORDS[c.scope]}; "
                f"{between}; {above}."
            )
            columns = ["Attainment", "Payout (share of target)"]
            if target is not None:
                columns.append("Payout")
            rows = []
            for point in c.curve:
                row = [percent(point.attainment), percent(point.payout)]
                if target is not None:
                    row.append(self.money((target * point.payout).quantize(Decimal("0.01"))))
                rows.append(row)
            table = _table(columns, rows)
        elif isinstance(c, MboComponent):
            target = c.target
            if target is None and self.plan.target_incentive is not None:
                target = self.plan.target_incentive.amount
            target_text = self.money(target) if target is not None else "your target incentive"
            summary = (
                f"You earn {target_text} times the weighted score of your objectives, "
                f"with the total score counted up to {percent(c.max_score)}."
            )
            if c.min_score is not None:
                notes.append(f"Nothing is paid below a total score of {percent(c.min_score)}.")
            table = _table(
                ["Objective", "Weight"], [[o.name, percent(o.weight)] for o in c.objectives]
            )
        elif isinstance(c, SpiffComponent):
            window = span(day(c.window.from_), day(c.window.to) if c.window.to else None)
            summary = (
                f"You earn {self.money(c.amount)} for each qualifying {self.measure(c.measure)} "
                f"transaction dated {window}."
            )
            if c.when:
                notes.append(f"Qualifies when {condition_words(c.when)}.")
            if c.max_events is not None:
                notes.append(f"Paid for at most {c.max_events} transactions.")
            notes.append(
                "These transactions also count toward quota."
                if c.counts_toward_quota
                else "The SPIFF itself does not count toward quota."
            )
        elif isinstance(c, OverrideComponent):
            basis = "credit" if c.basis is OverrideBasis.TEAM_CREDIT else "earnings"
            levels = "one level" if c.levels == 1 else f"{c.levels} levels"
            summary = (
                f"You earn {percent(c.rate)} of your team's {basis} on "
                f"{self.measure(c.measure)} ({SCOPE_WORDS[c.scope]}), {levels} down."
            )
            if c.include_roles:
                notes.append(f"Counts team members in roles: {', '.join(c.include_roles)}.")
            if c.exclude_roles:
                notes.append(f"Leaves out team members in roles: {', '.join(c.exclude_roles)}.")
        else:  # pragma: no cover - the union above is complete
            summary = ""
        if c.effective is not None:
            until = day(c.effective.to) if c.effective.to else None
            notes.append(f"Applies {span(day(c.effective.from_), until)}.")
        if c.threshold is not None:
            pay = (
                "from the first dollar"
                if c.threshold.pay is ThresholdPay.FROM_FIRST_DOLLAR
                else "only on the amount above the threshold"
            )
            notes.append(
                f"Threshold: nothing is paid below {percent(c.threshold.attainment)} "
                f"attainment of quota on {SCOPE_WORDS[c.threshold.scope]}; above it, pay is "
                f"{pay}."
            )
        for gate in c.gates:
            miss = (
                "otherwise the earnings are lost"
                if gate.on_miss is GateMiss.FORFEIT
                else "otherwise the earnings are held until the gate is met"
            )
            notes.append(
                f"Gate: paid only when attainment of {self.quota(gate.quota)} reaches "
                f"{percent(gate.min_attainment)} on {SCOPE_WORDS[gate.scope]}; {miss}."
            )
        if c.cap is not None:
            notes.append(self.cap_words(c.cap))
        for m in c.multipliers:
            where = f" on transactions where {condition_words(m.when)}" if m.when else ""
            first = f", for the first {m.first_deals} deals" if m.first_deals else ""
            notes.append(f"Kicker {m.id}: earnings ×{number(m.factor)}{where}{first}.")
        return {
            "id": c.id,
            "anchor": self.anchors("component", c.id),
            "name": c.name,
            "kind": c.kind,
            "kind_name": KIND_NAMES[c.kind],
            "description": c.description or "",
            "summary": summary,
            "table": table,
            "notes": notes,
        }

    # plan rules -----------------------------------------------------------------------------
    def crediting(self) -> list[str]:
        result = []
        splits = self.plan.crediting.splits
        if splits is not None:
            shares = ", ".join(percent(s) for s in splits.default_shares)
            standard = f" Standard shares: {shares}." if shares else ""
            if splits.kind is SplitKind.REVENUE:
                result.append(f"Split deals: the shares of one deal add up to 100%.{standard}")
            else:
                result.append(
                    "Overlay credit: the shares of one deal may add up to more than 100% "
                    f"(at most {percent(splits.max_total)}).{standard}"
                )
        rollup = self.plan.crediting.rollup
        if rollup is not None:
            levels = "one level" if rollup.levels == 1 else f"{rollup.levels} levels"
            text = f"Credit rolls up to managers, {levels} up."
            if rollup.include_roles:
                text += f" Roles included: {', '.join(rollup.include_roles)}."
            if rollup.exclude_roles:
                text += f" Roles left out: {', '.join(rollup.exclude_roles)}."
            result.append(text)
        return result

    def adjustments(self) -> list[str]:
        p = self.plan
        result = []
        if p.draw is not None:
            d = p.draw
            kind = "recoverable" if d.kind.value == "recoverable" else "non-recoverable"
            text = (
                f"Draw: a {kind} draw of {self.money(d.amount)} per payment period for the "
                f"first {d.periods} periods."
            )
            if kind == "recoverable":
                r = d.recovery
                text += f" Recovery starts after {r.starts_after} periods"
                if r.max_share_of_earnings is not None:
                    text += f", taking at most {percent(r.max_share_of_earnings)} of earnings"
                if r.max_amount is not None:
                    text += f", at most {self.money(r.max_amount)} a period"
                text += "."
                text += (
                    " On leaving, an unrecovered balance is forgiven."
                    if d.on_termination is OnTermination.FORGIVE
                    else " On leaving, an unrecovered balance is recovered."
                )
            result.append(text)
        if p.clawback is not None:
            cb = p.clawback
            how = (
                "in full"
                if cb.method is ClawbackMethod.FULL
                else "pro rata to the unserved part of the contract term"
            )
            result.append(
                f"Clawback: when a deal is cancelled within {cb.window_days} days, "
                f"{percent(cb.share)} of its commission is taken back {how}, at the "
                f"{cb.rate.value} rate; the cancellation "
                f"{'also reduces' if cb.reduces_attainment else 'does not reduce'} attainment."
            )
        if p.proration is not None:
            applies_to = p.proration.applies_to
            targets = series([words(t.value) for t in applies_to])
            verb = "is" if len(applies_to) == 1 else "are"
            result.append(
                f"Proration: when you join or leave during a period, {targets} {verb} prorated "
                f"by the {p.proration.unit.value} you were in the plan."
            )
        return result

    def payment(self) -> list[str]:
        pay = self.plan.payment
        result = [f"You are paid {words(pay.frequency.value)}."]
        if pay.hold_days:
            result.append(f"Payment is held for {pay.hold_days} days after the period closes.")
        if pay.true_up:
            result.append("Each payment is what you earned to date minus what was paid to date.")
        if pay.min_per_period is not None:
            result.append(f"At least {self.money(pay.min_per_period)} is paid a period.")
        if pay.max_per_period is not None:
            excess = (
                "the excess is carried to later periods"
                if pay.excess is Excess.CARRY_FORWARD
                else "the excess is not paid"
            )
            result.append(f"At most {self.money(pay.max_per_period)} is paid a period; {excess}.")
        r = self.plan.rounding
        result.append(
            f"Amounts are rounded to {r.places} decimal places ({words(r.mode.value)}) "
            f"per {r.at.value}."
        )
        return result

    # worked examples ----------------------------------------------------------------------------
    def example(self, t: TestCase) -> dict[str, Any]:
        facts, transactions, scores = given_view(
            t.given, self.money, self.measure, self.plan.measures[0].id
        )
        outcome: list[str] = []
        if t.expect is not None:
            for comp, amount in t.expect.components.items():
                outcome.append(f"{self.components.get(comp, comp)}: {self.money(amount)}")
            if t.expect.earnings is not None:
                outcome.append(f"Earnings: {self.money(t.expect.earnings)}")
        payout = ""
        if t.expect is not None and t.expect.payout is not None:
            payout = self.money(t.expect.payout)
        notes = ""
        if t.expect is not None and t.expect.notes:
            notes = t.expect.notes
        elif t.expected_result:
            notes = t.expected_result
        return {
            "id": t.id,
            "anchor": self.anchors("example", t.id),
            "title": t.title,
            "facts": facts,
            "transactions": transactions,
            "scores": scores,
            "outcome": outcome,
            "payout": payout,
            "notes": notes,
            "status": words(t.status.value),
        }

    def examples(self) -> list[dict[str, Any]]:
        cases = [
            t
            for t in self.program.test_cases
            if t.plan == self.plan.id and (t.given is not None or t.expect is not None)
        ]
        return [self.example(t) for t in sorted(cases, key=lambda t: natural_key(t.id))]


def plan_view(program: Program, plan: Plan, rendered_at: str | None = None) -> dict[str, Any]:
    """Everything one plan document shows, as plain data."""
    b = _PlanBuilder(program, plan)
    info = program.info
    components = [b.component(c) for c in plan.components]
    examples = b.examples()
    sections = [
        ("eligibility", "Who this plan is for"),
        ("measures", "What counts"),
        ("quota", "Quota and target"),
        ("earnings", "How you earn"),
    ]
    crediting = b.crediting()
    adjustments = b.adjustments()
    if crediting:
        sections.append(("crediting", "Credit and splits"))
    if adjustments:
        sections.append(("adjustments", "Draws, clawbacks and proration"))
    sections.append(("payment", "When you are paid"))
    if examples:
        sections.append(("examples", "Worked examples"))
    toc: list[dict[str, Any]] = [{"anchor": a, "title": t, "children": []} for a, t in sections]
    for entry in toc:
        if entry["anchor"] == "earnings":
            entry["children"] = [{"anchor": c["anchor"], "title": c["name"]} for c in components]
        if entry["anchor"] == "examples":
            entry["children"] = [{"anchor": e["anchor"], "title": e["title"]} for e in examples]
    return {
        "program": {
            "name": (info.name or info.customer) if info is not None else "Program",
            "customer": info.customer if info is not None else "",
        },
        "rendered_at": rendered_at,
        "plan": b.header(),
        "sections": dict(sections),
        "toc": toc,
        "measures": b.measurestable(),
        "quotas": b.quotastable(),
        "components": components,
        "crediting": crediting,
        "adjustments": adjustments,
        "payment": b.payment(),
        "examples": examples,
    }
