"""Caseworkers act from the chat: their own openid or phone gets the commands, scoped to their records; a
laborer typing the same words gets the laborer dialogs and changes nothing."""

from __future__ import annotations

import json
import re
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select

from bot import keys
from bot.casework import escalate_overdue_tasks, open_assistance_case, open_rights_cases, open_visit_task
from bot.casework.cases import create_registration
from bot.casework.chat import says_employed
from bot.settings import Settings
from dialogs.flows.caseworker import parse
from dialogs.sms_text import MAX_PARTS, parts
from storage.models import Alert, AssistanceCase, AuditLog, CaseworkTask, OutboxMessage, UnemploymentRegistration
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
        ("列表 2", {"action": "list", "record": None, "id": 2, "reason": ""}),
        ("列表 第3页", {"action": "list", "record": None, "id": 3, "reason": ""}),
        ("list 2", {"action": "list", "record": None, "id": 2, "reason": ""}),
        ("电话 T5", {"action": "phone", "record": "T", "id": 5, "reason": ""}), ("电话 R3", None),
        ("电话 A4", {"action": "phone", "record": "A", "id": 4, "reason": ""}),
        ("联系A4", {"action": "contact", "record": "A", "id": 4, "reason": ""}),
        ("走访 A4", None), ("结案 A4 就业", None), ("受理 A4", None),
        ("联系 T5", None), ("列表 C3", None), ("列表 明天", None), ("1", None), ("你好", None),
        # As a busy caseworker types them: the record first, the verb said with 已经/了/上了, full-width, commas.
        ("C3联系上了", {"action": "contact", "record": "C", "id": 3, "reason": ""}),
        ("c3 联系", {"action": "contact", "record": "C", "id": 3, "reason": ""}),
        ("联系了C3", {"action": "contact", "record": "C", "id": 3, "reason": ""}),
        ("已经联系 A6", {"action": "contact", "record": "A", "id": 6, "reason": ""}),
        ("A6 电话", {"action": "phone", "record": "A", "id": 6, "reason": ""}),
        ("走访过了Ｔ５", {"action": "task_done", "record": "T", "id": 5, "reason": ""}),
        ("T5走访完了", {"action": "task_done", "record": "T", "id": 5, "reason": ""}),
        ("已完成 T5", {"action": "task_done", "record": "T", "id": 5, "reason": ""}),
        ("关闭c1 已经上班了", {"action": "close", "record": "C", "id": 1, "reason": "已经上班了"}),
        ("C3结案，已就业", {"action": "close", "record": "C", "id": 3, "reason": "已就业"}),
        ("结案 C3, 已就业", {"action": "close", "record": "C", "id": 3, "reason": "已就业"}),
        ("R1受理", {"action": "accept", "record": "R", "id": 1, "reason": ""}),
        ("t5 done", {"action": "task_done", "record": "T", "id": 5, "reason": ""}),
        ("列表第2页", {"action": "list", "record": None, "id": 2, "reason": ""}),
        ("联系: C3", {"action": "contact", "record": "C", "id": 3, "reason": ""}),
        # A full stop is no reason: closing asks for one (it closed the case with the reason "。").
        ("结案C3。", {"action": "close", "record": "C", "id": 3, "reason": ""}),
        ("退回R3。缺材料", {"action": "reject", "record": "R", "id": 3, "reason": "缺材料"}),
        ("C3", None), ("C3 列表", None), ("3联系", None), ("联系人C3", None), ("C3 你好", None), ("A6 走访", None),
        ("列表C3", None), ("列表二", None),
    ],
)
def test_commands_are_read(text: str, command: dict[str, Any] | None) -> None:
    assert parse(text) == command


@pytest.mark.parametrize(
    ("reason", "employed"),
    [("就业", True), ("已经上班了", True), ("他已经出去打工了。", True), ("找到活了", True), ("Employed", True),
     ("还没上班", False), ("不上班了", False), ("联系不上", False), ("搬走了", False),
     # care15: where they went to work (去浙江打工了 closed as a reason in words, the days to work lost).
     ("他已经去浙江打工了", True), ("在县城的鞋厂上班了", True), ("到广东找到工作了", True), ("找了份工作", True),
     ("已经到东莞上班", True), ("还在浙江打工", True),
     ("还在找工作", False), ("打算去浙江打工", False), ("想出去打工", False), ("没去浙江打工", False),
     ("去浙江了", False), ("过完年去浙江打工", False)],
)
def test_a_closing_reason_that_says_the_person_works_again(reason: str, employed: bool) -> None:
    assert says_employed(reason) is employed


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
    # One line for the person, naming each thing to do about them.
    assert text == (f"您有3项待办, 共1人:\n王*红 138****8000 威宁彝族回族苗族自治县草海镇: C{w['case']} 一对一帮扶 "
                    f"11月28日 10:00前首次联系; T{w['visit']} 走访 截止11月29日 10:00; "
                    f"R{w['registration']} 失业登记待受理")
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
        f"您的失业登记 (R{w['registration']}) 已受理。请拨打12333, 或带上身份证到当地人社窗口办完手续。"]
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
    """Eleven things to do about one person: more than an SMS holds, so the person's line goes on over the next
    page (列表2), every part within two SMS parts, every record reachable (a rights case of two issues among them)."""
    app = client.server.app
    w = await _world(app)
    async with app[keys.SESSIONS]() as session, session.begin():
        opened = await open_rights_cases(session, app[keys.CIPHER], person_id=w["person"],
                                         issues=["no_contract", "no_social_insurance"], now=NOW)
        visits = [await open_visit_task(session, app[keys.CIPHER], person_id=w["person"], reason="no_answer",
                                        due_at=NOW + timedelta(days=n), now=NOW, dedup_key=f"visit:{n}")
                  for n in range(4, 11)]
    listing = await say(app, "sms", "+8613900000002", "列表")
    assert all(parts(text) <= MAX_PARTS for text in listing.replies)
    assert listing.replies[0].startswith("待办11项1人第1/2页, 日期为期限:\n王*红: ")
    assert "回 列表2 看下页" in listing.replies[-1]
    second = await say(app, "sms", "+8613900000002", "列表2")
    assert all(parts(text) <= MAX_PARTS for text in second.replies)
    assert second.replies[0].startswith("待办11项1人第2/2页, 日期为期限:\n王*红: ")
    both = "\n".join(listing.replies + second.replies)
    numbers = [f"C{w['case']}", *(f"C{c.case_id}" for c in opened), f"T{w['visit']}", f"R{w['registration']}",
               *(f"T{v}" for v in visits)]
    assert all(both.count(n) == 1 for n in numbers), both
    help_text = await say(app, "sms", "+8613900000002", "你好")
    assert help_text.replies[0].startswith("指令: 列表")


async def test_many_people_one_line_each_in_pages(client: Any) -> None:
    """Twelve laborers with a case each: ten lines on the first WeChat page and how to see the rest; by SMS,
    pages of at most two parts; each case once, each name once per page."""
    app = client.server.app
    w = await _world(app)
    async with app[keys.SESSIONS]() as session, session.begin():
        cases = [w["case"]]
        for n in range(11):
            person = await laborer(session, app[keys.CIPHER], NOW, name=f"孙{n}妹", phone=f"+86138001381{n:02d}")
            cases.append((await open_assistance_case(session, app[keys.CIPHER], person_id=person, now=NOW)).case_id)
    first = await say(app, "wechat", OPENID, "列表")
    listing, more = "\n".join(first.replies).split("\n\n")  # WeChat answers with one message
    lines = listing.split("\n")
    assert lines[0] == "您有14项待办, 共12人 (第1/2页):" and len(lines) == 11
    assert more == "还有2人, 回复 列表2 看下一页。"
    rest = await say(app, "wechat", OPENID, "列表 2")
    assert rest.replies == ("\n".join(["您有14项待办, 共12人 (第2/2页):", *rest.replies[0].split("\n")[1:]]),)
    # "下一页" after the first page is its second (it got the help text); after the last, that there is no next
    # page, then the last again (care14).
    await say(app, "wechat", OPENID, "列表")
    assert (await say(app, "wechat", OPENID, "下一页")).replies == rest.replies
    assert (await say(app, "wechat", OPENID, "下页。")).replies == (
        "没有第3页: 一共14项、12人, 只有2页, 回复 列表2 看最后一页。",)
    assert len(rest.replies[0].split("\n")) == 3
    seen = "\n".join(first.replies + rest.replies)
    assert sorted(int(n) for n in re.findall(r"C(\d+)", seen)) == sorted(cases)
    texts: list[str] = []
    page = 1
    while True:
        replies = (await say(app, "sms", "+8613900000002", f"列表{page}")).replies
        assert all(parts(text) <= MAX_PARTS for text in replies)
        texts += replies
        if "看下页" not in replies[-1]:
            break
        page += 1
    assert page > 2
    assert sorted(int(n) for n in re.findall(r"C(\d+)", "\n".join(texts))) == sorted(cases)
    # A page past the end says so, and which is the last (care14: it showed the last as if it were that page).
    assert (await say(app, "sms", "+8613900000002", "列表99")).replies == (
        f"没有第99页, 共14项12人{page}页, 回 列表{page} 看最后一页",)


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
    line = f"王*红 138****8000 威宁彝族回族苗族自治县草海镇: C{w['case']} 一对一帮扶 11月28日 10:00前首次联系"
    assert f"{line}; " in listing
    async with app[keys.SESSIONS]() as session, session.begin():
        await escalate_overdue_tasks(session, app[keys.CIPHER], now=NOW + timedelta(days=2, hours=1))
    listing = "\n".join((await say(app, "wechat", OPENID, "列表")).replies)
    assert f"{line} 已逾期; " in listing
    assert f"T{first} " not in listing


async def test_by_sms_a_page_says_what_the_times_are_once(client: Any) -> None:
    """Twelve laborers with a new case each: the SMS page says once that its times are deadlines, not "…前首次联系"
    on every line, and leaves the masked phone to `电话 C12`, so a page of at most two parts carries four people
    (it carried two: seven pages for twelve people)."""
    app = client.server.app
    await _world(app)
    async with app[keys.SESSIONS]() as session, session.begin():
        for n in range(11):
            person = await laborer(session, app[keys.CIPHER], NOW, name=f"孙{n}妹", phone=f"+86138001381{n:02d}")
            await open_assistance_case(session, app[keys.CIPHER], person_id=person, now=NOW)
    replies = (await say(app, "sms", "+8613900000002", "列表")).replies
    assert all(parts(text) <= MAX_PARTS for text in replies)
    # The day of each deadline only (11/28): three pages for twelve people (it was four, of four people each).
    assert replies[0].startswith("待办14项12人第1/3页, 日期为期限:\n王*红: C")
    assert "首次联系" not in replies[0] and replies[0].count("期限") == 1
    second = (await say(app, "sms", "+8613900000002", "列表2")).replies
    assert all(parts(text) <= MAX_PARTS for text in second)
    lines = second[0].split("\n")[1:]
    assert len(lines) >= 5 and all(re.fullmatch(r"孙\*妹: C\d+帮扶 11/28", line) for line in lines), lines


async def test_a_supervisor_sees_whose_overdue_visit_it_is_and_the_number_to_call(client: Any) -> None:
    """The escalated visit in the supervisor's list named no one to chase; and a visit's laborer had no number to
    call ahead (电话 took only cases): 电话 T5 gives it, audited with the task."""
    app = client.server.app
    w = await _world(app)
    async with app[keys.SESSIONS]() as session, session.begin():
        await escalate_overdue_tasks(session, app[keys.CIPHER], now=NOW + timedelta(days=4))
    boss = "\n".join((await say(app, "wechat", "oZhangZhuren0000000000001", "列表")).replies)
    assert f"T{w['visit']} 走访 截止11月29日 10:00 已逾期 (李书记)" in boss, boss
    mine = "\n".join((await say(app, "wechat", OPENID, "列表")).replies)
    assert f"T{w['visit']} 走访 截止11月29日 10:00 已逾期;" in mine or mine.endswith("已逾期"), mine
    assert "(李书记)" not in mine  # their own work
    phone = await say(app, "sms", "+8613900000002", f"电话 T{w['visit']}")
    assert phone.replies == (f"T{w['visit']}: 王小红 13800138000 (查看已记录)",)
    assert (await say(app, "sms", "+8613900000003", f"电话 T{w['visit']}")).replies == (
        f"没有找到 T{w['visit']}, 或不归您负责。",)
    async with app[keys.SESSIONS]() as session:
        audit = [(a.action, json.loads(a.detail)) for a in await session.scalars(select(AuditLog))]
    assert audit == [("reveal_phone", {"task": w["visit"], "channel": "sms"})]


async def test_someone_who_asked_for_a_person_is_reached_from_the_chat(client: Any) -> None:
    """The alert "想找工作人员" could not be acted on from the chat: no number, no reference, not in the list. It
    names itself (A4): 电话 A4 gives the number (audited), 联系 A4 records them reached (the console's 已读), and
    until then the list shows it."""
    app = client.server.app
    w = await _world(app)
    asked = await say(app, "sms", "+8613800138009", "找人工")
    async with app[keys.SESSIONS]() as session:
        [alert] = list(await session.scalars(select(Alert).where(Alert.person_id == asked.person_id)))
    # Nobody covers where they live (unknown yet): the supervisor above everyone is responsible.
    assert alert.kind == "human_requested" and alert.caseworker_id == w["boss"]
    ref = f"A{alert.id}"
    text = app[keys.CIPHER].decrypt(alert.body_enc)
    assert f"回复 电话 {ref} 看号码, 联系后回复 联系 {ref}" in text and "13800138009" not in text
    boss = "oZhangZhuren0000000000001"
    listing = "\n".join((await say(app, "wechat", boss, "列表")).replies)
    assert f"(未登记姓名) 138****8009 地址不详: {ref} 要找您, 请联系" in listing, listing
    sms_listing = "\n".join((await say(app, "sms", "+8613900000001", "列表")).replies)
    assert f"{ref}请回电" in sms_listing, sms_listing
    assert (await say(app, "wechat", boss, f"电话 {ref}")).replies == (f"{ref}: (未登记姓名) 13800138009 (查看已记录)",)
    # Not the caseworker below's, nor a record of another kind under the same letter.
    assert (await say(app, "wechat", OPENID, f"电话 {ref}")).replies == (f"没有找到 {ref}, 或不归您负责。",)
    async with app[keys.SESSIONS]() as session:
        other = await session.scalar(select(Alert.id).where(Alert.kind != "human_requested"))
    assert (await say(app, "wechat", boss, f"电话 A{other}")).replies == (f"没有找到 A{other}, 或不归您负责。",)
    assert (await say(app, "wechat", boss, f"联系 {ref}")).replies == (f"已记录 {ref} 已联系本人。",)
    assert (await say(app, "wechat", boss, f"联系 {ref}")).replies == (f"{ref} 已经处理过了。",)
    async with app[keys.SESSIONS]() as session:
        reached = await session.get(Alert, alert.id)
        audit = [(a.action, json.loads(a.detail)) for a in await session.scalars(select(AuditLog))]
    assert reached is not None and reached.acknowledged_by == w["boss"] and reached.acknowledged_at is not None
    assert audit == [("reveal_phone", {"alert": alert.id, "channel": "wechat"})]
    assert ref not in "\n".join((await say(app, "wechat", boss, "列表")).replies)


async def test_a_busy_caseworker_types_the_commands_their_way(client: Any, settings: Settings) -> None:
    """"C3联系上了", "T5走访完了" and "关闭c3 已经上班了" did nothing but the help text, or closed the case without
    counting the days to work; they are the commands they mean."""
    app = client.server.app
    w = await _world(app)
    case, visit = w["case"], w["visit"]
    assert "结案原因" in (await say(app, "wechat", OPENID, f"结案C{case}。")).replies[0]  # a full stop is no reason
    assert (await say(app, "wechat", OPENID, f"C{case}联系上了")).replies == (f"已记录 C{case} 首次联系。",)
    assert (await say(app, "wechat", OPENID, f"T{visit}走访完了")).replies == (f"已记录 T{visit} 完成。",)
    app[keys.CLOCK].advance(timedelta(days=4))
    assert (await say(app, "wechat", OPENID, f"关闭c{case} 已经上班了")).replies == (f"C{case} 已结案。",)
    async with app[keys.SESSIONS]() as session:
        closed = await session.get(AssistanceCase, case)
        visited = await session.get(CaseworkTask, visit)
    assert closed is not None and (closed.close_reason, closed.days_to_job) == ("employed", 4)
    assert visited is not None and visited.status == "done"


async def test_a_rights_case_closed_from_the_chat_keeps_its_reason(client: Any, settings: Settings) -> None:
    """结案 C5 就业 on a contract case: its reason as written (it became "employed", read 用时 None 天)."""
    app = client.server.app
    w = await _world(app)
    async with app[keys.SESSIONS]() as session, session.begin():
        [rights] = await open_rights_cases(session, app[keys.CIPHER], person_id=w["person"], issues=["no_contract"],
                                           now=NOW)
    assert (await say(app, "wechat", OPENID, f"结案 C{rights.case_id} 就业")).replies == (
        f"C{rights.case_id} 已结案。",)
    async with app[keys.SESSIONS]() as session:
        closed = await session.get(AssistanceCase, rights.case_id)
    assert closed is not None and (closed.status, closed.close_reason, closed.days_to_job) == ("closed", "就业", None)


async def test_rights_cases_reported_together_are_all_late_when_their_one_task_is(client: Any) -> None:
    """No contract and no social insurance told together have one first-contact task (on the first case): past
    its deadline 列表 said 已逾期 of the first case only."""
    app = client.server.app
    w = await _world(app)
    async with app[keys.SESSIONS]() as session, session.begin():
        opened = await open_rights_cases(session, app[keys.CIPHER], person_id=w["person"],
                                         issues=["no_contract", "no_social_insurance"], now=NOW)
        await escalate_overdue_tasks(session, app[keys.CIPHER], now=NOW + timedelta(days=2, hours=1))
    listing = "\n".join((await say(app, "wechat", OPENID, "列表")).replies)
    for case in opened:
        assert re.search(rf"C{case.case_id} [^;]*已逾期", listing), listing
