"""Where each kind of program file lives in a program repository, and what it holds."""

from __future__ import annotations

from dataclasses import dataclass

from icmkit.model.acceptances import Acceptance, AcceptancesFile
from icmkit.model.base import Item
from icmkit.model.data import ConversionFile, DataSource, DataSourcesFile
from icmkit.model.design import DesignFile
from icmkit.model.plans import PlanFile
from icmkit.model.program import ProgramFile
from icmkit.model.reports import Report, ReportsFile
from icmkit.model.requirements import (
    BusinessRequirement,
    BusinessRequirementsFile,
    FunctionalRequirement,
    RequirementsFile,
)
from icmkit.model.roster import ParticipantsFile, RosterEntry
from icmkit.model.signoffs import SignOff, SignOffsFile
from icmkit.model.testing import TestCase, TestPlanFile
from icmkit.model.timeline import TimelineFile

PROGRAM_FILE = "program.yaml"
SIGNOFFS_FILE = "signoffs.yaml"
PARTICIPANTS_FILE = "participants.yaml"
ACCEPTANCES_FILE = "acceptances.yaml"


@dataclass(frozen=True)
class FileKind:
    """One kind of program file.

    ``pattern`` is a path relative to the program root; ``*`` stands for any file name in
    that folder (sub-folders included). Files with a ``collection`` hold a list under that key
    whose items are validated one by one, so one bad item does not hide the others.
    """

    name: str
    pattern: str
    model: type[Item]
    collection: str | None = None
    item_model: type[Item] | None = None
    required: bool = False
    title: str = ""

    @property
    def folder(self) -> str | None:
        return self.pattern.rsplit("/", 1)[0] if self.pattern.endswith("/*.yaml") else None

    @property
    def file_names(self) -> tuple[str, str]:
        """The two names a single-file kind may have: ``.yaml`` and its ``.yml`` twin."""
        return self.pattern, self.pattern[: -len(".yaml")] + ".yml"


FILE_KINDS: tuple[FileKind, ...] = (
    FileKind("program", PROGRAM_FILE, ProgramFile, required=True, title="program"),
    FileKind(
        "business_requirements",
        "business-requirements.yaml",
        BusinessRequirementsFile,
        "business_requirements",
        BusinessRequirement,
        title="business requirements",
    ),
    FileKind(
        "requirements",
        "requirements/*.yaml",
        RequirementsFile,
        "requirements",
        FunctionalRequirement,
        title="functional requirements",
    ),
    FileKind("plan", "plans/*.yaml", PlanFile, title="commission plan"),
    FileKind(
        "data_sources",
        "data/sources.yaml",
        DataSourcesFile,
        "data_sources",
        DataSource,
        title="data sources",
    ),
    FileKind("conversion", "data/conversion.yaml", ConversionFile, title="data conversion plan"),
    FileKind("reports", "reports.yaml", ReportsFile, "reports", Report, title="reports"),
    FileKind(
        "participants",
        PARTICIPANTS_FILE,
        ParticipantsFile,
        "participants",
        RosterEntry,
        title="participants",
    ),
    FileKind("tests", "tests/*.yaml", TestPlanFile, "test_cases", TestCase, title="test plan"),
    FileKind("design", "design.yaml", DesignFile, title="solution design outline"),
    FileKind("timeline", "timeline.yaml", TimelineFile, required=True, title="timeline"),
    FileKind("signoffs", SIGNOFFS_FILE, SignOffsFile, "signoffs", SignOff, title="sign-offs"),
    FileKind(
        "acceptances",
        ACCEPTANCES_FILE,
        AcceptancesFile,
        "acceptances",
        Acceptance,
        title="acceptances",
    ),
)


def kind_for(path: str) -> FileKind | None:
    """The file kind of a relative POSIX path, or ``None`` if icmkit does not read it."""
    if not path.endswith((".yaml", ".yml")):
        return None
    stem = path[: -len(".yml")] + ".yaml" if path.endswith(".yml") else path
    for kind in FILE_KINDS:
        folder = kind.folder
        if folder is None:
            if stem == kind.pattern:
                return kind
        elif stem.startswith(folder + "/"):
            return kind
    return None
