"""What ``init`` needs to know about a new program, checked before anything is written."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Final

from icmkit.errors import UsageError
from icmkit.scaffold.install_requirement import InstallRequirement, version_pin

DEFAULT_PLATFORM: Final = "Performio"
DEFAULT_CURRENCY: Final = "USD"

_CURRENCY = re.compile(r"^[A-Z]{3}$")
_BREAKING: Final = frozenset({"Cc", "Cs", "Zl", "Zp"})
"""Unicode categories that would break a name across lines or files: controls, separators."""


class CiChoice(StrEnum):
    """Which continuous-integration configuration the new repository gets."""

    GITHUB = "github"
    GITLAB = "gitlab"
    NONE = "none"


@dataclass(frozen=True)
class InitOptions:
    """The answers ``init`` renders its templates with."""

    customer: str
    platform: str
    currency: str
    start: dt.date
    ci: CiChoice
    requirement: InstallRequirement = field(default_factory=version_pin)
    """How the team and CI install icmkit (written into the CI configuration and README)."""


def clean_name(value: str, option: str) -> str:
    """A one-line name: surrounding blanks dropped, control characters refused."""
    text = value.strip()
    if not text:
        raise UsageError(f"{option} must not be empty")
    if any(unicodedata.category(c) in _BREAKING for c in text):
        raise UsageError(f"{option} must be one line of text without control characters")
    return text


def clean_currency(value: str) -> str:
    """An ISO 4217 code such as ``USD``; lower case is accepted and raised."""
    code = value.strip().upper()
    if not _CURRENCY.match(code):
        raise UsageError(f"--currency must be a three-letter ISO code such as USD, not {value!r}")
    return code


def parse_start(value: str) -> dt.date:
    """A start date written ``YYYY-MM-DD``."""
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise UsageError(f"--start must be a date written YYYY-MM-DD, not {value!r}") from None
