"""The customer's mandatory reports, each with an example layout."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated

from pydantic import Field

from icmkit.model.base import DataSourceRef, Item, Shown, TeamMemberRef, Text

Cell = str | int | Decimal | date | bool | None


class Layout(Item):
    columns: list[str] = Field(min_length=1, description="The column headings.")
    example: Annotated[list[list[Cell]], Shown(type="list of rows")] = Field(
        default_factory=list,
        description=(
            "Example rows, each a list of cells (text, numbers, dates, yes/no or empty), one per "
            "column."
        ),
    )


class Report(Item):
    id: Annotated[str, Shown(type="id (`RPT-`)")] = Field(
        description="For example `RPT-STATEMENT`."
    )
    name: Text = Field(description="The report's name.")
    purpose: Text = Field(description="The question it answers and for whom.")
    audience: list[str] = Field(
        default_factory=list, description='Who reads it ("Account executives", "Payroll").'
    )
    frequency: Text = Field(default="monthly", description="How often it is produced, in words.")
    mandatory: bool = Field(default=True, description="Whether go-live needs it.")
    sources: list[DataSourceRef] = Field(
        default_factory=list, description="The data sources it draws on."
    )
    layout: Layout | None = Field(default=None, description="An example layout: see below.")
    owner: TeamMemberRef | None = Field(default=None, description="Who owns the report.")


class ReportsFile(Item):
    reports: list[Report] = Field(default_factory=list, description="The reports: see below.")
