"""Cases: the list (/console/cases, reassign several at once), a case's page (/console/cases/{id}: timeline,
service-package progress, the person's unemployment registration to accept or return with a reason, record a
contact or a package step, close with a reason, reassign)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import Any
from urllib.parse import parse_qsl, urlencode

from aiohttp import web
from sqlalchemy import func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot import keys
from bot.access import LOGIN, access
from bot.casework import cases as casework_cases
from bot.casework import rights_details
from bot.casework.alerts import acknowledge_about, alert_about, for_console, local_time, tell_owner
from bot.casework.cases import RIGHTS_ADDED
from bot.casework.chat import says_employed
from bot.casework.replies import end_window
from bot.casework.responsibility import caseworker_and_below
from bot.console import people_names
from bot.console.inbox import case_deadline, task_label
from bot.console.person import CONTACT_CHANNELS, CONTACT_KINDS, PACKAGE_KINDS, contact_fields, record_contact_for
from bot.console.site import (
    back_with_error,
    error_of,
    form,
    form_all,
    not_found,
    record_id,
    render,
    see_other,
    t,
    viewer,
)
from bot.logs import redact
from dialogs.flows.caseworker import reason_of
from dialogs.i18n import catalog
from dialogs.nlu.model import model as nlu_model
from dialogs.place_names import place_name
from storage import scope
from storage.crypto import FieldCipher
from storage.models import (
    Alert,
    AssistanceCase,
    AuditLog,
    Caseworker,
    CaseworkerDivision,
    CaseworkTask,
    ContactRecord,
    UnemploymentRegistration,
)
from storage.scope import Viewer

SHOWN = 200
# The service package's items and the contact kinds that count towards them.
PACKAGE = (("job_referrals", "job_referral"), ("guidance_talks", "guidance_talk"),
           ("training_offers", "training_offer"))
MAX_BULK = 200


_id = record_id


async def case_in_scope(session: AsyncSession, who: Viewer, case_id: int | None) -> AssistanceCase | None:
    if case_id is None:
        return None
    found: AssistanceCase | None = await session.scalar(
        select(AssistanceCase).where(AssistanceCase.id == case_id, scope.cases(who)))
    return found


async def handlers_in_scope(session: AsyncSession, who: Viewer) -> list[tuple[int, str, str, str]]:
    """Caseworkers a case can be handed to: id, name, role, and the first division they cover ("" for none)."""
    covers = (select(func.min(CaseworkerDivision.division)).where(CaseworkerDivision.caseworker_id == Caseworker.id)
              .scalar_subquery())
    rows = await session.execute(select(Caseworker.id, Caseworker.name, Caseworker.role, covers)
                                 .where(scope.caseworkers(who)).order_by(Caseworker.name, Caseworker.id))
    return [(i, n, r, d or "") for i, n, r, d in rows]


# A county's code: six digits (贵州省 52, 毕节市 5205, 威宁县 520526, a township 520526100).
COUNTY = 6


@dataclass(frozen=True, slots=True)
class HandlerGroup:
    label: str
    handlers: list[tuple[int, str, str]]


def handler_groups(handlers: list[tuple[int, str, str, str]], first: str | None = None) -> list[HandlerGroup]:
    """The hand-over list by county (a province's names 2,791 accounts: found by their county, not by scrolling),
    the county of `first` (the case's home) at the top, then in code order; those covering no division last."""
    groups: dict[str, list[tuple[int, str, str]]] = {}
    for i, n, r, division in handlers:
        groups.setdefault(division[:COUNTY], []).append((i, n, r))
    home = (first or "")[:COUNTY]
    order = sorted(groups, key=lambda code: (not code, code != home, code))
    return [HandlerGroup(place_name(code) if code else t("case.reassign_no_division"), groups[code])
            for code in order]


@dataclass(frozen=True, slots=True)
class Step:
    at: datetime
    text: str


async def _timeline(session: AsyncSession, cipher: FieldCipher, case: AssistanceCase, who: Viewer) -> list[Step]:
    names: dict[int, str] = {i: n for i, n in await session.execute(select(Caseworker.id, Caseworker.name))}
    steps = [Step(case.opened_at, t("timeline.opened", owner=names.get(case.caseworker_id, "")))]
    if case.first_contact_at:
        steps.append(Step(case.first_contact_at, t("timeline.first_contact")))
    for record in await session.scalars(select(ContactRecord).where(ContactRecord.case_id == case.id)):
        note = cipher.decrypt(record.note_enc) if record.note_enc else ""
        steps.append(Step(record.at, f"{t('contact.kind.' + record.kind)} · {names.get(record.caseworker_id, '')} "
                                     f"{note}".strip()))
    for task in await session.scalars(select(CaseworkTask).where(CaseworkTask.case_id == case.id)):
        steps.append(Step(task.created_at, t("timeline.task", kind=task_label(task),
                                             due=local_time(task.due_at))))
        if task.escalated_at:
            steps.append(Step(task.escalated_at, t("timeline.escalated", to=names.get(task.escalated_to or 0, "-"))))
        if task.done_at:
            steps.append(Step(task.done_at, t("timeline.task_done", kind=task_label(task))))
    for alert in await session.scalars(select(Alert).where(Alert.case_id == case.id)):
        # As the inbox shows it: the chat's instructions (联系后回复 联系 C12) are for the phone; the page acts.
        steps.append(Step(alert.created_at, t("timeline.alert", to=names.get(alert.caseworker_id, ""),
                                              text=for_console(alert, cipher.decrypt(alert.body_enc)))))
    if case.kind == "assistance":
        for registration in await session.scalars(select(UnemploymentRegistration).where(
                UnemploymentRegistration.person_id == case.person_id,
                UnemploymentRegistration.decided_at.is_not(None), scope.registrations(who))):
            assert registration.decided_at is not None
            steps.append(Step(registration.decided_at, t(
                "timeline.registration", id=registration.id, status=t(f"registration.status.{registration.status}"),
                by=names.get(registration.decided_by or 0, ""), note=registration.decision_note or "").strip()))
    if case.closed_at:
        reason = t("case.closed_employed", days=case.days_to_job) if case.close_reason == "employed" else (
            case.close_reason or "")
        steps.append(Step(case.closed_at, t("timeline.closed", reason=reason)))
    return sorted(steps, key=lambda s: s.at)


async def package_progress(session: AsyncSession, case: AssistanceCase) -> list[tuple[str, int, int]]:
    """(item, done, promised) for each item of the case's service package."""
    counts: dict[str, int] = {kind: n for kind, n in await session.execute(
        select(ContactRecord.kind, func.count()).where(ContactRecord.case_id == case.id)
        .group_by(ContactRecord.kind))}
    return [(kind, int(counts.get(kind, 0)), int(case.package.get(item, 0)))
            for item, kind in PACKAGE if case.package.get(item)]


async def registrations_of(session: AsyncSession, who: Viewer, case: AssistanceCase) -> list[dict[str, Any]]:
    """The unemployment registrations of an assistance case's person that the viewer may see, newest first, in
    words (what the person said in the chat; the official registration is completed at the HR office)."""
    if case.kind != "assistance":
        return []
    found = list(await session.scalars(select(UnemploymentRegistration).where(
        UnemploymentRegistration.person_id == case.person_id, scope.registrations(who))
        .order_by(UnemploymentRegistration.id.desc())))
    words = catalog("zh_CN")
    deciders = await _deciders(session, who)
    shown = []
    # One sent again after a return says so: what the caseworker asked to be fixed is to be checked.
    again = await casework_cases.resubmitted(session, [r.id for r in found if r.status == "submitted"])
    # One whose person works again says since when (it read 待受理 like anyone's still out of work).
    working = await casework_cases.working_again(session, [r.id for r in found if r.status == "submitted"])
    for registration in found:
        reason = registration.job_loss_reason
        if registration.insured == "yes":
            insured = t("registration.insured_years", years=f"{registration.insured_years:g}") if (
                registration.insured_years is not None) else t("registration.insured.yes")
        else:
            insured = t(f"registration.insured.{registration.insured or 'unknown'}")
        if registration.benefit_likely:
            benefit = t("registration.benefit_months", months=registration.benefit_months or "-")
        else:
            benefit = t("registration.benefit_unlikely" if registration.benefit_likely is False
                        else "registration.benefit_unknown")
        shown.append({
            "row": registration, "status": t("registration.status.resubmitted" if registration.id in again
                                             else f"registration.status.{registration.status}") + (
                f" · {t('registration.working_again', day=local_time(working[registration.id]).split()[0])}"
                if registration.id in working else ""),
            "may_decide": registration.caseworker_id in deciders,
            "last_work_day": registration.last_work_day.isoformat() if registration.last_work_day else "-",
            "reason": words.get(f"alert.job_loss_reason.{reason}") if reason else "-",
            "insured": insured, "benefit": benefit,
        })
    return shown


async def _deciders(session: AsyncSession, who: Viewer) -> set[int]:
    """Whose registrations the viewer may accept or return: their own and those of everyone below them, as in the
    chat (受理 R3), not everyone's their divisions cover."""
    return await caseworker_and_below(session, who.caseworker_id) if who.caseworker_id is not None else set()


@access(LOGIN, "case", "person", "caseworker", "registration")
async def case_page(request: web.Request, *, error: str = "", status: int = 200,
                    case_id: int | None = None) -> web.Response:
    """The case of the URL (or `case_id`: a page shown after a form posted elsewhere)."""
    who = viewer(request)
    now = request.config_dict[keys.CLOCK].now()
    async with request.config_dict[keys.READ_SESSIONS]() as session:
        case = await case_in_scope(session, who, case_id if case_id is not None else _id(request.match_info["case"]))
        if case is None:
            return not_found(request)
        cipher = request.config_dict[keys.CIPHER]
        person = (await people_names.listed(session, [case.person_id], t("unknown_name")))[case.person_id]
        context = {
            "case": case, "person": person, "timeline": await _timeline(session, cipher, case, who),
            # Someone whose survey is not done has no stored place yet; the case knows where it was opened.
            "place": person.place or place_name(case.home_division),
            "progress": await package_progress(session, case),
            # Whom it can be handed to: not the one who has it (the list opened on them: 转交 handed it to its owner).
            "handler_groups": handler_groups([h for h in await handlers_in_scope(session, who)
                                              if h[0] != case.caseworker_id], case.home_division),
            "owner": await session.scalar(select(Caseworker.name).where(Caseworker.id == case.caseworker_id)),
            "first_contact_late": case.first_contact_at is None and case.first_contact_due < now,
            # A problem added to a rights case reached already: its own contact to make (bot/casework/cases.py).
            "contact_added": await session.scalar(select(CaseworkTask).where(
                CaseworkTask.case_id == case.id, CaseworkTask.kind == "first_contact",
                CaseworkTask.reason == RIGHTS_ADDED, CaseworkTask.status.in_(scope.OPEN_TASK))
                .order_by(CaseworkTask.due_at).limit(1)) if case.first_contact_at else None,
            "now": now,
            # A rights case's details as the person wrote them, any ID or phone number in them masked.
            "told": [(told.at, redact(told.text)) for told in rights_details.told(cipher, case)],
            "registrations": await registrations_of(session, who, case),
            # The person's other open tasks (a visit after unanswered check-ins): the page said nothing of the visit
            # T5 waiting for the same person; a visit recorded below does them.
            "open_tasks": [(task, await session.scalar(select(Caseworker.name).where(
                Caseworker.id == task.caseworker_id))) for task in await session.scalars(
                select(CaseworkTask).where(
                    CaseworkTask.person_id == case.person_id, CaseworkTask.status.in_(scope.OPEN_TASK),
                    or_(CaseworkTask.case_id.is_(None), CaseworkTask.case_id != case.id), scope.tasks(who))
                .order_by(CaseworkTask.due_at))],
            # A rights case has no service package: a job referral or a training offer recorded on it counted nowhere.
            "contact_kinds": CONTACT_KINDS if case.package else ("contact", "visit"),
            "contact_channels": CONTACT_CHANNELS, "local_time": local_time,
            "task_label": task_label,
        }
    done = request.query.get("done", "")
    flash = t("flash." + done) if done in CASE_FLASHES else ""
    return render(request, "case.html", status=status, error=error or _error_text(request, context), flash=flash,
                  **context)


CASE_FLASHES = ("contact_recorded", "closed", "reassigned", "registration_accepted", "registration_rejected")
# What a form on the case's page was sent back with (back_with_error): nothing was recorded, and the page says why.
CASE_ERRORS = ("contact.invalid", "contact.package_only", "case.close_reason_needed",
               "case.close_reason_needed_rights", "registration.reason_needed",
               "registration.not_yours", "registration.already", "case.reassign_closed", "case.reassign_same",
               "case.reassign_invalid")


def _error_text(request: web.Request, context: dict[str, Any]) -> str:
    key = error_of(request, CASE_ERRORS)
    if key == "registration.already":
        # Decided meanwhile (from the chat, another tab): by whom it is on the page; what it became, said here.
        wanted = _id(request.query.get("registration", ""))
        found = [r for r in context["registrations"] if r["row"].id == wanted]
        if not found:
            return ""
        return t(key, id=wanted, status=t(f"registration.status.{found[0]['row'].status}"))
    return t(key) if key else ""


def _case_url(case_id: int, fragment: str = "") -> str:
    return f"/console/cases/{case_id}" + (f"#{fragment}" if fragment else "")


@access(LOGIN, "case", "registration")
async def decide(request: web.Request) -> web.StreamResponse:
    """A registration accepted, or returned with what is missing (the person is told either way, by a push),
    from its case's page; one already decided (from the chat, or a stale page) is left as it is, and said so."""
    who = viewer(request)
    fields = await form(request)
    accept = request.path.endswith("/accept")
    note = reason_of(fields.get("reason", ""))  # "。" alone is no reason, as in the chat
    now = request.config_dict[keys.CLOCK].now()
    async with request.config_dict[keys.SESSIONS]() as session, session.begin():
        case = await case_in_scope(session, who, _id(request.match_info["case"]))
        registration_id = _id(fields.get("registration", ""))
        registration = None if case is None or registration_id is None else await session.scalar(
            select(UnemploymentRegistration).where(
                UnemploymentRegistration.id == registration_id,
                UnemploymentRegistration.person_id == case.person_id, scope.registrations(who))
            .with_for_update())
        if case is None or registration is None:
            return not_found(request)
        back = _case_url(case.id)
        if not accept and (not note or len(note) > 200):
            return back_with_error(back, "registration.reason_needed")
        if registration.caseworker_id not in await _deciders(session, who):
            return back_with_error(back, "registration.not_yours")
        decided = registration.status
        if decided == "submitted":
            await casework_cases.decide_registration(
                session, request.config_dict[keys.CIPHER], registration, accept=accept, note=note,
                caseworker_id=who.caseworker_id, now=now)
            session.add(AuditLog(actor=who.actor, action=f"registration_{registration.status}", created_at=now,
                                 detail=json.dumps({"registration": registration.id, "via": "console"})))
    if decided != "submitted":
        return back_with_error(back, "registration.already", registration=registration.id)
    outbox = request.config_dict.get(keys.OUTBOX)
    if outbox is not None:
        outbox.wake()
    return see_other(f"/console/cases/{case.id}?done=registration_{registration.status}#registration")


@access(LOGIN, "case")
async def case_contact(request: web.Request) -> web.StreamResponse:
    who = viewer(request)
    parsed = contact_fields(await form(request))
    now = request.config_dict[keys.CLOCK].now()
    async with request.config_dict[keys.SESSIONS]() as session, session.begin():
        case = await case_in_scope(session, who, _id(request.match_info["case"]))
        if case is None:
            return not_found(request)
        if parsed is None:
            return back_with_error(_case_url(case.id), "contact.invalid")
        kind, channel, note = parsed
        if kind in PACKAGE_KINDS and not case.package:
            # A job referral, guidance talk or training offer is a step of a one-on-one case's service package: on
            # a rights case (no package) it counted nowhere, and the page offered 推荐岗位 all the same.
            return back_with_error(_case_url(case.id), "contact.package_only")
        await record_contact_for(session, request.config_dict[keys.CIPHER], who, person_id=case.person_id, case=case,
                                 kind=kind, channel=channel, note=note, now=now)
    return see_other(f"/console/cases/{case.id}?done=contact_recorded")


@access(LOGIN, "case")
async def close(request: web.Request) -> web.StreamResponse:
    """Closed with a reason: `employed` (the person works again: the days it took are counted) or the words."""
    who = viewer(request)
    fields = await form(request)
    reason = reason_of(fields.get("reason", ""))  # "。" alone is no reason, as in the chat
    employed = fields.get("employed") == "1" or says_employed(reason)  # the box not ticked, "已经上班了" written
    now = request.config_dict[keys.CLOCK].now()
    async with request.config_dict[keys.SESSIONS]() as session, session.begin():
        case = await case_in_scope(session, who, _id(request.match_info["case"]))
        if case is None:
            return not_found(request)
        # Working again ends a one-on-one case, the days counted; a rights case keeps its reason as written.
        if employed and case.kind == "assistance" and len(reason) <= 200:
            reason = casework_cases.EMPLOYED
        elif not reason or len(reason) > 200:
            # Nothing recorded; back to the page (a 303: a reload shows it again, never posts the form again).
            return back_with_error(_case_url(case.id), "case.close_reason_needed" if case.kind == "assistance"
                                   else "case.close_reason_needed_rights")
        if case.status == "open":
            await casework_cases.close_case(session, case, reason=reason, now=now, caseworker_id=who.caseworker_id)
            await end_window(session, request.config_dict[keys.CIPHER], case, now)  # their words: the bot's again
            if who.caseworker_id is not None:
                await acknowledge_about(session, caseworker_id=who.caseworker_id, now=now, case_id=case.id)
                # Closed by a supervisor: its owner learns it (it left their list without a word).
                await tell_owner(session, request.config_dict[keys.CIPHER], owner_id=case.caseworker_id,
                                 actor_id=who.caseworker_id, person_id=case.person_id, now=now, case_id=case.id,
                                 closed=reason)
    return see_other(f"/console/cases/{case.id}?done=closed")


@dataclass(frozen=True, slots=True)
class HandedOver:
    handed: int  # open cases handed to the new owner (and alerted to them)
    theirs_already: int  # open cases the new owner had already: nothing to hand over
    closed: int  # closed meanwhile (a stale page): left as they are


async def reassign_cases(
    session: AsyncSession, cipher: FieldCipher, who: Viewer, case_ids: list[int], to: int, now: datetime
) -> HandedOver | None:
    """Hand open cases (and their open tasks) to caseworker `to`, who is alerted, each hand-over audited (who, from
    whom, to whom); all or nothing: None (and nothing changed) when the target or any case is not in the viewer's
    scope. A case closed meanwhile, or one `to` holds already, is left as it is (it was counted as handed over)."""
    if await session.scalar(select(Caseworker.id).where(Caseworker.id == to, scope.caseworkers(who))) is None:
        return None
    found = list(await session.scalars(select(AssistanceCase).where(
        AssistanceCase.id.in_(case_ids), scope.cases(who)).with_for_update()))
    if len(found) != len(set(case_ids)):
        return None
    handed = 0
    for case in found:
        if case.status != "open" or case.caseworker_id == to:
            continue
        handed += 1
        session.add(AuditLog(actor=who.actor, action="case_reassigned", created_at=now, detail=json.dumps(
            {"case": case.id, "from": case.caseworker_id, "to": to, "via": "console"})))
        case.caseworker_id = to
        for task in await session.scalars(select(CaseworkTask).where(
                CaseworkTask.case_id == case.id, CaseworkTask.status.in_(scope.OPEN_TASK))):
            task.caseworker_id = to
        await alert_about(session, cipher, caseworker_id=to, kind="case_reassigned", person_id=case.person_id,
                          now=now, dedup_key=f"case:{case.id}:to:{to}:{now.isoformat()}", case_id=case.id,
                          case=case.id)
    closed = sum(case.status != "open" for case in found)
    return HandedOver(handed, len(found) - closed - handed, closed)


@access(LOGIN, "case", "caseworker")
async def reassign(request: web.Request) -> web.StreamResponse:
    """One case (from its page) or several (ticked on the list) to a caseworker in scope."""
    who = viewer(request)
    fields = await form_all(request)
    case_ids = [i for raw in fields.getall("case", []) if isinstance(raw, str) and (i := _id(raw)) is not None]
    to = _id(str(fields.get("to", "")))
    from_list = str(fields.get("back", "")) == "list"
    # The list goes back to the same filters and page (bot/console/case.py list_filters).
    listing = "/console/cases" + (f"?{query}" if (query := _list_query_string(str(fields.get("filters", "")))) else "")
    if not case_ids or to is None or len(case_ids) > MAX_BULK:
        return back_with_error(listing if from_list or not case_ids else _case_url(case_ids[0]),
                               "case.reassign_invalid")
    now = request.config_dict[keys.CLOCK].now()
    async with request.config_dict[keys.SESSIONS]() as session, session.begin():
        # Checked before anything changes: nothing is written when the answer is no.
        done = await reassign_cases(session, request.config_dict[keys.CIPHER], who, case_ids, to, now)
    if done is None:
        return not_found(request)
    if not done.handed and not from_list:
        # Closed meanwhile (a stale page), or handed to the one who has it: nothing handed over, and said so.
        return back_with_error(_case_url(case_ids[0]),
                               "case.reassign_closed" if done.closed else "case.reassign_same")
    alerts = request.config_dict.get(keys.ALERTS)
    if alerts is not None and done.handed:
        alerts.wake()
    if from_list:
        return see_other(listing + ("&" if "?" in listing else "?") + f"done=reassigned&handed={done.handed}")
    return see_other(f"/console/cases/{case_ids[0]}?done=reassigned")


KINDS = ("assistance", "rights")
# Division codes a filter takes: province, prefecture, county, township, village.
CODE_LENGTHS = (2, 4, 6, 9, 12)
MAX_PAGE = 10_000


@dataclass(frozen=True, slots=True)
class ListFilters:
    """What the case list shows: a supervisor's whole county was one list of 200, with no way to see one
    caseworker's or one township's cases, nor only the overdue ones, nor the 201st. Every filter narrows the
    viewer's scope (storage/scope.py), never widens it; the page links and the export keep them."""

    status: str = "open"
    mine: bool = False
    worker: int | None = None  # the owner
    division: str = ""  # the laborer's home division, this code or below it
    kind: str = ""
    overdue: bool = False
    page: int = 1

    @classmethod
    def of(cls, query: Mapping[str, str]) -> ListFilters:
        status = query.get("status", "open")
        division = query.get("division", "").strip()
        page = _id(query.get("page", "")) or 1
        return cls(status=status if status in ("open", "closed", "all") else "open", mine=query.get("mine") == "1",
                   worker=_id(query.get("worker", "")),
                   division=division if division.isdigit() and len(division) in CODE_LENGTHS else "",
                   kind=query.get("kind", "") if query.get("kind", "") in KINDS else "",
                   overdue=query.get("overdue") == "1", page=min(page, MAX_PAGE))

    def query_string(self, page: int | None = None) -> str:
        """The filters as a query string (defaults left out), at `page` (default: none, the first)."""
        fields: dict[str, Any] = {"status": self.status if self.status != "open" else None,
                                  "mine": "1" if self.mine else None, "worker": self.worker,
                                  "division": self.division or None, "kind": self.kind or None,
                                  "overdue": "1" if self.overdue else None,
                                  "page": page if page is not None and page > 1 else None}
        return urlencode({k: v for k, v in fields.items() if v is not None})

    @property
    def narrowed(self) -> bool:
        return bool(self.mine or self.worker or self.division or self.kind or self.overdue)


def _list_query_string(raw: str) -> str:
    """The list's filters sent back with a hand-over from it, checked (never an address of another page)."""
    filters = ListFilters.of(dict(parse_qsl(raw[:500])))
    return filters.query_string(filters.page)


def list_query(who: Viewer, status: str, mine: bool, limit: int | None = SHOWN, *,
               filters: ListFilters | None = None, now: datetime | None = None, offset: int = 0) -> Any:
    # Most of the open cases are the viewer's (a province, a prefecture): read in order off the deadline index.
    deadline = case_deadline(indexed=status == "open" and not mine and scope.broad(who))
    query = select(AssistanceCase, deadline.label("deadline")).where(scope.case_list(who))
    if status in ("open", "closed"):
        query = query.where(AssistanceCase.status == status)
    if mine:
        query = query.where(AssistanceCase.caseworker_id == who.caseworker_id)
    if filters is not None:
        if filters.worker is not None:
            query = query.where(AssistanceCase.caseworker_id == filters.worker)
        if filters.division:
            # Narrows the scope above: a township outside the viewer's divisions shows nothing.
            query = query.where(scope.within(AssistanceCase.home_division, Viewer(None, scope.CASEWORKER,
                                                                                  (filters.division,))))
        if filters.kind:
            query = query.where(AssistanceCase.kind == filters.kind)
        if filters.overdue and now is not None:
            query = query.where(AssistanceCase.status == "open", deadline < now)
    query = query.order_by(AssistanceCase.status.desc(), deadline.is_(None), deadline, AssistanceCase.id)
    if offset:
        query = query.offset(offset)
    return query.limit(limit) if limit else query


def division_choices(who: Viewer) -> list[tuple[str, str]]:
    """The places a supervisor's list can be narrowed to: each division they cover and the ones a level below
    (a county's townships), by name. An administrator types a code instead (the country's are too many)."""
    if who.sees_everything:
        return []
    chosen: list[tuple[str, str]] = []
    for code in who.divisions:
        chosen.append((code, place_name(code)))
        # A place below by its own name (草海镇), under its county's full one: a phone's list is narrow.
        chosen += [(child, "　" + _own_name(child)) for child in _below(code)]
    return chosen


def _own_name(code: str) -> str:
    place = nlu_model().gazetteer.places.get(code)
    return place.name if place is not None else place_name(code)


@cache
def _below(code: str) -> tuple[str, ...]:
    """The divisions one level below `code` that the gazetteer knows (down to townships)."""
    below = next((n for n in CODE_LENGTHS if n > len(code)), None)
    if below is None or below > 9:
        return ()
    return tuple(sorted(c for c in nlu_model().gazetteer.places if len(c) == below and c.startswith(code)))


@access(LOGIN, "case", "caseworker")
async def case_list(request: web.Request) -> web.Response:
    who = viewer(request)
    filters = ListFilters.of(request.query)
    now = request.config_dict[keys.CLOCK].now()
    async with request.config_dict[keys.READ_SESSIONS]() as session:
        rows = list((await session.execute(list_query(
            who, filters.status, filters.mine, SHOWN + 1, filters=filters, now=now,
            offset=(filters.page - 1) * SHOWN))).all())
        more, rows = len(rows) > SHOWN, rows[:SHOWN]
        people = await people_names.listed(session, [c.person_id for c, _ in rows], t("unknown_name"),
                                           request.config_dict[keys.CIPHER])
        handlers = await handlers_in_scope(session, who)
        names = {i: n for i, n, _, _ in handlers}
        others = {c.caseworker_id for c, _ in rows} - set(names)
        if others:  # an owner no longer in the hand-over list (an account closed, the fallback administrator)
            names |= {i: n for i, n in await session.execute(
                select(Caseworker.id, Caseworker.name).where(Caseworker.id.in_(others)))}
    items = [{"case": c, "person": people[c.person_id], "deadline": d, "late": c.status == "open" and d is not None
              and d < now, "owner": names.get(c.caseworker_id, "")} for c, d in rows]
    flash = t("flash.reassigned_n", n=_id(request.query.get("handed", "")) or 0) if (
        request.query.get("done") == "reassigned") else ""
    return render(request, "cases.html", items=items, handler_groups=handler_groups(handlers),
                  status_filter=filters.status, mine=filters.mine, filters=filters, workers=handlers,
                  divisions=division_choices(who), kinds=KINDS, flash=flash, local_time=local_time,
                  error=t(key) if (key := error_of(request, ("case.reassign_invalid",))) else "",
                  previous=filters.query_string(filters.page - 1) if filters.page > 1 else None,
                  next=filters.query_string(filters.page + 1) if more else None, shown=SHOWN,
                  first_number=(filters.page - 1) * SHOWN + 1)


def routes() -> list[web.RouteDef]:
    return [
        web.get("/cases", case_list),
        web.post("/cases/reassign", reassign),
        web.get("/cases/{case}", case_page),
        web.post("/cases/{case}/contact", case_contact),
        web.post("/cases/{case}/close", close),
        web.post("/cases/{case}/registration/accept", decide),
        web.post("/cases/{case}/registration/reject", decide),
    ]
