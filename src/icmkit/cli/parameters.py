"""The command-line parameters defined once for every command: the program's path (an
argument or ``--path/-p``), ``--format/-f`` and the choices of each command's formats, and
the choices of ``status``'s filters.

The choices are spelled out here rather than taken from the models so that the command line
can be built without importing them (keeps ``icmkit --version`` fast).
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

PROGRAM_HELP = "Program folder, or any path inside it."

ProgramPathArgument = Annotated[Path, typer.Argument(help=PROGRAM_HELP, show_default=False)]
"""``[PATH]``: the program folder, or any path inside it (default: the current folder)."""


def program_path_option(*more_names: str) -> Any:
    """``--path/-p`` (and ``more_names``): the program folder, or any path inside it."""
    return typer.Option("--path", "-p", *more_names, help=PROGRAM_HELP)


ProgramPathOption = Annotated[Path, program_path_option()]


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
