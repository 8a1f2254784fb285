"""列表 逾期 (SMS or WeChat): only what is past its deadline, by the message's time — the clock, or the time played on
the simulator (`at`), so that a season played ahead of the clock shows what it made overdue (the list marked 已逾期
only once the sweep had run, and had no filter: a caseworker behind on their round read every open item)."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select

from bot import keys
from dialogs.sms_text import MAX_PARTS, parts
from dialogs.types import Inbound
from storage import repositories as repo
from storage.models import CaseworkerAddress, InboundMessage, OutboxMessage
from tests.console.world import World

PHONE = "13985007777"


async def _as_caseworker(app: Any, world: World) -> None:
    async with app[keys.SESSIONS]() as session, session.begin():
        session.add(CaseworkerAddress(caseworker_id=world.accounts["caseworker_a"], channel="sms",
                                      address_hash=repo.address_hash(app[keys.CIPHER], "sms", PHONE,
                                                                     simulated=False)))


async def _say(app: Any, text: str, at: datetime) -> list[str]:
    """A message at `at` (the simulator's `at`), and the SMS it queued."""
    dedup_key = uuid.uuid4().hex
    await app[keys.DISPATCHER].submit(Inbound(
        channel="sms", address=PHONE, kind="text", dedup_key=dedup_key, received_at=at, at=at, text=text,
        transport="kannel"))
    async with app[keys.SESSIONS]() as session:
        bodies = await session.scalars(
            select(OutboxMessage.body_enc).join(InboundMessage, InboundMessage.id == OutboxMessage.inbound_id)
            .where(InboundMessage.channel == "sms", InboundMessage.dedup_key == dedup_key).order_by(OutboxMessage.id))
        return [app[keys.CIPHER].decrypt(body) for body in bodies]


async def test_the_overdue_list_goes_by_the_messages_time(console: Any, world: World) -> None:
    app = console.server.app
    await _as_caseworker(app, world)
    now = app[keys.CLOCK].now()
    a = world.people["a"]
    assert await _say(app, "列表 逾期", now) == ["您现在没有逾期的案件和任务。回复 列表 看全部待办。"]
    everything = "\n".join(await _say(app, "列表", now))
    assert f"R{a.registration_id}" in everything and "已逾期" not in everything

    # Ten days on (played on the simulator, or the clock), no sweep run since: the first contacts and the visits are
    # past their deadlines.
    later = now + timedelta(days=10)
    [overdue] = await _say(app, "列表 逾期", later)
    assert overdue.startswith("逾期") and f"C{a.case_id}" in overdue and f"T{a.task_id}" in overdue, overdue
    assert "已逾期" in overdue and f"R{a.registration_id}" not in overdue  # nothing waiting that is not late
    assert parts(overdue) <= MAX_PARTS, overdue
    listing = "\n".join(await _say(app, "列表", later))
    assert f"C{a.case_id}" in listing and "已逾期" in listing and f"R{a.registration_id}" in listing
