"""``icmkit calc``: one plan's payouts for a period from CSV files, optionally reconciled."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from icmkit.cli.exit_codes import CLEAN, FINDINGS, guarded
from icmkit.cli.output import write_stdout
from icmkit.cli.parameters import CalcFormat, ProgramPathOption, format_option
from icmkit.errors import UsageError

if TYPE_CHECKING:
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


def _number_format(decimal: str | None, thousands: str | None) -> NumberFormat | None:
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


@guarded
def calc(
    plan: Annotated[
        str,
        typer.Argument(
            metavar="PLAN", help="Plan id, or the plan's file (plans/*.yaml).", show_default=False
        ),
    ],
    transactions: Annotated[
        Path | None,
        typer.Option(
            "--transactions",
            help="Transactions CSV file (see --columns for the columns PLAN reads).",
            show_default=False,
        ),
    ] = None,
    period: Annotated[
        str | None,
        typer.Option("--period", help="Period: 2027-03, 2027-Q1 or 2027.", show_default=False),
    ] = None,
    roster: Annotated[
        Path | None,
        typer.Option(
            "--roster",
            help="Participants CSV (participant, role, manager, hire_date, leave_date): needed "
            "for overrides, rollups and proration; with it, only participants eligible for the "
            "plan get a result.",
            show_default=False,
        ),
    ] = None,
    quotas: Annotated[
        Path | None,
        typer.Option(
            "--quotas", help="Quotas CSV file (participant,quota,amount).", show_default=False
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
    path: ProgramPathOption = Path(),
    output_format: Annotated[CalcFormat, format_option("Output: csv or json.")] = CalcFormat.CSV,
) -> None:
    """Compute every participant's payout for a period from CSV files.

    Every file is read and checked before anything is computed; bad rows are listed as
    file:row and nothing is computed. A plan that needs data the files do not give (a
    hierarchy, hire dates, earlier payments, scores) is refused with exit code 2. With
    --compare, exit code 1 when a payout differs from the legacy one by more than --tolerance
    (or a participant is on one side only).
    """
    from icmkit.engine import batch, calc_inputs
    from icmkit.engine.errors import EngineError
    from icmkit.engine.periods import parse_period
    from icmkit.loading.program_loader import load_working_tree
    from icmkit.loading.source import find_root
    from icmkit.terminal import calc_view

    limit = _tolerance(tolerance)
    plan_file = Path(plan)
    start = plan_file.parent if plan_file.suffix in (".yaml", ".yml") else path
    root = find_root(start)
    program = load_working_tree(root).program
    if plan_file.suffix in (".yaml", ".yml"):
        try:
            wanted = plan_file.resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            raise UsageError(f"{plan} is not inside the program at {root}") from None
        chosen = [p for p in program.plans if p.where.path == wanted]
    else:
        chosen = [p for p in program.plans if p.id == plan]
    if not chosen:
        known = ", ".join(sorted(p.id for p in program.plans)) or "none"
        raise UsageError(
            f"no valid plan `{plan}` in this program (its plans: {known}); "
            "run `icmkit check` if a plan is missing"
        )
    found = chosen[0]
    if columns:
        write_stdout(calc_view.columns_text(found, calc_inputs.describe_columns(found)))
        raise typer.Exit(CLEAN)
    if transactions is None or period is None:
        missing = " and ".join(
            name
            for name, value in (("--transactions", transactions), ("--period", period))
            if value is None
        )
        raise UsageError(f"calc needs {missing} (or --columns to list the columns {plan} reads)")
    try:
        parse_period(period)
        fmt = _number_format(decimal, thousands) or calc_inputs.declared_format(
            found, program.data_sources
        )
    except EngineError as error:
        raise UsageError(str(error)) from None
    people = calc_inputs.read_roster(roster) if roster is not None else None
    rows = calc_inputs.read_transactions(transactions, found, fmt)
    targets = calc_inputs.read_quotas(quotas, found, fmt) if quotas is not None else None
    legacy = calc_inputs.read_legacy(compare, fmt) if compare is not None else None
    try:
        results = batch.calculate_period(found, period, rows, targets, people)
    except EngineError as error:
        raise UsageError(f"cannot compute {found.id}: {error}") from None
    reconciled = batch.reconcile(results, legacy, limit) if legacy is not None else None
    if output_format is CalcFormat.JSON:
        out = calc_view.as_json(results, reconciled, limit if reconciled is not None else None)
    else:
        out = calc_view.as_csv(results, reconciled)
    write_stdout(out)
    failed = reconciled is not None and not all(r.within for r in reconciled)
    raise typer.Exit(FINDINGS if failed else CLEAN)
