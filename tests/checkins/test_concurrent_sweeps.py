"""Two schedulers at once, each with its own engine and dispatcher (two service processes, or run-due beside
serve): nothing is sent twice; on PostgreSQL a claim under way is skipped (FOR UPDATE SKIP LOCKED), not
waited for."""

from __future__ import annotations

import asyncio
from collections import Counter
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import func, select

from bot import keys
from scheduler import fires as fire_repo
from scheduler.sweep import SweepReport
from storage.models import InboundMessage, OutboxMessage, PreparedCheckin, ScheduledFire
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
    # How they split the work depends on who runs when; that it adds up to each check-in once does not.
    assert one.counts["checkin submitted"] + two.counts["checkin submitted"] == len(people)
    async with first[keys.SESSIONS]() as session:
        pushed = Counter(await session.scalars(
            select(OutboxMessage.person_id).where(OutboxMessage.solicited.is_(False))))
        keys_ = Counter(await session.scalars(select(InboundMessage.dedup_key)))
        outcomes = Counter(await session.scalars(
            select(ScheduledFire.outcome).where(ScheduledFire.kind == "checkin", ScheduledFire.status == "done")))
    assert sorted(pushed) == people and set(pushed.values()) == {1}
    assert set(keys_.values()) == {1}
    assert outcomes == {"sent": len(people)}


async def test_a_claim_under_way_is_skipped_not_waited_for(app: Any) -> None:
    """PostgreSQL: while one sweep's claim transaction is still open, another takes other rows at once (SKIP
    LOCKED). SQLite has one writer: the other claim comes after, and also takes only what is left."""
    await add_people(app, 20, recorded_at=RECORDED)
    now = RECORDED + timedelta(days=14, hours=1)
    await app[keys.DUE_WORK].plan(now, SweepReport())
    sessions = app[keys.SESSIONS]
    until = now + timedelta(minutes=10)
    async with sessions() as first, first.begin():
        mine = await fire_repo.claim_due(first, now, 10, until)
        if PG_URL:
            async with sessions() as second, second.begin():
                theirs = await asyncio.wait_for(fire_repo.claim_due(second, now, 20, until), 5)
    if not PG_URL:
        async with sessions() as second, second.begin():
            theirs = await fire_repo.claim_due(second, now, 20, until)
    assert len(mine) == 10 and len(theirs) == 10
    assert not {f.id for f in mine} & {f.id for f in theirs}


async def test_two_schedulers_release_prepared_checkins_each_once(make_client: Any, settings: Any) -> None:
    """Both prepare (the second finds the work prepared and adds nothing) and both release at once: every
    check-in goes out once, released set-based, none of them through the full path."""
    first = (await make_client(settings)).server.app
    second = (await make_client(settings)).server.app
    people = await add_people(first, 300, recorded_at=RECORDED)
    await first[keys.DUE_WORK].run_due(RECORDED + timedelta(days=1))  # plans 15 March
    before = datetime(2026, 3, 15, 7, 0, tzinfo=SH)
    prepared = await asyncio.gather(*(app[keys.DUE_WORK].prepare_due_soon(before, timedelta(hours=4), SweepReport())
                                      for app in (first, second)))
    assert sum(prepared) >= len(people)  # two preparers may both compute one; only one result is kept
    async with first[keys.SESSIONS]() as session:
        assert await session.scalar(select(func.count()).select_from(PreparedCheckin)) == len(people)
    for app in (first, second):
        app[keys.DUE_WORK].batch = 50
    now = datetime(2026, 3, 15, 10, 0, tzinfo=SH)
    one, two = await asyncio.gather(first[keys.DUE_WORK].run_due(now), second[keys.DUE_WORK].run_due(now))
    assert one.counts["checkin released"] + two.counts["checkin released"] == len(people)
    assert not one.counts["checkin submitted"] and not two.counts["checkin submitted"]
    async with first[keys.SESSIONS]() as session:
        pushed = Counter(await session.scalars(
            select(OutboxMessage.person_id).where(OutboxMessage.solicited.is_(False))))
        keys_ = Counter(await session.scalars(select(InboundMessage.dedup_key)))
        outcomes = Counter(await session.scalars(
            select(ScheduledFire.outcome).where(ScheduledFire.kind == "checkin", ScheduledFire.status == "done")))
    assert sorted(pushed) == people and set(pushed.values()) == {1}
    assert set(keys_.values()) == {1}
    assert outcomes == {"sent": len(people)}
