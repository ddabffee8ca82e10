"""The command-line parameters defined once for every command: the program's path (the
one grammar: ``-p/--path PATH`` on every command that works on a program, and a positional
``[PATH]`` too where the command takes no other positional), ``--format/-f`` and the
choices of each command's formats.

The choices are spelled out here rather than taken from the models so that the command line
can be built without importing them (keeps ``icmkit --version`` fast).
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

if TYPE_CHECKING:
    from icmkit.model.program_bundle import Program

PROGRAM_HELP = "Program folder, or any path inside it [default: the current folder]."

ProgramPathArgument = Annotated[
    Path | None,
    typer.Argument(metavar="PATH", help=PROGRAM_HELP, show_default=False),
]
"""``[PATH]``: the program folder as a positional, for commands that take no other one."""

ProgramPathOption = Annotated[
    Path | None,
    typer.Option("--path", "-p", help=PROGRAM_HELP, show_default=False),
]
"""``--path/-p PATH``: the program folder, accepted by every command that works on one."""


NEW_PROGRAM_HELP = "Folder for the new program, created if needed [default: the current folder]."

NewProgramPathArgument = Annotated[
    Path | None,
    typer.Argument(metavar="PATH", help=NEW_PROGRAM_HELP, show_default=False),
]
"""``icmkit init``'s ``[PATH]``: where the new program goes."""

NewProgramPathOption = Annotated[
    Path | None,
    typer.Option("--path", "-p", help=NEW_PROGRAM_HELP, show_default=False),
]
"""``icmkit init``'s ``--path/-p PATH``."""


def program_path(positional: Path | None = None, option: Path | None = None) -> Path:
    """The program folder a command was given: ``-p/--path`` or the positional ``[PATH]``
    (the same folder may be given both ways), else the current folder."""
    from icmkit.errors import UsageError

    if positional is not None and option is not None and positional != option:
        raise UsageError(
            f"two program folders given, {positional.as_posix()} and --path "
            f"{option.as_posix()}; give one"
        )
    chosen = option if option is not None else positional
    return chosen if chosen is not None else Path()


def refuse_program_folder(value: str, what: str, usage: str) -> None:
    """Refuse a positional ``value`` that names a folder where ``what`` (a test case id, a
    revision, ...) is expected; for a program folder, show the command's ``usage`` with
    ``-p`` (``PATH`` in it stands for the folder)."""
    from icmkit.errors import UsageError

    folder = Path(value)
    if not value or not folder.is_dir():
        return
    if not _is_program_folder(folder):
        raise UsageError(f"`{value}` is a folder, not {what}")
    raise UsageError(
        f"`{value}` is a program folder, not {what}; give the program with -p: "
        f"{usage.replace('PATH', folder.as_posix(), 1)}"
    )


def load_for_computing(root: Path) -> Program:
    """The program at ``root`` for a command that computes payouts (``calc``, ``model``,
    ``test``): refused when ``program.yaml`` has errors, because its calendar, currency and
    engine settings would otherwise be replaced by the defaults without a word."""
    from icmkit.errors import UsageError
    from icmkit.loading.program_loader import load_working_tree
    from icmkit.model.findings import Severity
    from icmkit.model.layout import PROGRAM_FILE

    loaded = load_working_tree(root)
    bad = sorted(
        (f for f in loaded.findings if f.path == PROGRAM_FILE and f.severity is Severity.ERROR),
        key=lambda f: f.sort_key(),
    )
    if bad:
        first = bad[0]
        more = f" of {len(bad)}" if len(bad) > 1 else ""
        raise UsageError(
            f"cannot compute payouts: {PROGRAM_FILE} has errors, and its calendar, currency "
            f"and engine settings would be replaced by the defaults; fix {PROGRAM_FILE} (see "
            f"`icmkit check`) first. First error{more}: {first.path}:{first.line}:{first.col}: "
            f"{first.code} {first.message}"
        )
    return loaded.program


def _is_program_folder(folder: Path) -> bool:
    from icmkit.model.layout import PROGRAM_FILE

    return (folder / PROGRAM_FILE).is_file()


def format_option(help: str, *, show_default: bool = True) -> Any:
    """``--format/-f``: the output format, one of the command's format enum."""
    return typer.Option("--format", "-f", help=help, show_default=show_default)


class CalcFormat(StrEnum):
    CSV = "csv"
    JSON = "json"


class EngineChoice(StrEnum):
    """``--engine``: the input stage that reads transactions (``model.EngineName``)."""

    PYTHON = "python"
    DUCKDB = "duckdb"
    SPARK = "spark"


def engine_option() -> Any:
    """``--engine``: which engine reads, checks, credits and adds up the transactions."""
    return typer.Option(
        "--engine",
        help="Engine that reads, checks, credits and adds up the transactions: duckdb "
        "(embedded, streaming), spark (the optional extra icmkit[spark] and Java) or python "
        "(every row in memory, the reference) [default: program.yaml's engine.default, "
        "else duckdb].",
        show_default=False,
    )


class CheckFormat(StrEnum):
    TEXT = "text"
    JSON = "json"
    GITHUB = "github"
    SARIF = "sarif"
    JUNIT = "junit"


class ModelFormat(StrEnum):
    TEXT = "text"
    MD = "md"
    JSON = "json"
    HTML = "html"


class DiffFormat(StrEnum):
    TEXT = "text"
    MD = "md"
    JSON = "json"


class LogFormat(StrEnum):
    TEXT = "text"
    JSON = "json"


class RenderFormat(StrEnum):
    MD = "md"
    HTML = "html"
    ALL = "all"


class RulesFormat(StrEnum):
    TEXT = "text"
    MD = "md"
    JSON = "json"


class StatusFormat(StrEnum):
    TEXT = "text"
    JSON = "json"
    MD = "md"


class TestFormat(StrEnum):
    TEXT = "text"
    JSON = "json"
    JUNIT = "junit"
    GITHUB = "github"
    SARIF = "sarif"
