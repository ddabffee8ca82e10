"""Business and functional requirements."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from icmkit.model.base import (
    DataSourceRef,
    Day,
    Hours,
    Item,
    Ref,
    RequirementRefs,
    Shown,
    TeamMemberRef,
    Text,
)
from icmkit.model.requirement_choices import STATUS_ORDER as STATUS_ORDER
from icmkit.model.requirement_choices import Kind as Kind
from icmkit.model.requirement_choices import Priority as Priority
from icmkit.model.requirement_choices import Status as Status


class Outcome(Item):
    """A measurable outcome: what is measured, where it is now, where it must get to, by when."""

    measure: Text = Field(description='What is measured ("Commission disputes per month").')
    baseline: Text | None = Field(
        default=None, description='Today\'s value. Quote numbers: `"12"`.'
    )
    target: Text = Field(description='The value to reach ("under 2").')
    by: Day | None = Field(default=None, description="When the target must be reached.")


class BusinessRequirement(Item):
    id: Annotated[str, Shown(type="id (`BR-`)")] = Field(description="For example `BR-ACCURACY`.")
    title: Text = Field(description="The requirement in one line.")
    why: Text = Field(description="The problem it solves, in the customer's words.")
    outcome: Outcome = Field(description="How success is measured: see below.")
    sponsor: TeamMemberRef | None = Field(
        default=None, description="Who on the customer side owns the outcome."
    )
    priority: Priority = Field(
        default=Priority.MUST, description="`must`, `should`, `could` or `wont` (MoSCoW)."
    )


class UserStory(Item):
    as_a: Text = Field(alias="as", description='Who wants it ("an account executive").')
    i_want: Text = Field(description="What they want to do or see.")
    so_that: Text = Field(description="Why.")


class Links(Item):
    business: Annotated[list[Ref], Shown(type="list of business requirement ids")] = Field(
        default_factory=list, description="The business requirements this requirement serves."
    )
    plans: Annotated[list[Ref], Shown(type="list of plan ids")] = Field(
        default_factory=list, description="Plans that implement it."
    )
    reports: Annotated[list[Ref], Shown(type="list of report ids")] = Field(
        default_factory=list, description="Reports it concerns."
    )
    data_sources: list[DataSourceRef] = Field(
        default_factory=list, description="Data sources it needs."
    )
    requirements: RequirementRefs = Field(
        default_factory=list, description="Related functional requirements."
    )


class FunctionalRequirement(Item):
    id: Annotated[str, Shown(type="id (`FR-`)")] = Field(
        description="Stable id, such as `FR-DI-001`; never reuse one for a different requirement."
    )
    title: Text = Field(
        description=(
            "The requirement in one line; for a `standard` requirement this is the checklist line."
        )
    )
    category: Annotated[str, Shown(type="category id")] = Field(
        description="One of the program's categories, such as `data_integration`."
    )
    kind: Kind = Field(
        description=(
            "`standard` (listed only), `unique` (spec, user stories, acceptance criteria) or "
            "`assisted` (help, with `hours`). See [the lean method](#the-lean-method)."
        )
    )
    priority: Priority = Field(
        default=Priority.MUST, description="`must`, `should`, `could` or `wont`."
    )
    phase: int = Field(ge=1, le=12, description="The program phase in which it is delivered.")
    status: Status = Field(
        default=Status.PROPOSED,
        description=(
            "Where it stands: `proposed` → `agreed` → `configured` → `tested` → `accepted`, or "
            "`deferred` (moved out of scope for now)."
        ),
    )
    owner: TeamMemberRef | None = Field(
        default=None, description="Who is responsible for delivering it."
    )
    hours: Hours | None = Field(
        default=None, description="For `assisted` requirements: the hours of help."
    )
    spec: Text | None = Field(
        default=None,
        description=(
            "For `unique` requirements: the specification. Use a YAML block (`spec: |`) for "
            "several paragraphs."
        ),
    )
    user_stories: list[UserStory] = Field(
        default_factory=list, description="For `unique` requirements: see below."
    )
    acceptance_criteria: list[Text] = Field(
        default_factory=list,
        description="For `unique` requirements: each a statement a tester can check.",
    )
    links: Annotated[Links, Shown(default="no links")] = Field(
        default_factory=Links, description="What the requirement concerns: see [Links](#links)."
    )
    notes: Text | None = Field(
        default=None, description="Anything else worth keeping with the requirement."
    )


class BusinessRequirementsFile(Item):
    business_requirements: list[BusinessRequirement] = Field(
        default_factory=list, description="The business requirements: see below."
    )


class RequirementsFile(Item):
    requirements: list[FunctionalRequirement] = Field(
        default_factory=list, description="The requirements of this file: see below."
    )
