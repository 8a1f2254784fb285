"""Erasing a person's data when they withdraw consent (个人信息保护法 art. 47), done by the office: a supervisor or
administrator on the person's console page, or an operator with `jiuye people erase`.

One transaction, idempotent (a person already erased is left as is). Deleted: the channel accounts (their openid
or phone and its blind index: the same address writing again is a new person, who sees the notice and consent
again), the conversation, every inbound and outbox message (with their push attempts and delivery reports), the
form and its change history, scheduled and prepared work, subscriptions, job applications, match offers and pushes,
roster review flags. Blanked: event-log payloads, contact-record notes, rights cases' details, alert texts.
Redacted (their name and numbers replaced, the rest kept): contact notes on other people's records, the kept
registration's decision note, audit-log details. The
roster entry (the county's own import) is unlinked, not deleted. Kept, as the office's administrative records:
unemployment registrations (the legal retention exception: the name and ID number they were made under are copied
onto the registration, everything else of the form goes), and cases, tasks and alerts as statistics without
personal text (open ones closed). The person row stays as a tombstone (`erased_at`), opted out: nothing reaches
them again. An audit-log row says who, when and which person id (no personal data).
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import delete, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.casework.responsibility import responsible_caseworker
from dialogs.i18n import catalog
from storage.crypto import FieldCipher
from storage.models import (
    Alert,
    AssistanceCase,
    AuditLog,
    Caseworker,
    CaseworkerAddress,
    CaseworkTask,
    ChannelAccount,
    ContactRecord,
    Conversation,
    EventLog,
    FormChange,
    InboundMessage,
    InfoForm,
    JobApplication,
    MatchOffer,
    MatchPush,
    OutboxMessage,
    Person,
    PreparedCheckin,
    PreparedEvent,
    PreparedFire,
    PreparedOutbox,
    PushAttempt,
    RosterEntry,
    RosterReviewFlag,
    ScheduledFire,
    SmsDeliveryReport,
    UnemploymentRegistration,
    WeChatSubscription,
)

AUDIT_ACTION = "erase_person"
# The office's language: what a closed case's reason and a blanked alert say (as a caseworker's words would).
RECORD_LOCALE = "zh_CN"
OPEN_TASK = ("open", "overdue")


@dataclass
class Erased:
    """What an erasure did, counts only (table -> rows deleted or blanked)."""

    person_id: int
    already: bool = False
    deleted: dict[str, int] = field(default_factory=dict)
    blanked: dict[str, int] = field(default_factory=dict)
    kept: dict[str, int] = field(default_factory=dict)

    def lines(self) -> list[str]:
        if self.already:
            return [f"person {self.person_id} was already erased: nothing to do"]
        out = [f"person {self.person_id} erased"]
        out += [f"  deleted {table}: {n}" for table, n in sorted(self.deleted.items()) if n]
        out += [f"  blanked {table}: {n}" for table, n in sorted(self.blanked.items()) if n]
        out += [f"  kept {table}: {n}" for table, n in sorted(self.kept.items()) if n]
        return out


class NoSuchPerson(LookupError):
    pass


async def _count(session: AsyncSession, statement: Any) -> int:
    result: Any = await session.execute(statement.execution_options(synchronize_session=False))
    return int(result.rowcount or 0)


async def erase_person(session: AsyncSession, cipher: FieldCipher, person_id: int, *, actor: str, via: str,
                       now: datetime, caseworker_id: int | None = None) -> Erased:
    """Erase one person inside the caller's transaction. `actor` names who for the audit log
    (caseworker:{id} or operator:{os user}); `via` is console or cli."""
    # The dispatcher's per-person lock first (the conversation row), as the dispatcher takes it before writing the
    # person row: a message being handled finishes first, and the two never wait for each other crosswise.
    await session.execute(select(Conversation.person_id).where(Conversation.person_id == person_id).with_for_update())
    person = await session.scalar(select(Person).where(Person.id == person_id).with_for_update())
    if person is None:
        raise NoSuchPerson(person_id)
    if person.erased_at is not None:
        return Erased(person_id, already=True)
    done = Erased(person_id)
    texts = catalog(RECORD_LOCALE)

    # The registrations keep the name and ID number they were made under (the form's, else the roster's).
    form = await session.scalar(select(InfoForm).where(InfoForm.person_id == person_id))
    entry = await session.scalar(select(RosterEntry).where(RosterEntry.person_id == person_id).limit(1))
    name = (form.name if form is not None else None) or (entry.name if entry is not None else None)
    id_enc = (form.id_number_enc if form is not None else None) or (entry.id_number_enc if entry is not None else None)
    # What identifies them in a caseworker's words, gathered before their rows go (the form's, the roster's, the
    # number they text from).
    secrets = _secrets(cipher, names=[form.name if form else None, entry.name if entry else None],
                       phones=[form.phone_enc if form else None, entry.phone_enc if entry else None,
                               *await session.scalars(select(ChannelAccount.address_enc).where(
                                   ChannelAccount.person_id == person_id, ChannelAccount.channel == "sms"))],
                       ids=[form.id_number_enc if form else None, entry.id_number_enc if entry else None])
    # Whose chats and notes may repeat them, found while their form still says where they live.
    involved = await _involved_caseworkers(session, person_id)
    registrations = UnemploymentRegistration.person_id == person_id
    done.kept["unemployment_registration"] = await _count(session, update(UnemploymentRegistration).where(
        registrations).values(kept_name=name, kept_id_number_enc=id_enc))

    outbox_ids = select(OutboxMessage.id).where(OutboxMessage.person_id == person_id).scalar_subquery()
    fire_ids = select(ScheduledFire.id).where(ScheduledFire.person_id == person_id).scalar_subquery()
    deletions: list[tuple[str, Any]] = [
        ("push_attempt", delete(PushAttempt).where(PushAttempt.person_id == person_id)),
        ("sms_delivery_report", delete(SmsDeliveryReport).where(SmsDeliveryReport.outbox_id.in_(outbox_ids))),
        ("outbox_message", delete(OutboxMessage).where(OutboxMessage.person_id == person_id)),
        ("inbound_message", delete(InboundMessage).where(InboundMessage.person_id == person_id)),
        ("prepared_outbox", delete(PreparedOutbox).where(PreparedOutbox.person_id == person_id)),
        ("prepared_fire", delete(PreparedFire).where(PreparedFire.person_id == person_id)),
        ("prepared_event", delete(PreparedEvent).where(PreparedEvent.person_id == person_id)),
        ("prepared_checkin", delete(PreparedCheckin).where(
            (PreparedCheckin.person_id == person_id) | PreparedCheckin.fire_id.in_(fire_ids))),
        ("scheduled_fire", delete(ScheduledFire).where(ScheduledFire.person_id == person_id)),
        ("wechat_subscription", delete(WeChatSubscription).where(WeChatSubscription.person_id == person_id)),
        ("match_offer", delete(MatchOffer).where(MatchOffer.person_id == person_id)),
        ("match_push", delete(MatchPush).where(MatchPush.person_id == person_id)),
        ("job_application", delete(JobApplication).where(JobApplication.person_id == person_id)),
        ("roster_review_flag", delete(RosterReviewFlag).where(RosterReviewFlag.person_id == person_id)),
        ("form_change", delete(FormChange).where(FormChange.person_id == person_id)),
        ("info_form", delete(InfoForm).where(InfoForm.person_id == person_id)),
        ("conversation", delete(Conversation).where(Conversation.person_id == person_id)),
        ("channel_account", delete(ChannelAccount).where(ChannelAccount.person_id == person_id)),
    ]
    for table, statement in deletions:
        done.deleted[table] = await _count(session, statement)
    done.blanked["roster_entry"] = await _count(session, update(RosterEntry).where(
        RosterEntry.person_id == person_id).values(person_id=None))
    done.blanked["event_log"] = await _count(session, update(EventLog).where(
        EventLog.person_id == person_id).values(data={}))
    done.blanked["contact_record"] = await _count(session, update(ContactRecord).where(
        ContactRecord.person_id == person_id, ContactRecord.note_enc.is_not(None)).values(note_enc=None))

    # Cases and tasks stay as statistics: no personal text, the open ones closed with the reason.
    reason = texts.get("erasure.closed")
    cases = AssistanceCase.person_id == person_id
    # A closing reason in the caseworker's words (结案 C3 王小红去浙江了) that names them.
    named_reasons = [case_id for case_id, said in await session.execute(select(
        AssistanceCase.id, AssistanceCase.close_reason).where(cases, AssistanceCase.close_reason.is_not(None)))
        if _names(said, secrets)]
    if named_reasons:
        await _count(session, update(AssistanceCase).where(AssistanceCase.id.in_(named_reasons))
                     .values(close_reason=reason))
    await _count(session, update(AssistanceCase).where(cases, AssistanceCase.details_enc.is_not(None))
                 .values(details_enc=None))
    done.blanked["assistance_case"] = await _count(session, update(AssistanceCase).where(
        cases, AssistanceCase.status == "open").values(status="closed", closed_at=now, close_reason=reason,
                                                        closed_by=caseworker_id, updated_at=now))
    done.blanked["casework_task"] = await _count(session, update(CaseworkTask).where(
        CaseworkTask.person_id == person_id, CaseworkTask.status.in_(OPEN_TASK)).values(status="done", done_at=now))
    # Alerts quote the person's words and a masked name: their text is replaced (one not yet sent says, when it
    # goes, that the person's data was deleted).
    about = Alert.person_id == person_id
    done.blanked["alert"] = await _count(session, update(Alert).where(about).values(
        body_enc=cipher.encrypt(texts.get("erasure.alert_body"))))
    await _count(session, update(Alert).where(about, Alert.acknowledged_at.is_(None)).values(
        acknowledged_at=now, acknowledged_by=caseworker_id))

    await _blank_caseworker_copies(session, cipher, person, secrets, involved, texts.get("erasure.alert_body"),
                                   done)
    await _redact_others_notes(session, cipher, person, secrets, involved, done)
    await _redact_registration_notes(session, person_id, secrets, done)
    await _redact_others_reasons(session, person, secrets, involved, done)
    await _redact_audit_details(session, person, secrets, done)

    person.erased_at = now
    if person.opted_out_at is None:
        person.opted_out_at, person.opted_out_channel = now, "erased"
    session.add(AuditLog(actor=actor, action=AUDIT_ACTION, detail=json.dumps({"person": person_id, "via": via}),
                         created_at=now))
    return done


# Written between the digits of a number, or around it: "138 0013 8000", "138-0013-8000", "(+86)13800138000".
_BETWEEN = re.compile(r"[\s\-\u2010-\u2015.·()]+")


def _compact(text: str) -> str:
    return _BETWEEN.sub("", unicodedata.normalize("NFKC", text)).upper()


def _secrets(cipher: FieldCipher, *, names: Iterable[str | None], phones: Iterable[str | None],
             ids: Iterable[str | None]) -> set[str]:
    """The person's name, phone numbers (without +86) and ID numbers, as `_compact` writes them."""
    found = {_compact(name) for name in names if name and len(name.strip()) >= 2}
    for sealed in phones:
        phone = cipher.decrypt_optional(sealed)
        if phone:
            found.add(_compact(phone).removeprefix("+86"))
    found |= {_compact(number) for number in map(cipher.decrypt_optional, ids) if number}
    return {secret for secret in found if secret}


def _names(text: str | None, secrets: set[str]) -> bool:
    """Whether a text holds one of the person's secrets (a number however spaced, the name)."""
    if not text or not secrets:
        return False
    compact = _compact(text)
    return any(secret in compact for secret in secrets)


def _redact(text: str | None, secrets: set[str], marker: str) -> str | None:
    """The text with each of the person's secrets in it (a number however spaced, the name) replaced by `marker`;
    None when it holds none. Another person's note keeps the rest of what it says."""
    if not _names(text, secrets):
        return None
    said = unicodedata.normalize("NFKC", text or "")
    for secret in sorted(secrets, key=len, reverse=True):
        said = re.compile(_BETWEEN_OPTIONAL.join(map(re.escape, secret)), re.IGNORECASE).sub(marker, said)
    # (A secret the pattern could not find in place, should there be one: nothing of the text is kept.)
    return marker if _names(said, secrets) else said


_BETWEEN_OPTIONAL = r"[\s\-\u2010-\u2015.·()]*"


async def _involved_caseworkers(session: AsyncSession, person_id: int) -> set[int]:
    """The caseworkers who could have written or been told about the person: whoever owned, closed, decided, was
    escalated, was alerted about or recorded a contact with any of their records, the one responsible for them now,
    and everyone above those (a supervisor acts on the records of the caseworkers below). A caseworker with none of
    their records cannot act on them from the chat or the console."""
    found: set[int] = set()
    for statement in (
        select(AssistanceCase.caseworker_id, AssistanceCase.closed_by).where(AssistanceCase.person_id == person_id),
        select(CaseworkTask.caseworker_id, CaseworkTask.escalated_to).where(CaseworkTask.person_id == person_id),
        select(UnemploymentRegistration.caseworker_id, UnemploymentRegistration.decided_by).where(
            UnemploymentRegistration.person_id == person_id),
        select(Alert.caseworker_id, Alert.acknowledged_by).where(Alert.person_id == person_id),
        select(ContactRecord.caseworker_id, ContactRecord.caseworker_id).where(ContactRecord.person_id == person_id),
    ):
        for row in await session.execute(statement):
            found |= {caseworker for caseworker in row if caseworker is not None}
    found.add(await responsible_caseworker(session, person_id))
    frontier = set(found)
    while frontier:
        above = {s for s in await session.scalars(select(Caseworker.supervisor_id).where(
            Caseworker.id.in_(frontier), Caseworker.supervisor_id.is_not(None))) if s is not None}
        frontier = above - found
        found |= frontier
    return found


async def _redact_others_notes(session: AsyncSession, cipher: FieldCipher, person: Person, secrets: set[str],
                               involved: set[int], done: Erased) -> None:
    """A contact note on someone else's record that names the person (联系 C5 他说王小红也在那个厂 138…): the
    person's name and numbers in it are replaced, the rest is the other person's history and stays."""
    if not secrets or not involved:
        return
    marker = catalog(RECORD_LOCALE).get("erasure.redacted")
    changed = 0
    for row_id, sealed in (await session.execute(select(ContactRecord.id, ContactRecord.note_enc).where(
            ContactRecord.caseworker_id.in_(involved), ContactRecord.person_id != person.id,
            ContactRecord.at >= person.created_at, ContactRecord.note_enc.is_not(None)))).all():
        kept = _redact(cipher.decrypt_optional(sealed), secrets, marker)
        if kept is not None:
            changed += await _count(session, update(ContactRecord).where(ContactRecord.id == row_id).values(
                note_enc=cipher.encrypt(kept)))
    if changed:
        done.blanked["contact_record"] = done.blanked.get("contact_record", 0) + changed


async def _redact_registration_notes(session: AsyncSession, person_id: int, secrets: set[str], done: Erased) -> None:
    """A kept registration's decision note in the caseworker's words (退回 R3 王小红的身份证号不对): their name and
    numbers in it are replaced; the decision and the rest of its reason stay with the office's record."""
    marker = catalog(RECORD_LOCALE).get("erasure.redacted")
    for row_id, note in (await session.execute(select(UnemploymentRegistration.id,
                                                      UnemploymentRegistration.decision_note).where(
            UnemploymentRegistration.person_id == person_id,
            UnemploymentRegistration.decision_note.is_not(None)))).all():
        kept = _redact(note, secrets, marker)
        if kept is not None:
            await _count(session, update(UnemploymentRegistration).where(UnemploymentRegistration.id == row_id)
                         .values(decision_note=kept[:200]))
            done.blanked["unemployment_registration.decision_note"] = done.blanked.get(
                "unemployment_registration.decision_note", 0) + 1


async def _redact_others_reasons(session: AsyncSession, person: Person, secrets: set[str], involved: set[int],
                                 done: Erased) -> None:
    """Someone else's closed case or decided registration whose reason, in the words of a caseworker who had
    something of the person's, names them (结案 C5 和王小红一起去浙江了): replaced there, the rest kept."""
    if not secrets or not involved:
        return
    marker = catalog(RECORD_LOCALE).get("erasure.redacted")
    for table, reason, by, at in (
        (AssistanceCase, AssistanceCase.close_reason, AssistanceCase.closed_by, AssistanceCase.closed_at),
        (UnemploymentRegistration, UnemploymentRegistration.decision_note, UnemploymentRegistration.decided_by,
         UnemploymentRegistration.decided_at),
    ):
        changed = 0
        for row_id, said in (await session.execute(select(table.id, reason).where(
                by.in_(involved), table.person_id != person.id, at >= person.created_at,
                reason.is_not(None)))).all():
            kept = _redact(said, secrets, marker)
            if kept is not None:
                changed += await _count(session, update(table).where(
                    table.id == row_id).values({reason: kept[:200]}))
        if changed:
            name = f"{table.__tablename__}.{reason.key}"
            done.blanked[name] = done.blanked.get(name, 0) + changed


async def _redact_audit_details(session: AsyncSession, person: Person, secrets: set[str], done: Erased) -> None:
    """The audit log keeps who did what and when, never personal data; a detail written since the person first came
    that holds their name or numbers (an export's file named after them) has those replaced. The details are plain
    text written by us: the database finds the candidates (LIKE), nothing is decrypted."""
    if not secrets:
        return
    marker = "[erased]"
    candidates = or_(*(AuditLog.detail.contains(secret, autoescape=True) for secret in sorted(secrets)),
                     *(AuditLog.detail.contains(secret.lower(), autoescape=True) for secret in sorted(secrets)
                       if secret.lower() != secret))
    changed = 0
    for row_id, detail in (await session.execute(select(AuditLog.id, AuditLog.detail).where(
            AuditLog.created_at >= person.created_at, candidates))).all():
        kept = _redact(detail, secrets, marker)
        if kept is not None:
            changed += await _count(session, update(AuditLog).where(AuditLog.id == row_id).values(detail=kept))
    if changed:
        done.blanked["audit_log"] = changed


async def _blank_caseworker_copies(session: AsyncSession, cipher: FieldCipher, person: Person, secrets: set[str],
                                   involved: set[int], placeholder: str, done: Erased) -> None:
    """What a caseworker was told or wrote about the person in their own chat: the reply to `电话 C3` (full name and
    phone), a command quoting the number (联系 C3 换号了 138…), their events. These rows are the caseworker's, not
    the person's: the ones since the person first wrote that hold the person's name, phone or ID number are
    blanked (an inbound's text dropped, an outbox message's replaced by the deletion notice, an event's data
    emptied)."""
    if not secrets:
        return
    # Only the chats of the caseworkers who had something of theirs (`_involved_caseworkers`): reading and decrypting
    # every caseworker's chat since the person came made one erasure cost the whole county's history.
    caseworkers = [p for p in await session.scalars(
        select(ChannelAccount.person_id).distinct().join(CaseworkerAddress, (
            CaseworkerAddress.channel == ChannelAccount.channel)
            & (CaseworkerAddress.address_hash == ChannelAccount.address_hash)).where(
            CaseworkerAddress.caseworker_id.in_(involved))) if p != person.id]
    if not caseworkers:
        return
    since = person.created_at
    inbound = [row_id for row_id, body in await session.execute(select(
        InboundMessage.id, InboundMessage.body_enc).where(
        InboundMessage.person_id.in_(caseworkers), InboundMessage.received_at >= since,
        InboundMessage.body_enc.is_not(None))) if _names(cipher.decrypt_optional(body), secrets)]
    if inbound:
        done.blanked["inbound_message"] = await _count(session, update(InboundMessage).where(
            InboundMessage.id.in_(inbound)).values(body_enc=None))
    outbox = [row_id for row_id, body, sms_body in await session.execute(select(
        OutboxMessage.id, OutboxMessage.body_enc, OutboxMessage.sms_body_enc).where(
        OutboxMessage.person_id.in_(caseworkers), OutboxMessage.created_at >= since))
        if _names(cipher.decrypt_optional(body), secrets) or _names(cipher.decrypt_optional(sms_body), secrets)]
    if outbox:
        done.blanked["outbox_message"] = await _count(session, update(OutboxMessage).where(
            OutboxMessage.id.in_(outbox)).values(body_enc=cipher.encrypt(placeholder), sms_body_enc=None))
    events = [row_id for row_id, data in await session.execute(select(EventLog.id, EventLog.data).where(
        EventLog.person_id.in_(caseworkers), EventLog.created_at >= since))
        if data and _names(json.dumps(data, ensure_ascii=False), secrets)]
    if events:
        done.blanked["event_log"] = done.blanked.get("event_log", 0) + await _count(
            session, update(EventLog).where(EventLog.id.in_(events)).values(data={}))


async def find_person(session: AsyncSession, cipher: FieldCipher, *, person_id: int | None = None,
                      id_number: str | None = None, phone: str | None = None) -> list[int]:
    """The people with this id, or (not simulated) with this ID number (form or linked roster entry) or phone
    (form, linked roster entry, or the SMS address they write from). A simulator person is found by id only: the
    simulator's test data may share a real person's numbers, and erasing one is how the action is tried there."""
    if person_id is not None:
        found = await session.scalar(select(Person.id).where(Person.id == person_id))
        return [found] if found is not None else []
    ids: set[int] = set()
    if id_number is not None:
        digest = cipher.blind_index("id_number", id_number)
        ids |= set(await session.scalars(select(InfoForm.person_id).where(InfoForm.id_number_hash == digest)))
        ids |= {p for p in await session.scalars(select(RosterEntry.person_id).where(
            RosterEntry.id_number_hash == digest)) if p is not None}
    if phone is not None:
        digest = cipher.blind_index("phone", phone)
        ids |= set(await session.scalars(select(InfoForm.person_id).where(InfoForm.phone_hash == digest)))
        ids |= {p for p in await session.scalars(select(RosterEntry.person_id).where(
            RosterEntry.phone_hash == digest)) if p is not None}
        ids |= set(await session.scalars(select(ChannelAccount.person_id).where(
            ChannelAccount.channel == "sms", ChannelAccount.address_hash == cipher.blind_index("sms", phone))))
    if not ids:
        return []
    return sorted(await session.scalars(select(Person.id).where(Person.id.in_(ids), Person.simulated.is_(False))))
