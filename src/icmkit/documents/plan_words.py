"""How one plan's terms read in its document: amounts in the plan's currency, measures and
quotas by name, conditions and scopes in words."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from icmkit.documents.addresses import Anchors
from icmkit.documents.formatting import money, number, percent, words
from icmkit.model.plans import Axis, Condition, Frequency, Plan, Scope
from icmkit.model.program_bundle import Program

SCOPE_WORDS = {
    Scope.TRANSACTION: "each transaction",
    Scope.PERIOD: "the total for the period",
    Scope.TO_DATE: "the year-to-date total",
}


PERIOD_WORDS = {
    Frequency.WEEKLY: "week",
    Frequency.BIWEEKLY: "two-week period",
    Frequency.SEMI_MONTHLY: "half month",
    Frequency.MONTHLY: "month",
    Frequency.QUARTERLY: "quarter",
    Frequency.SEMI_ANNUAL: "half year",
    Frequency.ANNUAL: "year",
}
"""A period of each frequency, as a noun: ``in each quarter``."""
FIELD_WORDS = {
    "amount": "the amount",
    "term_months": "the contract term in months",
    "split": "your share of the deal",
    "measure": "the measure",
    "participant": "the participant credited",
    "id": "the deal's id",
    "date": "the date",
    "cancelled_on": "the cancellation date",
}
"""A transaction's own fields as a reader says them; other attributes read as their name in
words (``deal_type`` -> ``deal type``)."""


def field_words(name: str) -> str:
    """A transaction field or attribute as words: ``term_months`` -> ``the contract term in
    months``, ``deal_type`` -> ``the deal type``."""
    return FIELD_WORDS.get(name, "the " + name.replace("_", " "))


def _one_of(values: list[str]) -> str:
    if len(values) < 2:
        return "".join(values)
    return f"{', '.join(values[:-1])} or {values[-1]}"


def condition_words(conditions: list[Condition]) -> str:
    """``the type is New Logo or Expansion; the amount is at least 10,000``."""
    parts = []
    for c in conditions:
        tests = []
        if c.equals is not None:
            tests.append(f"is {c.equals}")
        if c.in_ is not None:
            tests.append(f"is {_one_of([str(v) for v in c.in_])}")
        if c.at_least is not None:
            tests.append(f"is at least {number(c.at_least)}")
        if c.below is not None:
            tests.append(f"is below {number(c.below)}")
        parts.append(f"{field_words(c.field)} {' and '.join(tests) or 'is given'}")
    return "; ".join(parts)


class PlanWords:
    """The names and amounts of one plan, and the anchors of its document."""

    def __init__(
        self,
        program: Program,
        plan: Plan,
        quotas: Mapping[str, Decimal] | None = None,
        target: Decimal | None = None,
    ) -> None:
        """``quotas`` and ``target``: a participant's own, said instead of the plan's."""
        self.plan = plan
        self.own_quotas = dict(quotas or {})
        self.own_target = target
        info = program.info
        self.currency = plan.currency or (info.currency if info is not None else "USD")
        self.people = {m.id: m.name for m in info.team} if info is not None else {}
        self.measures = {m.id: m.name for m in plan.measures}
        self.quotas = {q.id: q for q in plan.quotas}
        self.sources = {d.id: d.name for d in program.data_sources}
        self.components = {c.id: c.name for c in plan.components}
        self.sources = {d.id: d.name for d in program.data_sources}
        self.anchors = Anchors()

    def money(self, value: Decimal | None) -> str:
        return money(value, self.currency)

    def measure(self, ident: str) -> str:
        """A measure's name, or its id as written when the plan has no such measure."""
        return self.measures.get(ident, ident)

    def source(self, ident: str | None) -> str:
        """A data source by name (``CRM opportunities``), or its id as written when the
        program has no such source."""
        if ident is None:
            return ""
        return self.sources.get(ident, ident)

    def quota_name(self, ident: str) -> str:
        """``Annual New ARR booked quota``: a quota by its period and measure (quotas have no
        name of their own), or its id when the plan has no such quota."""
        q = self.quotas.get(ident)
        if q is None:
            return f"Quota {ident}"
        return f"{words(q.period.value).capitalize()} {self.measure(q.measure)} quota"

    def quota(self, ident: str | None) -> str:
        """``the annual New ARR booked quota (USD 900,000)``."""
        if ident is None:
            return "quota"
        q = self.quotas.get(ident)
        if q is None:
            return f"quota {ident}"
        value = self.own_quotas.get(q.id, q.amount)
        amount = f" ({self.money(value)})" if value is not None else ""
        return f"the {words(q.period.value)} {self.measure(q.measure)} quota{amount}"

    def bound(self, value: Decimal, axis: Axis) -> str:
        """A tier bound: a share of quota on the attainment axis, else an amount."""
        if axis is Axis.ATTAINMENT:
            return f"{percent(value)} of quota"
        return self.money(value)

    def target(self, own: Decimal | None) -> Decimal | None:
        """A component's target amount, or the plan's target incentive when it gives none."""
        if own is None and self.own_target is not None:
            return self.own_target
        if own is None and self.plan.target_incentive is not None:
            return self.plan.target_incentive.amount
        return own
