"""A model run as text for the terminal and as Markdown for a pull-request comment."""

from __future__ import annotations

from collections.abc import Sequence

from icmkit.engine.model_impact import Impact
from icmkit.engine.model_summary import Summary
from icmkit.markdown import literal_line, table_cell
from icmkit.terminal.model_tables import (
    Table,
    impact_tables,
    money,
    signed,
    signed_percent,
    summary_tables,
    window_text,
)

BAR_WIDTH = 30


def _plans(summary: Summary) -> str:
    return ", ".join(summary.plans) or "no plan"


def summary_headline(summary: Summary) -> str:
    return f"Payouts of {_plans(summary)} ({summary.label}) from {window_text(summary)}"


def impact_headline(impact: Impact) -> str:
    total = impact.total
    return (
        f"Payout impact of {impact.head.label} against {impact.base.label} from "
        f"{window_text(impact.head)}: {signed(total.delta)} {impact.head.currency} "
        f"({signed_percent(total.relative)}), {len(impact.winners)} paid more, "
        f"{len(impact.losers)} paid less, {impact.unchanged} unchanged"
    )


# ---- text ------------------------------------------------------------------------------------


def _bar(count: int, most: int) -> str:
    if not count:
        return ""
    return "█" * max(1, round(BAR_WIDTH * count / most))


def _text_table(table: Table) -> list[str]:
    lines = [table.title, "-" * len(table.title)]
    if table.rows:
        rows = [list(row) for row in table.rows]
        header = list(table.header)
        if table.bars is not None:
            most = max(int(row[table.bars]) for row in rows) or 1
            header.append("")
            for row in rows:
                row.append(_bar(int(row[table.bars]), most))
        widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]

        def line(cells: Sequence[str]) -> str:
            parts = [
                c.rjust(widths[i]) if i in table.right else c.ljust(widths[i])
                for i, c in enumerate(cells)
            ]
            return "  " + "  ".join(parts).rstrip()

        if any(header):
            lines.append(line(header))
        lines += [line(row) for row in rows]
    if table.note:
        lines.append(f"  {table.note}")
    return lines


def _text(headline: str, tables: Sequence[Table]) -> str:
    lines = [headline]
    for table in tables:
        lines.append("")
        lines += _text_table(table)
    return "\n".join(lines) + "\n"


def summary_text(summary: Summary, top: int) -> str:
    return _text(summary_headline(summary), summary_tables(summary, top))


def impact_text(impact: Impact, top: int) -> str:
    return _text(impact_headline(impact), impact_tables(impact, top))


# ---- Markdown --------------------------------------------------------------------------------


def _md_table(table: Table, level: str) -> list[str]:
    lines = [f"{level} {literal_line(table.title)}", ""]
    if table.rows:
        header = [table_cell(c) for c in table.header]
        lines.append("| " + " | ".join(header) + " |")
        lines.append(
            "|" + "|".join("---:" if i in table.right else "---" for i in range(len(header))) + "|"
        )
        lines += ["| " + " | ".join(table_cell(c) for c in row) + " |" for row in table.rows]
        lines.append("")
    if table.note:
        lines += [literal_line(table.note), ""]
    return lines


def _markdown(title: str, headline: str, tables: Sequence[Table], folded: int) -> str:
    """The first ``folded`` tables are shown; the rest sit in a ``<details>`` block."""
    lines = [f"## {literal_line(title)}", "", literal_line(headline), ""]
    for table in tables[:folded]:
        lines += _md_table(table, "###")
    rest = tables[folded:]
    if rest:
        lines += ["<details><summary>More figures</summary>", ""]
        for table in rest:
            lines += _md_table(table, "####")
        lines += ["</details>", ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def summary_markdown(summary: Summary, top: int) -> str:
    return _markdown("Payout model", summary_headline(summary), summary_tables(summary, top), 3)


def impact_markdown(impact: Impact, top: int) -> str:
    tables = impact_tables(impact, top)
    total = money(impact.total.delta)
    title = f"Payout impact: {'+' if impact.total.delta >= 0 else ''}{total}"
    return _markdown(title, impact_headline(impact), tables, 5)
