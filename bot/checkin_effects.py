"""What check-ins and status changes do inside the unit of work: plan and finish due work, update the form.

Registered on import (bot/unit_of_work.py imports this module). Dates come from the deployment's planner
(scheduler/planning.py); fire-table writes are collected and flushed once per unit of work.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from bot import casework
from bot.effects import EffectContext, handles
from dialogs.types import DialogEvent
from scheduler.fires import fire_row
from scheduler.schedules import CHECKIN, SURVEY_REMINDER
from storage.crypto import FieldCipher
from storage.info_forms import COLUMN_FIELDS
from storage.models import AssistanceCase, InfoForm, WeChatSubscription


def _day(value: Any) -> date | None:
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        return None


@handles("checkin_sent")
async def _checkin_sent(ctx: EffectContext, event: DialogEvent) -> None:
    data = event.data
    merged = bool(data.get("merged"))  # answered by the check-in still open: no question, no ladder of its own
    if isinstance(data.get("fire"), int):
        ctx.fires.finish(data["fire"], "merged" if merged else "sent", ctx.clock)
    planner, due = ctx.planner, _day(data.get("due_date"))
    if planner is None or due is None:
        return
    if not merged:
        for row in planner.ladder(ctx.person_id, due, ctx.now, ctx.now):
            ctx.fires.plan(row)
    anchor = _day(data.get("anchor"))
    if data.get("work") == CHECKIN and anchor is not None:
        # The next one of the series; after downtime, the next one after today (one catch-up, not a burst).
        after = max(due, planner.today(ctx.now))
        following = planner.checkin(ctx.person_id, data.get("status"), anchor, after, ctx.now,
                                    open_case=data.get("status") == "unemployed")
        if following is not None:
            ctx.fires.plan(following)


@handles("checkin_fire_done")
async def _fire_done(ctx: EffectContext, event: DialogEvent) -> None:
    if isinstance(event.data.get("fire"), int):
        ctx.fires.finish(event.data["fire"], str(event.data.get("outcome") or "done"), ctx.clock)


@handles("checkin_reminder_late")
async def _reminder_late(ctx: EffectContext, event: DialogEvent) -> None:
    """A reminder caught up late for a check-in still unanswered: the same reminder a little later (it was
    dropped, and the person got none)."""
    due = _day(event.data.get("checkin"))
    if ctx.planner is None or due is None:
        return
    data = {"sent_at": event.data.get("sent_at")} if event.data.get("sent_at") else {}
    ctx.fires.plan(ctx.planner.late_reminder(ctx.person_id, due, ctx.now, data))


@handles("checkin_postponed")
async def _postponed(ctx: EffectContext, event: DialogEvent) -> None:
    """Busy in another dialog: the same check-in tomorrow (the payload counts how often)."""
    fire, planner = event.data.get("fire"), ctx.planner
    if isinstance(fire, int):
        ctx.fires.finish(fire, "postponed", ctx.clock)
    if planner is None:
        return
    tomorrow = planner.today(ctx.now) + timedelta(days=1)
    keep = {k: ctx.payload[k] for k in ("status", "anchor", "year") if k in ctx.payload}
    data = keep | {"postponed": int(ctx.payload.get("postponed") or 0) + 1}
    ctx.fires.plan(fire_row(ctx.person_id, str(event.data.get("work") or CHECKIN), tomorrow,
                            planner.calendar.day_start(tomorrow, ctx.person_id), ctx.now, data))


@handles("checkin_recheck")
async def _recheck(ctx: EffectContext, event: DialogEvent) -> None:
    """Not back at work yet after the Spring Festival: the same check again in a few days."""
    planner = ctx.planner
    if planner is None:
        return
    day = planner.today(ctx.now) + timedelta(days=int(event.data.get("days") or 7))
    data = {"status": event.data.get("status"), "recheck": int(event.data.get("recheck") or 1)}
    ctx.fires.plan(fire_row(ctx.person_id, str(event.data.get("work") or CHECKIN), day,
                            planner.calendar.day_start(day, ctx.person_id), ctx.now, data))


@handles("checkin_series_put_off")
async def _series_put_off(ctx: EffectContext, event: DialogEvent) -> None:
    """过完年去 at a weekly check-in: the series' next check-in (planned when this one went out) gives way to one on or
    after `until`, so that the plan told is not asked about every week through the holiday."""
    planner, until = ctx.planner, _day(event.data.get("until"))
    if planner is None or until is None:
        return
    status = event.data.get("status")
    anchor = _day(event.data.get("anchor")) or until
    row = planner.checkin(ctx.person_id, status, anchor, until - timedelta(days=1), ctx.now,
                          open_case=status == "unemployed")
    if row is not None:
        ctx.fires.supersede(ctx.person_id, (CHECKIN,), ctx.now)
        ctx.fires.plan(row)


@handles("survey_reminder_planned")
async def _survey_reminder(ctx: EffectContext, event: DialogEvent) -> None:
    if ctx.planner is None:
        return
    try:
        last_at = datetime.fromisoformat(str(event.data.get("last_at")))
    except ValueError:
        return
    row = ctx.planner.survey_reminder(ctx.person_id, last_at, int(event.data.get("n") or 0), ctx.now)
    if row is not None:
        ctx.fires.plan(row)


@handles("consent_given")
async def _consent_given(ctx: EffectContext, event: DialogEvent) -> None:
    """The survey begins: if it is left half-done, reminders follow (each a no-op once it is finished)."""
    if ctx.planner is not None and (row := ctx.planner.survey_reminder(ctx.person_id, ctx.now, 0, ctx.now)):
        ctx.fires.plan(row)


@handles("form_submitted")
async def _form_submitted(ctx: EffectContext, event: DialogEvent) -> None:
    ctx.fires.supersede(ctx.person_id, (CHECKIN, SURVEY_REMINDER), ctx.now)
    if ctx.planner is None:
        return
    answers = event.data.get("answers") or {}
    status = answers.get("employment_status")
    started = answers.get("started")
    row = ctx.planner.first_checkin(ctx.person_id, status, ctx.now, started if isinstance(started, str) else None,
                                    ctx.now)
    if row is not None:
        ctx.fires.plan(row)


@handles("employment_status_changed")
async def _status_changed(ctx: EffectContext, event: DialogEvent) -> None:
    """A new status, a new series (the old one's pending check-in is superseded)."""
    ctx.fires.supersede(ctx.person_id, (CHECKIN,), ctx.now)
    if ctx.planner is not None and (row := ctx.planner.first_checkin(
            ctx.person_id, event.data.get("new"), ctx.now, None, ctx.now)):
        ctx.fires.plan(row)


@handles("form_fields_updated")
async def _form_fields(ctx: EffectContext, event: DialogEvent) -> None:
    """A check-in answer changes the stored record at once (the history is in the field_changed events)."""
    fields = event.data.get("fields") or {}
    form = await ctx.session.scalar(select(InfoForm).where(InfoForm.person_id == ctx.person_id))
    if form is None or not isinstance(fields, dict):
        return
    data = dict(form.data or {})
    for key, value in fields.items():
        if key == "employment_status":
            form.employment_status = value
        elif key not in COLUMN_FIELDS:
            data[key] = value
    form.data = data
    form.updated_at = ctx.now


@handles("visit_task_needed")
async def _visit_task(ctx: EffectContext, event: DialogEvent) -> None:
    """Seven days without an answer: a visit (走访) for the responsible caseworker, due in three days; its alert
    goes out with it, and past due it is escalated to the supervisor (CaseworkSweep.after_sweep)."""
    try:
        due_at = datetime.fromisoformat(str(event.data.get("due_at")))
    except ValueError:
        due_at = ctx.now + timedelta(days=3)
    await casework.open_visit_task(
        ctx.session, ctx.cipher, person_id=ctx.person_id, reason=str(event.data.get("reason") or "checkin_no_answer"),
        due_at=due_at, now=ctx.now, dedup_key=f"visit:{ctx.person_id}:{event.data.get('checkin')}",
    )


@handles("checkin_answered")
async def _checkin_answered(ctx: EffectContext, event: DialogEvent) -> None:
    """An answer, however late: the visit opened for want of one is called off (its caseworker told)."""
    await casework.cancel_unanswered_visits(ctx.session, ctx.cipher, person_id=ctx.person_id, now=ctx.now)


@handles("job_search_started")
async def _case_opened(ctx: EffectContext, event: DialogEvent) -> None:
    """An assistance case opened: weekly check-ins while it is open."""
    ctx.fires.supersede(ctx.person_id, (CHECKIN,), ctx.now)
    if ctx.planner is not None and (row := ctx.planner.first_checkin(
            ctx.person_id, "unemployed", ctx.now, None, ctx.now, open_case=True)):
        ctx.fires.plan(row)


class CaseworkSweep:
    """The sweep's casework hooks (scheduler.sweep.CaseworkHooks): open cases, escalation of tasks past due."""

    def __init__(self, cipher: FieldCipher) -> None:
        self._cipher = cipher

    async def open_cases(self, session: AsyncSession, person_ids: Sequence[int]) -> set[int]:
        if not person_ids:
            return set()
        return set(await session.scalars(
            select(AssistanceCase.person_id).where(AssistanceCase.person_id.in_(list(person_ids)),
                                                  AssistanceCase.kind == "assistance",
                                                  AssistanceCase.status == "open")))

    async def after_sweep(self, session: AsyncSession, now: datetime) -> int:
        return await casework.escalate_overdue_tasks(session, self._cipher, now=now)


@handles("subscriptions_changed")
async def _subscriptions(ctx: EffectContext, event: DialogEvent) -> None:
    rows = [
        {"person_id": ctx.person_id, "template_id": str(template)[:64], "status": status, "updated_at": ctx.now}
        for template, status in (event.data.get("changes") or ())
        if status in ("accept", "reject") and template
    ]
    if not rows:
        return
    insert = pg_insert if ctx.session.bind.dialect.name == "postgresql" else sqlite_insert
    stmt = insert(WeChatSubscription)
    await ctx.session.execute(
        stmt.on_conflict_do_update(
            index_elements=[WeChatSubscription.person_id, WeChatSubscription.template_id],
            set_={"status": stmt.excluded.status, "updated_at": stmt.excluded.updated_at},
        ),
        rows,
    )
