"""Business and functional requirements."""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from pydantic import Field

from icmkit.model.base import Hours, Item, Ref, Text


class Kind(StrEnum):
    """How a functional requirement is documented (the lean method)."""

    STANDARD = "standard"
    """Met out of the box: listed as a checklist line, never specified."""
    UNIQUE = "unique"
    """The customer's own data, logic, rules or reports: spec, user stories, criteria."""
    ASSISTED = "assisted"
    """Help the implementer gives, with a number of hours."""


class Priority(StrEnum):
    MUST = "must"
    SHOULD = "should"
    COULD = "could"
    WONT = "wont"


class Status(StrEnum):
    PROPOSED = "proposed"
    AGREED = "agreed"
    CONFIGURED = "configured"
    TESTED = "tested"
    ACCEPTED = "accepted"
    DEFERRED = "deferred"


STATUS_ORDER: dict[Status, int] = {
    Status.PROPOSED: 0,
    Status.AGREED: 1,
    Status.CONFIGURED: 2,
    Status.TESTED: 3,
    Status.ACCEPTED: 4,
    Status.DEFERRED: -1,
}


class Outcome(Item):
    """A measurable outcome: what is measured, where it is now, where it must get to, by when."""

    measure: Text
    baseline: Text | None = None
    target: Text
    by: date | None = None


class BusinessRequirement(Item):
    id: str
    title: Text
    why: Text
    outcome: Outcome
    sponsor: Ref | None = None
    priority: Priority = Priority.MUST


class UserStory(Item):
    as_a: Text = Field(alias="as")
    i_want: Text
    so_that: Text


class Links(Item):
    business: list[Ref] = Field(default_factory=list)
    plans: list[Ref] = Field(default_factory=list)
    reports: list[Ref] = Field(default_factory=list)
    data_sources: list[Ref] = Field(default_factory=list)
    requirements: list[Ref] = Field(default_factory=list)


class FunctionalRequirement(Item):
    id: str
    title: Text
    category: str
    kind: Kind
    priority: Priority = Priority.MUST
    phase: int = Field(ge=1, le=12)
    status: Status = Status.PROPOSED
    owner: Ref | None = None
    hours: Hours | None = Field(default=None, description="Assisted requirements: hours of help.")
    spec: Text | None = None
    user_stories: list[UserStory] = Field(default_factory=list)
    acceptance_criteria: list[Text] = Field(default_factory=list)
    links: Links = Field(default_factory=Links)
    notes: Text | None = None


class BusinessRequirementsFile(Item):
    business_requirements: list[BusinessRequirement] = Field(default_factory=list)


class RequirementsFile(Item):
    requirements: list[FunctionalRequirement] = Field(default_factory=list)
