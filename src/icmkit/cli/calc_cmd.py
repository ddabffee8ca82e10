"""``icmkit calc``: one plan's payouts for a period from CSV files, optionally reconciled."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from icmkit.cli.exit_codes import CLEAN, FINDINGS, guarded
from icmkit.cli.output import write_stdout
from icmkit.cli.parameters import (
    CalcFormat,
    EngineChoice,
    ProgramPathOption,
    engine_option,
    format_option,
    load_for_computing,
    program_path,
    refuse_program_folder,
)
from icmkit.cli.terminal_progress import terminal_progress
from icmkit.errors import UsageError

if TYPE_CHECKING:
    from icmkit.cli.terminal_progress import Progress
    from icmkit.engine.batch import Reconciled
    from icmkit.engine.input_stage import Engine
    from icmkit.model.engine_settings import EngineSettings
    from icmkit.model.number_text import NumberFormat


def _tolerance(text: str) -> Decimal:
    from icmkit.model.number_text import NumberTextError, parse_number

    try:
        value = parse_number(text)
    except NumberTextError as error:
        raise UsageError(f"--tolerance: {error}") from None
    if value < 0:
        raise UsageError(f"--tolerance `{text}` must be 0 or more")
    return value


def _as_of(text: str | None) -> date | None:
    if text is None:
        return None
    from icmkit.model.base import EARLIEST_DAY, LATEST_DAY

    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"--as-of `{text}` is not a date (YYYY-MM-DD)") from None
    if not EARLIEST_DAY <= day <= LATEST_DAY:
        raise UsageError(f"--as-of `{text}` is not in the years 1900 to 2999")
    return day


def number_format_of(decimal: str | None, thousands: str | None) -> NumberFormat | None:
    """The format given on the command line, or None when neither option is given."""
    from icmkit.model.number_text import NumberTextError, number_format

    if decimal is None and thousands is None:
        return None
    chosen_decimal = decimal or "dot"
    default_thousands = "dot" if chosen_decimal in ("comma", ",") else "comma"
    try:
        return number_format(chosen_decimal, thousands or default_thousands)
    except NumberTextError as error:
        raise UsageError(str(error)) from None


def _program_and_plan_file(plan: str | None, path: Path | None) -> tuple[Path, Path | None]:
    """The program's root and, when PLAN names a plan's file, that file (resolved).

    A plan file is looked for in the program first (``plans/ae.yaml`` with ``-p northwind``
    is ``northwind/plans/ae.yaml``), then from the current folder; without ``-p``, a plan
    file that exists tells where the program is."""
    from icmkit.loading.source import find_root

    if plan is None or Path(plan).suffix not in (".yaml", ".yml"):
        return find_root(program_path(option=path)), None
    given = Path(plan)
    if path is None and given.is_file():
        root = find_root(given.parent)
    else:
        root = find_root(program_path(option=path))
    root = root.resolve()
    for candidate in (root / given, given):
        if candidate.is_file():
            found = candidate.resolve()
            if not found.is_relative_to(root):
                raise UsageError(f"{plan} is not inside the program at {root}")
            return root, found
    raise UsageError(f"{plan}: no such plan file in the program at {root}")


def _engine(settings: EngineSettings, chosen: EngineChoice | None, progress: Progress) -> Engine:
    from icmkit.engine.input_stage import Engine
    from icmkit.model.engine_settings import EngineName

    name = EngineName(chosen.value) if chosen is not None else settings.default
    return Engine(name, settings, progress)


@guarded
def calc(
    plan: Annotated[
        str | None,
        typer.Argument(
            metavar="[PLAN]",
            help="Plan id, or the plan's file (plans/*.yaml) [default: every plan of the "
            "roster's participants].",
            show_default=False,
        ),
    ] = None,
    transactions: Annotated[
        Path | None,
        typer.Option(
            "--transactions",
            help="Transactions file, CSV or Parquet (see --columns for the columns PLAN reads).",
            show_default=False,
        ),
    ] = None,
    period: Annotated[
        str | None,
        typer.Option(
            "--period",
            help="Period, or a range of periods: 2027-03, 2027-Q1, 2027, 2027-01..2027-06.",
            show_default=False,
        ),
    ] = None,
    roster: Annotated[
        Path | None,
        typer.Option(
            "--roster",
            help="Participants CSV (participant, role, manager, hire_date, leave_date; plan, "
            "from, to for a participant on several plans) [default: the program's "
            "participants.yaml, if any]: needed for overrides, rollups, proration and new-hire "
            "draws; with it, participants are computed on the plans they are assigned to.",
            show_default=False,
        ),
    ] = None,
    quotas: Annotated[
        Path | None,
        typer.Option(
            "--quotas", help="Quotas CSV file (participant,quota,amount).", show_default=False
        ),
    ] = None,
    scores: Annotated[
        Path | None,
        typer.Option(
            "--scores",
            help="MBO scores CSV (participant, period, objective, score).",
            show_default=False,
        ),
    ] = None,
    receipts: Annotated[
        Path | None,
        typer.Option(
            "--receipts",
            help="Cash receipts CSV (id, date, amount), for plans that release commission on cash.",
            show_default=False,
        ),
    ] = None,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            help="Compute as of this day, YYYY-MM-DD (a leaver's final pay): later days are "
            "left out.",
            show_default=False,
        ),
    ] = None,
    compare: Annotated[
        Path | None,
        typer.Option(
            "--compare",
            help="Legacy payouts CSV (participant,payout) to reconcile with.",
            show_default=False,
        ),
    ] = None,
    tolerance: Annotated[
        str, typer.Option("--tolerance", help="Largest payout difference that still reconciles.")
    ] = "0.01",
    decimal: Annotated[
        str | None,
        typer.Option(
            "--decimal",
            help="The CSV files' decimal separator: dot or comma [default: the number_format "
            "of the plan's data sources; without one, a number whose separators could be read "
            "two ways is refused].",
            show_default=False,
        ),
    ] = None,
    thousands: Annotated[
        str | None,
        typer.Option(
            "--thousands",
            help="The CSV files' thousands separator: comma, dot, space, apostrophe or none.",
            show_default=False,
        ),
    ] = None,
    columns: Annotated[
        bool,
        typer.Option("--columns", help="List the columns PLAN reads from the files, and exit."),
    ] = False,
    engine: Annotated[EngineChoice | None, engine_option()] = None,
    path: ProgramPathOption = None,
    output_format: Annotated[CalcFormat, format_option("Output: csv or json.")] = CalcFormat.CSV,
) -> None:
    """Compute every participant's payouts for a period, or a range of periods, from CSV files.

    Every file is read and checked before anything is computed; bad rows are listed as
    file:row and nothing is computed. The transactions are read, checked, credited and added
    up by DuckDB (streaming, in bounded memory), by Spark, or row by row in Python (--engine).
    Periods are computed from the start of the fiscal year (rows before the asked periods
    make up credit to date, draw balances and what was paid), and the asked periods are
    shown. A plan that needs data the files do not give (a hierarchy, hire dates, scores) is
    refused with exit code 2, as is a program whose program.yaml has errors (its calendar and
    settings cannot be trusted). With --compare, exit code 1 when a payout differs from the
    legacy one by more than --tolerance (or a participant is on one side only).
    """
    from icmkit.engine import batch, calc_inputs
    from icmkit.engine.errors import EngineError
    from icmkit.terminal import calc_view

    limit = _tolerance(tolerance)
    if plan is not None:
        refuse_program_folder(plan, "a plan", "icmkit calc -p PATH [PLAN] [OPTIONS]")
    root, plan_file = _program_and_plan_file(plan, path)
    program = load_for_computing(root)
    if plan is None:
        chosen = list(program.plans)
    elif plan_file is not None:
        wanted = plan_file.relative_to(root).as_posix()
        chosen = [p for p in program.plans if p.where.path == wanted]
    else:
        chosen = [p for p in program.plans if p.id == plan]
    if not chosen:
        known = ", ".join(sorted(p.id for p in program.plans)) or "none"
        raise UsageError(
            f"no valid plan `{plan}` in this program (its plans: {known}); "
            "run `icmkit check` if a plan is missing"
        )
    if columns:
        write_stdout(
            "".join(calc_view.columns_text(p, calc_inputs.describe_columns(p)) for p in chosen)
        )
        raise typer.Exit(CLEAN)
    if transactions is None or period is None:
        missing = " and ".join(
            name
            for name, value in (("--transactions", transactions), ("--period", period))
            if value is None
        )
        raise UsageError(f"calc needs {missing} (or --columns to list the columns a plan reads)")
    with terminal_progress() as progress:
        files = batch.CalcFiles(
            transactions,
            roster,
            quotas,
            compare,
            scores,
            receipts,
            number_format_of(decimal, thousands),
            _as_of(as_of),
            _engine(program.engine, engine, progress),
        )
        try:
            outcome = batch.calculate_files(program, chosen, period, files, limit)
        except EngineError as error:
            raise UsageError(str(error)) from None
    reconciled = outcome.reconciled
    if output_format is CalcFormat.JSON:
        out = calc_view.as_json(outcome, limit if reconciled is not None else None)
    else:
        out = calc_view.as_csv(outcome)
    write_stdout(out)
    failed = reconciled is not None and not all(r.within for r in reconciled)
    if failed and reconciled is not None:
        sys.stderr.write(_differences(reconciled, limit))
    raise typer.Exit(FINDINGS if failed else CLEAN)


_SHOWN_DIFFERENCES = 20
"""Participants listed on stderr when payouts do not reconcile; the rest are counted."""


def _differences(reconciled: Sequence[Reconciled], limit: Decimal) -> str:
    """What does not reconcile, on stderr: the payouts that differ by more than ``limit`` and
    the participants on one side only (the full table is on stdout)."""
    off = [r for r in reconciled if not r.within]
    lines = [
        f"icmkit: {len(off)} of {len(reconciled)} payouts do not reconcile with the legacy "
        f"ones (tolerance {limit}):"
    ]
    for r in off[:_SHOWN_DIFFERENCES]:
        who = r.participant + (f" in {r.period}" if r.period else "")
        if r.computed is None:
            lines.append(f"  {who}: only in the legacy payouts ({r.legacy})")
        elif r.legacy is None:
            lines.append(f"  {who}: not in the legacy payouts (computed {r.computed})")
        else:
            change = f"+{r.difference}" if r.difference > 0 else str(r.difference)
            lines.append(f"  {who}: computed {r.computed}, legacy {r.legacy}, difference {change}")
    if len(off) > _SHOWN_DIFFERENCES:
        lines.append(f"  and {len(off) - _SHOWN_DIFFERENCES} more (see the output)")
    return "\n".join(lines) + "\n"
