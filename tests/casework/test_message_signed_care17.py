"""A caseworker's words to a laborer say who writes. Before, `发消息 C3 明天上午到家里看看` (or 发短信, or a message
from the console) reached the laborer as the bare words, from the service's account: nobody's name on them, so the
laborer could not tell a caseworker's message from the bot's, nor whom to ask for. Now they are signed with the
writer's name and role in the laborer's language (【帮扶责任人李书记】…), never with the writer's phone; short
enough that a message of one SMS stays one SMS."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import select

from bot import keys
from bot.casework import open_assistance_case
from dialogs.i18n import LOCALES
from dialogs.sms_text import parts
from storage import repositories as repo
from storage.info_forms import upsert_info_form
from storage.models import ChannelAccount, OutboxMessage, Person
from tests.casework.files import NOW
from tests.casework.people import import_rows
from tests.survey.helpers import say

CASEWORKER, SUPERVISOR = "13985001717", "13985001718"


def test_every_role_in_every_locale_names_the_writer_and_keeps_one_sms_one_sms() -> None:
    from bot.casework.signature import ROLES, signed  # (here: the test below runs on the code before it too)

    words = "您好, 我是村里的工作人员, 明天上午十点到您家里看看, 请在家等一下, 有事回这个号码就行, 谢谢您"
    assert parts(words) == 1
    for locale in LOCALES:
        for role in ROLES:
            text = signed(words, name="李书记", role=role, locale=locale)
            assert text.endswith(words) and "李书记" in text and text != words, (locale, role)
    assert signed(words, name="李书记", role="caseworker", locale="zh_CN") == f"【帮扶责任人李书记】{words}"
    assert signed("明天来", name="赵主任", role="supervisor", locale="zh_CN") == "【就业帮扶主管赵主任】明天来"
    short = words[:58]  # a message of 58 characters, signed by a three-character name, is still one SMS
    assert parts(signed(short, name="李书记", role="caseworker", locale="zh_CN")) == 1


async def _simulated(app: Any, *, locale: str, openid: str) -> int:
    """A simulator person on WeChat inside its window, with a phone on the form and an open case."""
    cipher = app[keys.CIPHER]
    async with app[keys.SESSIONS]() as session, session.begin():
        person = Person(locale=locale, created_at=NOW, simulated=True, consent_at=NOW)
        session.add(person)
        await session.flush()
        await upsert_info_form(session, cipher, person_id=person.id, source="wechat", consent_at=NOW,
                               consent_version="2026-11", now=NOW,
                               record={"name": "王小红", "phone": "+8613800138017", "home_division": "520526100",
                                       "employment_status": "unemployed"})
        session.add(ChannelAccount(person_id=person.id, channel="wechat", address_enc=cipher.encrypt(openid),
                                   address_hash=repo.address_hash(cipher, "wechat", openid, simulated=True),
                                   created_at=NOW, last_inbound_at=app[keys.CLOCK].now() - timedelta(hours=2)))
        return (await open_assistance_case(session, cipher, person_id=person.id, now=NOW)).case_id


async def test_the_chats_messages_are_signed_by_their_writer(client: Any, tmp_path: Path) -> None:
    app = client.server.app
    await app[keys.OUTBOX].stop()
    await import_rows(app[keys.SESSIONS], app[keys.CIPHER], tmp_path, [
        ["赵主任", SUPERVISOR, "520526", "supervisor", "", "", "", ""],
        ["李书记", CASEWORKER, "520526100", "caseworker", SUPERVISOR, "", "", ""]], NOW)
    chinese = await _simulated(app, locale="zh_CN", openid="sim-care17-1")
    english = await _simulated(app, locale="en", openid="sim-care17-2")

    await say(client, CASEWORKER, f"发消息 C{chinese} 明天上午到家里看看", channel="sms")
    await say(client, SUPERVISOR, f"发短信 C{english} 明天上午来村委会", channel="sms")
    async with app[keys.SESSIONS]() as session:
        bodies = [app[keys.CIPHER].decrypt(m.body_enc) for m in await session.scalars(
            select(OutboxMessage).where(OutboxMessage.person_id.in_((chinese, english)),
                                        OutboxMessage.solicited.is_(False)).order_by(OutboxMessage.id))]
    assert bodies == ["【帮扶责任人李书记】明天上午到家里看看",
                      "[Employment assistance supervisor 赵主任] 明天上午来村委会"]
    assert not any(phone in body for body in bodies for phone in (CASEWORKER, SUPERVISOR))
