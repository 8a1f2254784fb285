"""A rights report from someone on WeChat who never did the survey reached the caseworker as "(未登记姓名) (无手机号,
地址不详) 反映拖欠工资": nothing to act on, and `电话 C1` answered "(未登记姓名) -". The alert now says they write on
WeChat, that they are not registered, what they said (numbers masked) and how to reach them; the chat's 发消息 C1 …
sends them the caseworker's words."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from bot import keys
from bot.casework import cases
from storage.models import Alert, AuditLog, OutboxMessage
from tests.casework.files import NOW
from tests.casework.people import caseworker, laborer
from tests.people import say

CASEWORKER = "oLiShuji00000000000000care14"
LABORER = "oNeverSurveyed00000000000001"


async def test_a_rights_report_from_someone_unregistered_says_what_is_known_and_how_to_reach_them(
    client: Any,
) -> None:
    app = client.server.app
    cipher = app[keys.CIPHER]
    async with app[keys.SESSIONS]() as session, session.begin():
        await caseworker(session, cipher, divisions=("52",), openid=CASEWORKER)
    await say(app, "wechat", LABORER, event="subscribe")
    await say(app, "wechat", LABORER, "1")  # consent; the survey asks the name
    reported = await say(app, "wechat", LABORER, "老板拖了俩月工资不给 他电话13912345678")
    async with app[keys.SESSIONS]() as session:
        [alert] = list(await session.scalars(select(Alert).where(Alert.kind == "rights_case")))
    text = cipher.decrypt(alert.body_enc)
    assert text == (
        "【权益维护】(未登记姓名) (只用微信, 没留手机号, 地址不详) 反映拖欠工资, 本人还没登记, 请尽快核实 (案件 "
        f"C{alert.case_id})。没有号码, 回复 发消息 C{alert.case_id} 加要说的话, 经公众号发给本人。"
        "原话: 老板拖了俩月工资不给 他电话139****5678")
    ref = f"C{alert.case_id}"
    listed = await say(app, "wechat", CASEWORKER, "列表")
    assert "(未登记姓名) 只用微信, 没留手机号 地址不详: " in listed.replies[0]
    phone = await say(app, "wechat", CASEWORKER, f"电话 {ref}")
    assert phone.replies == (f"{ref} 的本人没留手机号。回复 发消息 {ref} 加要说的话, 经本人用的微信或短信发给本人。",)
    sent = await say(app, "wechat", CASEWORKER, f"发消息 {ref} 您好, 我是村里的李书记, 您说的欠薪我们在核实")
    assert sent.replies == (f"已把您的话发给 {ref} 的本人 (微信或短信, 夜间的到早上再送)。"
                            "\n\n本人72小时内的回复会转给您。",)
    async with app[keys.SESSIONS]() as session:
        messages = [cipher.decrypt(m.body_enc) for m in await session.scalars(select(OutboxMessage).where(
            OutboxMessage.person_id == reported.person_id, OutboxMessage.solicited.is_(False)))]
        audited = list(await session.scalars(select(AuditLog.action).where(AuditLog.action == "chat_message")))
    assert messages == ["【帮扶责任人李书记】您好, 我是村里的李书记, 您说的欠薪我们在核实"]  # signed (care17)
    assert audited == ["chat_message"]
    # Without words, what to write is asked for; nothing is sent.
    asked = await say(app, "wechat", CASEWORKER, f"发消息 {ref}")
    assert asked.replies[0].startswith("请写上要发给本人的话")
    # Too long for one message: said so, never cut (the person would read half of it).
    long = await say(app, "wechat", CASEWORKER, f"发消息 {ref} " + "您好" * 251)
    assert long.replies == ("要发给本人的话太长了, 请分开发, 每条不超过500个字。",)
    async with app[keys.SESSIONS]() as session:
        count = len(list(await session.scalars(select(OutboxMessage.id).where(
            OutboxMessage.person_id == reported.person_id, OutboxMessage.solicited.is_(False)))))
    assert count == 1


async def test_a_rights_report_from_someone_surveyed_is_worded_as_before(client: Any) -> None:
    """A guard: someone with a form is named in the alert, without the words or the ways to reach them."""
    app = client.server.app
    cipher = app[keys.CIPHER]
    async with app[keys.SESSIONS]() as session, session.begin():
        await caseworker(session, cipher)
        person = await laborer(session, cipher, NOW)
        opened = await cases.open_rights_case(session, cipher, person_id=person, issue="wage_arrears", now=NOW)
    async with app[keys.SESSIONS]() as session:
        [alert] = list(await session.scalars(select(Alert)))
    assert cipher.decrypt(alert.body_enc) == (
        "【权益维护】王*红 (138****8000, 威宁彝族回族苗族自治县草海镇) 反映拖欠工资, "
        f"请尽快核实 (案件 C{opened.case_id})。")


async def test_a_report_held_until_consent_by_sms_gives_the_number_to_call(client: Any) -> None:
    """By SMS the number is known: the alert says how to see it; the words told before consent were not kept, and
    the alert says so (it quoted "-")."""
    app = client.server.app
    cipher = app[keys.CIPHER]
    async with app[keys.SESSIONS]() as session, session.begin():
        await caseworker(session, cipher, divisions=("52",))
    await say(app, "sms", "+8613800138055", "老板欠我两个月工资不给")
    await say(app, "sms", "+8613800138055", "1")
    async with app[keys.SESSIONS]() as session:
        [alert] = list(await session.scalars(select(Alert).where(Alert.kind == "rights_case")))
    assert cipher.decrypt(alert.body_enc) == (
        "【权益维护】(未登记姓名) (138****8055, 地址不详) 反映拖欠工资, 本人还没登记, "
        f"请尽快核实 (案件 C{alert.case_id})。回复 电话 C{alert.case_id} 看号码。"
        "原话: (同意登记前说的, 按规定没有保存)")
