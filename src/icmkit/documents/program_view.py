"""The program document's view model: a Program turned into plain dicts and lists.

Everything a template needs is computed here (groupings, counts, traceability, chart
geometry, anchors), so templates only lay it out. Items are sorted by id, naturally.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from decimal import Decimal
from typing import Any

from icmkit.documents import gantt
from icmkit.documents.formatting import Anchors, day, hours, money, number, words
from icmkit.model.plans import Plan
from icmkit.model.program_bundle import Program
from icmkit.model.requirements import FunctionalRequirement, Kind, Status
from icmkit.model.testing import Stage, TestCase, TestStatus

KIND_LABELS = {
    Kind.STANDARD: "Standard (out of the box)",
    Kind.UNIQUE: "Unique (specified)",
    Kind.ASSISTED: "Assisted (hours of help)",
}
STAGE_LABELS = {
    Stage.UNIT: "Unit testing",
    Stage.SYSTEM: "System testing",
    Stage.UAT: "User acceptance testing",
    Stage.PARALLEL: "Parallel run",
}
PARTS = (
    ("part-1", "1. Business requirements"),
    ("part-2", "2. Functional requirements"),
    ("part-3", "3. Solution design outline"),
    ("part-4", "4. Test plans"),
    ("part-5", "5. Data conversion plan"),
    ("part-6", "6. Program timeline"),
)
_DIGITS = re.compile(r"(\d+)")


def natural_key(text: str) -> tuple[tuple[int, int | str], ...]:
    """``FR-2`` before ``FR-10``."""
    return tuple(
        (0, int(part)) if part.isdigit() else (1, part) for part in _DIGITS.split(text) if part
    )


def plan_file_stem(plan_id: str) -> str:
    """A plan id as a safe file name (no folders, no dots at the start)."""
    stem = re.sub(r"[^A-Za-z0-9._-]+", "-", plan_id).lstrip(".-")
    return stem or "plan"


def plan_files(program: Program) -> list[tuple[Plan, str]]:
    """Each plan with a unique file stem, in id order."""
    used: set[str] = set()
    result = []
    for plan in sorted(program.plans, key=lambda p: natural_key(p.id)):
        base = plan_file_stem(plan.id)
        stem, n = base, 2
        while stem.lower() in used:
            stem, n = f"{base}-{n}", n + 1
        used.add(stem.lower())
        result.append((plan, stem))
    return result


class _Builder:
    def __init__(self, program: Program) -> None:
        self.p = program
        self.anchors = Anchors()
        info = program.info
        self.currency = info.currency if info is not None else "USD"
        self.people = {m.id: m.name for m in info.team} if info is not None else {}
        self.requirements = sorted(program.requirements, key=lambda r: natural_key(r.id))
        self.tests = sorted(program.test_cases, key=lambda t: natural_key(t.id))
        self.business = sorted(program.business_requirements, key=lambda b: natural_key(b.id))
        self.plan_stems: dict[str, str] = {}
        for plan, stem in plan_files(program):
            self.plan_stems.setdefault(plan.id, stem)
        for b in self.business:
            self.anchors("br", b.id)
        for r in self.requirements:
            self.anchors("fr", r.id)
        for t in self.tests:
            self.anchors("tc", t.id)
        self.tests_of: dict[str, list[TestCase]] = {}
        for t in self.tests:
            for ref in dict.fromkeys(t.verifies):
                self.tests_of.setdefault(ref, []).append(t)

    # references -----------------------------------------------------------------------
    def ref(self, kind: str, ident: str) -> dict[str, Any]:
        return {"id": ident, "anchor": self.anchors.get(kind, ident)}

    def plan_ref(self, ident: str) -> dict[str, Any]:
        return {"id": ident, "file": self.plan_stems.get(ident)}

    def person(self, ident: str | None) -> str:
        if ident is None:
            return ""
        return self.people.get(ident, ident)

    # parts ------------------------------------------------------------------------------
    def program_info(self) -> dict[str, Any]:
        info = self.p.info
        if info is None:
            return {
                "name": "Program",
                "customer": "",
                "platform": "",
                "currency": self.currency,
                "start": "",
                "end": "",
            }
        return {
            "name": info.name or info.customer,
            "customer": info.customer,
            "platform": info.platform,
            "currency": info.currency,
            "start": day(info.start),
            "end": day(info.end or self._last_phase_end()),
        }

    def _last_phase_end(self) -> dt.date | None:
        """The end of the program when ``program.yaml`` gives none: its last phase's end."""
        phases = self.p.timeline.phases if self.p.timeline is not None else []
        return max((ph.end for ph in phases), default=None)

    def team(self) -> list[dict[str, Any]]:
        if self.p.info is None:
            return []
        return [
            {
                "id": m.id,
                "name": m.name,
                "role": m.role,
                "side": m.side.value,
                "email": m.email or "",
            }
            for m in sorted(self.p.info.team, key=lambda m: (m.side.value, m.name, m.id))
        ]

    def scope(self) -> dict[str, Any]:
        statuses = [s.value for s in Status]
        rows = []
        totals: Counter[str] = Counter()
        for kind in Kind:
            items = [r for r in self.requirements if r.kind is kind]
            counts = Counter(r.status.value for r in items)
            totals.update(counts)
            rows.append(
                {
                    "kind": kind.value,
                    "label": KIND_LABELS[kind],
                    "count": len(items),
                    "statuses": [counts.get(s, 0) for s in statuses],
                }
            )
        assisted = [r for r in self.requirements if r.kind is Kind.ASSISTED]
        assisted_hours = sum((r.hours or Decimal(0) for r in assisted), Decimal(0))
        accepted_hours = sum(
            (r.hours or Decimal(0) for r in assisted if r.status is Status.ACCEPTED), Decimal(0)
        )
        budgets = []
        if self.p.timeline is not None:
            for b in sorted(self.p.timeline.budgets, key=lambda b: natural_key(b.id)):
                budgets.append(
                    {
                        "id": b.id,
                        "name": b.name,
                        "kind": b.kind.value,
                        "hours": hours(b.hours),
                        "used": hours(b.used),
                        "left": hours(b.hours - b.used),
                        "phase": str(b.phase) if b.phase is not None else "program",
                    }
                )
        return {
            "statuses": statuses,
            "rows": rows,
            "total": {
                "count": len(self.requirements),
                "statuses": [totals.get(s, 0) for s in statuses],
            },
            "business": len(self.business),
            "plans": len(self.p.plans),
            "tests": len(self.tests),
            "assisted_hours": hours(assisted_hours),
            "accepted_hours": hours(accepted_hours),
            "budgets": budgets,
        }

    def business_requirements(self) -> list[dict[str, Any]]:
        linked: dict[str, list[str]] = {}
        for r in self.requirements:
            for ref in dict.fromkeys(r.links.business):
                linked.setdefault(ref, []).append(r.id)
        result = []
        for b in self.business:
            result.append(
                {
                    "id": b.id,
                    "anchor": self.anchors("br", b.id),
                    "title": b.title,
                    "why": b.why,
                    "measure": b.outcome.measure,
                    "baseline": b.outcome.baseline or "",
                    "target": b.outcome.target,
                    "by": day(b.outcome.by),
                    "sponsor": self.person(b.sponsor),
                    "priority": b.priority.value,
                    "requirements": [self.ref("fr", ident) for ident in linked.get(b.id, [])],
                }
            )
        return result

    def requirement(self, r: FunctionalRequirement) -> dict[str, Any]:
        links = []
        for label, kind, refs in (
            ("Business requirements", "br", r.links.business),
            ("Requirements", "fr", r.links.requirements),
        ):
            if refs:
                links.append({"label": label, "refs": [self.ref(kind, i) for i in refs]})
        plans = [self.plan_ref(i) for i in r.links.plans]
        others = []
        for label, refs in (("Reports", r.links.reports), ("Data sources", r.links.data_sources)):
            if refs:
                others.append({"label": label, "ids": list(refs)})
        return {
            "id": r.id,
            "anchor": self.anchors("fr", r.id),
            "title": r.title,
            "kind": r.kind.value,
            "priority": r.priority.value,
            "phase": r.phase,
            "status": r.status.value,
            "done": r.status is Status.ACCEPTED,
            "owner": self.person(r.owner),
            "hours": hours(r.hours),
            "spec": r.spec or "",
            "user_stories": [
                {"as_a": s.as_a, "i_want": s.i_want, "so_that": s.so_that} for s in r.user_stories
            ],
            "acceptance_criteria": list(r.acceptance_criteria),
            "links": links,
            "plans": plans,
            "other_links": others,
            "notes": r.notes or "",
            "tests": [self.ref("tc", t.id) for t in self.tests_of.get(r.id, [])],
        }

    def categories(self) -> list[dict[str, Any]]:
        names = self.p.category_names()
        essential = self.p.essential_categories()
        grouped: dict[str, list[FunctionalRequirement]] = {}
        for r in self.requirements:
            grouped.setdefault(r.category, []).append(r)
        order = [c for c in names if c in grouped or c in essential]
        order += sorted((c for c in grouped if c not in names), key=natural_key)
        order += [c for c in essential if c not in order]
        result = []
        for number_, cat in enumerate(order, start=1):
            items = [self.requirement(r) for r in grouped.get(cat, [])]
            assisted = [i for i in items if i["kind"] == Kind.ASSISTED.value]
            total_hours = sum(
                (r.hours or Decimal(0) for r in grouped.get(cat, []) if r.kind is Kind.ASSISTED),
                Decimal(0),
            )
            result.append(
                {
                    "id": cat,
                    "number": f"2.{number_}",
                    "anchor": self.anchors("cat", cat),
                    "name": names.get(cat, cat),
                    "essential": cat in essential,
                    "count": len(items),
                    "accepted": sum(1 for i in items if i["done"]),
                    "standard": [i for i in items if i["kind"] == Kind.STANDARD.value],
                    "unique": [i for i in items if i["kind"] == Kind.UNIQUE.value],
                    "assisted": assisted,
                    "assisted_hours": hours(total_hours),
                }
            )
        return result

    def design(self) -> dict[str, Any] | None:
        d = self.p.design
        if d is None:
            return None
        return {
            "overview": d.overview or "",
            "environments": [{"name": e.name, "purpose": e.purpose} for e in d.environments],
            "components": [
                {
                    "id": c.id,
                    "name": c.name,
                    "description": c.description,
                    "requirements": [self.ref("fr", i) for i in c.requirements],
                }
                for c in sorted(d.components, key=lambda c: natural_key(c.id))
            ],
            "integrations": [
                {
                    "id": i.id,
                    "name": i.name,
                    "source": i.source,
                    "target": i.target,
                    "method": i.method,
                    "frequency": i.frequency,
                    "notes": i.notes or "",
                }
                for i in sorted(d.integrations, key=lambda i: natural_key(i.id))
            ],
            "decisions": [
                {
                    "id": x.id,
                    "title": x.title,
                    "decision": x.decision,
                    "rationale": x.rationale,
                    "status": x.status.value,
                    "date": day(x.date),
                    "requirements": [self.ref("fr", i) for i in x.requirements],
                }
                for x in sorted(d.decisions, key=lambda x: natural_key(x.id))
            ],
        }

    def reports(self) -> list[dict[str, Any]]:
        result = []
        for rep in sorted(self.p.reports, key=lambda r: natural_key(r.id)):
            layout = None
            if rep.layout is not None:
                layout = {
                    "columns": list(rep.layout.columns),
                    "rows": [[_cell(c) for c in row] for row in rep.layout.example],
                }
            result.append(
                {
                    "id": rep.id,
                    "name": rep.name,
                    "purpose": rep.purpose,
                    "audience": ", ".join(rep.audience),
                    "frequency": rep.frequency,
                    "mandatory": rep.mandatory,
                    "sources": ", ".join(rep.sources),
                    "owner": self.person(rep.owner),
                    "layout": layout,
                }
            )
        return result

    def data_sources(self) -> list[dict[str, Any]]:
        return [
            {
                "id": s.id,
                "name": s.name,
                "system": s.system,
                "objects": ", ".join(o.name for o in s.objects),
                "method": words(s.method.value),
                "frequency": words(s.frequency.value),
                "owner": self.person(s.owner),
                "notes": s.notes or "",
            }
            for s in sorted(self.p.data_sources, key=lambda s: natural_key(s.id))
        ]

    def test_case(self, t: TestCase) -> dict[str, Any]:
        expected = t.expected_result or ""
        if t.expect is not None and t.expect.payout is not None:
            payout = f"payout {money(t.expect.payout, self.currency)}"
            expected = f"{expected}; {payout}" if expected else payout
        run = f"{self.person(t.run.by)}, {day(t.run.on)}" if t.run is not None else ""
        return {
            "id": t.id,
            "anchor": self.anchors("tc", t.id),
            "title": t.title,
            "stage": t.stage.value,
            "verifies": [self.ref("fr", i) for i in t.verifies],
            "plan": self.plan_ref(t.plan) if t.plan else None,
            "components": ", ".join(t.components),
            "steps": list(t.steps),
            "expected": expected,
            "status": t.status.value,
            "passed": t.status is TestStatus.PASSED,
            "run": run,
        }

    def testing(self) -> dict[str, Any]:
        statuses = [s.value for s in TestStatus]
        stages = []
        total: Counter[str] = Counter()
        for stage in Stage:
            cases = [self.test_case(t) for t in self.tests if t.stage is stage]
            counts = Counter(c["status"] for c in cases)
            total.update(counts)
            stages.append(
                {
                    "id": stage.value,
                    "name": STAGE_LABELS[stage],
                    "anchor": self.anchors("stage", stage.value),
                    "cases": cases,
                    "count": len(cases),
                    "statuses": [counts.get(s, 0) for s in statuses],
                }
            )
        matrix = []
        covered = 0
        for r in self.requirements:
            tests = self.tests_of.get(r.id, [])
            if tests:
                covered += 1
            matrix.append(
                {
                    "id": r.id,
                    "anchor": self.anchors("fr", r.id),
                    "title": r.title,
                    "kind": r.kind.value,
                    "status": r.status.value,
                    "tests": [
                        {
                            "id": t.id,
                            "anchor": self.anchors("tc", t.id),
                            "status": t.status.value,
                        }
                        for t in tests
                    ],
                }
            )
        return {
            "statuses": statuses,
            "stages": stages,
            "total": {"count": len(self.tests), "statuses": [total.get(s, 0) for s in statuses]},
            "matrix": matrix,
            "covered": covered,
            "requirements": len(self.requirements),
        }

    def conversion(self) -> dict[str, Any] | None:
        c = self.p.conversion
        if c is None:
            return None
        history = None
        if c.history is not None:
            history = {
                "from": day(c.history.from_),
                "to": day(c.history.to),
                "description": c.history.description or "",
            }
        return {
            "owner": self.person(c.owner),
            "history": history,
            "mappings": [
                {
                    "id": m.id,
                    "anchor": self.anchors("map", m.id),
                    "source": m.source,
                    "object": m.object,
                    "target": m.target,
                    "keys": ", ".join(m.keys),
                    "fields": [
                        {"source": f.source, "target": f.target, "transform": f.transform or ""}
                        for f in m.fields
                    ],
                    "notes": m.notes or "",
                }
                for m in sorted(c.mappings, key=lambda m: natural_key(m.id))
            ],
            "opening_balances": [
                {
                    "id": o.id,
                    "name": o.name,
                    "as_of": day(o.as_of),
                    "source": o.source or "",
                    "description": o.description or "",
                }
                for o in sorted(c.opening_balances, key=lambda o: natural_key(o.id))
            ],
            "control_totals": [
                {
                    "id": t.id,
                    "name": t.name,
                    "mapping": t.mapping or "",
                    "measure": t.measure,
                    "expected": number(t.expected),
                    "tolerance": number(t.tolerance),
                }
                for t in sorted(c.control_totals, key=lambda t: natural_key(t.id))
            ],
            "cutover": {
                "date": day(c.cutover.date),
                "steps": list(c.cutover.steps),
                "go_no_go": list(c.cutover.go_no_go),
                "rollback": list(c.cutover.rollback),
            },
        }

    def timeline(self) -> dict[str, Any] | None:
        t = self.p.timeline
        if t is None:
            return None
        phase_reqs = Counter(r.phase for r in self.requirements)
        phases = []
        for ph in sorted(t.phases, key=lambda p: (p.number, p.start)):
            phases.append(
                {
                    "number": ph.number,
                    "anchor": self.anchors("phase", str(ph.number)),
                    "name": ph.name,
                    "start": day(ph.start),
                    "end": day(ph.end),
                    "days": (ph.end - ph.start).days + 1,
                    "requirements": phase_reqs.get(ph.number, 0),
                    "goals": list(ph.goals),
                    "deliverables": list(ph.deliverables),
                    "exit_criteria": [{"text": e.text, "done": e.done} for e in ph.exit_criteria],
                    "exit_done": sum(1 for e in ph.exit_criteria if e.done),
                }
            )
        return {
            "phases": phases,
            "milestones": [
                {
                    "id": m.id,
                    "name": m.name,
                    "date": day(m.date),
                    "phase": str(m.phase) if m.phase is not None else "",
                    "done": m.done,
                }
                for m in sorted(t.milestones, key=lambda m: (m.date, natural_key(m.id)))
            ],
            "chart": gantt.chart(t),
        }


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, Decimal):
        return number(value)
    return str(value)


def program_view(program: Program, rendered_at: str | None = None) -> dict[str, Any]:
    """Everything the program document shows, as plain data."""
    b = _Builder(program)
    categories = b.categories()
    testing = b.testing()
    toc: list[dict[str, Any]] = [{"anchor": a, "title": t, "children": []} for a, t in PARTS]
    toc[1]["children"] = [
        {"anchor": c["anchor"], "title": f"{c['number']} {c['name']}"} for c in categories
    ]
    toc[3]["children"] = [
        {"anchor": s["anchor"], "title": s["name"]} for s in testing["stages"] if s["count"]
    ] + [{"anchor": "traceability", "title": "Traceability matrix"}]
    return {
        "program": b.program_info(),
        "rendered_at": rendered_at,
        "team": b.team(),
        "scope": b.scope(),
        "toc": toc,
        "parts": dict(PARTS),
        "business": b.business_requirements(),
        "categories": categories,
        "design": b.design(),
        "data_sources": b.data_sources(),
        "reports": b.reports(),
        "testing": testing,
        "conversion": b.conversion(),
        "timeline": b.timeline(),
        "plans": [{"id": p.id, "name": p.name, "file": stem} for p, stem in plan_files(program)],
    }
