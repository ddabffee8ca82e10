"""The template environment: sandboxed, strict about undefined names, repo templates first.

Templates are looked up in the program repository's own ``templates/`` folder first and in
icmkit's packaged ``templates/documents/`` second, so a repo overrides any template by
placing a file of the same name there. jinja2 is imported inside functions only.
"""

from __future__ import annotations

import functools
import os
import re
import traceback
from pathlib import Path
from typing import TYPE_CHECKING, Any

from icmkit import markdown
from icmkit.documents.view_blocks import View
from icmkit.errors import IcmkitError
from icmkit.resources import templates_root

if TYPE_CHECKING:
    from jinja2 import Environment

REPO_TEMPLATES = "templates"
PACKAGED_TEMPLATES = "documents"


class TemplateError(IcmkitError):
    """A document template cannot be loaded or rendered: names the template and line."""


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
def _sandbox_class() -> type[Environment]:
    """The sandbox, handing out the fields of the documents' views directly.

    Views are frozen dataclasses of plain data (``documents.view_blocks.View``); reading one
    of their declared fields needs none of the sandbox's checks, and skipping them keeps
    rendering fast. Everything else goes through the sandbox's own checks.
    """
    from jinja2.sandbox import SandboxedEnvironment

    class ViewSandbox(SandboxedEnvironment):
        def getattr(self, obj: Any, attribute: str) -> Any:
            if isinstance(obj, View) and attribute in type(obj).__dataclass_fields__:
                return getattr(obj, attribute)
            return super().getattr(obj, attribute)

    return ViewSandbox


def make_environment(program_root: Path) -> Environment:
    """A sandboxed environment reading ``program_root/templates`` first, then icmkit's own."""
    from jinja2 import ChoiceLoader, FileSystemLoader, StrictUndefined

    loaders = [
        FileSystemLoader(str(program_root / REPO_TEMPLATES)),
        FileSystemLoader(str(packaged_templates())),
    ]
    env = _sandbox_class()(
        loader=ChoiceLoader(loaders),
        undefined=StrictUndefined,
        autoescape=_autoescape,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
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
        return template.render(context)
    except TemplateNotFound as exc:
        raise TemplateError(f"template {exc.name} not found") from None
    except TemplateSyntaxError as exc:
        where = _display_name(exc.filename, root) if exc.filename else exc.name or name
        raise TemplateError(f"{where}:{exc.lineno}: {exc.message}") from None
    except (JinjaTemplateError, ArithmeticError, TypeError, ValueError) as exc:
        raise TemplateError(_located(exc, env, name, root)) from None


def _located(exc: BaseException, env: Environment, name: str, root: Path) -> str:
    """``file:line: message`` from the innermost template frame of the traceback."""
    template_files = _template_files(env)
    where = name
    for frame in traceback.extract_tb(exc.__traceback__):
        if os.path.normpath(frame.filename) in template_files:
            where = f"{_display_name(frame.filename, root)}:{frame.lineno}"
    message = str(exc) or type(exc).__name__
    return f"{where}: {message}"


def _template_files(env: Environment) -> set[str]:
    from jinja2 import ChoiceLoader, FileSystemLoader

    files: set[str] = set()
    loader = env.loader
    loaders = loader.loaders if isinstance(loader, ChoiceLoader) else [loader]
    for sub in loaders:
        if isinstance(sub, FileSystemLoader):
            for folder in sub.searchpath:
                base = Path(folder)
                if base.is_dir():
                    files.update(os.path.normpath(p) for p in base.rglob("*") if p.is_file())
    return files
