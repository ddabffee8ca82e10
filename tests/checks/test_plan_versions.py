"""VER rules: a plan's versions, and the plan rules judging each version's terms."""

from __future__ import annotations

import pytest
from tests.checks.conftest import Case, CheckAfter, Edit, assert_accepts, rule_tests

PLAN = "plans/ae.yaml"
END = "  requirements: [FR-PC-001]\n"
COMMISSION_V2 = (
    "        - id: commission\n"
    "          name: Commission on new ARR\n"
    "          kind: tiered\n"
    "          measure: arr\n"
    "          method: marginal\n"
    "          scope: period\n"
    "          tiers:\n"
    '            - {from: 0, to: 50000, rate: "9%"}\n'
    '            - {from: 50000, rate: "12%"}\n'
)


def versions(text: str) -> Edit:
    """Give `PLAN-AE` versions (``text`` starts on line 23 of plans/ae.yaml)."""
    return Edit(PLAN, END, END + "  versions:\n" + text)


JULY = "    - from: 2027-07-01\n      label: July\n      components:\n" + COMMISSION_V2

FAILING = [
    Case(
        "VER001",
        "version-before-the-plan-starts",
        (versions(JULY.replace("2027-07-01", "2026-12-01")),),
        (
            "plans/ae.yaml:23:13: error: VER001 version 2 of plan `PLAN-AE` starts on 2026-12-01, "
            "not "
            "after the version before it (2027-01-01); list versions oldest first, each starting "
            "after the plan's start",
        ),
    ),
    Case(
        "VER001",
        "version-after-the-plan-ends",
        (versions(JULY.replace("2027-07-01", "2028-02-01")),),
        (
            "plans/ae.yaml:23:13: error: VER001 version 2 of plan `PLAN-AE` starts on 2028-02-01, "
            "when "
            "the plan has ended (2028-01-01 is its first day no longer in effect)",
        ),
    ),
    Case(
        "VER002",
        "removes-an-unknown-component",
        (versions("    - from: 2027-07-01\n      remove_components: [bonus]\n"),),
        (
            "plans/ae.yaml:24:27: error: VER002 Version 2 of plan `PLAN-AE` removes component "
            "`bonus`, "
            "which version 1 does not have (it has: commission)",
        ),
    ),
    Case(
        "VER002",
        "removes-a-component-the-version-before-does-not-have",
        (
            versions(
                "    - from: 2027-07-01\n      label: July\n      components:\n"
                "        - {id: bonus, name: Bonus, kind: flat, measure: arr, rate: '1%'}\n"
                "    - from: 2027-10-01\n      remove_components: [bonsu]\n"
            ),
        ),
        (
            "plans/ae.yaml:28:27: error: VER002 Version 3 of plan `PLAN-AE` removes component "
            "`bonsu`, which version 2 (july) does not have (it has: bonus, commission)",
        ),
    ),
    Case(
        "VER003",
        "changes-nothing",
        (versions("    - from: 2027-07-01\n      label: Nothing\n"),),
        (
            "plans/ae.yaml:23:7: warning: VER003 version 2 of plan `PLAN-AE` changes nothing: "
            "give the components, quotas, target incentive or other terms that change from "
            "2027-07-01",
        ),
        exit_code=0,
    ),
    Case(
        "VER004",
        "version-inside-a-month",
        (versions(JULY.replace("2027-07-01", "2027-07-15")),),
        (
            "plans/ae.yaml:23:13: warning: VER004 version 2 of plan `PLAN-AE` starts on "
            "2027-07-15, inside the monthly period 2027-07 (2027-07-01 to 2027-07-31): a period "
            "is computed on the version in force on its first day, so this version applies from "
            "2027-08-01; start it on the first day of a period",
        ),
        exit_code=0,
    ),
    Case(
        "VER004",
        "version-inside-a-quarter",
        (
            Edit(PLAN, END, END + "  payment: {frequency: quarterly}\n"),
            versions(JULY.replace("2027-07-01", "2027-08-01")),
        ),
        (
            "plans/ae.yaml:23:13: warning: VER004 version 2 of plan `PLAN-AE` starts on "
            "2027-08-01, inside the quarterly period 2027-Q3 (2027-07-01 to 2027-09-30): a "
            "period is computed on the version in force on its first day, so this version "
            "applies from 2027-10-01; start it on the first day of a period",
        ),
        exit_code=0,
    ),
    Case(
        "VER004",
        "version-inside-a-fiscal-quarter",
        (
            Edit(
                "program.yaml",
                "  currency: USD\n",
                "  currency: USD\n  calendar: {fiscal_year_start: 2}\n",
            ),
            Edit(PLAN, END, END + "  payment: {frequency: quarterly}\n"),
            versions(JULY),
        ),
        (
            "plans/ae.yaml:23:13: warning: VER004 version 2 of plan `PLAN-AE` starts on "
            "2027-07-01, inside the quarterly period 2028-Q2 (2027-05-01 to 2027-07-31): a "
            "period is computed on the version in force on its first day, so this version "
            "applies from 2027-08-01; start it on the first day of a period",
        ),
        exit_code=0,
    ),
]

PASSING = [
    Case("VER001", "in-order", (versions(JULY),)),
    Case(
        "VER002",
        "removes-a-component-it-added",
        (
            versions(
                JULY
                + "        - {id: bonus, name: Bonus, kind: flat, measure: arr, rate: '1%'}\n"
                + "    - from: 2027-10-01\n      remove_components: [bonus]\n"
            ),
        ),
    ),
    Case("VER003", "changes-a-rate", (versions(JULY),)),
    Case("VER004", "version-on-the-first-of-a-month", (versions(JULY),)),
    Case(
        "VER004",
        "version-on-the-first-day-of-a-fiscal-quarter",
        (
            Edit(
                "program.yaml",
                "  currency: USD\n",
                "  currency: USD\n  calendar: {fiscal_year_start: 2}\n",
            ),
            Edit(PLAN, END, END + "  payment: {frequency: quarterly}\n"),
            versions(JULY.replace("2027-07-01", "2027-08-01")),
        ),
    ),
    Case(
        "VER004",
        "version-on-the-sixteenth-of-a-semi-monthly-plan",
        (
            Edit(PLAN, END, END + "  payment: {frequency: semi_monthly}\n"),
            versions(JULY.replace("2027-07-01", "2027-07-16")),
        ),
    ),
]

test_reports, test_accepts, test_every_rule_has_a_failing_and_a_passing_case = rule_tests(
    "VER", FAILING, PASSING
)


def test_the_plan_rules_judge_a_later_version(check_after: CheckAfter) -> None:
    result = check_after(
        [
            versions(
                JULY.replace('rate: "12%"', 'rate: "-12%"').replace("measure: arr", "measure: acv")
            )
        ]
    )
    assert result.exit_code == 1, result.output
    assert result.output.count("PLN002") == 1, result.output
    assert "plans/ae.yaml:29:20: error: REF001 unknown measure `acv`" in result.output
    assert "plans/ae.yaml:34:35: error: PLN002" in result.output


BONUS = "        - {id: bonus, name: Bonus, kind: flat, measure: arr, rate: '1%'}\n"


@pytest.mark.parametrize(
    "change",
    [
        "      target_incentive: {amount: 70000, period: annual}\n",
        "      components:\n" + COMMISSION_V2,
        "      draw: {kind: recoverable, amount: 3000, periods: 3}\n",
        "      clawback: {window_days: 90, method: pro_rata, rate: original}\n",
        "      description: From July the plan pays more.\n",
    ],
    ids=["target_incentive", "components", "draw", "clawback", "description"],
)
def test_a_version_that_changes_one_term_changes_something(
    change: str, check_after: CheckAfter
) -> None:
    assert_accepts(check_after([versions("    - from: 2027-07-01\n" + change)]), "VER003")


def test_a_version_that_only_removes_a_component_changes_something(
    check_after: CheckAfter,
) -> None:
    added = JULY + BONUS
    removed = "    - from: 2027-10-01\n      remove_components: [bonus]\n"
    assert_accepts(check_after([versions(added + removed)]), "VER003")
