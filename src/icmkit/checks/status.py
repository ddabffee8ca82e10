"""STS001-STS003: statuses that claim testing are backed by test cases that were run."""

from __future__ import annotations

from collections.abc import Iterator

from icmkit.checks.rules import Hit, Rule, hit, rule
from icmkit.model.findings import Severity
from icmkit.model.program_bundle import Program
from icmkit.model.requirements import FunctionalRequirement, Status
from icmkit.model.testing import TestCase, TestStatus

_TESTED = (Status.TESTED, Status.ACCEPTED)


def _verifying(program: Program) -> dict[str, list[TestCase]]:
    """Requirement id -> the test cases that verify it, in file order."""
    found: dict[str, list[TestCase]] = {}
    for case in program.test_cases:
        for ref in dict.fromkeys(case.verifies):
            found.setdefault(ref, []).append(case)
    return found


def _claims_tested(program: Program) -> Iterator[FunctionalRequirement]:
    return (r for r in program.requirements if r.status in _TESTED)


@rule("STS001", Severity.ERROR, "tested or accepted requirement with a test case not passed")
def tested_but_not_passed(program: Program) -> Iterator[Hit]:
    """Use-case tests only: a calculation test case's result is computed (ENG001 reports a
    failing one), whatever status it records."""
    verifying = _verifying(program)
    for req in _claims_tested(program):
        for case in verifying.get(req.id, []):
            if case.status is TestStatus.PASSED or case.is_calculation:
                continue
            yield hit(
                f"requirement `{req.id}` is `{req.status.value}` but test case `{case.id}` "
                f"that verifies it is `{case.status.value}`; pass the test case or set the "
                "requirement back to `configured`",
                req.where,
                "status",
            )


@rule("STS002", Severity.ERROR, "test case passed or failed without a `run`")
def result_without_run(program: Program) -> Iterator[Hit]:
    for case in program.test_cases:
        if case.status in (TestStatus.PASSED, TestStatus.FAILED) and case.run is None:
            yield hit(
                f"test case `{case.id}` is `{case.status.value}` but says nothing of its run; "
                "add `run: {by: <team member>, on: YYYY-MM-DD}`",
                case.where,
                "status",
            )


@rule("STS003", Severity.WARNING, "tested or accepted requirement without a test case")
def tested_without_case(program: Program) -> Iterator[Hit]:
    verifying = _verifying(program)
    for req in _claims_tested(program):
        if req.id not in verifying:
            yield hit(
                f"requirement `{req.id}` is `{req.status.value}` but no test case verifies it; "
                f"add a test case with `verifies: [{req.id}]`",
                req.where,
                "status",
            )


RULES: tuple[Rule, ...] = (
    tested_but_not_passed,
    result_without_run,
    tested_without_case,
)
