"""Write a large, valid icmkit program for benchmarking ``icmkit check``.

    python benchmarks/generate.py OUT_DIR --requirements N [--seed S]

The program has N functional requirements spread over the 17 standard categories (one file
per category, all three kinds), about N/2 test cases that verify them (some with structured
inputs and expected results on a plan), about N/500 plans (at least 3) with tiered,
accelerated and quota-bonus components, data sources, a conversion plan, reports, a solution
design outline and a timeline. The same N and seed always give the same bytes.
"""

from __future__ import annotations

import argparse
import random
import shutil
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

CATEGORIES: dict[str, tuple[str, list[str]]] = {
    "data_integration": (
        "DI",
        [
            "Load {obj} records from {system} every night",
            "Map {system} {obj} fields to the commission tables",
            "Reject {obj} rows with a missing business key and report them",
            "Convert {obj} amounts to the reporting currency at the month-end rate",
        ],
    ),
    "participants_hierarchy": (
        "PH",
        [
            "Keep effective-dated {role} attributes from the HR feed",
            "Maintain the {role} reporting line with start and end dates",
            "Assign the {role} plan by title at hire",
            "Pay a leaving {role} up to the termination date",
        ],
    ),
    "crediting_rollups": (
        "CR",
        [
            "Credit the {role} named on the {obj}",
            "Roll {role} credit up two levels of the hierarchy",
            "Split {obj} credit between the {role} and the overlay",
            "Credit {obj} by territory account lists",
        ],
    ),
    "quota_management": (
        "QM",
        [
            "Upload annual {role} quotas by measure",
            "Spread the {role} quota by quarterly seasonality",
            "Prorate the {role} quota for a partial year",
            "Re-base {role} attainment after a mid-year quota change",
        ],
    ),
    "plan_design_calculation": (
        "PC",
        [
            "Pay the {role} marginal tiers on {obj} credit",
            "Accelerate the {role} rate above full attainment",
            "Pay the {role} a quota bonus from the attainment curve",
            "Gate the {role} bonus on renewal attainment",
        ],
    ),
    "adjustments_retro": (
        "AR",
        [
            "Record manual {role} adjustments with a reason code",
            "True up {role} earnings against what was paid",
            "Claw back commission on a cancelled {obj}",
            "Reprocess a prior period after a late {obj} load",
        ],
    ),
    "draws_payment_rules": (
        "DP",
        [
            "Pay a recoverable draw to a new {role}",
            "Recover the {role} draw from later earnings",
            "Carry forward {role} payouts above the monthly maximum",
            "Hold {role} commission until the {obj} is paid",
        ],
    ),
    "payments_payroll": (
        "PP",
        [
            "Export {role} payouts to payroll each month",
            "Lock {role} payouts before they are published",
            "Post the commission accrual for {obj} to the ledger",
            "Use the payroll earning code for {role} bonuses",
        ],
    ),
    "statements": (
        "ST",
        [
            "Show the {role} statement down to each {obj}",
            "Chart {role} attainment to date",
            "Give the {role} a statement layout of their own",
            "Publish {role} statements on the portal",
        ],
    ),
    "reporting_analytics": (
        "RA",
        [
            "Report {role} earnings by plan and period",
            "Compare {role} commission cost with the budget",
            "Schedule the {obj} attainment report to managers",
            "Forecast the {role} accrual for finance",
        ],
    ),
    "disputes_inquiries": (
        "DQ",
        [
            "Let a {role} raise an inquiry on a {obj}",
            "Route {role} inquiries to the manager first",
            "Show the {role} the status of each inquiry",
            "Count {obj} disputes by reason each month",
        ],
    ),
    "approvals_workflow": (
        "AW",
        [
            "Approve {role} payouts in two steps",
            "Approve changes to {obj} data before they apply",
            "Escalate {role} approvals above the amount limit",
            "Auto-approve {role} statements below the threshold",
        ],
    ),
    "plan_documents": (
        "PD",
        [
            "Send each {role} their plan document",
            "Track {role} acceptance of the plan document",
            "Remind a {role} who has not signed",
            "Add the state clause to the {role} plan document",
        ],
    ),
    "security_roles": (
        "SR",
        [
            "Let a {role} see only their own team",
            "Sign the {role} in with single sign-on",
            "Separate who configures {obj} rules from who pays",
            "Restrict {obj} exports to administrators",
        ],
    ),
    "audit_compliance": (
        "AU",
        [
            "Log every change to {obj} data",
            "Trace each {role} payout to its {obj} and rate",
            "Keep the version history of {role} plans",
            "Prepare the audit pack for {role} payouts",
        ],
    ),
    "task_manager_close": (
        "TM",
        [
            "Keep the month-end checklist for {role} payouts",
            "Run the {obj} calculation pipeline on schedule",
            "Freeze the period after {role} payouts are final",
            "Follow the close calendar for {obj} processing",
        ],
    ),
    "environments_modeling": (
        "EM",
        [
            "Model a new {role} plan in the sandbox",
            "Copy {role} plans to the next plan year",
            "Promote {obj} configuration from pre-production",
            "Regression test {role} plans after a change",
        ],
    ),
}

ROLES = ["account executive", "sales engineer", "sales manager", "renewals rep", "partner manager"]
OBJECTS = ["opportunity", "invoice", "order", "renewal", "subscription", "booking"]
SYSTEMS = ["Salesforce", "NetSuite", "Workday", "HubSpot", "SAP", "Snowflake"]
TEAM = [
    ("ana", "Ana Lee", "Implementation consultant", "implementer"),
    ("raj", "Raj Patel", "Solution architect", "implementer"),
    ("mei", "Mei Chen", "Data consultant", "implementer"),
    ("bo", "Bo Park", "ICM administrator", "customer"),
    ("cruz", "Sam Cruz", "Sales operations lead", "customer"),
    ("dee", "Dee Novak", "Payroll manager", "customer"),
]
OWNERS = [member[0] for member in TEAM]
PHASES = [
    (1, "Sandbox prototype", "2027-01-04", "2027-02-12"),
    (2, "Design revision and pre-production", "2027-02-15", "2027-03-26"),
    (3, "Administrator onboarding", "2027-03-29", "2027-04-30"),
    (4, "Go-live support", "2027-05-03", "2027-07-30"),
]
CENT = Decimal("0.01")


def q(text: str) -> str:
    """A YAML double-quoted scalar."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def flow(items: Iterable[str]) -> str:
    return "[" + ", ".join(items) + "]"


class Generator:
    def __init__(self, requirements: int, seed: int) -> None:
        self.n = max(requirements, len(CATEGORIES))
        self.rng = random.Random(seed)
        self.files: dict[str, str] = {}
        self.plan_count = max(3, self.n // 500)
        self.source_count = max(4, self.n // 1000)
        self.report_count = max(4, self.n // 500)
        self.business_count = max(5, self.n // 200)
        self.sources = [f"DS-{i:03d}" for i in range(1, self.source_count + 1)]
        self.reports = [f"RPT-{i:03d}" for i in range(1, self.report_count + 1)]
        self.business = [f"BR-{i:03d}" for i in range(1, self.business_count + 1)]
        self.plans = [f"PLAN-{i:03d}" for i in range(1, self.plan_count + 1)]
        # requirement id -> (category, kind)
        self.requirements: list[tuple[str, str, str]] = []
        self.plan_requirements: dict[str, list[str]] = {p: [] for p in self.plans}
        self.assisted_hours = 0

    # -- program, business requirements -------------------------------------------------

    def program(self) -> None:
        lines = [
            "program:",
            "  customer: Northwind Analytics",
            "  name: Northwind sales compensation",
            "  platform: Performio",
            "  currency: USD",
            "  start: 2027-01-04",
            "  end: 2027-07-30",
            "  phases: 4",
            "  team:",
        ]
        for ident, name, role, side in TEAM:
            lines.append(f"    - {{id: {ident}, name: {name}, role: {role}, side: {side}}}")
        lines.append("  essential_categories:")
        lines.extend(f"    - {category}" for category in CATEGORIES)
        self.files["program.yaml"] = "\n".join(lines) + "\n"

    def business_requirements(self) -> None:
        lines = ["business_requirements:"]
        for index, ident in enumerate(self.business):
            role = ROLES[index % len(ROLES)]
            lines += [
                f"  - id: {ident}",
                f"    title: Pay every {role} accurately and on time (area {index + 1})",
                f"    why: Spreadsheet errors cause {role} disputes every month.",
                "    outcome:",
                f"      measure: Disputes per month from {role}s",
                f'      baseline: "{self.rng.randint(8, 30)}"',
                f'      target: "under {self.rng.randint(1, 4)}"',
                "      by: 2027-09-30",
                f"    sponsor: {self.rng.choice(['bo', 'cruz', 'dee'])}",
                f"    priority: {self.rng.choice(['must', 'must', 'should'])}",
            ]
        self.files["business-requirements.yaml"] = "\n".join(lines) + "\n"

    # -- functional requirements -------------------------------------------------------

    def functional_requirements(self) -> None:
        names = list(CATEGORIES)
        by_category: dict[str, list[str]] = {c: [] for c in names}
        counters = dict.fromkeys(names, 0)
        rng = self.rng
        for index in range(self.n):
            category = names[index % len(names)]
            prefix, templates = CATEGORIES[category]
            counters[category] += 1
            ident = f"FR-{prefix}-{counters[category]:05d}"
            roll = rng.random()
            kind = "standard" if roll < 0.5 else "unique" if roll < 0.85 else "assisted"
            self.requirements.append((ident, category, kind))
            template = templates[index // len(names) % len(templates)]
            title = template.format(
                role=rng.choice(ROLES), obj=rng.choice(OBJECTS), system=rng.choice(SYSTEMS)
            )
            phase = 1 + index % 3
            block = [
                f"  - id: {ident}",
                f"    title: {title}",
                f"    category: {category}",
                f"    kind: {kind}",
                f"    priority: {rng.choice(['must', 'must', 'should', 'could'])}",
                f"    phase: {phase}",
                f"    status: {rng.choice(['proposed', 'agreed', 'agreed', 'configured'])}",
                f"    owner: {rng.choice(OWNERS)}",
            ]
            links: list[str] = [f"business: [{self.business[index % len(self.business)]}]"]
            if kind == "unique":
                block += [
                    "    spec: >-",
                    f"      {title}. The rule follows the customer's policy document, section",
                    f"      {rng.randint(1, 12)}.{rng.randint(1, 9)}; amounts are in USD and "
                    "rounded to cents.",
                    "    user_stories:",
                    f"      - as: {rng.choice(ROLES)}",
                    f"        i_want: {title[0].lower() + title[1:]}",
                    "        so_that: I can trust my payout",
                    "    acceptance_criteria:",
                    f"      - The result matches the worked example for {ident}.",
                    "      - An administrator can see why each amount was paid.",
                ]
                if category == "plan_design_calculation":
                    plan = self.plans[index % len(self.plans)]
                    self.plan_requirements[plan].append(ident)
                    links.append(f"plans: [{plan}]")
                if category in ("statements", "reporting_analytics"):
                    links.append(f"reports: [{self.reports[index % len(self.reports)]}]")
                if category == "data_integration":
                    links.append(f"data_sources: [{self.sources[index % len(self.sources)]}]")
            elif kind == "assisted":
                hours = rng.choice([2, 4, 4, 8, 16])
                self.assisted_hours += hours
                block.append(f"    hours: {hours}")
            if rng.random() < 0.1:
                block.append(f"    notes: Raised in workshop {rng.randint(1, 20)}.")
            block.append("    links: {" + ", ".join(links) + "}")
            by_category[category].extend(block)
        for category, block in by_category.items():
            text = "requirements:\n" + "\n".join(block) + "\n"
            self.files[f"requirements/{category.replace('_', '-')}.yaml"] = text

    # -- plans ----------------------------------------------------------------------------

    def plan(self, index: int, ident: str) -> None:
        rng = self.rng
        role = ROLES[index % len(ROLES)]
        target = rng.choice([40000, 50000, 60000, 80000])
        quota = target * 10
        low = rng.choice([25000, 50000, 75000])
        rate1 = rng.choice(["6%", "8%", "10%"])
        rate2 = rng.choice(["12%", "14%"])
        source = self.sources[index % len(self.sources)]
        renewal_source = self.sources[(index + 1) % len(self.sources)]
        reqs = self.plan_requirements[ident]
        lines = [
            "plan:",
            f"  id: {ident}",
            f"  name: {role.capitalize()} plan {index + 1}",
            f"  description: Commission, accelerators and a quota bonus for the {role}.",
            "  effective: {from: 2027-01-01, to: 2028-01-01}",
            f"  eligibility: {{roles: [R{index + 1:03d}], description: Every {role}}}",
            "  currency: USD",
            f"  target_incentive: {{amount: {target}, period: annual}}",
            "  measures:",
            f"    - {{id: arr, name: New ARR, source: {source}}}",
            f"    - {{id: renewals, name: Renewal bookings, source: {renewal_source}}}",
            "  quotas:",
            f"    - {{id: q-arr, measure: arr, period: annual, amount: {quota}}}",
            f"    - {{id: q-ren, measure: renewals, period: quarterly, amount: {quota // 8},"
            " seasonality: [0.2, 0.2, 0.3, 0.3]}",
            "  components:",
            "    - id: commission",
            "      name: Commission on new ARR",
            "      kind: tiered",
            "      measure: arr",
            "      method: marginal",
            "      scope: period",
            "      tiers:",
            f'        - {{from: 0, to: {low}, rate: "{rate1}"}}',
            f'        - {{from: {low}, rate: "{rate2}"}}',
            f"      cap: {{amount: {target * 2}, level: year}}",
            "    - id: renewal-accelerator",
            "      name: Accelerated renewal commission",
            "      kind: accelerated",
            "      measure: renewals",
            "      quota: q-ren",
            "      base_rate: 0.03",
            "      bands:",
            "        - {from: 0, to: 0.5, multiplier: 0.5}",
            "        - {from: 0.5, to: 1.0, multiplier: 1}",
            "        - {from: 1.0, multiplier: 1.5}",
            "    - id: attainment-bonus",
            "      name: Annual attainment bonus",
            "      kind: quota_bonus",
            "      measure: arr",
            "      quota: q-arr",
            f"      target: {target // 4}",
            "      scope: to_date",
            "      curve:",
            "        - {attainment: 0.5, payout: 0}",
            "        - {attainment: 1.0, payout: 1.0}",
            "        - {attainment: 1.5, payout: 2.0}",
            "      threshold: {attainment: 0.5}",
            "      gates:",
            "        - {quota: q-ren, min_attainment: 0.8}",
            "  crediting:",
            "    splits: {kind: revenue, default_shares: [0.7, 0.3]}",
            "    rollup: {levels: 2, exclude_roles: [SE]}",
            "  clawback: {window_days: 90, method: pro_rata}",
            "  proration: {unit: days}",
            "  payment: {frequency: monthly, hold_days: 15, true_up: true}",
            "  rounding: {places: 2, mode: half_up, at: component}",
        ]
        if reqs:
            lines.append("  requirements:")
            lines.extend(f"    - {r}" for r in reqs)
        lines.append(f"  owner: {OWNERS[index % len(OWNERS)]}")
        self.files[f"plans/{ident.lower()}.yaml"] = "\n".join(lines) + "\n"
        self.plan_shapes[ident] = (low, Decimal(rate1[:-1]) / 100, Decimal(rate2[:-1]) / 100)

    def all_plans(self) -> None:
        self.plan_shapes: dict[str, tuple[int, Decimal, Decimal]] = {}
        for index, ident in enumerate(self.plans):
            self.plan(index, ident)

    # -- tests ------------------------------------------------------------------------------

    def tests(self) -> None:
        """About N/2 test cases: every unique requirement verified, some others too."""
        rng = self.rng
        unique = [r for r in self.requirements if r[2] == "unique"]
        covered = {r[1] for r in unique}
        first_of_category = [r for r in self.requirements[: len(CATEGORIES)] if r[1] not in covered]
        others = [r for r in self.requirements if r[2] != "unique" and r not in first_of_category]
        wanted = max(len(unique) + len(first_of_category), self.n // 2)
        extra = wanted - len(unique) - len(first_of_category)
        order = {r[0]: i for i, r in enumerate(self.requirements)}
        chosen = sorted(unique + first_of_category + others[:extra], key=lambda r: order[r[0]])
        by_file: dict[str, list[str]] = {}
        counters: dict[str, int] = {}
        stages = ["unit", "system", "uat", "parallel"]
        for number, (req, category, kind) in enumerate(chosen):
            prefix = CATEGORIES[category][0]
            counters[prefix] = counters.get(prefix, 0) + 1
            ident = f"TC-{prefix}-{counters[prefix]:05d}"
            block = [
                f"  - id: {ident}",
                f"    title: Check {req} ({kind})",
                f"    stage: {stages[number % len(stages)]}",
                f"    verifies: [{req}]",
                f"    categories: [{category}]",
            ]
            if category == "plan_design_calculation" and kind == "unique":
                block += self._structured(number, ident)
            else:
                block += [
                    "    steps:",
                    f"      - Load the sample data for {req}",
                    "      - Run the calculation for March",
                    "    expected_result: The result matches the worked example.",
                ]
            status = rng.choice(["not_run", "not_run", "passed", "failed"])
            block.append(f"    status: {status}")
            if status != "not_run":
                day = rng.randint(10, 28)
                block.append(f"    run: {{by: {rng.choice(OWNERS)}, on: 2027-03-{day}}}")
            by_file.setdefault(category, []).extend(block)
        by_file.setdefault("plan_design_calculation", []).extend(self._component_tests())
        for category, block in by_file.items():
            name = category.replace("_", "-")
            text = f"description: Test cases for {name}\ntest_cases:\n" + "\n".join(block) + "\n"
            self.files[f"tests/{name}.yaml"] = text

    def _component_tests(self) -> list[str]:
        """One system test per plan component, so every component is named by a test."""
        fallback = next(r[0] for r in self.requirements if r[1] == "plan_design_calculation")
        lines: list[str] = []
        for index, plan in enumerate(self.plans, start=1):
            verifies = (self.plan_requirements[plan] or [fallback])[0]
            for component in ("commission", "renewal-accelerator", "attainment-bonus"):
                lines += [
                    f"  - id: TC-PLAN-{index:03d}-{component.split('-')[0].upper()}",
                    f"    title: End-to-end {component} of {plan} for a full quarter",
                    "    stage: system",
                    f"    verifies: [{verifies}]",
                    f"    plan: {plan}",
                    f"    components: [{component}]",
                    "    steps:",
                    "      - Load a quarter of sample transactions and quotas",
                    f"      - Calculate {component} and compare with the worked example",
                    "    expected_result: Every participant's earnings match the worked example.",
                ]
        return lines

    def _structured(self, number: int, ident: str) -> list[str]:
        plan_index = number % len(self.plans)
        plan = self.plans[plan_index]
        low, rate1, rate2 = self.plan_shapes[plan]
        amounts = [self.rng.randint(5, 60) * 1000 for _ in range(self.rng.randint(1, 3))]
        total = Decimal(sum(amounts))
        earned = min(total, Decimal(low)) * rate1 + max(Decimal(0), total - low) * rate2
        earned = earned.quantize(CENT, rounding=ROUND_HALF_UP)
        lines = [
            f"    plan: {plan}",
            "    components: [commission]",
            "    given:",
            "      period: 2027-03",
            f"      participant: {{id: P1, role: R{plan_index + 1:03d},"
            " quotas: {q-arr: 600000}}",
            "      transactions:",
        ]
        for t, amount in enumerate(amounts, start=1):
            lines.append(
                f"        - {{id: T{t}, date: 2027-03-{t * 7:02d}, amount: {amount}, measure: arr}}"
            )
        lines += [
            "    expect:",
            f"      components: {{commission: {earned}}}",
            f"      notes: Marginal tiers on {total} of new ARR in {ident}.",
        ]
        return lines

    # -- data, reports, design, timeline --------------------------------------------------

    def data(self) -> None:
        lines = ["data_sources:"]
        for index, ident in enumerate(self.sources):
            system = SYSTEMS[index % len(SYSTEMS)]
            obj = OBJECTS[index % len(OBJECTS)].capitalize()
            lines += [
                f"  - id: {ident}",
                f"    name: {system} {obj.lower()}s",
                f"    system: {system}",
                "    objects:",
                f"      - {{name: {obj}, fields: [Id, Amount, CloseDate, OwnerId], key: [Id]}}",
                "      - {name: User, fields: [Id, Email, Title], key: [Id]}",
                f"    method: {['api', 'connector', 'sftp', 'file'][index % 4]}",
                f"    frequency: {['daily', 'hourly', 'weekly', 'monthly'][index % 4]}",
                f"    owner: {OWNERS[index % len(OWNERS)]}",
            ]
        self.files["data/sources.yaml"] = "\n".join(lines) + "\n"
        conv = [
            "conversion:",
            "  owner: mei",
            "  history: {from: 2026-01-01, to: 2026-12-31, description: Last plan year}",
            "  mappings:",
        ]
        for index, source in enumerate(self.sources, start=1):
            conv += [
                f"    - id: MAP-{index:03d}",
                f"      source: {source}",
                "      object: Opportunity",
                "      target: transactions",
                "      keys: [Id]",
                "      fields:",
                "        - {source: Amount, target: amount}",
                "        - {source: CloseDate, target: booked_on, transform: date only}",
            ]
        conv += [
            "  opening_balances:",
            "    - {id: OB-DRAW, name: Draw balances, as_of: 2026-12-31,"
            f" source: {self.sources[0]}}}",
            "  control_totals:",
            "    - {id: CT-ARR, name: ARR total, mapping: MAP-001, measure: Sum of Amount,"
            " expected: 12500000, tolerance: 0.01}",
            "  cutover:",
            "    date: 2027-05-01",
            "    steps: [Freeze the legacy spreadsheets, Load opening balances]",
            "    go_no_go: [Control totals match]",
            "    rollback: [Pay from the legacy spreadsheets for one more month]",
        ]
        self.files["data/conversion.yaml"] = "\n".join(conv) + "\n"

    def reporting(self) -> None:
        lines = ["reports:"]
        for index, ident in enumerate(self.reports):
            role = ROLES[index % len(ROLES)]
            lines += [
                f"  - id: {ident}",
                f"    name: {role.capitalize()} earnings report {index + 1}",
                f"    purpose: Show each {role}'s earnings by plan and period",
                "    audience: [finance, sales leadership]",
                f"    frequency: {['monthly', 'quarterly'][index % 2]}",
                f"    sources: [{self.sources[index % len(self.sources)]}]",
                "    layout:",
                "      columns: [Participant, Period, Earnings]",
                "      example:",
                "        - [Ana Lee, 2027-03, 5200.00]",
                "        - [Bo Park, 2027-03, 4100.50]",
                f"    owner: {OWNERS[index % len(OWNERS)]}",
            ]
        self.files["reports.yaml"] = "\n".join(lines) + "\n"

    def design(self) -> None:
        pc = [r[0] for r in self.requirements if r[1] == "plan_design_calculation"][:5]
        di = [r[0] for r in self.requirements if r[1] == "data_integration"][:5]
        lines = [
            "solution_design:",
            "  overview: One Performio site per environment; nightly loads from the CRM.",
            "  environments:",
            "    - {name: sandbox, purpose: Prototype and modelling}",
            "    - {name: production, purpose: Live payouts}",
            "  components:",
            "    - id: SD-PLANS",
            "      name: Plan configuration",
            "      description: Plans, rate tables and quotas",
            f"      requirements: {flow(pc)}",
            "    - id: SD-DATA",
            "      name: Data pipeline",
            "      description: Imports and transformations",
            f"      requirements: {flow(di)}",
            "  integrations:",
        ]
        for index, source in enumerate(self.sources, start=1):
            lines.append(
                f"    - {{id: INT-{index:03d}, name: Feed {index}, source: {source},"
                " target: Performio, method: API, frequency: daily}"
            )
        lines += [
            "  decisions:",
            "    - id: DEC-001",
            "      title: Credit on booking date",
            "      decision: Transactions are credited on the booking date.",
            "      rationale: It matches how sales leadership reads attainment.",
            "      status: agreed",
            "      date: 2027-01-20",
            f"      requirements: {flow(pc[:2])}",
        ]
        self.files["design.yaml"] = "\n".join(lines) + "\n"

    def timeline(self) -> None:
        lines = ["timeline:", "  phases:"]
        for number, name, start, end in PHASES:
            lines += [
                f"    - number: {number}",
                f"      name: {name}",
                f"      start: {start}",
                f"      end: {end}",
                "      goals: [Agree the requirements of this phase]",
                "      exit_criteria:",
                f"        - {{text: Phase {number} requirements delivered,"
                f" done: {str(number == 1).lower()}}}",
                "      deliverables: [Program document]",
            ]
        lines += [
            "  milestones:",
            "    - {id: MS-SIGNOFF, name: Requirements signed off, date: 2027-02-12, phase: 1,"
            " done: true}",
            "    - {id: MS-GOLIVE, name: Go live, date: 2027-05-03, phase: 4}",
            "  budgets:",
            f"    - {{id: BUD-ASSIST, name: Assistance, kind: assistance,"
            f" hours: {self.assisted_hours + 100}}}",
            "    - {id: BUD-SUPPORT, name: Go-live support, kind: support, hours: 80, phase: 4}",
        ]
        self.files["timeline.yaml"] = "\n".join(lines) + "\n"

    def build(self) -> dict[str, str]:
        self.program()
        self.business_requirements()
        self.functional_requirements()
        self.all_plans()
        self.tests()
        self.data()
        self.reporting()
        self.design()
        self.timeline()
        return self.files


def write(out: Path, files: dict[str, str]) -> None:
    if out.exists():
        for name in ("requirements", "plans", "tests", "data"):
            shutil.rmtree(out / name, ignore_errors=True)
    for rel, text in sorted(files.items()):
        target = out / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="folder to write the program into")
    parser.add_argument("--requirements", "-n", type=int, default=1000, help="how many")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    args = parser.parse_args(argv)
    files = Generator(args.requirements, args.seed).build()
    write(args.out, files)
    size = sum(len(t.encode()) for t in files.values())
    print(f"wrote {len(files)} files ({size / 1e6:.1f} MB) to {args.out}")


if __name__ == "__main__":
    main()
