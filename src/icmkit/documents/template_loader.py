"""Loading a program's own templates: only files that really are in its ``templates/`` folder.

A template (or a file a template includes) that is a symbolic link leading out of the
program's ``templates/`` folder is refused, not read: otherwise a pull request adding a link
``templates/leak.txt -> /etc/passwd`` and ``{% include 'leak.txt' %}`` would copy any file the
renderer can read (a CI secret) into the rendered documents. A pipe or a device is refused
too (it would never end), and so is a template larger than :data:`MAX_TEMPLATE_BYTES`.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from icmkit.documents.template_errors import TemplateError
from icmkit.loading.regular_files import FileTooBigError, NotRegularFileError, read_regular

if TYPE_CHECKING:
    from jinja2 import BaseLoader

MAX_TEMPLATE_BYTES: Final = 4 * 1024 * 1024


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def read_template(folder: Path, shown: str, pieces: list[str]) -> tuple[str, str] | None:
    """The text and file name of template ``pieces`` below ``folder``; ``None`` if there is
    no such file. ``folder`` is the program's ``templates/`` folder (a link to elsewhere is
    not followed out of it); ``shown`` is how to name it in an error."""
    path = folder.joinpath(*pieces)
    if not os.path.lexists(path):
        return None
    name = f"{shown}/{'/'.join(pieces)}"
    real = Path(os.path.realpath(path))
    if not _inside(real, Path(os.path.realpath(folder.parent)) / folder.name):
        raise TemplateError(
            f"{name}: a symbolic link leading outside the program's templates folder; "
            "it is not read (copy the file into the templates folder instead)"
        )
    try:
        data = read_regular(path, MAX_TEMPLATE_BYTES)
    except NotRegularFileError as exc:
        raise TemplateError(f"{name}: {exc.kind}, not a template file; it is not read") from None
    except FileTooBigError:
        raise TemplateError(
            f"{name}: larger than {MAX_TEMPLATE_BYTES // (1024 * 1024)} MiB; not a template"
        ) from None
    except IsADirectoryError:
        return None
    except OSError as exc:
        raise TemplateError(f"{name}: cannot read: {exc.strerror}") from None
    try:
        return data.decode("utf-8"), os.path.normpath(path)
    except UnicodeDecodeError:
        raise TemplateError(f"{name}: not UTF-8 text") from None


@functools.cache
def _loader_class() -> Callable[..., BaseLoader]:
    from jinja2 import BaseLoader, Environment, TemplateNotFound
    from jinja2.loaders import split_template_path

    class ProgramTemplates(BaseLoader):
        """The templates of one program's ``templates/`` folder, refused if they lead out."""

        def __init__(self, folder: Path, shown: str) -> None:
            self.folder = folder
            self.shown = shown
            self.searchpath = [str(folder)]  # where error messages find template files

        def get_source(
            self, environment: Environment, template: str
        ) -> tuple[str, str, Callable[[], bool]]:
            found = read_template(self.folder, self.shown, split_template_path(template))
            if found is None:
                raise TemplateNotFound(template)
            text, filename = found
            return text, filename, lambda: True

    return ProgramTemplates


def program_templates(folder: Path, shown: str = "templates") -> Any:
    """A jinja2 loader of the templates in ``folder`` (a program's ``templates/``)."""
    return _loader_class()(folder, shown)
