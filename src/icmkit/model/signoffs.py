"""Sign-offs: a person approved the content of some items, recorded by fingerprint."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from icmkit.model.base import Item, Shown, Text, Timestamp


class SignOff(Item):
    """One approval: who, in what role, when, and the fingerprint of each item approved."""

    by: Text = Field(description="Who approved.")
    role: Text = Field(description="Their role in the program.")
    on: Timestamp = Field(description='When, in UTC, quoted: `"2027-02-12T16:30:00Z"`.')
    scope: list[str] = Field(
        default_factory=list,
        description="What was asked for: `requirements`, `plans`, `all` or item ids.",
    )
    items: Annotated[dict[str, str], Shown(type="mapping")] = Field(
        default_factory=dict,
        description="Item id → `sha256:` fingerprint of the item's content when it was approved.",
    )


class SignOffsFile(Item):
    signoffs: Annotated[list[SignOff], Shown(type="list of sign-offs")] = Field(
        default_factory=list, description="Oldest first; each new sign-off is added at the end."
    )
