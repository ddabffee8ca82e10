"""The pieces both documents' views are built from: the ``View`` base, tables, links, counts
and table-of-contents entries.

Templates receive views, never model objects: frozen dataclasses of text, numbers, flags and
lists, with every word already chosen. A template reads ``view.field`` (or ``view["field"]``).
"""

from __future__ import annotations

from dataclasses import Field, dataclass, field, fields
from typing import Any, ClassVar


class View:
    """Base of everything a document template receives: read-only plain data.

    The template sandbox hands out a view's fields without further checks (see
    ``documents.environment``); subclasses are frozen, slotted dataclasses.
    """

    __slots__ = ()
    __dataclass_fields__: ClassVar[dict[str, Field[Any]]]


def template_names(view: View) -> dict[str, object]:
    """A document's view as the top-level names its template sees."""
    return {f.name: getattr(view, f.name) for f in fields(view)}


@dataclass(frozen=True, slots=True)
class Table(View):
    """A table of text cells, laid out by the templates' ``table`` macros."""

    columns: list[str]
    rows: list[list[str]]


@dataclass(frozen=True, slots=True)
class Ref(View):
    """A link to an item in the same document; ``anchor`` is ``None`` for an unknown id."""

    id: str
    anchor: str | None


@dataclass(frozen=True, slots=True)
class PlanRef(View):
    """A link to a plan's own document; ``file`` is ``None`` for an unknown plan."""

    id: str
    file: str | None


@dataclass(frozen=True, slots=True)
class StatusCounts(View):
    """How many items, and how many in each status (in the order of the statuses listed)."""

    count: int
    statuses: list[int]


@dataclass(frozen=True, slots=True)
class TocLink(View):
    anchor: str
    title: str


@dataclass(frozen=True, slots=True)
class TocEntry(View):
    """A line of the table of contents, with the lines below it."""

    anchor: str
    title: str
    children: list[TocLink] = field(default_factory=list)
