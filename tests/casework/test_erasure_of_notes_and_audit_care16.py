"""Erasure reaches the copies care15's scan left. Before, once a person was erased their name, phone and ID number
were still in: a caseworker's contact note on SOMEONE ELSE's case (`联系 C5 他说王小红也在那个厂 138 0013 8000`:
only the notes of the person's own records were blanked), someone else's case closed with a reason naming them
(`结案 C5 和王小红一起去浙江了`), the kept registration's decision note in the caseworker's words (`退回 R3 王小红
身份证…不对`), and an audit-log detail (an unmasked export's file named after them). Now each has the person's
name and numbers replaced by 【已删除】 ([erased] in the audit log) and keeps the rest (the other person's history,
the reason of the decision, who exported what and when)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import select

from bot import keys
from bot.casework import open_assistance_case
from bot.casework.cases import create_registration
from bot.erasure import erase_person
from bot.export_file import audit_unmasked
from storage.models import AssistanceCase, AuditLog, ContactRecord, UnemploymentRegistration
from tests.casework.files import NOW
from tests.casework.people import caseworker, laborer
from tests.console.test_erasing_a_person import _holding
from tests.fakes.identity import make_id
from tests.people import say

OPENID = "oLiShuji000000000000000016"
ID_NUMBER = make_id("520526", NOW.date().replace(year=1980), 16)


async def test_notes_on_others_records_a_registrations_decision_and_the_audit_log_lose_the_person(
        client: Any) -> None:
    app = client.server.app
    cipher = app[keys.CIPHER]
    async with app[keys.SESSIONS]() as session, session.begin():
        await caseworker(session, cipher, phone="+8613900000016", divisions=("520526100",), openid=OPENID)
        person = await laborer(session, cipher, NOW, id_number=ID_NUMBER)
        other = await laborer(session, cipher, NOW, name="钱七", phone="+8613800138001")
        registration = (await create_registration(
            session, person_id=person, last_work_day=None, job_loss_reason="laid_off", insured="no",
            insured_years=None, wants_services=[], benefit_likely=False, benefit_months=None, now=NOW)).id
        theirs = (await open_assistance_case(session, cipher, person_id=other, now=NOW)).case_id

    await say(app, "wechat", OPENID, f"联系 C{theirs} 他说王小红也在那个厂 电话138 0013 8000")
    await say(app, "wechat", OPENID, f"结案 C{theirs} 和王小红一起去浙江了 不找了")
    await say(app, "wechat", OPENID, f"退回 R{registration} 王小红的身份证号{ID_NUMBER}对不上")
    await audit_unmasked(app[keys.SESSIONS], what="registrations", fmt="xlsx", division=None, rows=1,
                         out=Path("/tmp/王小红13800138000.xlsx"), now=app[keys.CLOCK].now(), actor="operator:test")
    secrets = ["王小红", "13800138000", ID_NUMBER]
    assert {("contact_record", "note_enc"), ("unemployment_registration", "decision_note"),
            ("audit_log", "detail"), ("assistance_case", "close_reason")} <= await _holding(app, secrets)

    async with app[keys.SESSIONS]() as session, session.begin():
        await erase_person(session, cipher, person, actor="operator:test", via="cli", now=app[keys.CLOCK].now())

    assert await _holding(app, secrets) == {("unemployment_registration", "kept_name"),
                                            ("unemployment_registration", "kept_id_number_enc")}
    async with app[keys.SESSIONS]() as session:
        notes = [cipher.decrypt(note) for note in await session.scalars(
            select(ContactRecord.note_enc).where(ContactRecord.person_id == other))]
        decided = await session.get(UnemploymentRegistration, registration)
        exported = await session.scalar(select(AuditLog.detail).where(AuditLog.action == "export_unmasked"))
        closed = await session.get(AssistanceCase, theirs)
    # What the other person's history and the office's records say besides them is kept.
    assert notes == ["他说【已删除】也在那个厂 电话【已删除】"]
    assert decided is not None and decided.status == "rejected"
    assert decided.decision_note == "【已删除】的身份证号【已删除】对不上"
    assert exported is not None and '"rows": 1' in exported and "[erased]" in exported
    assert closed is not None and closed.close_reason == "和【已删除】一起去浙江了 不找了"
