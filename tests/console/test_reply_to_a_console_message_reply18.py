"""A message sent from the console is answered like one from the chat: the laborer's reply (within the window) goes
back to the writer as a 【本人回复】 alert, the person told it was passed on; before, it went into the dialog they had
open and was seen only on the console's message list."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from bot import keys
from storage.models import Alert
from tests.console.conftest import Browser
from tests.console.world import World
from tests.people import say


async def test_a_reply_to_the_consoles_message_reaches_its_writer(
        console: Any, world: World, signed_in: Any) -> None:
    app = console.server.app
    openid = "oStranger0000000000000018"
    await say(app, "wechat", openid, event="subscribe")
    asked = await say(app, "wechat", openid, "找人工")
    b: Browser = await signed_in("supervisor")
    status, _, _ = await b.post(f"/console/people/{asked.person_id}/message", {"text": "您好，有什么事？"})
    assert status == 303
    replied = await say(app, "wechat", openid, "我想问问公益岗位 我电话13800138018")
    assert replied.replies == ("您的话已转给就业帮扶主管赵主管。要接着回答刚才的问题, 请回复 继续。",)
    async with app[keys.SESSIONS]() as session:
        [alert] = list(await session.scalars(select(Alert).where(
            Alert.person_id == asked.person_id, Alert.kind == "person_replied")))
    text = app[keys.CIPHER].decrypt(alert.body_enc)
    assert alert.caseworker_id == world.accounts["supervisor"]
    assert text.startswith("【本人回复】") and "我想问问公益岗位" in text and "13800138018" not in text
    # Its page lists the reply among the person's messages.
    _, page = await b.get(f"/console/people/{asked.person_id}")
    assert "我想问问公益岗位" in page
