"""A message written from the console at 22:00 waits in the outbox until sending opens at 08:00; the reply window
opens then. Before, the person writing to the bot at 23:00 (before they had the message) was told their words went to
the caseworker, and the caseworker got them as a 【本人回复】; now they go to the dialog, and after 08:00 a message is
passed on as before. (The chat's 发消息 goes through the same marker:
tests/casework/test_reply_window_opens_on_delivery_care19.py.)"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import select

from bot import keys
from bot.clock import FrozenClock
from storage import repositories as repo
from storage.models import Alert, CaseworkerAddress
from tests.console.conftest import Browser
from tests.console.world import PHONES, World
from tests.people import say


@pytest.fixture
def clock() -> FrozenClock:
    return FrozenClock(datetime(2026, 11, 26, 14, 0, tzinfo=UTC))  # 22:00 in Shanghai: quiet hours


async def test_a_message_written_at_night_is_answered_after_it_arrives(
        console: Any, world: World, signed_in: Any, clock: FrozenClock) -> None:
    app = console.server.app
    openid = "oStranger0000000000000019"
    await say(app, "wechat", openid, event="subscribe")
    asked = await say(app, "wechat", openid, "找人工")
    b: Browser = await signed_in("supervisor")
    status, _, _ = await b.post(f"/console/people/{asked.person_id}/message", {"text": "明天上午给您打电话"})
    assert status == 303
    clock.advance(timedelta(hours=1))  # 23:00: the message is still in the outbox
    night = await say(app, "wechat", openid, "你们几点上班")
    assert not any("已转给" in reply for reply in night.replies), night.replies
    clock.set(datetime(2026, 11, 27, 0, 30, tzinfo=UTC))  # 08:30: it went out at 08:00
    morning = await say(app, "wechat", openid, "明天几点打来")
    assert morning.replies == ("您的话已转给就业帮扶主管赵主管。要接着回答刚才的问题, 请回复 继续。",)
    async with app[keys.SESSIONS]() as session:
        alerts = list(await session.scalars(select(Alert).where(
            Alert.person_id == asked.person_id, Alert.kind == "person_replied")))
    assert [app[keys.CIPHER].decrypt(a.body_enc).count("明天几点打来") for a in alerts] == [1]


async def test_the_chats_message_at_night_too(console: Any, world: World, clock: FrozenClock) -> None:
    """发消息 from the caseworker's chat at 22:00: the same marker, its window opening at 08:00."""
    app = console.server.app
    a = world.people["a"]
    async with app[keys.SESSIONS]() as session, session.begin():
        session.add(CaseworkerAddress(caseworker_id=world.accounts["caseworker_a"], channel="sms", address_hash=(
            repo.address_hash(app[keys.CIPHER], "sms", PHONES["caseworker_a"], simulated=False))))
    sent = await say(app, "sms", PHONES["caseworker_a"], f"发消息 C{a.case_id} 明天上午在家吗")
    assert any("已把您的话" in reply for reply in sent.replies), sent.replies
    openid = f"o-{a.name}-11"
    clock.advance(timedelta(hours=1))
    night = await say(app, "wechat", openid, "明天几点到")
    assert not any("已转给" in reply for reply in night.replies), night.replies
    clock.set(datetime(2026, 11, 27, 0, 30, tzinfo=UTC))
    morning = await say(app, "wechat", openid, "明天几点到")
    assert morning.replies and morning.replies[0].startswith("您的话已转给帮扶责任人"), morning.replies
