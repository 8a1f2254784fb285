"""Six simulated months for 1,000 people: every check-in, reminder and visit task exactly once, with a sweep
that runs twice at the same time every day and ten days of downtime in the middle (caught up, not skipped).
Nine in ten answer each check-in the same day; the tenth stays silent and climbs the ladder."""

from __future__ import annotations

import asyncio
import uuid
from collections import Counter
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import func, select

from bot import keys
from dialogs.types import Inbound
from scheduler.schedules import CHECKIN, REMINDER, VISIT
from storage.models import InboundMessage, OutboxMessage, ScheduledFire
from tests.checkins.helpers import add_people

SH = ZoneInfo("Asia/Shanghai")
PEOPLE = 1000
START = datetime(2026, 4, 1, 10, 0, tzinfo=SH)  # after the Spring Festival: the regular series only
DAYS = 183
DOWN = range(70, 80)  # the service is down for these days


async def test_six_months_for_a_thousand_people_every_checkin_exactly_once(app: Any) -> None:
    await app[keys.ALERTS].stop()  # the caseworkers' alerts are queued, not delivered: not what is tested here
    # Recorded over the first 30 days, a block each day.
    address: dict[int, str] = {}
    for day in range(30):
        ids = await add_people(app, PEOPLE // 30 + (1 if day < PEOPLE % 30 else 0),
                               recorded_at=START + timedelta(days=day), prefix=f"d{day}-")
        address |= {pid: f"d{day}-{pid}" for pid in ids}
    due = app[keys.DUE_WORK]
    answered: set[int] = set()  # check-in fires answered
    for day in range(DAYS):
        if day in DOWN:
            continue
        now = START + timedelta(days=day, minutes=30)
        # Two sweeps at once (two processes, or run-due beside serve) must not double anything.
        await asyncio.gather(due.run_due(now), due.run_due(now))
        async with app[keys.SESSIONS]() as session:
            asked = [(fire, pid) for fire, pid in await session.execute(
                select(ScheduledFire.id, ScheduledFire.person_id).where(
                    ScheduledFire.kind == CHECKIN, ScheduledFire.outcome == "sent")) if fire not in answered]
        replies = [
            app[keys.DISPATCHER].submit(Inbound(
                channel="wechat", address=address[pid], kind="text", dedup_key=uuid.uuid4().hex,
                received_at=now + timedelta(hours=2), text="还在干", transport="wechat",
                at=now + timedelta(hours=2)))
            for _fire, pid in asked if pid % 10
        ]
        await asyncio.gather(*replies)
        answered |= {fire for fire, _pid in asked}

    async with app[keys.SESSIONS]() as session:
        done = list(await session.execute(
            select(ScheduledFire.id, ScheduledFire.person_id, ScheduledFire.kind, ScheduledFire.due_date,
                   ScheduledFire.outcome).where(ScheduledFire.status == "done")))
        pending = Counter(await session.scalars(select(ScheduledFire.kind).where(ScheduledFire.status != "done")))
        inbound = Counter(await session.scalars(select(InboundMessage.dedup_key)))
        pushed = Counter(await session.scalars(
            select(InboundMessage.dedup_key).join(OutboxMessage, OutboxMessage.inbound_id == InboundMessage.id)
            .where(OutboxMessage.solicited.is_(False))))
        outbox = int(await session.scalar(
            select(func.count()).select_from(OutboxMessage).where(OutboxMessage.solicited.is_(False))) or 0)

    # The series: every person asked at 14 and 30 days, then every 30 days, through to the end of the run.
    checkins = [f for f in done if f[2] == CHECKIN and f[4] == "sent"]
    per_person = Counter(f[1] for f in checkins)
    assert len(per_person) == PEOPLE
    assert set(per_person.values()) <= {6, 7}  # 14, 30, 60, 90, 120, 150 (and 180 for the earliest)
    assert len({(f[1], f[3]) for f in checkins}) == len(checkins)  # never two for one person and day
    # Nothing asked during the downtime; what fell due then was caught up on the first day back.
    down_days = {(START + timedelta(days=d)).date() for d in DOWN}
    back = (START + timedelta(days=DOWN.stop)).date()
    caught_up = [f for f in checkins if f[3] in down_days]
    assert caught_up  # some were due while down ...
    # ... and each fire went out once: one inbound per fire, one push per fire that said something.
    assert all(n == 1 for n in inbound.values())
    assert all(n == 1 for n in pushed.values())
    sent = [f for f in done if f[4] == "sent"]
    assert outbox == len(sent) == sum(pushed.values())
    assert {f"fire:{f[0]}" for f in sent} == set(pushed)
    # The silent tenth: every check-in whose ladder had time to run got its reminder and then its visit task;
    # those who answered got neither.
    assert answered
    last = (START + timedelta(days=DAYS - 1)).date()
    finished_ladders = {(f[1], f[3]) for f in checkins if f[3] <= last - timedelta(days=8)}
    reminded = {(f[1], f[3]) for f in done if f[2] == REMINDER and f[4] == "sent"}
    visited = {(f[1], f[3]) for f in done if f[2] == VISIT and f[4] == "task_opened"}
    silent = {key for key in finished_ladders if key[0] % 10 == 0}
    assert silent and silent == reminded & finished_ladders and silent == visited & finished_ladders
    assert pending[CHECKIN] == PEOPLE  # the next one of each series is planned
    assert back > max(down_days) and date(2026, 6, 10) in down_days
