"""A generated corpus of plans, rosters and transactions files, the same for a given seed.

Each scenario draws a plan (components of every commission kind at every scope and method,
overrides and SPIFFs, caps per deal, period and year, multipliers, gates, thresholds;
crediting with splits and default shares, filters on attributes and built-in fields, rollups
one or two levels deep; clawbacks full or pro rata, some taking the deal out of attainment;
monthly or quarterly payment; rounding at each point), a roster of two managers and four
account executives (a manager change mid-year, a hire and a leaver now and then) and a year of
transactions (splits given or left to the default shares, deals cancelled later, attributes).
"""

from __future__ import annotations

import csv
import datetime as dt
import random
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from icmkit.engine.periods import Window
from icmkit.model.number_text import UNDECLARED_TEXT, NumberFormat
from icmkit.model.plans import Plan
from icmkit.model.roster import RosterEntry

YEAR = Window(dt.date(2027, 1, 1), dt.date(2028, 1, 1))
REPS = ["R1", "R2", "R3", "R4"]
MANAGERS = ["M1", "M2"]
RATES = ["2%", "5%", "8%", "10%", "12.5%", "0.3333"]


@dataclass
class Scenario:
    plan: Plan
    transactions: Path
    roster: list[RosterEntry]
    window: Window
    fmt: NumberFormat = UNDECLARED_TEXT
    as_of: dt.date | None = None

    def describe(self) -> str:
        return self.plan.model_dump_json(exclude_defaults=True)


def _day(rnd: random.Random, start: dt.date = YEAR.start, days: int = 364) -> dt.date:
    return start + dt.timedelta(days=rnd.randrange(days))


def _commission(rnd: random.Random, index: int, measure: str) -> dict[str, Any]:
    kind = rnd.choice(["flat", "tiered", "accelerated", "quota_bonus"])
    scope = rnd.choice(["transaction", "period", "to_date"])
    found: dict[str, Any] = {"id": f"c{index}", "name": f"C{index}", "kind": kind}
    found["measure"] = measure
    if kind == "flat":
        found |= {"rate": rnd.choice(RATES), "scope": scope}
    elif kind == "tiered":
        edge = rnd.choice([5000, 40000, 150000])
        found |= {
            "method": rnd.choice(["marginal", "retroactive"]),
            "scope": scope,
            "tiers": [
                {"from": 0, "to": edge, "rate": rnd.choice(RATES)},
                {"from": edge, "rate": rnd.choice(RATES)},
            ],
        }
    elif kind == "accelerated":
        found |= {
            "quota": "q",
            "base_rate": rnd.choice(RATES),
            "method": rnd.choice(["marginal", "retroactive"]),
            "scope": scope,
            "bands": [
                {"from": 0, "to": "0.5", "multiplier": "0.5"},
                {"from": "0.5", "to": 1, "multiplier": 1},
                {"from": 1, "multiplier": rnd.choice(["1.5", "2"])},
            ],
        }
    else:
        found |= {
            "quota": "q",
            "target": 10000,
            "scope": "period" if scope == "transaction" else scope,
            "curve": [{"attainment": "0.5", "payout": "0.25"}, {"attainment": 1, "payout": 1}],
            "above_last": rnd.choice(["cap", "extend"]),
        }
    if rnd.random() < 0.3:
        found["multipliers"] = [
            {
                "id": "kicker",
                "factor": rnd.choice(["1.25", "2"]),
                "when": [{"field": "kind", "equals": "new"}],
                **({"first_deals": rnd.randint(1, 3)} if rnd.random() < 0.5 else {}),
            }
        ]
    cap = rnd.choice([None, None, "deal", "component", "year"])
    if cap is not None:
        found["cap"] = {"amount": rnd.choice([300, 2500, 20000]), "level": cap}
    if rnd.random() < 0.2:
        found["gates"] = [{"quota": "q", "min_attainment": "0.2", "scope": "to_date"}]
    return found


def _filter(rnd: random.Random) -> list[dict[str, Any]]:
    choice = rnd.randrange(6)
    if choice == 0:
        return [{"field": "kind", "in": ["new", "expansion"]}]
    if choice == 1:
        return [{"field": "region", "equals": "east"}]
    if choice == 2:
        return [{"field": "amount", "at_least": 500}]
    if choice == 3:
        return [{"field": "size", "below": 50}, {"field": "kind", "equals": "new"}]
    if choice == 4:
        return [{"field": "size", "equals": 10}]
    return []


def _plan(rnd: random.Random) -> tuple[dict[str, Any], bool]:
    """The plan's data, and whether it rolls credit up (then managers are on it too)."""
    arr: dict[str, Any] = {"id": "arr", "name": "ARR"}
    arr_filter = _filter(rnd)
    if arr_filter:
        arr["filter"] = arr_filter
    components = [_commission(rnd, 1, "arr")]
    if rnd.random() < 0.5:
        components.append(_commission(rnd, 2, rnd.choice(["arr", "services"])))
    if rnd.random() < 0.25:
        components.append(
            {
                "id": "spiff",
                "name": "SPIFF",
                "kind": "spiff",
                "measure": "services",
                "amount": 250,
                "window": {"from": "2027-03-01", "to": "2027-10-01"},
                **({"max_events": 2, "max_events_per": "quarterly"} if rnd.random() < 0.5 else {}),
            }
        )
    rollup = rnd.random() < 0.4
    if rollup and rnd.random() < 0.6:
        components.append(
            {
                "id": "override",
                "name": "Override",
                "kind": "override",
                "measure": "arr",
                "rate": "1%",
                "levels": rnd.choice([1, 2]),
                **({"include_roles": ["AE"]} if rnd.random() < 0.5 else {}),
            }
        )
    data: dict[str, Any] = {
        "id": "PLAN-G",
        "name": "Generated plan",
        "effective": {"from": "2027-01-01", "to": "2028-01-01"},
        "eligibility": {"roles": ["AE", "Manager"] if rollup else ["AE"]},
        "measures": [arr, {"id": "services", "name": "Services"}],
        "quotas": [
            {
                "id": "q",
                "measure": "arr",
                "period": rnd.choice(["quarterly", "annual"]),
                "amount": rnd.choice([120000, 400000]),
            }
        ],
        "components": components,
        "payment": {"frequency": rnd.choice(["monthly", "quarterly"])},
        "rounding": {
            "places": rnd.choice([0, 2]),
            "at": rnd.choice(["transaction", "component", "payout"]),
        },
    }
    crediting: dict[str, Any] = {}
    if rnd.random() < 0.5:
        crediting["splits"] = {"kind": "revenue", "default_shares": ["60%", "40%"]}
    if rollup:
        crediting["rollup"] = {"levels": rnd.choice([1, 2])}
    if crediting:
        data["crediting"] = crediting
    if rnd.random() < 0.6:
        data["clawback"] = {
            "window_days": rnd.choice([90, 365]),
            "method": rnd.choice(["full", "pro_rata"]),
            "reduces_attainment": rnd.random() < 0.4,
        }
    return data, rollup


def _roster(rnd: random.Random) -> list[RosterEntry]:
    moved = _day(rnd, dt.date(2027, 3, 1), 200)
    entries: list[dict[str, Any]] = [
        {"id": "M1", "role": "Manager"},
        {"id": "M2", "role": "Manager", "manager": "M1"},
        {"id": "R1", "role": "AE", "manager": "M1"},
        {
            "id": "R2",
            "role": "AE",
            "managers": [
                {"manager": "M1", "from": "2026-01-01", "to": moved.isoformat()},
                {"manager": "M2", "from": moved.isoformat()},
            ],
        },
        {"id": "R3", "role": "AE", "manager": "M2"},
        {"id": "R4", "role": "AE", "manager": "M2"},
    ]
    if rnd.random() < 0.3:
        entries[4]["hire_date"] = _day(rnd, dt.date(2027, 2, 1), 120).isoformat()
    if rnd.random() < 0.3:
        entries[5]["leave_date"] = _day(rnd, dt.date(2027, 6, 1), 150).isoformat()
    return [RosterEntry.model_validate(e) for e in entries]


def _rows(rnd: random.Random, count: int, defaults: bool) -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []
    for n in range(count):
        who = rnd.choice(REPS)
        day = _day(rnd)
        measure = "services" if rnd.random() < 0.2 else ""
        amount = f"{rnd.randrange(-500, 60000)}.{rnd.randrange(100):02d}"
        if rnd.random() < 0.1:
            amount = f"{rnd.randrange(1000, 9000)}.{rnd.randrange(1000):03d}"
        elif rnd.random() < 0.003:
            amount = f"{rnd.randrange(1, 999)}.{rnd.randrange(1000):03d}"  # refused: 1.500?
        row = {
            "participant": who,
            "id": f"T{n}",
            "date": day.isoformat(),
            "amount": amount,
            "measure": measure,
            "split": "",
            "cancelled_on": "",
            "term_months": "",
            "kind": rnd.choice(["new", "expansion", "renewal"]),
            "region": rnd.choice(["east", "west", ""]),
            "size": str(rnd.choice([5, 10, 10.0, 60])),
        }
        if rnd.random() < 0.08:
            later = day + dt.timedelta(days=rnd.randrange(10, 250))
            row["cancelled_on"] = later.isoformat()
            row["term_months"] = str(rnd.choice([12, 24]))
        if rnd.random() < 0.15:
            other = rnd.choice([r for r in REPS if r != who])
            if not defaults or rnd.random() < 0.5:
                row["split"], share = "50%", "0.5"
            else:
                row["split"], share = "", ""
            rows.append(row)
            rows.append({**row, "participant": other, "split": share})
            continue
        rows.append(row)
    rnd.shuffle(rows)
    return rows


def scenario(seed: int, folder: Path) -> Scenario:
    """The scenario of ``seed``, its transactions written in ``folder``."""
    rnd = random.Random(seed)
    data, _ = _plan(rnd)
    plan = Plan.model_validate(data)
    roster = _roster(rnd)
    rows = _rows(rnd, rnd.randrange(30, 90), plan.crediting.splits is not None)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "transactions.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    as_of = dt.date(2027, 10, 17) if rnd.random() < 0.15 else None
    periods = rnd.choice([YEAR, Window(dt.date(2027, 4, 1), dt.date(2027, 10, 1))])
    return Scenario(plan, path, roster, periods, as_of=as_of)
