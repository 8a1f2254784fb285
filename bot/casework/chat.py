"""Caseworker commands from the chat (dialogs/flows/caseworker.py): list my open cases, tasks and registrations
(one line per person, in pages the channel holds);
record a first contact, a visit done, a case closed with its reason; accept or reject a registration; show a
laborer's phone (audited). A caseworker acts on their own records and on those of the caseworkers below them;
anything else is "not found", never a hint that it exists.
"""

from __future__ import annotations

import json
import logging
import re
import unicodedata
from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.casework import cases
from bot.casework.alerts import LOCAL_TZ, acknowledge_about, local_time, person_brief, tell_owner
from bot.casework.replies import end_window_in_unit, expect_reply_in_unit
from bot.casework.responsibility import PersonFacts, caseworker_and_below, facts_so_far
from bot.casework.signature import signed_by
from bot.casework.tasks import complete_task
from bot.delivery import AUTO, AUTO_SMS, CAN_SEND
from bot.effects import EffectContext, handles
from bot.push_effects import REFERRAL
from dialogs.flows import caseworker as caseworker_flow
from dialogs.i18n import catalog
from dialogs.matching.engine import unmet_limits
from dialogs.types import DialogEvent
from scheduler.fires import DUE, SUPERSEDED
from scheduler.schedules import JOB_PUSH
from storage import jobs, matches
from storage.db import WAKE_WORKERS
from storage.models import (
    Alert,
    AssistanceCase,
    AuditLog,
    Caseworker,
    CaseworkTask,
    ChannelAccount,
    ContactRecord,
    InfoForm,
    OutboxMessage,
    Person,
    ScheduledFire,
    UnemploymentRegistration,
    Vacancy,
)
from storage.scope import ANSWER_ALERTS

log = logging.getLogger(__name__)

# What a caseworker writes when the case closes because the person works again, once 已经/已/本人 before and
# 了/啦 after are left off ("已经上班了" is 上班); anything else ("还没上班", "联系不上") is a reason in words.
EMPLOYED_WORDS = frozenset({"就业", "再就业", "重新就业", "找到工作", "找到活", "找到活干", "有工作", "有活干", "有活",
                            "上班", "上岗", "复工", "务工", "打工", "出去打工", "外出务工", "在岗", "employed"})
_SAID_AROUND = re.compile(r"^(?:本人|他|她)?(?:已经|已)?|(?:了|啦)$")
_NOT_WORDS = re.compile(r"[\s\W_]+")


# Where they went to work, said as a caseworker closes a case: 去浙江打工, 在县城鞋厂上班, 到广东找到工作, 找了份工作.
_WORKS_THERE = re.compile(
    r"^还?(?:出去|外出|去|到|在)[\u4e00-\u9fff]{1,12}?(?:打工|上班|务工|做工|干活|工作|上岗)(?:去)?$"
    r"|^[\u4e00-\u9fff]{0,12}?找(?:到|着|了)[了份个一]*(?:工作|活|活干|事做|班上)$")
# …but not one not (yet) working: 没去浙江打工, 打算去浙江打工, 想出去打工, 还在找工作.
_NOT_WORKING = re.compile(r"不|没|未|别|想|要|准备|打算|计划|将|会|过完|以后|明年|下个?月|找(?!到|着|了)")


def says_employed(reason: str) -> bool:
    """Whether a case's closing reason says the person works again (then `days_to_job` is recorded)."""
    said = _SAID_AROUND.sub("", _NOT_WORDS.sub("", unicodedata.normalize("NFKC", reason)).lower())
    if said in EMPLOYED_WORDS:
        return True
    return _WORKS_THERE.match(said) is not None and _NOT_WORKING.search(said) is None


def _what(cat: Any, case: AssistanceCase, channel: str) -> str:
    # A rights case says it is one, and whose failing it is ("C1 没交社保" read as the laborer not paying).
    if case.kind == "assistance":
        return str(cat.get("caseworker.what.assistance", channel))
    return _rights_what(cat, case.issue_list, channel)


async def _registration_items(session: AsyncSession, cat: Any, channel: str,
                              registrations: list[int]) -> list[dict[str, Any]]:
    """Registrations to accept as the list and C12 give them. One sent again after a return says so (the caseworker
    checks what they asked to be fixed); one whose person works again says since when
    (R1 失业登记(已于12月4日再就业)待受理: it looked like anyone's still out of work)."""
    again = await cases.resubmitted(session, registrations)
    working = await cases.working_again(session, registrations)
    return [{"type": "registration", "registration": registration, "again": "".join((
        cat.get("caseworker.list.resubmitted", channel) if registration in again else "",
        cat.get("caseworker.list.working_again", channel).format(day=_day(working[registration], channel))
        if registration in working else ""))} for registration in registrations]


def _day(at: datetime, channel: str) -> str:
    local = at.astimezone(LOCAL_TZ)
    return f"{local.month}/{local.day}" if channel == "sms" else f"{local.month}月{local.day}日"


def _when(at: datetime, channel: str) -> str:
    """A deadline as the list and C12 give it. An SMS counts every character: the day is enough there (11/28; the
    hour is on WeChat and in the console): eight people on a page of two parts where four were."""
    if channel == "sms":
        local = at.astimezone(LOCAL_TZ)
        return f"{local.month}/{local.day}"
    return local_time(at)


def _case_item(cat: Any, case: AssistanceCase, channel: str, now: datetime, *, contact_late: bool,
               added: CaseworkTask | None) -> tuple[dict[str, Any], bool]:
    """An open case's entry, as the list and `C12` give it: what it waits for next and by when — its first contact
    (late once past, or when its task is overdue: `contact_late`), the first contact of a problem added since it
    (`added`, that task), its service package (the list said 已联系 and nothing more), or nothing (已联系); `已逾期`
    once late; and whether it is (the list's 列表 逾期)."""
    if case.first_contact_at is None:
        due = cat.get("caseworker.contact_by", channel).format(due=_when(case.first_contact_due, channel))
        late = contact_late or case.first_contact_due < now
    elif added is not None:
        due = cat.get("caseworker.contact_added_by", channel).format(
            issues="、".join(cat.get(f"alert.issue.{issue}") for issue in _added_issues(added)),
            due=_when(added.due_at, channel))
        late = _task_late(added, now)
    elif case.package_due is not None:
        due = cat.get("caseworker.package_by", channel).format(due=_when(case.package_due, channel))
        late = case.package_due < now
    else:
        due, late = cat.get("caseworker.contacted"), False
    return {"type": "case", "case": case.id, "what": _what(cat, case, channel),
            "due": due + (cat.get("caseworker.overdue") if late else "")}, late


def _task_late(task: CaseworkTask, now: datetime) -> bool:
    """Past its deadline by the message's time, also before the sweep marked it overdue."""
    return task.status == "overdue" or task.due_at < now


def _task_item(cat: Any, task: CaseworkTask, channel: str, now: datetime, owner: str | None) -> dict[str, Any]:
    """A task's entry, as the list and `C12` give it: `已逾期` once late, and its owner's name when it is someone
    else's (escalated to me); a case's task (an escalated first contact) names its case, what `联系 C12` acts on."""
    late = cat.get("caseworker.overdue") if _task_late(task, now) else ""
    if owner is not None:
        late += cat.get("caseworker.owner").format(owner=owner)
    of_case = cat.get("caseworker.list.task_case", channel).format(case=task.case_id) if task.case_id else ""
    return {"type": "task", "task": task.id, "task_kind": cat.get(f"alert.task_kind.{task.kind}"), "case": of_case,
            "due": _when(task.due_at, channel), "late": late}


def _added_issues(task: CaseworkTask) -> list[str]:
    """The problems a rights case's later first-contact task is for, from its key (first_contact:3:added:a,b)."""
    _, _, told = (task.dedup_key or "").partition(":added:")
    return [issue if issue in cases.RIGHTS_ISSUES else "other" for issue in told.split(",") if issue] or ["other"]


def _rights_what(cat: Any, issues: list[str], channel: str) -> str:
    """A rights case in the list, by its problem ("维权(单位没签劳动合同)"), or its problems when it has several
    ("维权(没签劳动合同、没交社保)": told together, or one told while it was open)."""
    known = [issue if issue in cases.RIGHTS_ISSUES else "other" for issue in issues] or ["other"]
    if len(known) == 1:
        return str(cat.get(f"caseworker.what.{known[0]}", channel))
    return str(cat.get("caseworker.what.several", channel)).format(
        issues="、".join(cat.get(f"alert.issue.{issue}") for issue in known))


async def scope(ctx: EffectContext, me: int) -> set[int]:
    """The caseworker and everyone below them."""
    return await caseworker_and_below(ctx.session, me)


@handles("caseworker.command")
async def _command(ctx: EffectContext, event: DialogEvent) -> Mapping[str, Any]:
    data = event.data
    action = str(data.get("action"))
    ref = f"{data.get('record')}{data.get('id')}" if data.get("record") else ""
    me = ctx.caseworker_id
    if me is None:
        # Only the caseworker flow emits this, and only for caseworkers' addresses.
        log.warning("caseworker command from an address that is not a caseworker's; ignored")
        return {"outcome": "not_found", "ref": ref}
    if action == "list":
        return await _list(ctx, me, int(data.get("id") or 1),
                           overdue_only=data.get("only") == caseworker_flow.OVERDUE)
    mine = await scope(ctx, me)
    record_id = int(data.get("id") or 0)
    answer: dict[str, Any] = {"action": action, "ref": ref}
    if data.get("record") == "C":
        case = await ctx.session.get(AssistanceCase, record_id)
        if case is None or case.caseworker_id not in mine or not await _same_world(ctx, case.person_id):
            return answer | {"outcome": "not_found"}
        if action == caseworker_flow.RIGHTS:
            return answer | await _open_rights(ctx, me, case.person_id, data.get("issues"))
        if action == caseworker_flow.SUMMARY:
            return answer | await _summary(ctx, me, mine, case)
        return answer | await _on_case(ctx, me, action, case, str(data.get("reason") or ""),
                                       str(data.get("item") or ""), confirmed=data.get("confirmed") is True,
                                       issues=data.get("issues"))
    if data.get("record") == "T":
        task = await ctx.session.get(CaseworkTask, record_id)
        if (task is None or (task.caseworker_id not in mine and task.escalated_to != me)
                or not await _same_world(ctx, task.person_id)):
            return answer | {"outcome": "not_found"}
        if action == "phone":
            return answer | await _reveal(ctx, me, task.person_id, {"task": task.id})
        if action == caseworker_flow.RIGHTS:
            return answer | await _open_rights(ctx, me, task.person_id, data.get("issues"))
        if task.status == "done":
            return answer | {"outcome": "wrong_state"}
        await complete_task(ctx.session, task, ctx.now)
        # A supervisor doing a task below them: its owner learns it (they would go or call too).
        await tell_owner(ctx.session, ctx.cipher, owner_id=task.caseworker_id, actor_id=me, person_id=task.person_id,
                         now=ctx.now, task=task)
        if task.kind == "first_contact" and task.case_id is not None:
            case = await ctx.session.get(AssistanceCase, task.case_id)
            if case is not None:
                await cases.record_first_contact(ctx.session, case, ctx.now)
        await acknowledge_about(ctx.session, caseworker_id=me, now=ctx.now, task_id=task.id)
        note = str(data.get("reason") or "")
        if note:
            # 走访 T5 老人在家 儿子在浙江打工: what was found, in the person's contact history (it was dropped).
            ctx.session.add(ContactRecord(
                person_id=task.person_id, case_id=task.case_id, caseworker_id=me,
                kind="visit" if task.kind == "visit" else "contact", note_enc=ctx.cipher.encrypt(note), at=ctx.now))
            return answer | {"outcome": "done", "action": "task_done_noted",
                             **await _rights_to_offer(ctx, task.person_id, data.get("issues"))}
        return answer | {"outcome": "done"}
    if data.get("record") == "A":
        return answer | await _on_request(ctx, me, mine, action, record_id, str(data.get("reason") or ""),
                                          data.get("issues"))
    registration = await ctx.session.get(UnemploymentRegistration, record_id)
    if (registration is None or registration.caseworker_id not in mine
            or not await _same_world(ctx, registration.person_id)):
        return answer | {"outcome": "not_found"}
    if registration.status != "submitted":
        return answer | {"outcome": "wrong_state"}
    # Sent at once: a caseworker playing ahead of the clock on the simulator (`at`) must not hold it, nor the
    # person's later messages queued behind it, until the played time comes (as for alerts).
    await cases.decide_registration(ctx.session, ctx.cipher, registration, accept=action == "accept",
                                    note=str(data.get("reason") or ""), caseworker_id=me, now=ctx.now,
                                    send_at=min(ctx.now, ctx.clock))
    return answer | {"outcome": "done"}


async def _summary(ctx: EffectContext, me: int, mine: set[int], case: AssistanceCase) -> dict[str, Any]:
    """C12 alone: the case's entry as the list gives it, and the person's other open records the caseworker may act
    on (a visit task, a registration to accept: `C2` said nothing of the visit T5 waiting for the same person),
    one line as the list's; a closed case, why it closed."""
    cat, channel = catalog("zh_CN"), ctx.channel
    items: list[dict[str, Any]] = []
    tasks = list(await ctx.session.scalars(select(CaseworkTask).where(
        CaseworkTask.person_id == case.person_id, CaseworkTask.status.in_(("open", "overdue")),
        or_(CaseworkTask.caseworker_id.in_(mine), CaseworkTask.escalated_to == me)).order_by(CaseworkTask.due_at)))
    # The person's other open cases I may act on, after this one, as the list gives them (`C3` of a closed rights
    # case said nothing of the one-on-one case C1 open for the same person; `C1` gave C3 as its first-contact task).
    others = list(await ctx.session.scalars(select(AssistanceCase).where(
        AssistanceCase.person_id == case.person_id, AssistanceCase.status == "open", AssistanceCase.id != case.id,
        AssistanceCase.caseworker_id.in_(mine)).order_by(AssistanceCase.first_contact_due, AssistanceCase.id)))
    listed = [case] if case.status == "open" else []
    said: list[CaseworkTask] = []
    for shown in [*listed, *others]:
        own = [task for task in tasks if task.case_id == shown.id and task.kind == "first_contact"]
        said += own
        added = next((task for task in own if task.reason == cases.RIGHTS_ADDED), None)
        items.append(_case_item(cat, shown, channel, ctx.now, contact_late=any(
            task.status == "overdue" for task in own), added=added if shown.first_contact_at else None)[0])
    for task in tasks:
        if task in said:
            continue  # the case's entry says it (its deadline)
        owner = None if task.caseworker_id == me else await ctx.session.scalar(
            select(Caseworker.name).where(Caseworker.id == task.caseworker_id)) or "-"
        items.append(_task_item(cat, task, channel, ctx.now, owner))
    waiting = list(await ctx.session.scalars(select(UnemploymentRegistration.id).where(
        UnemploymentRegistration.person_id == case.person_id, UnemploymentRegistration.status == "submitted",
        UnemploymentRegistration.caseworker_id.in_(mine)).order_by(UnemploymentRegistration.id)))
    items += await _registration_items(ctx.session, cat, channel, waiting)
    brief = await person_brief(ctx.session, ctx.cipher, case.person_id, await _facts_so_far(ctx, case.person_id))
    found: dict[str, Any] = {"outcome": caseworker_flow.SUMMARY, "person": {**brief.params(), "items": items},
                             "kind": case.kind}
    if case.status != "open":
        found["closed"] = (cat.get("alert.closed_employed") if case.close_reason == cases.EMPLOYED
                           else case.close_reason or "-")
    return found


async def _same_world(ctx: EffectContext, person_id: int) -> bool:
    """A record a caseworker may act on from this address: a real person's from their real phone or openid, a
    simulator person's when the caseworker is played on the simulator; anything else is "not found"."""
    simulated = await ctx.session.scalar(select(Person.simulated).where(Person.id == person_id))
    return simulated is not None and bool(simulated) == ctx.simulated


async def _on_case(ctx: EffectContext, me: int, action: str, case: AssistanceCase, reason: str,
                   item: str = "", *, confirmed: bool = False, issues: Any = None) -> dict[str, Any]:
    offer: dict[str, Any] = {"offer": []}
    if action == "phone":
        return await _reveal(ctx, me, case.person_id, {"case": case.id})
    if action in caseworker_flow.TO_PERSON:
        return await _message(ctx, me, case.person_id, reason, {"case": case.id}, action)
    if action in ("contact", "task_done") and issues:
        offer = await _rights_to_offer(ctx, case.person_id, issues)
    if case.status != "open":
        return {"outcome": "wrong_state"}
    if action == "refer" and case.kind != "assistance":
        return {"outcome": "refer_rights"}  # no service package: nothing pushed, nothing counted
    if action == "refer":
        return await _refer(ctx, me, case, item, confirmed=confirmed)
    if action in ("contact", "task_done"):
        # 走访 C3: the person visited, a contact in person (it was answered with the list of commands); their open
        # visit tasks are done, as a visit recorded on the console does them.
        visit = action == "task_done"
        again = case.first_contact_at is not None
        # (Reached already: a contact now does the first contact of a problem added since, if one waits.)
        added = await cases.record_first_contact(ctx.session, case, ctx.now) and again
        # In the case's contact history, as the console's 记录联系 keeps it; the words after it
        # (C3 联系上了 老板答应月底给) are its note (they were dropped).
        ctx.session.add(ContactRecord(person_id=case.person_id, case_id=case.id, caseworker_id=me,
                                      kind="visit" if visit else "contact", channel="in_person" if visit else None,
                                      note_enc=ctx.cipher.encrypt(reason) if reason else None, at=ctx.now))
        await acknowledge_about(ctx.session, caseworker_id=me, now=ctx.now, case_id=case.id)
        if visit:
            for task in await ctx.session.scalars(select(CaseworkTask).where(
                    CaseworkTask.person_id == case.person_id, CaseworkTask.kind == "visit",
                    CaseworkTask.status.in_(("open", "overdue")))):
                await complete_task(ctx.session, task, ctx.now)
                await acknowledge_about(ctx.session, caseworker_id=me, now=ctx.now, task_id=task.id)
                if task.caseworker_id != case.caseworker_id:
                    await tell_owner(ctx.session, ctx.cipher, owner_id=task.caseworker_id, actor_id=me,
                                     person_id=case.person_id, now=ctx.now, task=task)
        # A supervisor's call on a case below them: its owner learns it, so that two people do not call.
        await tell_owner(ctx.session, ctx.cipher, owner_id=case.caseworker_id, actor_id=me, person_id=case.person_id,
                         now=ctx.now, case_id=case.id)
        # (A contact after the first said "已记录 C3 首次联系" again.)
        if visit:
            return {"outcome": "done", "action": "visit_noted" if reason else "visit", **offer}
        # The same person's other cases still waiting for a first contact (联系 C5 about the wages, C6 their
        # one-on-one case opened the same day, C6 went overdue unnoticed): the person was reached, so this contact is
        # the first contact of those the same owner holds (named in the answer); one someone else owns is named, to
        # record by its owner.
        counted, waiting = await _also_first_contact(ctx, me, case)
        return {"outcome": "done", "action": "contact_noted" if reason else "contact_added" if added
                else "contact_again" if again else "contact", **offer, "waiting": waiting,
                "counted": counted}
    elif action == "close":
        # Working again ends a one-on-one case, the days counted; a rights case keeps its reason as written.
        employed = case.kind == "assistance" and says_employed(reason)
        await cases.close_case(ctx.session, case, reason=cases.EMPLOYED if employed else reason, now=ctx.now,
                               caseworker_id=me)
        await end_window_in_unit(ctx, case)  # the person's next words are the bot's again
        # Closed by a supervisor: its owner learns it (it left their list without a word).
        await tell_owner(ctx.session, ctx.cipher, owner_id=case.caseworker_id, actor_id=me, person_id=case.person_id,
                         now=ctx.now, case_id=case.id, closed=case.close_reason or reason)
    await acknowledge_about(ctx.session, caseworker_id=me, now=ctx.now, case_id=case.id)
    return {"outcome": "done"}


async def _also_first_contact(ctx: EffectContext, me: int, case: AssistanceCase) -> tuple[list[str], list[str]]:
    """After a contact on `case`: the same person's other open cases waiting for a first contact. Those of the same
    owner get this contact as theirs (its first-contact tasks done, a contact in each case's history, their alerts
    read); the refs of those (`counted`), and of the ones another owner holds, still waiting (`waiting`)."""
    counted: list[str] = []
    waiting: list[str] = []
    for other in await ctx.session.scalars(select(AssistanceCase).where(
            AssistanceCase.person_id == case.person_id, AssistanceCase.id != case.id,
            AssistanceCase.status == "open", AssistanceCase.first_contact_at.is_(None)).order_by(AssistanceCase.id)):
        if other.caseworker_id != case.caseworker_id:
            waiting.append(f"C{other.id}")
            continue
        await cases.record_first_contact(ctx.session, other, ctx.now)
        ctx.session.add(ContactRecord(person_id=other.person_id, case_id=other.id, caseworker_id=me, kind="contact",
                                      at=ctx.now))
        await acknowledge_about(ctx.session, caseworker_id=me, now=ctx.now, case_id=other.id)
        counted.append(f"C{other.id}")
    return counted, waiting


# A vacancy named by the row's own number (V7) rather than its 编号.
_ROW_NUMBER = re.compile(r"^[Vv](\d{1,9})$")


async def _refer(ctx: EffectContext, me: int, case: AssistanceCase, said: str, *,
                 confirmed: bool = False) -> dict[str, Any]:
    """推荐 C12 WN-001: the open vacancy (by its 编号, as the console shows it, or V and its row number) is pushed
    to the case's person (a `job_push` due now, trigger `referral`: bot/push_effects.py), and kept as a 推荐岗位 in
    the case's contact history, which the service package counts. A vacancy whose own limits leave the person
    out (its ages, a kind for the home county's people: `unmet_limits`) is referred only when confirmed; the
    caseworker is told why it does not fit (a 52-year-old was sent a job for 18-50 as 符合您的条件)."""
    row_number = _ROW_NUMBER.match(said)
    vacancy = await ctx.session.scalar(select(Vacancy).where(
        Vacancy.id == int(row_number.group(1)) if row_number else Vacancy.external_id == said))
    if vacancy is None or not jobs.is_live(vacancy, ctx.today) or not jobs.has_place(vacancy):
        return {"outcome": "no_vacancy", "item": said}
    earlier = await _referred_at(ctx, case.person_id, vacancy.external_id)
    if earlier is not None:
        # 推荐 C12 WN-001 twice: a second referral, the job pushed again, the service package counting it twice.
        return {"outcome": "already_referred", "title": vacancy.title, "item": vacancy.external_id,
                "at": local_time(earlier)}
    seeker = await matches.load_seeker(ctx.session, ctx.cipher, case.person_id)
    unmet, checked = unmet_limits(seeker, jobs.as_opening(vacancy), ctx.today)
    if unmet and not confirmed:
        return {"outcome": "unfit", "case": case.id, "title": vacancy.title, "item": vacancy.external_id,
                "limits": unmet}
    ctx.session.add(ContactRecord(person_id=case.person_id, case_id=case.id, caseworker_id=me, kind="job_referral",
                                  note_enc=ctx.cipher.encrypt(f"{vacancy.external_id} {vacancy.title}"), at=ctx.now))
    await _plan_referral(ctx, case.person_id, f"v{vacancy.id}")
    log.info("caseworker %s referred case %s to vacancy %s", me, case.id, vacancy.id)
    return {"outcome": "referred", "title": vacancy.title, "item": vacancy.external_id,
            "unchecked": not checked and not unmet}


async def _referred_at(ctx: EffectContext, person_id: int, external_id: str) -> datetime | None:
    """When this vacancy was referred to the person (from the chat, on any of their cases), if it was: the 推荐岗位
    record's note (encrypted) starts with the vacancy's 编号."""
    records = await ctx.session.execute(select(ContactRecord.at, ContactRecord.note_enc).where(
        ContactRecord.person_id == person_id, ContactRecord.kind == "job_referral").order_by(ContactRecord.at))
    for at, note_enc in records:
        note = ctx.cipher.decrypt_optional(note_enc) or ""
        if note.split(" ", 1)[0] == external_id:
            referred: datetime = at
            return referred
    return None


# How many days ahead a referral looks for a day without another push planned (one push a person a day).
_REFERRAL_DAYS = 14


async def _plan_referral(ctx: EffectContext, person_id: int, ref: str) -> None:
    """The push of a referral: joined to a referral push still waiting (two referrals the same day are one push of
    both), else on the first day no other push is planned or sent (a day's push is one row: a second one planned
    the same day was lost)."""
    if ctx.planner is None:
        return
    data = {"trigger": REFERRAL, "refs": [ref]}
    row = ctx.planner.job_push(person_id, ctx.now, ctx.now, data)
    planned = {day: (status, outcome, found or {}) for day, status, outcome, found in await ctx.session.execute(
        select(ScheduledFire.due_date, ScheduledFire.status, ScheduledFire.outcome, ScheduledFire.data).where(
            ScheduledFire.person_id == person_id, ScheduledFire.kind == JOB_PUSH,
            ScheduledFire.due_date >= row["due_date"]))}
    day = row["due_date"]
    for _ in range(_REFERRAL_DAYS):
        if day not in planned or planned[day][1] == SUPERSEDED:
            break
        status, _outcome, waiting = planned[day]
        if status == DUE and waiting.get("trigger") == REFERRAL:
            refs = [*(str(r) for r in waiting.get("refs") or () if r != ref), ref]
            await ctx.session.execute(update(ScheduledFire).where(
                ScheduledFire.person_id == person_id, ScheduledFire.kind == JOB_PUSH, ScheduledFire.due_date == day,
                ScheduledFire.status == DUE).values(data={**waiting, "refs": refs}))
            return
        day += timedelta(days=1)
    ctx.fires.plan(row if day == row["due_date"] else ctx.planner.job_push_on(person_id, day, ctx.now, data))


async def _on_request(ctx: EffectContext, me: int, mine: set[int], action: str, alert_id: int,
                      note: str = "", issues: Any = None) -> dict[str, Any]:
    """A request to answer (someone asked for a person, or a question was passed on), by its alert: the number to
    call, or reached (the alert acknowledged, as 已读 in the console's inbox, and gone from the list); words written
    after it go to the person's contact history (回复 A15 公益岗位由村里报名: they were dropped)."""
    alert = await ctx.session.get(Alert, alert_id)
    if (alert is None or alert.kind not in ANSWER_ALERTS or alert.caseworker_id not in mine or alert.person_id is None
            or not await _same_world(ctx, alert.person_id)):
        return {"outcome": "not_found"}
    if action == "phone":
        return await _reveal(ctx, me, alert.person_id, {"alert": alert.id})
    if action == caseworker_flow.RIGHTS:
        return await _open_rights(ctx, me, alert.person_id, issues)
    if action in caseworker_flow.TO_PERSON:
        sent = await _message(ctx, me, alert.person_id, note, {"alert": alert.id}, action)
        if sent["outcome"] == "done" and alert.acknowledged_at is None:  # answered, as the console's message answers it
            alert.acknowledged_at, alert.acknowledged_by = ctx.now, me
        return sent
    if alert.acknowledged_at is not None:
        return {"outcome": "wrong_state"}
    alert.acknowledged_at, alert.acknowledged_by = ctx.now, me
    # Answered by a supervisor: the request left its owner's list, and the owner learns who reached the person.
    await tell_owner(ctx.session, ctx.cipher, owner_id=alert.caseworker_id, actor_id=me, person_id=alert.person_id,
                     now=ctx.now, request_id=alert.id)
    if note:
        ctx.session.add(ContactRecord(person_id=alert.person_id, case_id=alert.case_id, caseworker_id=me,
                                      kind="contact", note_enc=ctx.cipher.encrypt(note), at=ctx.now))
        return {"outcome": "done", "action": "contact_noted", **await _rights_to_offer(ctx, alert.person_id, issues)}
    return {"outcome": "done", "action": "answered"}


def _rights_issues(told: Any) -> list[str]:
    return [str(issue) for issue in told or () if issue in cases.RIGHTS_ISSUES and issue != "other"]


async def _rights_to_offer(ctx: EffectContext, person_id: int, told: Any) -> dict[str, Any]:
    """The rights problems a contact's note tells (read by the flow) that no open rights case of the person holds
    yet (`offer`): the caseworker is offered the case (确认 opens it), or, when the person has one open (`joins`: its
    id), offered to add them to it (the offer said 开维权案件 of someone whose case was the one just contacted)."""
    issues = _rights_issues(told)
    if not issues:
        return {"offer": []}
    open_cases = list(await ctx.session.scalars(select(AssistanceCase).where(
        AssistanceCase.person_id == person_id, AssistanceCase.kind == "rights", AssistanceCase.status == "open")))
    held = {issue for case in open_cases for issue in case.issue_list}
    return {"offer": [issue for issue in issues if issue not in held],
            "joins": open_cases[0].id if open_cases else None}


async def _open_rights(ctx: EffectContext, me: int, person_id: int, told: Any) -> dict[str, Any]:
    """确认 after a contact's note told a rights problem: the person's rights case, opened (or joined) as their own
    report would open it, its owner alerted. When the owner is the caseworker who wrote the note, the contact they
    recorded is its first contact (they spoke with the person about it)."""
    issues = _rights_issues(told)
    if not issues:
        return {"outcome": "wrong_state"}
    # Heard by the writer: the contact just recorded is the new case's first contact, whoever owns it (a supervisor
    # opening it for the caseworker below: the owner is told who heard it, and given no first contact to make).
    [opened] = await cases.open_rights_cases(ctx.session, ctx.cipher, person_id=person_id, issues=issues,
                                             now=ctx.now, heard_by=me,
                                             calendar=ctx.planner.calendar if ctx.planner is not None else None)
    mine = opened.new and opened.caseworker_id == me
    if mine:
        case = await ctx.session.get(AssistanceCase, opened.case_id)
        if case is not None:
            await cases.record_first_contact(ctx.session, case, ctx.now)
        await acknowledge_about(ctx.session, caseworker_id=me, now=ctx.now, case_id=opened.case_id)
    elif opened.new:
        # The writer's own action, in the new case's contact history (its timeline named nobody who reached them).
        ctx.session.add(ContactRecord(person_id=person_id, case_id=opened.case_id, caseworker_id=me, kind="contact",
                                      at=ctx.now))
    log.info("caseworker %s opened rights case %s from a contact's note", me, opened.case_id)
    return {"outcome": "rights_opened", "case": opened.case_id, "new": opened.new, "mine": mine,
            "owner": opened.caseworker_name, "issues": issues}


async def _message(ctx: EffectContext, me: int, person_id: int, text: str, record: dict[str, int],
                   action: str = "message") -> dict[str, Any]:
    """发消息 C3 …: the caseworker's words to the person, queued like the console's message (the outbox picks WeChat
    inside its window, else SMS; quiet hours and opt-out respected), and audited (never the words). 发短信 C3 …: by
    SMS (the outbox's SMS-first route), when the person has a number to text; else said so, nothing sent."""
    by_sms = action == caseworker_flow.SMS
    if by_sms and not await _textable(ctx, person_id):
        return {"outcome": "no_sms"}
    can_send = ctx.session.info.get(CAN_SEND)
    if by_sms and not ctx.simulated and callable(can_send) and not can_send("sms"):
        # No SMS gateway configured: the row would have gone by WeChat while the caseworker was told 用短信发给.
        return {"outcome": "no_sms_gateway"}
    # Signed (【帮扶责任人李书记】…): the person read a caseworker's words from the account with nobody's name on them.
    body = await signed_by(ctx.session, me, person_id, text)
    ctx.session.add(OutboxMessage(
        person_id=person_id, channel=AUTO_SMS if by_sms else AUTO, kind="text", body_enc=ctx.cipher.encrypt(body),
        solicited=False, status="queued", attempts=0, next_attempt_at=min(ctx.now, ctx.clock), created_at=ctx.now))
    ctx.session.info[WAKE_WORKERS] = True
    # The person's answer (好的 明天几点到) comes back to me, not into the dialog they had open.
    back = await expect_reply_in_unit(ctx, person_id, record.get("case"))
    ctx.session.add(AuditLog(actor=f"caseworker:{me}"[:64], action="chat_message", created_at=ctx.now,
                             detail=json.dumps({**record, "person": person_id, **({"via": "sms"} if by_sms else {})})))
    return {"outcome": "done", "action": action, **({"replies_for": back} if back else {})}


async def _textable(ctx: EffectContext, person_id: int) -> bool:
    """Whether an SMS can reach the person: a number they text from, or one on their form."""
    return await ctx.session.scalar(select(ChannelAccount.id).where(
        ChannelAccount.person_id == person_id, ChannelAccount.channel == "sms").limit(1)) is not None or (
        await ctx.session.scalar(select(InfoForm.id).where(
            InfoForm.person_id == person_id, InfoForm.phone_enc.is_not(None)).limit(1)) is not None)


async def _reveal(ctx: EffectContext, me: int, person_id: int, record: dict[str, int]) -> dict[str, Any]:
    """The caseworker responsible may see the number to call (a case's laborer, or the one to visit); every look
    is in the audit log with the record it was for."""
    form = await ctx.session.scalar(select(InfoForm).where(InfoForm.person_id == person_id))
    phone = ctx.cipher.decrypt_optional(form.phone_enc) if form is not None else None
    if phone is None:
        sms = await ctx.session.scalar(select(ChannelAccount.address_enc).where(
            ChannelAccount.person_id == person_id, ChannelAccount.channel == "sms").limit(1))
        phone = ctx.cipher.decrypt(sms) if sms else None
    told_name = None
    if form is None or phone is None:
        # Halfway through the survey: the number and name it has heard, which the alert showed masked (回复 电话 C3
        # 看号码 was answered 没留手机号).
        facts = await _facts_so_far(ctx, person_id)
        phone = phone or ctx.cipher.decrypt_optional(facts.phone_enc)
        told_name = facts.name
    ctx.session.add(AuditLog(actor=f"caseworker:{me}"[:64], action="reveal_phone",
                             detail=json.dumps({**record, "channel": ctx.channel}), created_at=ctx.now))
    if phone is None:
        # Nobody gave a number (someone on WeChat who never did the survey): "-" said nothing of how to reach them.
        return {"outcome": "no_phone"}
    return {"outcome": "phone", "name": (form.name if form is not None else None) or told_name or catalog(
                "zh_CN").get("alert.unknown_name"),
            "phone": (phone[3:] if phone and phone.startswith("+86") else phone) or "-"}


async def _facts_so_far(ctx: EffectContext, person_id: int) -> PersonFacts:
    """Who the person is, as the alerts about them said: someone whose survey is not done is named by what it has
    heard so far (the list said (未登记姓名) of 李* whose rights alert named them), and placed as the alerts place
    them (the roster entry of the phone they text from)."""
    return await facts_so_far(ctx.session, ctx.cipher, person_id)


async def _list(ctx: EffectContext, me: int, page: int, overdue_only: bool = False) -> Mapping[str, Any]:
    """My open cases, tasks and registrations, one entry per person (most urgent first), as pages the chat holds;
    `overdue_only` (列表 逾期): the cases and tasks past their deadline only. A deadline is past by the message's time
    (`ctx.now`: the clock, or the time played on the simulator), also before the sweep marked its task overdue."""
    session, cat = ctx.session, catalog("zh_CN")
    people: dict[int, dict[str, Any]] = {}

    async def add(person_id: int, item: dict[str, Any]) -> dict[str, Any]:
        if person_id not in people:
            brief = await person_brief(session, ctx.cipher, person_id, await _facts_so_far(ctx, person_id))
            people[person_id] = {**brief.params(), "person": person_id, "items": []}
        people[person_id]["items"].append(item)
        return item

    owners: dict[int, str] = {}

    async def owner_name(caseworker_id: int) -> str:
        if caseworker_id not in owners:
            owners[caseworker_id] = await session.scalar(
                select(Caseworker.name).where(Caseworker.id == caseworker_id)) or "-"
        return owners[caseworker_id]

    cases_listed: dict[int, dict[str, Any]] = {}
    # Simulator users' records are nobody's work: never in a caseworker's list. A caseworker played on the
    # simulator (their phone or openid as a simulator user) sees those only.
    real = select(Person.id).where(Person.simulated.is_(ctx.simulated))
    open_cases = select(AssistanceCase).where(AssistanceCase.caseworker_id == me, AssistanceCase.status == "open",
                                              AssistanceCase.person_id.in_(real))
    channel = ctx.channel

    def past(at: datetime) -> bool:
        return at < ctx.now

    tasks = list(await session.scalars(select(CaseworkTask).where(
        or_(CaseworkTask.caseworker_id == me, CaseworkTask.escalated_to == me),
        CaseworkTask.status.in_(("open", "overdue")), CaseworkTask.person_id.in_(real))
        .order_by(CaseworkTask.due_at)))
    late_contact = {task.case_id for task in tasks if task.kind == "first_contact" and (
        task.status == "overdue" or past(task.due_at))}
    # A problem added to a rights case after its first contact: that contact's task (bot/casework/cases.py).
    contact_added = {task.case_id: task for task in tasks
                     if task.kind == "first_contact" and task.reason == cases.RIGHTS_ADDED and task.case_id}
    mine = list(await session.scalars(open_cases.order_by(AssistanceCase.first_contact_due)))
    # One task for the rights cases reported together (bot/casework): each of them is late when it is.
    late_reports = {(c.person_id, c.first_contact_due) for c in mine if c.id in late_contact and c.kind == "rights"}
    for case in mine:
        added = contact_added.get(case.id) if case.first_contact_at else None
        # (A rights case reported with others shares their one task: late when it is.)
        item, late = _case_item(cat, case, channel, ctx.now, added=added, contact_late=case.id in late_contact or (
            case.kind == "rights" and (case.person_id, case.first_contact_due) in late_reports))
        if overdue_only and not late:
            continue
        cases_listed[case.id] = await add(case.person_id, item)
    for task in tasks:
        if task.kind == "first_contact" and task.case_id in cases_listed:
            # The case's entry says it already ("…前首次联系"; `联系 C12` does it): one entry for one thing to do.
            continue
        if overdue_only and not _task_late(task, ctx.now):
            continue
        # Escalated to me (督办): whose task it is, to chase them.
        await add(task.person_id, _task_item(cat, task, channel, ctx.now, None if task.caseworker_id == me
                                             else await owner_name(task.caseworker_id)))
    for alert in [] if overdue_only else await session.scalars(select(Alert).where(
            Alert.caseworker_id == me, Alert.kind.in_(ANSWER_ALERTS), Alert.acknowledged_at.is_(None),
            Alert.person_id.in_(real)).order_by(Alert.id)):
        # Someone waiting to be reached: `电话 A4` gives the number, `联系 A4` says it is done.
        said = next((why for why in (caseworker_flow.NOT_LOOKING, caseworker_flow.ERASURE)
                     if (alert.dedup_key or "").startswith(f"{why}:")), alert.kind)
        await add(int(alert.person_id or 0), {"type": "request", "alert": alert.id,
                                              "what": cat.get(f"caseworker.request.{said}", channel)})
    waiting = [] if overdue_only else list(await session.scalars(select(UnemploymentRegistration).where(
        UnemploymentRegistration.caseworker_id == me, UnemploymentRegistration.status == "submitted",
        UnemploymentRegistration.person_id.in_(real))
        .order_by(UnemploymentRegistration.id)))
    for registration, item in zip(waiting, await _registration_items(
            session, cat, channel, [registration.id for registration in waiting]), strict=True):
        await add(registration.person_id, item)
    locale = await session.scalar(select(Person.locale).where(Person.id == ctx.person_id)) or "zh_CN"
    pages = caseworker_flow.paginate(list(people.values()), locale, ctx.channel)
    shown = min(max(page, 1), len(pages)) if pages else 1
    return {"outcome": "listed", "only": caseworker_flow.OVERDUE if overdue_only else None,
            "people": pages[shown - 1] if pages else [], "page": shown, "pages": len(pages),
            # A page asked for past the end (列表2 of a list of one page): said so before the last page is shown.
            "asked": page if pages and page > len(pages) else None,
            "count": sum(len(p["items"]) for p in people.values()), "total": len(people),
            "after": len({entry["person"] for later in pages[shown:] for entry in later})}


