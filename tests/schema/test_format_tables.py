"""The key tables of docs/format.md are read off the models: types, defaults and meanings."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Literal

import pytest
from pydantic import Field

from icmkit.model.base import Amount, Hours, Item, Rate, Ref, Shown, TeamMemberRef
from icmkit.model.plans import Plan
from icmkit.schema.format_tables import (
    HEADER,
    FormatTableError,
    documented_models,
    key_rows,
    key_table,
    main,
    with_tables,
)


class Colour(StrEnum):
    RED = "red"
    BLUE = "blue"


class Part(Item):
    name: str = Field(description="The part's name.")


class UserStory(Item):
    text: str = Field(description="The story.")


class Sample(Item):
    tag: Literal["sample"] = Field(description="Always `sample`.")
    title: str = Field(description="A title.")
    when: dt.date | None = Field(default=None, description="A day.")
    at: dt.datetime = Field(description="A moment.")
    done: bool = Field(default=False, description="Done or not.")
    count: int = Field(default=4, ge=1, le=12, description="How many.")
    first: int | None = Field(default=None, ge=1, description="The first N.")
    colour: Colour = Field(default=Colour.RED, description="A colour: `red` or `blue`.")
    colours: list[Colour] = Field(
        default_factory=lambda: [Colour.RED, Colour.BLUE], description="Colours."
    )
    price: Amount = Field(default=Decimal("0"), description="Money.")
    share: Rate | None = Field(default=None, description="A share.")
    hours: Hours = Field(description="Hours.")
    shares: list[Rate] = Field(default_factory=list, description="Shares.")
    parts: list[Part] = Field(min_length=1, description="Parts, see [Part](#part).")
    stories: list[UserStory] = Field(default_factory=list, description="Stories.")
    part: Part = Field(description="One part.")
    by_name: dict[str, Amount] = Field(default_factory=dict, description="Amounts by name.")
    owner: TeamMemberRef | None = Field(default=None, description="Who.")
    owners: list[TeamMemberRef] = Field(default_factory=list, description="All of them.")
    plan: Annotated[Ref, Shown(type="reference to a plan", default="the first plan")] = Field(
        default="", description="A plan; a | in the text is escaped."
    )


def test_rows_are_read_off_the_annotation_default_and_description() -> None:
    rows = [(r.key, r.type, r.default, r.meaning) for r in key_rows(Sample)]

    assert rows == [
        ("tag", "`sample`", "required", "Always `sample`."),
        ("title", "text", "required", "A title."),
        ("when", "date", "none", "A day."),
        ("at", "date and time", "required", "A moment."),
        ("done", "yes/no", "`false`", "Done or not."),
        ("count", "integer, 1 to 12", "`4`", "How many."),
        ("first", "integer, 1 or more", "none", "The first N."),
        ("colour", "one of", "`red`", "A colour: `red` or `blue`."),
        ("colours", "list of one of", "`[red, blue]`", "Colours."),
        ("price", "amount", "`0`", "Money."),
        ("share", "rate", "none", "A share."),
        ("hours", "hours", "required", "Hours."),
        ("shares", "list of rates", "empty", "Shares."),
        ("parts", "list of parts", "required, at least one", "Parts, see [Part](#part)."),
        ("stories", "list of user stories", "empty", "Stories."),
        ("part", "mapping", "required", "One part."),
        ("by_name", "mapping of text to amount", "empty", "Amounts by name."),
        ("owner", "reference to a team member", "none", "Who."),
        ("owners", "list of team member ids", "empty", "All of them."),
        ("plan", "reference to a plan", "the first plan", "A plan; a | in the text is escaped."),
    ]
    assert key_table(Sample)[-1] == (
        r"| `plan` | reference to a plan | the first plan | A plan; a \| in the text is escaped. |"
    )


def test_a_key_is_its_alias_and_a_table_holds_only_the_fields_a_model_declares() -> None:
    class Window(Item):
        from_: dt.date = Field(alias="from", description="First day.")

    class Wider(Window):
        to: dt.date = Field(description="Day after.")

    assert [row.key for row in key_rows(Window)] == ["from"]
    assert [row.key for row in key_rows(Wider)] == ["to"]


def test_the_components_base_lists_the_kind_every_component_declares() -> None:
    keys = [row.key for row in key_rows(documented_models()["ComponentBase"])]

    assert keys[:4] == ["id", "name", "kind", "description"]


def test_a_field_without_a_description_is_named() -> None:
    class Bare(Item):
        size: int = 1

    with pytest.raises(FormatTableError, match=r"Bare\.size has no description"):
        key_rows(Bare)


def test_a_field_whose_type_or_default_cannot_be_shown_is_named() -> None:
    class Odd(Item):
        cell: str | int = Field(description="Text or a number.")

    class Nested(Item):
        part: Part = Field(default_factory=lambda: Part(name="x"), description="A part.")

    with pytest.raises(FormatTableError, match=r"Odd\.cell: no type text .*Shown\(type="):
        key_rows(Odd)
    with pytest.raises(FormatTableError, match=r"Nested\.part: no default text .*Shown\(default="):
        key_rows(Nested)


def test_every_model_of_every_file_kind_is_documented() -> None:
    models = documented_models()

    assert models["Plan"] is Plan
    assert {"ProgramFile", "ComponentBase", "FlatComponent", "Tier", "SignOff"} <= set(models)


STALE = f"""\
# Title

<!-- model: Part -->

Prose stays.

{HEADER[0]}
{HEADER[1]}
| `old` | text | required | Gone. |

After.
"""


def test_only_the_table_after_a_marker_is_made_anew() -> None:
    assert with_tables(STALE, {"Part": Part}) == (
        "# Title\n\n<!-- model: Part -->\n\nProse stays.\n\n"
        f"{HEADER[0]}\n{HEADER[1]}\n| `name` | text | required | The part's name. |\n\nAfter.\n"
    )


def test_a_marker_must_name_a_model_and_be_followed_by_its_table() -> None:
    with pytest.raises(FormatTableError, match="no model is called Part"):
        with_tables(STALE, {})
    with pytest.raises(FormatTableError, match="the Part section has no key table"):
        with_tables("<!-- model: Part -->\n\n## Next\n", {"Part": Part})
    with pytest.raises(FormatTableError, match="the Part section has no key table"):
        with_tables("<!-- model: Part -->\n\nOnly prose.\n", {"Part": Part})


def test_a_marker_inside_a_code_block_is_text() -> None:
    text = "```\n<!-- model: Nothing -->\n```\n"

    assert with_tables(text, {}) == text


def test_main_rewrites_the_tables_of_a_file_in_place(tmp_path: Path) -> None:
    doc = tmp_path / "format.md"
    doc.write_text(
        "<!-- model: Effective -->\n\n"
        f"{HEADER[0]}\n{HEADER[1]}\n| `from` | date | required | Stale. |\n",
        encoding="utf-8",
    )

    assert main([str(doc)]) == 0

    assert doc.read_text(encoding="utf-8").endswith(
        "| `from` | date | required | First day included. |\n"
        "| `to` | date | none (open-ended) | First day no longer included: "
        "`to: 2028-01-01` ends on 31 December 2027. |\n"
    )
