"""Someone a caseworker wrote to on WeChat who answers by SMS from the phone on their form (a number they never texted
from) reaches the caseworker. Before, the SMS was a stranger's first message: the link offer (请回复身份证后四位) took
its place and the words were lost; the caseworker heard nothing. Now the number, found on the form by the link
offer's own look-up, names the person: inside the window their words go to the writer as a 【本人回复】 and they are
told so, then asked to confirm the number as before. Outside a window the offer is as it was (a guard)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from bot import keys
from storage.models import Alert
from tests.console.conftest import Browser
from tests.console.world import World
from tests.people import say


async def test_an_sms_from_the_forms_phone_is_the_reply(console: Any, world: World, signed_in: Any) -> None:
    app = console.server.app
    laborer = world.people["a"]  # 王小红: only ever on WeChat, her phone on her form
    person_id = laborer.person_id
    b: Browser = await signed_in("supervisor")
    status, _, _ = await b.post(f"/console/people/{person_id}/message", {"text": "明天上午在家吗"})
    assert status == 303
    texted = await say(app, "sms", laborer.phone, "在家 上午都在 我新号13800138019")
    assert texted.replies[0].startswith("您的话已转给就业帮扶主管赵主管。\n"), texted.replies
    assert "后4位" in texted.replies[-1]  # the number is still to be confirmed before it is theirs
    async with app[keys.SESSIONS]() as session:
        # (The case's owner, 李书记, is sent a copy: care21.)
        [alert] = list(await session.scalars(select(Alert).where(
            Alert.kind == "person_replied", Alert.caseworker_id == world.accounts["supervisor"])))
    text = app[keys.CIPHER].decrypt(alert.body_enc)
    assert alert.person_id == person_id
    assert "在家 上午都在" in text and "13800138019" not in text and "138****8019" in text


async def test_without_a_message_the_sms_is_the_link_offer_alone(console: Any, world: World) -> None:
    app = console.server.app
    texted = await say(app, "sms", world.people["a"].phone, "在家")
    assert not any("已转给" in reply for reply in texted.replies) and "后4位" in texted.replies[-1]
    async with app[keys.SESSIONS]() as session:
        assert not list(await session.scalars(select(Alert).where(Alert.kind == "person_replied")))
