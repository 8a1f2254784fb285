"""A laborer's page (/console/people/{id}): the form with its history, the messages across WeChat and SMS, cases
and applications; and what a caseworker does there: send a message (through the outbox and its channel rules),
record a contact or a visit, change a field with a reason, reveal an ID or phone number (audited, once); and, for
a supervisor or administrator, erase the person's data (consent withdrawn: bot/erasure.py), after typing 删除 or
the person's masked name.

Search (/console/people?q=): by name (a prefix), or by a full ID or phone number (blind indexes): within scope.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from aiohttp import web
from sqlalchemy import and_, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot import erasure, keys
from bot.access import LOGIN, SUPERVISOR, access
from bot.casework import cases as casework_cases
from bot.casework.alerts import LOCAL_TZ, acknowledge_about, local_time, mask_name, tell_owner
from bot.casework.replies import expect_reply
from bot.casework.signature import signed_by
from bot.casework.tasks import complete_task
from bot.console import duplicates, people_names
from bot.console.site import back_with_error, error_of, form, not_found, record_id, render, see_other, t, viewer
from bot.export import _cell
from bot.logs import redact
from dialogs import nlu
from dialogs.flows.survey.fields import FIELD_KEYS, PHONE_FIELDS, PLACE_FIELDS, SURVEY_FORM
from dialogs.flows.survey.record import record_value
from dialogs.forms import Invalid
from dialogs.i18n import catalog
from dialogs.place_names import place_name
from dialogs.types import StepContext
from scheduler import fires
from scheduler.calendar import ProgrammeCalendar
from storage import scope
from storage.crypto import FieldCipher, mask_id_number, mask_phone
from storage.info_forms import COLUMN_FIELDS, change_row, decode_change, form_record
from storage.models import (
    Alert,
    AssistanceCase,
    AuditLog,
    CaseworkTask,
    ChannelAccount,
    ContactRecord,
    Conversation,
    FormChange,
    InboundMessage,
    InfoForm,
    JobApplication,
    OutboxMessage,
    Person,
    RosterEntry,
    Training,
    UnemploymentRegistration,
    Vacancy,
)
from storage.models import Caseworker as CaseworkerRow
from storage.scope import Viewer

TIMELINE = 100
# The newest messages shown open on a person's page, above what to do (read before answering); the rest folded.
RECENT_MESSAGES = 10
ACTORS = ("laborer", "roster", "caseworker")
MAX_MESSAGE = 500
MAX_NOTE = 500
# The same record sent again this soon (a second tap on a slow phone, the form sent again on reload) is the one
# already kept: counted once in the service package (a 推荐岗位 counted twice).
SAME_RECORD_WITHIN = timedelta(minutes=10)
CONTACT_KINDS = ("contact", "visit", "job_referral", "guidance_talk", "training_offer")
# The steps of a one-on-one case's service package (bot/casework/policy.toml): recorded on that case only.
PACKAGE_KINDS = frozenset({"job_referral", "guidance_talk", "training_offer"})
CONTACT_CHANNELS = ("phone", "wechat", "sms", "in_person")
# Identity is not changed from the console (a wrong ID number is a new survey); the rest may be, with a reason.
NOT_EDITABLE = frozenset({"name", "id_number", "service_needs"})
EDITABLE = tuple(k for k in FIELD_KEYS if k not in NOT_EDITABLE)


def _person_id(request: web.Request) -> int | None:
    return record_id(request.match_info["person"])


async def in_scope(session: AsyncSession, who: Viewer, person_id: int) -> bool:
    """The one check every person route makes: same query whether the person is missing or not the viewer's. An
    erased person is nobody's any more (bot/erasure.py)."""
    return await session.scalar(select(Person.id).where(Person.id == person_id, Person.erased_at.is_(None),
                                                        scope.people(who))) is not None


def shown(key: str, value: Any) -> str:
    """A form value as the page shows it: masked ID and phone numbers, labels of choices, names of places."""
    if value is None or value == "":
        return ""
    if key == "id_number":
        return mask_id_number(str(value))
    if key in PHONE_FIELDS:
        text = str(value)
        return mask_phone(text[3:] if text.startswith("+86") else text)
    if key in PLACE_FIELDS:
        return place_name(str(value))
    return "".join(str(cell) for cell in _cell(key, value)[-1:])


@dataclass(frozen=True, slots=True)
class Message:
    at: datetime
    inbound: bool
    channel: str
    text: str
    status: str


# The outbox's words for a message's way and state, as a caseworker says them (a push goes "auto": WeChat or
# SMS, whichever reaches the person; once sent, `sent_via` says which).
MESSAGE_CHANNELS = ("wechat", "sms", "auto")
# The scheduler's check-ins, reminders and pushes enter the pipeline as the person's events, keyed by the
# scheduler's prefix (scheduler/fires.py DEDUP_PREFIX): what they said to the person is in the outbox; the event
# itself is nobody speaking.
SCHEDULED = fires.DEDUP_PREFIX
MESSAGE_STATUSES = ("passive", "queued", "sending", "sent", "failed", "skipped", "unknown")


def _channel_label(channel: str, sent_via: str | None = None) -> str:
    shown = "sms" if sent_via == "sms" or (sent_via is None and channel == "auto-sms") else (
        "wechat" if sent_via else channel)
    return t("message.channel." + shown) if shown in MESSAGE_CHANNELS else (
        t("message.channel.auto") if shown.startswith("auto") else channel)


def _status_label(status: str) -> str:
    return t("message.status." + status) if status in MESSAGE_STATUSES else status


async def _timeline(session: AsyncSession, cipher: FieldCipher, person_id: int) -> list[Message]:
    inbound = await session.execute(
        select(InboundMessage.received_at, InboundMessage.channel, InboundMessage.body_enc, InboundMessage.kind)
        .where(InboundMessage.person_id == person_id, InboundMessage.dedup_key.not_like(SCHEDULED + "%"))
        .order_by(InboundMessage.id.desc()).limit(TIMELINE))
    outbound = await session.execute(
        select(OutboxMessage.created_at, OutboxMessage.channel, OutboxMessage.body_enc, OutboxMessage.status,
               OutboxMessage.sent_via)
        .where(OutboxMessage.person_id == person_id).order_by(OutboxMessage.id.desc()).limit(TIMELINE))
    messages = [Message(at, True, _channel_label(channel), _said(cipher.decrypt(body), kind) if body else
                        f"[{kind}]", "") for at, channel, body, kind in inbound]
    messages += [Message(at, False, _channel_label(channel, sent_via), redact(cipher.decrypt(body)),
                         _status_label(status)) for at, channel, body, status, sent_via in outbound]
    # Newest first; a reply written in the same instant as the message it answers stands above it.
    return sorted(messages, key=lambda m: (m.at, not m.inbound), reverse=True)[:TIMELINE]


def _said(body: str, kind: str) -> str:
    """A message as the laborer sent it: its text (the row keeps the whole inbound as JSON: text, event,
    location), an event or a message without text by its kind; ID and phone numbers in it masked, like the
    form's (the full number is the audited reveal's)."""
    try:
        data = json.loads(body)
    except ValueError:
        data = body  # a row written as plain text
    if not isinstance(data, dict):
        return redact(str(data))
    text = str(data.get("text") or "")
    return redact(text) if text else f"[{data.get('event') or kind}]"


async def _actors(session: AsyncSession, codes: set[str]) -> dict[str, str]:
    ids = [i for code in codes if code.startswith("cw:") and (i := record_id(code[3:])) is not None]
    names: dict[int, str] = {i: n for i, n in await session.execute(
        select(CaseworkerRow.id, CaseworkerRow.name).where(CaseworkerRow.id.in_(ids)))} if ids else {}
    return {f"cw:{i}": name for i, name in names.items()}


async def texted_from(session: AsyncSession, person_id: int) -> str | None:
    """The phone the person texts from (their SMS account, sealed): the number to call someone who asked for a
    person (人工) before any form or roster entry holds one, as the chat's `电话 A4` gives it."""
    found: str | None = await session.scalar(select(ChannelAccount.address_enc).where(
        ChannelAccount.person_id == person_id, ChannelAccount.channel == "sms").order_by(ChannelAccount.id).limit(1))
    return found


# WeChat's window for service messages after a person's own message (bot/delivery.py: the outbox's route).
WECHAT_WINDOW = timedelta(hours=48)


async def about(session: AsyncSession, who: Viewer, person_id: int, now: datetime) -> list[tuple[str, str]]:
    """What is known of someone besides their form, none of it personal data: consent, the ways they write (and
    whether WeChat's window is open), how many messages each way, where the survey stopped, their registrations.
    For someone who only chatted (人工 before any survey) it is all there is: the page showed a send box only."""
    person = await session.get(Person, person_id)
    if person is None:
        return []
    facts: list[tuple[str, str]] = [(t("about.consent"), await _consent(session, person))]
    ways: list[str] = []
    for channel, last, unsubscribed in await session.execute(select(
            ChannelAccount.channel, ChannelAccount.last_inbound_at, ChannelAccount.unsubscribed_at).where(
            ChannelAccount.person_id == person_id).order_by(ChannelAccount.id)):
        if channel == "wechat" and unsubscribed is not None:
            ways.append(t("about.wechat_unsubscribed"))
        elif channel == "wechat" and last is not None and now - last < WECHAT_WINDOW:
            ways.append(t("about.wechat_open", last=local_time(last), until=local_time(last + WECHAT_WINDOW)))
        elif channel == "wechat":
            ways.append(t("about.wechat_closed", last=local_time(last)) if last else t("about.wechat"))
        elif channel == "sms":
            ways.append(t("about.sms"))
    if person.opted_out_at is not None:
        ways.append(t("about.opted_out", at=local_time(person.opted_out_at)))
    facts.append((t("about.ways"), t("about.sep").join(ways) or t("about.none")))
    received = await session.scalar(select(func.count()).select_from(InboundMessage).where(
        InboundMessage.person_id == person_id, InboundMessage.dedup_key.not_like(SCHEDULED + "%"))) or 0
    sent = await session.scalar(select(func.count()).select_from(OutboxMessage).where(
        OutboxMessage.person_id == person_id)) or 0
    facts.append((t("about.messages"), t("about.counts", received=received, sent=sent)))
    state = await session.scalar(select(Conversation.state).where(Conversation.person_id == person_id)) or {}
    if state.get("flow") == "survey" and state.get("awaiting") in FIELD_KEYS:
        label = catalog("zh_CN").get(SURVEY_FORM.field(str(state["awaiting"])).label)
        facts.append((t("about.survey"), t("about.survey_at", field=label)))
    elif state.get("flow") == "survey" and state.get("awaiting") == "consent":
        facts.append((t("about.survey"), t("about.survey_consent")))
    registrations = [t("about.registration", id=r.id, status=t("registration.status." + r.status))
                     for r in await session.scalars(select(UnemploymentRegistration).where(
                         UnemploymentRegistration.person_id == person_id, scope.registrations(who))
                         .order_by(UnemploymentRegistration.id))]
    facts.append((t("about.registrations"), t("about.sep").join(registrations) or t("about.none")))
    return facts


async def _consent(session: AsyncSession, person: Person) -> str:
    """The privacy notice as agreed, one answer from both places it is kept: the person's row (the chat's consent
    effect) and the saved form (the consent it was given under; a form written before that effect, or by an
    import, has it only there: the page said 还没有同意 beside a form holding it). The latest agreement wins; a
    refusal after it (or with none) is said as such."""
    given: list[tuple[datetime, str | None]] = (
        [(person.consent_at, person.consent_version)] if person.consent_at else [])
    on_form = (await session.execute(select(InfoForm.consent_at, InfoForm.consent_version).where(
        InfoForm.person_id == person.id))).one_or_none()
    if on_form is not None and on_form.consent_at is not None:
        given.append((on_form.consent_at, on_form.consent_version))
    latest = max(given, key=lambda g: g[0]) if given else None
    refused = person.consent_refused_at
    if refused is not None and (latest is None or refused > latest[0]):
        return t("about.consent_refused", at=local_time(refused))
    if latest is None:
        return t("about.consent_none")
    return t("about.consent_given", version=latest[1] or "-", at=local_time(latest[0]))


async def load_person(session: AsyncSession, cipher: FieldCipher, who: Viewer, person_id: int,
                      now: datetime | None = None) -> dict[str, Any]:
    info = await session.scalar(select(InfoForm).where(InfoForm.person_id == person_id))
    record = form_record(info, cipher) if info is not None else {}
    entry = await session.scalar(select(RosterEntry).where(RosterEntry.person_id == person_id).limit(1))
    labels = catalog("zh_CN")
    fields = [(f.key, labels.get(f.label), shown(f.key, record.get(f.key))) for f in SURVEY_FORM.fields]
    changes = list(await session.scalars(select(FormChange).where(FormChange.person_id == person_id)
                                         .order_by(FormChange.changed_at.desc(), FormChange.id.desc()).limit(200)))
    actors = await _actors(session, {c.actor for c in changes})
    history = [{
        "at": c.changed_at, "field": labels.get(SURVEY_FORM.field(c.field).label) if c.field in FIELD_KEYS else c.field,
        "old": shown(c.field, decode_change(cipher, c.old_value_enc)),
        "new": shown(c.field, decode_change(cipher, c.new_value_enc)),
        "actor": actors.get(c.actor) or (t(f"actor.{c.actor}") if c.actor in ACTORS else c.actor),
        "channel": c.channel or "", "reason": c.reason or "",
    } for c in changes]
    person_cases = list(await session.scalars(select(AssistanceCase).where(
        AssistanceCase.person_id == person_id, scope.cases(who)).order_by(AssistanceCase.opened_at.desc())))
    applications = (await session.execute(
        select(JobApplication, Vacancy, Training)
        .outerjoin(Vacancy, Vacancy.id == JobApplication.vacancy_id)
        .outerjoin(Training, Training.id == JobApplication.training_id)
        .where(JobApplication.person_id == person_id, scope.applications(who))
        .order_by(JobApplication.applied_at.desc()))).all()
    contacts = list(await session.scalars(select(ContactRecord).where(ContactRecord.person_id == person_id)
                                          .order_by(ContactRecord.at.desc()).limit(50)))
    contact_actors = await _actors(session, {f"cw:{c.caseworker_id}" for c in contacts})
    # A case still waiting for its first contact gives that contact's deadline in its own entry, as the inbox and the
    # chat's list do: its first-contact task is not listed again among the tasks (one thing to do, one entry).
    waiting = {c.id: c.first_contact_due for c in person_cases if c.status == "open" and c.first_contact_at is None}
    tasks = [task for task in await session.scalars(select(CaseworkTask).where(
        CaseworkTask.person_id == person_id, CaseworkTask.status.in_(scope.OPEN_TASK), scope.tasks(who)))
        if not (task.kind == "first_contact" and task.case_id in waiting)]
    names = await people_names.listed(session, [person_id], t("unknown_name"))
    marks = await duplicates.marked(session, who, [person_id])
    stored_phone = bool(record.get("phone") or (entry is not None and entry.phone_enc))
    sms = None if stored_phone else await texted_from(session, person_id)
    return {
        "person_id": person_id, "person": names[person_id], "form": info, "fields": fields, "history": history,
        "roster": entry, "duplicate": marks.get(person_id),
        "messages": await _timeline(session, cipher, person_id), "recent_messages": RECENT_MESSAGES,
        "cases": person_cases, "applications": applications, "tasks": tasks,
        "contact_due": {case_id: (due, now is not None and due < now) for case_id, due in waiting.items()},
        "contacts": [(c, contact_actors.get(f"cw:{c.caseworker_id}", ""),
                      cipher.decrypt(c.note_enc) if c.note_enc else "") for c in contacts],
        "editable": [(f.key, labels.get(f.label), [(c.value, labels.get(c.label)) for c in f.choices])
                     for f in SURVEY_FORM.fields if f.key in EDITABLE],
        "has_id": bool(record.get("id_number") or entry is not None),
        "has_phone": stored_phone or sms is not None,
        # No form or roster phone: the number they text from, masked (the full one through the audited reveal).
        "texted_from": mask_phone(cipher.decrypt(sms).removeprefix("+86")) if sms is not None else "",
        # The package's steps only for someone with an open one-on-one case (they are recorded on it).
        "contact_kinds": CONTACT_KINDS if any(c.kind == "assistance" and c.status == "open" for c in person_cases)
        else ("contact", "visit"),
        "contact_channels": CONTACT_CHANNELS, "local_time": local_time,
        # What a supervisor types to erase the person (besides 删除): the name masked as alerts show it.
        "masked_name": mask_name(info.name) if info is not None and info.name else "",
        "may_erase": who.role in (scope.SUPERVISOR, scope.ADMIN),
        "about": await about(session, who, person_id, now) if now is not None else [],
    }


@access(LOGIN, "person", "form", "case", "task", "application")
async def person_page(request: web.Request, *, flash: str = "", error: str = "", revealed: str = "",
                      status: int = 200) -> web.Response:
    who = viewer(request)
    person_id = _person_id(request)
    async with request.config_dict[keys.READ_SESSIONS]() as session:
        if person_id is None or not await in_scope(session, who, person_id):
            return not_found(request)
        context = await load_person(session, request.config_dict[keys.CIPHER], who, person_id,
                                    request.config_dict[keys.CLOCK].now())
    flash = flash or (t("flash." + request.query["done"]) if request.query.get("done") in FLASHES else "")
    if not error and (key := error_of(request, PERSON_ERRORS)):
        error = t(key, n=MAX_MESSAGE) if key == "person.message_length" else t(key)
    return render(request, "person.html", status=status, flash=flash, error=error, revealed=revealed, **context)


# What a form on the person's page was sent back with (back_with_error): nothing was done, and the page says why.
PERSON_ERRORS = ("person.message_length", "contact.invalid", "contact.package_only", "person.change_invalid",
                 "person.erase_confirm_needed", "duplicate.bad_id_number")


FLASHES = frozenset({"message_queued", "contact_recorded", "field_changed", "duplicate_kept", "duplicate_corrected",
                     "duplicate_returned"})


@access(LOGIN, "person")
async def reveal(request: web.Request) -> web.Response:
    """An ID or phone number in full, once: shown in this answer only (no-store), and audited."""
    who = viewer(request)
    person_id = _person_id(request)
    what = (await form(request)).get("what", "")
    cipher = request.config_dict[keys.CIPHER]
    now = request.config_dict[keys.CLOCK].now()
    async with request.config_dict[keys.SESSIONS]() as session, session.begin():
        if person_id is None or what not in ("id_number", "phone") or not await in_scope(session, who, person_id):
            return not_found(request)
        info = await session.scalar(select(InfoForm).where(InfoForm.person_id == person_id))
        entry = await session.scalar(select(RosterEntry).where(RosterEntry.person_id == person_id).limit(1))
        token = getattr(info, f"{what}_enc", None) or getattr(entry, f"{what}_enc", None)
        if token is None and what == "phone":
            token = await texted_from(session, person_id)
        value = cipher.decrypt(token) if token else ""
        session.add(AuditLog(actor=who.actor, action=f"reveal_{what}",
                             detail=json.dumps({"person": person_id, "via": "console"}), created_at=now))
    return await person_page(request, revealed=value.removeprefix("+86") if what == "phone" else value)


@access(LOGIN, "person")
async def send_message(request: web.Request) -> web.StreamResponse:
    """Queued on the outbox (channel chosen when sent: WeChat inside its window, else SMS; quiet hours and
    opt-out respected, as for every message the person did not just ask for)."""
    who = viewer(request)
    person_id = _person_id(request)
    text = (await form(request)).get("text", "").strip()
    now = request.config_dict[keys.CLOCK].now()
    async with request.config_dict[keys.SESSIONS]() as session, session.begin():
        if person_id is None or not await in_scope(session, who, person_id):
            return not_found(request)
        if not text or len(text) > MAX_MESSAGE:
            return back_with_error(f"/console/people/{person_id}", "person.message_length")
        # Signed with the sender's name and role, as the chat's 发消息 is (the person saw nobody's name).
        if who.caseworker_id is not None:
            text = await signed_by(session, who.caseworker_id, person_id, text)
        session.add(OutboxMessage(person_id=person_id, channel="auto", kind="text",
                                  body_enc=request.config_dict[keys.CIPHER].encrypt(text), solicited=False,
                                  status="queued", attempts=0, next_attempt_at=now, created_at=now))
        if who.caseworker_id is not None:
            # The person's answer comes back to the writer as an alert (bot/casework/replies.py).
            await expect_reply(session, request.config_dict[keys.CIPHER], person_id=person_id,
                               caseworker_id=who.caseworker_id, case_id=None, now=now,
                               calendar=_calendar(request))
        session.add(AuditLog(actor=who.actor, action="console_message",
                             detail=json.dumps({"person": person_id}), created_at=now))
        # Answered: my requests to answer this person (找人工, a question passed on) are done.
        await session.execute(update(Alert).where(
            Alert.caseworker_id == who.caseworker_id, Alert.person_id == person_id,
            Alert.kind.in_(scope.ANSWER_ALERTS), Alert.acknowledged_at.is_(None),
        ).values(acknowledged_at=now, acknowledged_by=who.caseworker_id))
    outbox = request.config_dict.get(keys.OUTBOX)
    if outbox is not None:
        outbox.wake()
    return see_other(f"/console/people/{person_id}?done=message_queued#messages")


def _calendar(request: web.Request) -> ProgrammeCalendar | None:
    """The programme's sending hours, by which the outbox holds a message written at night (the reply window opens
    when it goes out: bot/casework/replies.py)."""
    planner = request.config_dict.get(keys.PLANNER)
    return planner.calendar if planner is not None else None


async def record_contact_for(
    session: AsyncSession, cipher: FieldCipher, who: Viewer, *, person_id: int, case: AssistanceCase | None,
    kind: str, channel: str | None, note: str, now: datetime,
) -> None:
    """A contact or visit recorded: it is the first contact of the person's open cases, and a visit completes
    their open visit tasks."""
    assert who.caseworker_id is not None
    if await _just_recorded(session, cipher, who.caseworker_id, person_id=person_id, case=case, kind=kind,
                            channel=channel, note=note, now=now):
        return
    session.add(ContactRecord(person_id=person_id, case_id=case.id if case is not None else None,
                              caseworker_id=who.caseworker_id, kind=kind, channel=channel,
                              note_enc=cipher.encrypt(note) if note else None, at=now))
    if kind in ("contact", "visit"):
        # Reached: my requests to answer them (找人工, a question passed on) are done, as the chat's 联系 A4 does.
        await session.execute(update(Alert).where(
            Alert.caseworker_id == who.caseworker_id, Alert.person_id == person_id,
            Alert.kind.in_(scope.ANSWER_ALERTS), Alert.acknowledged_at.is_(None),
        ).values(acknowledged_at=now, acknowledged_by=who.caseworker_id).execution_options(synchronize_session=False))
        targets = [case] if case is not None else list(await session.scalars(select(AssistanceCase).where(
            AssistanceCase.person_id == person_id, AssistanceCase.status == "open")))
        told: set[int] = set()
        for target in targets:
            if target.status == "open":
                await casework_cases.record_first_contact(session, target, now)
                await acknowledge_about(session, caseworker_id=who.caseworker_id, now=now, case_id=target.id)
                if target.caseworker_id not in told:
                    # A supervisor's contact on a case below them: its owner learns it (two people called).
                    told.add(target.caseworker_id)
                    await tell_owner(session, cipher, owner_id=target.caseworker_id, actor_id=who.caseworker_id,
                                     person_id=person_id, now=now, case_id=target.id)
    if kind == "visit":
        for task in await session.scalars(select(CaseworkTask).where(
                CaseworkTask.person_id == person_id, CaseworkTask.kind == "visit",
                CaseworkTask.status.in_(scope.OPEN_TASK))):
            await complete_task(session, task, now)
            await acknowledge_about(session, caseworker_id=who.caseworker_id, now=now, task_id=task.id)
            await tell_owner(session, cipher, owner_id=task.caseworker_id, actor_id=who.caseworker_id,
                             person_id=person_id, now=now, task=task)


async def _just_recorded(
    session: AsyncSession, cipher: FieldCipher, caseworker_id: int, *, person_id: int, case: AssistanceCase | None,
    kind: str, channel: str | None, note: str, now: datetime,
) -> bool:
    """The same record (kind, channel, note, case) kept by the same caseworker in the last minutes."""
    same_case = ContactRecord.case_id.is_(None) if case is None else ContactRecord.case_id == case.id
    same_channel = ContactRecord.channel.is_(None) if channel is None else ContactRecord.channel == channel
    notes = await session.scalars(select(ContactRecord.note_enc).where(
        ContactRecord.person_id == person_id, ContactRecord.caseworker_id == caseworker_id,
        ContactRecord.kind == kind, same_case, same_channel, ContactRecord.at >= now - SAME_RECORD_WITHIN))
    return any((cipher.decrypt_optional(kept) or "") == note for kept in notes)


def contact_fields(fields: dict[str, str]) -> tuple[str, str | None, str] | None:
    kind, channel, note = fields.get("kind", ""), fields.get("channel") or None, fields.get("note", "").strip()
    if kind not in CONTACT_KINDS or (channel is not None and channel not in CONTACT_CHANNELS) or len(note) > MAX_NOTE:
        return None
    return kind, channel, note


@access(LOGIN, "person", "case")
async def record_contact(request: web.Request) -> web.StreamResponse:
    who = viewer(request)
    person_id = _person_id(request)
    parsed = contact_fields(await form(request))
    now = request.config_dict[keys.CLOCK].now()
    async with request.config_dict[keys.SESSIONS]() as session, session.begin():
        if person_id is None or not await in_scope(session, who, person_id):
            return not_found(request)
        if parsed is None:
            return back_with_error(f"/console/people/{person_id}", "contact.invalid")
        kind, channel, note = parsed
        case = None
        if kind in PACKAGE_KINDS:
            # A step of a one-on-one case's service package: kept on that case, where it counts (recorded here
            # with no case, it counted nowhere); someone without one (a rights case only) has no package.
            case = await session.scalar(select(AssistanceCase).where(
                AssistanceCase.person_id == person_id, AssistanceCase.kind == "assistance",
                AssistanceCase.status == "open", scope.cases(who)).order_by(AssistanceCase.id).limit(1))
            if case is None:
                return back_with_error(f"/console/people/{person_id}", "contact.package_only")
        await record_contact_for(session, request.config_dict[keys.CIPHER], who, person_id=person_id, case=case,
                                 kind=kind, channel=channel, note=note, now=now)
    return see_other(f"/console/people/{person_id}?done=contact_recorded")


def parse_value(key: str, text: str, now: datetime) -> Any:
    """The field's own parser (as in the chat), or one of its choices; Invalid or None when it is not a value."""
    field = SURVEY_FORM.field(key)
    if field.choices:
        # The choice's words as the page lists them (在工作), or its code (employed): a caseworker had to type the
        # English code the option showed beside the words.
        said = text.strip()
        labels = catalog("zh_CN")
        return next((c.value for c in field.choices if said in (c.value, labels.get(c.label))), None)
    if not text.strip() or field.parse is None:
        return None
    ctx = StepContext(now=now, today=now.astimezone(LOCAL_TZ).date(), channel="wechat", locale="zh_CN")
    value = field.parse(text.strip()[:200], ctx)
    if value is None or isinstance(value, Invalid):
        return None
    return value if field.validate(value, ctx) is None else None


def _apply(info: InfoForm, cipher: FieldCipher, key: str, value: Any) -> None:
    if key == "phone":
        info.phone_enc = cipher.encrypt_optional(value)
        info.phone_hash = cipher.blind_index("phone", value) if value else None
    elif key == "employer_contact":
        info.employer_contact_enc = cipher.encrypt_optional(value)
    elif key in COLUMN_FIELDS:
        setattr(info, key, value)
    else:
        info.data = {**(info.data or {}), key: value}


@access(LOGIN, "person", "form")
async def change_field(request: web.Request) -> web.StreamResponse:
    """A caseworker corrects one field, with a reason: the form changes and its history says who, when, why."""
    who = viewer(request)
    person_id = _person_id(request)
    fields = await form(request)
    key, reason = fields.get("field", ""), fields.get("reason", "").strip()
    now = request.config_dict[keys.CLOCK].now()
    cipher = request.config_dict[keys.CIPHER]
    value = parse_value(key, fields.get("value", ""), now) if key in EDITABLE else None
    async with request.config_dict[keys.SESSIONS]() as session, session.begin():
        if person_id is None or not await in_scope(session, who, person_id):
            return not_found(request)
        if value is None or not reason or len(reason) > 200:
            return back_with_error(f"/console/people/{person_id}", "person.change_invalid")
        value = record_value(key, value)
        info = await session.scalar(select(InfoForm).where(InfoForm.person_id == person_id))
        if info is None:
            return not_found(request)  # nothing surveyed yet: no form to change
        old = form_record(info, cipher).get(key)
        if old != value:
            _apply(info, cipher, key, value)
            info.updated_at = now
            row = change_row(cipher, person_id=person_id, field=key, old=old, new=value, changed_at=now,
                             channel="console", actor=f"cw:{who.caseworker_id}")
            session.add(FormChange(**row, reason=reason[:200]))
    return see_other(f"/console/people/{person_id}?done=field_changed#history")


@access(LOGIN, "person", "form", "roster")
async def search(request: web.Request) -> web.Response:
    who = viewer(request)
    query = request.query.get("q", "").strip()[:40]
    cipher = request.config_dict[keys.CIPHER]
    found: list[people_names.Listed] = []
    roster_only: list[tuple[str, str]]
    if query:
        id_number = nlu.parse_id_number(query)
        phone = nlu.parse_phone(query) if not id_number else None
        if id_number:
            digest = cipher.blind_index("id_number", id_number)
            match = or_(InfoForm.id_number_hash == digest,
                        Person.id.in_(select(RosterEntry.person_id).where(RosterEntry.id_number_hash == digest)))
        elif phone:
            digest = cipher.blind_index("phone", phone)
            match = or_(InfoForm.phone_hash == digest,
                        Person.id.in_(select(RosterEntry.person_id).where(RosterEntry.phone_hash == digest)))
        else:
            match = or_(InfoForm.name.startswith(query, autoescape=True),
                        Person.id.in_(select(RosterEntry.person_id).where(
                            RosterEntry.name.startswith(query, autoescape=True))))
        # On the roster and never in the chat (no person yet): found too, so that "not found" is never said of
        # someone the county knows; they have no page until they write (nothing else to show of them).
        unlinked = RosterEntry.person_id.is_(None)
        if id_number:
            on_roster = RosterEntry.id_number_hash == cipher.blind_index("id_number", id_number)
        elif phone:
            on_roster = RosterEntry.phone_hash == cipher.blind_index("phone", phone)
        else:
            on_roster = RosterEntry.name.startswith(query, autoescape=True)
        async with request.config_dict[keys.READ_SESSIONS]() as session:
            ids = list(await session.scalars(
                select(Person.id).outerjoin(InfoForm, InfoForm.person_id == Person.id)
                .where(and_(match, scope.people(who))).order_by(Person.id).limit(100)))
            listed = await people_names.listed(session, ids, t("unknown_name"))
            roster_only = [(name, place_name(division) if division else "") for name, division in await session.execute(
                select(RosterEntry.name, RosterEntry.home_division)
                .where(on_roster, unlinked, scope.roster(who)).order_by(RosterEntry.id).limit(100 - len(ids)))]
        found = [listed[i] for i in ids]
    else:
        roster_only = []
    # Digits that are no whole number (the last four of a phone, a masked 138****5678 copied from a list) were looked
    # up as the start of a name: "找到 0 人", nothing said of why.
    partial = bool(query) and not found and not roster_only and any(c.isdigit() for c in query)
    erased = request.query.get("erased", "")
    flash = t("flash.person_erased", person=gone) if (gone := record_id(erased)) is not None else ""
    return render(request, "people.html", query=query, found=found, roster_only=roster_only, partial_number=partial,
                  flash=flash)


ERASE_WORD = "删除"


@access(SUPERVISOR, "person")
async def erase(request: web.Request) -> web.Response:
    """Erase the person's data (they withdrew consent): a supervisor or administrator within their scope, after
    typing 删除 or the person's masked name as the page shows it. Audited; the person has no page afterwards."""
    who = viewer(request)
    person_id = _person_id(request)
    typed = (await form(request)).get("confirm", "").strip()
    now = request.config_dict[keys.CLOCK].now()
    async with request.config_dict[keys.SESSIONS]() as session, session.begin():
        if person_id is None or not await in_scope(session, who, person_id):
            return not_found(request)
        name = await session.scalar(select(InfoForm.name).where(InfoForm.person_id == person_id))
        if typed != ERASE_WORD and not (name and typed == mask_name(name)):
            confirmed = False
        else:
            confirmed = True
            await erasure.erase_person(session, request.config_dict[keys.CIPHER], person_id, actor=who.actor,
                                       via="console", now=now, caseworker_id=who.caseworker_id)
    if not confirmed:
        return back_with_error(f"/console/people/{person_id}", "person.erase_confirm_needed")
    return see_other(f"/console/people?erased={person_id}")


def routes() -> list[web.RouteDef]:
    return [
        web.get("/people", search),
        web.get("/people/{person}", person_page),
        web.post("/people/{person}/reveal", reveal),
        web.post("/people/{person}/message", send_message),
        web.post("/people/{person}/contact", record_contact),
        web.post("/people/{person}/field", change_field),
        web.post("/people/{person}/erase", erase),
    ]
