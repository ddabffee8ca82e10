"""The template environment: sandboxed, strict about undefined names, repo templates first.

Templates are looked up in the program repository's own ``templates/`` folder first and in
icmkit's packaged ``templates/documents/`` second, so a repo overrides any template by
placing a file of the same name there. A repo's template that leads outside its folder is
refused (``template_loader``), and every render runs on a budget (``template_budget``).
jinja2 is imported inside functions only.
"""

from __future__ import annotations

import functools
import os
import re
import traceback
from pathlib import Path
from typing import TYPE_CHECKING, Any

from icmkit import markdown
from icmkit.documents.sandbox import sandbox_class
from icmkit.documents.template_budget import (
    DEFAULT_RENDER_LIMITS,
    Budget,
    BudgetExceeded,
    RenderLimits,
)
from icmkit.documents.template_errors import TemplateError
from icmkit.documents.template_loader import program_templates
from icmkit.resources import templates_root

if TYPE_CHECKING:
    from jinja2 import Environment

__all__ = ["TemplateError", "make_environment", "render_template"]

REPO_TEMPLATES = "templates"
PACKAGED_TEMPLATES = "documents"


def packaged_templates() -> Path:
    return templates_root() / PACKAGED_TEMPLATES


def html_paragraphs(value: Any) -> Any:
    """Escaped text as HTML paragraphs: blank lines split paragraphs, newlines break lines."""
    from markupsafe import Markup, escape

    text = "" if value is None else str(value)
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]
    parts = [
        Markup("<p>")
        + Markup("<br>\n").join(escape(line) for line in p.splitlines())
        + Markup("</p>")
        for p in paragraphs
    ]
    return Markup("\n").join(parts)


def _autoescape(name: str | None) -> bool:
    """HTML and SVG (XML) templates escape what they are given; Markdown ones do not."""
    return name is not None and (".html" in name or ".svg" in name)


@functools.cache
def _compiled_templates() -> Any:
    """Templates compiled in this process, by name, file and source (kept in memory only):
    a second render in the same process (the tests, a benchmark) skips compiling them."""
    from jinja2 import BytecodeCache
    from jinja2.bccache import Bucket

    class Compiled(BytecodeCache):
        def __init__(self) -> None:
            self.codes: dict[str, tuple[str, Any]] = {}

        def load_bytecode(self, bucket: Bucket) -> None:
            found = self.codes.get(bucket.key)
            if found is not None and found[0] == bucket.checksum:
                bucket.code = found[1]

        def dump_bytecode(self, bucket: Bucket) -> None:
            self.codes[bucket.key] = (bucket.checksum, bucket.code)

    return Compiled()


def make_environment(
    program_root: Path, limits: RenderLimits = DEFAULT_RENDER_LIMITS
) -> Environment:
    """A sandboxed environment reading ``program_root/templates`` first, then icmkit's own;
    each :func:`render_template` with it runs on a budget of ``limits``."""
    from jinja2 import ChoiceLoader, FileSystemLoader, StrictUndefined

    loaders = [
        program_templates(program_root / REPO_TEMPLATES, REPO_TEMPLATES),
        FileSystemLoader(str(packaged_templates())),
    ]
    env = sandbox_class()(
        budget=Budget(limits),
        loader=ChoiceLoader(loaders),
        undefined=StrictUndefined,
        autoescape=_autoescape,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
        bytecode_cache=_compiled_templates(),
    )
    env.filters["md"] = markdown.table_cell
    env.filters["md_text"] = markdown.prose
    env.filters["md_inline"] = markdown.prose_line
    env.filters["paragraphs"] = html_paragraphs
    return env


def _display_name(filename: str, program_root: Path) -> str:
    """A template file as the user should see it: relative to the program or to icmkit."""
    path = Path(filename)
    for base, prefix in (
        (program_root, ""),
        (templates_root(), "templates/"),
    ):
        try:
            return prefix + path.resolve().relative_to(base.resolve()).as_posix()
        except ValueError:
            continue
    return filename


def render_template(env: Environment, name: str, context: dict[str, Any], root: Path) -> str:
    """Render one template; any template problem becomes a TemplateError naming file:line."""
    from jinja2 import TemplateError as JinjaTemplateError
    from jinja2 import TemplateNotFound, TemplateSyntaxError

    try:
        template = env.get_template(name)
        return _render_on_budget(env, template, context)
    except TemplateNotFound as exc:
        raise TemplateError(f"template {exc.name} not found") from None
    except TemplateSyntaxError as exc:
        where = _display_name(exc.filename, root) if exc.filename else exc.name or name
        raise TemplateError(f"{where}:{exc.lineno}: {exc.message}") from None
    except (JinjaTemplateError, ArithmeticError, TypeError, ValueError, BudgetExceeded) as exc:
        raise TemplateError(_located(exc, env, name, root)) from None
    except RecursionError as exc:
        raise TemplateError(
            _located(
                exc,
                env,
                name,
                root,
                "calls or includes nested too deep; look for a macro "
                "that calls itself, or a template that includes or extends itself",
            )
        ) from None
    except MemoryError as exc:
        raise TemplateError(
            _located(
                exc,
                env,
                name,
                root,
                "rendering ran out of memory; look for text or lists repeated to a huge size",
            )
        ) from None


def _render_on_budget(env: Environment, template: Any, context: dict[str, Any]) -> str:
    """``template`` rendered with ``context``, its output counted against the budget."""
    budget: Budget = env.budget  # type: ignore[attr-defined]
    budget.restart()
    parts: list[str] = []
    try:
        for piece in template.root_render_func(template.new_context(context)):
            budget.wrote(piece)
            parts.append(piece)
    except Exception:
        env.handle_exception()  # raises it again, with template lines in the traceback
    return "".join(parts)


def _located(
    exc: BaseException, env: Environment, name: str, root: Path, message: str | None = None
) -> str:
    """``file:line: message`` from the innermost template frame of the traceback."""
    template_files = _template_files(env)
    where = name
    for frame in traceback.extract_tb(exc.__traceback__):
        if os.path.normpath(frame.filename) in template_files:
            where = f"{_display_name(frame.filename, root)}:{frame.lineno}"
    return f"{where}: {message or str(exc) or type(exc).__name__}"


def _template_files(env: Environment) -> set[str]:
    from jinja2 import ChoiceLoader

    files: set[str] = set()
    loader = env.loader
    loaders = loader.loaders if isinstance(loader, ChoiceLoader) else [loader]
    for sub in loaders:
        for folder in getattr(sub, "searchpath", ()):
            base = Path(folder)
            if base.is_dir():
                files.update(os.path.normpath(p) for p in base.rglob("*") if p.is_file())
    return files
