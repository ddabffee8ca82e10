"""Errors of reading a program's history: each is one line for the user, exit code 2."""

from __future__ import annotations

from icmkit.errors import IcmkitError


class NotARepositoryError(IcmkitError):
    """The program is not inside a git repository."""


class UnknownRevisionError(IcmkitError):
    """A revision the user named does not exist in the repository."""


class ShallowCloneError(IcmkitError):
    """The history needed is missing because the clone is shallow."""


UNSHALLOW_HINT = "run `git fetch --unshallow` to fetch the full history"
