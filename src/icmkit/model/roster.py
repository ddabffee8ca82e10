"""The roster: who is paid, in which role, under whom and on which plan, effective-dated."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, model_validator

from icmkit.model.base import Amount, Day, Item, Ref, Shown, Text


class Participant(Item):
    id: str = Field(default="P1", description="The participant's id within the test.")
    role: str | None = Field(default=None, description="The role, as in the plan's `eligibility`.")
    hire_date: Day | None = Field(default=None, description="The first day employed.")
    leave_date: Day | None = Field(
        default=None, description="The last day employed (a leaver is paid to this day)."
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


class ManagerSpell(Item):
    """A participant's manager from ``from`` (included) to ``to`` (excluded)."""

    manager: str = Field(description="The manager's participant id.")
    from_: Day = Field(alias="from", description="The first day under this manager.")
    to: Annotated[Day | None, Shown(default="none (still)")] = Field(
        default=None, description="The first day no longer under this manager."
    )


class Assignment(Item):
    """A participant's time on a plan, with what is personal to them on it."""

    plan: Annotated[Ref, Shown(type="reference to a plan")] = Field(description="The plan.")
    from_: Annotated[Day | None, Shown(default="the later of hire date and plan start")] = Field(
        default=None, alias="from", description="The first day on the plan."
    )
    to: Annotated[Day | None, Shown(default="none (the plan's end)")] = Field(
        default=None, description="The first day no longer on the plan."
    )
    role: Annotated[str | None, Shown(default="the participant's role")] = Field(
        default=None, description="The role held on this plan, when it differs."
    )
    quotas: Annotated[dict[str, Amount], Shown(type="mapping of quota id to amount")] = Field(
        default_factory=dict,
        description="Personal quotas on this plan, overriding the participant's and the plan's.",
    )
    target_incentive: Amount | None = Field(
        default=None, description="The personal target incentive on this plan."
    )


class RosterEntry(Participant):
    """One participant of the roster (``participants.yaml``, or a test case's ``participants``)."""

    id: str = Field(
        min_length=1,
        description="The participant's id, as the data sources know them (`E1047`).",
    )
    name: Text | None = Field(default=None, description="Full name, for statements and letters.")
    managers: list[ManagerSpell] = Field(
        default_factory=list,
        description=(
            "The participant's managers over time, when they change (instead of `manager`): "
            "see [Manager spells](#manager-spells)."
        ),
    )
    territory: Text | None = Field(default=None, description="Territory, for letters and reports.")
    segment: Text | None = Field(default=None, description="Segment, for letters and reports.")
    assignments: list[Assignment] = Field(
        default_factory=list,
        description=(
            "The plans the participant is on, with dates: see [Assignments](#assignments). "
            "Without any, the participant is on every plan whose eligibility names their role."
        ),
    )

    @model_validator(mode="after")
    def _one_way_to_name_managers(self) -> RosterEntry:
        if self.manager is not None and self.managers:
            raise ValueError("give `manager` (one for all time) or `managers` (spells), not both")
        return self


class ParticipantsFile(Item):
    participants: list[RosterEntry] = Field(
        default_factory=list, description="The participants: see below."
    )
