"""The customer's mandatory reports, each with an example layout."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from pydantic import Field

from icmkit.model.base import Item, Ref, Text

Cell = str | int | Decimal | date | bool | None


class Layout(Item):
    columns: list[str] = Field(min_length=1)
    example: list[list[Cell]] = Field(default_factory=list, description="Example rows.")


class Report(Item):
    id: str
    name: Text
    purpose: Text
    audience: list[str] = Field(default_factory=list)
    frequency: Text = "monthly"
    mandatory: bool = True
    sources: list[Ref] = Field(default_factory=list, description="Data source ids.")
    layout: Layout | None = None
    owner: Ref | None = None


class ReportsFile(Item):
    reports: list[Report] = Field(default_factory=list)
