"""Showing the history of one item as text or JSON."""

from __future__ import annotations

from icmkit.review.item_history import ItemLog, LogEntry
from icmkit.terminal.json_text import json_text


def _what(entry: LogEntry) -> str:
    if entry.change == "added":
        return f"added in {entry.path}"
    if entry.change == "removed":
        return f"removed from {entry.path}"
    parts: list[str] = []
    if entry.old_path is not None:
        parts.append(f"moved {entry.old_path} -> {entry.path}")
    if entry.fields:
        parts.append(f"changed {', '.join(entry.fields)}")
    return "; ".join(parts)


def as_text(log: ItemLog) -> str:
    title = f"  {log.title}" if log.title else ""
    lines = [f"{log.kind} {log.id}{title}"]
    if not log.entries:
        lines.append("No changes recorded.")
    for entry in log.entries:
        lines.append("")
        if entry.commit is None:
            lines.append(f"working tree (not committed)  {_what(entry)}")
            continue
        c = entry.commit
        when = c.when.strftime("%Y-%m-%d %H:%M")
        lines.append(f"{c.short}  {when}  {c.author}  {_what(entry)}")
        if c.summary:
            lines.append(f"    {c.summary}")
    return "\n".join(lines) + "\n"


def as_json(log: ItemLog) -> str:
    return json_text(log.to_dict())
