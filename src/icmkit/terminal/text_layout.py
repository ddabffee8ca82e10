"""Terminal text laid out with rich at a given width: single lines cut with an ellipsis,
never wrapped, columns of fixed widths, and the captured text without trailing blanks."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console, RenderableType
    from rich.text import Text


def console(width: int, colour: bool) -> Console:
    import io

    from rich.console import Console

    return Console(
        file=io.StringIO(),
        width=width,
        color_system="standard" if colour else None,
        force_terminal=colour,
        no_color=not colour,
        markup=False,
        emoji=False,
        highlight=False,
        legacy_windows=False,
        soft_wrap=False,
        force_jupyter=False,
        force_interactive=False,
    )


def printer(console: Console) -> Callable[[RenderableType], None]:
    """``console.print`` for single lines that are cut with an ellipsis, never wrapped."""

    def out(renderable: RenderableType) -> None:
        console.print(renderable, no_wrap=True, overflow="ellipsis", crop=True)

    return out


def finish(console: Console) -> str:
    file = console.file
    text = file.getvalue() if hasattr(file, "getvalue") else ""
    lines = [line.rstrip() for line in str(text).splitlines()]
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines) + "\n"


def line(*parts: tuple[str, str] | str) -> Text:
    from rich.text import Text

    text = Text(no_wrap=True, overflow="ellipsis", end="\n")
    for part in parts:
        if isinstance(part, str):
            text.append(part)
        else:
            text.append(part[0], style=part[1])
    return text


def cell(text: str, style: str = "") -> Text:
    from rich.text import Text

    return Text(text, style=style)


def rows(rows: list[list[Text]], widths: list[int | None], width: int, indent: int) -> Text:
    """Cells laid out in columns of fixed widths; the ``None`` column takes the room left.

    Cells too long for their column end in an ellipsis; the rows are joined into one text.
    """
    from rich.text import Text

    fixed = sum(w for w in widths if w is not None) + len(widths) - 1
    flexible = max(width - indent - fixed, 1)
    lines = []
    for cells in rows:
        line = Text(" " * indent)
        for position, (cell, size) in enumerate(zip(cells, widths, strict=True)):
            if position:
                line.append(" ")
            cell.truncate(
                size if size is not None else flexible,
                overflow="ellipsis",
                pad=position < len(cells) - 1,
            )
            line.append_text(cell)
        lines.append(line)
    return Text("\n").join(lines)


def cut(text: str, size: int) -> str:
    return text if len(text) <= size else text[: max(size - 1, 1)] + "…"
