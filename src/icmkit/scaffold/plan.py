"""Planning a new program: every file rendered in memory from the ``init`` templates.

Each template under ``templates/init/`` is named like the file it makes, plus ``.j2``.
Templates whose name starts with ``_`` are partials (macros, shared text) and make no file.
The CI configuration templates are rendered only for the CI the user chose. The JSON Schemas
of the program files are added from the models, into ``.icmkit/schemas/``.
"""

from __future__ import annotations

import datetime as dt
import shlex
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from icmkit import __version__, markdown
from icmkit.scaffold.options import CiChoice, InitOptions
from icmkit.scaffold.schedule import phase_dates
from icmkit.scaffold.yaml_quoting import yaml_quote

if TYPE_CHECKING:
    import jinja2

TEMPLATE_SUFFIX: Final = ".j2"

CI_FILES: Final[dict[CiChoice, str]] = {
    CiChoice.GITHUB: ".github/workflows/icmkit.yml",
    CiChoice.GITLAB: ".gitlab-ci.yml",
}
"""The file each CI choice adds; a choice's file is left out for the other choices."""


@dataclass(frozen=True)
class PlannedFile:
    """One file of the new program: its path relative to the program folder and its bytes."""

    path: str
    data: bytes


def init_templates_dir(templates_root: Path) -> Path:
    return templates_root / "init"


def template_targets(folder: Path, ci: CiChoice) -> dict[str, str]:
    """Template name (relative, POSIX) -> target path, for every file ``init`` writes."""
    skipped = {path for choice, path in CI_FILES.items() if choice is not ci}
    targets: dict[str, str] = {}
    for template in sorted(folder.rglob(f"*{TEMPLATE_SUFFIX}")):
        if not template.is_file() or template.name.startswith("_"):
            continue
        name = template.relative_to(folder).as_posix()
        target = name[: -len(TEMPLATE_SUFFIX)]
        if target in skipped:
            continue
        targets[name] = target
    return targets


def _add_days(value: dt.date, days: int) -> dt.date:
    return value + dt.timedelta(days=days)


def environment(folder: Path) -> jinja2.Environment:
    """The Jinja environment for ``init`` templates: strict, no autoescape (YAML and Markdown
    are not HTML); user text goes into YAML through the ``yaml_str`` filter and into Markdown
    through ``md_text``."""
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(folder)),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=False,
    )
    env.filters["yaml_str"] = yaml_quote
    # Names show exactly as typed here, every markup character escaped; the documents' filter
    # of the same name is ``markdown.prose``, which keeps the user's own Markdown.
    env.filters["md_text"] = markdown.literal
    env.filters["add_days"] = _add_days
    return env


def template_context(options: InitOptions) -> dict[str, Any]:
    """The values every ``init`` template can use."""
    phases = phase_dates(options.start)
    go_live = phases[-1].start
    return {
        "customer": options.customer,
        "platform": options.platform,
        "currency": options.currency,
        "start": options.start,
        "ci": options.ci.value,
        "phases": phases,
        "go_live": go_live,
        "plan_year": go_live.year,
        "icmkit_version": __version__,
        "icmkit_requirement": options.requirement.spec,
        "icmkit_requirement_shell": shlex.quote(options.requirement.spec),
        "icmkit_requirement_source": options.requirement.source,
        "icmkit_requirement_local": options.requirement.local,
    }


def plan_files(options: InitOptions, templates_root: Path) -> list[PlannedFile]:
    """Every file of the new program, rendered; nothing is written."""
    folder = init_templates_dir(templates_root)
    if not folder.is_dir():
        raise FileNotFoundError(f"the init templates are missing: {folder}")
    env = environment(folder)
    context = template_context(options)
    planned: list[PlannedFile] = []
    for name, target in template_targets(folder, options.ci).items():
        text = env.get_template(name).render(context)
        planned.append(PlannedFile(target, text.encode("utf-8")))
    planned.extend(schema_files())
    return planned


def schema_files() -> list[PlannedFile]:
    """The JSON Schemas the YAML files point editors at (their first-line comment)."""
    from icmkit.schema.export import SCHEMA_FOLDER, all_schema_files

    return [
        PlannedFile(f"{SCHEMA_FOLDER}/{name}", text.encode("utf-8"))
        for name, text in all_schema_files().items()
    ]
