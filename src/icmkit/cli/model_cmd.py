"""``icmkit model``: what the plans pay over history, and what a change of them costs."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from icmkit.cli.calc_cmd import number_format_of
from icmkit.cli.exit_codes import CLEAN, guarded
from icmkit.cli.model_inputs import (
    against_scenario,
    choose_plans,
    compute,
    history_files,
    rendered,
)
from icmkit.cli.output import write_stdout
from icmkit.cli.parameters import (
    EngineChoice,
    ModelFormat,
    ProgramPathArgument,
    ProgramPathOption,
    engine_option,
    format_option,
    load_for_computing,
    program_path,
)


@guarded
def model(
    path: ProgramPathArgument = None,
    path_option: ProgramPathOption = None,
    plan: Annotated[
        list[str] | None,
        typer.Option(
            "--plan",
            metavar="PLAN|FILE",
            help="A plan id, or a plan file (one outside the program stands in for the "
            "program's plan with its id); repeat for several [default: every plan].",
            show_default=False,
        ),
    ] = None,
    against: Annotated[
        str | None,
        typer.Option(
            "--against",
            metavar="REV|FILE",
            help="Compare with this git revision (read from git, the working tree untouched) "
            "or plan file: cost delta, who is paid more or less, and which components drive it.",
            show_default=False,
        ),
    ] = None,
    history: Annotated[
        Path | None,
        typer.Option(
            "--history",
            metavar="DIR",
            help="Folder of history files: transactions.csv and optional roster.csv, "
            "quotas.csv, scores.csv, receipts.csv (the columns of `icmkit calc`) [default: the "
            "program's history/ folder].",
            show_default=False,
        ),
    ] = None,
    transactions: Annotated[
        Path | None,
        typer.Option(
            "--transactions",
            help="Transactions CSV (instead of the history's).",
            show_default=False,
        ),
    ] = None,
    roster: Annotated[
        Path | None,
        typer.Option(
            "--roster",
            help="Participants CSV [default: the history's roster.csv, else participants.yaml "
            "of each version].",
            show_default=False,
        ),
    ] = None,
    quotas: Annotated[
        Path | None, typer.Option("--quotas", help="Quotas CSV.", show_default=False)
    ] = None,
    scores: Annotated[
        Path | None, typer.Option("--scores", help="MBO scores CSV.", show_default=False)
    ] = None,
    receipts: Annotated[
        Path | None, typer.Option("--receipts", help="Cash receipts CSV.", show_default=False)
    ] = None,
    period: Annotated[
        str | None,
        typer.Option(
            "--period",
            metavar="PERIOD",
            help="Period or range of periods: 2027, 2027-Q1, 2027-01..2027-06 [default: the "
            "fiscal years of the transactions].",
            show_default=False,
        ),
    ] = None,
    revenue: Annotated[
        list[str] | None,
        typer.Option(
            "--revenue",
            metavar="MEASURE",
            help="A measure whose credit counts as revenue for the cost of sales; repeat for "
            "several [default: every measure].",
            show_default=False,
        ),
    ] = None,
    top: Annotated[
        int,
        typer.Option(
            "--top", min=0, help="How many top and bottom earners, winners and losers to list."
        ),
    ] = 5,
    decimal: Annotated[
        str | None,
        typer.Option(
            "--decimal", help="The CSV files' decimal separator (as for calc).", show_default=False
        ),
    ] = None,
    thousands: Annotated[
        str | None,
        typer.Option("--thousands", help="The CSV files' thousands separator.", show_default=False),
    ] = None,
    engine: Annotated[EngineChoice | None, engine_option()] = None,
    output_format: Annotated[
        ModelFormat,
        format_option("Output: text, md (a pull-request comment), json or html (charts)."),
    ] = ModelFormat.TEXT,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Write to this file instead of standard output.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Compute the plans over a history of transactions and report what they pay.

    Totals, cost of sales (payout ÷ credited), payout as a share of target incentive and
    attainment (percentiles and histograms), by plan and by role, top and bottom earners, and
    who reached a cap or missed a threshold. With --against, both versions are computed on the
    same history: the cost of the change, who is paid more and who less, and the components
    that drive it. The engine is the one of `icmkit calc`; every file is read and checked
    before anything is computed, and a program whose program.yaml has errors is refused
    (exit code 2).
    """
    from icmkit.engine.input_stage import Engine
    from icmkit.engine.modelling import Scenario
    from icmkit.loading.source import find_root
    from icmkit.model.engine_settings import EngineName

    root = find_root(program_path(path, path_option))
    program = load_for_computing(root)
    chosen = choose_plans(program, root, plan or [])
    given = {
        "transactions.csv": transactions,
        "roster.csv": roster,
        "quotas.csv": quotas,
        "scores.csv": scores,
        "receipts.csv": receipts,
    }
    files = history_files(root, history, given)
    files.number_format = number_format_of(decimal, thousands)
    files.engine = Engine.of(program.engine, EngineName(engine.value) if engine else None)
    scenarios = [Scenario("working tree", program, chosen)]
    if against is not None:
        scenarios.insert(0, against_scenario(root, program, chosen, against, bool(plan)))
    text = rendered(output_format, root, compute(scenarios, files, period, revenue), top)
    if output is None:
        write_stdout(text)
    else:
        from icmkit.writing import write_text_atomic

        write_text_atomic(output, text)
        typer.echo(f"Wrote {output}", err=True)
    raise typer.Exit(CLEAN)
