"""The program timeline: phases with exit criteria, milestones and hour budgets."""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum
from typing import Annotated

from pydantic import Field

from icmkit.model.base import Day, Hours, Item, Shown, Text


class ExitCriterion(Item):
    text: Text = Field(description="The criterion.")
    done: bool = Field(default=False, description="Whether it is met.")


class Phase(Item):
    number: int = Field(
        ge=1, le=12, description="The phase number, as used by requirements' `phase`."
    )
    name: Text = Field(description='For example "Sandbox prototype".')
    start: Day = Field(description="First day of the phase.")
    end: Day = Field(description="Last day of the phase, included (unlike `[from, to)` windows).")
    goals: list[Text] = Field(default_factory=list, description="What the phase achieves.")
    exit_criteria: Annotated[list[ExitCriterion], Shown(type="list of exit criteria")] = Field(
        default_factory=list, description="What must be true to leave the phase: see below."
    )
    deliverables: list[Text] = Field(default_factory=list, description="What the phase hands over.")


class Milestone(Item):
    id: Annotated[str, Shown(type="id (`MS-`)")] = Field(description="For example `MS-GOLIVE`.")
    name: Text = Field(description='For example "Go live".')
    date: Day = Field(description="The planned date.")
    phase: int | None = Field(default=None, description="The phase it belongs to.")
    done: bool = Field(default=False, description="Whether it has been reached.")


class BudgetKind(StrEnum):
    ASSISTANCE = "assistance"
    """Hours for assisted requirements."""
    SUPPORT = "support"
    """Go-live and early-life support hours."""
    OTHER = "other"


class Budget(Item):
    id: Annotated[str, Shown(type="id (`BUD-`)")] = Field(description="For example `BUD-SUPPORT`.")
    name: Text = Field(description="What the hours are for.")
    kind: BudgetKind = Field(
        description=(
            "`assistance` (hours for assisted requirements), `support` (go-live and early-life "
            "support) or `other`."
        )
    )
    hours: Hours = Field(description="Hours budgeted.")
    used: Hours = Field(
        default=Decimal("0"),
        description="Hours spent so far, as recorded (shown as spent, against `hours`).",
    )
    phase: Annotated[int | None, Shown(default="none (the whole program)")] = Field(
        default=None, description="The phase the budget belongs to."
    )


class Timeline(Item):
    phases: list[Phase] = Field(min_length=1, description="See [Phase](#phase).")
    milestones: list[Milestone] = Field(
        default_factory=list, description="See [Milestone](#milestone)."
    )
    budgets: list[Budget] = Field(default_factory=list, description="See [Budget](#budget).")


class TimelineFile(Item):
    timeline: Timeline = Field(description="The timeline: see below.")
