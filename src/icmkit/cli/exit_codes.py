"""The one place where outcomes become exit codes.

0 clean, 1 findings, 2 usage or unreadable input, 3 internal error, 130 interrupted.
"""

from __future__ import annotations

import functools
import os
import sys
import traceback
from collections.abc import Callable
from typing import ParamSpec, TypeVar

import typer

from icmkit.errors import IcmkitError

CLEAN = 0
FINDINGS = 1
USAGE = 2
INTERNAL = 3
INTERRUPTED = 130

P = ParamSpec("P")
R = TypeVar("R")


_debug = False

_PASSED_ON: tuple[type[BaseException], ...] = (
    typer.Exit,
    typer.Abort,
    # click's own errors (bad parameters, usage), from whichever click typer runs on
    *(c for c in typer.BadParameter.__mro__ if c.__name__ == "ClickException"),
)


def set_debug(on: bool) -> None:
    """Set by the root command on every run: ``--debug`` shows tracebacks of internal errors."""
    global _debug
    _debug = on


def debug_enabled() -> bool:
    return _debug or os.environ.get("ICMKIT_DEBUG", "") not in ("", "0")


def guarded(func: Callable[P, R]) -> Callable[P, R]:
    """Run a command so that no user ever sees a traceback unless they asked for one."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return func(*args, **kwargs)
        except _PASSED_ON:
            raise
        except IcmkitError as exc:
            typer.echo(f"icmkit: error: {exc}", err=True)
            raise typer.Exit(exc.exit_code) from None
        except KeyboardInterrupt:
            typer.echo("icmkit: interrupted", err=True)
            raise typer.Exit(INTERRUPTED) from None
        except OSError as exc:  # the machine's, not icmkit's: a full disk, a file gone
            where = f"{exc.filename}: " if exc.filename else ""
            typer.echo(f"icmkit: error: {where}{exc.strerror or exc}", err=True)
            raise typer.Exit(USAGE) from None
        except Exception as exc:
            if debug_enabled():
                traceback.print_exc(file=sys.stderr)
            typer.echo(
                f"icmkit: internal error: {type(exc).__name__}: {exc}\n"
                "This is a bug in icmkit; please report it with the command you ran "
                "(run it again as `icmkit --debug ...` to see the traceback).",
                err=True,
            )
            raise typer.Exit(INTERNAL) from None

    return wrapper
