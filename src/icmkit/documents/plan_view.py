"""A commission plan's view, in the words of the participants it applies to.

Rates read as percentages, tiers as ``[from, to)`` ranges in words, and the plan's own
test cases become worked examples (given transactions, expected payout).
"""

from __future__ import annotations

from dataclasses import dataclass

from icmkit.documents.formatting import day, percent, words
from icmkit.documents.plan_components import ComponentView, component_view
from icmkit.documents.plan_rules import adjustments, crediting, payment
from icmkit.documents.plan_words import PlanWords, condition_words
from icmkit.documents.view_blocks import Table, TocEntry, TocLink, View
from icmkit.documents.worked_examples import ExampleView, examples
from icmkit.model.plans import Plan
from icmkit.model.program_bundle import Program


@dataclass(frozen=True, slots=True)
class ProgramName(View):
    name: str
    customer: str


@dataclass(frozen=True, slots=True)
class PlanHeader(View):
    id: str
    name: str
    description: str
    effective_from: str
    effective_to: str
    currency: str
    roles: str
    eligibility: str
    owner: str
    target: str
    """The target incentive and its period (``USD 90,000 annual``)."""
    requirements: list[str]


@dataclass(frozen=True, slots=True)
class PlanView(View):
    """The names ``plan.md.j2`` and ``plan.html.j2`` see."""

    program: ProgramName
    rendered_at: str | None
    plan: PlanHeader
    sections: dict[str, str]
    """Section anchor -> title, for the sections this plan has."""
    toc: list[TocEntry]
    measures: Table
    quotas: Table
    components: list[ComponentView]
    crediting: list[str]
    adjustments: list[str]
    payment: list[str]
    examples: list[ExampleView]


def _header(w: PlanWords) -> PlanHeader:
    p = w.plan
    target = ""
    if p.target_incentive is not None and p.target_incentive.amount is not None:
        target = f"{w.money(p.target_incentive.amount)} {words(p.target_incentive.period.value)}"
    return PlanHeader(
        id=p.id,
        name=p.name,
        description=p.description or "",
        effective_from=day(p.effective.from_),
        effective_to=day(p.effective.to),
        currency=w.currency,
        roles=", ".join(p.eligibility.roles),
        eligibility=p.eligibility.description or "",
        owner=w.people.get(p.owner, p.owner) if p.owner else "",
        target=target,
        requirements=list(p.requirements),
    )


def _measures(w: PlanWords) -> Table:
    rows = [
        [
            m.name,
            f"total {words(m.field)}, credited on the {words(m.credit_date.value)} date",
            condition_words(m.filter) or "all transactions",
            w.source(m.source),
        ]
        for m in w.plan.measures
    ]
    return Table(["Measure", "What counts", "Only when", "Data source"], rows)


def _quotas(w: PlanWords) -> Table:
    rows = [
        [
            w.quota_name(q.id),
            w.measure(q.measure),
            words(q.period.value),
            w.money(q.amount) if q.amount is not None else "set per participant",
            ", ".join(percent(s) for s in q.seasonality),
        ]
        for q in w.plan.quotas
    ]
    return Table(["Quota", "Measure", "Period", "Amount", "Seasonality"], rows)


def _sections(credit: list[str], adjust: list[str], worked: list[ExampleView]) -> dict[str, str]:
    """The document's sections in order; the optional ones only when they have content."""
    sections = {
        "eligibility": "Who this plan is for",
        "measures": "What counts",
        "quota": "Quota and target",
        "earnings": "How you earn",
    }
    if credit:
        sections["crediting"] = "Credit and splits"
    if adjust:
        sections["adjustments"] = "Draws, clawbacks and proration"
    sections["payment"] = "When you are paid"
    if worked:
        sections["examples"] = "Worked examples"
    return sections


def plan_view(program: Program, plan: Plan, rendered_at: str | None = None) -> PlanView:
    """Everything one plan document shows."""
    w = PlanWords(program, plan)
    info = program.info
    components = [component_view(c, w) for c in plan.components]
    worked = examples(program, w)
    credit = crediting(w)
    adjust = adjustments(w)
    sections = _sections(credit, adjust, worked)
    children = {
        "earnings": [TocLink(c.anchor, c.name) for c in components],
        "examples": [TocLink(e.anchor, e.title) for e in worked],
    }
    return PlanView(
        program=ProgramName(
            name=(info.name or info.customer) if info is not None else "Program",
            customer=info.customer if info is not None else "",
        ),
        rendered_at=rendered_at,
        plan=_header(w),
        sections=sections,
        toc=[TocEntry(a, title, children.get(a, [])) for a, title in sections.items()],
        measures=_measures(w),
        quotas=_quotas(w),
        components=components,
        crediting=credit,
        adjustments=adjust,
        payment=payment(w),
        examples=worked,
    )
