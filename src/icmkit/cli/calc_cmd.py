"""``icmkit calc``: one plan's payouts for a period from CSV files, optionally reconciled."""

from __future__ import annotations

import sys
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from icmkit.cli.exit_codes import CLEAN, FINDINGS, guarded
from icmkit.errors import UsageError


class CalcFormat(StrEnum):
    CSV = "csv"
    JSON = "json"


def _tolerance(text: str) -> Decimal:
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise UsageError(f"--tolerance `{text}` is not a number") from None
    if not value.is_finite() or value < 0:
        raise UsageError(f"--tolerance `{text}` must be 0 or more")
    return value


@guarded
def calc(
    plan: Annotated[
        str,
        typer.Argument(
            metavar="PLAN", help="Plan id, or the plan's file (plans/*.yaml).", show_default=False
        ),
    ],
    transactions: Annotated[
        Path,
        typer.Option("--transactions", help="Transactions CSV file.", show_default=False),
    ],
    period: Annotated[
        str,
        typer.Option("--period", help="Period: 2027-03, 2027-Q1 or 2027.", show_default=False),
    ],
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
    path: Annotated[
        Path, typer.Option("--path", "-p", help="Program folder, or any path inside it.")
    ] = Path(),
    output_format: Annotated[
        CalcFormat, typer.Option("--format", "-f", help="Output: csv or json.")
    ] = CalcFormat.CSV,
) -> None:
    """Compute every participant's payout for a period from CSV files.

    Every file is read and checked before anything is computed; bad rows are listed as
    file:row and nothing is computed. With --compare, exit code 1 when a payout differs from
    the legacy one by more than --tolerance (or a participant is on one side only).
    """
    from icmkit.engine import batch
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
    try:
        parse_period(period)
    except EngineError as error:
        raise UsageError(str(error)) from None
    rows = batch.read_transactions(transactions, found)
    targets = batch.read_quotas(quotas, found) if quotas is not None else None
    legacy = batch.read_legacy(compare) if compare is not None else None
    try:
        results = batch.calculate_period(found, period, rows, targets)
    except EngineError as error:
        raise UsageError(f"cannot compute: {error}") from None
    reconciled = batch.reconcile(results, legacy, limit) if legacy is not None else None
    if output_format is CalcFormat.JSON:
        out = calc_view.as_json(results, reconciled, limit if reconciled is not None else None)
    else:
        out = calc_view.as_csv(results, reconciled)
    sys.stdout.write(out)
    sys.stdout.flush()
    failed = reconciled is not None and not all(r.within for r in reconciled)
    raise typer.Exit(FINDINGS if failed else CLEAN)
