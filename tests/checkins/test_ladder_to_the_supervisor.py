"""A silent person climbs the whole ladder: the check-in, a reminder after 48 hours on the other channel, a visit
task for their caseworker after 7 days (alerted, due in 3 days), and when the task is not done in time, the
escalation to the caseworker's supervisor (alerted too). Every step once, however often the sweep runs."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select

from bot import keys
from bot.clock import FrozenClock
from storage.models import Alert, Caseworker, CaseworkerDivision, CaseworkTask
from tests.checkins.helpers import add_people, pushes
from tests.checkins.test_due_work import answer

SH = ZoneInfo("Asia/Shanghai")
RECORDED = datetime(2026, 3, 1, 10, 0, tzinfo=SH)


async def _caseworker_and_supervisor(app: Any) -> tuple[Caseworker, Caseworker]:
    """张干事 covering Weining, under 李主任 who covers Bijie."""
    async with app[keys.SESSIONS]() as session, session.begin():
        boss = Caseworker(name="李主任", role="supervisor")
        session.add(boss)
        await session.flush()
        worker = Caseworker(name="张干事", role="caseworker", supervisor_id=boss.id)
        session.add(worker)
        await session.flush()
        session.add(CaseworkerDivision(caseworker_id=worker.id, division="520526"))
        session.add(CaseworkerDivision(caseworker_id=boss.id, division="5205"))
    return worker, boss


async def test_a_silent_person_climbs_to_the_supervisor(app: Any) -> None:
    worker, boss = await _caseworker_and_supervisor(app)
    [pid] = await add_people(app, 1, recorded_at=RECORDED, channels=("wechat", "sms"), home_division="520526")
    due = app[keys.DUE_WORK]

    async def day(days: float) -> Any:
        now = RECORDED + timedelta(days=days)
        first = await due.run_due(now)
        await due.run_due(now)  # a second run at the same time adds nothing
        return first

    await day(14)  # the check-in
    await day(16.1)  # 48 hours on: the reminder
    assert [p[2] for p in await pushes(app)] == ["checkin", "checkin_reminder"]
    report = await day(21.1)  # 7 days on: the visit task
    assert report.counts["checkin_visit submitted"] == 1
    async with app[keys.SESSIONS]() as session:
        [task] = list(await session.scalars(select(CaseworkTask)))
        alerts = [(a.kind, a.caseworker_id) for a in await session.scalars(select(Alert).order_by(Alert.id))]
    assert task.kind == "visit" and task.caseworker_id == worker.id and task.person_id == pid
    assert task.reason == "checkin_no_answer" and task.status == "open"
    assert task.due_at == RECORDED + timedelta(days=24.1)  # due in 3 days
    assert alerts == [("visit_task", worker.id)]
    report = await day(24)  # not yet past due
    assert report.counts["tasks escalated"] == 0
    report = await day(24.2)  # past due: escalated to the supervisor
    assert report.counts["tasks escalated"] == 1
    async with app[keys.SESSIONS]() as session:
        task = (await session.scalars(select(CaseworkTask))).one()
        alerts = [(a.kind, a.caseworker_id) for a in await session.scalars(select(Alert).order_by(Alert.id))]
    assert task.status == "overdue" and task.escalated_to == boss.id
    assert alerts == [("visit_task", worker.id), ("task_overdue", worker.id), ("escalation", boss.id)]
    assert len(await pushes(app)) == 2  # the laborer was asked twice, no more
    async with app[keys.SESSIONS]() as session:
        [visit_alert] = await session.scalars(select(Alert).where(Alert.kind == "visit_task"))
    visit_text = app[keys.CIPHER].decrypt(visit_alert.body_enc)
    assert "定期回访一周未回复" in visit_text and "checkin_no_answer" not in visit_text  # words, not a code


async def test_escalations_in_played_time_ahead_of_the_clock_are_due_at_once(app: Any, clock: FrozenClock) -> None:
    # Playing a season on the simulator (`run-due --now` months ahead of the clock): like every other alert, the
    # escalation's is not held until the played time comes.
    await _caseworker_and_supervisor(app)
    recorded = clock.now() + timedelta(days=100)  # after the 2027 Spring Festival holiday
    await add_people(app, 1, recorded_at=recorded, channels=("sms",), home_division="520526")
    due = app[keys.DUE_WORK]
    for days in (14, 16.1, 21.1, 24.2):
        await due.run_due(recorded + timedelta(days=days), clock_now=clock.now)
    async with app[keys.SESSIONS]() as session:
        alerts = {a.kind: a.next_attempt_at for a in await session.scalars(select(Alert))}
    assert set(alerts) == {"visit_task", "task_overdue", "escalation"}
    assert all(due_at <= clock.now() for due_at in alerts.values()), alerts


async def test_an_answer_after_the_visit_was_ordered_calls_the_visit_off(app: Any) -> None:
    # The person answers at last (a broken phone, a week away): nobody should set out for the visit. The task is
    # done without going; its owner and the supervisor it was escalated to are told, once.
    from tests.checkins.test_checkin_dialog import say

    worker, boss = await _caseworker_and_supervisor(app)
    [pid] = await add_people(app, 1, recorded_at=RECORDED, channels=("wechat", "sms"), home_division="520526")
    due = app[keys.DUE_WORK]
    for days in (14, 16.1, 21.1, 24.2):
        await due.run_due(RECORDED + timedelta(days=days))
    late = RECORDED + timedelta(days=25)
    await say(app, pid, "还在厂里干着呢 前段时间手机坏了", late.strftime("%Y-%m-%dT%H:%M"))
    await say(app, pid, "都挺好", (late + timedelta(minutes=1)).strftime("%Y-%m-%dT%H:%M"))
    async with app[keys.SESSIONS]() as session:
        task = (await session.scalars(select(CaseworkTask))).one()
        called_off = list(await session.scalars(select(Alert).where(Alert.kind == "visit_answered")))
    assert task.status == "done" and task.done_at is not None
    assert sorted(a.caseworker_id for a in called_off) == sorted([worker.id, boss.id])
    text = app[keys.CIPHER].decrypt(called_off[0].body_enc)
    assert text.startswith("【走访取消】") and f"T{task.id}" in text and "已回复定期回访" in text


async def test_work_paused_twice_alerts_the_caseworker_with_what_was_said(app: Any) -> None:
    """"活少了" at the check-in and again at its recheck a week on reached the caseworker as "【找工作人员】… 想找工作
    人员": nobody had asked for a person, and nothing said why. Now the alert says it and quotes them (numbers
    masked)."""
    worker, _boss = await _caseworker_and_supervisor(app)
    [pid] = await add_people(app, 1, recorded_at=RECORDED, home_division="520526")
    due = app[keys.DUE_WORK]
    await due.run_due(RECORDED + timedelta(days=14))
    def when(days: float) -> str:
        return (RECORDED + timedelta(days=days)).strftime("%Y-%m-%dT%H:%M")

    await answer(app, pid, "活少了 一个月就干十来天", when(14.05))
    await due.run_due(RECORDED + timedelta(days=21.1))
    await answer(app, pid, "还那样 活不多 有事打我13812345678", when(21.2))
    async with app[keys.SESSIONS]() as session:
        [alert] = await session.scalars(select(Alert).where(Alert.kind == "human_requested"))
    text = app[keys.CIPHER].decrypt(alert.body_enc)
    assert alert.caseworker_id == worker.id
    assert text.startswith("【回访关注】") and "停工或活少" in text and "想找工作人员" not in text
    assert "原话: 还那样 活不多" in text and "13812345678" not in text and "138****5678" in text
    assert f"电话 A{alert.id}" in text  # acted on from the chat like any request to answer
