"""Whether to colour output: only on a terminal, never with ``NO_COLOR``."""

from __future__ import annotations

import os
from typing import TextIO


def use_colour(stream: TextIO) -> bool:
    if os.environ.get("NO_COLOR", "") != "":
        return False
    if os.environ.get("FORCE_COLOR", "") not in ("", "0"):
        return True
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())
