"""The program timeline: phases with exit criteria, milestones and hour budgets."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from enum import StrEnum

from pydantic import Field

from icmkit.model.base import Hours, Item, Text


class ExitCriterion(Item):
    text: Text
    done: bool = False


class Phase(Item):
    number: int = Field(ge=1, le=12)
    name: Text
    start: dt.date
    end: dt.date = Field(description="Last day of the phase (inclusive).")
    goals: list[Text] = Field(default_factory=list)
    exit_criteria: list[ExitCriterion] = Field(default_factory=list)
    deliverables: list[Text] = Field(default_factory=list)


class Milestone(Item):
    id: str
    name: Text
    date: dt.date
    phase: int | None = None
    done: bool = False


class BudgetKind(StrEnum):
    ASSISTANCE = "assistance"
    """Hours for assisted requirements."""
    SUPPORT = "support"
    """Go-live and early-life support hours."""
    OTHER = "other"


class Budget(Item):
    id: str
    name: Text
    kind: BudgetKind
    hours: Hours
    used: Hours = Decimal("0")
    phase: int | None = Field(default=None, description="Phase it belongs to; none = program.")


class Timeline(Item):
    phases: list[Phase] = Field(min_length=1)
    milestones: list[Milestone] = Field(default_factory=list)
    budgets: list[Budget] = Field(default_factory=list)


class TimelineFile(Item):
    timeline: Timeline
