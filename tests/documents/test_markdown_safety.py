"""User text in the Markdown documents links to no script and changes no heading or block:
`[x](javascript:…)` and `data:` links are shown as text, a `# ` line in a description stays
a line of the description, and phase names stay names in the Mermaid chart."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.loading.conftest import replace

from icmkit import markdown
from icmkit.documents.gantt import mermaid_text
from icmkit.documents.render import DocumentFormat, render_documents
from icmkit.engine.load_and_check import load_and_check

markdown_it = pytest.importorskip("markdown_it")
SAFE_HREF = re.compile(r"^(?:https?:|mailto:|#|[^:]*$)", re.IGNORECASE)

UNSAFE_LINKS = [
    "[click](javascript:alert(1))",
    "[click](JavaScript:alert(1))",
    "[click]( javascript:alert(1) )",
    "[click](java&#115;cript:alert(1))",
    "[click](java&#x09;script:alert(1))",
    "[click](java\\script:alert(1))",
    "[click](<javascript:alert(1)>)",
    "![pixel](data:image/svg+xml;base64,PHN2Zz4=)",
    "[file](file:///etc/passwd)",
    "[x](vbscript:msgbox(1))",
    "[x][ref]\n\n[ref]: javascript:alert(1)",
    "[x]\n\n  [x]: data:text/html,<script>alert(1)</script>",
]


def _tokens(text: str) -> list[object]:
    found: list[object] = []
    for token in markdown_it.MarkdownIt("commonmark").parse(text):
        found.append(token)
        found.extend(token.children or [])
    return found


def _hrefs(text: str) -> list[str]:
    found = []
    for token in _tokens(text):
        for name in ("href", "src"):
            value = token.attrGet(name)  # type: ignore[attr-defined]
            if value is not None:
                found.append(str(value))
    return found


@pytest.mark.parametrize("text", UNSAFE_LINKS)
@pytest.mark.parametrize("escape", [markdown.prose, markdown.prose_line, markdown.table_cell])
def test_an_unsafe_link_is_shown_as_text(text: str, escape: object) -> None:
    rendered = escape(text)  # type: ignore[operator]
    assert [h for h in _hrefs(rendered) if not SAFE_HREF.match(h)] == []


@pytest.mark.parametrize(
    "text", ["[site](https://example.com/a_(b))", "[mail](mailto:a@b.c)", "[part](#part-1)"]
)
def test_a_safe_link_stays_a_link(text: str) -> None:
    assert markdown.prose(text) == text
    assert len(_hrefs(markdown.prose(text))) == 1


@pytest.mark.parametrize(
    "text",
    [
        "# Owned",
        "Intro\n## Owned",
        "Intro\n===",
        "Intro\n---",
        "Intro\n-",
        "***",
        "- - -",
        "```\nall the rest of the document",
        "~~~~\nall the rest",
        "   # indented heading",
        "> # quoted heading",
        "- # heading in a list item",
        "1. ## heading in a numbered item",
        "> - ***",
        "- Intro\n  ---",
    ],
)
def test_a_line_that_would_change_the_document_is_escaped(text: str) -> None:
    document = "# Title\n\n" + markdown.prose(text) + "\n\n## Next section\n"
    kinds = [t.type for t in _tokens(document)]  # type: ignore[attr-defined]
    assert kinds.count("heading_open") == 2
    assert "hr" not in kinds
    assert "fence" not in kinds


def test_prose_keeps_closed_code_blocks_lists_and_emphasis() -> None:
    text = "Steps:\n\n1. *one*\n2. two\n\n```\ncode\n```\n"
    assert markdown.prose(text) == text


@pytest.mark.parametrize("text", ["# x", "- x", "> x", "---", "==="])
def test_a_line_item_never_starts_a_block(text: str) -> None:
    document = f"- {markdown.prose_line(text)}\n"
    kinds = [t.type for t in _tokens(document)]  # type: ignore[attr-defined]
    assert kinds.count("bullet_list_open") == 1
    assert not {"heading_open", "hr", "blockquote_open"} & set(kinds)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("#=-*_`~>[]()<:! \n\tajs.x1&;")), max_size=60))
def test_prose_never_adds_a_heading_or_an_unsafe_link(text: str) -> None:
    document = "# Title\n\n" + markdown.prose(text) + "\n\n## End\n"
    tokens = _tokens(document)
    headings = [t for t in tokens if t.type == "heading_open"]  # type: ignore[attr-defined]
    assert len(headings) == 2
    assert [h for h in _hrefs(document) if not SAFE_HREF.match(h)] == []


@pytest.mark.parametrize(
    "name",
    [
        "Sandbox: prototype",
        "x\n```\n# Owned",
        "section Owned",
        'click phase1 href "javascript:alert(1)"',
        "%%{init: {'securityLevel': 'loose'}}%%",
        "Go-live #1; done",
    ],
)
def test_a_phase_name_stays_a_name_in_the_mermaid_chart(name: str) -> None:
    label = mermaid_text(name)
    assert re.fullmatch(r"[\w .,()'&/+%’‘–—-]+", label)
    assert "%%" not in label
    assert label.split(" ")[0].lower() not in {"section", "click", "title", "gantt"}


def test_a_hostile_description_and_phase_name_in_a_rendered_document(
    minimal_program: Path,
) -> None:
    replace(
        minimal_program,
        "requirements/core.yaml",
        "spec: Tiered commission on new ARR bookings, paid monthly on year-to-date attainment.",
        'spec: "[Pay here](javascript:alert(1))\\n# Owned heading\\n```\\nunclosed"',
    )
    timeline = (minimal_program / "timeline.yaml").read_text(encoding="utf-8")
    first_name = re.search(r"name: (.+)", timeline)
    assert first_name is not None
    replace(minimal_program, "timeline.yaml", first_name.group(0), 'name: "Sandbox```\\n# x: y"')
    checked = load_and_check(minimal_program, use_cache=False)
    md = render_documents(checked.program, checked.root, DocumentFormat.MD)["program.md"]
    assert [h for h in _hrefs(md) if not SAFE_HREF.match(h)] == []
    assert "\n# Owned heading" not in md
    fences = [t for t in _tokens(md) if t.type == "fence"]  # type: ignore[attr-defined]
    assert [f.info for f in fences] == ["mermaid"]  # type: ignore[attr-defined]
    block = fences[0].content  # type: ignore[attr-defined]
    assert "#" not in block and "`" not in block
    assert "Phase 1 Sandbox" in block
