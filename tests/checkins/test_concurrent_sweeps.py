"""Two schedulers at once, each with its own engine and dispatcher (two service processes, or run-due beside
serve): on PostgreSQL they share the due work (FOR UPDATE SKIP LOCKED) and nothing is sent twice."""

from __future__ import annotations

import asyncio
from collections import Counter
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select

from bot import keys
from storage.models import InboundMessage, OutboxMessage, ScheduledFire
from tests.checkins.helpers import add_people
from tests.conftest import PG_URL

SH = ZoneInfo("Asia/Shanghai")
RECORDED = datetime(2026, 3, 1, 10, 0, tzinfo=SH)


async def test_two_schedulers_share_the_work_and_send_each_checkin_once(make_client: Any, settings: Any) -> None:
    first = (await make_client(settings)).server.app
    second = (await make_client(settings)).server.app
    people = await add_people(first, 600, recorded_at=RECORDED)
    now = RECORDED + timedelta(days=14, hours=1)
    for app in (first, second):
        app[keys.DUE_WORK].batch = 50  # many small claims, so that the two interleave
    one, two = await asyncio.gather(first[keys.DUE_WORK].run_due(now), second[keys.DUE_WORK].run_due(now))
    assert one.counts["checkin submitted"] + two.counts["checkin submitted"] == len(people)
    if PG_URL:
        # Both took a share (SKIP LOCKED); SQLite has one writer, so there one may take all.
        assert one.counts["checkin submitted"] > 0 and two.counts["checkin submitted"] > 0
    async with first[keys.SESSIONS]() as session:
        pushed = Counter(await session.scalars(
            select(OutboxMessage.person_id).where(OutboxMessage.solicited.is_(False))))
        keys_ = Counter(await session.scalars(select(InboundMessage.dedup_key)))
        outcomes = Counter(await session.scalars(
            select(ScheduledFire.outcome).where(ScheduledFire.kind == "checkin", ScheduledFire.status == "done")))
    assert sorted(pushed) == people and set(pushed.values()) == {1}
    assert set(keys_.values()) == {1}
    assert outcomes == {"sent": len(people)}
