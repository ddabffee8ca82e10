"""GitPython, imported on first use, and the errors of using git: each is one line for the
user, exit code 2."""

from __future__ import annotations

from types import ModuleType

from icmkit.errors import IcmkitError


class GitFailedError(IcmkitError):
    """A git operation failed; the message says what was already done."""


class NotARepositoryError(IcmkitError):
    """The program is not inside a git repository."""


class UnknownRevisionError(IcmkitError):
    """A revision the user named does not exist in the repository."""


class ShallowCloneError(IcmkitError):
    """The history needed is missing because the clone is shallow."""


UNSHALLOW_HINT = "run `git fetch --unshallow` to fetch the full history"


def gitpython() -> ModuleType:
    """GitPython, imported on first use; a missing git program is a clear error, not a crash."""
    try:
        import git
    except ImportError as exc:  # GitPython raises ImportError when it cannot run `git`
        if "git executable" not in str(exc):
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise GitFailedError(f"git is needed but could not be used: {first}") from None
        raise GitFailedError(
            "git is needed but the `git` program was not found; install git, or set "
            "GIT_PYTHON_GIT_EXECUTABLE to its full path"
        ) from None
    return git
