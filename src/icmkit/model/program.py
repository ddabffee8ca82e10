"""The program file: customer, platform, team, essential categories and check settings."""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from pydantic import Field

from icmkit.model.base import Item, Text
from icmkit.model.categories import DEFAULT_CATEGORIES
from icmkit.model.findings import Severity


class Side(StrEnum):
    CUSTOMER = "customer"
    IMPLEMENTER = "implementer"


class TeamMember(Item):
    id: str = Field(description="Short handle used as `owner` elsewhere, e.g. `jdoe`.")
    name: Text
    role: Text
    side: Side
    email: str | None = None


class CheckSettings(Item):
    """How ``icmkit check`` treats this program's findings."""

    ignore: list[str] = Field(default_factory=list, description="Rule codes to skip.")
    severity: dict[str, Severity] = Field(
        default_factory=dict, description="Rule code -> severity, to raise or lower a rule."
    )
    warnings_fail: bool = Field(
        default=False, description="Treat warnings as failures (like `--strict`)."
    )


class Category(Item):
    """A requirement category of this program, beyond or instead of the default 17."""

    id: str
    name: Text


class ProgramInfo(Item):
    customer: Text
    name: Text | None = Field(default=None, description="Program name; defaults to the customer.")
    platform: Text = "Performio"
    currency: str = Field(default="USD", pattern=r"^[A-Z]{3}$")
    start: date
    end: date | None = None
    team: list[TeamMember] = Field(default_factory=list)
    essential_categories: list[str] = Field(default_factory=lambda: list(DEFAULT_CATEGORIES))
    extra_categories: list[Category] = Field(default_factory=list)
    phases: int = Field(default=4, ge=1, le=12, description="Number of program phases.")


class ProgramFile(Item):
    """``program.yaml``: the root of a program repository."""

    program: ProgramInfo
    check: CheckSettings = Field(default_factory=CheckSettings)
