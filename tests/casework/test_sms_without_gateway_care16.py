"""`发短信 C3 …` where no SMS gateway is set up. Before, the words were queued SMS-first and the caseworker told
`已把您的话用短信发给 C3 的本人`; with no SMS sender the outbox routed the row to WeChat, so the person got it on
WeChat (or, outside the 48-hour window, maybe not at all) while the caseworker believed an SMS went. Now the command
says plainly that no SMS can go and nothing was sent, and how to send by WeChat (发消息); with a gateway it goes by
SMS as before (a guard)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from bot import keys
from bot.casework import open_assistance_case
from storage.models import OutboxMessage
from tests.casework.files import NOW
from tests.casework.people import caseworker, laborer
from tests.fakes.recording_sender import RecordingSender
from tests.people import say

OPENID = "oLiShuji000000000000000316"


async def test_an_sms_with_no_gateway_is_refused_in_words_and_goes_once_there_is_one(client: Any) -> None:
    app = client.server.app
    cipher = app[keys.CIPHER]
    async with app[keys.SESSIONS]() as session, session.begin():
        await caseworker(session, cipher, phone="+8613900000316", divisions=("520526100",), openid=OPENID)
        person = await laborer(session, cipher, NOW)
        case = (await open_assistance_case(session, cipher, person_id=person, now=NOW)).case_id

    refused = await say(app, "wechat", OPENID, f"发短信 C{case} 明天上午来村委会")
    assert refused.replies == (f"本系统没有接短信网关, 短信发不出去, C{case} 的话没有发。"
                               f"回复 发消息 C{case} 加要说的话, 经本人用的微信发给本人。",)
    async with app[keys.SESSIONS]() as session:
        assert (await session.scalars(select(OutboxMessage.id).where(OutboxMessage.person_id == person))).all() == []

    app[keys.OUTBOX].add_sender(RecordingSender(channel="sms"))
    sent = await say(app, "wechat", OPENID, f"发短信 C{case} 明天上午来村委会")
    assert sent.replies == (f"已把您的话用短信发给 C{case} 的本人 (夜间的到早上再送)。"
                            "\n\n本人72小时内的回复会转给您。",)
