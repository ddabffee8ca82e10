"""Render a program's documents to text, in memory: ``{relative path: text}``, no writing."""

from __future__ import annotations

import re
from enum import StrEnum
from pathlib import Path

from icmkit.documents.addresses import plan_files
from icmkit.documents.environment import make_environment, render_template
from icmkit.documents.plan_view import plan_view
from icmkit.documents.program_view import program_view
from icmkit.documents.template_budget import DEFAULT_RENDER_LIMITS, RenderLimits
from icmkit.documents.view_blocks import template_names
from icmkit.loading.program_loader import without_cyclic_gc
from icmkit.model.program_bundle import Program


class DocumentFormat(StrEnum):
    MD = "md"
    HTML = "html"
    ALL = "all"

    def extensions(self) -> tuple[str, ...]:
        if self is DocumentFormat.ALL:
            return ("md", "html")
        return (self.value,)


PROGRAM_DOCUMENT = "program"
PLANS_FOLDER = "plans"


@without_cyclic_gc
def render_documents(
    program: Program,
    root: Path,
    fmt: DocumentFormat = DocumentFormat.ALL,
    rendered_at: str | None = None,
    limits: RenderLimits = DEFAULT_RENDER_LIMITS,
) -> dict[str, str]:
    """The program document and one document per plan, keyed by path below the output folder.

    ``root`` is the program folder; its ``templates/`` folder overrides packaged templates.
    Each document is rendered on a budget of ``limits``. The same program and arguments
    always give the same text.
    """
    env = make_environment(root, limits)
    documents: dict[str, str] = {}
    main_view = template_names(program_view(program, rendered_at))
    plans = [
        (stem, template_names(plan_view(program, plan, rendered_at)))
        for plan, stem in plan_files(program)
    ]
    for ext in fmt.extensions():
        documents[f"{PROGRAM_DOCUMENT}.{ext}"] = render_template(
            env, f"program.{ext}.j2", main_view, root
        )
        for stem, view in plans:
            documents[f"{PLANS_FOLDER}/{stem}.{ext}"] = render_template(
                env, f"plan.{ext}.j2", view, root
            )
    return {path: _tidy(path, text) for path, text in sorted(documents.items())}


_BLANK_RUNS = re.compile(r"\n{3,}")


def _tidy(path: str, text: str) -> str:
    """One blank line at most between Markdown blocks; exactly one newline at the end."""
    if path.endswith(".md"):
        text = _BLANK_RUNS.sub("\n\n", text)
    return text.strip("\n") + "\n"
