"""The solution design outline: components, integrations and decisions with rationale."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from pydantic import Field

from icmkit.model.base import Item, Ref, Text


class Environment(Item):
    name: str
    purpose: Text


class DesignComponent(Item):
    id: str
    name: Text
    description: Text
    requirements: list[Ref] = Field(default_factory=list)


class Integration(Item):
    id: str
    name: Text
    source: Ref = Field(description="Data source id.")
    target: Text
    method: Text
    frequency: Text
    notes: Text | None = None


class DecisionStatus(StrEnum):
    PROPOSED = "proposed"
    AGREED = "agreed"
    SUPERSEDED = "superseded"


class Decision(Item):
    id: str
    title: Text
    decision: Text
    rationale: Text
    status: DecisionStatus = DecisionStatus.PROPOSED
    date: dt.date | None = None
    requirements: list[Ref] = Field(default_factory=list)


class SolutionDesign(Item):
    overview: Text | None = None
    environments: list[Environment] = Field(default_factory=list)
    components: list[DesignComponent] = Field(default_factory=list)
    integrations: list[Integration] = Field(default_factory=list)
    decisions: list[Decision] = Field(default_factory=list)


class DesignFile(Item):
    solution_design: SolutionDesign
