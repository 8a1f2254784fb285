"""The lead's play of 2026-12-06 (sixth stop): a laborer asking for a person with his question in the same breath
(找人工 我想问问公益岗位咋报名), and the caseworker answering from the SMS chat (回复 A15 公益岗位由村里报名 …)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from bot import keys
from bot.casework import open_rights_cases
from storage.models import Alert, AssistanceCase, ContactRecord
from tests.casework.files import NOW
from tests.casework.test_caseworker_chat import _world
from tests.people import say


async def test_what_they_asked_for_goes_with_a_request_for_a_person(client: Any) -> None:
    """The alert said only 想找工作人员; the question beside 找人工 was lost."""
    app = client.server.app
    await _world(app)
    asked = await say(app, "sms", "+8613800138009", "找人工 我想问问公益岗位咋报名 电话13800138009")
    async with app[keys.SESSIONS]() as session:
        [alert] = list(await session.scalars(select(Alert).where(Alert.person_id == asked.person_id)))
    text = app[keys.CIPHER].decrypt(alert.body_enc)
    assert alert.kind == "human_requested"
    assert "原话: 找人工 我想问问公益岗位咋报名" in text, text
    assert "13800138009" not in text


async def test_a_bare_request_for_a_person_is_worded_as_before(client: Any) -> None:
    """A guard: 人工 alone has no words to quote."""
    app = client.server.app
    await _world(app)
    asked = await say(app, "sms", "+8613800138009", "人工")
    async with app[keys.SESSIONS]() as session:
        [alert] = list(await session.scalars(select(Alert).where(Alert.person_id == asked.person_id)))
    assert "原话" not in app[keys.CIPHER].decrypt(alert.body_enc)


async def test_words_written_when_a_request_is_answered_are_kept(client: Any) -> None:
    """回复 A15 公益岗位由村里报名 下周一我去村里找你 said 已联系本人 and dropped the words."""
    app = client.server.app
    await _world(app)
    asked = await say(app, "sms", "+8613800138009", "找人工")
    async with app[keys.SESSIONS]() as session:
        [alert] = list(await session.scalars(select(Alert).where(Alert.person_id == asked.person_id)))
    ref = f"A{alert.id}"
    boss = "oZhangZhuren0000000000001"
    replies = (await say(app, "wechat", boss, f"回复 {ref} 公益岗位由村里报名 下周一我去村里找你")).replies
    assert replies == (f"已记录 {ref} 的联系, 您写的情况已存入联系记录。",)
    async with app[keys.SESSIONS]() as session:
        [record] = list(await session.scalars(select(ContactRecord).where(
            ContactRecord.person_id == asked.person_id)))
        reached = await session.get(Alert, alert.id)
    assert app[keys.CIPHER].decrypt(record.note_enc) == "公益岗位由村里报名 下周一我去村里找你"
    assert record.kind == "contact"
    assert reached is not None and reached.acknowledged_at is not None


async def test_several_cases_closed_in_one_command(client: Any) -> None:
    """The lead's play of 2026-12-07 (seventh stop): 结案 C1 C2 C3 已协调老板补发工资 closed C1 alone (C2 and C3 stayed
    open, their reason taken as "C2 C3 已协调…"). Each is closed with the reason, and each said back."""
    app = client.server.app
    w = await _world(app)
    c = app[keys.CIPHER]
    async with app[keys.SESSIONS]() as session, session.begin():
        [second] = await open_rights_cases(session, c, person_id=w["person"], issues=["no_contract"], now=NOW)
    first, other = w["case"], second.case_id
    boss = "oZhangZhuren0000000000001"
    replies = (await say(app, "wechat", boss, f"结案 C{first} C{other}、C{w['theirs']} 已协调老板补发工资")).replies
    # (On WeChat the answers go as one message.) Another caseworker's case is not theirs to close.
    assert replies == (f"C{first} 已结案。\n\nC{other} 已结案。\n\n没有找到 C{w['theirs']}, 或不归您负责。",), replies
    async with app[keys.SESSIONS]() as session:
        closed = {case.id: case for case in await session.scalars(select(AssistanceCase).where(
            AssistanceCase.id.in_([first, other, w["theirs"]])))}
    assert [closed[n].status for n in (first, other, w["theirs"])] == ["closed", "closed", "open"]
    assert closed[first].close_reason == closed[other].close_reason == "已协调老板补发工资"
