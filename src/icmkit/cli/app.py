"""The ``icmkit`` command: a thin typer app; each command lives in its own module."""

from __future__ import annotations

import gc
from typing import Annotated

import typer

from icmkit import __version__
from icmkit.cli.accept_cmd import accept
from icmkit.cli.calc_cmd import calc
from icmkit.cli.check_cmd import check
from icmkit.cli.command_group import IcmkitGroup
from icmkit.cli.diff_cmd import diff
from icmkit.cli.exit_codes import set_debug
from icmkit.cli.init_cmd import init
from icmkit.cli.log_cmd import log
from icmkit.cli.model_cmd import model
from icmkit.cli.render_cmd import render
from icmkit.cli.rules_cmd import rules
from icmkit.cli.schema_cmd import schema
from icmkit.cli.signoff_cmd import signoff
from icmkit.cli.spreadsheet_cmd import export_app, import_app
from icmkit.cli.status_cmd import status
from icmkit.cli.test_cmd import test

app = typer.Typer(
    name="icmkit",
    cls=IcmkitGroup,
    help="Keep an ICM implementation program as YAML in git: check it, render its "
    "documents, track delivery.",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"icmkit {__version__}")
        raise typer.Exit(0)


@app.callback()
def root(
    ctx: typer.Context,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
    debug: Annotated[
        bool, typer.Option("--debug", help="Show tracebacks of internal errors.")
    ] = False,
) -> None:
    """icmkit: an ICM implementation program kept as YAML in git."""
    ctx.obj = {"debug": debug}
    set_debug(debug)


app.command()(accept)
app.command()(calc)
app.command()(check)
app.command()(diff)
app.command()(init)
app.command()(log)
app.command()(model)
app.command()(render)
app.command()(rules)
app.command()(schema)
app.command()(signoff)
app.command()(status)
app.add_typer(export_app)
app.add_typer(import_app)
app.command()(test)


def main() -> None:
    """Console-script entry point."""
    # A command is one short-lived process that frees almost nothing before it exits, so
    # collecting reference cycles would only re-walk the loaded program again and again
    # (half of the run time of `check` at 10,000 requirements).
    gc.disable()
    app(prog_name="icmkit")
