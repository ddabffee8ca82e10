"""Calculation test cases carry the result the engine computes, not the one written down.

A calculation test case (``plan``, ``given`` and ``expect``) is run at the revision being
shown: ``status``, the phase gates and the rendered documents report that result (passed, or
failed when an expected value differs or the case cannot be computed) rather than the recorded
``status``, which may say "not run" for a case that passes or "passed" for one that no longer
does. Use-case tests keep their recorded status.
"""

from __future__ import annotations

import dataclasses

from icmkit.engine.case_runs import CaseRun, Outcome, run_cases
from icmkit.model.program_bundle import Program
from icmkit.model.testing import TestStatus

_STATUS = {
    Outcome.PASSED: TestStatus.PASSED,
    Outcome.FAILED: TestStatus.FAILED,
    Outcome.ERROR: TestStatus.FAILED,
}


def with_live_statuses(program: Program, runs: list[CaseRun] | None = None) -> Program:
    """A copy of ``program`` whose calculation test cases have the status computed now."""
    found = run_cases(program) if runs is None else runs
    live = {run.id: _STATUS[run.outcome] for run in found if run.outcome in _STATUS}
    cases = [
        case.model_copy(update={"status": live[case.id]})
        if case.id in live and case.status is not live[case.id]
        else case
        for case in program.test_cases
    ]
    return dataclasses.replace(program, test_cases=cases)
