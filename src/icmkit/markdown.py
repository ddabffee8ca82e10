"""User text in Markdown: every escaping rule in one place, chosen by where the text goes.

Two ways keep user text from turning into markup:

* backslashes before markup characters (``A_B`` -> ``A\\_B``): the text shows exactly as
  written (names, titles, the words of a diff);
* ``<`` as ``&lt;``: prose keeps its own Markdown (a spec may use lists and emphasis), but raw
  HTML in it shows as text.

Where the text goes also decides what its line breaks become (:class:`Lines`). The named
functions below are the combinations in use; :func:`escape` takes the parameters directly.
Standard library only: documents, terminal views and scaffolding all use it.
"""

from __future__ import annotations

import re
from enum import Enum

MARKUP = "\\`*_[]<>#|~"
"""Every character with a meaning in Markdown (GitHub's flavour: tables, strikethrough)."""

_CELL_BREAKS = re.compile(r"\r\n|\r|\n")


class Lines(Enum):
    """What line breaks in the text become."""

    KEEP = "keep"
    """Kept: a block of text."""
    JOINED = "joined"
    """Each ``\\n`` becomes a space and each ``\\r`` goes: one line, spacing otherwise kept."""
    SQUEEZED = "squeezed"
    """Every run of whitespace becomes one space, none at the ends: a list item, a heading."""
    CELL = "cell"
    """No whitespace at the ends, each line break ``<br>``: a table cell stays one row."""


def _backslashed(text: str, markup: str) -> str:
    """``text`` with a backslash before each character of ``markup`` (its own first)."""
    if "\\" in markup:
        text = text.replace("\\", "\\\\")
    for char in markup:
        if char != "\\" and char in text:
            text = text.replace(char, "\\" + char)
    return text


def escape(
    value: object, *, markup: str = MARKUP, html: bool = False, lines: Lines = Lines.KEEP
) -> str:
    """``value`` as Markdown text (``None`` as empty text).

    ``markup``: the characters to put a backslash before. ``html``: ``<`` becomes ``&lt;``
    (so leave ``<`` out of ``markup``). ``lines``: what line breaks become.
    """
    text = "" if value is None else str(value)
    if markup:
        text = _backslashed(text, markup)
    if html:
        text = text.replace("<", "&lt;")
    if lines is Lines.JOINED:
        return text.replace("\r", "").replace("\n", " ")
    if lines is Lines.SQUEEZED:
        return " ".join(text.split())
    if lines is Lines.CELL:
        text = text.strip()
        return _CELL_BREAKS.sub("<br>", text) if "\n" in text or "\r" in text else text
    return text


def literal(value: object) -> str:
    """Text that shows exactly as written, markup characters and all."""
    return escape(value)


def literal_line(value: object) -> str:
    """:func:`literal` on one line: each line break becomes a space."""
    return escape(value, lines=Lines.JOINED)


def prose(value: object) -> str:
    """User prose: its Markdown formatting works, raw HTML in it shows as text."""
    return escape(value, markup="", html=True)


def prose_line(value: object) -> str:
    """:func:`prose` on one line (a list item, a heading): whitespace runs become one space."""
    return escape(value, markup="", html=True, lines=Lines.SQUEEZED)


def table_cell(value: object) -> str:
    """Text that stays inside one table cell: ``|`` and ``\\`` escaped, breaks as ``<br>``."""
    return escape(value, markup="\\|", html=True, lines=Lines.CELL)


def code_span(text: str) -> str:
    """Inline code on one line that survives backticks in the text."""
    text = text.replace("\n", " ")
    fence = "``" if "`" in text else "`"
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"
