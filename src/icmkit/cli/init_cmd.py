"""``icmkit init``: start a new customer program in a folder (a git repository that checks)."""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from icmkit.cli.exit_codes import guarded
from icmkit.cli.parameters import NewProgramPathArgument, NewProgramPathOption, program_path
from icmkit.errors import UsageError
from icmkit.scaffold.options import (
    DEFAULT_CURRENCY,
    DEFAULT_PLATFORM,
    CiChoice,
    InitOptions,
    clean_currency,
    clean_name,
    parse_start,
)
from icmkit.scaffold.schedule import next_monday


def _interactive() -> bool:
    """Ask for missing options only when a person is at a terminal."""
    return sys.stdin.isatty()


def _ask(label: str, default: str | None = None) -> str:
    return str(typer.prompt(label, default=default))


def _ask_ci() -> CiChoice:
    choices = ", ".join(c.value for c in CiChoice)
    while True:
        answer = _ask(f"CI configuration ({choices})", CiChoice.GITHUB.value).strip().lower()
        if answer in {c.value for c in CiChoice}:
            return CiChoice(answer)
        typer.echo(f"Please answer one of: {choices}.", err=True)


def _gather(
    customer: str | None,
    platform: str | None,
    start: str | None,
    currency: str | None,
    ci: CiChoice | None,
    ask: bool,
) -> InitOptions:
    default_start = next_monday(dt.date.today()).isoformat()
    if customer is None:
        if not ask:
            raise UsageError(
                "--customer is required when icmkit init cannot ask (no terminal, or --yes); "
                "e.g. icmkit init acme --customer 'Acme Corp'"
            )
        customer = _ask("Customer name")
    if platform is None:
        platform = _ask("ICM platform", DEFAULT_PLATFORM) if ask else DEFAULT_PLATFORM
    if start is None:
        start = _ask("Program start date (YYYY-MM-DD)", default_start) if ask else default_start
    if currency is None:
        currency = _ask("Currency", DEFAULT_CURRENCY) if ask else DEFAULT_CURRENCY
    if ci is None:
        ci = _ask_ci() if ask else CiChoice.GITHUB
    return InitOptions(
        customer=clean_name(customer, "--customer"),
        platform=clean_name(platform, "--platform"),
        currency=clean_currency(currency),
        start=parse_start(start),
        ci=ci,
    )


def _note_files_for_the_top(folder: Path, repo_root: Path, written: list[str]) -> None:
    """Say which written files do nothing where they are: git hosts and pre-commit read
    them only at the top of a repository."""
    from icmkit.scaffold.plan import CI_FILES

    rel = Path(os.path.relpath(folder.resolve(), repo_root.resolve())).as_posix()
    files = [p for p in (*CI_FILES.values(), ".pre-commit-config.yaml") if p in written]
    if rel == "." or not files:
        return
    names = files[0] if len(files) == 1 else f"{', '.join(files[:-1])} and {files[-1]}"
    verb, them = ("takes", "it") if len(files) == 1 else ("take", "them")
    typer.echo(
        f"Note: {names} {verb} effect only at the top of the repository; move {them} to "
        f"{repo_root} and run icmkit there as `icmkit check {rel}`."
    )


@guarded
def init(
    path: NewProgramPathArgument = None,
    path_option: NewProgramPathOption = None,
    customer: Annotated[
        str | None, typer.Option("--customer", help="Customer name.", show_default=False)
    ] = None,
    platform: Annotated[
        str | None,
        typer.Option("--platform", help=f"ICM platform [default: {DEFAULT_PLATFORM}]."),
    ] = None,
    start: Annotated[
        str | None,
        typer.Option(
            "--start",
            help="Program start date, YYYY-MM-DD [default: next Monday].",
            show_default=False,
        ),
    ] = None,
    currency: Annotated[
        str | None,
        typer.Option("--currency", help=f"ISO currency code [default: {DEFAULT_CURRENCY}]."),
    ] = None,
    ci: Annotated[
        CiChoice | None,
        typer.Option("--ci", help="CI configuration to add [default: github].", show_default=False),
    ] = None,
    yes: Annotated[
        bool, typer.Option("--yes", "-y", help="Ask nothing; take the defaults.")
    ] = False,
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help="Write into a folder that already holds program files; files that exist "
            "are skipped, never overwritten.",
        ),
    ] = False,
    commit: Annotated[
        bool,
        typer.Option("--commit", help="Inside an existing git repository, commit the new files."),
    ] = False,
    author: Annotated[
        str | None,
        typer.Option("--author", help='Commit author, "Name <email>".', show_default=False),
    ] = None,
) -> None:
    """Start a new customer program: the four phases, a starter catalogue of standard
    requirements, an example plan with tests, and CI configuration.

    Outside a git repository, the folder becomes a new repository on branch `main` with a
    first commit. Inside one, the files are written and committed only with --commit.
    Existing files are never overwritten: when the folder already holds program files,
    init lists them and exits 2 (--force writes only the missing files).
    """
    from icmkit.git.commits import commit_files, enclosing_repo_root, init_repo, parse_identity
    from icmkit.resources import templates_root
    from icmkit.scaffold.init_program import init_program

    folder = program_path(path, path_option)
    options = _gather(customer, platform, start, currency, ci, ask=not yes and _interactive())
    identity = parse_identity(author) if author is not None else None
    repo_root = enclosing_repo_root(folder)
    result = init_program(options, folder, templates_root(), force=force)

    shown = str(folder)
    typer.echo(
        f"Started the ICM program for {options.customer} in {shown} "
        f"({len(result.written)} files written)."
    )
    if result.skipped:
        typer.echo("Left as they were (existing files are never overwritten):")
        for conflict in result.skipped:
            typer.echo(f"  {conflict.path}: {conflict.reason}")
    paths = [folder / rel for rel in result.written]
    message = f"Start the {options.customer} ICM program\n\nCreated with icmkit init."
    if repo_root is None:
        init_repo(folder)
        sha = commit_files(folder, paths, message, identity) if paths else None
        done = f", first commit {sha[:7]}" if sha else ""
        typer.echo(f"Git: new repository on branch main{done}.")
    elif commit and paths:
        sha = commit_files(repo_root, paths, message, identity)
        typer.echo(f"Git: committed to the repository at {repo_root} ({sha[:7]}).")
    else:
        typer.echo(
            f"Git: inside the repository at {repo_root}; the files are not committed "
            "(use --commit to commit them)."
        )
    if repo_root is not None:
        _note_files_for_the_top(folder, repo_root, result.written)
    typer.echo(
        "Next: edit the YAML files, then run `icmkit check`"
        + (f" in {shown}." if shown != "." else ".")
    )
