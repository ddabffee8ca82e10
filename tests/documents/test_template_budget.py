"""Rendering runs on a budget: a template that loops, recurses or grows without end stops with
one error naming the template and line (exit 2), instead of hanging or crashing (exit 3)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from icmkit.cli.app import app
from icmkit.documents.environment import TemplateError, make_environment, render_template
from icmkit.documents.program_view import program_view
from icmkit.documents.render import DocumentFormat, render_documents
from icmkit.documents.template_budget import DEFAULT_RENDER_LIMITS, RenderLimits
from icmkit.documents.view_blocks import template_names
from icmkit.engine.load_and_check import load_and_check

REPO = Path(__file__).resolve().parents[2]
SMALL = RenderLimits(max_steps=200_000, max_size=1_000_000, max_items=100_000, max_seconds=30)
"""A budget small enough to reach quickly; the defaults are tested through the CLI."""


def _render_with(root: Path, template: str, limits: RenderLimits = SMALL) -> str:
    folder = root / "templates"
    folder.mkdir(exist_ok=True)
    (folder / "program.md.j2").write_text(template, encoding="utf-8")
    checked = load_and_check(root, use_cache=False)
    env = make_environment(root, limits)
    view = template_names(program_view(checked.program, None))
    return render_template(env, "program.md.j2", view, root)


HOSTILE = {
    "nested loops": (
        "line one\n{% for i in range(100000) %}{% for j in range(100000) %}."
        "{% endfor %}{% endfor %}\n",
        r"templates/program\.md\.j2:2: rendering took more than 200,000 steps",
    ),
    "a loop over a list it grows": (
        "{% set items = [1] %}\n{% for x in items %}{{ items.append(x) or '' }}{% endfor %}\n",
        r"templates/program\.md\.j2:2: rendering took more than 200,000 steps",
    ),
    "a template including itself": (
        "{% include 'program.md.j2' %}\n",
        r"templates/program\.md\.j2:1: calls and includes nested more than 40 deep",
    ),
    "a macro calling itself": (
        "{% macro down(n) %}{{ down(n + 1) }}{% endmacro %}\n{{ down(1) }}\n",
        r"templates/program\.md\.j2:1: calls and includes nested more than 40 deep",
    ),
    "a macro calling itself twice": (
        "{% macro two() %}{{ two() }}{{ two() }}{% endmacro %}{{ two() }}\n",
        r"calls and includes nested more than 40 deep",
    ),
    "a template extending itself": (
        "{% extends 'program.md.j2' %}\n",
        r"templates/program\.md\.j2:1: calls and includes nested more than 40 deep",
    ),
    "a recursive loop without end": (
        "{% for x in [1] recursive %}{{ loop([x]) }}{% endfor %}\n",
        r"calls and includes nested more than 40 deep",
    ),
    "a huge repeated text": (
        "{{ 'x' * 10**9 }}\n",
        r"templates/program\.md\.j2:1: a value would be larger than 1,000,000 characters",
    ),
    "a huge repeated list": (
        "{{ [1] * 10**9 }}\n",
        r"a list or mapping of more than 100,000 items",
    ),
    "text doubled in a loop": (
        "{% set ns = namespace(s='x') %}{% for i in range(64) %}"
        "{% set ns.s = ns.s ~ ns.s %}{% endfor %}\n",
        r"a value would be larger than 1,000,000 characters",
    ),
    "text doubled with +": (
        "{% set ns = namespace(s='x') %}{% for i in range(64) %}"
        "{% set ns.s = ns.s + ns.s %}{% endfor %}\n",
        r"a value would be larger than 1,000,000 characters",
    ),
    "text doubled by %": (
        "{% set ns = namespace(s='x') %}{% for i in range(64) %}"
        "{% set ns.s = '%s%s' % (ns.s, ns.s) %}{% endfor %}\n",
        r"a value would be larger than 1,000,000 characters",
    ),
    "text doubled by format": (
        "{% set ns = namespace(s='x') %}{% for i in range(64) %}"
        "{% set ns.s = '{}{}'.format(ns.s, ns.s) %}{% endfor %}\n",
        r"a value would be larger than 1,000,000 characters",
    ),
    "text doubled by a filter": (
        "{% set ns = namespace(s='x') %}{% for i in range(64) %}"
        "{% set ns.s = (ns.s, ns.s)|string %}{% endfor %}\n",
        r"a value would be larger than 1,000,000 characters",
    ),
    "a list grown by extend": (
        "{% set ns = namespace(s=[1]) %}{% for i in range(64) %}{{ ns.s.extend(ns.s) or '' }}"
        "{% endfor %}\n",
        r"a list or mapping of more than 100,000 items",
    ),
    "a huge padding": ("{{ 'x'|center(10**9) }}\n", r"a padding or count would be larger"),
    "a huge padding method": ("{{ 'x'.ljust(10**9) }}\n", r"a padding or count would be larger"),
    "a huge % width": ("{{ '%999999999s' % 'x' }}\n", r"a format with a width of 10 million"),
    "a % width from an argument": ("{{ '%*s' % (10**9, 'x') }}\n", r"width taken from an arg"),
    "a huge format width": ("{{ '{:>999999999}'.format(1) }}\n", r"a format with a width"),
    "a huge number": ("{{ 10 ** (10 ** 8) }}\n", r"a number of more than 100,000 bits"),
    "a huge product": (
        "{% set ns = namespace(n=10) %}{% for i in range(64) %}{% set ns.n = ns.n * ns.n %}"
        "{% endfor %}\n",
        r"a number of more than 100,000 bits",
    ),
    "a huge replace": (
        "{{ ('x' * 1000)|replace('x', 'y' * 10000) }}\n",
        r"a value would be larger than 1,000,000 characters",
    ),
    "a huge join": ("{{ range(100000)|join('x' * 100) }}\n", r"a value would be larger"),
    "a huge slice count": ("{{ [1]|slice(10**9)|list }}\n", r"a padding or count would be"),
    "endless lorem ipsum": ("{{ lipsum(10**6) }}\n", r"lipsum\(\) takes at most 100 paragraphs"),
    "a document too big": (
        "{% for i in range(10000) %}{{ 'x' * 1000 }}{% endfor %}\n",
        r"the document would be larger than 1,000,000 characters",
    ),
    "items mapped without end": (
        "{% set ns = namespace(s=['x']) %}{% for i in range(64) %}"
        "{% set ns.s = ns.s|map('string')|list * 2 %}{% endfor %}\n",
        r"(more than 100,000 items|more than 200,000 steps)",
    ),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_a_hostile_template_stops_with_one_error(minimal_program: Path, name: str) -> None:
    template, message = HOSTILE[name]
    started = time.monotonic()
    with pytest.raises(TemplateError, match=message):
        _render_with(minimal_program, template)
    assert time.monotonic() - started < 30


def test_a_render_over_its_time_stops(minimal_program: Path) -> None:
    limits = RenderLimits(max_seconds=0.0)
    with pytest.raises(TemplateError, match=r"rendering took more than 0 seconds"):
        _render_with(minimal_program, "{% for i in range(5000) %}.{% endfor %}\n", limits)


def test_recursion_the_depth_limit_misses_is_still_one_error(minimal_program: Path) -> None:
    """Past Python's own recursion limit, the error is the same kind (not exit 3)."""
    limits = RenderLimits(max_depth=10**6)
    with pytest.raises(TemplateError, match=r"^templates/program\.md\.j2:1: calls or includes"):
        _render_with(minimal_program, "{% include 'program.md.j2' %}\n", limits)


def test_the_budget_of_one_document_does_not_carry_over(minimal_program: Path) -> None:
    """Each document starts with the whole budget: 150,000 steps each, 200,000 at most."""
    folder = minimal_program / "templates"
    folder.mkdir()
    loop = "{% for i in range(50000) %}{% for j in [1, 2] %}{% endfor %}{% endfor %}ok\n"
    (folder / "program.md.j2").write_text(loop, encoding="utf-8")
    (folder / "plan.md.j2").write_text(loop, encoding="utf-8")
    checked = load_and_check(minimal_program, use_cache=False)
    docs = render_documents(checked.program, checked.root, DocumentFormat.MD, limits=SMALL)
    markdown = {name: text for name, text in docs.items() if not name.endswith(".svg")}
    assert markdown == {"program.md": "ok\n", "plans/PLAN-AE.md": "ok\n"}


@pytest.mark.parametrize(
    ("template", "message"),
    [
        ("{{ 'x' * 10**9 }}\n", "a value would be larger than 100,000,000 characters"),
        (
            "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}\n",
            "rendering took more than 3,000,000 steps",
        ),
    ],
)
def test_the_cli_reports_a_breach_in_one_line_with_exit_2(
    minimal_program: Path, monkeypatch: pytest.MonkeyPatch, template: str, message: str
) -> None:
    folder = minimal_program / "templates"
    folder.mkdir()
    (folder / "program.md.j2").write_text(template, encoding="utf-8")
    monkeypatch.chdir(minimal_program)
    result = CliRunner().invoke(app, ["render", "--format", "md"])
    assert result.exit_code == 2
    [line] = result.stderr.splitlines()
    assert line.startswith(f"icmkit: error: templates/program.md.j2:1: {message}")
    assert not (minimal_program / "build").exists()


@pytest.mark.parametrize("example", ["harbor-supply", "lumen-analytics"])
def test_the_packaged_templates_use_a_small_part_of_the_budget(example: str) -> None:
    """A tenth of every default limit renders the examples (the 10,000-requirement program of
    ``benchmarks/generate.py`` takes about 100,000 steps and 9 million characters)."""
    tight = RenderLimits(
        max_steps=DEFAULT_RENDER_LIMITS.max_steps // 100,
        max_depth=4,
        max_size=DEFAULT_RENDER_LIMITS.max_size // 100,
        max_items=DEFAULT_RENDER_LIMITS.max_items // 100,
    )
    checked = load_and_check(REPO / "examples" / example, use_cache=False)
    assert render_documents(checked.program, checked.root, limits=tight)
