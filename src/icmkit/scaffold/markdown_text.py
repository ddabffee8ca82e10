"""Escaping user text for Markdown templates, so a name is shown as written."""

from __future__ import annotations

import re

_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~])")


def markdown_text(value: object) -> str:
    """``value`` with Markdown's markup characters backslash-escaped (``A_B`` -> ``A\\_B``)."""
    return _SPECIAL.sub(r"\\\1", str(value))
