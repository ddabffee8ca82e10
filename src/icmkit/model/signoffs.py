"""Sign-offs: a person approved the content of some items, recorded by fingerprint."""

from __future__ import annotations

import datetime as dt

from pydantic import Field

from icmkit.model.base import Item, Text


class SignOff(Item):
    """One approval: who, in what role, when, and the fingerprint of each item approved."""

    by: Text
    role: Text
    on: dt.datetime = Field(description="When the sign-off was recorded (UTC).")
    scope: list[str] = Field(default_factory=list, description="What the signer asked for.")
    items: dict[str, str] = Field(
        default_factory=dict, description="Item id -> sha256 fingerprint of its content."
    )


class SignOffsFile(Item):
    signoffs: list[SignOff] = Field(default_factory=list)
