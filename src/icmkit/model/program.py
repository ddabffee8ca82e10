"""The program file: customer, platform, team, essential categories and check settings."""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum
from typing import Annotated

from pydantic import Field, model_validator

from icmkit.model.base import Day, Item, Rate, Shown, Text
from icmkit.model.categories import DEFAULT_CATEGORIES
from icmkit.model.engine_settings import EngineSettings
from icmkit.model.findings import Severity

MAX_SWEEP_STEPS = 10_000
"""At most this many attainment steps per component: a sweep must stay quick."""


class Side(StrEnum):
    CUSTOMER = "customer"
    IMPLEMENTER = "implementer"


class TeamMember(Item):
    id: Annotated[str, Shown(type="team member id")] = Field(
        description=(
            "Short lower-case handle, used as `owner`, `sponsor` and `run.by` elsewhere (`ana`)."
        )
    )
    name: Text = Field(description="Full name.")
    role: Text = Field(
        description=(
            'Role on the program, such as "Implementation consultant" or "ICM administrator".'
        )
    )
    side: Side = Field(
        description="`customer` or `implementer`: which side of the program the person is on."
    )
    email: str | None = Field(default=None, description="Email address.")


class PlanShapeSettings(Item):
    """How the plan-shape rules (SHP001-SHP004) sweep each component's payout."""

    sweep_to: Rate = Field(
        default=Decimal("3"),
        gt=0,
        le=100,
        description="The highest attainment swept (`3` = 300% of quota).",
    )
    step: Rate = Field(
        default=Decimal("0.01"),
        gt=0,
        description=(
            "The attainment step the payout is sampled at (`0.01` = every 1%): a cliff is a "
            "change across one step."
        ),
    )
    cliff_share: Rate = Field(
        default=Decimal("0.5"),
        ge=0,
        description=(
            "SHP001: a rise of the payout across one step larger than this share of the target "
            "incentive is a cliff (`0.5` = half of target). A drop always is."
        ),
    )
    max_multiple: Rate = Field(
        default=Decimal("4"),
        ge=0,
        description=(
            "SHP003: a component still rising at `sweep_to` may pay at most this multiple of the "
            "target incentive there (a straight commission at the target rate pays 3 times "
            "target at 300%)."
        ),
    )

    @model_validator(mode="after")
    def _enough_steps(self) -> PlanShapeSettings:
        if self.sweep_to / self.step > MAX_SWEEP_STEPS:
            raise ValueError(
                f"`sweep_to` / `step` is more than {MAX_SWEEP_STEPS} steps: take a larger `step`"
            )
        return self


class CheckSettings(Item):
    """How ``icmkit check`` treats this program's findings."""

    ignore: Annotated[list[str], Shown(type="list of rule codes")] = Field(
        default_factory=list, description="Rules to skip entirely for this program."
    )
    severity: Annotated[dict[str, Severity], Shown(type="mapping of rule code to severity")] = (
        Field(
            default_factory=dict,
            description=(
                "Raise or lower a rule's severity: each value is `error`, `warning` or `info`."
            ),
        )
    )
    warnings_fail: bool = Field(
        default=False,
        description=(
            "Treat warnings as failures, as `icmkit check --strict` does. Errors always fail."
        ),
    )
    plan_shape: Annotated[PlanShapeSettings, Shown(default="the defaults below")] = Field(
        default_factory=PlanShapeSettings,
        description=(
            "How each plan's payout is swept for cliffs, falls, uncapped exposure and gaps "
            "(SHP001-SHP004): see [Plan shape](#plan-shape)."
        ),
    )
    placeholders_fail_from_phase: int = Field(
        default=2,
        ge=1,
        description=(
            "The phase from which a `REPLACE:` placeholder left in a file is an error (COV005) "
            "rather than a warning: `1` makes it an error from the start. The program is in a "
            "phase from its `start` date on."
        ),
    )


class Category(Item):
    """A requirement category of this program, beyond or instead of the default 17."""

    id: str = Field(
        description="Lower-case words joined by `_`, like the standard ids (`sox_controls`)."
    )
    name: Text = Field(description="Display name.")


class Weekday(StrEnum):
    MONDAY = "monday"
    TUESDAY = "tuesday"
    WEDNESDAY = "wednesday"
    THURSDAY = "thursday"
    FRIDAY = "friday"
    SATURDAY = "saturday"
    SUNDAY = "sunday"


class FiscalYearName(StrEnum):
    START = "start"
    END = "end"


class CalendarSpec(Item):
    """How the program's periods are cut: the fiscal year, weeks and bi-weekly pay periods."""

    fiscal_year_start: int = Field(
        default=1,
        ge=1,
        le=12,
        description="The month the fiscal year starts in (`2` for February); quarters follow it.",
    )
    fiscal_year_named_by: FiscalYearName = Field(
        default=FiscalYearName.END,
        description=(
            "Whether a fiscal year is named by the calendar year it `start`s or `end`s in (with "
            "a February start and `end`, FY2028 runs from February 2027 to January 2028)."
        ),
    )
    week_starts: Weekday = Field(
        default=Weekday.MONDAY,
        description=(
            "The first day of a `weekly` period: `monday`, `tuesday`, `wednesday`, `thursday`, "
            "`friday`, `saturday` or `sunday`."
        ),
    )
    biweekly_anchor: Annotated[Day | None, Shown(default="none (needed for `biweekly`)")] = Field(
        default=None,
        description="The first day of one bi-weekly period; the others follow every 14 days.",
    )


class ProgramInfo(Item):
    customer: Text = Field(description="The customer's name.")
    name: Annotated[Text | None, Shown(default="the customer's name")] = Field(
        default=None, description="The program's name, as shown on rendered documents."
    )
    platform: Text = Field(default="Performio", description="The ICM platform being implemented.")
    currency: str = Field(
        default="USD",
        pattern=r"^[A-Z]{3}$",
        description=(
            "The program's currency: three upper-case letters (ISO 4217), such as `EUR`. A plan "
            "may set its own."
        ),
    )
    start: Day = Field(description="The day the program starts.")
    end: Day | None = Field(default=None, description="The day the program is planned to end.")
    team: list[TeamMember] = Field(
        default_factory=list, description="The people on the program: see below."
    )
    essential_categories: Annotated[
        list[str], Shown(type="list of category ids", default="all 17 standard categories")
    ] = Field(
        default_factory=lambda: list(DEFAULT_CATEGORIES),
        description=(
            "The requirement categories this program must cover: every one should have functional "
            "requirements and test cases."
        ),
    )
    extra_categories: list[Category] = Field(
        default_factory=list,
        description="Categories of this program beyond the standard 17: see below.",
    )
    phases: int = Field(default=4, ge=1, le=12, description="Number of program phases.")
    calendar: Annotated[CalendarSpec, Shown(default="calendar year, weeks from Monday")] = Field(
        default_factory=CalendarSpec,
        description="The fiscal year and pay periods: see [Calendar](#calendar).",
    )


class ProgramFile(Item):
    """``program.yaml``: the root of a program repository."""

    program: ProgramInfo = Field(description="The program: see below.")
    check: Annotated[CheckSettings, Shown(default="no settings")] = Field(
        default_factory=CheckSettings,
        description=(
            "How `icmkit check` treats this program's findings: see "
            "[Check settings](#check-settings)."
        ),
    )
    engine: Annotated[EngineSettings, Shown(default="DuckDB with its defaults")] = Field(
        default_factory=EngineSettings,
        description=("The engine `icmkit calc` reads transactions with: see [Engine](#engine)."),
    )
