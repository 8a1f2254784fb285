"""The due-work sweep: a check-in goes out once at its time, naming the employer; missed work is caught up
once; quiet hours and holidays hold work back; a claim left by a dead sweep is taken up again; stale plans
are not sent."""

from __future__ import annotations

import uuid
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select, update

from bot import keys
from dialogs.types import Inbound
from scheduler import fires as fire_repo
from storage.models import FormChange, InfoForm, Person, ScheduledFire
from tests.checkins.helpers import add_people, fires, pushes

SH = ZoneInfo("Asia/Shanghai")


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=SH)


async def run(app: Any, when: str) -> Any:
    return await app[keys.DUE_WORK].run_due(at(when))


async def answer(app: Any, person_id: int, text: str, when: str) -> Any:
    return await app[keys.DISPATCHER].submit(Inbound(
        channel="wechat", address=f"o{person_id}", kind="text", dedup_key=uuid.uuid4().hex,
        received_at=at(when), text=text, transport="wechat", at=at(when)))


async def test_a_checkin_names_the_employer_goes_once_and_plans_what_follows(app: Any) -> None:
    [pid] = await add_people(app, 1, recorded_at=at("2026-03-01T10:00"))
    report = await run(app, "2026-03-15T10:30")
    assert report.counts["checkin submitted"] == 1
    [(person, text, topic, channel)] = await pushes(app)
    assert person == pid and topic == "checkin" and channel == "auto"
    assert text.startswith("您好! 您还在东莞的宏达电子厂上班吗?") and "1. 在岗" in text and "3. 换了工作" in text
    again = await run(app, "2026-03-15T10:30")
    assert again.counts["checkin submitted"] == 0 and len(await pushes(app)) == 1
    planned = {(f.kind, f.due_date, f.status, f.outcome) for f in await fires(app, pid)}
    assert ("checkin", date(2026, 3, 15), "done", "sent") in planned
    assert ("checkin", date(2026, 3, 31), "due", None) in planned  # the series goes on
    assert ("checkin_reminder", date(2026, 3, 15), "due", None) in planned
    assert ("checkin_visit", date(2026, 3, 15), "due", None) in planned


async def test_the_sms_rendering_travels_with_the_push(app: Any) -> None:
    await add_people(app, 1, recorded_at=at("2026-03-01T10:00"), channels=("sms",))
    await run(app, "2026-03-15T10:30")
    async with app[keys.SESSIONS]() as session:
        from storage.models import OutboxMessage
        row = await session.scalar(select(OutboxMessage))
    assert row is not None and row.sms_body_enc is not None
    sms = app[keys.CIPHER].decrypt(row.sms_body_enc)
    assert sms.startswith("您好! 您还在东莞的宏达电子厂上班吗?") and "1在岗 2已离职 3换了工作" in sms
    assert len(sms) <= 70  # one SMS


async def test_work_missed_while_the_service_was_down_is_caught_up_once(app: Any) -> None:
    [pid] = await add_people(app, 1, recorded_at=at("2026-03-01T10:00"))
    await run(app, "2026-03-02T10:00")  # planned: 15 March
    assert await pushes(app) == []
    # Down from 3 March to 20 May: 15 March, 31 March and 30 April were missed.
    await run(app, "2026-05-20T09:00")
    assert len(await pushes(app)) == 1
    pending = [f for f in await fires(app, pid) if f.kind == "checkin" and f.status == "due"]
    assert [f.due_date for f in pending] == [date(2026, 5, 30)]  # the series resumes after today


async def test_quiet_hours_hold_work_back_to_the_morning(app: Any) -> None:
    [pid] = await add_people(app, 1, recorded_at=at("2026-03-01T10:00"))
    await run(app, "2026-03-02T10:00")
    report = await run(app, "2026-03-15T22:00")  # due since the morning, but it is night now
    assert report.counts["checkin deferred"] == 1 and await pushes(app) == []
    [fire] = [f for f in await fires(app, pid) if f.kind == "checkin" and f.due_date == date(2026, 3, 15)]
    local = fire.due_at.astimezone(SH)
    assert fire.status == "due" and fire.deferrals == 1
    assert local.date() == date(2026, 3, 16) and 8 <= local.hour < 10
    await run(app, "2026-03-16T07:59")
    assert await pushes(app) == []
    await run(app, "2026-03-16T10:00")
    assert len(await pushes(app)) == 1


async def test_statutory_holidays_hold_work_back_until_the_first_working_day(app: Any) -> None:
    [pid] = await add_people(app, 1, recorded_at=at("2026-09-17T10:00"))  # 14 days later: 1 October
    await run(app, "2026-09-18T10:00")
    await run(app, "2026-10-02T10:00")
    assert await pushes(app) == []
    [fire] = [f for f in await fires(app, pid) if f.kind == "checkin" and f.status == "due"]
    assert fire.due_at.astimezone(SH).date() == date(2026, 10, 8)
    await run(app, "2026-10-08T11:00")
    assert len(await pushes(app)) == 1


async def test_a_year_without_holiday_data_never_crashes_a_sweep(app: Any) -> None:
    [pid] = await add_people(app, 1, recorded_at=at("2027-01-25T10:00"))  # 2027: no chinese-calendar data
    await run(app, "2027-01-26T10:00")
    report = await run(app, "2027-02-08T10:00")  # due, but in the lunar Spring Festival holiday (6-12 February)
    assert report.counts["checkin submitted"] == 0 and await pushes(app) == []
    assert report.counts["spring_return planned"] == 1  # the return window (13-26 February) is near
    [fire] = [f for f in await fires(app, pid) if f.kind == "checkin"]
    assert fire.due_date == date(2027, 2, 8) and fire.due_at.astimezone(SH).date() == date(2027, 2, 13)
    report = await run(app, "2027-02-13T10:00")  # the day after: sent
    assert report.counts["checkin submitted"] == 1
    [spring] = [f for f in await fires(app, pid) if f.kind == "spring_return"]
    assert date(2027, 2, 13) <= spring.due_date <= date(2027, 2, 26)


async def test_after_the_spring_festival_every_employed_person_is_asked_about_returning(app: Any) -> None:
    employed = await add_people(app, 30, recorded_at=at("2025-12-01T10:00"))
    await add_people(app, 5, recorded_at=at("2025-12-01T10:00"), status="unable", prefix="u")
    report = await run(app, "2026-02-24T10:00")  # the holiday ran to 23 February 2026
    assert report.counts["spring_return planned"] == 30
    for day in range(14):
        await run(app, f"2026-02-{24 + day:02d}T11:00" if 24 + day <= 28 else f"2026-03-{24 + day - 28:02d}T11:00")
    spring = [p for p in await pushes(app) if p[2] == "spring_return"]
    assert spring and all("春节过后, 您回到东莞的宏达电子厂上班了吗?" in p[1] for p in spring)
    # Each asked once: by the spring question, or by the series' check-in asked a day or two before it, still
    # open, which the spring return's fire was merged into (never two questions in a row).
    done = [f for f in await fires(app) if f.kind == "spring_return"]
    assert sorted(f.person_id for f in done) == employed and all(f.status == "done" for f in done)
    merged = sorted(f.person_id for f in done if f.outcome == "merged")
    assert sorted(p[0] for p in spring) == sorted(set(employed) - set(merged))
    for f in done:
        if f.outcome == "merged":
            asked = [p for p in await pushes(app, f.person_id) if p[2] == "checkin"]
            assert asked, f.person_id


async def test_a_claim_left_by_a_dead_sweep_is_taken_up_and_sent_once(app: Any) -> None:
    await add_people(app, 3, recorded_at=at("2026-03-01T10:00"))
    await run(app, "2026-03-02T10:00")
    now = at("2026-03-15T10:30")
    async with app[keys.SESSIONS]() as session, session.begin():
        claimed = await fire_repo.claim_due(session, now, 10, now + timedelta(minutes=10))
    assert len(claimed) == 3  # ... and the sweep that took them died here
    assert (await run(app, "2026-03-15T10:35")).counts["checkin submitted"] == 0  # still claimed
    report = await run(app, "2026-03-15T10:45")  # the claim expired
    assert report.counts["claims recovered"] == 3 and report.counts["checkin submitted"] == 3
    assert len(await pushes(app)) == 3


async def test_a_plan_made_for_another_status_is_not_sent(app: Any) -> None:
    [pid] = await add_people(app, 1, recorded_at=at("2026-03-01T10:00"))
    await run(app, "2026-03-02T10:00")
    async with app[keys.SESSIONS]() as session, session.begin():
        await session.execute(update(InfoForm).values(employment_status="unable"))
    report = await run(app, "2026-03-15T10:30")
    assert report.counts["checkin superseded"] == 1 and await pushes(app) == []
    pending = [f for f in await fires(app, pid) if f.kind == "checkin" and f.status == "due"]
    assert [(f.due_date, f.data["status"]) for f in pending] == [(date(2026, 6, 13), "unable")]


async def test_people_who_opted_out_are_not_checked_in(app: Any) -> None:
    await add_people(app, 1, recorded_at=at("2026-03-01T10:00"))
    async with app[keys.SESSIONS]() as session, session.begin():
        await session.execute(update(Person).values(opted_out_at=at("2026-03-02T10:00")))
    report = await run(app, "2026-03-15T10:30")
    assert report.counts["checkin opted_out"] == 1 and await pushes(app) == []


async def test_answers_update_the_form_with_history(app: Any) -> None:
    [pid] = await add_people(app, 1, recorded_at=at("2026-03-01T10:00"))
    await run(app, "2026-03-15T10:30")
    outcome = await answer(app, pid, "厂子倒闭了", "2026-03-15T12:00")
    assert outcome.replies and "很遗憾您没了工作" in outcome.replies[0]  # the job-loss registration takes over
    async with app[keys.SESSIONS]() as session:
        form = await session.scalar(select(InfoForm).where(InfoForm.person_id == pid))
        changes = list(await session.scalars(select(FormChange).where(FormChange.person_id == pid)))
    assert form is not None and form.employment_status == "unemployed"
    assert [(c.field, c.actor) for c in changes if c.field == "employment_status"] == [("employment_status", "checkin")]
    # The employed series is over: no employed check-in stays planned.
    assert not [f for f in await fires(app, pid) if f.kind == "checkin" and f.status == "due"
                and f.data.get("status") == "employed"]


async def test_fires_are_unique_per_person_kind_and_day(app: Any) -> None:
    [pid] = await add_people(app, 1, recorded_at=at("2026-03-01T10:00"))
    row = fire_repo.fire_row(pid, "checkin", date(2026, 3, 15), at("2026-03-15T08:00"), at("2026-03-01T10:00"),
                             {"status": "employed", "anchor": "2026-03-01"})
    async with app[keys.SESSIONS]() as session, session.begin():
        await fire_repo.add_fires(session, [row, dict(row)])
        await fire_repo.add_fires(session, [dict(row)])
    async with app[keys.SESSIONS]() as session:
        assert len(list(await session.scalars(select(ScheduledFire.id)))) == 1


@pytest.mark.parametrize("prepare_hours", [0, 12])
async def test_a_database_outage_during_the_sweep_keeps_the_work_due_and_it_goes_later(
        app: Any, caplog: Any, prepare_hours: int) -> None:
    """On both paths: `serve`'s sweeps preparing nothing (0) or, as by default, the check-ins due within 12 hours
    (the retried ones are prepared by the sweep at 10:31 and released when due again)."""
    from bot.clock import Clock
    from bot.dispatcher import Dispatcher
    from scheduler.sweep import DueWork, gather_submit
    from storage.db import create_engine, session_factory

    app[keys.DUE_WORK].prepare_within = timedelta(hours=prepare_hours)
    people = await add_people(app, 3, recorded_at=at("2026-03-01T10:00"))
    await run(app, "2026-03-02T10:00")
    # The dialog side's database is unreachable (connection refused) while the claims still work.
    broken = create_engine("postgresql+asyncpg://nobody:wrong@127.0.0.1:1/none")
    dispatcher = Dispatcher(session_factory(broken), app[keys.CIPHER], Clock(SH), planner=app[keys.PLANNER])
    dispatcher.start()
    try:
        sweep = DueWork(app[keys.SESSIONS], app[keys.PLANNER], lambda batch: gather_submit(dispatcher.submit, batch))
        report = await sweep.run_due(at("2026-03-15T10:30"))
    finally:
        await dispatcher.stop()
        await broken.dispose()
    assert report.counts["checkin failed"] == 3 and await pushes(app) == []
    assert "retried later" in caplog.text
    pending = [f for f in await fires(app) if f.kind == "checkin" and f.due_date == date(2026, 3, 15)]
    assert {f.status for f in pending} == {"due"} and all(f.attempts == 1 for f in pending)
    soon = await run(app, "2026-03-15T10:31")
    assert soon.counts["checkin submitted"] == soon.counts["checkin released"] == 0  # not again at once
    assert soon.counts["checkin prepared"] == (3 if prepare_hours else 0)
    later = await run(app, "2026-03-15T10:33")
    assert later.counts["checkin released" if prepare_hours else "checkin submitted"] == 3
    assert later.counts["checkin submitted"] + later.counts["checkin released"] == 3
    assert sorted(p[0] for p in await pushes(app)) == people
