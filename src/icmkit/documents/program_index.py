"""What every part of the program document looks up: items in id order, their anchors, the
plans' file names, people's names and which test cases verify which requirement."""

from __future__ import annotations

from icmkit.documents.addresses import Anchors, natural_key, plan_files
from icmkit.documents.view_blocks import PlanRef, Ref
from icmkit.model.program_bundle import Program
from icmkit.model.requirements import BusinessRequirement, FunctionalRequirement
from icmkit.model.testing import TestCase


class ProgramIndex:
    """Built once per program document. Business requirements, requirements and test cases
    get their anchors first, in id order, so any part can link to them."""

    def __init__(self, program: Program) -> None:
        self.program = program
        self.anchors = Anchors()
        info = program.info
        self.currency = info.currency if info is not None else "USD"
        self.people = {m.id: m.name for m in info.team} if info is not None else {}
        self.requirements: list[FunctionalRequirement] = sorted(
            program.requirements, key=lambda r: natural_key(r.id)
        )
        self.tests: list[TestCase] = sorted(program.test_cases, key=lambda t: natural_key(t.id))
        self.business: list[BusinessRequirement] = sorted(
            program.business_requirements, key=lambda b: natural_key(b.id)
        )
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
        """Requirement id -> the test cases that verify it, in id order."""
        for t in self.tests:
            for ref in dict.fromkeys(t.verifies):
                self.tests_of.setdefault(ref, []).append(t)

    def ref(self, kind: str, ident: str) -> Ref:
        return Ref(ident, self.anchors.get(kind, ident))

    def refs(self, kind: str, idents: list[str]) -> list[Ref]:
        return [self.ref(kind, ident) for ident in idents]

    def plan_ref(self, ident: str) -> PlanRef:
        return PlanRef(ident, self.plan_stems.get(ident))

    def person(self, ident: str | None) -> str:
        """A team member's name, or the id as written when it names nobody on the team."""
        if ident is None:
            return ""
        return self.people.get(ident, ident)
