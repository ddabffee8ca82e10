"""The essential requirement categories of an ICM implementation (the default set of 17)."""

from __future__ import annotations

from typing import Final

CATEGORIES: Final[dict[str, str]] = {
    "data_integration": "Data integration, import and transformation",
    "participants_hierarchy": "Participants, positions and hierarchy",
    "crediting_rollups": "Crediting, splits and rollups",
    "quota_management": "Quota and target management",
    "plan_design_calculation": "Plan design and calculation",
    "adjustments_retro": "Adjustments, true-ups and clawbacks",
    "draws_payment_rules": "Draws, guarantees, holds and payment rules",
    "payments_payroll": "Payments, payroll and GL export",
    "statements": "Participant statements and portal",
    "reporting_analytics": "Reporting and analytics",
    "disputes_inquiries": "Disputes and inquiries",
    "approvals_workflow": "Approvals and workflow",
    "plan_documents": "Plan documents and acknowledgement",
    "security_roles": "Security and roles",
    "audit_compliance": "Audit and compliance",
    "task_manager_close": "Task manager and period-end close",
    "environments_modeling": "Environments, change control and modelling",
}
"""Category id -> display name, in the order documents list them."""

DEFAULT_CATEGORIES: Final[tuple[str, ...]] = tuple(CATEGORIES)
