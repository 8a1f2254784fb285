"""Casework: caseworkers and who is responsible, registrations, assistance and rights cases, tasks and their
escalation, and alerts. The functions take an AsyncSession and never commit (the caller's unit of work does),
so effects and scheduled sweeps use them alike.

    responsible_caseworker(session, person_id) -> int            never None (bot/casework/responsibility.py)
    open_visit_task(session, cipher, *, person_id, reason, due_at, now, dedup_key) -> int
    escalate_overdue_tasks(session, cipher, *, now) -> int          idempotent (bot/casework/tasks.py)
    cancel_unanswered_visits(session, cipher, *, person_id, now) -> list[int]   the check-in answered late
    has_open_case(session, person_id) -> bool                     (bot/casework/cases.py)
"""

from bot.casework.alerts import alert_about, queue_alert
from bot.casework.cases import (
    has_open_case,
    open_assistance_case,
    open_rights_case,
    open_rights_cases,
)
from bot.casework.responsibility import responsible_caseworker
from bot.casework.tasks import cancel_unanswered_visits, escalate_overdue_tasks, open_visit_task

__all__ = [
    "alert_about",
    "cancel_unanswered_visits",
    "escalate_overdue_tasks",
    "has_open_case",
    "open_assistance_case",
    "open_rights_case",
    "open_rights_cases",
    "open_visit_task",
    "queue_alert",
    "responsible_caseworker",
]
