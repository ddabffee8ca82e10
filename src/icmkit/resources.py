"""Where icmkit's packaged files are: ``templates/`` ships inside the wheel as
``icmkit/templates``; in an editable install it is the top-level ``templates/`` folder."""

from __future__ import annotations

from pathlib import Path


def templates_root() -> Path:
    """The folder holding icmkit's own templates."""
    packaged = Path(__file__).parent / "templates"
    if packaged.is_dir():
        return packaged
    source_tree = Path(__file__).resolve().parents[2] / "templates"
    if source_tree.is_dir():
        return source_tree
    raise FileNotFoundError("icmkit's templates folder is missing from this installation")
