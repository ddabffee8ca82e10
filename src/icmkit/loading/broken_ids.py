"""Ids of items that could not be loaded, so references to them are not reported again.

When a file cannot be read or an item fails validation, the problem is reported once, where
it is. Every other file that refers to those items would otherwise get an "unknown id"
finding too, pointing away from the real problem.
"""

from __future__ import annotations

import re
from typing import Any

_ID_IN_TEXT = re.compile(r"""(?<![\w-])id:[ \t]*["']?([^\s"',#{}\[\]]+)""")


def ids_in_data(data: Any) -> set[str]:
    """Every text ``id`` of a mapping anywhere in ``data`` (shared aliased values walked once)."""
    found: set[str] = set()
    seen: set[int] = set()
    stack: list[Any] = [data]
    while stack:
        value = stack.pop()
        if not isinstance(value, dict | list) or id(value) in seen:
            continue
        seen.add(id(value))
        if isinstance(value, dict):
            ident = value.get("id")
            if isinstance(ident, str) and ident:
                found.add(ident)
            stack.extend(value.values())
        else:
            stack.extend(value)
    return found


def ids_in_text(data: bytes) -> set[str]:
    """Best-effort ``id: X`` values of a file that could not be parsed as YAML."""
    text = data.decode("utf-8", errors="replace")
    return set(_ID_IN_TEXT.findall(text))
