"""Run calculation test cases: compute each one and compare with what it expects.

A calculation test case has ``plan``, ``given`` and ``expect``. Expected amounts are
compared with the computed ones after rounding both to the plan's decimal places.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from icmkit.engine.calculate import calculate
from icmkit.engine.case_setup import calendar_of, case_setup
from icmkit.engine.errors import EngineError
from icmkit.engine.expectations import Comparison, Mismatch, compare_result, compare_totals
from icmkit.engine.result import PayoutResult
from icmkit.engine.run import run
from icmkit.model.plans import Plan
from icmkit.model.program_bundle import Program, UnloadedItem
from icmkit.model.testing import ExpectedResult, TestCase

TESTS_KIND = "tests"
"""The file kind of test plans (``FileKind.name``)."""


class Outcome(StrEnum):
    PASSED = "passed"
    FAILED = "failed"
    ERROR = "error"
    """The engine could not compute the case (the plan or inputs do not say enough)."""
    NOT_LOADED = "not_loaded"
    """The test case (or its whole file) failed to load: it may be a calculation case."""


@dataclass
class CaseRun:
    """One test case's run; ``case`` is None for a case (or test file) that failed to load."""

    case: TestCase | None
    result: PayoutResult | None = None
    """The result of a single-period test case."""
    results: list[PayoutResult] = field(default_factory=list)
    """Every result computed (one per participant, plan and period of a multi-period test)."""
    mismatches: list[Mismatch] = field(default_factory=list)
    error: str | None = None
    unloaded: UnloadedItem | None = None

    @property
    def outcome(self) -> Outcome:
        if self.unloaded is not None:
            return Outcome.NOT_LOADED
        if self.error is not None:
            return Outcome.ERROR
        return Outcome.FAILED if self.mismatches else Outcome.PASSED

    @property
    def failed(self) -> bool:
        return self.outcome is not Outcome.PASSED

    @property
    def id(self) -> str:
        if self.case is not None:
            return self.case.id
        assert self.unloaded is not None
        return self.unloaded.id or f"({self.unloaded.path})"

    @property
    def title(self) -> str:
        if self.case is not None:
            return self.case.title
        assert self.unloaded is not None
        return "failed to load" if self.unloaded.id else "test file failed to load"

    @property
    def plan(self) -> str | None:
        return self.case.plan if self.case is not None else None

    @property
    def path(self) -> str:
        if self.case is not None:
            return self.case.where.path
        assert self.unloaded is not None
        return self.unloaded.path

    def line(self, *where: str | int) -> int:
        """The line of the case, or of the key at ``where`` inside it."""
        if self.case is not None:
            return self.case.where.at(*where)[0]
        assert self.unloaded is not None
        return self.unloaded.line


def is_calculation(case: TestCase) -> bool:
    return case.is_calculation


def _where(result: ExpectedResult, participant: str, plan: Plan) -> tuple[str, str, str]:
    return (result.participant or participant, result.plan or plan.id, result.period)


def run_case(case: TestCase, plan: Plan, program: Program | None = None) -> CaseRun:
    """Compute ``case`` under ``plan`` and compare every expected amount."""
    found = CaseRun(case)
    given, expect = case.given, case.expect
    if given is None or expect is None:
        raise ValueError(f"test case {case.id} has no `given` and `expect`")
    comparison = Comparison(plan.rounding)
    try:
        if given.periods is None:
            result = calculate(plan, given, calendar=calendar_of(program) if program else None)
            found.result = result
            found.results = [result]
            participant = given.participant.id
            ours = [result]
        else:
            setup = case_setup(case, plan, program or Program(root="."))
            found.results = run(
                setup.seats,
                given.transactions,
                setup.hierarchy,
                setup.window,
                setup.options,
                setup.participant,
            )
            participant = setup.participant
            ours = [r for r in found.results if r.participant == participant and r.plan == plan.id]
    except EngineError as error:
        found.error = str(error)
        return found
    compare_totals(comparison, expect, ours)
    by_key = {(r.participant, r.plan, r.period): r for r in found.results}
    for index, expected in enumerate(expect.results):
        key = _where(expected, participant, plan)
        where = f"{key[0]} on {key[1]} in {key[2]}"
        compare_result(comparison, index, expected, by_key.get(key), where)
    found.mismatches = comparison.mismatches
    return found


def run_cases(program: Program, only: Sequence[str] = ()) -> list[CaseRun]:
    """Every calculation test case of ``program`` (or those in ``only``) whose plan loaded."""
    plans = {plan.id: plan for plan in program.plans}
    runs: list[CaseRun] = []
    for case in program.test_cases:
        if only and case.id not in only:
            continue
        plan = plans.get(case.plan or "")
        if not is_calculation(case) or plan is None:
            continue
        runs.append(run_case(case, plan, program))
    return runs


def unloaded_cases(program: Program, only: Sequence[str] = ()) -> list[CaseRun]:
    """Test cases, and whole test files, that failed to load: each one a failed run.

    Whether a case that failed to load was meant as a calculation case cannot be known, so
    every one counts: a misspelt key never makes a test case silently disappear.
    """
    return [
        CaseRun(None, unloaded=item)
        for item in program.unloaded
        if item.kind == TESTS_KIND and (not only or item.id in only)
    ]
