"""`GET /simulator/inbox` with a cursor: the page asks for what is new, in the order it was delivered, and never
misses a push that was held back (due later) while later messages went out; the real night does not hold a
simulated person's push (the simulator plays dialog time, where the scheduler kept the quiet hours)."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select

from bot import keys
from bot.clock import FrozenClock
from storage.models import OutboxMessage, Person
from tests.survey.helpers import say

USER = "sim-inbox"


async def _queue(app: Any, *texts: str, solicited: bool = False, due: datetime | None = None) -> None:
    """Messages queued for the simulated USER as a unit of work queues them: pushes on "auto", replies on wechat;
    `due`: not to be sent before then (a retry's back-off, a reminder)."""
    async with app[keys.SESSIONS]() as session, session.begin():
        person_id = (await session.scalars(select(Person.id).where(Person.simulated.is_(True)))).one()
        for text in texts:
            session.add(OutboxMessage(person_id=person_id, channel="wechat" if solicited else "auto",
                                      body_enc=app[keys.CIPHER].encrypt(text), solicited=solicited,
                                      status="queued", next_attempt_at=due or app[keys.CLOCK].now(),
                                      created_at=app[keys.CLOCK].now()))
    app[keys.OUTBOX].wake()


async def _inbox(client: Any, after: str | None = None, want: int | None = None) -> dict[str, Any]:
    """The inbox answer; with `want`, once the outbox worker has delivered that many."""
    params = {"user": USER} | ({"after": after} if after is not None else {})
    for _ in range(500):
        resp = await client.get("/simulator/inbox", params=params)
        assert resp.status == 200
        answer: dict[str, Any] = await resp.json()
        if want is None or len(answer["messages"]) >= want:
            return answer
        await asyncio.sleep(0.02)
    raise AssertionError(f"the outbox worker delivered {answer['messages']}, not {want}")


async def test_after_a_cursor_only_what_is_new(client: Any) -> None:
    await say(client, USER, "你好")
    empty = await _inbox(client)
    assert empty == {"messages": [], "cursor": None}
    await _queue(client.server.app, "第一条推送", "第二条推送")
    first = await _inbox(client, want=2)
    assert [m["text"] for m in first["messages"]] == ["第一条推送", "第二条推送"]
    assert first["messages"][0]["id"] < first["messages"][1]["id"]
    assert (await _inbox(client, after=first["cursor"])) == {"messages": [], "cursor": first["cursor"]}
    await _queue(client.server.app, "第三条推送")
    third = await _inbox(client, after=first["cursor"], want=1)
    assert [m["text"] for m in third["messages"]] == ["第三条推送"]
    assert third["cursor"] != first["cursor"]
    assert [m["text"] for m in (await _inbox(client))["messages"]] == ["第一条推送", "第二条推送", "第三条推送"]


async def test_a_held_push_comes_after_the_cursor_of_later_replies(client: Any, clock: FrozenClock) -> None:
    """Ordered by id, the page would have moved past the held push and never shown it."""
    clock.set(datetime(2026, 11, 26, 7, 0, tzinfo=UTC))
    await say(client, USER, "你好")
    app = client.server.app
    await _queue(app, "还在厂里上班吗?", due=datetime(2026, 11, 26, 7, 30, tzinfo=UTC))  # a push due later
    await _queue(app, "这是对您消息的回复", solicited=True)  # a reply: goes now
    first = await _inbox(client, want=1)
    assert [m["text"] for m in first["messages"]] == ["这是对您消息的回复"]
    clock.set(datetime(2026, 11, 26, 7, 30, tzinfo=UTC))
    app[keys.OUTBOX].wake()
    later = await _inbox(client, after=first["cursor"], want=1)
    assert [m["text"] for m in later["messages"]] == ["还在厂里上班吗?"]
    assert later["messages"][0]["at"] == "2026-11-26T07:30:00+00:00"
    everything = (await _inbox(client))["messages"]
    assert [m["text"] for m in everything] == ["这是对您消息的回复", "还在厂里上班吗?"]
    assert everything[0]["id"] > everything[1]["id"]  # delivered in the other order than queued


async def test_the_real_night_does_not_hold_a_simulated_persons_push(client: Any, clock: FrozenClock) -> None:
    """`run-due --now <a morning in the season>` played at 23:00 real time: the check-in shows at once."""
    clock.set(datetime(2026, 11, 26, 15, 0, tzinfo=UTC))  # 23:00 in Shanghai: quiet hours for real people
    await say(client, USER, "你好")
    await _queue(client.server.app, "您还在东莞宏达电子厂上班吗?")
    pushed = await _inbox(client, want=1)
    assert [m["text"] for m in pushed["messages"]] == ["您还在东莞宏达电子厂上班吗?"]
