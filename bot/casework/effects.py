"""What casework does with the events dialogs emit, in the same unit of work as the state change:

- `registration.submit` (the job-loss dialog): the registration record, the one-on-one case with its
  first-contact task and the owner's alert; answers the dialog with the numbers, the owner and where to claim;
- `rights_issue_reported`: a rights case listing the issues told (`issues`, else `issue`); a form submitted with
  no contract, no social insurance or late wages opens one listing them all; an issue told while the person's
  rights case is open joins it;
- `employment_status_changed`: the stored form's status (with history); working again closes the case;
- `human_requested`, `question_referred`: an alert to the responsible caseworker;
- `rights_details_told`: the details kept with the rights case (bot/casework/rights_details.py), its owner alerted.
- `form_submitted` with an ID number already on another person's form: a `duplicate_id` alert, to check it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping, Sequence
from datetime import date
from typing import Any, cast

from sqlalchemy import Table, bindparam, select

from bot.casework import cases, policy, rights_details
from bot.casework.alerts import ALERT_LOCALE, LOCAL_TZ, QUOTED_CHARS, alert_about, already_alerted, quoted
from bot.casework.responsibility import (
    UNASSIGNED,
    completed,
    home_division,
    incomplete,
    person_facts,
    responsible_for,
    roster_by_phone,
    supervisor_of,
)
from bot.effects import EffectContext, handles
from dialogs import caseworker_reply
from dialogs.flows import caseworker as caseworker_flow
from dialogs.flows import returned
from dialogs.flows.rights import form_rights_issues
from dialogs.i18n import catalog
from dialogs.types import DialogEvent, told_so_far
from scheduler.calendar import ProgrammeCalendar
from storage import hot_path, info_forms
from storage.models import AssistanceCase, Caseworker, CaseworkTask, InfoForm, Person, UnemploymentRegistration
from storage.repositories import open_state

QUESTION_CHARS = QUOTED_CHARS  # (the alert-length tests quote this much)


def _day(value: Any) -> date | None:
    try:
        return date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _calendar(ctx: EffectContext) -> ProgrammeCalendar | None:
    """The deployment's calendar (its sending hours), for a first contact's deadline; None: the default one."""
    return ctx.planner.calendar if ctx.planner is not None else None


@handles("registration.submit")
async def _registration(ctx: EffectContext, event: DialogEvent) -> Mapping[str, Any]:
    data = event.data
    months = data.get("benefit_months")
    told = await survey_told(ctx)
    registration = await cases.create_registration(
        ctx.session, person_id=ctx.person_id, last_work_day=_day(data.get("last_work_day")), told=told,
        job_loss_reason=data.get("job_loss_reason"), insured=data.get("insured"),
        insured_years=_number(data.get("insured_years")), wants_services=list(data.get("wants_services") or []),
        benefit_likely=data.get("benefit_likely"), benefit_months=months if isinstance(months, int) else None,
        now=ctx.now,
    )
    opened = await cases.open_assistance_case(ctx.session, ctx.cipher, person_id=ctx.person_id, now=ctx.now,
                                              registration_id=registration.id, told=told, calendar=_calendar(ctx))
    owner = await ctx.session.get(Caseworker, opened.caseworker_id)
    rules = policy.for_division(await home_division(ctx.session, ctx.person_id) or registration.home_division)
    return {
        "registration_id": registration.id,
        "case_id": opened.case_id,
        "caseworker": owner.name if owner is not None and owner.role != UNASSIGNED else None,
        "first_contact_days": rules.first_contact_days,
        "claim_where": rules.claim_text(str(data.get("locale") or "zh_CN")),
    }


@handles(returned.LOOKUP)
async def _returned(ctx: EffectContext, event: DialogEvent) -> Mapping[str, Any]:
    """重新提交: the person's latest registration, if the caseworker returned it (and nothing was sent after it)."""
    latest = await ctx.session.scalar(
        select(UnemploymentRegistration).where(UnemploymentRegistration.person_id == ctx.person_id)
        .order_by(UnemploymentRegistration.id.desc()).limit(1))
    if latest is None or latest.status != "rejected":
        return {"status": latest.status if latest is not None else "none"}
    return {"status": "returned", "registration": latest.id, "note": latest.decision_note or ""}


@handles("rights_issue_reported")
async def _rights_issue(ctx: EffectContext, event: DialogEvent) -> None:
    # One report, one case (没签合同也没交社保: both issues in it); a later report joins the open one.
    told = event.data.get("issues") or [event.data.get("issue") or "other"]
    issues = [str(issue) if issue in cases.RIGHTS_ISSUES else "other" for issue in told]
    said = event.data.get("said")
    await cases.open_rights_cases(ctx.session, ctx.cipher, person_id=ctx.person_id, issues=issues, now=ctx.now,
                                  told=await survey_told(ctx), said=said if isinstance(said, str) else None,
                                  calendar=_calendar(ctx))


@handles("form_submitted")
async def _form_rights(ctx: EffectContext, event: DialogEvent) -> None:
    """The survey's record (stored by the survey's own handler first): rights not respected open rights cases;
    someone recorded as working again closes their assistance case."""
    answers: Mapping[str, Any] = event.data.get("answers") or {}
    if answers.get("employment_status") != "employed":
        return
    await _close_on_job(ctx)
    issues = form_rights_issues(answers, ctx.today)  # a job started this month: its month to go
    if issues:
        # In the event log as a report told in words is (the form's own event keeps no answers): every issue.
        ctx.event_log.append({"person_id": ctx.person_id, "kind": "rights_issue_reported", "channel": ctx.channel,
                              "data": {"issue": issues[0], "issues": list(issues), "flow": "survey",
                                       "channel": ctx.channel}, "created_at": ctx.now})
        await cases.open_rights_cases(ctx.session, ctx.cipher, person_id=ctx.person_id, issues=issues, now=ctx.now,
                                      calendar=_calendar(ctx))


# Open cases of a person opened before the survey knew where they live.
_PLACELESS_CASES = select(AssistanceCase.id, AssistanceCase.caseworker_id, AssistanceCase.first_contact_at).where(
    AssistanceCase.person_id == bindparam("person_id"), AssistanceCase.status == "open",
    AssistanceCase.home_division.is_(None))


@handles("form_submitted")
async def _place_cases_opened_before_home(ctx: EffectContext, event: DialogEvent) -> None:
    """A case opened before the survey knew where the person lives (老板跑路了 工钱也没给, passed on at consent) went
    by what was known then (often the fallback supervisor) and to no region. The saved form says where: the case
    and its open tasks are placed there, and, nobody having contacted the person yet, handed to the responsible
    caseworker, who is alerted (the caseworker of their village never saw the wages case: it stayed with the
    supervisor). One direct look-up per saved form; the ORM only for a case to place."""
    rows = await hot_path.fetch(ctx.session, _PLACELESS_CASES, person_id=ctx.person_id)
    if not rows:
        return
    facts = await person_facts(ctx.session, ctx.person_id)
    if not facts.division:
        return
    owner = await responsible_for(ctx.session, facts)
    for case_id, caseworker_id, contacted in rows:
        case = await ctx.session.get(AssistanceCase, case_id)
        if case is None:
            continue
        moved = contacted is None and caseworker_id != owner
        case.home_division = facts.division
        if moved:
            case.caseworker_id = owner
        for task in await ctx.session.scalars(select(CaseworkTask).where(
                CaseworkTask.case_id == case_id, CaseworkTask.status.in_(("open", "overdue")))):
            task.home_division = facts.division
            if moved and task.caseworker_id == caseworker_id:
                task.caseworker_id = owner
        if moved:
            await alert_about(ctx.session, ctx.cipher, caseworker_id=owner, kind="case_reassigned",
                              person_id=ctx.person_id, now=ctx.now, dedup_key=f"case:{case_id}:to:{owner}",
                              case_id=case_id, case=case_id)
    await ctx.session.flush()


_FORM_STATUS = select(InfoForm.id, InfoForm.employment_status).where(InfoForm.person_id == bindparam("person_id"))
_INFO_FORM = cast(Table, InfoForm.__table__)
_SET_FORM_STATUS = (
    _INFO_FORM.update()
    .where(_INFO_FORM.c.id == bindparam("row_id"))
    .values(employment_status=bindparam("v_employment_status"), updated_at=bindparam("v_updated_at"))
)


@handles("employment_status_changed")
async def _status_changed(ctx: EffectContext, event: DialogEvent) -> None:
    new = event.data.get("new")
    if new not in ("employed", "unemployed", "unable"):
        return
    found = await hot_path.fetch(ctx.session, _FORM_STATUS, person_id=ctx.person_id)
    if found and found[0][1] != new:
        form_id, old = found[0]
        recorded = any(row["person_id"] == ctx.person_id and row["field"] == "employment_status"
                       for row in ctx.form_changes)
        if not recorded:  # the dialog's field_changed already wrote this change's history
            ctx.form_changes.append(info_forms.change_row(
                ctx.cipher, person_id=ctx.person_id, field="employment_status", old=old, new=new,
                changed_at=ctx.now, channel=str(event.data.get("channel") or ctx.channel),
                actor=str(event.data.get("actor") or event.data.get("source") or "laborer"),
            ))
        # With the unit of work's other row updates, in one statement before it commits.
        ctx.updates.add(_SET_FORM_STATUS, form_id, employment_status=new, updated_at=ctx.now)
    if new == "employed":
        await _close_on_job(ctx)
    elif new == "unemployed" and found and found[0][1] == "employed":
        await _reopen_after_denied_job(ctx)  # (only a form on record at work: no look-up for anyone else)
    elif new == "unable":
        await _not_looking(ctx)  # 不想找了 在家带娃 from someone with an open case: its caseworker decides


# willing_to_work answers that mean the person is not looking now (不想找了, 过完年再说).
NOT_LOOKING = frozenset({"no", "later"})


@handles("field_changed")
async def _willing_changed(ctx: EffectContext, event: DialogEvent) -> None:
    if event.data.get("field") == "willing_to_work" and event.data.get("new") in NOT_LOOKING:
        await _not_looking(ctx)


async def _not_looking(ctx: EffectContext) -> None:
    """No longer looking for work (cannot work now, or does not want to): an open one-on-one case stays open (it
    closes when the person works again, PRODUCT.md journey 5), and its caseworker is told, once a day, that it may be
    closed with that reason after checking (结案 C12 不找工作了) — the case otherwise waited for a job that nobody
    was looking for."""
    day = ctx.now.astimezone(LOCAL_TZ).date().isoformat()
    for case_id in await cases.open_case_ids(ctx.session, ctx.person_id, "assistance"):
        key = f"{caseworker_flow.NOT_LOOKING}:{case_id}:{day}"
        case = await ctx.session.get(AssistanceCase, case_id)
        if case is None or await already_alerted(ctx.session, key):
            continue
        await alert_about(
            ctx.session, ctx.cipher, caseworker_id=case.caseworker_id, kind="human_requested",
            template="case_not_looking", person_id=ctx.person_id, now=ctx.now, dedup_key=key, case_id=case.id,
            case=case.id,
        )


async def _close_on_job(ctx: EffectContext) -> None:
    """Working again: the assistance case closes, and its caseworker is told (a first contact or a visit they
    were about to make is no longer needed)."""
    closed = await cases.close_on_job(ctx.session, person_id=ctx.person_id, now=ctx.now)
    await _tell_case_owners(ctx, closed, "case_closed", days=lambda case: case.days_to_job
                            if case.days_to_job is not None else "-")


async def _reopen_after_denied_job(ctx: EffectContext) -> None:
    """Out of work after all, right after their words closed the case (不对 我还没上班): the case opens again and its
    caseworker, told it was closed, is told it is not (it stayed closed: nobody helped them look any more)."""
    reopened = await cases.reopen_after_denied_job(ctx.session, person_id=ctx.person_id, now=ctx.now)
    if reopened:
        # What the close ended comes back with the case: the window of a caseworker's message about it (their
        # replies went to the bot's questions; dialogs/caseworker_reply.py kept it aside).
        ctx.marks.setdefault(ctx.person_id, caseworker_reply.reopening(reopened))
    await _tell_case_owners(ctx, reopened, "case_reopened")


async def _tell_case_owners(
    ctx: EffectContext, case_ids: Sequence[int], kind: str, **fields: Callable[[AssistanceCase], Any]
) -> None:
    """One `kind` alert to each case's owner, keyed by the case and the moment (a case reopened may close again,
    and the other way round); `fields` give the template's values from the case. The person named and placed as the
    other alerts about them are (`survey_told`: 【帮扶结案】(未登记姓名) … 地址不详 of someone whose reply, a minute
    before, named 王*红 of 草海镇)."""
    facts = None
    if case_ids:
        facts = await roster_by_phone(ctx.session, ctx.cipher, completed(
            ctx.cipher, await person_facts(ctx.session, ctx.person_id), await survey_told(ctx)))
    for case_id in case_ids:
        case = await ctx.session.get(AssistanceCase, case_id)
        key = f"{kind}:{case_id}:{ctx.now:%Y%m%d%H%M%S}"
        if case is None or await already_alerted(ctx.session, key):
            continue
        await alert_about(
            ctx.session, ctx.cipher, caseworker_id=case.caseworker_id, kind=kind, person_id=ctx.person_id,
            now=ctx.now, dedup_key=key, case_id=case.id, case=case.id, facts=facts,
            **{name: value(case) for name, value in fields.items()},
        )


@handles("human_requested")
async def _human(ctx: EffectContext, event: DialogEvent) -> None:
    # One alert a day per person is enough: asking again the same day is the same request.
    day = ctx.now.astimezone(LOCAL_TZ).date().isoformat()
    told = event.data.get("told")
    reason = str(event.data.get("reason") or "")
    if reason in CHECKIN_REASONS:
        # Not a request for a person: what the check-in heard (work paused twice, help or work wanted, an answer
        # nobody understood), worded so, with the laborer's own words (numbers in them masked).
        said = quoted(event.data.get("said"))
        # None of these is a request for a person: 人工 the same day still alerts, and so does another reason
        # (each reason is once a day per person).
        key = f"hardship:{ctx.person_id}:{day}" if reason == "hardship" else f"{reason}:{ctx.person_id}:{day}"
        await _alert_responsible(ctx, "human_requested", key, template=f"human_{reason}", said=said)
        if reason == "erasure":
            await _erasure_to_supervisor(ctx, said, day)
        return
    # 找人工 我想问问公益岗位咋报名: what they want, quoted (numbers masked).
    words = str(event.data.get("said") or "")
    heard = told if isinstance(told, Mapping) else None
    if words:
        await _alert_responsible(ctx, "human_requested", f"human:{ctx.person_id}:{day}", told=heard,
                                 template="human_requested_said", said=quoted(words))
        return
    await _alert_responsible(ctx, "human_requested", f"human:{ctx.person_id}:{day}", told=heard)


_ROLE_AND_NAME = select(Caseworker.role, Caseworker.name).where(Caseworker.id == bindparam("caseworker_id"))


async def _erasure_to_supervisor(ctx: EffectContext, said: str, day: str) -> None:
    """Only a supervisor or an administrator erases a person's data (the console's person page): the request goes
    to the responsible caseworker's supervisor too (the caseworker's alert says 由主管在后台删除, and no supervisor
    was ever told). Nobody more when the responsible one may erase themselves."""
    key = f"erasure:supervisor:{ctx.person_id}:{day}"  # (erasure: names it 删信息 in the chat list)
    if await already_alerted(ctx.session, key):
        return
    facts = await roster_by_phone(ctx.session, ctx.cipher, await person_facts(ctx.session, ctx.person_id))
    owner = await responsible_for(ctx.session, facts)
    found = await hot_path.fetch(ctx.session, _ROLE_AND_NAME, caseworker_id=owner)
    if not found or found[0][0] != "caseworker":
        return
    supervisor = await supervisor_of(ctx.session, owner)
    if supervisor is None or supervisor == owner:
        return
    await alert_about(
        ctx.session, ctx.cipher, caseworker_id=supervisor, kind="human_requested", person_id=ctx.person_id,
        now=ctx.now, dedup_key=key, facts=facts, template="human_erasure_supervisor", said=said,
        owner=str(found[0][1] or ""),
    )


# Check-in answers that ask a caseworker to call (dialogs/flows/checkin/flow.py), each worded in its own alert.
CHECKIN_REASONS = frozenset({"checkin_on_hold", "checkin_need_help", "checkin_want_work", "checkin_unclear",
                             "checkin_still_home",  # (home a week after 还回去干: not work paused twice)
                             "cancel_application",  # (取消报名: said at idle, dialogs/flows/idle.py)
                             "hardship",  # (hardship: said anywhere, dialogs/policy/hardship.py)
                             "erasure",  # (把我的信息删了: said anywhere, dialogs/engine.py)
                             "referral_later"})  # (过完年才能去 at a referred job's details, dialogs/flows/jobs.py)


@handles("question_referred")
async def _question(ctx: EffectContext, event: DialogEvent) -> None:
    # The laborer's own words go to a group chat: any ID or phone number in them is masked.
    text = quoted(event.data.get("question"))
    # The same question asked again the same day (a retry, impatience) is one alert.
    day = ctx.now.astimezone(LOCAL_TZ).date().isoformat()
    digest = hashlib.blake2b(text.encode(), digest_size=8).hexdigest()
    told = event.data.get("told")
    await _alert_responsible(ctx, "question_referred", f"question:{ctx.person_id}:{day}:{digest}",
                             told=told if isinstance(told, Mapping) else None, question=text)


@handles("rights_details_told")
async def _rights_details(ctx: EffectContext, event: DialogEvent) -> None:
    """What the person added after a rights report (是威宁万家超市 欠了五千多): kept with the rights case as written
    (encrypted), and to the case's owner, any ID or phone number in it masked, like a referred question."""
    said = " ".join(str(event.data.get("details") or "").split())
    details = quoted(said)
    digest = hashlib.blake2b(details.encode(), digest_size=8).hexdigest()
    issue = str(event.data.get("issue") or "other")
    found = await rights_details.add(ctx.session, ctx.cipher, person_id=ctx.person_id, issue=issue, text=said,
                                     now=ctx.now)
    await _alert_responsible(ctx, "rights_details", f"rights_details:{ctx.person_id}:{digest}",
                             told=await survey_told(ctx),  # told halfway through the survey: its name, its place
                             case=found if found is not None and found.status == "open" else None,
                             issue=catalog(ALERT_LOCALE).get(f"alert.issue.{issue}"), details=details)


# Another person's form with the same ID number, in the same namespace (simulator people never meet real ones).
_SAME_ID_NUMBER = (
    select(InfoForm.person_id)
    .join(Person, Person.id == InfoForm.person_id)
    .where(InfoForm.id_number_hash == bindparam("digest"), InfoForm.person_id != bindparam("person_id"),
           Person.simulated == bindparam("simulated"))
    .order_by(InfoForm.person_id)
    .limit(1)
)


@handles("form_submitted")
async def _same_id_number(ctx: EffectContext, event: DialogEvent) -> None:
    """An ID number already on another person's form (the same laborer on a second phone or WeChat, or a
    number typed wrong): their caseworker is asked to check before approving. The laborer is told nothing —
    whose the number is is not theirs to learn."""
    id_number = (event.data.get("answers") or {}).get("id_number")
    if not isinstance(id_number, str) or not id_number:
        return
    digest = ctx.cipher.blind_index("id_number", id_number)
    found = await hot_path.fetch(ctx.session, _SAME_ID_NUMBER, digest=digest, person_id=ctx.person_id,
                                 simulated=ctx.simulated)
    if found:
        await _alert_responsible(ctx, "duplicate_id", f"duplicate_id:{ctx.person_id}:{found[0][0]}")


async def _alert_responsible(
    ctx: EffectContext, kind: str, dedup_key: str, told: Mapping[str, Any] | None = None,
    case: AssistanceCase | None = None, template: str | None = None, **params: Any,
) -> None:
    """An alert to the person's caseworker (the owner of `case`, when it is about one: the console's inbox links
    it there), unless one with this key exists (a repeat costs one look-up).
    `told`: what an unfinished survey has heard (name, phone, home division), for what nothing stored says
    yet — someone who asks for help halfway through the survey can still be reached and routed."""
    if await already_alerted(ctx.session, dedup_key):
        return
    facts = await person_facts(ctx.session, ctx.person_id)
    facts = await roster_by_phone(ctx.session, ctx.cipher, completed(ctx.cipher, facts, told))
    owner = case.caseworker_id if case is not None else await responsible_for(ctx.session, facts)
    await alert_about(
        ctx.session, ctx.cipher, caseworker_id=owner, kind=kind, person_id=ctx.person_id, now=ctx.now,
        dedup_key=dedup_key, case_id=case.id if case is not None else None, facts=facts, template=template,
        **params,
    )


async def survey_told(ctx: EffectContext) -> Mapping[str, Any] | None:
    """What the person's unfinished survey has heard (name, phone, home division), when nothing stored says it
    yet: a job lost or wages owed told halfway through the survey opens a case its caseworker can act on. The
    conversation as stored before this message (this message's answers are not in it: not needed, a job loss
    or a complaint is not a name)."""
    if not incomplete(await person_facts(ctx.session, ctx.person_id)):
        return None
    state = await hot_path.conversation_state(ctx.session, ctx.person_id)
    if not isinstance(state, dict):
        return None
    told = told_so_far(open_state(state, ctx.cipher)).get("told")
    return told if isinstance(told, Mapping) else None
