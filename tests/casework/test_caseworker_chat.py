"""Caseworkers act from the chat: their own openid or phone gets the commands, scoped to their records; a
laborer typing the same words gets the laborer dialogs and changes nothing."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select

from bot import keys
from bot.casework import escalate_overdue_tasks, open_assistance_case, open_rights_cases, open_visit_task
from bot.casework.cases import create_registration
from bot.settings import Settings
from dialogs.flows.caseworker import parse
from dialogs.sms_text import MAX_PARTS, parts
from storage.models import AssistanceCase, AuditLog, CaseworkTask, OutboxMessage, UnemploymentRegistration
from tests.casework.files import NOW
from tests.casework.people import caseworker, laborer
from tests.people import say
from tests.survey.helpers import cipher

OPENID = "oLiShuji000000000000000001"


@pytest.mark.parametrize(
    ("text", "command"),
    [
        ("列表", {"action": "list", "record": None, "id": None, "reason": ""}),
        ("联系C12", {"action": "contact", "record": "C", "id": 12, "reason": ""}),
        ("contact C12", {"action": "contact", "record": "C", "id": 12, "reason": ""}),
        ("结案 C3 找到工作了", {"action": "close", "record": "C", "id": 3, "reason": "找到工作了"}),
        ("完成 t7", {"action": "task_done", "record": "T", "id": 7, "reason": ""}),
        ("退回 R3 身份证号不对", {"action": "reject", "record": "R", "id": 3, "reason": "身份证号不对"}),
        ("联系 T5", None), ("列表 C3", None), ("1", None), ("你好", None),
    ],
)
def test_commands_are_read(text: str, command: dict[str, Any] | None) -> None:
    assert parse(text) == command


async def _world(app: Any) -> dict[str, int]:
    """A supervisor, two caseworkers; a laborer of the first with a case, a visit task and a registration."""
    c = app[keys.CIPHER]
    async with app[keys.SESSIONS]() as session, session.begin():
        boss = await caseworker(session, c, name="张主任", phone="+8613900000001", role="supervisor",
                                divisions=("520526",), openid="oZhangZhuren0000000000001")
        li = await caseworker(session, c, phone="+8613900000002", supervisor_id=boss, divisions=("520526100",),
                              openid=OPENID)
        other = await caseworker(session, c, name="赵干事", phone="+8613900000003", divisions=("520526101",))
        person = await laborer(session, c, NOW, division="520526100")
        stranger = await laborer(session, c, NOW, name="钱七", phone="+8613800138001", division="520526101")
        registration = await create_registration(
            session, person_id=person, last_work_day=None, job_loss_reason="laid_off", insured="no",
            insured_years=None, wants_services=[], benefit_likely=False, benefit_months=None, now=NOW)
        case = await open_assistance_case(session, c, person_id=person, now=NOW, registration_id=registration.id)
        visit = await open_visit_task(session, c, person_id=person, reason="no_answer", due_at=NOW + timedelta(days=3),
                                      now=NOW, dedup_key="visit:x")
        theirs = await open_assistance_case(session, c, person_id=stranger, now=NOW)
    return {"boss": boss, "li": li, "other": other, "person": person, "case": case.case_id, "visit": visit,
            "registration": registration.id, "theirs": theirs.case_id}


async def test_a_caseworker_lists_and_works_their_cases_from_wechat(client: Any, settings: Settings) -> None:
    app = client.server.app
    w = await _world(app)
    listing = await say(app, "wechat", OPENID, "列表")
    text = "\n".join(listing.replies)
    assert f"C{w['case']} 一对一帮扶 王*红 138****8000" in text
    assert f"T{w['visit']} 走访" in text and f"R{w['registration']} 失业登记待受理" in text
    assert "王小红" not in text and "13800138000" not in text
    assert f"C{w['theirs']}" not in text  # another caseworker's case is not listed

    assert (await say(app, "wechat", OPENID, f"联系 C{w['case']}")).replies == (f"已记录 C{w['case']} 首次联系。",)
    assert (await say(app, "wechat", OPENID, f"走访 T{w['visit']}")).replies == (f"已记录 T{w['visit']} 完成。",)
    assert (await say(app, "wechat", OPENID, f"走访 T{w['visit']}")).replies == (f"T{w['visit']} 已经处理过了。",)
    assert "结案原因" in (await say(app, "wechat", OPENID, f"结案 C{w['case']}")).replies[0]
    assert (await say(app, "wechat", OPENID, f"受理 R{w['registration']}")).replies == (
        f"R{w['registration']} 已受理, 已通知本人。",)
    phone = await say(app, "wechat", OPENID, f"电话 C{w['case']}")
    assert phone.replies == (f"C{w['case']}: 王小红 13800138000 (查看已记录)",)
    app[keys.CLOCK].advance(timedelta(days=9))
    assert (await say(app, "wechat", OPENID, f"结案 C{w['case']} 就业")).replies == (f"C{w['case']} 已结案。",)

    async with app[keys.SESSIONS]() as session:
        case = await session.get(AssistanceCase, w["case"])
        tasks = {t.kind: t.status for t in await session.scalars(
            select(CaseworkTask).where(CaseworkTask.person_id == w["person"]))}
        registration = await session.get(UnemploymentRegistration, w["registration"])
        told = list(await session.scalars(select(OutboxMessage).where(OutboxMessage.person_id == w["person"])))
        audit = list(await session.scalars(select(AuditLog)))
    assert case is not None and case.first_contact_at == NOW and case.status == "closed"
    assert (case.close_reason, case.days_to_job, case.closed_by) == ("employed", 9, w["li"])
    assert tasks == {"first_contact": "done", "visit": "done"}
    assert registration is not None and (registration.status, registration.decided_by) == ("accepted", w["li"])
    assert [cipher(settings).decrypt(m.body_enc) for m in told] == [
        f"您的失业登记 (R{w['registration']}) 已受理。请按提示到12333或当地人社窗口办完手续。"]
    assert (told[0].channel, told[0].solicited) == ("auto", False)
    assert [(a.actor, a.action) for a in audit] == [(f"caseworker:{w['li']}", "reveal_phone")]


async def test_out_of_scope_is_not_found_and_a_supervisor_reaches_below(client: Any) -> None:
    app = client.server.app
    w = await _world(app)
    assert (await say(app, "wechat", OPENID, f"联系 C{w['theirs']}")).replies == (
        f"没有找到 C{w['theirs']}, 或不归您负责。",)
    assert (await say(app, "wechat", OPENID, "联系 C99999")).replies == ("没有找到 C99999, 或不归您负责。",)
    boss = await say(app, "wechat", "oZhangZhuren0000000000001", f"退回 R{w['registration']} 身份证号不对")
    assert boss.replies == (f"R{w['registration']} 已退回, 已通知本人。",)
    async with app[keys.SESSIONS]() as session:
        theirs = await session.get(AssistanceCase, w["theirs"])
        registration = await session.get(UnemploymentRegistration, w["registration"])
    assert theirs is not None and theirs.first_contact_at is None
    assert registration is not None
    assert (registration.status, registration.decision_note) == ("rejected", "身份证号不对")


async def test_by_sms_from_the_caseworkers_phone_within_two_parts(client: Any) -> None:
    app = client.server.app
    w = await _world(app)
    async with app[keys.SESSIONS]() as session, session.begin():  # five things to do: more than an SMS list
        await open_rights_cases(session, app[keys.CIPHER], person_id=w["person"],
                                issues=["no_contract", "no_social_insurance"], now=NOW)
    listing = await say(app, "sms", "+8613900000002", "列表")
    assert all(parts(text) <= MAX_PARTS for text in listing.replies)
    assert f"C{w['case']}" in listing.replies[0] and "还有" in listing.replies[-1]
    help_text = await say(app, "sms", "+8613900000002", "你好")
    assert help_text.replies[0].startswith("指令: 列表")


async def test_a_laborer_typing_the_commands_gets_nothing_special(client: Any) -> None:
    app = client.server.app
    w = await _world(app)
    await say(app, "wechat", "oLaborer000000000000000001", event="subscribe")
    reply = await say(app, "wechat", "oLaborer000000000000000001", f"结案 C{w['case']} 就业")
    assert reply.awaiting == "consent" and not any("结案" in text for text in reply.replies)
    async with app[keys.SESSIONS]() as session:
        case = await session.get(AssistanceCase, w["case"])
    assert case is not None and case.status == "open"


async def test_a_caseworker_never_sees_the_laborer_dialogs(client: Any) -> None:
    app = client.server.app
    await _world(app)
    follow = await say(app, "wechat", OPENID, event="subscribe")
    assert follow.replies[0].startswith("工作人员指令") and follow.awaiting == "caseworker_command"
    for text in ("人工", "退订", "厂子倒闭了"):
        reply = await say(app, "wechat", OPENID, text)
        assert reply.replies[0].startswith("工作人员指令")


async def test_a_cases_first_contact_is_one_line_of_the_list(client: Any) -> None:
    """The first contact of a new case is its line's deadline ("…前首次联系", done with `联系 C12`), not a second
    line for its task; once past, the case's line says so."""
    app = client.server.app
    w = await _world(app)
    async with app[keys.SESSIONS]() as session:
        [first] = list(await session.scalars(select(CaseworkTask.id).where(CaseworkTask.case_id == w["case"])))
    listing = "\n".join((await say(app, "wechat", OPENID, "列表")).replies)
    assert f"T{first} " not in listing and "首次联系 王*红" not in listing
    line = f"C{w['case']} 一对一帮扶 王*红 138****8000 威宁彝族回族苗族自治县草海镇 11月28日 10:00前首次联系"
    assert f"{line}\n" in listing
    async with app[keys.SESSIONS]() as session, session.begin():
        await escalate_overdue_tasks(session, app[keys.CIPHER], now=NOW + timedelta(days=2, hours=1))
    listing = "\n".join((await say(app, "wechat", OPENID, "列表")).replies)
    assert f"{line} 已逾期\n" in listing
    assert f"T{first} " not in listing
