"""The one error of rendering documents from templates."""

from __future__ import annotations

from icmkit.errors import IcmkitError


class TemplateError(IcmkitError):
    """A document template cannot be loaded or rendered: names the template and line."""
