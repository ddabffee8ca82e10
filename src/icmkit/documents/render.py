"""Render a program's documents to text, in memory: ``{relative path: text}``, no writing."""

from __future__ import annotations

import re
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from icmkit.checks.placeholders import MARK
from icmkit.documents.addresses import plan_file_stem, plan_files
from icmkit.documents.approval_view import Revision
from icmkit.documents.environment import make_environment, render_template
from icmkit.documents.letter_view import ComponentsKey, LetterView, letter_view
from icmkit.documents.plan_components import ComponentView
from icmkit.documents.plan_view import plan_view
from icmkit.documents.program_view import program_view
from icmkit.documents.template_budget import DEFAULT_RENDER_LIMITS, RenderLimits
from icmkit.documents.view_blocks import template_names
from icmkit.loading.program_loader import without_cyclic_gc
from icmkit.model.program_bundle import Program
from icmkit.signoffs.letters import letters_of

if TYPE_CHECKING:
    from jinja2 import Environment


class DocumentFormat(StrEnum):
    MD = "md"
    HTML = "html"
    ALL = "all"

    def extensions(self) -> tuple[str, ...]:
        if self is DocumentFormat.ALL:
            return ("md", "html")
        return (self.value,)


class Audience(StrEnum):
    """Who the plan documents are for: the program team gets the plans' test cases in an
    appendix; participants get the plans alone."""

    TEAM = "team"
    PARTICIPANTS = "participants"


PROGRAM_DOCUMENT = "program"
PLANS_FOLDER = "plans"
LETTERS_FOLDER = "letters"
CURVE_TEMPLATE = "pay_curve.svg.j2"


@without_cyclic_gc
def render_documents(
    program: Program,
    root: Path,
    fmt: DocumentFormat = DocumentFormat.ALL,
    rendered_at: str | None = None,
    *,
    audience: Audience = Audience.TEAM,
    revision: Revision | None = None,
    letters: bool = True,
    limits: RenderLimits = DEFAULT_RENDER_LIMITS,
) -> dict[str, str]:
    """The program document, one document per plan (beside a Markdown one, its pay curves as
    SVG files) and, with ``letters``, one letter per participant and plan of the roster; keyed
    by path below the output folder.

    ``root`` is the program folder; its ``templates/`` folder overrides packaged templates.
    ``revision`` is what the program document says it was rendered from (None: not in git).
    Each document is rendered on a budget of ``limits``. The same program and arguments
    always give the same text. A document that still shows a ``REPLACE:`` placeholder says
    on its first page that it is a draft (``draft`` is true for its template).
    """
    env = make_environment(root, limits)
    documents: dict[str, str] = {}
    main_view = template_names(program_view(program, rendered_at, revision))
    plans = []
    for plan, stem in plan_files(program):
        view = plan_view(program, plan, rendered_at, stem=stem, appendix=audience is Audience.TEAM)
        plans.append((stem, view))
    for ext in fmt.extensions():
        documents[f"{PROGRAM_DOCUMENT}.{ext}"] = _rendered(
            env, f"program.{ext}.j2", main_view, root
        )
        for stem, view in plans:
            documents[f"{PLANS_FOLDER}/{stem}.{ext}"] = _rendered(
                env, f"plan.{ext}.j2", template_names(view), root
            )
    if letters:
        for path, letter in letter_views(program, rendered_at):
            for ext in fmt.extensions():
                documents[f"{path}.{ext}"] = _rendered(
                    env, f"letter.{ext}.j2", template_names(letter), root
                )
    if DocumentFormat.MD.value in fmt.extensions():
        for _, view in plans:
            for component in view.components:
                if component.curve is not None:
                    documents[f"{PLANS_FOLDER}/{component.curve.file}"] = render_template(
                        env, CURVE_TEMPLATE, {"curve": component.curve, "standalone": True}, root
                    )
    return {path: _tidy(path, text) for path, text in sorted(documents.items())}


def letter_views(program: Program, rendered_at: str | None) -> list[tuple[str, LetterView]]:
    """Each letter's path (without extension) and view: ``letters/<plan>/<participant>``."""
    stems = {plan.id: stem for plan, stem in plan_files(program)}
    used: set[str] = set()
    found = []
    known: dict[ComponentsKey, list[ComponentView]] = {}
    for letter in letters_of(program):
        plan_stem = stems[letter.plan.id]
        base = f"{LETTERS_FOLDER}/{plan_stem}/{plan_file_stem(letter.participant.id)}"
        path, n = base, 2
        while path.lower() in used:
            path, n = f"{base}-{n}", n + 1
        used.add(path.lower())
        document = f"../../{PLANS_FOLDER}/{plan_stem}"
        found.append((path, letter_view(program, letter, document, rendered_at, known)))
    return found


def _rendered(env: Environment, name: str, view: dict[str, object], root: Path) -> str:
    """The document of template ``name``, marked as a draft when it shows a placeholder."""
    text = render_template(env, name, {**view, "draft": False}, root)
    if MARK in text:
        text = render_template(env, name, {**view, "draft": True}, root)
    return text


_BLANK_RUNS = re.compile(r"\n{3,}")


def _tidy(path: str, text: str) -> str:
    """One blank line at most between Markdown blocks; exactly one newline at the end."""
    if path.endswith(".md"):
        text = _BLANK_RUNS.sub("\n\n", text)
    return text.strip("\n") + "\n"
