"""A participant's plan letter: their own terms on one plan, how they earn (with pay curves
for their own quota and target), what changed in their plan, and the version they accept.

The letter states what :mod:`icmkit.signoffs.letters` fingerprints: the participant's
particulars, their dates on the plan, their quotas and target incentive, and the plan's
terms in the version in force for them; its version is that fingerprint.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from icmkit.documents.formatting import day, span, words
from icmkit.documents.plan_changes import ChangeView, plan_changes
from icmkit.documents.plan_components import ComponentView, component_view
from icmkit.documents.plan_rules import adjustments, payment
from icmkit.documents.plan_view import ProgramName, with_curve
from icmkit.documents.plan_words import PlanWords
from icmkit.documents.view_blocks import Table, View
from icmkit.engine.case_setup import calendar_of
from icmkit.engine.curves import Representative
from icmkit.model.plan_choices import DrawEligibility
from icmkit.model.program_bundle import Program
from icmkit.signoffs.letters import Letter


@dataclass(frozen=True, slots=True)
class LetterView(View):
    """The names ``letter.md.j2`` and ``letter.html.j2`` see."""

    program: ProgramName
    rendered_at: str | None
    name: str
    """The participant's name (their id when the roster gives none)."""
    participant: str
    plan_id: str
    plan_name: str
    plan_document: str
    """The plan document, relative to the letter, without extension."""
    version: str
    """The letter's version: the whole ``sha256:`` fingerprint."""
    short: str
    """Its first 12 hex digits, as people quote it."""
    plan_version: str
    """``Version 2 (July 2027 rate change), in force from 2027-07-01``; empty with one."""
    opening: str
    terms: Table
    change_intro: str
    changes: list[ChangeView]
    """What changed from the version before, when the participant was on that one too."""
    components: list[ComponentView]
    adjustments: list[str]
    payment: list[str]
    accept_command: str


def _terms(letter: Letter, w: PlanWords) -> Table:
    entry = letter.participant
    rows = [["Participant", f"{entry.name or entry.id} ({entry.id})"]]
    if letter.role:
        rows.append(["Role", letter.role])
    if entry.territory:
        rows.append(["Territory", entry.territory])
    if entry.segment:
        rows.append(["Segment", entry.segment])
    rows.append(["Plan", f"{letter.plan.name} ({letter.plan.id})"])
    if len(letter.plan.versions):
        rows.append(["Plan version", f"{letter.version.label}, from {day(letter.version.start)}"])
    end = day(letter.end) if letter.end is not None else None
    rows.append(["On the plan", span(day(letter.start), end, first=True)])
    stated = letter.version.plan
    for quota in stated.quotas:
        amount = letter.quotas.get(quota.id)
        if amount is None:
            continue
        whose = "your own" if quota.id in letter.own_quotas else "the plan's standard quota"
        rows.append(
            [
                f"Quota: {w.measure(quota.measure)}",
                f"{w.money(amount)} {words(quota.period.value)} ({whose})",
            ]
        )
    if letter.target is not None:
        period = stated.target_incentive.period.value if stated.target_incentive else "annual"
        whose = "your own" if letter.own_target else "the plan's standard target"
        rows.append(["Target incentive", f"{w.money(letter.target)} {words(period)} ({whose})"])
    rows.append(["Paid", words(stated.payment.frequency.value)])
    return Table(["", ""], rows)


def _draw(letter: Letter) -> list[str]:
    """Whether this participant gets the plan's draw, in so many words."""
    draw = letter.version.plan.draw
    if draw is None or draw.eligible is not DrawEligibility.NEW_HIRES:
        return []
    hired = letter.participant.hire_date
    start = letter.plan.effective.from_
    if hired is not None and hired >= start:
        return [f"You get the draw: you were hired on {day(hired)}, on or after {day(start)}."]
    return [f"You do not get the draw: it is for participants hired on or after {day(start)}."]


ComponentsKey = tuple[str, int, tuple[tuple[str, Decimal], ...], Decimal | None]
"""A plan version with a participant's quotas and target: letters alike in these say the same
about how they earn."""


def letter_view(
    program: Program,
    letter: Letter,
    plan_document: str,
    rendered_at: str | None = None,
    known: dict[ComponentsKey, list[ComponentView]] | None = None,
) -> LetterView:
    """The letter's view; ``known`` keeps the components (with their curves, which the engine
    computes) of letters already made, for others with the same plan, quotas and target."""
    stated = letter.version.plan
    w = PlanWords(program, stated, letter.quotas, letter.target)
    key: ComponentsKey = (
        letter.plan.id,
        letter.version.number,
        tuple(sorted(letter.quotas.items())),
        letter.target,
    )
    components = known.get(key) if known is not None else None
    if components is None:
        calendar = calendar_of(program)
        who = Representative(dict(letter.quotas), letter.target)
        components = [
            with_curve(c, component_view(c, w), stated, w, calendar, "", who)
            for c in stated.components
        ]
        if known is not None:
            known[key] = components
    info = program.info
    name = letter.participant.name or letter.participant.id
    changes: list[ChangeView] = []
    change_intro = ""
    if letter.previous is not None:
        changes = plan_changes(program, letter.previous.plan, stated, letter.quotas, letter.target)
        change = letter.version.change
        label = f" ({change.label})" if change is not None and change.label else ""
        reason = f" {' '.join(change.reason.split())}" if change and change.reason else ""
        change_intro = (
            f"From {day(letter.version.start)}, version {letter.version.number} of the plan "
            f"applies{label}.{reason} Here is what changed from version "
            f"{letter.previous.number}."
        )
    until = f" up to, not including, {day(letter.end)}" if letter.end is not None else ""
    opening = (
        f"This letter sets out your incentive compensation on the {letter.plan.name} from "
        f"{day(letter.start)}{until}: your own quota and target, how you earn, and when you are "
        "paid. The plan document describes the plan in full; where the two differ, tell the "
        "plan's owner before you accept."
    )
    return LetterView(
        program=ProgramName(
            name=(info.name or info.customer) if info is not None else "Program",
            customer=info.customer if info is not None else "",
        ),
        rendered_at=rendered_at,
        name=name,
        participant=letter.participant.id,
        plan_id=letter.plan.id,
        plan_name=letter.plan.name,
        plan_document=plan_document,
        version=letter.fingerprint,
        short=letter.short,
        plan_version=(
            f"{letter.version.label}, in force from {day(letter.version.start)}"
            if letter.plan.versions
            else ""
        ),
        opening=opening,
        terms=_terms(letter, w),
        change_intro=change_intro,
        changes=changes,
        components=components,
        adjustments=adjustments(w) + _draw(letter),
        payment=payment(w),
        accept_command=(
            f"icmkit accept --participant {letter.participant.id} --plan {letter.plan.id}"
        ),
    )
