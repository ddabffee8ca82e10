"""What ``icmkit model`` and ``icmkit diff --impact`` share: the plans chosen, the history
files found, the version compared with, the run (with a progress bar on a terminal) and the
report in each output format."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from icmkit.cli.parameters import ModelFormat
from icmkit.errors import UsageError

if TYPE_CHECKING:
    from icmkit.engine.batch import CalcFiles
    from icmkit.engine.model_impact import Impact
    from icmkit.engine.model_summary import Summary
    from icmkit.engine.modelling import ModelRun, Scenario
    from icmkit.model.plans import Plan
    from icmkit.model.program_bundle import Program

HISTORY_FOLDER = "history"


def _is_plan_file(text: str) -> bool:
    return text.endswith((".yaml", ".yml"))


def _plan_from_file(text: str) -> Plan:
    from icmkit.loading.plan_file import load_plan_file

    plan, findings = load_plan_file(Path(text))
    if plan is None or findings:
        shown = "\n".join(f"{f.path}:{f.line}:{f.col}: {f.code} {f.message}" for f in findings)
        raise UsageError(f"{text} is not a valid plan file:\n{shown}")
    return plan


def choose_plans(program: Program, root: Path, wanted: list[str]) -> list[Plan]:
    """The plans named by id or by file (every plan of the program when none is named); a
    plan file outside the program stands in for the program's plan with the same id."""
    if not wanted:
        return list(program.plans)
    chosen: list[Plan] = []
    for text in wanted:
        found: Plan | None = None
        if _is_plan_file(text):
            try:
                rel = Path(text).resolve().relative_to(root.resolve()).as_posix()
            except ValueError:
                rel = None
            found = next((p for p in program.plans if p.where.path == rel), None)
            if found is None:
                found = _plan_from_file(text)
        else:
            found = next((p for p in program.plans if p.id == text), None)
        if found is None:
            known = ", ".join(sorted(p.id for p in program.plans)) or "none"
            raise UsageError(
                f"no valid plan `{text}` in this program (its plans: {known}); "
                "run `icmkit check` if a plan is missing"
            )
        if any(p.id == found.id for p in chosen):
            raise UsageError(f"plan {found.id} is named twice")
        chosen.append(found)
    return chosen


def history_files(
    root: Path,
    history: Path | None,
    given: dict[str, Path | None],
) -> CalcFiles:
    """The data files of a run: each one given, else the history folder's (``--history``, or
    the program's ``history/`` folder)."""
    from icmkit.engine.batch import CalcFiles

    folder = history
    if folder is not None and not folder.is_dir():
        raise UsageError(f"--history {folder}: no such folder")
    if folder is None and (root / HISTORY_FOLDER).is_dir():
        folder = root / HISTORY_FOLDER

    def pick(name: str) -> Path | None:
        chosen = given.get(name)
        if chosen is not None:
            return chosen
        if folder is not None and (folder / name).is_file():
            return folder / name
        return None

    transactions = pick("transactions.csv")
    if transactions is None:
        where = f"{folder} has no transactions.csv" if folder else "the program has no history/"
        raise UsageError(
            f"no transactions to compute from ({where}): give --history DIR with "
            "transactions.csv, or --transactions FILE"
        )
    return CalcFiles(
        transactions,
        pick("roster.csv"),
        pick("quotas.csv"),
        None,
        pick("scores.csv"),
        pick("receipts.csv"),
    )


def against_scenario(
    root: Path, program: Program, chosen: list[Plan], against: str, picked: bool
) -> Scenario:
    """The version to compare with: a plan file standing in for one of ``chosen``, or the
    program at a git revision (its plans with the ids chosen, or all when none was named)."""
    from icmkit.engine.modelling import Scenario

    if _is_plan_file(against) and Path(against).is_file():
        other = _plan_from_file(against)
        ids = [p.id for p in chosen]
        if other.id not in ids:
            if len(chosen) != 1:
                raise UsageError(
                    f"{against} holds plan {other.id}, which is not among the plans modelled "
                    f"({', '.join(ids)}): name the one it stands in for with --plan"
                )
            other = other.model_copy(update={"id": chosen[0].id})
        plans = [other if p.id == other.id else p for p in chosen]
        return Scenario(Path(against).name, program, plans)
    from icmkit.git.history import ProgramHistory
    from icmkit.git.versions import version_at

    with ProgramHistory(root) as history:
        version = version_at(history, against)
    if version.errors:
        typer.echo(
            f"icmkit: warning: the program in {version.label} has {version.errors} error(s); "
            "items that do not validate are left out (see `icmkit check`)",
            err=True,
        )
    wanted = {p.id for p in chosen}
    plans = [p for p in version.program.plans if not picked or p.id in wanted]
    return Scenario(version.label, version.program, plans)


@dataclass
class Computed:
    found: ModelRun
    summaries: list[Summary]
    impact: Impact | None
    """With two versions: the second against the first."""


def compute(
    scenarios: list[Scenario],
    files: CalcFiles,
    period: str | None,
    revenue: list[str] | None,
) -> Computed:
    """Run the versions on the files (a progress bar on a terminal), summarise and compare."""
    from icmkit.cli.progress_bar import progress_bar
    from icmkit.engine.errors import EngineError
    from icmkit.engine.model_impact import compare
    from icmkit.engine.model_summary import summarise
    from icmkit.engine.modelling import run_scenarios

    try:
        with progress_bar() as shown:
            found = run_scenarios(scenarios, files, period, shown)
    except EngineError as error:
        raise UsageError(str(error)) from None
    summaries = [summarise(run, found.window, revenue) for run in found.runs]
    for summary in summaries:
        if not summary.lines:
            typer.echo(
                f"icmkit: warning: {summary.label}: nobody is paid in these periods", err=True
            )
    impact = compare(summaries[0], summaries[1]) if len(summaries) == 2 else None
    return Computed(found, summaries, impact)


def rendered(output_format: ModelFormat, root: Path, done: Computed, top: int) -> str:
    """The report in ``output_format``: the comparison when there is one."""
    found, summaries, impact = done.found, done.summaries, done.impact
    from icmkit.terminal import model_json, model_tables, model_view

    head = summaries[-1]
    if output_format is ModelFormat.JSON:
        return model_json.impact_json(impact) if impact else model_json.summary_json(head)
    if output_format is ModelFormat.MD:
        if impact is not None:
            return model_view.impact_markdown(impact, top)
        return model_view.summary_markdown(head, top)
    if output_format is ModelFormat.HTML:
        from icmkit.documents.model_report import model_html

        if impact is not None:
            tables = model_tables.impact_tables(impact, top)
            for table in model_tables.summary_tables(head, top):
                table.title = f"{table.title} ({head.label})"
                tables.append(table)
            headline = model_view.impact_headline(impact)
        else:
            tables = model_tables.summary_tables(head, top)
            headline = model_view.summary_headline(head)
        return model_html(root, found, summaries, impact, tables, headline)
    if impact is not None:
        return model_view.impact_text(impact, top)
    return model_view.summary_text(head, top)


def same_payout_rules(base: Program, head: Program) -> bool:
    """Whether nothing that payouts depend on differs: plans, roster, data sources (their
    number formats) and calendar."""

    def rules(program: Program) -> list[str]:
        calendar = program.info.calendar if program.info is not None else None
        return [
            *sorted(p.model_dump_json() for p in program.plans),
            *sorted(e.model_dump_json() for e in program.participants),
            *sorted(d.model_dump_json() for d in program.data_sources),
            calendar.model_dump_json() if calendar is not None else "",
        ]

    return rules(base) == rules(head)
