"""Erasure reaches the caseworker's side of the chat. Before, a caseworker who had asked `电话 C3` (the reply
carries the laborer's full name and phone) or written the number or ID number into a command (`联系 C3 …`,
`结案 C3 …`) kept all of it after the person was erased: their own inbound and outbox rows (not the person's),
the event log's plain-text `reason` of the command, and the closed case's close reason. Now erasure blanks every
caseworker chat row, event and closing reason that holds the person's name, phone or ID number, and a command's
free text is no longer written to the event log at all."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import select

from bot import keys
from bot.casework import open_assistance_case, open_visit_task
from bot.casework.cases import create_registration
from bot.erasure import erase_person
from storage.models import EventLog, OutboxMessage
from tests.casework.files import NOW
from tests.casework.people import caseworker, laborer
from tests.console.test_erasing_a_person import _holding
from tests.fakes.identity import make_id
from tests.people import say

OPENID = "oLiShuji000000000000000015"
CASEWORKER_PHONE = "+8613900000015"
ID_NUMBER = make_id("520526", NOW.date().replace(year=1979), 15)


async def test_what_a_caseworker_was_told_or_wrote_about_a_person_goes_with_their_erasure(client: Any) -> None:
    app = client.server.app
    cipher = app[keys.CIPHER]
    async with app[keys.SESSIONS]() as session, session.begin():
        li = await caseworker(session, cipher, phone=CASEWORKER_PHONE, divisions=("520526100",), openid=OPENID)
        person = await laborer(session, cipher, NOW, id_number=ID_NUMBER)
        other = await laborer(session, cipher, NOW, name="钱七", phone="+8613800138001")
        registration = await create_registration(
            session, person_id=person, last_work_day=None, job_loss_reason="laid_off", insured="no",
            insured_years=None, wants_services=[], benefit_likely=False, benefit_months=None, now=NOW)
        case = (await open_assistance_case(session, cipher, person_id=person, now=NOW,
                                           registration_id=registration.id)).case_id
        visit = await open_visit_task(session, cipher, person_id=person, reason="no_answer",
                                      due_at=NOW + timedelta(days=3), now=NOW, dedup_key="visit:care15")
        theirs = (await open_assistance_case(session, cipher, person_id=other, now=NOW)).case_id
    assert li

    assert (await say(app, "wechat", OPENID, f"电话 C{case}")).replies == (f"C{case}: 王小红 13800138000 (查看已记录)",)
    assert "13800138000" in (await say(app, "sms", CASEWORKER_PHONE, f"电话 T{visit}")).replies[0]
    await say(app, "wechat", OPENID, f"联系 C{case} 王小红换号了 138 0013 8000 身份证{ID_NUMBER}")
    await say(app, "wechat", OPENID, f"结案 C{case} 王小红去浙江了")
    # Someone else's record, and the caseworker's own words with nobody's data in them, are kept as they were.
    await say(app, "wechat", OPENID, f"电话 C{theirs}")
    secrets = ["王小红", "13800138000", ID_NUMBER]
    assert {table for table, _ in await _holding(app, secrets)} >= {"inbound_message", "outbox_message",
                                                                   "assistance_case"}

    async with app[keys.SESSIONS]() as session, session.begin():
        await erase_person(session, cipher, person, actor="operator:test", via="cli", now=app[keys.CLOCK].now())

    # Only the kept registration (the legal retention) holds the name and ID number; nothing holds the phone.
    assert await _holding(app, secrets) == {("unemployment_registration", "kept_name"),
                                            ("unemployment_registration", "kept_id_number_enc")}
    async with app[keys.SESSIONS]() as session:
        bodies = [cipher.decrypt(body) for body in await session.scalars(select(OutboxMessage.body_enc))]
        commands = list(await session.scalars(select(EventLog.data).where(EventLog.kind == "caseworker.command")))
    assert any("钱七 13800138001" in body for body in bodies)  # the other person's reply is untouched
    assert sum("已删除" in body for body in bodies) == 2  # the two replies that named the erased person
    assert all("reason" not in data for data in commands), commands
