"""The acceptance register: which participant accepted which version of their plan letter,
when and how (``acceptances.yaml``)."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated

from pydantic import Field

from icmkit.model.base import Item, Ref, Shown, Text


class AcceptanceMethod(StrEnum):
    E_SIGNATURE = "e_signature"
    """Signed in an e-signature service (imported from its export)."""
    PAPER = "paper"
    EMAIL = "email"
    OTHER = "other"


class Acceptance(Item):
    """One participant's acceptance of one version of one plan letter."""

    participant: Annotated[Ref, Shown(type="reference to a participant")] = Field(
        description="The participant's id, as in `participants.yaml`."
    )
    plan: Annotated[Ref, Shown(type="reference to a plan")] = Field(
        description="The plan of the letter accepted."
    )
    letter: str = Field(
        pattern=r"^sha256:[0-9a-f]{12,64}$",
        description=(
            "The version of the letter accepted: the `sha256:` fingerprint printed on it (the "
            "whole, or at least its first 12 hex digits)."
        ),
    )
    on: dt.datetime = Field(description='When, in UTC, quoted: `"2027-05-03T09:12:00Z"`.')
    method: AcceptanceMethod = Field(
        description="How the participant accepted: `e_signature`, `paper`, `email` or `other`."
    )
    reference: Text | None = Field(
        default=None,
        description="The e-signature envelope or document id, or where the paper copy is kept.",
    )
    recorded: Text | None = Field(
        default=None,
        description=(
            "How the record got here: `icmkit accept` writes who recorded it, or the export "
            "file it was imported from."
        ),
    )


class AcceptancesFile(Item):
    acceptances: Annotated[list[Acceptance], Shown(type="list of acceptances")] = Field(
        default_factory=list,
        description="Oldest first; `icmkit accept` adds new ones at the end.",
    )
