"""The check-in dialog: answers in numbers or in the person's words, the monthly wages and contract question,
the no-answer ladder (a reminder on the other channel after 48 h, a visit task after 7 days), and reminders
for a survey left half-done."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from bot import keys
from dialogs.types import Inbound
from storage.models import AssistanceCase, EventLog, FormChange, InfoForm
from tests.checkins.helpers import add_people, fires, pushes
from tests.fakes.recording_sender import RecordingSender

SH = ZoneInfo("Asia/Shanghai")


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=SH)


async def say(app: Any, person_id: int, text: str, when: str, channel: str = "wechat") -> Any:
    address = f"o{person_id}" if channel == "wechat" else f"+86139{person_id:08d}"
    return await app[keys.DISPATCHER].submit(Inbound(
        channel=channel, address=address, kind="text", dedup_key=uuid.uuid4().hex,  # type: ignore[arg-type]
        received_at=at(when), text=text, transport="wechat", at=at(when)))


async def events(app: Any, kind: str) -> list[EventLog]:
    async with app[keys.SESSIONS]() as session:
        return list(await session.scalars(select(EventLog).where(EventLog.kind == kind).order_by(EventLog.id)))


async def checked_in(app: Any) -> int:
    [pid] = await add_people(app, 1, recorded_at=at("2026-03-01T10:00"))
    await app[keys.DUE_WORK].run_due(at("2026-03-15T10:30"))
    return pid


@pytest.mark.parametrize("text", ["1", "还在干", "在岗", "嗯"])
async def test_still_working_is_thanked_and_asked_about_wages_once_a_month(app: Any, text: str) -> None:
    pid = await checked_in(app)
    outcome = await say(app, pid, text, "2026-03-15T11:00")
    assert "工资按时足额发了吗" in outcome.replies[0] and "1. 都有, 没问题" in outcome.replies[0]
    done = await say(app, pid, "1", "2026-03-15T11:01")
    assert done.replies == ("好的, 谢谢您! 有困难随时找我们。",) and done.awaiting is None
    # Sixteen days later the next check-in: not asked about wages again this month.
    await app[keys.DUE_WORK].run_due(at("2026-03-31T10:30"))
    again = await say(app, pid, "1", "2026-03-31T11:00")
    assert again.replies == ("好的, 谢谢您! 祝工作顺利。",)
    [answered, *_] = await events(app, "checkin_answered")
    assert answered.data == {"answer": "still_employed", "work": "checkin", "due_date": "2026-03-15",
                             "channel": "wechat"}


async def test_wage_arrears_and_no_contract_are_reported_and_recorded(app: Any) -> None:
    pid = await checked_in(app)
    await say(app, pid, "还在干", "2026-03-15T11:00")
    outcome = await say(app, pid, "2 3", "2026-03-15T11:01")
    assert "维护权益" in outcome.replies[0]
    # One report, one rights case listing both issues (care13: it opened two).
    assert [e.data.get("issue") for e in await events(app, "rights_issue_reported")] == ["no_contract"]
    async with app[keys.SESSIONS]() as session:
        [case] = list(await session.scalars(select(AssistanceCase).where(AssistanceCase.person_id == pid)))
        assert case.issue_list == ["no_contract", "wage_arrears"]
        form = await session.scalar(select(InfoForm).where(InfoForm.person_id == pid))
        changes = {(c.field, c.actor) for c in await session.scalars(select(FormChange))}
    assert form is not None
    assert form.data["wages_on_time"] is False and form.data["contract_signed"] is False
    assert form.data["social_insurance"] is True
    assert ("wages_on_time", "checkin") in changes


async def test_rights_in_the_persons_own_words(app: Any) -> None:
    pid = await checked_in(app)
    await say(app, pid, "1", "2026-03-15T11:00")
    await say(app, pid, "老板拖欠工资两个月了", "2026-03-15T11:01")
    assert [e.data.get("issue") for e in await events(app, "rights_issue_reported")] == ["wage_arrears"]


@pytest.mark.parametrize(("text", "expected"), [("换到隔壁厂了", "新工作"), ("3", "新工作")])
async def test_a_new_job_is_asked_about(app: Any, text: str, expected: str) -> None:
    pid = await checked_in(app)
    outcome = await say(app, pid, text, "2026-03-15T11:00")
    assert expected in outcome.replies[0]
    assert outcome.awaiting is not None  # the survey asks about the new job
    [answered] = await events(app, "checkin_answered")
    assert answered.data["answer"] == "changed_job"


@pytest.mark.parametrize("text", ["2", "厂子倒闭了", "不干了"])
async def test_a_lost_job_is_handed_over_and_the_record_says_so(app: Any, text: str) -> None:
    pid = await checked_in(app)
    outcome = await say(app, pid, text, "2026-03-15T11:00")
    # The job-loss registration (dialogs/flows/registration/) takes over.
    assert "很遗憾您没了工作" in outcome.replies[0] and outcome.awaiting in ("last_work_day", "job_loss_reason")
    async with app[keys.SESSIONS]() as session:
        assert await session.scalar(select(InfoForm.employment_status)) == "unemployed"
    [changed] = await events(app, "employment_status_changed")
    assert changed.data["reason"] == "job_lost"


async def test_a_lost_job_told_with_wages_owed_is_a_job_loss_and_a_rights_report(app: Any) -> None:
    """The message reads as a wages complaint first; the factory's closing is still the answer."""
    pid = await checked_in(app)
    outcome = await say(app, pid, "厂子上个礼拜关门了 老板都跑了 工资还欠着两个月", "2026-03-15T11:00")
    # Told that the wages owed went to their caseworker, then the registration begins.
    said = "\n\n".join(outcome.replies)
    assert said.index("工资没按时足额发") < said.index("已转给负责您的工作人员") < said.index("很遗憾您没了工作")
    assert outcome.awaiting in ("last_work_day", "job_loss_reason", "insured")  # (上个礼拜: a day, check23)
    [answered] = await events(app, "checkin_answered")
    assert answered.data["answer"] == "job_lost"
    assert [e.data.get("issue") for e in await events(app, "rights_issue_reported")] == ["wage_arrears"]


async def test_nonsense_is_asked_again_then_handed_to_a_caseworker(app: Any) -> None:
    pid = await checked_in(app)
    first = await say(app, pid, "今天天气", "2026-03-15T11:00")
    assert first.replies[0].startswith("没太明白, 请回复数字。") and "1. 在岗" in first.replies[0]
    await say(app, pid, "啊啊", "2026-03-15T11:01")
    last = await say(app, pid, "不知道", "2026-03-15T11:02")
    assert last.replies == ("我们请工作人员联系您。",)
    assert len(await events(app, "human_requested")) == 1


async def test_a_silent_person_gets_a_reminder_on_the_other_channel_then_a_visit_task(app: Any) -> None:
    # Their WeChat window is open by the worker's clock (the clock fixture: 2026-11-26 10:00).
    [pid] = await add_people(app, 1, recorded_at=at("2026-03-01T10:00"), channels=("wechat", "sms"),
                             last_inbound_at=app[keys.CLOCK].now())
    sender = RecordingSender()
    worker = app[keys.OUTBOX]
    await worker.stop()
    worker.add_sender(sender)
    worker.add_sender(RecordingSender(channel="sms"))
    due = app[keys.DUE_WORK]
    await due.run_due(at("2026-03-15T10:30"))
    await worker.run_once()  # the check-in went by WeChat
    assert [m.channel for m in sender.sent] == ["wechat"]
    assert (await due.run_due(at("2026-03-17T10:00"))).counts["checkin_reminder submitted"] == 0  # not 48 h yet
    await due.run_due(at("2026-03-17T12:00"))
    reminder = (await pushes(app))[-1]
    assert reminder[1].startswith("前两天问过您, 还没收到回复。") and reminder[3] == "auto-sms"
    report = await due.run_due(at("2026-03-22T12:00"))  # 7 days: a visit task for the caseworker, nothing said
    assert report.counts["checkin_visit submitted"] == 1
    [task] = await events(app, "visit_task_needed")
    assert task.data["reason"] == "checkin_no_answer"
    assert len(await pushes(app)) == 2
    outcomes = {f.kind: f.outcome for f in await fires(app, pid) if f.due_date == date(2026, 3, 15)}
    assert outcomes == {"checkin": "sent", "checkin_reminder": "sent", "checkin_visit": "task_opened"}


async def test_a_reminder_caught_up_after_a_jump_in_time_is_not_sent_beside_the_next_check_in(app: Any) -> None:
    """run-due months after a check-in nobody answered sent its reminder ("前两天问过您") and the next check-in of
    the series at once, the same question twice in one minute."""
    [pid] = await add_people(app, 1, recorded_at=at("2026-03-01T10:00"), channels=("wechat", "sms"),
                             last_inbound_at=app[keys.CLOCK].now())
    due = app[keys.DUE_WORK]
    await due.run_due(at("2026-03-15T10:30"))
    report = await due.run_due(at("2026-06-24T10:30"))  # the reminder is three months late, the next one due
    assert report.counts["checkin_reminder submitted"] == 1 and report.counts["checkin submitted"] >= 1
    said = [p[1] for p in await pushes(app)]
    assert not any(text.startswith("前两天问过您") for text in said)
    assert sum("还在" in text for text in said) == 2  # the first check-in and the next one, nothing between
    outcomes = {f.kind: f.outcome for f in await fires(app, pid) if f.due_date == date(2026, 3, 15)}
    assert outcomes["checkin_reminder"] == "late_replanned"  # planned again a little later (talk8) ...
    await due.run_due(at("2026-06-24T12:30"))
    said = [p[1] for p in await pushes(app)]
    assert not any(text.startswith("前两天问过您") for text in said)  # ... and finds the question replaced
    replanned = [f for f in await fires(app, pid) if f.kind == "checkin_reminder" and f.data.get("replanned")]
    assert [f.outcome for f in replanned] == ["not_needed"]


async def test_a_reminder_caught_up_after_downtime_still_goes_a_little_later(app: Any) -> None:
    """Down from the 16th to the 20th: the reminder due on the 17th was found late and dropped, so the person
    got no reminder at all before the visit task (talk7's planned_at rule)."""
    [pid] = await add_people(app, 1, recorded_at=at("2026-03-01T10:00"), channels=("wechat", "sms"),
                             last_inbound_at=app[keys.CLOCK].now())
    due = app[keys.DUE_WORK]
    await due.run_due(at("2026-03-15T10:30"))
    await due.run_due(at("2026-03-20T10:00"))  # back up: the reminder is three days late
    assert not any(p[1].startswith("前两天问过您") for p in await pushes(app))
    await due.run_due(at("2026-03-20T11:30"))  # an hour on: the reminder
    reminders = [p for p in await pushes(app) if p[1].startswith("前两天问过您")]
    assert len(reminders) == 1
    reminded = [f for f in await fires(app, pid) if f.kind == "checkin_reminder"]
    outcomes = sorted((f.due_date.isoformat(), f.outcome) for f in reminded)
    assert outcomes == [("2026-03-15", "late_replanned"), ("2026-03-20", "sent")]
    await due.run_due(at("2026-03-20T14:00"))  # nothing more: one reminder
    assert len([p for p in await pushes(app) if p[1].startswith("前两天问过您")]) == 1


async def test_an_answer_stops_the_ladder(app: Any) -> None:
    pid = await checked_in(app)
    await say(app, pid, "1", "2026-03-16T09:00")
    await app[keys.DUE_WORK].run_due(at("2026-03-17T12:00"))
    await app[keys.DUE_WORK].run_due(at("2026-03-22T12:00"))
    assert len(await pushes(app)) == 1  # the check-in only
    assert await events(app, "visit_task_needed") == []
    outcomes = {f.kind: f.outcome for f in await fires(app, pid) if f.due_date == date(2026, 3, 15)}
    assert outcomes == {"checkin": "sent", "checkin_reminder": "not_needed", "checkin_visit": "not_needed"}


async def test_a_survey_left_half_done_is_reminded_after_3_and_7_days(app: Any) -> None:
    async def person(text: str, when: str) -> Any:
        return await app[keys.DISPATCHER].submit(Inbound(
            channel="wechat", address="half-done", kind="text", dedup_key=uuid.uuid4().hex, received_at=at(when),
            text=text, transport="wechat", at=at(when)))

    await app[keys.DISPATCHER].submit(Inbound(
        channel="wechat", address="half-done", kind="event", event="subscribe", dedup_key=uuid.uuid4().hex,
        received_at=at("2026-03-01T10:00"), transport="wechat", at=at("2026-03-01T10:00")))
    await person("1", "2026-03-01T10:01")  # consent
    await person("王小明", "2026-03-02T09:00")  # then silence
    due = app[keys.DUE_WORK]
    await due.run_due(at("2026-03-04T10:00"))  # 3 days after consent, but they answered on the 2nd
    assert await pushes(app) == []
    await due.run_due(at("2026-03-05T10:00"))
    [(_, text, topic, _)] = await pushes(app)
    assert topic == "survey_reminder" and text.startswith("您好! 您的就业信息还没登记完")
    assert "身份证" in text  # the open question again
    await due.run_due(at("2026-03-08T10:00"))
    assert len(await pushes(app)) == 1
    await due.run_due(at("2026-03-09T10:00"))
    assert len(await pushes(app)) == 2
    await due.run_due(at("2026-03-20T10:00"))
    assert len(await pushes(app)) == 2  # two reminders, no more


@pytest.mark.parametrize(("text", "issue", "field"), [
    ("还在干着呢 就是上个月工资还没发", "wage_arrears", "wages_on_time"),
    ("在岗 合同一直没签", "no_contract", "contract_signed"),
])
async def test_rights_told_with_the_status_answer_are_not_asked_again(
        app: Any, text: str, issue: str, field: str) -> None:
    """The wages question after "还在干 就是工资还没发" ignored what was just said: the issue is reported, the form
    records it, and the person is told it went to their caseworker (the other two questions are not put)."""
    pid = await checked_in(app)
    outcome = await say(app, pid, text, "2026-03-15T11:00")
    assert outcome.awaiting is None and "已转给负责您的工作人员" in outcome.replies[0]
    assert "1. 都有, 没问题" not in "".join(outcome.replies)
    assert [e.data.get("issue") for e in await events(app, "rights_issue_reported")] == [issue]
    async with app[keys.SESSIONS]() as session:
        form = await session.scalar(select(InfoForm).where(InfoForm.person_id == pid))
    assert form is not None and form.data[field] is False
    others = {"wages_on_time", "contract_signed", "social_insurance"} - {field}
    assert all(form.data.get(other) is not False for other in others)  # only what was told changes
    [answered] = await events(app, "checkin_answered")
    assert answered.data["answer"] == "still_employed"


async def test_survey_reminders_caught_up_after_downtime_keep_their_distance(app: Any) -> None:
    """Nothing ran between the 3rd and the 18th day: both reminders were due and went out in the same minute,
    the same words twice. The first goes now, the second four days after it (7 - 3), then no more."""
    await app[keys.DISPATCHER].submit(Inbound(
        channel="wechat", address="half-done", kind="event", event="subscribe", dedup_key=uuid.uuid4().hex,
        received_at=at("2026-03-01T10:00"), transport="wechat", at=at("2026-03-01T10:00")))
    await app[keys.DISPATCHER].submit(Inbound(
        channel="wechat", address="half-done", kind="text", dedup_key=uuid.uuid4().hex,
        received_at=at("2026-03-01T10:01"), text="1", transport="wechat", at=at("2026-03-01T10:01")))
    due = app[keys.DUE_WORK]
    await due.run_due(at("2026-03-18T10:00"))
    await due.run_due(at("2026-03-18T10:05"))
    assert [topic for _, _, topic, _ in await pushes(app)] == ["survey_reminder"]
    await due.run_due(at("2026-03-21T10:00"))
    assert len(await pushes(app)) == 1
    await due.run_due(at("2026-03-22T11:00"))
    assert len(await pushes(app)) == 2
    await due.run_due(at("2026-04-10T10:00"))
    assert len(await pushes(app)) == 2


async def test_a_survey_left_the_same_day_it_began_is_reminded(app: Any) -> None:
    """The lead's play of 2026-12-07: consent at 10:01, the name at 10:03, then silence — no reminder ever came.
    The reminder planned at consent found an answer after it and planned itself again from 10:03, three days
    on: the same day as itself, so the same (person, kind, day) key, and the new row was dropped. Three days
    after the last answer it goes (on the day it was planned for)."""
    async def person(text: str, when: str) -> Any:
        return await app[keys.DISPATCHER].submit(Inbound(
            channel="wechat", address="half-done", kind="text", dedup_key=uuid.uuid4().hex, received_at=at(when),
            text=text, transport="wechat", at=at(when)))

    await app[keys.DISPATCHER].submit(Inbound(
        channel="wechat", address="half-done", kind="event", event="subscribe", dedup_key=uuid.uuid4().hex,
        received_at=at("2026-03-01T10:00"), transport="wechat", at=at("2026-03-01T10:00")))
    await person("1", "2026-03-01T10:01")  # consent
    await person("王小明", "2026-03-01T10:03")  # then silence
    due = app[keys.DUE_WORK]
    await due.run_due(at("2026-03-04T11:00"))
    [(_, text, topic, _)] = await pushes(app)
    assert topic == "survey_reminder" and "身份证" in text
    await due.run_due(at("2026-03-08T11:00"))
    assert len(await pushes(app)) == 2  # and the second, seven days after the last answer
