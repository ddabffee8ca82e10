"""Run calculation test cases: compute each one and compare with what it expects.

A calculation test case has ``plan``, ``given`` and ``expect``. Expected amounts are
compared with the computed ones after rounding both to the plan's decimal places.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from icmkit.engine.calculate import calculate
from icmkit.engine.errors import EngineError
from icmkit.engine.numbers import money, round_to
from icmkit.engine.result import PayoutResult
from icmkit.model.plans import Plan
from icmkit.model.program_bundle import Program, UnloadedItem
from icmkit.model.testing import TestCase

TESTS_KIND = "tests"
"""The file kind of test plans (``FileKind.name``)."""


class Outcome(StrEnum):
    PASSED = "passed"
    FAILED = "failed"
    ERROR = "error"
    """The engine could not compute the case (the plan or inputs do not say enough)."""
    NOT_LOADED = "not_loaded"
    """The test case (or its whole file) failed to load: it may be a calculation case."""


@dataclass(frozen=True)
class Mismatch:
    """One expected value that differs from the computed one."""

    what: str
    """``payout``, ``earnings`` or ``components.<id>``."""
    path: tuple[str, ...]
    """Where the expected value is in the test case: ``("expect", "payout")``."""
    expected: Decimal
    computed: Decimal
    explanation: str

    def summary(self) -> str:
        return f"expected {self.what} {money(self.expected)}, computed {money(self.computed)}"

    def describe(self) -> str:
        return f"{self.summary()} ({self.explanation})"


@dataclass
class CaseRun:
    """One test case's run; ``case`` is None for a case (or test file) that failed to load."""

    case: TestCase | None
    result: PayoutResult | None = None
    mismatches: list[Mismatch] = field(default_factory=list)
    error: str | None = None
    checked: int = 0
    """How many expected values were compared."""
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
    return case.plan is not None and case.given is not None and case.expect is not None


def run_case(case: TestCase, plan: Plan) -> CaseRun:
    """Compute ``case`` under ``plan`` and compare every expected amount."""
    found = CaseRun(case)
    if case.given is None or case.expect is None:
        raise ValueError(f"test case {case.id} has no `given` and `expect`")
    try:
        result = calculate(plan, case.given)
    except EngineError as error:
        found.error = str(error)
        return found
    found.result = result
    expect = case.expect
    whole = " | ".join(result.explanation())

    def compare(
        what: str, path: tuple[str, ...], expected: Decimal, computed: Decimal, why: str
    ) -> None:
        found.checked += 1
        if round_to(expected, plan.rounding) != round_to(computed, plan.rounding):
            found.mismatches.append(Mismatch(what, path, expected, computed, why))

    if expect.payout is not None:
        compare("payout", ("expect", "payout"), expect.payout, result.payout, whole)
    if expect.earnings is not None:
        compare("earnings", ("expect", "earnings"), expect.earnings, result.earnings, whole)
    for component_id, expected in expect.components.items():
        computed = result.component(component_id)
        if computed is None:
            continue  # an unknown component is reported by the reference checks
        compare(
            f"components.{component_id}",
            ("expect", "components", component_id),
            expected,
            computed.amount,
            computed.explanation(),
        )
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
        runs.append(run_case(case, plan))
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
