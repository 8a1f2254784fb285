"""On the simulator, with dated messages: a person registers as employed, gets a check-in two weeks later,
says the factory closed, goes through the unemployment registration, gets the benefit answer, and their
caseworker's masked alert is shown by the simulator (issue 11's done-when); replaying the same day changes
nothing."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from bot import keys
from storage.models import EventLog, InfoForm
from tests.casework.people import caseworker
from tests.checkins.helpers import pushes
from tests.survey.test_e2e import COLLOQUIAL

SH = ZoneInfo("Asia/Shanghai")
START = datetime(2026, 3, 1, 10, 0, tzinfo=SH)


async def sim(client: Any, at: datetime | str, text: str | None = None, event: str | None = None) -> Any:
    body: dict[str, Any] = {"user": "season-1", "at": at if isinstance(at, str) else at.isoformat()}
    body |= {"event": event} if event else {"text": text}
    resp = await client.post("/simulator/messages", json=body)
    return resp.status, await resp.json()


async def test_registered_as_employed_checked_in_two_weeks_later_and_the_job_loss_recorded(client: Any) -> None:
    app = client.server.app
    async with app[keys.SESSIONS]() as session, session.begin():
        await caseworker(session, app[keys.CIPHER], divisions=("520526",), webhook="http://127.0.0.1:9/never")
    await sim(client, START, event="subscribe")
    for i, line in enumerate([*COLLOQUIAL, "0"], 1):
        status, reply = await sim(client, START + timedelta(minutes=i), line)
        assert status == 200
    assert reply["replies"][0].startswith("谢谢! 您的信息已保存")
    async with app[keys.SESSIONS]() as session:
        form = await session.scalar(select(InfoForm))
    assert form is not None and form.updated_at.astimezone(SH).date() == START.date()  # the message's date

    due = app[keys.DUE_WORK]
    assert (await due.run_due(START + timedelta(days=13, hours=1))).counts["checkin submitted"] == 0
    two_weeks = START + timedelta(days=14, hours=1)
    assert (await due.run_due(two_weeks)).counts["checkin submitted"] == 1
    assert (await due.run_due(two_weeks)).counts["checkin submitted"] == 0  # the same day again: nothing
    [(_, text, topic, _)] = await pushes(app)
    assert topic == "checkin" and text.startswith("您好! 您还在长安镇的")
    assert "1. 在岗\n2. 已离职\n3. 换了工作" in text
    # A simulator user: the push lands in the simulator's inbox, never at a real gateway.
    inbox: list[Any] = []
    for _ in range(200):
        resp = await client.get("/simulator/inbox", params={"user": "season-1"})
        inbox = (await resp.json())["messages"]
        if inbox:
            break
        await asyncio.sleep(0.05)
    assert [m["text"] for m in inbox] == [text]

    status, reply = await sim(client, two_weeks + timedelta(hours=2), "厂子倒闭了")
    assert status == 200 and reply["replies"][0].startswith("很遗憾您没了工作") and reply["awaiting"] == "last_work_day"
    async with app[keys.SESSIONS]() as session:
        assert await session.scalar(select(InfoForm.employment_status)) == "unemployed"
    for minute, line in enumerate(["前天", "交了", "三年", "1 2"], 3):
        status, reply = await sim(client, two_weeks + timedelta(hours=2, minutes=minute), line)
    assert "您很可能能领失业保险金, 最长12个月" in reply["replies"][1] and "李书记" in reply["replies"][3]
    shown: list[Any] = []
    for _ in range(200):
        shown = [a for a in (await (await client.get("/simulator/alerts")).json())["alerts"]
                 if a["kind"] == "new_case" and a["status"] == "sent"]  # shown by the simulator, never sent out
        if shown:
            break
        await asyncio.sleep(0.05)
    [alert] = shown
    assert alert["caseworker"] == "李书记" and alert["status"] == "sent"
    assert alert["text"].startswith("【一对一帮扶】王*明 (138****5678, ")  # masked, never the ID number


async def test_a_bad_at_is_refused(client: Any) -> None:
    for bad in ("yesterday", 12, "2026-13-01T10:00"):
        resp = await client.post("/simulator/messages", json={"user": "u", "text": "你好", "at": bad})
        assert resp.status == 400 and "ISO-8601" in (await resp.json())["error"]


async def test_a_check_in_played_ahead_of_the_clock_is_dated_by_the_played_time(client: Any) -> None:
    """Playing a season a month ahead: the inbox dates the check-in by the day it was played for, as the
    alerts are, not by the real minute it was delivered."""
    app = client.server.app
    start = app[keys.CLOCK].now().astimezone(SH) + timedelta(days=100)  # after the 2027 Spring Festival holiday
    await sim(client, start, event="subscribe")
    for i, line in enumerate([*COLLOQUIAL, "0"], 1):
        await sim(client, start + timedelta(minutes=i), line)
    played = start + timedelta(days=14, hours=1)
    assert (await app[keys.DUE_WORK].run_due(played, clock_now=app[keys.CLOCK].now)).counts["checkin submitted"] == 1
    inbox: list[Any] = []
    for _ in range(200):
        inbox = (await (await client.get("/simulator/inbox", params={"user": "season-1"})).json())["messages"]
        if inbox:
            break
        await asyncio.sleep(0.05)
    [checkin] = inbox
    assert checkin["text"].startswith("您好! 您还在") and datetime.fromisoformat(checkin["at"]) == played


async def test_a_silent_wechat_users_reminder_comes_by_sms_to_the_phone_on_their_form(client: Any) -> None:
    """The ladder's reminder goes on the other channel: a simulated WeChat user who gave a phone number gets it
    as an SMS in the simulator (the simulator plays both channels), with no SMS gateway configured."""
    app = client.server.app
    await sim(client, START, event="subscribe")
    for i, line in enumerate([*COLLOQUIAL, "0"], 1):
        await sim(client, START + timedelta(minutes=i), line)
    due = app[keys.DUE_WORK]
    two_weeks = START + timedelta(days=14, hours=1)

    async def inbox_of(count: int) -> list[Any]:
        inbox: list[Any] = []
        for _ in range(400):
            resp = await client.get("/simulator/inbox", params={"user": "season-1"})
            inbox = (await resp.json())["messages"]
            if len(inbox) >= count:
                break
            await asyncio.sleep(0.05)
        return inbox

    assert (await due.run_due(two_weeks)).counts["checkin submitted"] == 1
    await inbox_of(1)  # sent (on WeChat) before the reminder is due, as two days apart
    assert (await due.run_due(two_weeks + timedelta(hours=49))).counts["checkin_reminder submitted"] == 1
    inbox = await inbox_of(2)
    assert [m["channel"] for m in inbox] == ["wechat", "sms"]
    # Each as it was sent: the SMS in its SMS rendering (one message, the options on one line).
    assert "1. 在岗\n2. 已离职" in inbox[0]["text"]
    assert inbox[1]["text"].startswith("前两天问过您") and "1在岗 2已离职 3换了工作" in inbox[1]["text"]


@pytest.mark.parametrize("text", ["有没有工地的活", "我想学个手艺"])
async def test_a_job_or_course_wanted_at_the_check_in_is_searched_and_the_check_in_stays_open(
        client: Any, text: str) -> None:
    """"有没有工地的活" at "您还在…上班吗?" was referred as a question, "我想学个手艺" was "没太明白", and the
    second such message handed the person to a caseworker."""
    app = client.server.app
    await sim(client, START, event="subscribe")
    for i, line in enumerate([*COLLOQUIAL, "0"], 1):
        await sim(client, START + timedelta(minutes=i), line)
    two_weeks = START + timedelta(days=14, hours=1)
    assert (await app[keys.DUE_WORK].run_due(two_weeks)).counts["checkin submitted"] == 1
    for minute in (1, 2, 3):
        status, reply = await sim(client, two_weeks + timedelta(minutes=minute), text)
        said = " ".join(reply["replies"])
        assert status == 200 and "暂时没有适合您的" in said, said  # searched (the catalogue is empty here)
        assert "没太明白" not in said and "转给了" not in said and "请工作人员联系您" not in said
    async with app[keys.SESSIONS]() as session:
        assert await session.scalar(select(EventLog.id).where(EventLog.kind == "human_requested")) is None
    # Still unanswered: its reminder asks it again two days on.
    report = await app[keys.DUE_WORK].run_due(two_weeks + timedelta(hours=49))
    assert report.counts["checkin_reminder submitted"] == 1
    assert [p[2] for p in await pushes(app)] == ["checkin", "checkin_reminder"]
