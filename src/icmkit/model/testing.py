"""Test plans: test cases by stage, with structured inputs and expected results."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from enum import StrEnum
from typing import Annotated

from pydantic import Field

from icmkit.model.base import (
    Amount,
    Item,
    LocalId,
    Rate,
    Ref,
    RequirementRefs,
    Shown,
    TeamMemberRef,
    Text,
)


class Stage(StrEnum):
    UNIT = "unit"
    SYSTEM = "system"
    UAT = "uat"
    PARALLEL = "parallel"


class TestStatus(StrEnum):
    NOT_RUN = "not_run"
    PASSED = "passed"
    FAILED = "failed"
    BLOCKED = "blocked"


class Participant(Item):
    id: str = Field(default="P1", description="The participant's id within the test.")
    role: str | None = Field(default=None, description="The role, as in the plan's `eligibility`.")
    hire_date: dt.date | None = Field(
        default=None, description="For proration tests: first day on the plan."
    )
    leave_date: dt.date | None = Field(
        default=None, description="For proration tests: last day on the plan."
    )
    manager: str | None = Field(
        default=None, description="The id of this participant's manager in the test."
    )
    quotas: Annotated[dict[str, Amount], Shown(type="mapping of quota id to amount")] = Field(
        default_factory=dict,
        description="The participant's own quotas, overriding the plan's defaults.",
    )
    target_incentive: Amount | None = Field(
        default=None, description="The participant's own target incentive."
    )


TRANSACTION_FIELDS: frozenset[str] = frozenset(
    {"id", "date", "amount", "measure", "participant", "split", "cancelled_on", "term_months"}
)
"""The fields every transaction has; conditions test these like attributes."""


class Transaction(Item):
    id: LocalId = Field(description="Unique within the test case (`T1`).")
    date: dt.date = Field(description="The credit date.")
    amount: Amount = Field(description="The amount; negative for a return or credit memo.")
    measure: Annotated[
        Ref | None,
        Shown(type="reference to a measure of `plan`", default="the plan's first measure"),
    ] = Field(default=None, description="Which measure it is credited to.")
    participant: Annotated[str | None, Shown(default="the test's participant")] = Field(
        default=None, description="The participant credited (an id from `participant` or `team`)."
    )
    split: Rate = Field(
        default=Decimal("1"), description='The participant\'s share of the transaction (`"70%"`).'
    )
    attributes: Annotated[
        dict[str, str | Amount], Shown(type="mapping of text to text or number")
    ] = Field(
        default_factory=dict,
        description="Attributes that conditions test, such as `{deal_type: new_logo}`; "
        "numbers compare as numbers (`{term: 24}` meets `at_least: 12`).",
    )
    cancelled_on: dt.date | None = Field(
        default=None, description="For clawback tests: the day the deal was cancelled."
    )
    term_months: int | None = Field(
        default=None, ge=1, description="For pro-rata clawback tests: the contract term."
    )


class History(Item):
    """What happened before the tested period."""

    credit_to_date: Annotated[dict[str, Amount], Shown(type="mapping of measure id to amount")] = (
        Field(default_factory=dict, description="Credit earlier in the plan year, by measure.")
    )
    earned_to_date: Amount = Field(default=Decimal("0"), description="Earnings before this period.")
    paid_to_date: Amount = Field(default=Decimal("0"), description="Payments before this period.")
    draw_balance: Amount = Field(default=Decimal("0"), description="Draw balance still to recover.")
    cap_withheld: Amount = Field(
        default=Decimal("0"), description="Earnings withheld by a refundable cap."
    )
    periods_paid: int = Field(
        default=0,
        ge=0,
        description="Payment periods already paid on this plan (counts draw periods).",
    )


class Inputs(Item):
    period: str = Field(
        description=(
            'The period tested: `2027-03` (a month), `2027-Q1` (a quarter) or `"2027"` (a year, '
            "quoted)."
        )
    )
    participant: Annotated[Participant, Shown(default="participant `P1`")] = Field(
        default_factory=Participant,
        description="The participant being paid: see [Participant](#participant).",
    )
    team: list[Participant] = Field(
        default_factory=list, description="Other participants, for splits, rollups and overrides."
    )
    transactions: list[Transaction] = Field(
        default_factory=list,
        description="The credited transactions: see [Transaction](#transaction).",
    )
    scores: Annotated[dict[str, Rate], Shown(type="mapping of objective id to rate")] = Field(
        default_factory=dict, description="MBO scores by objective id."
    )
    history: Annotated[History, Shown(default="nothing before this period")] = Field(
        default_factory=History,
        description="What happened earlier in the plan year: see [History](#history).",
    )


class Expected(Item):
    payout: Amount | None = Field(
        default=None,
        description="What is paid for the period, after draw, recovery and payment rules.",
    )
    earnings: Amount | None = Field(
        default=None,
        description="What the components earn in the period, before the draw and payment rules.",
    )
    components: Annotated[dict[str, Amount], Shown(type="mapping of component id to amount")] = (
        Field(default_factory=dict, description="Earnings per component.")
    )
    notes: Text | None = Field(default=None, description="How the expected values were worked out.")


class Run(Item):
    by: TeamMemberRef = Field(description="Who ran the test.")
    on: dt.date = Field(description="When.")
    notes: Text | None = Field(default=None, description="What was seen, especially for a failure.")


class TestCase(Item):
    id: Annotated[str, Shown(type="id (`TC-`)")] = Field(description="For example `TC-AE-001`.")
    title: Text = Field(description="What is tested, in one line.")
    stage: Stage = Field(
        description=(
            "`unit` (by the build team as each piece is built), `system` (end to end with "
            "production-quality data), `uat` (by the customer's administrators against the "
            "requirements) or `parallel` (a full period run beside the old process and "
            "reconciled)."
        )
    )
    verifies: RequirementRefs = Field(
        default_factory=list, description="The requirements this test proves."
    )
    categories: Annotated[list[str], Shown(type="list of category ids")] = Field(
        default_factory=list,
        description="Categories it covers beyond those of the requirements it verifies.",
    )
    plan: Annotated[Ref | None, Shown(type="reference to a plan")] = Field(
        default=None, description="The plan under test, for calculation tests."
    )
    components: Annotated[list[str], Shown(type="list of component ids of `plan`")] = Field(
        default_factory=list, description="The components under test."
    )
    steps: list[Text] = Field(default_factory=list, description="What the tester does, in order.")
    given: Inputs | None = Field(
        default=None, description="Structured inputs: see [given](#given)."
    )
    expect: Expected | None = Field(
        default=None, description="Structured expected results: see [expect](#expect)."
    )
    expected_result: Text | None = Field(
        default=None, description="The expected result in words, for tests without `expect`."
    )
    status: TestStatus = Field(
        default=TestStatus.NOT_RUN, description="`not_run`, `passed`, `failed` or `blocked`."
    )
    run: Run | None = Field(default=None, description="Who ran it and when: see [Run](#run).")


class TestPlanFile(Item):
    description: Text | None = Field(default=None, description="What this test plan covers.")
    test_cases: list[TestCase] = Field(
        default_factory=list, description="The test cases: see below."
    )
