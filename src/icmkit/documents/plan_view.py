"""A commission plan's view, in the words of the participants it applies to.

Rates read as percentages, tiers as ``[from, to)`` ranges in words, each component with its
pay curve (computed by the engine) and a worked example in plain words. The plan as it stands
in its latest version is described, with what each version changed. The plan's own test
cases, with their ids, statuses and expected results, are an appendix for the program team,
left out of the documents rendered for participants.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from icmkit.documents.formatting import day, percent, words
from icmkit.documents.pay_curve_view import curve_view
from icmkit.documents.plain_examples import component_example
from icmkit.documents.plan_changes import ChangeView, plan_changes
from icmkit.documents.plan_components import ComponentView, component_view
from icmkit.documents.plan_rules import adjustments, crediting, payment
from icmkit.documents.plan_words import PlanWords, condition_words, field_words
from icmkit.documents.view_blocks import Table, TocEntry, TocLink, View
from icmkit.documents.worked_examples import ExampleView, examples
from icmkit.engine.calendar import Calendar
from icmkit.engine.case_setup import calendar_of
from icmkit.engine.curves import Representative, pay_curve
from icmkit.engine.errors import EngineError
from icmkit.model.plan_versions import VersionInForce, versions_of
from icmkit.model.plans import AnyComponent, CreditDate, Plan
from icmkit.model.program_bundle import Program

CREDIT_DATES = {
    CreditDate.BOOKED: "booked",
    CreditDate.INVOICED: "invoiced",
    CreditDate.PAID: "paid for",
}
APPENDIX = "Appendix: test cases (for the program team)"


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
    version: str
    """``Version 2 (July 2027 rate change), in force from 2027-07-01``; empty for a plan with
    one version."""


@dataclass(frozen=True, slots=True)
class VersionView(View):
    number: int
    label: str
    start: str
    end: str
    reason: str
    changes: list[ChangeView]
    """What changed from the version before (empty for version 1)."""


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
    """The plan's test cases, for the program team's appendix (empty for participants)."""
    versions: list[VersionView]
    """Every version, oldest first, when the plan has more than one (else empty)."""
    curves_folder: str
    """Where a Markdown document's chart files are, relative to it."""


def _header(w: PlanWords, version: VersionInForce | None = None) -> PlanHeader:
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
        version=(
            f"{version.label}, in force from {day(version.start)}" if version is not None else ""
        ),
    )


def _measures(w: PlanWords) -> Table:
    rows = [
        [
            m.name,
            f"{field_words(m.field)} of each transaction, counted on the date it is "
            f"{CREDIT_DATES[m.credit_date]}",
            condition_words(m.filter) or "all transactions",
            w.source(m.source),
        ]
        for m in w.plan.measures
    ]
    return Table(["Measure", "What counts", "Only when", "Data source"], rows)


def _quotas(w: PlanWords) -> Table:
    rows = [
        [
            w.measure(q.measure),
            words(q.period.value),
            w.money(q.amount) if q.amount is not None else "set for each participant",
            ", ".join(percent(s) for s in q.seasonality),
        ]
        for q in w.plan.quotas
    ]
    return Table(["Quota on", "Period", "Amount", "Seasonality"], rows)


def _sections(
    credit: list[str],
    adjust: list[str],
    worked: list[ExampleView],
    versions: list[VersionView],
) -> dict[str, str]:
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
    if versions:
        sections["versions"] = "Changes to this plan"
    if worked:
        sections["examples"] = APPENDIX
    return sections


def with_curve(
    c: AnyComponent,
    view: ComponentView,
    plan: Plan,
    w: PlanWords,
    calendar: Calendar,
    file: str,
    who: Representative | None = None,
) -> ComponentView:
    """``view`` with the component's pay curve and a worked example, computed by the
    engine (a component the engine cannot chart says why instead)."""
    try:
        curve = pay_curve(plan, c.id, who=who, calendar=calendar)
        example = component_example(plan, c, curve, w, calendar, who)
    except EngineError:
        return replace(
            view,
            no_curve=(
                "No chart: what this pays depends on more than its own credit, so it cannot be "
                "drawn on its own."
            ),
        )
    shown = curve_view(curve, c, w, view.anchor, file, personal=who is not None)
    return replace(view, curve=shown, example=example)


def version_views(program: Program, plan: Plan) -> list[VersionView]:
    """Every version of ``plan`` with what it changed, when it has more than one."""
    every = versions_of(plan)
    if len(every) < 2:
        return []
    found = []
    for index, version in enumerate(every):
        changes = plan_changes(program, every[index - 1].plan, version.plan) if index else []
        change = version.change
        found.append(
            VersionView(
                number=version.number,
                label=version.label,
                start=day(version.start),
                end=day(version.end),
                reason=(change.reason or "") if change is not None else "",
                changes=changes,
            )
        )
    return found


def plan_view(
    program: Program,
    plan: Plan,
    rendered_at: str | None = None,
    *,
    stem: str = "plan",
    appendix: bool = True,
) -> PlanView:
    """Everything one plan document shows: the plan as it stands in its latest version, and
    (``appendix``) its test cases for the program team."""
    every = versions_of(plan)
    stated = every[-1].plan
    w = PlanWords(program, stated)
    info = program.info
    calendar = calendar_of(program)
    folder = f"{stem}-curves"
    components = [
        with_curve(
            c,
            component_view(c, w),
            stated,
            w,
            calendar,
            f"{folder}/{w.anchors('component', c.id)}.svg",
        )
        for c in stated.components
    ]
    worked = examples(program, w) if appendix else []
    credit = crediting(w)
    adjust = adjustments(w)
    versions = version_views(program, plan)
    sections = _sections(credit, adjust, worked, versions)
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
        plan=_header(w, every[-1] if len(every) > 1 else None),
        sections=sections,
        toc=[TocEntry(a, title, children.get(a, [])) for a, title in sections.items()],
        measures=_measures(w),
        quotas=_quotas(w),
        components=components,
        crediting=credit,
        adjustments=adjust,
        payment=payment(w),
        examples=worked,
        versions=versions,
        curves_folder=folder,
    )
