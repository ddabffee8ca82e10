"""REF001: every reference to another item resolves."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from icmkit.checks.rules import Hit, Rule, hit, rule
from icmkit.loading.validation import did_you_mean
from icmkit.model.findings import Severity
from icmkit.model.plan_versions import versions_of
from icmkit.model.plans import AnyComponent, MboComponent, Plan
from icmkit.model.positions import Where
from icmkit.model.program_bundle import Program


class _Resolver:
    def __init__(self, program: Program) -> None:
        self.team = {m.id for m in program.info.team} if program.info else set()
        self.business = {b.id for b in program.business_requirements}
        self.requirements = {r.id for r in program.requirements}
        self.plans = {p.id: p for p in program.plans}
        self.reports = {r.id for r in program.reports}
        self.sources = {s.id for s in program.data_sources}
        conversion = program.conversion
        self.mappings = {m.id for m in conversion.mappings} if conversion else set()
        self.categories = set(program.category_names())
        self.broken = program.broken_ids
        self.unchecked: set[str] = set() if program.info else {"team member"}
        """Nouns whose ids live in a file that could not be read (reported there already)."""

    def check(
        self,
        refs: Iterable[str],
        known: set[str] | dict[str, Plan],
        noun: str,
        where: Where,
        *path: str | int,
    ) -> Iterator[Hit]:
        if noun in self.unchecked:
            return
        for index, ref in enumerate(refs):
            if ref in known or ref in self.broken:
                continue
            yield hit(
                _unknown(noun, ref, known),
                where,
                *path,
                index,
            )

    def one(
        self,
        ref: str | None,
        known: set[str] | dict[str, Plan],
        noun: str,
        where: Where,
        *path: str | int,
    ) -> Iterator[Hit]:
        if ref is None or ref in known or ref in self.broken or noun in self.unchecked:
            return
        yield hit(
            _unknown(noun, ref, known),
            where,
            *path,
        )


def _unknown(noun: str, ref: str, known: set[str] | dict[str, Plan]) -> str:
    """``unknown component `x` of plan `P`; use the id of an existing component of plan `P```
    (the reference right after the kind of thing it names)."""
    kind, of, owner = noun.partition(" of ")
    return (
        f"unknown {kind} `{ref}`{of}{owner}; use the id of an existing "
        f"{noun}{did_you_mean(ref, known)}"
    )


def _plan_refs(plan: Plan, r: _Resolver) -> Iterator[Hit]:
    measures = {m.id for m in plan.measures}
    quotas = {q.id for q in plan.quotas}
    w = plan.where
    yield from r.one(plan.owner, r.team, "team member", w, "owner")
    yield from r.check(plan.requirements, r.requirements, "requirement", w, "requirements")
    for i, measure in enumerate(plan.measures):
        yield from r.one(measure.source, r.sources, "data source", w, "measures", i, "source")
    for i, quota in enumerate(plan.quotas):
        yield from r.one(quota.measure, measures, "measure", w, "quotas", i, "measure")
    yield from _component_refs(plan.components, measures, quotas, w, r)
    for version in versions_of(plan)[1:]:
        change = version.change
        assert change is not None
        measures = {m.id for m in version.plan.measures}
        quotas = {q.id for q in version.plan.quotas}
        cw = change.where
        for i, measure in enumerate(change.measures):
            yield from r.one(measure.source, r.sources, "data source", cw, "measures", i, "source")
        for i, quota in enumerate(change.quotas):
            yield from r.one(quota.measure, measures, "measure", cw, "quotas", i, "measure")
        yield from _component_refs(change.components, measures, quotas, cw, r)


def _component_refs(
    components: list[AnyComponent],
    measures: set[str],
    quotas: set[str],
    w: Where,
    r: _Resolver,
) -> Iterator[Hit]:
    for i, component in enumerate(components):
        cw = w.child("components", i)
        yield from r.one(getattr(component, "measure", None), measures, "measure", cw, "measure")
        yield from r.one(getattr(component, "quota", None), quotas, "quota", cw, "quota")
        for g, gate in enumerate(component.gates):
            yield from r.one(gate.quota, quotas, "quota", cw, "gates", g, "quota")


@rule("REF001", Severity.ERROR, "reference to an item that does not exist")
def dangling_references(program: Program) -> Iterator[Hit]:
    r = _Resolver(program)
    if program.info is not None:
        info = program.info
        for i, category in enumerate(info.essential_categories):
            yield from r.one(
                category, r.categories, "category", info.where, "essential_categories", i
            )
    for b in program.business_requirements:
        yield from r.one(b.sponsor, r.team, "team member", b.where, "sponsor")
    for req in program.requirements:
        w = req.where
        yield from r.one(req.owner, r.team, "team member", w, "owner")
        links = req.links
        lw = links.where
        yield from r.check(links.business, r.business, "business requirement", lw, "business")
        yield from r.check(links.plans, r.plans, "plan", lw, "plans")
        yield from r.check(links.reports, r.reports, "report", lw, "reports")
        yield from r.check(links.data_sources, r.sources, "data source", lw, "data_sources")
        yield from r.check(links.requirements, r.requirements, "requirement", lw, "requirements")
    for plan in program.plans:
        yield from _plan_refs(plan, r)
    for case in program.test_cases:
        yield from _test_refs(case_where=case.where, program=program, r=r, case=case)
    for source in program.data_sources:
        yield from r.one(source.owner, r.team, "team member", source.where, "owner")
    if program.conversion is not None:
        conv = program.conversion
        yield from r.one(conv.owner, r.team, "team member", conv.where, "owner")
        for m in conv.mappings:
            yield from r.one(m.source, r.sources, "data source", m.where, "source")
        for balance in conv.opening_balances:
            yield from r.one(balance.source, r.sources, "data source", balance.where, "source")
        for c in conv.control_totals:
            yield from r.one(c.mapping, r.mappings, "mapping", c.where, "mapping")
    for report in program.reports:
        yield from r.one(report.owner, r.team, "team member", report.where, "owner")
        yield from r.check(report.sources, r.sources, "data source", report.where, "sources")
    if program.design is not None:
        for comp in program.design.components:
            yield from r.check(
                comp.requirements, r.requirements, "requirement", comp.where, "requirements"
            )
        for integ in program.design.integrations:
            yield from r.one(integ.source, r.sources, "data source", integ.where, "source")
        for dec in program.design.decisions:
            yield from r.check(
                dec.requirements, r.requirements, "requirement", dec.where, "requirements"
            )


def _test_refs(case_where: Where, program: Program, r: _Resolver, case: object) -> Iterator[Hit]:
    from icmkit.model.testing import TestCase

    assert isinstance(case, TestCase)
    w = case_where
    yield from r.check(case.verifies, r.requirements, "requirement", w, "verifies")
    yield from r.check(case.categories, r.categories, "category", w, "categories")
    if case.run is not None:
        yield from r.one(case.run.by, r.team, "team member", w, "run", "by")
    plan = r.plans.get(case.plan) if case.plan else None
    yield from r.one(case.plan, r.plans, "plan", w, "plan")
    if plan is None:
        return
    every = [v.plan for v in versions_of(plan)]
    components = {c.id for version in every for c in version.components}
    yield from r.check(
        case.components, components, f"component of plan `{plan.id}`", w, "components"
    )
    if case.given is not None:
        measures = {m.id for version in every for m in version.measures}
        quotas = {q.id for version in every for q in version.quotas}
        for i, txn in enumerate(case.given.transactions):
            yield from r.one(
                txn.measure, measures, "measure", w, "given", "transactions", i, "measure"
            )
        for key in case.given.participant.quotas:
            yield from r.one(key, quotas, "quota", w, "given", "participant", "quotas", key)
        objectives = {
            o.id
            for version in every
            for c in version.components
            if isinstance(c, MboComponent)
            for o in c.objectives
        }
        for key in case.given.scores:
            yield from r.one(key, objectives, "MBO objective", w, "given", "scores", key)
    if case.expect is not None:
        for key in case.expect.components:
            yield from r.one(
                key, components, f"component of plan `{plan.id}`", w, "expect", "components", key
            )
        for i, result in enumerate(case.expect.results):
            other = r.plans.get(result.plan) if result.plan else plan
            if other is None:
                continue  # an unknown plan is reported by ROS008
            known = {c.id for version in versions_of(other) for c in version.plan.components}
            what = f"component of plan `{other.id}`"
            at = ("expect", "results", i)
            for key in result.components:
                yield from r.one(key, known, what, w, *at, "components", key)
            for deal, expected in result.transactions.items():
                yield from r.one(
                    expected.component, known, what, w, *at, "transactions", deal, "component"
                )
            quotas_of = {q.id for version in versions_of(other) for q in version.plan.quotas}
            for key in result.quota:
                yield from r.one(
                    key, quotas_of, f"quota of plan `{other.id}`", w, *at, "quota", key
                )


RULES: tuple[Rule, ...] = (dangling_references,)
