"""The solution design outline: components, integrations and decisions with rationale."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from pydantic import Field

from icmkit.model.base import DataSourceRef, Day, Item, RequirementRefs, Shown, Text


class Environment(Item):
    name: str = Field(description="For example `sandbox`, `pre-production`, `production`.")
    purpose: Text = Field(description="What it is used for.")


class DesignComponent(Item):
    id: Annotated[str, Shown(type="id (`SD-`)")] = Field(description="For example `SD-CREDITING`.")
    name: Text = Field(description="The building block's name.")
    description: Text = Field(description="What it does and how it is configured.")
    requirements: RequirementRefs = Field(
        default_factory=list, description="The requirements it delivers."
    )


class Integration(Item):
    id: Annotated[str, Shown(type="id (`INT-`)")] = Field(description="For example `INT-CRM`.")
    name: Text = Field(description="The integration's name.")
    source: DataSourceRef = Field(description="Where the data comes from.")
    target: Text = Field(description="Where it goes (a platform table or an outbound system).")
    method: Text = Field(description='How it runs ("REST API", "SFTP drop").')
    frequency: Text = Field(description='How often ("nightly at 02:00").')
    notes: Text | None = Field(default=None, description="Error handling, volumes, owners.")


class DecisionStatus(StrEnum):
    PROPOSED = "proposed"
    AGREED = "agreed"
    SUPERSEDED = "superseded"


class Decision(Item):
    id: Annotated[str, Shown(type="id (`DEC-`)")] = Field(description="For example `DEC-001`.")
    title: Text = Field(description="The question decided.")
    decision: Text = Field(description="What was decided.")
    rationale: Text = Field(description="Why, including the options not taken.")
    status: DecisionStatus = Field(
        default=DecisionStatus.PROPOSED, description="`proposed`, `agreed` or `superseded`."
    )
    date: Day | None = Field(default=None, description="When it was decided.")
    requirements: RequirementRefs = Field(
        default_factory=list, description="The requirements it affects."
    )


class SolutionDesign(Item):
    overview: Text | None = Field(default=None, description="The solution in a few paragraphs.")
    environments: list[Environment] = Field(
        default_factory=list, description="See [Environment](#environment)."
    )
    components: list[DesignComponent] = Field(
        default_factory=list, description="See [Design component](#design-component)."
    )
    integrations: list[Integration] = Field(
        default_factory=list, description="See [Integration](#integration)."
    )
    decisions: list[Decision] = Field(
        default_factory=list, description="See [Decision](#decision)."
    )


class DesignFile(Item):
    solution_design: SolutionDesign = Field(description="The design: see below.")
