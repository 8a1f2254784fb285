"""`发短信 C3 …` goes by SMS. Before, 发短信 was another word for 发消息: the outbox chose, and someone who wrote on
WeChat in the last 48 hours got it on WeChat, though the caseworker said 短信 (the person may not read WeChat).
Now it is queued SMS-first (the outbox's `auto-sms` route, the channel it went by recorded on the row), and refused
with a word when there is no number to text; `发消息` keeps choosing (a guard)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import select

from bot import keys
from bot.casework import open_assistance_case
from dialogs.flows.caseworker import parse
from storage import repositories as repo
from storage.info_forms import upsert_info_form
from storage.models import AuditLog, ChannelAccount, OutboxMessage, Person
from tests.casework.files import NOW
from tests.casework.people import import_rows
from tests.survey.helpers import say

PHONE = "13985001515"


def test_the_sms_verbs_are_their_own_command() -> None:
    assert parse("发短信 C3 明天来村委会")["action"] == "sms_message"  # type: ignore[index]
    assert parse("短信C3 明天来村委会")["action"] == "sms_message"  # type: ignore[index]
    assert parse("发消息 C3 明天来村委会")["action"] == "message"  # type: ignore[index]


async def _simulated(app: Any, name: str, *, phone: str | None, openid: str) -> int:
    """A simulator person on WeChat, inside its 48-hour window, with (or without) a phone on their form."""
    cipher = app[keys.CIPHER]
    async with app[keys.SESSIONS]() as session, session.begin():
        person = Person(locale="zh_CN", created_at=NOW, simulated=True, consent_at=NOW)
        session.add(person)
        await session.flush()
        await upsert_info_form(session, cipher, person_id=person.id, source="wechat", consent_at=NOW,
                               consent_version="2026-11", now=NOW,
                               record={"name": name, "phone": phone, "home_division": "520526100",
                                       "employment_status": "unemployed"})
        session.add(ChannelAccount(person_id=person.id, channel="wechat", address_enc=cipher.encrypt(openid),
                                   address_hash=repo.address_hash(cipher, "wechat", openid, simulated=True),
                                   created_at=NOW, last_inbound_at=app[keys.CLOCK].now() - timedelta(hours=2)))
        return (await open_assistance_case(session, cipher, person_id=person.id, now=NOW)).case_id


async def test_a_caseworker_who_says_sms_sends_an_sms(client: Any, tmp_path: Path) -> None:
    app = client.server.app
    await app[keys.OUTBOX].stop()
    await import_rows(app[keys.SESSIONS], app[keys.CIPHER], tmp_path, [
        ["李书记", PHONE, "520526", "caseworker", "", "", "", ""]], NOW)
    texted = await _simulated(app, "王小红", phone="+8613800138015", openid="sim-care15-1")
    no_phone = await _simulated(app, "钱七", phone=None, openid="sim-care15-2")

    sent = await say(client, PHONE, f"发短信 C{texted} 明天上午来村委会", channel="sms")
    assert sent["replies"] == [f"已把您的话用短信发给 C{texted} 的本人 (夜间的到早上再送)。"
                                "\n本人72小时内的回复会转给您。"]
    chose = await say(client, PHONE, f"发消息 C{texted} 带上身份证", channel="sms")
    assert chose["replies"] == [f"已把您的话发给 C{texted} 的本人 (微信或短信, 夜间的到早上再送)。"
                                "\n本人72小时内的回复会转给您。"]
    refused = await say(client, PHONE, f"发短信 C{no_phone} 明天上午来村委会", channel="sms")
    assert refused["replies"] == [f"C{no_phone} 的本人没留手机号, 发不了短信, 没有发。"
                                  f"回复 发消息 C{no_phone} 加要说的话, 经本人用的微信发给本人。"]
    assert (await say(client, PHONE, f"发短信 C{texted}", channel="sms"))["replies"][0].startswith(
        "请写上要用短信发给本人的话")

    worker = app[keys.OUTBOX]
    while await worker.run_once():
        pass
    async with app[keys.SESSIONS]() as session:
        rows = [(app[keys.CIPHER].decrypt(m.body_enc), m.channel, m.status) for m in await session.scalars(
            select(OutboxMessage).where(OutboxMessage.person_id.in_((texted, no_phone)))
            .order_by(OutboxMessage.id))]
        audit = list(await session.scalars(select(AuditLog.detail).where(AuditLog.action == "chat_message")))
    # The SMS went by SMS although WeChat's window was open; 发消息 chose WeChat (inside the window), as before.
    # Signed by their writer (care17).
    assert rows == [("【帮扶责任人李书记】明天上午来村委会", "sms", "sent"),
                    ("【帮扶责任人李书记】带上身份证", "wechat", "sent")]
    assert len(audit) == 2 and '"via": "sms"' in audit[0]
