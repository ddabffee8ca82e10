"""The one small exception hierarchy of icmkit.

Every error a user can cause maps to an exit code in one place (``icmkit.cli.exit_codes``):
usage and unreadable input exit 2; anything else that escapes is an internal error (3).
"""

from __future__ import annotations


class IcmkitError(Exception):
    """Base class of the errors icmkit raises on purpose."""

    exit_code = 2


class UsageError(IcmkitError):
    """The command line asks for something that cannot be done."""


class ProgramNotFoundError(IcmkitError):
    """No program repository at or above the given path."""


class UnreadableInputError(IcmkitError):
    """A file or folder the command needs cannot be read."""


class UnwritableOutputError(IcmkitError):
    """A file cannot be written: a full disk, a read-only folder, no permission."""
