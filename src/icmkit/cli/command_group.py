"""The root command group: every usage error reaches the user in icmkit's own words.

click reports its own errors (an unknown option, a missing argument, a value not among the
choices) as ``Usage: …`` and ``Error: …`` lines; icmkit's commands report theirs as
``icmkit: error: …``. This group runs the command line without click's standalone handling
and shows click's errors in icmkit's style instead, with the same exit code (2), so that a
user and a script see one style whatever went wrong. ``--help`` is untouched.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import Any, NoReturn

import typer
from typer.core import TyperGroup

from icmkit.cli.exit_codes import INTERRUPTED, USAGE

_CLICK_ERROR: type[Exception] = next(
    c for c in typer.BadParameter.__mro__ if c.__name__ == "ClickException"
)
"""click's base of the errors it shows to the user, from whichever click typer runs on."""


def usage_error_text(error: Exception) -> str:
    """``icmkit: error: …`` for a click error, pointing at the command's ``--help``."""
    format_message = getattr(error, "format_message", None)
    message = str(format_message() if callable(format_message) else error)
    if len(message) > 1 and message[0].isupper() and not message[1].isupper():
        message = message[0].lower() + message[1:]
    message = message.rstrip(".")
    ctx = getattr(error, "ctx", None)
    if ctx is not None and ctx.command.get_help_option(ctx) is not None:
        message += f" (see `{ctx.command_path} {ctx.help_option_names[0]}`)"
    return f"icmkit: error: {message}\n"


class IcmkitGroup(TyperGroup):
    """A typer group whose usage errors read ``icmkit: error: …`` and exit 2."""

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        try:
            code = super().main(
                args,
                prog_name,
                complete_var,
                standalone_mode=False,
                windows_expand_args=windows_expand_args,
                **extra,
            )
        except _CLICK_ERROR as error:
            if type(error).__name__ == "NoArgsIsHelpError":
                # `icmkit` or `icmkit export` alone: the help, as click shows it
                error.show()  # type: ignore[attr-defined]
                code = USAGE
            else:
                sys.stderr.write(usage_error_text(error))
                code = getattr(error, "exit_code", USAGE) or USAGE
        except typer.Abort:
            # end of input at a prompt, or Ctrl-C while click reads an answer
            sys.stderr.write("\nicmkit: interrupted\n")
            code = INTERRUPTED
        if not standalone_mode:
            return code
        _exit(code)


def _exit(code: object) -> NoReturn:
    sys.exit(code if isinstance(code, int) else 0)
