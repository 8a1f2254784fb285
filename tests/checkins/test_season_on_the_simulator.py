"""On the simulator, with dated messages: a person registers as employed, gets a check-in two weeks later,
says the factory closed, and the record follows; replaying the same day changes nothing."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select

from bot import keys
from storage.models import InfoForm
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
    await sim(client, START, event="subscribe")
    for i, line in enumerate([*COLLOQUIAL, "0"], 1):
        status, reply = await sim(client, START + timedelta(minutes=i), line)
        assert status == 200
    assert reply["replies"][-1].startswith("谢谢! 您的信息已保存")
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
    assert status == 200 and "没有工作" in reply["replies"][0]
    async with app[keys.SESSIONS]() as session:
        assert await session.scalar(select(InfoForm.employment_status)) == "unemployed"


async def test_a_bad_at_is_refused(client: Any) -> None:
    for bad in ("yesterday", 12, "2026-13-01T10:00"):
        resp = await client.post("/simulator/messages", json={"user": "u", "text": "你好", "at": bad})
        assert resp.status == 400 and "ISO-8601" in (await resp.json())["error"]
