"""SHP rules: the shape of each plan's payout, swept from 0% to 300% attainment by the engine.

The minimal plan pays monthly on a 600,000 annual quota (50,000 a month) against a 60,000
annual target (5,000 a month): 8% of the first 50,000 of the month, 12% above. Each case
changes it (and the expected amounts of its test case, so that ENG001 stays quiet).
"""

from __future__ import annotations

from tests.checks.conftest import Case, Edit, rule_tests
from tests.checks.test_plans import (
    ACCELERATED,
    AE,
    COMMISSION,
    QUOTA_BONUS,
    TIER_2,
    component,
    expected_commission,
    expected_payout,
    tier_2,
)

RETROACTIVE = Edit(AE, "      method: marginal\n", "      method: retroactive\n")
SHAPE = "plans/ae.yaml:12:7"
"""Where the commission component's `id:` is: the place every finding on it points at."""


def settings(text: str) -> Edit:
    """Add ``check:`` settings to program.yaml."""
    end = "  essential_categories: [data_integration, plan_design_calculation]\n"
    return Edit("program.yaml", end, end + "check:\n" + text)


def accelerated_from(attainment: str) -> str:
    """The accelerated component of the PLN tests, paying only from ``attainment``."""
    bands = "        - {from: 0, to: 1, multiplier: 1}\n        - {from: 1, multiplier: 1.5}\n"
    return ACCELERATED.replace(bands, f"        - {{from: {attainment}, multiplier: 1}}\n")


def expected(amount: str) -> tuple[Edit, ...]:
    return tuple(expected_commission(amount))


def after(text: str) -> str:
    """Words every SHP001 finding ends with, for the default setting."""
    return text + (
        "; a small change in attainment should not move pay this much (`check: plan_shape: "
        "cliff_share` allows 50% of target in one step)"
    )


LATER_VERSION = Edit(
    AE,
    "  requirements: [FR-PC-001]\n",
    "  requirements: [FR-PC-001]\n"
    "  versions:\n"
    "    - from: 2027-07-01\n"
    "      reason: A richer second tier, paid on the whole month.\n"
    "      components:\n"
    "        - id: commission\n"
    "          name: Commission on new ARR\n"
    "          kind: tiered\n"
    "          measure: arr\n"
    "          method: retroactive\n"
    "          scope: period\n"
    "          tiers:\n"
    '            - {from: 0, to: 50000, rate: "8%"}\n'
    '            - {from: 50000, rate: "20%"}\n',
)
"""A version from July on whose commission jumps at the tier edge; the plan as written does
not."""

FAILING = [
    Case(
        "SHP001",
        "a-later-version-jumps",
        (LATER_VERSION,),
        (
            f"plans/ae.yaml:26:11: warning: SHP001 {COMMISSION}: "
            + after(
                "the payout jumps from 3,960.00 to 10,000.00 (120.8% of the target 5,000.00) "
                "at 100% attainment"
            ),
        ),
        exit_code=0,
    ),
    Case(
        "SHP001",
        "retroactive-tier-jumps",
        (RETROACTIVE, tier_2('        - {from: 50000, rate: "20%"}\n'), *expected("12000.00")),
        (
            f"{SHAPE}: warning: SHP001 {COMMISSION}: "
            + after(
                "the payout jumps from 3,960.00 to 10,000.00 (120.8% of the target 5,000.00) "
                "at 100% attainment"
            ),
        ),
        exit_code=0,
    ),
    Case(
        "SHP001",
        "retroactive-tier-drops",
        (RETROACTIVE, tier_2('        - {from: 50000, rate: "6%"}\n'), *expected("3600.00")),
        (
            f"{SHAPE}: warning: SHP001 {COMMISSION}: "
            + after(
                "the payout drops from 3,960.00 to 3,000.00 (19.2% of the target 5,000.00) "
                "at 100% attainment"
            ),
        ),
        exit_code=0,
    ),
    Case(
        "SHP001",
        "a-tighter-setting-catches-a-smaller-jump",
        (RETROACTIVE, *expected("7200.00"), settings("  plan_shape: {cliff_share: 0.3}\n")),
        (
            f"{SHAPE}: warning: SHP001 {COMMISSION}: the payout jumps from 3,960.00 to "
            "6,000.00 (40.8% of the target 5,000.00) at 100% attainment; a small change in "
            "attainment should not move pay this much (`check: plan_shape: cliff_share` allows "
            "30% of target in one step)",
        ),
        exit_code=0,
    ),
    Case(
        "SHP001",
        "pay-curve-too-steep",
        (
            component(
                QUOTA_BONUS.replace("{attainment: 2, payout: 1.5}", "{attainment: 1.05, payout: 4}")
            ),
            expected_payout("25200.00"),
        ),
        (
            "plans/ae.yaml:21:7: warning: SHP001 component `bonus` of plan `PLAN-AE`: the "
            "payout rises by 3,000.00 (60% of the target 5,000.00) with every 1% of attainment "
            "from 100% to 105%; a small change in attainment should not move pay this much "
            "(`check: plan_shape: cliff_share` allows 50% of target in one step)",
        ),
        exit_code=0,
    ),
    Case(
        "SHP002",
        "pay-curve-falls",
        (
            component(
                QUOTA_BONUS.replace("{attainment: 2, payout: 1.5}", "{attainment: 2, payout: 0.5}")
            ),
            expected_payout("9700.00"),
        ),
        (
            "plans/ae.yaml:21:7: warning: SHP002 component `bonus` of plan `PLAN-AE`: the "
            "payout falls from 5,000.00 at 100% attainment to 2,500.00 at 200%; more "
            "attainment should never pay less",
        ),
        exit_code=0,
    ),
    Case(
        "SHP003",
        "uncapped-accelerator",
        (tier_2('        - {from: 50000, rate: "30%"}\n'), *expected("7000.00")),
        (
            f"{SHAPE}: warning: SHP003 {COMMISSION}: at 300% attainment it pays 34,000.00, "
            "6.8 times the target 5,000.00, and still rises with nothing to stop it; give it "
            "a cap, or allow more (`check: plan_shape: max_multiple`, now 4)",
        ),
        exit_code=0,
    ),
    Case(
        "SHP004",
        "gap-between-two-components",
        (
            tier_2('        - {from: 50000, to: 60000, rate: "12%"}\n'),
            component(accelerated_from("1.5")),
        ),
        (
            "plans/ae.yaml:21:7: warning: SHP004 component `accel` of plan `PLAN-AE` starts "
            "paying at 150% attainment, but component `commission` stops at 120%: no "
            "component pays in between (120% to 150%); make one start where the other ends",
        ),
        exit_code=0,
    ),
    Case(
        "SHP004",
        "overlap-between-two-components",
        (
            tier_2('        - {from: 50000, to: 60000, rate: "12%"}\n'),
            component(accelerated_from("1.1")),
        ),
        (
            "plans/ae.yaml:21:7: warning: SHP004 component `accel` of plan `PLAN-AE` starts "
            "paying at 110% attainment, but component `commission` stops at 120%: both pay "
            "on the same credit there (110% to 120%); make one start where the other ends",
        ),
        exit_code=0,
    ),
]

PASSING = [
    Case("SHP001", "marginal-tiers-are-continuous", ()),
    Case(
        "SHP001",
        "a-retroactive-step-within-the-allowed-share",
        (RETROACTIVE, *expected("7200.00")),
    ),
    Case(
        "SHP002",
        "pay-curve-rises",
        (component(QUOTA_BONUS), expected_payout("10700.00")),
    ),
    Case(
        "SHP003",
        "accelerator-with-a-cap",
        (
            Edit(
                AE,
                TIER_2,
                '        - {from: 50000, rate: "30%"}\n      cap: {multiple_of_target: 3}\n',
            ),
            *expected("7000.00"),
        ),
    ),
    Case(
        "SHP003",
        "a-looser-setting-allows-more",
        (
            tier_2('        - {from: 50000, rate: "30%"}\n'),
            *expected("7000.00"),
            settings("  plan_shape: {max_multiple: 7}\n"),
        ),
    ),
    Case(
        "SHP004",
        "one-component-starts-where-the-other-ends",
        (
            tier_2('        - {from: 50000, to: 60000, rate: "12%"}\n'),
            component(accelerated_from("1.2")),
        ),
    ),
]

test_reports, test_accepts, test_every_rule_has_a_failing_and_a_passing_case = rule_tests(
    "SHP", FAILING, PASSING
)
