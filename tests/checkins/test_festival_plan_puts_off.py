"""check18: "过完年去广东" at a weekly check-in (someone out of work, their case open) left the weekly series as it
was: "最近找工作有进展吗?" every week until the festival and through it. The series goes on four weeks later, or after
the Lantern Festival when that is sooner than the festival's weeks."""

from __future__ import annotations

from datetime import date
from typing import Any

from bot import keys
from bot.casework import open_assistance_case
from scheduler.fires import add_fires
from tests.casework.people import caseworker
from tests.checkins.helpers import add_people, fires, pushes
from tests.checkins.test_due_work import answer, at, run


async def test_a_plan_for_after_the_festival_puts_the_weekly_checkins_off(app: Any) -> None:
    recorded = at("2026-12-10T10:00")
    [pid] = await add_people(app, 1, recorded_at=recorded, status="unemployed", employer=None, place=None,
                             home_division="520526100")
    async with app[keys.SESSIONS]() as session, session.begin():
        await caseworker(session, app[keys.CIPHER], divisions=("520526",))
        await open_assistance_case(session, app[keys.CIPHER], person_id=pid, now=recorded)
        await add_fires(session, [app[keys.PLANNER].checkin(pid, "unemployed", date(2026, 12, 10), date(2026, 12, 10),
                                                            recorded, open_case=True)])
    await run(app, "2026-12-17T10:30")
    assert [p[2] for p in await pushes(app, pid)] == ["checkin"]
    [planned] = [f for f in await fires(app, pid) if f.kind == "checkin" and f.status == "due"]
    assert planned.due_date == date(2026, 12, 24)  # the series' next week, planned when this one went out
    await answer(app, pid, "过完年去广东", "2026-12-17T10:40")
    due = [f for f in await fires(app, pid) if f.kind == "checkin" and f.status == "due"]
    assert [f.due_date for f in due] == [date(2027, 1, 14)]
