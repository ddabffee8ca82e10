"""``icmkit init``: start a new customer program in a folder (a git repository that checks)."""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, TypeVar

import typer

from icmkit.cli.exit_codes import guarded
from icmkit.cli.parameters import NewProgramPathArgument, NewProgramPathOption, program_path
from icmkit.errors import UsageError
from icmkit.scaffold.install_requirement import given_requirement, running_requirement
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

T = TypeVar("T")


def _interactive() -> bool:
    """Ask for missing options only when a person is at a terminal."""
    return sys.stdin.isatty()


def _ask(label: str, default: str | None = None) -> str:
    return str(typer.prompt(label, default=default or None))


def _ask_ci() -> CiChoice:
    choices = ", ".join(c.value for c in CiChoice)
    while True:
        answer = _ask(f"CI configuration ({choices})", CiChoice.GITHUB.value).strip().lower()
        if answer in {c.value for c in CiChoice}:
            return CiChoice(answer)
        typer.echo(f"Please answer one of: {choices}.", err=True)


def _ask_until(label: str, default: str, clean: Callable[[str], T]) -> T:
    """Ask until the answer is valid: a mistake is said at once and asked again, so no
    earlier answer is lost."""
    while True:
        answer = _ask(label, default)
        try:
            return clean(answer)
        except UsageError as error:
            message = str(error)
            if message.startswith("--"):  # said of the option; here it is an answer
                message = "The answer " + message.split(" ", 1)[1]
            typer.echo(f"{message}; please try again.", err=True)


def _gather(
    customer: str | None,
    platform: str | None,
    start: str | None,
    currency: str | None,
    ci: CiChoice | None,
    requirement: str | None,
    ask: bool,
) -> InitOptions:
    default_start = next_monday(dt.date.today()).isoformat()
    # options given on the command line are checked before any question is asked
    given_customer = clean_name(customer, "--customer") if customer is not None else None
    given_platform = clean_name(platform, "--platform") if platform is not None else None
    given_start = parse_start(start) if start is not None else None
    given_currency = clean_currency(currency) if currency is not None else None
    chosen = given_requirement(requirement) if requirement is not None else running_requirement()
    if given_customer is None:
        if not ask:
            raise UsageError(
                "--customer is required when icmkit init cannot ask (no terminal, or --yes); "
                "e.g. icmkit init acme --customer 'Acme Corp'"
            )
        given_customer = _ask_until("Customer name", "", lambda a: clean_name(a, "the name"))
    if given_platform is None:
        given_platform = (
            _ask_until("ICM platform", DEFAULT_PLATFORM, lambda a: clean_name(a, "the platform"))
            if ask
            else DEFAULT_PLATFORM
        )
    if given_start is None:
        given_start = (
            _ask_until("Program start date (YYYY-MM-DD)", default_start, parse_start)
            if ask
            else parse_start(default_start)
        )
    if given_currency is None:
        given_currency = (
            _ask_until("Currency", DEFAULT_CURRENCY, clean_currency) if ask else DEFAULT_CURRENCY
        )
    if ci is None:
        ci = _ask_ci() if ask else CiChoice.GITHUB
    return InitOptions(
        customer=given_customer,
        platform=given_platform,
        currency=given_currency,
        start=given_start,
        ci=ci,
        requirement=chosen,
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


def _note_the_install_line(options: InitOptions) -> None:
    """Say how CI and README install icmkit, and when that will not work elsewhere."""
    chosen = options.requirement
    if options.ci is CiChoice.NONE:
        where = "README.md"
    else:
        from icmkit.scaffold.plan import CI_FILES

        where = f"README.md and {CI_FILES[options.ci]}"
    typer.echo(f"Install line in {where}: {chosen.spec} ({chosen.source}).")
    if chosen.local:
        typer.echo(
            "It names a file or folder on this machine, which CI and the rest of the "
            "team cannot reach; change it there, or run init with --requirement."
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
    requirement: Annotated[
        str | None,
        typer.Option(
            "--requirement",
            metavar="SPEC",
            help="How the team and CI install icmkit, written into the CI configuration and "
            "README: a pip requirement such as 'icmkit==1.2.0', 'icmkit @ "
            "git+https://git.example.com/tools/icmkit@v1.2.0' or a wheel's URL [default: how "
            "the icmkit running init was installed].",
            show_default=False,
        ),
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
    options = _gather(
        customer, platform, start, currency, ci, requirement, ask=not yes and _interactive()
    )
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
    _note_the_install_line(options)
    typer.echo(
        "Next: edit the YAML files, then run `icmkit check`"
        + (f" in {shown}." if shown != "." else ".")
    )
