"""Casework tasks: visits (走访) and first contacts, owned by the responsible caseworker; a task past its due
time becomes `overdue` and is escalated to the owner's supervisor. Idempotent: a task is keyed by the caller's
`dedup_key`, and an alert by the task and what happened to it, so a second run adds nothing.

Functions take a session and never commit: the caller's unit of work (an effect or a scheduled sweep) does.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Table, bindparam, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.casework.alerts import alert_about, local_time
from bot.casework.responsibility import facts_so_far, person_facts, responsible_for, supervisor_of
from dialogs.i18n import catalog
from storage import hot_path
from storage.crypto import FieldCipher
from storage.models import Caseworker, CaseworkTask

log = logging.getLogger(__name__)

TASK = cast(Table, CaseworkTask.__table__)
_TASK_BY_KEY = select(CaseworkTask.id).where(CaseworkTask.dedup_key == bindparam("key"))
KINDS = ("visit", "first_contact")
# Tasks escalated per statement; a sweep goes on until none is left.
ESCALATION_CHUNK = 500


def reason_text(reason: str) -> str:
    """The reason as the alert says it (known reasons have words in the catalog; others are shown as given)."""
    cat = catalog("zh_CN")
    key = f"alert.reason.{reason}"
    return cat.get(key) if key in cat else reason


async def open_task(
    session: AsyncSession,
    cipher: FieldCipher,
    *,
    kind: str,
    person_id: int,
    reason: str,
    due_at: datetime,
    now: datetime,
    dedup_key: str,
    case_id: int | None = None,
    caseworker_id: int | None = None,
    alert: bool = True,
) -> int:
    """Create the task (for the responsible caseworker unless one is given) and queue its alert; the existing
    task's id when one with this `dedup_key` exists."""
    if kind not in KINDS:
        raise ValueError(f"unknown task kind {kind!r}")
    existing = await hot_path.fetch(session, _TASK_BY_KEY, key=dedup_key)
    if existing:
        return int(existing[0][0])
    facts = await person_facts(session, person_id)
    owner = caseworker_id if caseworker_id is not None else await responsible_for(session, facts)
    values = {
        "kind": kind, "person_id": person_id, "case_id": case_id, "caseworker_id": owner,
        "home_division": facts.division, "reason": reason[:64], "due_at": due_at,
        "status": "open", "created_at": now, "dedup_key": dedup_key,
        "done_at": None, "escalated_to": None, "escalated_at": None,
    }
    # Two sweeps may race on PostgreSQL: the second insert does nothing and reads the first one's row. On SQLite's
    # connection directly, as the look-up (storage/hot_path.py).
    task_id = await hot_path.insert_returning_id(session, TASK, values, unless="dedup_key")
    if task_id is None:
        found = await hot_path.fetch(session, _TASK_BY_KEY, key=dedup_key)
        assert found
        return int(found[0][0])
    if alert and kind == "visit":
        await alert_about(
            session, cipher, caseworker_id=owner, kind="visit_task", person_id=person_id, now=now,
            dedup_key=f"task:{task_id}:new", task_id=task_id, case_id=case_id, task=task_id,
            due=local_time(due_at), reason=reason_text(reason), facts=facts,
        )
    return task_id


async def open_visit_task(
    session: AsyncSession,
    cipher: FieldCipher,
    *,
    person_id: int,
    reason: str,
    due_at: datetime,
    now: datetime,
    dedup_key: str,
) -> int:
    """A visit (走访) for the responsible caseworker, due at `due_at`, with its alert; idempotent on
    `dedup_key` (e.g. visit:{person}:{check-in due date})."""
    return await open_task(
        session, cipher, kind="visit", person_id=person_id, reason=reason, due_at=due_at, now=now,
        dedup_key=dedup_key,
    )


async def escalate_overdue_tasks(session: AsyncSession, cipher: FieldCipher, *, now: datetime) -> int:
    """Open tasks past their due time become `overdue`, escalated to the owner's supervisor; the owner and the
    supervisor are alerted. Returns how many tasks were escalated (0 on a second run at the same `now`)."""
    done = 0
    postgres = session.bind.dialect.name == "postgresql"
    while True:
        query = (
            select(CaseworkTask)
            .where(CaseworkTask.status == "open", CaseworkTask.due_at < now)
            .order_by(CaseworkTask.id)
            .limit(ESCALATION_CHUNK)
        )
        if postgres:
            # Two schedulers at once: each takes the tasks the other has not locked.
            query = query.with_for_update(skip_locked=True)
        tasks = list(await session.scalars(query))
        if not tasks:
            return done
        for task in tasks:
            await _escalate(session, cipher, task, now)
        await session.flush()
        done += len(tasks)


async def _escalate(session: AsyncSession, cipher: FieldCipher, task: CaseworkTask, now: datetime) -> None:
    supervisor = await supervisor_of(session, task.caseworker_id)
    task.status = "overdue"
    task.escalated_to = supervisor
    task.escalated_at = now
    kind_label = catalog("zh_CN").get(f"alert.task_kind.{task.kind}")
    params: dict[str, Any] = {"task": task.id, "task_kind": kind_label, "due": local_time(task.due_at)}
    # How to act on it from the chat: a case's first contact by its case (联系 C12; the escalation said T7 and no
    # case number, no command), anything else by the task (走访 T5).
    of_case = "_case" if task.case_id is not None and task.kind == "first_contact" else ""
    if of_case:
        params["case"] = task.case_id
    # Named and placed as the chat's list names them (what an unfinished survey has heard): the alerts said
    # "(未登记姓名) … 地址不详" of someone the list placed.
    params["facts"] = await facts_so_far(session, cipher, task.person_id)
    # The owner is told it went up to their supervisor; one with nobody above (a county's top supervisor) only that
    # it is overdue ("已报上级" would be untrue).
    await alert_about(
        session, cipher, caseworker_id=task.caseworker_id, kind="task_overdue", person_id=task.person_id,
        now=now, dedup_key=f"task:{task.id}:overdue", task_id=task.id, case_id=task.case_id,
        template=("task_overdue" if supervisor is not None else "task_overdue_top") + of_case, **params,
    )
    if supervisor is None:
        log.warning("task %d is overdue and its owner has nobody above them", task.id)
        return
    owner = await session.scalar(select(Caseworker.name).where(Caseworker.id == task.caseworker_id))
    await alert_about(
        session, cipher, caseworker_id=supervisor, kind="escalation", person_id=task.person_id, now=now,
        dedup_key=f"task:{task.id}:escalated", task_id=task.id, case_id=task.case_id, owner=owner or "-",
        template="escalation" + of_case, **params,
    )


async def cancel_unanswered_visits(session: AsyncSession, cipher: FieldCipher, *, person_id: int,
                                   now: datetime) -> list[int]:
    """The person answered their check-in after all: a visit opened because they did not is no longer needed.
    It is done without going, and its owner (and the supervisor it was escalated to) are told, so that nobody
    sets out for a visit that has lost its reason. Returns the tasks closed."""
    tasks = list(await session.scalars(select(CaseworkTask).where(
        CaseworkTask.person_id == person_id, CaseworkTask.kind == "visit",
        CaseworkTask.reason == "checkin_no_answer", CaseworkTask.status.in_(("open", "overdue")))))
    for task in tasks:
        await complete_task(session, task, now)
        for recipient, key in ((task.caseworker_id, "answered"), (task.escalated_to, "answered:escalated")):
            if recipient is not None:
                await alert_about(
                    session, cipher, caseworker_id=recipient, kind="visit_answered", person_id=person_id,
                    now=now, dedup_key=f"task:{task.id}:{key}", task_id=task.id, case_id=task.case_id,
                    task=task.id,
                )
    return [task.id for task in tasks]


async def complete_task(session: AsyncSession, task: CaseworkTask, now: datetime) -> None:
    """Done (a visit made, a first contact recorded); an overdue task can still be done."""
    task.status = "done"
    task.done_at = now
