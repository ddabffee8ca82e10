"""Data sources and the data conversion plan."""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum
from typing import Annotated

from pydantic import Field

from icmkit.model.base import Amount, DataSourceRef, Day, Item, Ref, Shown, TeamMemberRef, Text


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
    name: str = Field(description="The object's name in the source system (`Opportunity`).")
    fields: list[str] = Field(default_factory=list, description="The fields read.")
    key: list[str] = Field(default_factory=list, description="The fields that identify a record.")


class DecimalSeparator(StrEnum):
    DOT = "dot"
    COMMA = "comma"


class ThousandsSeparator(StrEnum):
    COMMA = "comma"
    DOT = "dot"
    SPACE = "space"
    APOSTROPHE = "apostrophe"
    NONE = "none"


class NumberFormatSpec(Item):
    """How a source writes numbers in its files, so that none has to be guessed."""

    decimal: DecimalSeparator = Field(
        description="The decimal separator: `dot` (`1234.56`) or `comma` (`1234,56`)."
    )
    thousands: ThousandsSeparator = Field(
        default=ThousandsSeparator.NONE,
        description="The thousands separator: `comma`, `dot`, `space`, `apostrophe` or `none`.",
    )


class DataSource(Item):
    id: Annotated[str, Shown(type="id (`DS-`)")] = Field(
        description="For example `DS-CRM`; measures, mappings and integrations refer to it."
    )
    name: Text = Field(description='What the data is ("CRM opportunities").')
    system: Text = Field(description='The system it comes from ("Salesforce").')
    objects: list[DataObject] = Field(
        default_factory=list, description="The objects (tables, files) read from it: see below."
    )
    method: LoadMethod = Field(
        description=(
            "How it is loaded: `api`, `connector` (a packaged platform connector), `sftp`, `file` "
            "(a file upload) or `manual` (keyed in)."
        )
    )
    frequency: LoadFrequency = Field(
        description=(
            "How often: `realtime`, `hourly`, `daily`, `weekly`, `monthly`, `on_demand` or `once`."
        )
    )
    owner: TeamMemberRef | None = Field(default=None, description="Who answers for the data.")
    notes: Text | None = Field(default=None, description="Known quality problems, timing, volumes.")
    number_format: NumberFormatSpec | None = Field(
        default=None,
        description="How its files write numbers (`{decimal: comma, thousands: dot}` for "
        "`1.234,56`): see below. Without it, a number whose separators could be read two ways "
        "is refused.",
    )


class DataSourcesFile(Item):
    data_sources: list[DataSource] = Field(
        default_factory=list, description="The data sources: see below."
    )


class FieldMap(Item):
    source: str = Field(description="The source field.")
    target: str = Field(description="The platform field.")
    transform: Text | None = Field(
        default=None,
        description="How the value is changed on the way, in words or as an expression.",
    )


class Mapping(Item):
    id: Annotated[str, Shown(type="id (`MAP-`)")] = Field(description="For example `MAP-OPP`.")
    source: DataSourceRef = Field(description="Where the data comes from.")
    object: str = Field(
        description="The source object, as named in the data source (`Opportunity`)."
    )
    target: str = Field(description="The target table in the ICM platform.")
    keys: list[str] = Field(default_factory=list, description="The fields that identify a record.")
    fields: list[FieldMap] = Field(
        default_factory=list, description="Field by field: see [Field map](#field-map)."
    )
    notes: Text | None = Field(default=None, description="Anything the loader must know.")


class HistoricalScope(Item):
    from_: Day = Field(alias="from", description="First day of history converted.")
    to: Day = Field(description="First day no longer converted, as in every `[from, to)` window.")
    description: Text | None = Field(
        default=None,
        description="What the history is needed for (year-to-date attainment, disputes, true-ups).",
    )


class OpeningBalance(Item):
    id: Annotated[str, Shown(type="id (`OB-`)")] = Field(description="For example `OB-DRAW`.")
    name: Text = Field(description='Which balance ("Outstanding draw balances").')
    as_of: Day = Field(description="The date the balance is taken at.")
    source: DataSourceRef | None = Field(default=None, description="Where the balance comes from.")
    description: Text | None = Field(default=None, description="How it is computed and signed off.")


class ControlTotal(Item):
    id: Annotated[str, Shown(type="id (`CT-`)")] = Field(description="For example `CT-2026-ARR`.")
    name: Text = Field(description="What is totalled.")
    mapping: Annotated[Ref | None, Shown(type="reference to a mapping")] = Field(
        default=None, description="The mapping whose load it checks."
    )
    measure: Text = Field(
        description='How the total is computed ("sum of Amount", "count of records").'
    )
    expected: Amount | None = Field(default=None, description="The total expected from the source.")
    tolerance: Amount = Field(default=Decimal("0"), description="The largest difference accepted.")


class Cutover(Item):
    date: Day | None = Field(default=None, description="The cutover date.")
    steps: list[Text] = Field(default_factory=list, description="The cutover steps, in order.")
    go_no_go: list[Text] = Field(
        default_factory=list, description="The criteria checked before going live."
    )
    rollback: list[Text] = Field(
        default_factory=list, description="How to go back to the old process if the cutover fails."
    )


class ConversionPlan(Item):
    owner: TeamMemberRef | None = Field(default=None, description="Who owns the conversion.")
    history: HistoricalScope | None = Field(
        default=None,
        description="Which history is converted: see [Historical scope](#historical-scope).",
    )
    mappings: list[Mapping] = Field(
        default_factory=list, description="Source-to-platform mappings: see [Mapping](#mapping)."
    )
    opening_balances: list[OpeningBalance] = Field(
        default_factory=list,
        description="Balances carried in at cutover: see [Opening balance](#opening-balance).",
    )
    control_totals: list[ControlTotal] = Field(
        default_factory=list,
        description="Totals that must match after loading: see [Control total](#control-total).",
    )
    cutover: Annotated[Cutover, Shown(default="no cutover details")] = Field(
        default_factory=Cutover, description="The cutover plan: see [Cutover](#cutover)."
    )


class ConversionFile(Item):
    conversion: ConversionPlan = Field(description="The conversion plan: see below.")
