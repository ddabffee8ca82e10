"""Rendering documents in memory: goldens, escaping, overrides, strict templates."""

from __future__ import annotations

import difflib
import os
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from icmkit.documents.approval_view import Revision
from icmkit.documents.environment import TemplateError
from icmkit.documents.render import DocumentFormat, render_documents
from icmkit.engine.load_and_check import load_and_check

REPO = Path(__file__).resolve().parents[2]
GOLDEN_SOURCES = {
    "harbor-supply": REPO / "examples" / "harbor-supply",
    "lumen-analytics": REPO / "examples" / "lumen-analytics",
    "minimal": REPO / "tests" / "fixtures" / "minimal",
    "letters": REPO / "tests" / "fixtures" / "letters",
}
GOLDEN_ROOT = Path(__file__).parent / "golden"
HOSTILE = "<script>alert(1)</script> | x"


REVISION = Revision("1a2b3c4", "2027-03-28")
"""The revision the goldens say they were rendered from (the CLI asks git)."""


def _render(root: Path, fmt: DocumentFormat = DocumentFormat.ALL) -> dict[str, str]:
    checked = load_and_check(root, use_cache=False)
    return render_documents(checked.program, checked.root, fmt, revision=REVISION)


@pytest.fixture(scope="module", params=sorted(GOLDEN_SOURCES))
def golden_name(request: pytest.FixtureRequest) -> str:
    name: str = request.param
    return name


@pytest.fixture(scope="module")
def golden_documents(tmp_path_factory: pytest.TempPathFactory, golden_name: str) -> dict[str, str]:
    copy = tmp_path_factory.mktemp("golden") / golden_name
    shutil.copytree(GOLDEN_SOURCES[golden_name], copy, ignore=shutil.ignore_patterns("build"))
    return _render(copy)


def _plan_ids(root: Path) -> list[str]:
    checked = load_and_check(root, use_cache=False)
    return sorted(p.id for p in checked.program.plans)


def test_renders_program_and_one_document_per_plan_in_both_formats(
    golden_documents: dict[str, str], golden_name: str
) -> None:
    plans = _plan_ids(GOLDEN_SOURCES[golden_name])
    assert plans
    expected = {"program.md", "program.html"}
    expected |= {f"plans/{p}.{ext}" for p in plans for ext in ("md", "html")}
    curves = {d for d in golden_documents if d.endswith(".svg")}
    assert all(re.fullmatch(r"plans/[^/]+-curves/component-[a-z0-9-]+\.svg", d) for d in curves)
    letters = {d for d in golden_documents if d.startswith("letters/")}
    assert all(re.fullmatch(r"letters/[^/]+/[^/]+\.(md|html)", d) for d in letters)
    assert set(golden_documents) == expected | curves | letters


def test_source_checks_clean(golden_name: str) -> None:
    checked = load_and_check(GOLDEN_SOURCES[golden_name], use_cache=False)
    assert not checked.report.failed(strict=False), checked.report.findings


def test_documents_match_golden_files(golden_documents: dict[str, str], golden_name: str) -> None:
    golden_dir = GOLDEN_ROOT / golden_name
    if os.environ.get("ICMKIT_UPDATE_GOLDENS") == "1":
        if golden_dir.exists():
            shutil.rmtree(golden_dir)
        for rel, text in golden_documents.items():
            target = golden_dir / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8", newline="\n")
    on_disk = {p.relative_to(golden_dir).as_posix() for p in golden_dir.rglob("*") if p.is_file()}
    assert on_disk == set(golden_documents), "golden files differ; ICMKIT_UPDATE_GOLDENS=1"
    problems = []
    for rel, text in golden_documents.items():
        golden = (golden_dir / rel).read_text(encoding="utf-8")
        if golden != text:
            diff = difflib.unified_diff(
                golden.splitlines(),
                text.splitlines(),
                f"golden/{rel}",
                f"rendered/{rel}",
                lineterm="",
                n=2,
            )
            problems.append("\n".join(list(diff)[:60]))
    assert not problems, (
        "rendered documents differ from the goldens "
        "(refresh with ICMKIT_UPDATE_GOLDENS=1):\n" + "\n\n".join(problems)
    )


def test_program_document_has_the_six_parts(golden_documents: dict[str, str]) -> None:
    md = golden_documents["program.md"]
    html = golden_documents["program.html"]
    for title in (
        "1. Business requirements",
        "2. Functional requirements",
        "3. Solution design outline",
        "4. Test plans",
        "5. Data conversion plan",
        "6. Program timeline",
    ):
        assert f"## {title}\n" in md
        assert f"<h2>{title}</h2>" in html
    assert "```mermaid\ngantt\n" in md
    assert "### Traceability matrix" in md
    assert '<svg class="gantt"' in html
    assert "@media print" in html and "break-before: page" in html


def test_standard_requirements_are_task_list_lines(minimal_program: Path) -> None:
    path = minimal_program / "requirements" / "core.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("status: agreed\n", "status: accepted\n", 1), encoding="utf-8")
    md = _render(minimal_program, DocumentFormat.MD)["program.md"]
    line = next(x for x in md.splitlines() if "FR-DI-001**" in x)
    assert line.startswith("- [x] ")
    assert "Import opportunities from the CRM every night (accepted, phase 1, Ana Lee)" in line


def test_plan_document_reads_rates_as_percentages_and_tiers_as_ranges(
    minimal_program: Path,
) -> None:
    md = _render(minimal_program, DocumentFormat.MD)["plans/PLAN-AE.md"]
    assert "| From USD 0 up to, not including, USD 50,000 | 8% |" in md
    assert "| USD 50,000 and above | 12% |" in md
    assert "| T1 | 2027-03-10 | USD 60,000 | New ARR | 100% |  |" in md
    assert "**Expected payout: USD 5,200.00**" in md


def _with_hostile_title(root: Path) -> Path:
    path = root / "requirements" / "core.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("title: Help set up the month-end close checklist", f"title: '{HOSTILE}'"),
        encoding="utf-8",
    )
    return root


def _cells(row: str) -> list[str]:
    """Cells of a Markdown table row, splitting only on unescaped pipes."""
    inner = row.strip()[1:-1]
    return [c.strip() for c in re.split(r"(?<!\\)\|", inner)]


def test_hostile_title_is_inert_in_html(minimal_program: Path) -> None:
    docs = _render(_with_hostile_title(minimal_program))
    html = docs["program.html"]
    assert "<script" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; | x" in html


def test_hostile_title_stays_in_its_markdown_table_cell(minimal_program: Path) -> None:
    md = _render(_with_hostile_title(minimal_program))["program.md"]
    assert "<script" not in md
    rows = [x for x in md.splitlines() if x.startswith("|") and "alert(1)" in x]
    assert len(rows) == 2  # the assisted requirements table and the traceability matrix
    header = "| Requirement | Title | Kind | Status | Test cases |"
    matrix_row = next(r for r in rows if r.startswith("| [FR-DI-002]"))
    assert len(_cells(matrix_row)) == len(_cells(header))
    assert _cells(matrix_row)[1] == r"&lt;script>alert(1)&lt;/script> \| x"


def test_repo_template_overrides_the_packaged_one(minimal_program: Path) -> None:
    (minimal_program / "templates").mkdir()
    (minimal_program / "templates" / "plan.md.j2").write_text(
        "Custom plan page for {{ plan.name }}\n", encoding="utf-8"
    )
    docs = _render(minimal_program)
    assert docs["plans/PLAN-AE.md"] == "Custom plan page for Account executive plan\n"
    assert docs["program.md"].startswith("# Minimal Co: program documentation")


def test_undefined_variable_names_template_and_line(minimal_program: Path) -> None:
    (minimal_program / "templates").mkdir()
    (minimal_program / "templates" / "program.md.j2").write_text(
        "# {{ program.name }}\n\n{{ foo }}\n", encoding="utf-8"
    )
    with pytest.raises(TemplateError) as caught:
        _render(minimal_program, DocumentFormat.MD)
    assert str(caught.value) == "templates/program.md.j2:3: 'foo' is undefined"


def test_template_syntax_error_names_template_and_line(minimal_program: Path) -> None:
    (minimal_program / "templates").mkdir()
    (minimal_program / "templates" / "plan.html.j2").write_text("<p>\n{% if %}\n", encoding="utf-8")
    with pytest.raises(TemplateError, match=r"^templates/plan\.html\.j2:2: "):
        _render(minimal_program, DocumentFormat.HTML)


def test_templates_run_sandboxed(minimal_program: Path) -> None:
    (minimal_program / "templates").mkdir()
    (minimal_program / "templates" / "program.md.j2").write_text(
        "{{ program.__class__.__mro__ }}\n{{ ''.__class__.__subclasses__() }}\n",
        encoding="utf-8",
    )
    with pytest.raises(TemplateError, match=r"^templates/program\.md\.j2:\d+: "):
        _render(minimal_program, DocumentFormat.MD)


def test_rendering_is_deterministic(minimal_program: Path) -> None:
    assert _render(minimal_program) == _render(minimal_program)


class StrictHTML(HTMLParser):
    """Balanced tags, unique ids, and every link that stays in the page."""

    VOID = frozenset({"meta", "br", "hr", "img", "input", "link", "col", "area", "base", "wbr"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, int]] = []
        self.errors: list[str] = []
        self.ids: list[str] = []
        self.hrefs: list[str] = []
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name == "id" and value is not None:
                self.ids.append(value)
            if name == "href" and value is not None:
                self.hrefs.append(value)
            if name in {"href", "src", "xmlns", "action"} and value is not None:
                self.urls.append(value)
        if tag == "script" or tag == "link":
            self.errors.append(f"line {self.getpos()[0]}: <{tag}> is not allowed")
        if tag not in self.VOID:
            self.stack.append((tag, self.getpos()[0]))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in self.VOID:
            self.errors.append(f"line {self.getpos()[0]}: self-closed <{tag}/>")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.VOID:
            self.errors.append(f"line {self.getpos()[0]}: end tag for void <{tag}>")
            return
        if not self.stack or self.stack[-1][0] != tag:
            opened = self.stack[-1] if self.stack else None
            self.errors.append(f"line {self.getpos()[0]}: </{tag}> closes {opened}")
            return
        self.stack.pop()

    def check(self, text: str) -> list[str]:
        self.feed(text)
        self.close()
        problems = list(self.errors)
        problems += [f"unclosed <{tag}> from line {line}" for tag, line in self.stack]
        seen: set[str] = set()
        for ident in self.ids:
            if ident in seen:
                problems.append(f"duplicate id {ident!r}")
            seen.add(ident)
        for href in self.hrefs:
            if href.startswith("#") and href[1:] not in seen:
                problems.append(f"href {href!r} points at no id")
        for url in self.urls:
            if "//" in url or url.startswith(("http:", "https:", "data:", "javascript:")):
                problems.append(f"external reference {url!r}")
        return problems


@pytest.mark.parametrize("hostile", [False, True])
def test_html_is_well_formed_self_contained_and_links_resolve(
    minimal_program: Path, hostile: bool
) -> None:
    if hostile:
        _with_hostile_title(minimal_program)
    docs = _render(minimal_program, DocumentFormat.HTML)
    assert len(docs) == 2
    for rel, text in docs.items():
        assert text.startswith("<!DOCTYPE html>\n"), rel
        assert StrictHTML().check(text) == [], rel
        assert not re.search(r"https?:|url\(", text), rel
        assert '<nav class="toc" id="contents">' in text


def test_golden_html_is_well_formed(golden_documents: dict[str, str]) -> None:
    for rel, text in golden_documents.items():
        if rel.endswith(".html"):
            assert StrictHTML().check(text) == [], rel
            assert not re.search(r"https?:|url\(", text), rel


def test_html_checker_catches_broken_pages() -> None:
    assert StrictHTML().check('<div><p>x</div><a href="#nowhere">y</a>')
    assert StrictHTML().check('<a href="https://example.com">x</a>')
    assert StrictHTML().check('<p id="a">x</p>') == []
