"""How much work falls due on each of the next days (`jiuye scheduler plan --days N`): counts only.

Streams the planned work (never every person at once) and projects each pending status check-in's series
forward, so that a person checked in every 7 days counts on every day they will be asked. Work due during
quiet hours or on a holiday counts on the day it will actually go out; overdue work counts today.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from scheduler.fires import DUE
from scheduler.planning import Planner
from scheduler.schedules import CHECKIN, SPRING_RETURN, spring_slot
from scheduler.sweep import PUSHES
from storage.models import InfoForm, ScheduledFire

CHUNK = 5000


async def forecast(
    sessions: async_sessionmaker[AsyncSession], planner: Planner, now: datetime, days: int
) -> dict[date, Counter[str]]:
    today = planner.today(now)
    last = today + timedelta(days=days - 1)
    horizon = datetime.combine(last + timedelta(days=1), datetime.min.time(), tzinfo=planner.calendar.tz)
    per_day: dict[date, Counter[str]] = {today + timedelta(days=i): Counter() for i in range(days)}

    def count(kind: str, at: datetime, person_id: int) -> None:
        when = planner.calendar.push_time(at, person_id) if kind in PUSHES else at
        day = max(planner.today(when), today)
        if day in per_day:
            per_day[day][kind] += 1

    after = 0
    spring_planned: set[int] = set()
    while True:
        async with sessions() as session:
            rows = list(await session.execute(
                select(ScheduledFire.id, ScheduledFire.person_id, ScheduledFire.kind, ScheduledFire.due_date,
                       ScheduledFire.due_at, ScheduledFire.data)
                .where(ScheduledFire.id > after, ScheduledFire.status == DUE, ScheduledFire.due_at < horizon)
                .order_by(ScheduledFire.id).limit(CHUNK)
            ))
        if not rows:
            break
        after = rows[-1][0]
        for _id, pid, kind, due_date, due_at, data in rows:
            count(kind, max(due_at, now), pid)
            if kind == SPRING_RETURN:
                spring_planned.add(pid)
            if kind == CHECKIN and data.get("anchor"):
                # The rest of the series within the horizon.
                anchor, status = date.fromisoformat(data["anchor"]), data.get("status")
                nxt = planner.policy.next_checkin(status, anchor, due_date, open_case=status == "unemployed")
                while nxt is not None and nxt <= last:
                    count(CHECKIN, planner.calendar.day_start(nxt, pid), pid)
                    nxt = planner.policy.next_checkin(status, anchor, nxt, open_case=status == "unemployed")
    await _spring(sessions, planner, per_day, spring_planned, today, last, count)
    return per_day


async def _spring(sessions: async_sessionmaker[AsyncSession], planner: Planner, per_day: dict[date, Counter[str]],
                  planned: set[int], today: date, last: date, count: object) -> None:
    """Return-to-work checks not planned yet whose window overlaps the horizon: the employed, by their slot."""
    for year in sorted({today.year, last.year}):
        first, end = planner.spring_window(year)
        if end < today or first > last:
            continue
        before = datetime.combine(first, datetime.min.time(), tzinfo=planner.calendar.tz)
        after = 0
        while True:
            async with sessions() as session:
                rows = list(await session.execute(
                    select(InfoForm.id, InfoForm.person_id)
                    .where(InfoForm.id > after, InfoForm.employment_status == "employed", InfoForm.updated_at < before)
                    .order_by(InfoForm.id).limit(CHUNK)
                ))
            if not rows:
                break
            after = rows[-1][0]
            for _id, pid in rows:
                if pid not in planned:
                    day = spring_slot(pid, first, planner.policy.spring_return_days)
                    count(SPRING_RETURN, planner.calendar.day_start(day, pid), pid)  # type: ignore[operator]
