"""A person whose data was erased (consent withdrawn, bot/erasure.py) is never reached again: their planned work
goes with their data, and work planned for them after it (a planner racing the erasure) is finished unsent by
`run-due`; a second erasure changes nothing. Before, nothing could erase anybody."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import func, insert, select

from bot import erasure, keys
from storage.models import AuditLog, ChannelAccount, InfoForm, ScheduledFire
from tests.checkins.helpers import add_people, fires, pushes

SH = ZoneInfo("Asia/Shanghai")


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=SH)


async def test_run_due_sends_nothing_to_an_erased_person(app: Any) -> None:
    erased, kept = await add_people(app, 2, recorded_at=at("2026-03-01T10:00"), channels=("wechat", "sms"))
    await app[keys.DUE_WORK].run_due(at("2026-03-02T10:00"))  # plans both check-ins of 15 March
    assert await fires(app, erased)
    async with app[keys.SESSIONS]() as session, session.begin():
        done = await erasure.erase_person(session, app[keys.CIPHER], erased, actor="operator:test", via="cli",
                                          now=at("2026-03-03T10:00"))
    assert done.deleted["scheduled_fire"] >= 1 and done.deleted["channel_account"] == 2
    assert await fires(app, erased) == []
    # Work planned for them after the erasure is not done either.
    async with app[keys.SESSIONS]() as session, session.begin():
        await session.execute(insert(ScheduledFire).values(
            person_id=erased, kind="checkin", due_date=date(2026, 3, 15), due_at=at("2026-03-15T10:00"),
            status="due", data={"status": "employed"}, created_at=at("2026-03-03T10:00")))
    report = await app[keys.DUE_WORK].run_due(at("2026-03-15T10:30"))
    assert report.counts["checkin erased"] == 1
    assert [pid for pid, *_ in await pushes(app)] == [kept]
    # Erasing again is a no-op: nothing counted, no second audit row.
    async with app[keys.SESSIONS]() as session, session.begin():
        again = await erasure.erase_person(session, app[keys.CIPHER], erased, actor="operator:test", via="cli",
                                           now=at("2026-03-16T10:00"))
    assert again.already and again.lines() == [f"person {erased} was already erased: nothing to do"]
    async with app[keys.SESSIONS]() as session:
        assert await session.scalar(select(func.count()).select_from(AuditLog).where(
            AuditLog.action == erasure.AUDIT_ACTION)) == 1
        assert await session.scalar(select(func.count()).select_from(ChannelAccount).where(
            ChannelAccount.person_id == erased)) == 0
        assert await session.scalar(select(InfoForm.person_id).where(InfoForm.person_id == kept)) == kept
