"""ENG001: a calculation test case's expected results differ from what its plan computes."""

from __future__ import annotations

from collections.abc import Iterator

from icmkit.checks.rules import Hit, Rule, hit, rule
from icmkit.engine.case_runs import CaseRun, run_cases
from icmkit.model.findings import Severity
from icmkit.model.program_bundle import Program


def run_hits(found: CaseRun) -> Iterator[Hit]:
    """What one test case run reports: a hit per mismatch, at the expected value's line."""
    case = found.case
    if case is None:
        return  # failed to load: the loader's own findings say why
    if found.error is not None:
        yield hit(f"test case `{case.id}` cannot be computed: {found.error}", case.where, "expect")
    for mismatch in found.mismatches:
        yield hit(f"test case `{case.id}`: {mismatch.describe()}", case.where, *mismatch.path)


@rule("ENG001", Severity.ERROR, "expected result differs from the computed one")
def expected_results_match(program: Program) -> Iterator[Hit]:
    for found in run_cases(program):
        yield from run_hits(found)


RULES: tuple[Rule, ...] = (expected_results_match,)
