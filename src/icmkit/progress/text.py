"""Text as a checklist shows it."""

from __future__ import annotations


def one_line(text: str) -> str:
    """Text on a single line: runs of whitespace (newlines included) become one space."""
    return " ".join(text.split())
