"""Part 4 of the program document: test cases by stage, counts by status, and the
traceability matrix from requirements to the test cases that verify them."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from icmkit.documents.formatting import day, money
from icmkit.documents.program_index import ProgramIndex
from icmkit.documents.view_blocks import PlanRef, Ref, StatusCounts, View
from icmkit.model.testing import Stage, TestCase, TestStatus

STAGE_LABELS = {
    Stage.UNIT: "Unit testing",
    Stage.SYSTEM: "System testing",
    Stage.UAT: "User acceptance testing",
    Stage.PARALLEL: "Parallel run",
}


@dataclass(frozen=True, slots=True)
class TestCaseView(View):
    __test__ = False  # not a pytest test class

    id: str
    anchor: str
    title: str
    stage: str
    verifies: list[Ref]
    plan: PlanRef | None
    components: str
    steps: list[str]
    expected: str
    """The expected result in words, and the expected payout when the case gives one."""
    status: str
    passed: bool
    run: str
    """Who ran it and when."""


@dataclass(frozen=True, slots=True)
class StageView(View):
    id: str
    name: str
    anchor: str
    cases: list[TestCaseView]
    count: int
    statuses: list[int]


@dataclass(frozen=True, slots=True)
class MatrixTest(View):
    id: str
    anchor: str
    status: str


@dataclass(frozen=True, slots=True)
class MatrixRow(View):
    """A requirement and the test cases that verify it."""

    id: str
    anchor: str
    title: str
    kind: str
    status: str
    tests: list[MatrixTest]


@dataclass(frozen=True, slots=True)
class TestingView(View):
    __test__ = False  # not a pytest test class

    statuses: list[str]
    stages: list[StageView]
    total: StatusCounts
    matrix: list[MatrixRow]
    covered: int
    """Requirements with at least one test case."""
    requirements: int


def case_view(index: ProgramIndex, t: TestCase) -> TestCaseView:
    expected = t.expected_result or ""
    if t.expect is not None and t.expect.payout is not None:
        payout = f"payout {money(t.expect.payout, index.currency)}"
        expected = f"{expected}; {payout}" if expected else payout
    run = f"{index.person(t.run.by)}, {day(t.run.on)}" if t.run is not None else ""
    return TestCaseView(
        id=t.id,
        anchor=index.anchors("tc", t.id),
        title=t.title,
        stage=t.stage.value,
        verifies=index.refs("fr", t.verifies),
        plan=index.plan_ref(t.plan) if t.plan else None,
        components=", ".join(t.components),
        steps=list(t.steps),
        expected=expected,
        status=t.status.value,
        passed=t.status is TestStatus.PASSED,
        run=run,
    )


def stages_and_traceability(index: ProgramIndex) -> TestingView:
    statuses = [s.value for s in TestStatus]
    stages = []
    total: Counter[str] = Counter()
    for stage in Stage:
        cases = [case_view(index, t) for t in index.tests if t.stage is stage]
        counts = Counter(c.status for c in cases)
        total.update(counts)
        stages.append(
            StageView(
                id=stage.value,
                name=STAGE_LABELS[stage],
                anchor=index.anchors("stage", stage.value),
                cases=cases,
                count=len(cases),
                statuses=[counts.get(s, 0) for s in statuses],
            )
        )
    matrix = []
    for r in index.requirements:
        tests = index.tests_of.get(r.id, [])
        matrix.append(
            MatrixRow(
                id=r.id,
                anchor=index.anchors("fr", r.id),
                title=r.title,
                kind=r.kind.value,
                status=r.status.value,
                tests=[MatrixTest(t.id, index.anchors("tc", t.id), t.status.value) for t in tests],
            )
        )
    return TestingView(
        statuses=statuses,
        stages=stages,
        total=StatusCounts(len(index.tests), [total.get(s, 0) for s in statuses]),
        matrix=matrix,
        covered=sum(1 for r in index.requirements if r.id in index.tests_of),
        requirements=len(index.requirements),
    )
