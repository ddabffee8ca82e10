"""How numbers, rates, ranges and chart geometry read in the documents."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from icmkit.documents import gantt
from icmkit.documents.addresses import Anchors
from icmkit.documents.formatting import money, number, percent, span
from icmkit.model.timeline import Milestone, Phase, Timeline


def test_rates_read_as_percentages() -> None:
    assert percent(Decimal("0.08")) == "8%"
    assert percent(Decimal("0.125")) == "12.5%"
    assert percent(Decimal("1")) == "100%"
    assert percent(Decimal("2.0")) == "200%"


def test_amounts_keep_their_places_and_group_thousands() -> None:
    assert number(Decimal("60000")) == "60,000"
    assert number(Decimal("5200.00")) == "5,200.00"
    assert number(Decimal("6E+4")) == "60,000"
    assert money(Decimal("1234567.5"), "EUR") == "EUR 1,234,567.5"


def test_half_open_ranges_in_words() -> None:
    assert span("USD 0", "USD 50,000", first=True) == "From USD 0 up to, not including, USD 50,000"
    assert span("100%", None) == "100% and above"


def test_anchors_are_stable_and_unique() -> None:
    anchors = Anchors()
    assert anchors("fr", "FR-1") == "fr-fr-1"
    assert anchors("fr", "fr.1") == "fr-fr-1-2"
    assert anchors("fr", "FR-1") == "fr-fr-1"
    assert anchors.get("fr", "missing") is None


def test_chart_places_phases_on_a_day_scale() -> None:
    timeline = Timeline(
        phases=[
            Phase(number=1, name="One", start=dt.date(2027, 1, 1), end=dt.date(2027, 1, 10)),
            Phase(number=2, name="Two: more", start=dt.date(2027, 1, 11), end=dt.date(2027, 1, 20)),
        ],
        milestones=[Milestone(id="M1", name="Go #live", date=dt.date(2027, 1, 11))],
    )
    chart = gantt.chart(timeline)
    assert chart is not None
    one, two, milestone = chart.rows
    assert isinstance(one, gantt.PhaseBar) and isinstance(two, gantt.PhaseBar)
    assert (one.x, one.width) == ("300.0", "290.0")
    assert (two.x, two.width) == ("590.0", "290.0")
    assert two.end_exclusive == "2027-01-21"
    assert two.mermaid_label == "Phase 2 Two - more"
    assert isinstance(milestone, gantt.MilestoneMark)
    assert milestone.mermaid_label == "Go live"
    assert chart.ticks == [gantt.Tick(x="300.0", label="Jan 2027")]
