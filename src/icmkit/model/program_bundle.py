"""A whole loaded program: every entity, ready for checks, documents and views."""

from __future__ import annotations

from dataclasses import dataclass, field

from icmkit.model.acceptances import Acceptance
from icmkit.model.categories import CATEGORIES
from icmkit.model.data import ConversionPlan, DataSource
from icmkit.model.design import SolutionDesign
from icmkit.model.engine_settings import EngineSettings
from icmkit.model.findings import Finding
from icmkit.model.plans import Plan
from icmkit.model.program import CheckSettings, ProgramInfo
from icmkit.model.reports import Report
from icmkit.model.requirements import BusinessRequirement, FunctionalRequirement
from icmkit.model.roster import RosterEntry
from icmkit.model.signoffs import SignOff
from icmkit.model.testing import TestCase
from icmkit.model.timeline import Timeline

PLACEHOLDER_MARK = "REPLACE:"
"""What starts a placeholder text that ``icmkit init`` leaves for the user to replace."""


@dataclass(frozen=True)
class UnloadedItem:
    """An item, or a whole file, that failed to load: where it is and why.

    Commands that count items (``icmkit test`` counts test cases) report these instead of
    leaving them out, so that nothing is dropped without a word.
    """

    kind: str
    """The file kind (``FileKind.name``), such as ``tests``."""
    id: str | None
    """The item's id when it has a usable one; None for a whole file or an item without id."""
    path: str
    line: int
    col: int
    findings: tuple[Finding, ...]


@dataclass
class Program:
    """Everything read from a program repository (items that failed validation are left out)."""

    root: str
    info: ProgramInfo | None = None
    settings: CheckSettings = field(default_factory=CheckSettings)
    engine: EngineSettings = field(default_factory=EngineSettings)
    business_requirements: list[BusinessRequirement] = field(default_factory=list)
    requirements: list[FunctionalRequirement] = field(default_factory=list)
    plans: list[Plan] = field(default_factory=list)
    data_sources: list[DataSource] = field(default_factory=list)
    conversion: ConversionPlan | None = None
    reports: list[Report] = field(default_factory=list)
    participants: list[RosterEntry] = field(default_factory=list)
    """The roster (``participants.yaml``)."""
    test_cases: list[TestCase] = field(default_factory=list)
    design: SolutionDesign | None = None
    timeline: Timeline | None = None
    signoffs: list[SignOff] = field(default_factory=list)
    acceptances: list[Acceptance] = field(default_factory=list)
    """The acceptance register (``acceptances.yaml``): participants' acceptances of letters."""
    files: list[str] = field(default_factory=list)
    incomplete: set[str] = field(default_factory=set)
    """File kinds (``FileKind.name``) with a file or item that failed to load: rules that
    judge what is missing stay quiet about them, since the missing part may be the broken one."""
    broken_ids: set[str] = field(default_factory=set)
    """Ids of items that failed validation: references to them are not reported again."""
    unloaded: list[UnloadedItem] = field(default_factory=list)
    """Items and whole files that failed to load, in file order."""
    marked_files: set[str] = field(default_factory=set)
    """Files whose text holds ``PLACEHOLDER_MARK``: the only ones whose items may hold a
    placeholder, so the rule that reports them looks nowhere else."""

    def category_names(self) -> dict[str, str]:
        """Every category this program knows: the standard ones plus its own."""
        names = dict(CATEGORIES)
        if self.info is not None:
            for extra in self.info.extra_categories:
                names[extra.id] = extra.name
        return names

    def essential_categories(self) -> list[str]:
        if self.info is None:
            return list(CATEGORIES)
        return list(self.info.essential_categories)
