"""REQ rules: each requirement documented the way its kind asks."""

from __future__ import annotations

from tests.checks.conftest import (
    Case,
    Edit,
    rule_tests,
)

CORE = "requirements/core.yaml"
SPEC = "    spec: Tiered commission on new ARR bookings, paid monthly on year-to-date attainment.\n"
STORIES = (
    "    user_stories:\n"
    "      - {as: an account executive, i_want: to see my tier, so_that: I know what I earn}\n"
)
CRITERIA = (
    "    acceptance_criteria:\n      - A deal that crosses a tier boundary is paid at both rates.\n"
)
STANDARD = "    kind: standard\n    phase: 1\n"
LONG = "x" * 301

FAILING = [
    Case(
        "REQ001",
        "unique-without-spec",
        (Edit(CORE, SPEC, ""),),
        (
            "requirements/core.yaml:9:5: error: REQ001 unique requirement `FR-PC-001` has no "
            "`spec`; describe the customer's own data, logic, rule or report in `spec`",
        ),
    ),
    Case(
        "REQ001",
        "unique-with-blank-spec",
        (Edit(CORE, SPEC, '    spec: " "\n'),),
        (
            "requirements/core.yaml:16:11: error: REQ001 unique requirement `FR-PC-001` has no "
            "`spec`; describe the customer's own data, logic, rule or report in `spec`",
        ),
    ),
    Case(
        "REQ002",
        "unique-without-story",
        (Edit(CORE, STORIES, ""),),
        (
            "requirements/core.yaml:9:5: error: REQ002 unique requirement `FR-PC-001` has no user "
            "story; add one under `user_stories` with `as`, `i_want` and `so_that`",
        ),
    ),
    Case(
        "REQ003",
        "unique-without-criteria",
        (Edit(CORE, CRITERIA, ""),),
        (
            "requirements/core.yaml:9:5: error: REQ003 unique requirement `FR-PC-001` has no "
            "acceptance criteria; list under `acceptance_criteria` how the customer will tell "
            "it works",
        ),
    ),
    Case(
        "REQ004",
        "assisted-without-hours",
        (Edit(CORE, "    hours: 4\n", ""),),
        (
            "requirements/core.yaml:22:5: error: REQ004 assisted requirement `FR-DI-002` has no "
            "`hours`; say how many hours of help it takes (e.g. `hours: 4`)",
        ),
    ),
    Case(
        "REQ004",
        "assisted-with-zero-hours",
        (Edit(CORE, "    hours: 4\n", "    hours: 0\n"),),
        (
            "requirements/core.yaml:26:12: error: REQ004 assisted requirement `FR-DI-002` has "
            "`hours: 0`; give the hours of help it takes, or make it `standard` if no help is "
            "needed",
        ),
    ),
    Case(
        "REQ005",
        "standard-with-long-spec",
        (Edit(CORE, STANDARD, f"{STANDARD}    spec: {LONG}\n"),),
        (
            "requirements/core.yaml:7:11: note: REQ005 standard requirement `FR-DI-001` has a "
            "301-character `spec`; it is met out of the box: list it, don't specify it "
            "(shorten the spec, or make it `unique` if it is the customer's own logic)",
        ),
        exit_code=0,
    ),
    Case(
        "REQ005",
        "standard-with-user-story",
        (Edit(CORE, STANDARD, STANDARD + STORIES),),
        (
            "requirements/core.yaml:7:5: note: REQ005 standard requirement `FR-DI-001` has "
            "user stories; it is met out of the box: list it, don't specify it (drop "
            "`user_stories`, or make it `unique` if it is the customer's own logic)",
        ),
        exit_code=0,
    ),
    Case(
        "REQ006",
        "unknown-category",
        (
            Edit(
                CORE,
                "    category: plan_design_calculation\n",
                "    category: plan_desing_calculation\n",
            ),
        ),
        (
            "requirements/core.yaml:11:15: error: REQ006 requirement `FR-PC-001` has unknown "
            "category `plan_desing_calculation`; use a standard category or add it under "
            "`extra_categories` in program.yaml; did you mean `plan_design_calculation`?",
        ),
    ),
    Case(
        "REQ007",
        "hours-on-standard",
        (Edit(CORE, STANDARD, f"{STANDARD}    hours: 2\n"),),
        (
            "requirements/core.yaml:7:12: warning: REQ007 requirement `FR-DI-001` is "
            "`standard` but has `hours`; hours belong to assisted requirements: remove "
            "`hours` or make it `kind: assisted`",
        ),
        exit_code=0,
    ),
]

PASSING = [
    Case(
        "REQ001",
        "spec-as-block-text",
        (
            Edit(
                CORE,
                SPEC,
                "    spec: |\n      Tiered commission on new ARR.\n      Paid monthly.\n",
            ),
        ),
    ),
    Case(
        "REQ002",
        "two-user-stories",
        (
            Edit(
                CORE,
                STORIES,
                STORIES + "      - {as: a manager, i_want: totals, so_that: I plan}\n",
            ),
        ),
    ),
    Case(
        "REQ003",
        "criteria-as-block-list",
        (Edit(CORE, CRITERIA, CRITERIA + "      - A deal below the boundary pays 8%.\n"),),
    ),
    Case("REQ004", "half-an-hour", (Edit(CORE, "    hours: 4\n", "    hours: 0.5\n"),)),
    Case(
        "REQ005",
        "standard-with-300-character-spec",
        (Edit(CORE, STANDARD, f"{STANDARD}    spec: {'x' * 300}\n"),),
    ),
    Case(
        "REQ006",
        "program-own-category",
        (
            Edit(
                "program.yaml",
                "  essential_categories:",
                "  extra_categories: [{id: commissions_ops, name: Commission operations}]\n"
                "  essential_categories:",
            ),
            Edit(
                CORE,
                "    category: data_integration\n    kind: assisted",
                "    category: commissions_ops\n    kind: assisted",
            ),
        ),
    ),
    Case(
        "REQ007",
        "hours-on-assisted",
        (Edit(CORE, STANDARD, "    kind: assisted\n    phase: 1\n    hours: 2\n"),),
    ),
]


test_reports, test_accepts, test_every_rule_has_a_failing_and_a_passing_case = rule_tests(
    "REQ", FAILING, PASSING
)
