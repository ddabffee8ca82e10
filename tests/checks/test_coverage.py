"""COV rules: essential categories have requirements and tests; every plan part is tested."""

from __future__ import annotations

import pytest
from tests.checks.conftest import (
    Case,
    CheckAfter,
    Edit,
    rule_tests,
)

from icmkit.checks.runner import run_checks
from icmkit.model.program import ProgramInfo
from icmkit.model.program_bundle import Program

ESSENTIAL = "  essential_categories: [data_integration, plan_design_calculation]\n"
WITH_STATEMENTS = ESSENTIAL.replace("]", ", statements]")
ADD_STATEMENTS = Edit("program.yaml", ESSENTIAL, WITH_STATEMENTS)
STATEMENT_REQUIREMENT = Edit(
    "requirements/core.yaml",
    "requirements:\n",
    "requirements:\n"
    "  - {id: FR-ST-001, title: Monthly statements, category: statements, kind: standard,\n"
    "     phase: 2}\n",
)
STATEMENT_TEST = Edit(
    "tests/plan-ae.yaml",
    "test_cases:\n",
    "test_cases:\n"
    "  - {id: TC-ST-001, title: Statement shows payout, stage: uat, categories: [statements]}\n",
)
END_OF_COMPONENTS = "  requirements: [FR-PC-001]\n"
BONUS = (
    "    - id: bonus\n"
    "      name: Flat bonus\n"
    "      kind: flat\n"
    "      measure: arr\n"
    '      rate: "1%"\n'
)
ADD_BONUS = Edit("plans/ae.yaml", END_OF_COMPONENTS, BONUS + END_OF_COMPONENTS)
BONUS_FROM_JULY = Edit(
    "plans/ae.yaml",
    END_OF_COMPONENTS,
    END_OF_COMPONENTS
    + "  versions:\n"
    + "    - from: 2027-07-01\n"
    + "      components:\n"
    + "        - {id: bonus, name: Flat bonus, kind: flat, measure: arr, rate: '1%'}\n",
)
"""A component that only the July version adds (the test case's March is before it)."""
# The bonus adds 1% of the test case's 60,000 to its expected payout (checked by ENG001).
BONUS_PAYOUT = Edit("tests/plan-ae.yaml", "payout: 5200.00", "payout: 5800.00")
NO_COMPONENT = (
    "component `bonus` of plan `PLAN-AE` is not named in any test case's `components`; add "
    "a test case with `plan: PLAN-AE` and `components: [bonus]`"
)
NO_REQUIREMENT = (
    "warning: COV001 essential category `statements` (Participant statements and portal) has "
    "no functional requirement; add one with this `category`, or drop the category from "
    "`essential_categories`"
)
NO_TEST = (
    "warning: COV002 essential category `statements` (Participant statements and portal) has "
    "no test case; add one that verifies a requirement of this category or lists it under "
    "`categories`"
)

FAILING = [
    Case(
        "COV001", "listed-category", (ADD_STATEMENTS,), (f"program.yaml:9:69: {NO_REQUIREMENT}",), 0
    ),
    Case(
        "COV001",
        "default-categories",
        (Edit("program.yaml", ESSENTIAL, ""),),
        (
            "program.yaml:1:1: warning: COV001 15 of 17 essential categories have no functional "
            "requirement: `participants_hierarchy`, `crediting_rollups`, `quota_management`, "
            "`adjustments_retro`, `draws_payment_rules`, `payments_payroll`, `statements`, "
            "`reporting_analytics`, `disputes_inquiries`, `approvals_workflow`, "
            "`plan_documents`, `security_roles`, `audit_compliance`, `task_manager_close`, "
            "`environments_modeling`; add requirements with these categories, or drop them from "
            "`essential_categories`",
        ),
        0,
    ),
    Case("COV002", "listed-category", (ADD_STATEMENTS,), (f"program.yaml:9:69: {NO_TEST}",), 0),
    Case(
        "COV002",
        "several-categories-in-one-finding",
        (Edit("program.yaml", ESSENTIAL, ESSENTIAL.replace("]", ", statements, security_roles]")),),
        (
            "program.yaml:9:3: warning: COV002 2 of 4 essential categories have no test case: "
            "`statements`, `security_roles`; phase 2 tests a use case in each: add test cases "
            "that verify a requirement of each category or list it under `categories`",
        ),
        0,
    ),
    Case(
        "COV005",
        "placeholder-left",
        (
            Edit("program.yaml", "name: Bo Park,", 'name: "REPLACE: the administrator",'),
            Edit(
                "program.yaml", ESSENTIAL, ESSENTIAL + "check: {placeholders_fail_from_phase: 1}\n"
            ),
        ),
        (
            "program.yaml:8:22: error: COV005 placeholder `REPLACE: the administrator` is still "
            "to be replaced; placeholders are errors from phase 1",
        ),
    ),
    Case(
        "COV003",
        "plan-without-test",
        (Edit("tests/plan-ae.yaml", "    plan: PLAN-AE\n", ""),),
        (
            "plans/ae.yaml:2:7: warning: COV003 plan `PLAN-AE` is not verified by any test "
            "case; add a test case with `plan: PLAN-AE`",
        ),
        0,
    ),
    Case(
        "COV004",
        "component-without-test",
        (ADD_BONUS, BONUS_PAYOUT),
        (f"plans/ae.yaml:21:11: warning: COV004 {NO_COMPONENT}",),
        0,
    ),
    Case(
        "COV004",
        "component-only-a-later-version-adds",
        (BONUS_FROM_JULY,),
        (f"plans/ae.yaml:25:16: warning: COV004 {NO_COMPONENT}",),
        0,
    ),
]

PASSING = [
    Case(
        "COV005",
        "replace-as-a-word",
        (Edit("program.yaml", "name: Bo Park,", "name: Replace Me Park,"),),
    ),
    Case("COV001", "category-with-requirement-only", (ADD_STATEMENTS, STATEMENT_REQUIREMENT)),
    Case("COV002", "category-named-by-test", (ADD_STATEMENTS, STATEMENT_TEST)),
    Case(
        "COV003",
        "plan-test-naming-no-component",
        (Edit("tests/plan-ae.yaml", "    components: [commission]\n", ""),),
    ),
    Case(
        "COV004",
        "component-named",
        (
            ADD_BONUS,
            BONUS_PAYOUT,
            Edit(
                "tests/plan-ae.yaml",
                "    components: [commission]\n",
                "    components: [commission, bonus]\n",
            ),
        ),
    ),
    Case(
        "COV004",
        "component-a-later-version-adds-named",
        (
            BONUS_FROM_JULY,
            Edit(
                "tests/plan-ae.yaml",
                "    components: [commission]\n",
                "    components: [commission, bonus]\n",
            ),
        ),
    ),
]


test_reports, test_accepts, test_every_rule_has_a_failing_and_a_passing_case = rule_tests(
    "COV", FAILING, PASSING
)


def test_a_category_is_covered_by_the_requirements_a_test_verifies(
    check_after: CheckAfter,
) -> None:
    verifying = Edit(
        "tests/plan-ae.yaml",
        "test_cases:\n",
        "test_cases:\n"
        "  - {id: TC-ST-001, title: Statement shows payout, stage: uat, verifies: [FR-ST-001]}\n",
    )
    result = check_after((ADD_STATEMENTS, STATEMENT_REQUIREMENT, verifying))
    assert result.exit_code == 0, result.output
    assert result.output == "No problems found (7 files checked).\n"


@pytest.mark.parametrize(
    "categories", [["data_integration"], ["data_integration", "reporting_analytics"]]
)
def test_a_program_built_in_code_has_its_category_findings_on_program_yaml(
    categories: list[str],
) -> None:
    info = ProgramInfo.model_validate(
        {"customer": "Built Co", "start": "2027-01-04", "essential_categories": categories}
    )
    report = run_checks(Program(root=".", info=info))
    found = [(f.code, f.path, f.line) for f in report.findings if f.code.startswith("COV")]
    assert found == [("COV001", "program.yaml", 1), ("COV002", "program.yaml", 1)]
