"""Write a synthetic year of Lumen Analytics history for ``icmkit model``.

    python examples/lumen-analytics/history/generate.py

Writes ``transactions.csv`` and ``scores.csv`` beside this script: the 2027 bookings of the
roster in ``participants.yaml`` (account executives' new ARR and services, the SDR's
qualified pipeline, the customer success managers' renewals and expansion) and the CSMs'
quarterly MBO scores. Nothing here is real data. The same seed always writes the same bytes
(a test holds the committed files to this script), so the files can be regenerated after a
change here and reviewed as a diff.

The account executives are spread over their quota on purpose, so that the model shows the
whole pay curve: one well above quota (the accelerators and, in December, the 200% cap),
two near it, one below half of it (the decelerator band, and the services gate closed for
months), a May hire on a prorated quota and an August leaver. Some deals are split between
two account executives (60% to the one who closed it, 40% to the one who sourced it), and
three are cancelled within the clawback window.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
from pathlib import Path

HERE = Path(__file__).resolve().parent
SEED = 2027
YEAR = 2027

TRANSACTION_COLUMNS = [
    "participant",
    "id",
    "date",
    "amount",
    "measure",
    "split",
    "type",
    "segment",
    "cancelled_on",
    "term_months",
]

# Account executives: (id, first day, last day, monthly new ARR aimed at, segment).
ACCOUNT_EXECUTIVES = [
    ("E1047", dt.date(YEAR, 1, 1), dt.date(YEAR, 12, 31), 190_000, "Enterprise"),
    ("E1112", dt.date(YEAR, 1, 1), dt.date(YEAR, 12, 31), 80_000, "Commercial"),
    ("E1150", dt.date(YEAR, 1, 1), dt.date(YEAR, 12, 31), 33_000, "Commercial"),
    ("E1201", dt.date(YEAR, 5, 17), dt.date(YEAR, 12, 31), 60_000, "Commercial"),
    ("E1090", dt.date(YEAR, 1, 1), dt.date(YEAR, 8, 31), 72_000, "Commercial"),
]
SDR = ("E1301", 520_000)
"""The SDR and the qualified pipeline they source in an average quarter."""
CSMS = [("E1401", 1_450_000), ("E1402", 1_600_000)]
"""Customer success managers and the ARR up for renewal in an average quarter."""
OBJECTIVES = ("nrr", "adoption", "csat")


def _day(rnd: random.Random, month: int, first: dt.date, last: dt.date) -> dt.date | None:
    """A working day of ``month`` between ``first`` and ``last``, or None if there is none."""
    start = max(dt.date(YEAR, month, 1), first)
    end = min(dt.date(YEAR + (month == 12), month % 12 + 1, 1) - dt.timedelta(days=1), last)
    days = [
        start + dt.timedelta(days=n)
        for n in range((end - start).days + 1)
        if (start + dt.timedelta(days=n)).weekday() < 5
    ]
    return rnd.choice(days) if days else None


def _money(value: float) -> str:
    return f"{value:.2f}"


def _account_executive_rows(rnd: random.Random) -> list[list[str]]:
    rows: list[list[str]] = []
    number = 0
    partners = [ae[0] for ae in ACCOUNT_EXECUTIVES]
    for who, first, last, monthly, segment in ACCOUNT_EXECUTIVES:
        for month in range(1, 13):
            aimed = monthly * rnd.uniform(0.6, 1.4)
            deals = rnd.randint(2, 4)
            for _ in range(deals):
                when = _day(rnd, month, first, last)
                if when is None:
                    continue
                number += 1
                deal = f"OPP-{number:04d}"
                amount = aimed / deals * rnd.uniform(0.7, 1.3)
                kind = "New Logo" if rnd.random() < 0.55 else "Expansion"
                cancelled = ""
                term = ""
                if number in (7, 41, 88):
                    cancelled = (when + dt.timedelta(days=75)).isoformat()
                    term = "12"
                shared = number % 9 == 0
                split = "60%" if shared else ""
                row = [who, deal, when.isoformat(), _money(amount), "", split, kind, segment]
                rows.append([*row, cancelled, term])
                if shared:
                    # the closing AE keeps 60%, the AE who sourced the deal 40%
                    partner = rnd.choice([p for p in partners if p not in (who, "E1201", "E1090")])
                    rows.append([partner, deal, when.isoformat(), _money(amount), "", "40%", kind])
                    rows[-1] += [segment, cancelled, term]
                if rnd.random() < 0.35:
                    number += 1
                    services = amount * rnd.uniform(0.1, 0.3)
                    rows.append(
                        [who, f"SO-{number:04d}", when.isoformat(), _money(services)]
                        + ["ps_bookings", "", "Services", segment, "", ""]
                    )
    return rows


def _sdr_rows(rnd: random.Random) -> list[list[str]]:
    who, quarterly = SDR
    rows: list[list[str]] = []
    for month in range(1, 13):
        aimed = quarterly / 3 * rnd.uniform(0.5, 1.5)
        count = rnd.randint(4, 7)
        for n in range(count):
            when = _day(rnd, month, dt.date(YEAR, 1, 1), dt.date(YEAR, 12, 31))
            assert when is not None
            segment = "Enterprise" if rnd.random() < 0.3 else "Commercial"
            rows.append(
                [who, f"PIPE-{month:02d}{n:02d}", when.isoformat(), _money(aimed / count)]
                + ["sourced_pipeline", "", "Pipeline", segment, "", ""]
            )
    return rows


def _csm_rows(rnd: random.Random) -> list[list[str]]:
    rows: list[list[str]] = []
    for who, quarterly in CSMS:
        for month in range(1, 13):
            renewed = quarterly / 3 * rnd.uniform(0.75, 1.2)
            for n in range(3):
                when = _day(rnd, month, dt.date(YEAR, 1, 1), dt.date(YEAR, 12, 31))
                assert when is not None
                rows.append(
                    [who, f"REN-{who}-{month:02d}{n}", when.isoformat(), _money(renewed / 3)]
                    + ["", "", "Renewal", "Commercial", "", ""]
                )
            expansion = rnd.uniform(5_000, 30_000)
            when = _day(rnd, month, dt.date(YEAR, 1, 1), dt.date(YEAR, 12, 31))
            assert when is not None
            rows.append(
                [who, f"EXP-{who}-{month:02d}", when.isoformat(), _money(expansion)]
                + ["expansion_arr", "", "Expansion", "Commercial", "", ""]
            )
    return rows


def _scores(rnd: random.Random) -> list[list[str]]:
    rows: list[list[str]] = []
    for who, _ in CSMS:
        for quarter in range(1, 5):
            for objective in OBJECTIVES:
                score = rnd.choice(["0.5", "0.7", "0.8", "0.9", "1", "1"])
                rows.append([who, f"{YEAR}-Q{quarter}", objective, score])
    return rows


def _write(path: Path, header: list[str], rows: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def generate(folder: Path = HERE) -> None:
    rnd = random.Random(SEED)
    rows = _account_executive_rows(rnd) + _sdr_rows(rnd) + _csm_rows(rnd)
    rows.sort(key=lambda row: (row[2], row[1]))  # stable: a shared deal keeps its order
    _write(folder / "transactions.csv", TRANSACTION_COLUMNS, rows)
    _write(folder / "scores.csv", ["participant", "period", "objective", "score"], _scores(rnd))


if __name__ == "__main__":
    generate()
