"""The lead's play of 2026-12-07 (ninth stop): a woman asked for her data to be deleted; her caseworker verified it
by SMS (联系 A10 已核实 …) and nobody else ever heard of it — the alert says "由主管在后台删除", but only a
supervisor or an administrator may erase (bot/console/person.py), and no supervisor was told. Now the caseworker's
supervisor gets the request too, worded for what they have to do."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from bot import keys
from storage.models import Alert, ChannelAccount, Conversation
from tests.casework.test_caseworker_chat import _world
from tests.people import say


async def _alerts(app: Any, person_id: int) -> dict[int, str]:
    async with app[keys.SESSIONS]() as session:
        rows = list(await session.scalars(select(Alert).where(Alert.person_id == person_id).order_by(Alert.id)))
    return {row.caseworker_id: app[keys.CIPHER].decrypt(row.body_enc) for row in rows}


async def test_a_request_to_delete_reaches_the_supervisor_who_can_erase(client: Any) -> None:
    app = client.server.app
    w = await _world(app)
    cipher = app[keys.CIPHER]
    async with app[keys.SESSIONS]() as session, session.begin():  # 王小红, on record in 草海镇: 李书记's, under 张主任
        session.add(ChannelAccount(person_id=w["person"], channel="sms", address_enc=cipher.encrypt("+8613800138000"),
                                   address_hash=cipher.blind_index("sms", "+8613800138000")))
        session.add(Conversation(person_id=w["person"], state={"v": 1, "consent": {"given": True}}))
    asked = await say(app, "sms", "+8613800138000", "把我的信息删了")
    assert asked.person_id == w["person"]
    sent = await _alerts(app, asked.person_id)
    assert set(sent) == {w["li"], w["boss"]}, sent
    assert sent[w["li"]].startswith("【删除信息】") and "由主管在后台删除" in sent[w["li"]]
    to_boss = sent[w["boss"]]
    assert to_boss.startswith("【删除信息】") and "李书记" in to_boss and "后台" in to_boss, to_boss
    assert "13800138000" not in to_boss and "王小红" not in to_boss
    # The supervisor's list names it for what it is.
    listing = await say(app, "wechat", "oZhangZhuren0000000000001", "列表")
    assert "要求删除个人信息" in "\n".join(listing.replies), listing.replies
    # Asked again the same day: nobody is told twice.
    await say(app, "sms", "+8613800138000", "快把我的信息删掉")
    assert len(await _alerts(app, asked.person_id)) == 2


async def test_a_supervisor_responsible_themselves_gets_one_alert(client: Any) -> None:
    """A guard: someone nobody below covers is the supervisor's own; one alert, as before."""
    app = client.server.app
    w = await _world(app)
    await say(app, "sms", "+8613800138009", "我要登记")
    await say(app, "sms", "+8613800138009", "同意")
    asked = await say(app, "sms", "+8613800138009", "把我的信息删了")
    async with app[keys.SESSIONS]() as session:
        rows = list(await session.scalars(select(Alert).where(Alert.person_id == asked.person_id)))
    assert [row.caseworker_id for row in rows] == [w["boss"]]
