"""The follow-up seven days after an application: asked once through the sweep; "taken on" updates the
application and the form (history with actor `jobs`), emits the status change the survey emits and so closes
the open assistance case; the other answers update the application only; an answer not understood is asked
again."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select

from bot import keys
from storage.models import AssistanceCase, EventLog, FormChange, JobApplication
from tests.casework.people import caseworker
from tests.checkins.helpers import fires, pushes
from tests.pushes.helpers import answer, at, form, guard_job, import_vacancies, run, seeker

ASKED = "您报名的「超市保安」, 去面试了吗?\n1. 去了, 还在等消息\n2. 被录用了\n3. 没去 / 没成"


async def applied(app: Any, tmp_path: Path) -> int:
    guard = await seeker(app, born=date(1976, 3, 4), wants="想当保安", recorded_at=at("2026-11-20T10:00"))
    await import_vacancies(app, tmp_path, [guard_job("WN-010")], at("2026-11-26T09:00"))
    await run(app, "2026-11-26T10:00")
    await answer(app, guard, "报名 1", "2026-11-26T11:00")
    return guard


async def application(app: Any) -> JobApplication:
    async with app[keys.SESSIONS]() as session:
        [found] = list(await session.scalars(select(JobApplication)))
    return found


async def test_taken_on_updates_the_application_and_the_form_and_closes_the_case(app: Any, tmp_path: Path) -> None:
    guard = await applied(app, tmp_path)
    async with app[keys.SESSIONS]() as session, session.begin():
        owner = await caseworker(session, app[keys.CIPHER], name="李书记", divisions=("520526",))
        session.add(AssistanceCase(person_id=guard, kind="assistance", caseworker_id=owner, home_division="520526",
                                   opened_at=at("2026-11-20T10:00")))
    assert (await run(app, "2026-12-02T10:00")).counts["job_follow_up submitted"] == 0  # not yet
    report = await run(app, "2026-12-03T11:30")
    assert report.counts["job_follow_up submitted"] == 1
    [(_, text, topic, _)] = [p for p in await pushes(app) if p[2] == "job_follow_up"]
    assert text == ASKED and topic == "job_follow_up"
    assert (await run(app, "2026-12-03T11:35")).counts["job_follow_up submitted"] == 0  # once
    reply = await answer(app, guard, "被录用了", "2026-12-03T12:00")
    assert reply.replies == ("恭喜您! 已帮您记下新工作, 负责您的工作人员会知道。",)
    done = await application(app)
    assert (done.status, done.outcome, done.followed_up_at is not None) == ("closed", "hired", True)
    record = await form(app, guard)
    assert record.employment_status == "employed"
    assert (record.data["employer"], record.data["job_type"], record.data["work_division"]) == (
        "威宁万家超市", "保安", "520526")
    async with app[keys.SESSIONS]() as session:
        changes = list(await session.scalars(select(FormChange).where(FormChange.person_id == guard)))
        [changed] = list(await session.scalars(select(EventLog).where(EventLog.kind == "employment_status_changed")))
    assert {c.field for c in changes} >= {"employment_status", "employer", "job_type"}
    assert {c.actor for c in changes} == {"jobs"}
    assert changed.person_id == guard
    async with app[keys.SESSIONS]() as session:
        [case] = list(await session.scalars(select(AssistanceCase)))
    assert case.status == "closed" and case.closed_at is not None  # casework's own handling of the event
    # Employed now: the employed's check-in series is planned (the status change's own effects).
    assert [f for f in await fires(app, guard) if f.kind == "checkin" and f.status == "due"]


async def test_waiting_and_not_taken_update_the_application_only(app: Any, tmp_path: Path) -> None:
    guard = await applied(app, tmp_path)
    await run(app, "2026-12-03T11:30")
    unclear = await answer(app, guard, "嗯嗯", "2026-12-03T12:00")
    assert unclear.replies[0] == "没看明白, 请回复序号 1、2 或 3。\n\n" + ASKED
    assert unclear.awaiting == "follow_up"
    reply = await answer(app, guard, "面试了在等通知", "2026-12-03T12:01")
    assert reply.replies[0].startswith("好的, 祝您顺利!") and reply.awaiting is None
    waiting = await application(app)
    assert (waiting.status, waiting.outcome) == ("applied", "interview")
    assert (await form(app, guard)).employment_status == "unemployed"
    async with app[keys.SESSIONS]() as session:
        assert list(await session.scalars(select(FormChange).where(FormChange.actor == "jobs"))) == []


async def test_no_answer_is_asked_no_more(app: Any, tmp_path: Path) -> None:
    guard = await applied(app, tmp_path)
    await run(app, "2026-12-03T11:30")
    for day in range(4, 12):
        await run(app, f"2026-12-{day:02d}T10:00")
    assert len([p for p in await pushes(app, guard) if p[2] == "job_follow_up"]) == 1
    assert (await application(app)).outcome is None
