"""Unemployment registrations and cases: a one-on-one assistance case after a job loss, a rights case after a
report of unpaid wages, no contract or no social insurance. Each is owned by the responsible caseworker, who is
alerted; an assistance case also gets its first-contact task and service package (bot/casework/policy.py).

Functions take a session and never commit. One open case per person and kind (a rights case lists its issues):
they run under the person's conversation lock (effects), so checking before inserting is enough.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import bindparam, exists, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from bot.casework import policy
from bot.casework.alerts import ALERT_LOCALE, LOCAL_TZ, alert_about, local_time, quoted
from bot.casework.responsibility import (
    UNASSIGNED,
    PersonFacts,
    completed,
    person_facts,
    responsible_caseworker,
    responsible_for,
    roster_by_phone,
)
from bot.casework.tasks import complete_task, open_task
from dialogs.i18n import catalog, render
from dialogs.types import Outbound
from scheduler.calendar import ProgrammeCalendar
from storage import hot_path
from storage.crypto import FieldCipher
from storage.db import WAKE_WORKERS
from storage.models import AssistanceCase, Caseworker, CaseworkTask, OutboxMessage, Person, UnemploymentRegistration

RIGHTS_ISSUES = ("wage_arrears", "no_contract", "no_social_insurance", "other")
# The reason of the first-contact task of a problem added to a rights case after its first contact.
RIGHTS_ADDED = "rights_case_added"
EMPLOYED = "employed"
# The programme's calendar when the caller has none (the app's planner has one, from the settings' sending hours).
CALENDAR = ProgrammeCalendar(LOCAL_TZ, (time(8, 0), time(21, 0)))


def first_contact_due(now: datetime, days: int, calendar: ProgrammeCalendar | None = None) -> datetime:
    """The first-contact deadline of a case opened at `now`: `days` days of working time (policy.toml
    first_contact_days), never at night or in a statutory holiday (opened on the eve of the Spring Festival, the
    deadline fell in the holiday; opened at 23:00, at 23:00)."""
    return (calendar or CALENDAR).after_working_days(now, days)


@dataclass(frozen=True, slots=True)
class CaseOpened:
    case_id: int
    caseworker_id: int
    caseworker_name: str
    first_contact_due: datetime
    new: bool


_OWNER_NAME = select(Caseworker.name).where(Caseworker.id == bindparam("caseworker_id"))


async def _owner_name(session: AsyncSession, caseworker_id: int) -> str:
    found = await hot_path.fetch(session, _OWNER_NAME, caseworker_id=caseworker_id)
    return str(found[0][0] or "") if found else ""


async def create_registration(
    session: AsyncSession,
    *,
    person_id: int,
    last_work_day: date | None,
    job_loss_reason: str | None,
    insured: str | None,
    insured_years: float | None,
    wants_services: Sequence[str],
    benefit_likely: bool | None,
    benefit_months: int | None,
    now: datetime,
    told: Mapping[str, Any] | None = None,
) -> UnemploymentRegistration:
    """The registration prepared in the chat, submitted to the responsible caseworker for the HR office.
    `told`: what an unfinished survey has heard (responsibility.py `completed`)."""
    facts = completed(None, await person_facts(session, person_id), told)
    registration = UnemploymentRegistration(
        person_id=person_id, caseworker_id=await responsible_for(session, facts),
        home_division=facts.division, last_work_day=last_work_day,
        job_loss_reason=job_loss_reason, insured=insured, insured_years=insured_years,
        wants_services=list(wants_services), benefit_likely=benefit_likely, benefit_months=benefit_months,
        status="submitted", submitted_at=now,
    )
    session.add(registration)
    await session.flush()
    return registration


async def open_case(
    session: AsyncSession, person_id: int, kind: str, issue: str | None = None
) -> AssistanceCase | None:
    """The person's open case of this kind (and issue), if any."""
    query = select(AssistanceCase).where(
        AssistanceCase.person_id == person_id, AssistanceCase.status == "open", AssistanceCase.kind == kind
    )
    if issue is not None:
        query = query.where(AssistanceCase.issue == issue)
    found: AssistanceCase | None = await session.scalar(query.order_by(AssistanceCase.id).limit(1))
    return found


_OPEN_CASES = select(AssistanceCase.id, AssistanceCase.kind, AssistanceCase.issue).where(
    AssistanceCase.person_id == bindparam("person_id"), AssistanceCase.status == "open"
)


async def open_case_ids(session: AsyncSession, person_id: int, kind: str, issue: str | None = None) -> list[int]:
    """The person's open cases of this kind (and issue): one direct look-up, so that a repeat costs little."""
    rows = await hot_path.fetch(session, _OPEN_CASES, person_id=person_id)
    return sorted(r[0] for r in rows if r[1] == kind and (issue is None or r[2] == issue))


async def has_open_case(session: AsyncSession, person_id: int) -> bool:
    """Whether the person has an open one-on-one assistance case (weekly check-ins while it is open)."""
    return bool(await open_case_ids(session, person_id, "assistance"))


async def open_assistance_case(
    session: AsyncSession, cipher: FieldCipher, *, person_id: int, now: datetime, registration_id: int | None = None,
    told: Mapping[str, Any] | None = None, calendar: ProgrammeCalendar | None = None,
) -> CaseOpened:
    """Open the one-on-one case (or return the one already open), with its first-contact task and alert."""
    existing = await open_case(session, person_id, "assistance") if await open_case_ids(
        session, person_id, "assistance") else None
    if existing is not None:
        if registration_id is not None and existing.registration_id != registration_id:
            await _registration_on_open_case(session, cipher, existing, registration_id, now)
        return CaseOpened(existing.id, existing.caseworker_id, await _owner_name(session, existing.caseworker_id),
                          existing.first_contact_due, new=False)
    case, facts = await _new_case(session, cipher, person_id=person_id, kind="assistance", issue=None, now=now,
                                  registration_id=registration_id, told=told, calendar=calendar)
    await open_task(
        session, cipher, kind="first_contact", person_id=person_id, reason="new_case", due_at=case.first_contact_due,
        now=now, dedup_key=f"first_contact:{case.id}", case_id=case.id, caseworker_id=case.caseworker_id,
    )
    await alert_about(
        session, cipher, caseworker_id=case.caseworker_id, kind="new_case", person_id=person_id, now=now,
        dedup_key=f"case:{case.id}:new", case_id=case.id, case=case.id, due=local_time(case.first_contact_due),
        registered=_registered(registration_id), why=await _why(session, registration_id), facts=facts,
    )
    return CaseOpened(case.id, case.caseworker_id, await _owner_name(session, case.caseworker_id),
                      case.first_contact_due, new=True)


async def _registration_on_open_case(
    session: AsyncSession, cipher: FieldCipher, case: AssistanceCase, registration_id: int, now: datetime,
) -> None:
    """A registration submitted while the person's case is open: sent again after a return (重新提交), or the first one
    of a case opened without it. The case points to it, and its owner is told (the case is theirs already: no new
    first contact) — it waits to be accepted or returned like any."""
    case.registration_id = registration_id
    returned = await session.scalar(select(UnemploymentRegistration.id).where(
        UnemploymentRegistration.person_id == case.person_id, UnemploymentRegistration.status == "rejected",
        UnemploymentRegistration.id < registration_id).order_by(UnemploymentRegistration.id.desc()).limit(1))
    params: dict[str, Any] = {"registration": registration_id, "case": case.id}
    if returned is not None:
        params["previous"] = returned
    await alert_about(
        session, cipher, caseworker_id=case.caseworker_id, kind="new_case", person_id=case.person_id, now=now,
        dedup_key=f"registration:{registration_id}:on_case", case_id=case.id,
        template="registration_resubmitted" if returned is not None else "registration_added", **params,
    )


async def resubmitted(session: AsyncSession, registration_ids: Collection[int]) -> set[int]:
    """Of these registrations, those sent again (重新提交) after an earlier one of the same person was returned."""
    if not registration_ids:
        return set()
    earlier = aliased(UnemploymentRegistration)
    again = exists().where(earlier.person_id == UnemploymentRegistration.person_id, earlier.status == "rejected",
                           earlier.id < UnemploymentRegistration.id)
    return set(await session.scalars(select(UnemploymentRegistration.id).where(
        UnemploymentRegistration.id.in_(list(registration_ids)), again)))


async def working_again(session: AsyncSession, registration_ids: Collection[int]) -> dict[int, datetime]:
    """Of these registrations, those whose person works again, with since when: the one-on-one case opened with the
    registration closed because they work (`days_to_job` recorded; a case reopened by 还没上班 is open again). The
    registration itself stays as it was submitted (the record of the time out of work: the caseworker may still
    accept it, or return it); the list and the console say they work again."""
    if not registration_ids:
        return {}
    return {int(registration): closed for registration, closed in await session.execute(
        select(AssistanceCase.registration_id, AssistanceCase.closed_at).where(
            AssistanceCase.registration_id.in_(list(registration_ids)), AssistanceCase.status == "closed",
            AssistanceCase.days_to_job.is_not(None), AssistanceCase.closed_at.is_not(None)))}


def _registered(registration_id: int | None) -> str:
    """"已提交失业登记 R12", or that there is none yet (a case opened before any registration): never "R-"."""
    zh = catalog(ALERT_LOCALE)
    if registration_id is None:
        return zh.get("alert.not_registered")
    return zh.get("alert.registered").format(registration=registration_id)


async def _why(session: AsyncSession, registration_id: int | None) -> str:
    """Why the job was lost, as the registration says, for the alert ("失业 (单位倒闭、老板跑路)"): the first thing a
    caseworker calling the person wants to know. Empty when no registration or reason is known."""
    reason = await session.scalar(select(UnemploymentRegistration.job_loss_reason).where(
        UnemploymentRegistration.id == registration_id)) if registration_id is not None else None
    if not reason:
        return ""
    cat = catalog(ALERT_LOCALE)
    return cat.get("alert.why").format(reason=cat.get(f"alert.job_loss_reason.{reason}"))


async def open_rights_case(
    session: AsyncSession, cipher: FieldCipher, *, person_id: int, issue: str, now: datetime,
    told: Mapping[str, Any] | None = None,
) -> CaseOpened:
    """Open a rights case for this issue (or return the one already open) and alert its owner."""
    [opened] = await open_rights_cases(session, cipher, person_id=person_id, issues=(issue,), now=now, told=told)
    return opened


async def open_rights_cases(
    session: AsyncSession, cipher: FieldCipher, *, person_id: int, issues: Sequence[str], now: datetime,
    told: Mapping[str, Any] | None = None, said: str | None = None, heard_by: int | None = None,
    calendar: ProgrammeCalendar | None = None,
) -> list[CaseOpened]:
    """The person's rights case for these issues: one case for the problems told together (a saved form with no
    contract and no social insurance, 没签合同也没交社保), its owner alerted once with every problem; a problem told
    while a rights case is open joins that case (its owner told what was added), one told again changes nothing.
    A list of the one case (as `open_rights_case`).
    `heard_by`: the caseworker who heard the problem from the person in a contact and opened the case (their note's
    确认). When the new case is someone else's, that contact is its first contact, and its owner is told who heard
    it (they got the laborer's own report's alert, and a first contact to make with someone just reached)."""
    unknown = [issue for issue in issues if issue not in RIGHTS_ISSUES]
    if unknown:
        raise ValueError(f"unknown rights issue {unknown[0]!r}")
    told_now = list(dict.fromkeys(issues))
    zh = catalog("zh_CN")
    existing = await open_case(session, person_id, "rights") if await open_case_ids(
        session, person_id, "rights") else None
    if existing is not None:
        before = existing.issue_list
        added = [issue for issue in told_now if issue not in before]
        if added:
            existing.issues = [*before, *added]  # (a new list: the JSON column sees the change)
            what = "、".join(zh.get(f"alert.issue.{issue}") for issue in added)
            # Who they are as the conversation told it, as the case's own alert had it (a second problem told in
            # the survey, before the form is saved, came as "(未登记姓名) (只用微信, 没留手机号, 地址不详)").
            facts = await roster_by_phone(session, cipher, completed(cipher, await person_facts(session, person_id),
                                                                     told))
            if existing.first_contact_at is None:
                # The first contact is still to make: the call asks about this problem too (one task, one deadline).
                await alert_about(
                    session, cipher, caseworker_id=existing.caseworker_id, kind="rights_case", person_id=person_id,
                    now=now, facts=facts, dedup_key=f"case:{existing.id}:added:{','.join(added)}", case_id=existing.id,
                    template="rights_case_added" + ("_said" if said else ""), case=existing.id, issue=what,
                    said=quoted(said) if said else "",
                )
            elif heard_by is not None:
                # Heard from the person by the writer of a contact's note (确认): that contact was about it, so no
                # contact is left to make; its owner, when someone else, is told who heard it (none to themselves).
                if heard_by != existing.caseworker_id:
                    await alert_about(
                        session, cipher, caseworker_id=existing.caseworker_id, kind="rights_case", person_id=person_id,
                        now=now, facts=facts, dedup_key=f"case:{existing.id}:added:{','.join(added)}",
                        case_id=existing.id,
                        template="rights_case_added_heard", case=existing.id, issue=what,
                        who=await session.scalar(select(Caseworker.name).where(Caseworker.id == heard_by)) or "-",
                    )
            else:
                # Reached already about the earlier problems: nothing asked anyone to act on this one (wages owed
                # added after the call about a contract waited unseen). It gets its own first contact, due as a new
                # case's, escalated like one when missed; `联系 C3` (or a contact on the console) does it.
                due = first_contact_due(now, policy.for_division(existing.home_division).first_contact_days, calendar)
                await open_task(
                    session, cipher, kind="first_contact", person_id=person_id, reason=RIGHTS_ADDED, due_at=due,
                    now=now, dedup_key=f"first_contact:{existing.id}:added:{','.join(added)}", case_id=existing.id,
                    caseworker_id=existing.caseworker_id,
                )
                await alert_about(
                    session, cipher, caseworker_id=existing.caseworker_id, kind="rights_case", person_id=person_id,
                    now=now, facts=facts, dedup_key=f"case:{existing.id}:added:{','.join(added)}", case_id=existing.id,
                    template="rights_case_added_contacted" + ("_said" if said else ""), case=existing.id, issue=what,
                    due=local_time(due), said=quoted(said) if said else "",
                )
        return [CaseOpened(existing.id, existing.caseworker_id, await _owner_name(session, existing.caseworker_id),
                           existing.first_contact_due, new=False)]
    case, facts = await _new_case(session, cipher, person_id=person_id, kind="rights", issue=told_now[0], now=now,
                                  told=told, issues=told_now, calendar=calendar)
    unregistered: dict[str, Any] = {}
    heard = heard_by is not None and heard_by != case.caseworker_id
    if heard:
        unregistered = {"template": "rights_case_heard", "case": case.id, "who": await session.scalar(
            select(Caseworker.name).where(Caseworker.id == heard_by)) or "-"}
    elif facts.name is None:
        # Someone who never did the survey ("(未登记姓名) 无手机号" and nothing to act on): what they said (numbers
        # masked), and how to reach them — their number, or the chat when there is none.
        unregistered = {"template": "rights_case_unregistered_phone" if facts.phone_enc else "rights_case_unregistered",
                        "said": quoted(said) if said else zh.get("alert.said_before_consent"), "case": case.id}
    elif said:
        # Someone surveyed: the words of the report too (老板欠我两个月工资 八千多: how long, how much, who), numbers
        # masked; the alert said only 反映拖欠工资.
        unregistered = {"template": "rights_case_said", "said": quoted(said)}
    if heard_by is None or heard:
        # (Opened by its owner from their own note: the chat's answer tells them; an alert "请尽快核实" about what they
        # just did went to their phone.)
        await alert_about(
            session, cipher, caseworker_id=case.caseworker_id, kind="rights_case", person_id=person_id, now=now,
            dedup_key=f"case:{case.id}:new", case_id=case.id, cases=f"C{case.id}",
            issue="、".join(zh.get(f"alert.issue.{issue}") for issue in told_now), facts=facts, **unregistered,
        )
    # Its first contact is a task, as a one-on-one case's is: past its deadline it goes up to the supervisor
    # (a report nobody called back about waited unseen).
    await open_task(
        session, cipher, kind="first_contact", person_id=person_id, reason="rights_case",
        due_at=case.first_contact_due, now=now, dedup_key=f"first_contact:{case.id}", case_id=case.id,
        caseworker_id=case.caseworker_id,
    )
    if heard:
        await record_first_contact(session, case, now)  # heard from the person: reached, the task done
    return [CaseOpened(case.id, case.caseworker_id, await _owner_name(session, case.caseworker_id),
                       case.first_contact_due, new=True)]


async def _new_case(
    session: AsyncSession, cipher: FieldCipher, *, person_id: int, kind: str, issue: str | None, now: datetime,
    registration_id: int | None = None, told: Mapping[str, Any] | None = None, issues: list[str] | None = None,
    calendar: ProgrammeCalendar | None = None,
) -> tuple[AssistanceCase, PersonFacts]:
    # Where they live from the roster entry of the phone they text from, as the alerts find it (roster_by_phone).
    facts = await roster_by_phone(session, cipher, completed(cipher, await person_facts(session, person_id), told))
    division = facts.division
    rules = policy.for_division(division)
    package: Mapping[str, Any] = rules.package if kind == "assistance" else {}
    case = AssistanceCase(
        person_id=person_id, kind=kind, issue=issue, issues=issues, caseworker_id=await responsible_for(session, facts),
        home_division=division, registration_id=registration_id, status="open", opened_at=now,
        first_contact_due=first_contact_due(now, rules.first_contact_days, calendar), package=dict(package),
        package_due=now + timedelta(days=int(package["days"])) if package else None,
    )
    session.add(case)
    await session.flush()
    return case, facts


def days_between(start: datetime, end: datetime) -> int:
    """Whole calendar days in the programme's time zone (opened Monday, working Wednesday: 2)."""
    return (end.astimezone(LOCAL_TZ).date() - start.astimezone(LOCAL_TZ).date()).days


async def close_case(
    session: AsyncSession, case: AssistanceCase, *, reason: str, now: datetime, caseworker_id: int | None = None
) -> None:
    """Close the case; its open first-contact task no longer needs doing."""
    case.status = "closed"
    case.closed_at = now
    case.close_reason = reason[:200]
    case.closed_by = caseworker_id
    if reason == EMPLOYED and case.kind == "assistance":
        case.days_to_job = days_between(case.opened_at, now)
    pending = await session.scalars(
        select(CaseworkTask).where(
            CaseworkTask.case_id == case.id, CaseworkTask.kind == "first_contact",
            CaseworkTask.status.in_(("open", "overdue")),
        )
    )
    for task in pending:
        await complete_task(session, task, now)


async def decide_registration(
    session: AsyncSession, cipher: FieldCipher, registration: UnemploymentRegistration, *, accept: bool, note: str,
    caseworker_id: int | None, now: datetime, send_at: datetime | None = None,
) -> None:
    """A submitted registration accepted or rejected (from the chat's 受理 R3 / 退回 R3 原因, or the console's case
    page); the laborer is told by a push (the outbox routes it to WeChat or SMS), due at `send_at` (default `now`)."""
    registration.status = "accepted" if accept else "rejected"
    registration.decided_at = now
    registration.decided_by = caseworker_id
    registration.decision_note = note[:200] or None
    person = (await session.execute(select(Person.locale, Person.erased_at)
                                    .where(Person.id == registration.person_id))).first()
    if person is not None and person.erased_at is not None:
        return  # their data was erased (bot/erasure.py): the office's record is decided, nobody is told
    locale = (person.locale if person is not None else None) or "zh_CN"
    text = render(Outbound(key=f"registration.{registration.status}", params={
        "registration": registration.id, "reason": registration.decision_note or ""}), locale, "sms")
    session.add(OutboxMessage(
        person_id=registration.person_id, channel="auto", kind="text", body_enc=cipher.encrypt(text),
        solicited=False, status="queued", attempts=0, next_attempt_at=send_at or now, created_at=now,
    ))
    session.info[WAKE_WORKERS] = True


async def close_on_job(session: AsyncSession, *, person_id: int, now: datetime) -> list[int]:
    """The person works again: their open assistance cases close with the days it took."""
    if not await open_case_ids(session, person_id, "assistance"):
        return []
    cases = list(await session.scalars(
        select(AssistanceCase).where(
            AssistanceCase.person_id == person_id, AssistanceCase.kind == "assistance",
            AssistanceCase.status == "open",
        )
    ))
    for case in cases:
        await close_case(session, case, reason=EMPLOYED, now=now)
    return [case.id for case in cases]


_CLOSED_BY_NEWS = select(AssistanceCase.id).where(
    AssistanceCase.person_id == bindparam("person_id"), AssistanceCase.kind == "assistance",
    AssistanceCase.status == "closed", AssistanceCase.close_reason == EMPLOYED, AssistanceCase.closed_by.is_(None),
)
# A case closed because the person said they work again, denied within this time (不对 我还没上班 下个月才去): the
# news did not hold, and the case is opened again as it was.
REOPEN_WITHIN = timedelta(days=2)


async def reopen_after_denied_job(session: AsyncSession, *, person_id: int, now: datetime) -> list[int]:
    """The person is out of work after all, shortly after their words closed their assistance case (a job promised
    read as a job found, then denied): the cases so closed — by the laborer's news, not by a caseworker — open
    again, unless another is open, with what the close ended: a first contact not yet made is to make again (its
    task, done by the close, open or overdue as it was: the reopened case waited for a call nobody chased). Returns
    their ids."""
    if await open_case_ids(session, person_id, "assistance"):
        return []
    # One direct look-up (most people have no such case); the ORM only for a case to open again.
    closed = await hot_path.fetch(session, _CLOSED_BY_NEWS, person_id=person_id)
    cases = [case for row in closed if (case := await session.get(AssistanceCase, row[0])) is not None
             and case.closed_at is not None and case.closed_at >= now - REOPEN_WITHIN]
    for case in cases:
        if case.first_contact_at is None:
            for task in await session.scalars(select(CaseworkTask).where(
                    CaseworkTask.case_id == case.id, CaseworkTask.kind == "first_contact",
                    CaseworkTask.status == "done", CaseworkTask.done_at == case.closed_at)):
                task.status = "overdue" if task.escalated_to is not None else "open"
                task.done_at = None
        case.status = "open"
        case.closed_at = None
        case.close_reason = None
        case.days_to_job = None
    return [case.id for case in cases]


async def record_first_contact(session: AsyncSession, case: AssistanceCase, now: datetime) -> int:
    """The person reached about the case: its open first-contact tasks done (also one for a problem added after
    the first contact). Returns how many were done."""
    if case.first_contact_at is None:
        case.first_contact_at = now
    # The person reached about one of their rights cases was reached about those told with it (opened together, one
    # task for them: open_rights_cases), never about a report they made before or after it (its own call to make).
    cases = select(AssistanceCase.id).where(
        AssistanceCase.person_id == case.person_id, AssistanceCase.kind == "rights",
        AssistanceCase.opened_at == case.opened_at,
    ) if case.kind == "rights" else select(AssistanceCase.id).where(AssistanceCase.id == case.id)
    pending = await session.scalars(
        select(CaseworkTask).where(
            CaseworkTask.case_id.in_(cases), CaseworkTask.kind == "first_contact",
            CaseworkTask.status.in_(("open", "overdue")),
        )
    )
    done = 0
    for task in pending:
        await complete_task(session, task, now)
        done += 1
    return done


async def reassign_unassigned(session: AsyncSession, cipher: FieldCipher, *, now: datetime) -> int:
    """Open work owned by the stand-in (opened before any caseworker was imported) goes to the responsible
    caseworkers, who are alerted; returns the number of cases handed on."""
    stand_ins = list(await session.scalars(select(Caseworker.id).where(Caseworker.role == UNASSIGNED)))
    if not stand_ins:
        return 0
    owners: dict[int, int] = {}

    async def owner(person_id: int) -> int:
        if person_id not in owners:
            owners[person_id] = await responsible_caseworker(session, person_id)
        return owners[person_id]

    cases = list(await session.scalars(select(AssistanceCase).where(
        AssistanceCase.caseworker_id.in_(stand_ins), AssistanceCase.status == "open")))
    for case in cases:
        case.caseworker_id = await owner(case.person_id)
        await alert_about(
            session, cipher, caseworker_id=case.caseworker_id, kind="case_reassigned", person_id=case.person_id,
            now=now, dedup_key=f"case:{case.id}:to:{case.caseworker_id}", case_id=case.id, case=case.id,
        )
    for task in await session.scalars(select(CaseworkTask).where(
            CaseworkTask.caseworker_id.in_(stand_ins), CaseworkTask.status.in_(("open", "overdue")))):
        task.caseworker_id = await owner(task.person_id)
    for registration in await session.scalars(select(UnemploymentRegistration).where(
            UnemploymentRegistration.caseworker_id.in_(stand_ins), UnemploymentRegistration.status == "submitted")):
        registration.caseworker_id = await owner(registration.person_id)
    await session.flush()
    return len(cases)
