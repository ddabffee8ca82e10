"""Showing a program diff: text for the terminal, Markdown for a pull-request comment, JSON."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import Any

from icmkit.markdown import code_span, literal_line
from icmkit.review.program_diff import FieldChange, ItemChange, KindCounts, ProgramDiff
from icmkit.review.words import WordPart
from icmkit.terminal.findings_view import plural

_RED = "\x1b[31m"
_GREEN = "\x1b[32m"
_YELLOW = "\x1b[33m"
_BOLD = "\x1b[1m"
_RESET = "\x1b[0m"


def _summary_line(total: KindCounts) -> str:
    count = total.added + total.removed + total.changed
    parts = [f"{total.added} added", f"{total.removed} removed", f"{total.changed} changed"]
    moved = f" ({total.moved} moved to another file)" if total.moved else ""
    return f"{plural(count, 'item')}: {', '.join(parts)}{moved}"


RATE_KEYS = frozenset({"rate", "base_rate"})
"""Fields that hold a commission rate: shown as a percentage (`5%`, as plans are written and
documented), not as the fraction the model keeps (`0.05`)."""

_INDEX = re.compile(r"\[\d+\]$")


def _key_of(field: str) -> str:
    """The key a changed field ends in: ``tiers[1].rate`` -> ``rate``."""
    while _INDEX.search(field):
        field = _INDEX.sub("", field)
    return field.rsplit(".", 1)[-1]


def _percent(text: str) -> str | None:
    try:
        value = Decimal(text) * 100
    except (InvalidOperation, ValueError):
        return None
    if not value.is_finite():
        return None
    return format(value.normalize(), "f") + "%"


def readable(value: Any, key: str) -> Any:
    """``value`` of the field ``key`` as a reviewer reads it: rates as percentages, also
    inside a mapping or list (a tier added whole)."""
    if isinstance(value, str) and key in RATE_KEYS:
        return _percent(value) or value
    if isinstance(value, dict):
        return {k: readable(v, str(k)) for k, v in value.items()}
    if isinstance(value, list):
        return [readable(v, key) for v in value]
    return value


def field_text(f: FieldChange, value: Any) -> str:
    """One side of a changed field, on one line, as a reviewer reads it."""
    return value_text(readable(value, _key_of(f.field)))


def value_text(value: Any) -> str:
    """A field value on one line: text as is, anything else as compact JSON."""
    if value is None:
        return "(none)"
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, separators=(", ", ": "))


# ---- text ------------------------------------------------------------------------------------


def as_text(
    diff: ProgramDiff, colour: bool = False, display: Callable[[str], str] | None = None
) -> str:
    """``display`` turns a program-relative path into the one to show (default: as is)."""
    shown = display or (lambda rel: rel)

    def paint(code: str, text: str) -> str:
        return f"{code}{text}{_RESET}" if colour and text else text

    lines = [f"Comparing {diff.base} with {diff.head}"]
    if diff.empty:
        lines.append("No item changed.")
        return "\n".join(lines) + "\n"
    lines.append(_summary_line(diff.total()))
    lines.append("")
    counts = diff.counts()
    width = max(len(kind) for kind in counts)
    for kind, c in counts.items():
        row = f"  {kind:<{width}}  +{c.added}  -{c.removed}  ~{c.changed}"
        lines.append(row + (f"  moved {c.moved}" if c.moved else ""))
    for change in diff.changes:
        lines.append("")
        mark = {"added": ("+", _GREEN), "removed": ("-", _RED), "changed": ("~", _YELLOW)}
        sign, code = mark[change.change]
        head = f"{sign} {change.change} {change.kind} {change.id}"
        title = f"  {change.title}" if change.title else ""
        lines.append(f"{paint(code, head)}{title}  ({shown(change.path)}:{change.line})")
        if change.old_path is not None:
            lines.append(f"    moved from {shown(change.old_path)}")
        for f in change.fields:
            lines.append(_text_field(f, paint))
    return "\n".join(lines) + "\n"


def _text_field(f: FieldChange, paint: Any) -> str:
    label = f"    {f.field}:"
    if f.field == "status":
        label = f"    {paint(_BOLD, 'status')}:"
    if f.words is not None:
        return f"{label} {_text_words(f.words, paint)}"
    return f"{label} {field_text(f, f.before)} -> {field_text(f, f.after)}"


def _text_words(words: list[WordPart], paint: Any) -> str:
    out: list[str] = []
    for w in words:
        if w.op == "same":
            out.append(w.text)
        elif w.op == "removed":
            out.append(paint(_RED, f"[-{w.text}-]"))
        else:
            out.append(paint(_GREEN, f"{{+{w.text}+}}"))
    return "".join(out).replace("\n", "⏎ ")


# ---- Markdown --------------------------------------------------------------------------------


def as_markdown(diff: ProgramDiff) -> str:
    lines = [f"## Program changes: {literal_line(diff.base)} → {literal_line(diff.head)}", ""]
    if diff.empty:
        lines.append("No item changed.")
        return "\n".join(lines) + "\n"
    total = diff.total()
    lines.append(f"**{_summary_line(total)}**")
    lines.append("")
    lines.append("| Kind | Added | Removed | Changed | Moved |")
    lines.append("| --- | ---: | ---: | ---: | ---: |")
    for kind, c in diff.counts().items():
        lines.append(f"| {kind} | {c.added} | {c.removed} | {c.changed} | {c.moved} |")
    lines.append(
        f"| **Total** | **{total.added}** | **{total.removed}** | **{total.changed}** "
        f"| **{total.moved}** |"
    )
    status_changes = diff.status_changes()
    if status_changes:
        lines += ["", "### Status changes", ""]
        for change in status_changes:
            status = change.status_change
            assert status is not None
            lines.append(
                f"- {change.kind} {code_span(change.id)}: {code_span(value_text(status.before))} → "
                f"{code_span(value_text(status.after))}"
            )
    for change in diff.changes:
        lines += ["", *_md_item(change)]
    return "\n".join(lines) + "\n"


def _md_item(change: ItemChange) -> list[str]:
    heading = f"### {change.change.capitalize()} {change.kind} {code_span(change.id)}"
    lines = [heading, ""]
    place = f"{code_span(change.path)} line {change.line}"
    if change.old_path is not None:
        place += f", moved from {code_span(change.old_path)}"
    title = f"{literal_line(change.title)} — " if change.title else ""
    lines.append(f"{title}{place}")
    if change.fields:
        lines.append("")
        for f in change.fields:
            lines.append(f"- {code_span(f.field)}: {_md_field(f)}")
    return lines


def _md_field(f: FieldChange) -> str:
    if f.words is not None:
        out: list[str] = []
        for w in f.words:
            text = literal_line(w.text)
            if w.op == "same":
                out.append(text)
            elif not text.strip():
                out.append(text if w.op == "added" else "")
            else:
                mark = "~~" if w.op == "removed" else "**"
                core = text.strip()
                lead = text[: len(text) - len(text.lstrip())]
                trail = text[len(text.rstrip()) :]
                if w.op == "added" and not lead and out and out[-1].endswith("~~"):
                    lead = " "  # keep a removal and the addition that replaces it apart
                out.append(f"{lead}{mark}{core}{mark}{trail}")
        return "".join(out)
    return f"{code_span(field_text(f, f.before))} → {code_span(field_text(f, f.after))}"


# ---- JSON ------------------------------------------------------------------------------------


def as_json(diff: ProgramDiff) -> str:
    return json.dumps(diff.to_dict(), indent=2, ensure_ascii=False) + "\n"
