"""STS rules: statuses that claim testing are backed by test cases that were run."""

from __future__ import annotations

from tests.checks.conftest import (
    Case,
    Edit,
    rule_tests,
)

CORE = "requirements/core.yaml"
TESTS = "tests/plan-ae.yaml"
IMPORT_STATUS = "    phase: 1\n    status: agreed\n"
COMMISSION_STATUS = "    phase: 2\n    status: agreed\n"
PASSED_RUN = "    status: passed\n    run: {by: bo, on: 2027-03-20}\n"
FAILED_RUN = "    status: failed\n    run: {by: bo, on: 2027-03-21}\n"
USE_CASE_STEPS = "    expected_result: Row counts match.\n"


def status(anchor: str, value: str) -> Edit:
    return Edit(CORE, anchor, anchor.replace("agreed", value))


FAILING = [
    Case(
        "STS001",
        "tested-with-test-not-run",
        (status(IMPORT_STATUS, "tested"),),
        (
            "requirements/core.yaml:7:13: error: STS001 requirement `FR-DI-001` is `tested` but "
            "test case `TC-DI-001` that verifies it is `not_run`; pass the test case or set the "
            "requirement back to `configured`",
        ),
    ),
    Case(
        "STS001",
        "accepted-with-failed-test",
        (
            status(IMPORT_STATUS, "accepted"),
            Edit(TESTS, USE_CASE_STEPS, USE_CASE_STEPS + FAILED_RUN),
        ),
        (
            "requirements/core.yaml:7:13: error: STS001 requirement `FR-DI-001` is `accepted` but "
            "test case `TC-DI-001` that verifies it is `failed`; pass the test case or set the "
            "requirement back to `configured`",
        ),
    ),
    Case(
        "STS002",
        "passed-without-run",
        (Edit(TESTS, PASSED_RUN, "    status: passed\n"),),
        (
            "tests/plan-ae.yaml:16:13: error: STS002 test case `TC-AE-001` is `passed` but says "
            "nothing of its run; add `run: {by: <team member>, on: YYYY-MM-DD}`",
        ),
    ),
    Case(
        "STS003",
        "tested-without-test",
        (Edit(CORE, "    status: proposed\n", "    status: tested\n"),),
        (
            "requirements/core.yaml:28:13: warning: STS003 requirement `FR-DI-002` is `tested` "
            "but no test case verifies it; add a test case with `verifies: [FR-DI-002]`",
        ),
        exit_code=0,
    ),
]

PASSING = [
    Case("STS001", "accepted-with-passed-test", (status(COMMISSION_STATUS, "accepted"),)),
    # a calculation test case's result is computed: recorded as failed, the engine passes it
    Case(
        "STS001",
        "accepted-with-a-calculation-test-the-engine-passes",
        (
            status(COMMISSION_STATUS, "accepted"),
            Edit(TESTS, PASSED_RUN, FAILED_RUN),
        ),
    ),
    Case("STS002", "blocked-without-run", (Edit(TESTS, PASSED_RUN, "    status: blocked\n"),)),
    Case("STS003", "tested-with-test", (status(COMMISSION_STATUS, "tested"),)),
]


test_reports, test_accepts, test_every_rule_has_a_failing_and_a_passing_case = rule_tests(
    "STS", FAILING, PASSING
)
