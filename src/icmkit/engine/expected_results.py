"""ENG001: a calculation test case's expected results differ from what its plan computes."""

from __future__ import annotations

from collections.abc import Iterator

from icmkit.checks.registry import Hit, hit, rule
from icmkit.engine.case_runs import is_calculation, run_case
from icmkit.model.findings import Severity
from icmkit.model.program_bundle import Program


@rule("ENG001", Severity.ERROR, "expected result differs from the computed one")
def expected_results_match(program: Program) -> Iterator[Hit]:
    plans = {plan.id: plan for plan in program.plans}
    for case in program.test_cases:
        plan = plans.get(case.plan or "")
        if not is_calculation(case) or plan is None:
            continue
        found = run_case(case, plan)
        if found.error is not None:
            yield hit(
                f"test case `{case.id}` cannot be computed: {found.error}", case.where, "expect"
            )
        for mismatch in found.mismatches:
            yield hit(f"test case `{case.id}`: {mismatch.describe()}", case.where, *mismatch.path)
