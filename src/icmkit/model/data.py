"""Data sources and the data conversion plan."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from enum import StrEnum

from pydantic import Field

from icmkit.model.base import Amount, Item, Ref, Text


class LoadMethod(StrEnum):
    API = "api"
    CONNECTOR = "connector"
    SFTP = "sftp"
    FILE = "file"
    MANUAL = "manual"


class LoadFrequency(StrEnum):
    REALTIME = "realtime"
    HOURLY = "hourly"
    DAILY = "daily"
    WEEKLY = "weekly"
    MONTHLY = "monthly"
    ON_DEMAND = "on_demand"
    ONCE = "once"


class DataObject(Item):
    name: str
    fields: list[str] = Field(default_factory=list)
    key: list[str] = Field(default_factory=list, description="Fields that identify a record.")


class DataSource(Item):
    id: str
    name: Text
    system: Text
    objects: list[DataObject] = Field(default_factory=list)
    method: LoadMethod
    frequency: LoadFrequency
    owner: Ref | None = None
    notes: Text | None = None


class DataSourcesFile(Item):
    data_sources: list[DataSource] = Field(default_factory=list)


class FieldMap(Item):
    source: str
    target: str
    transform: Text | None = None


class Mapping(Item):
    id: str
    source: Ref = Field(description="Data source id.")
    object: str
    target: str = Field(description="Target table in the ICM platform.")
    keys: list[str] = Field(default_factory=list)
    fields: list[FieldMap] = Field(default_factory=list)
    notes: Text | None = None


class HistoricalScope(Item):
    from_: dt.date = Field(alias="from")
    to: dt.date
    description: Text | None = None


class OpeningBalance(Item):
    id: str
    name: Text
    as_of: dt.date
    source: Ref | None = None
    description: Text | None = None


class ControlTotal(Item):
    id: str
    name: Text
    mapping: Ref | None = None
    measure: Text
    expected: Amount | None = None
    tolerance: Amount = Decimal("0")


class Cutover(Item):
    date: dt.date | None = None
    steps: list[Text] = Field(default_factory=list)
    go_no_go: list[Text] = Field(default_factory=list)
    rollback: list[Text] = Field(default_factory=list)


class ConversionPlan(Item):
    owner: Ref | None = None
    history: HistoricalScope | None = None
    mappings: list[Mapping] = Field(default_factory=list)
    opening_balances: list[OpeningBalance] = Field(default_factory=list)
    control_totals: list[ControlTotal] = Field(default_factory=list)
    cutover: Cutover = Field(default_factory=Cutover)


class ConversionFile(Item):
    conversion: ConversionPlan
