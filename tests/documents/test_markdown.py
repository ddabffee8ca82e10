"""Escaping user text for Markdown: each place text goes keeps it literal in its own way."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from icmkit import markdown
from icmkit.markdown import (
    MARKUP,
    Lines,
    code_span,
    escape,
    literal,
    literal_line,
    prose,
    prose_line,
    table_cell,
)


def test_literal_text_backslashes_every_markup_character() -> None:
    assert literal("A_B *c* [d](e) <f> #g |h ~i `j` \\k") == (
        r"A\_B \*c\* \[d\](e) \<f\> \#g \|h \~i \`j\` \\k"
    )
    assert literal("two\nlines") == "two\nlines"
    assert literal_line("two\r\nlines\n") == "two lines "


def test_prose_keeps_its_markdown_but_not_raw_html() -> None:
    assert prose("*Paid* monthly <script>\n- a list") == "*Paid* monthly &lt;script>\n- a list"
    assert prose(None) == ""
    assert prose_line("  Paid\n  monthly\t<b> ") == "Paid monthly &lt;b>"


def test_a_table_cell_escapes_pipes_and_keeps_breaks_inside() -> None:
    assert table_cell("a | b\nc") == r"a \| b<br>c"
    assert table_cell(" x\\y\r\n<z> ") == r"x\\y<br>&lt;z>"
    assert table_cell(None) == ""
    assert table_cell(12) == "12"


def test_the_markup_set_is_a_parameter() -> None:
    without_headings = MARKUP.replace("#", "").replace("~", "")
    assert escape("#1 ~x~ _y_", markup=without_headings) == r"#1 ~x~ \_y\_"
    assert escape("a\n\n b", markup="", lines=Lines.SQUEEZED) == "a b"


def test_code_spans_survive_backticks_and_line_breaks() -> None:
    assert code_span("FR-1") == "`FR-1`"
    assert code_span("a`b") == "``a`b``"
    assert code_span("`a") == "`` `a ``"
    assert code_span("a\nb") == "`a b`"


@given(st.text())
def test_markdown_cell_never_leaves_its_cell(text: str) -> None:
    cell = table_cell(text)
    assert "\n" not in cell and "\r" not in cell
    for pipe in re.finditer(r"(\\*)\|", cell):
        assert len(pipe.group(1)) % 2 == 1, cell  # escaped: an odd run of backslashes
    assert "<" not in cell.replace("<br>", "")


@given(st.text())
def test_literal_text_leaves_no_markup_character_bare(text: str) -> None:
    escaped = markdown.literal(text)
    bare = re.sub(r"\\.", "", escaped, flags=re.DOTALL)
    assert not set(bare) & set(MARKUP)
