"""Test plans: test cases by stage, with structured inputs and expected results."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from enum import StrEnum

from pydantic import Field

from icmkit.model.base import Amount, Item, Rate, Ref, Text


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
    id: str = "P1"
    role: str | None = None
    hire_date: dt.date | None = None
    leave_date: dt.date | None = None
    manager: str | None = None
    quotas: dict[str, Amount] = Field(default_factory=dict, description="Quota id -> amount.")
    target_incentive: Amount | None = None


TRANSACTION_FIELDS: frozenset[str] = frozenset(
    {"id", "date", "amount", "measure", "participant", "split", "cancelled_on", "term_months"}
)
"""The fields every transaction has; conditions test these like attributes."""


class Transaction(Item):
    id: str
    date: dt.date
    amount: Amount
    measure: Ref | None = Field(default=None, description="Defaults to the plan's first measure.")
    participant: str | None = Field(default=None, description="Defaults to the participant.")
    split: Rate = Decimal("1")
    attributes: dict[str, str | Amount] = Field(
        default_factory=dict,
        description="Attributes that conditions test; numbers compare as numbers.",
    )
    cancelled_on: dt.date | None = None
    term_months: int | None = Field(default=None, ge=1)


class History(Item):
    """What happened before the tested period."""

    credit_to_date: dict[str, Amount] = Field(
        default_factory=dict, description="Measure id -> credit earlier in the year."
    )
    earned_to_date: Amount = Decimal("0")
    paid_to_date: Amount = Decimal("0")
    draw_balance: Amount = Decimal("0")
    cap_withheld: Amount = Decimal("0")
    periods_paid: int = Field(default=0, ge=0)


class Inputs(Item):
    period: str = Field(description="Tested period: `2027-03`, `2027-Q1` or `2027`.")
    participant: Participant = Field(default_factory=Participant)
    team: list[Participant] = Field(default_factory=list)
    transactions: list[Transaction] = Field(default_factory=list)
    scores: dict[str, Rate] = Field(default_factory=dict, description="MBO objective -> score.")
    history: History = Field(default_factory=History)


class Expected(Item):
    payout: Amount | None = None
    earnings: Amount | None = None
    components: dict[str, Amount] = Field(default_factory=dict)
    notes: Text | None = None


class Run(Item):
    by: Ref
    on: dt.date
    notes: Text | None = None


class TestCase(Item):
    id: str
    title: Text
    stage: Stage
    verifies: list[Ref] = Field(default_factory=list, description="Requirement ids.")
    categories: list[str] = Field(default_factory=list)
    plan: Ref | None = None
    components: list[str] = Field(default_factory=list, description="Component ids in `plan`.")
    steps: list[Text] = Field(default_factory=list)
    given: Inputs | None = None
    expect: Expected | None = None
    expected_result: Text | None = Field(default=None, description="Expected result in words.")
    status: TestStatus = TestStatus.NOT_RUN
    run: Run | None = None


class TestPlanFile(Item):
    description: Text | None = None
    test_cases: list[TestCase] = Field(default_factory=list)
