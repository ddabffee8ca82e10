"""User text in Markdown: every escaping rule in one place, chosen by where the text goes.

Two ways keep user text from turning into markup:

* backslashes before markup characters (``A_B`` -> ``A\\_B``): the text shows exactly as
  written (names, titles, the words of a diff);
* ``<`` as ``&lt;``: prose keeps its own Markdown (a spec may use lists and emphasis), but raw
  HTML in it shows as text.

Where the text goes also decides what its line breaks become (:class:`Lines`). The named
functions below are the combinations in use; :func:`escape` takes the parameters directly.

Prose keeps its own Markdown only where it stays inside its place in the document: a link
whose address is not a web or mail address (``javascript:``, ``data:``) is shown as text, and
a line that would start a heading, a rule or a code block never closed is escaped
(:func:`safe_links`, :func:`safe_blocks`).

Standard library only: documents, terminal views and scaffolding all use it.
"""

from __future__ import annotations

import html
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
    """User prose: its Markdown formatting works, raw HTML in it shows as text, and nothing in
    it links to a script or changes the document's headings and blocks."""
    return safe_blocks(safe_links(escape(value, markup="", html=True)))


def prose_line(value: object) -> str:
    """:func:`prose` on one line (a list item, a heading): whitespace runs become one space."""
    line = safe_links(escape(value, markup="", html=True, lines=Lines.SQUEEZED))
    return "\\" + line if _LINE_START.match(line) else line


def table_cell(value: object) -> str:
    """Text that stays inside one table cell: ``|`` and ``\\`` escaped, breaks as ``<br>``."""
    return safe_links(escape(value, markup="\\|", html=True, lines=Lines.CELL))


SAFE_SCHEMES = frozenset({"http", "https", "mailto"})
"""Link addresses kept live; any other scheme (``javascript:``, ``data:``, ``vbscript:``,
``file:``) is shown as text. Addresses without a scheme (``#anchor``, ``plans/x.md``) stay."""

_LINK_OPENING = re.compile(r"\]\(")
_DEFINITION = re.compile(r"^( {0,3})\[(?=[^\]\n]+\]:)", re.MULTILINE)
_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):")
_NOT_IN_SCHEME = re.compile(r"[\x00-\x20\x7f\\]")
_LINE_START = re.compile(
    r"^(?:#{1,6}(?:[ \t]|$)|[-+*](?:[ \t]|$)|>|(?:[-*_][ \t]*){3,}$|=+[ \t]*$)"
)
"""How a line starts that would make a one-line text (a list item's) a heading, a list inside
the list, a rule or a quote. (``1. Scope`` is left as it is: titles start so.)"""


def _unsafe_address(text: str) -> bool:
    """Whether a link address (as written, up to its end) leads to an unsafe scheme: read as
    a browser reads it, with entities decoded and whitespace and backslashes dropped."""
    decoded = _NOT_IN_SCHEME.sub("", html.unescape(text.replace("&lt;", ""))).lower()
    found = _SCHEME.match(decoded)
    return found is not None and found.group(1) not in SAFE_SCHEMES


def safe_links(text: str) -> str:
    """``text`` with each link or link definition to an unsafe address shown as text."""
    if "](" in text:
        parts: list[str] = []
        last = 0
        for found in _LINK_OPENING.finditer(text):
            if _unsafe_address(text[found.end() : found.end() + 200].lstrip()):
                parts.append(text[last : found.start() + 1] + "\\(")
                last = found.end()
        text = "".join(parts) + text[last:]
    if "]:" in text:
        text = _DEFINITION.sub(
            lambda m: m.group(0) if not _definition_unsafe(text, m.end()) else m.group(1) + "\\[",
            text,
        )
    return text


def _definition_unsafe(text: str, start: int) -> bool:
    close = text.index("]:", start)
    return _unsafe_address(text[close + 2 : close + 202].lstrip())


_CONTAINERS = re.compile(r"(?:[ \t]*(?:>[ \t]?|(?:[-+*]|\d{1,9}[.)])(?:[ \t]+|$)))*[ \t]*")
"""Where a line's own content starts: after its indentation, quote markers and list markers."""
_HEADING = re.compile(r"#{1,6}(?=[ \t]|$)")
_UNDERLINE = re.compile(r"(?:=+|-+)[ \t]*$")
_RULE = re.compile(r"([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_FENCE = re.compile(r"^( {0,3})(`{3,}|~{3,})(.*)$")


def safe_blocks(text: str) -> str:
    """``text`` with every line escaped that would turn into a heading (``# x``, or a line of
    ``===`` or ``---`` under text), a horizontal rule, or a code fence that is never closed
    (which would swallow the rest of the document). A line inside a quote or a list item
    counts too; so does an indented one (it may be inside a list item): inside an indented
    code block, the escape shows as a backslash."""
    lines = text.split("\n")
    open_fence: tuple[int, str, int] | None = None  # line, character, length
    previous_text = False
    for index, line in enumerate(lines):
        fence = _FENCE.match(line)
        if open_fence is not None:
            _, char, size = open_fence
            closes = fence and fence.group(2)[0] == char and len(fence.group(2)) >= size
            if closes and fence and not fence.group(3).strip():
                open_fence = None
            previous_text = False
            continue
        if fence and not (fence.group(2)[0] == "`" and "`" in fence.group(3)):
            open_fence = (index, fence.group(2)[0], len(fence.group(2)))
            previous_text = False
            continue
        patterns = (_HEADING, _RULE, _UNDERLINE) if previous_text else (_HEADING, _RULE)
        indent = len(line) - len(line.lstrip(" \t"))
        start = _content_start(line)
        for at in dict.fromkeys((indent, start)):
            if any(pattern.match(line[at:]) for pattern in patterns):
                line = lines[index] = f"{line[:at]}\\{line[at:]}"
                break
        previous_text = bool(line[start:].strip())
    if open_fence is not None:
        index = open_fence[0]
        indent = len(lines[index]) - len(lines[index].lstrip(" "))
        lines[index] = f"{lines[index][:indent]}\\{lines[index][indent:]}"
    return "\n".join(lines)


def _content_start(line: str) -> int:
    """Where ``line``'s content starts after its quote and list markers (a rule made of list
    marker characters, ``- - -``, is content, not markers)."""
    found = _CONTAINERS.match(line)
    if _RULE.match(line.lstrip(" \t")):
        return len(line) - len(line.lstrip(" \t"))
    return found.end() if found else 0


def code_span(text: str) -> str:
    """Inline code on one line that survives backticks in the text."""
    text = text.replace("\n", " ")
    fence = "``" if "`" in text else "`"
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"
