"""Alert records: what a caseworker is told about a laborer, written in the caller's transaction and delivered
after the commit by the alert worker (bot/casework/worker.py).

An alert never carries an ID number; the laborer's name and phone are masked (王*红, 138****8000), because
alerts go to group chats and SMS. The text is rendered when the alert is queued (zh_CN: caseworkers' language)
and stored encrypted. `dedup_key` makes queuing idempotent (a second call with the same key adds nothing).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any, cast
from zoneinfo import ZoneInfo

from sqlalchemy import Table, bindparam, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.casework.responsibility import PersonFacts, person_facts
from bot.logs import redact
from dialogs.i18n import Catalog, catalog, template_fields
from dialogs.place_names import place_name
from dialogs.sms_text import MAX_PARTS, UCS2, length, parts
from storage import hot_path
from storage.crypto import FieldCipher, mask_phone
from storage.db import CLOCK_NOW, WAKE_WORKERS
from storage.models import Alert, Caseworker, CaseworkTask, ChannelAccount

ALERT_LOCALE = "zh_CN"
ALERT = cast(Table, Alert.__table__)
# Caseworkers read times in the programme's time zone.
LOCAL_TZ = ZoneInfo("Asia/Shanghai")
KINDS = frozenset({
    "new_case", "rights_case", "visit_task", "task_overdue", "escalation", "human_requested",
    "question_referred", "case_reassigned", "application_made", "duplicate_id", "visit_answered",
    "rights_details", "case_closed", "case_reopened", "contacted_by_other", "person_replied",
})
# Text told by others (the laborer's question, a vacancy's title, a caseworker's name): what is shortened, in this
# order, when an alert would take more than two SMS parts. Numbers and masks of the template are never cut.
SHORTENED = ("question", "said", "details", "note", "title", "organisation", "owner", "who")
ELLIPSIS = "…"
# A run a cut must not split: a masked number (138****8000, 5205**********1232), a record number, a word.
# A mobile number typed in groups (138 0013 8000, 138-0013-8000, +86 138 …): the log redaction takes an unbroken run
# of digits only, and the alert quoted it whole.
_GROUPED_PHONE = re.compile(r"(?<![\d*])((?:\+?86[\s-]?)?1[3-9]\d)[\s-]?\d{4}[\s-]?(\d{4})(?![\d*])")
_UNBROKEN_END = re.compile(r"[0-9A-Za-z*]+$")
_UNBROKEN_START = re.compile(r"[0-9A-Za-z*]")


def mask_name(name: str) -> str:
    """王*红, 王*, 欧**红: the first and last characters stay, the rest is starred."""
    name = name.strip()
    if len(name) <= 1:
        return "*" * len(name)
    if len(name) == 2:
        return name[0] + "*"
    return name[0] + "*" * (len(name) - 2) + name[-1]


def show_phone(phone: str | None) -> str | None:
    """A mainland mobile as people know it, masked: 138****8000."""
    if not phone:
        return None
    return mask_phone(phone[3:] if phone.startswith("+86") else phone)


@dataclass(frozen=True, slots=True)
class PersonBrief:
    """What an alert may say about a laborer: masked name and phone, the place (never the ID number)."""

    name: str
    phone: str
    place: str
    division: str | None

    def params(self) -> dict[str, str]:
        return {"name": self.name, "phone": self.phone, "place": self.place}


def brief_of(cipher: FieldCipher, facts: PersonFacts) -> PersonBrief:
    cat = catalog(ALERT_LOCALE)
    return PersonBrief(
        name=mask_name(facts.name) if facts.name else cat.get("alert.unknown_name"),
        phone=show_phone(cipher.decrypt_optional(facts.phone_enc)) or cat.get("alert.unknown_phone"),
        place=_place(cat, facts),
        division=facts.division,
    )


def _place(cat: Catalog, facts: PersonFacts) -> str:
    """Where they live; said to be the roster's when only the phone they text from found it (not confirmed)."""
    place = place_name(facts.division)
    if not place:
        return cat.get("alert.unknown_place")
    return cat.get("alert.roster_phone").format(place=place) if facts.by_roster_phone else place


async def person_brief(session: AsyncSession, cipher: FieldCipher, person_id: int,
                       facts: PersonFacts | None = None) -> PersonBrief:
    """From the person's form, else their roster entry, else the phone they text from; with no phone known, that
    they write on WeChat when they do ("无手机号" read as unreachable; the chat reaches them: 发消息 C3 …)."""
    facts = facts if facts is not None else await person_facts(session, person_id)
    brief = brief_of(cipher, facts)
    if facts.phone_enc is None and await hot_path.fetch(session, _ON_WECHAT, person_id=person_id):
        brief = replace(brief, phone=catalog(ALERT_LOCALE).get("alert.wechat_only"))
    return brief


def alert_text(kind: str, **params: Any) -> str:
    """The alert, at most two SMS parts whatever it quotes: the quoted texts (SHORTENED) give way, the question
    first. One text serves every channel, so the caseworker reads the same words on WeCom, WeChat and SMS."""
    template = catalog(ALERT_LOCALE).get(f"alert.{kind}")
    text = template.format(**params)
    for name in SHORTENED:
        value = params.get(name)
        if parts(text) <= MAX_PARTS:
            break
        if not isinstance(value, str):
            continue
        over = length(text, UCS2) - MAX_PARTS * UCS2.per_part
        params = {**params, name: shorten(value, length(value, UCS2) - over - len(ELLIPSIS))}
        text = template.format(**params)
    return text


# A laborer's own words quoted in an alert (a question, a note, details told) are kept to this many units.
QUOTED_CHARS = 200


def quoted(said: object) -> str:
    """A laborer's words as an alert quotes them: on one line, any ID or phone number masked, at most QUOTED_CHARS
    (the alert goes to group chats and SMS); "-" for none."""
    text = redact(" ".join(str(said or "").split()))
    return shorten(_GROUPED_PHONE.sub(lambda m: m.group(1).replace(" ", "").replace("-", "") + "****" + m.group(2),
                                      text), QUOTED_CHARS) or "-"


def shorten(text: str, units: int) -> str:
    """The text in at most `units` UTF-16 units, an ellipsis included when cut; never cut inside a masked number
    (138****8000) or another run of digits and letters, which is dropped whole instead."""
    if length(text, UCS2) <= units:
        return text
    kept = text[:max(0, units - len(ELLIPSIS))]
    while kept and length(kept, UCS2) > units - len(ELLIPSIS):
        kept = kept[:-1]
    if _UNBROKEN_END.search(kept) and _UNBROKEN_START.match(text, len(kept)):
        kept = _UNBROKEN_END.sub("", kept)
    return kept.rstrip(" ,，、:：") + ELLIPSIS


def local_time(at: datetime) -> str:
    """A due time as caseworkers read it: 11月28日 10:00 (Asia/Shanghai)."""
    local = at.astimezone(LOCAL_TZ)
    return f"{local.month}月{local.day}日 {local:%H:%M}"


async def queue_alert(
    session: AsyncSession,
    cipher: FieldCipher,
    *,
    caseworker_id: int,
    kind: str,
    text: str,
    now: datetime,
    person_id: int | None = None,
    case_id: int | None = None,
    task_id: int | None = None,
    home_division: str | None = None,
    dedup_key: str | None = None,
) -> int | None:
    """Queue an alert for delivery after the commit; None when one with this `dedup_key` exists already.
    Due at once: `now` dates it, but a played time ahead of the clock (the simulator's `at`) must not hold it."""
    if kind not in KINDS:
        raise ValueError(f"unknown alert kind {kind!r}")
    due = min(now, session.info.get(CLOCK_NOW, now))
    values = {
        "caseworker_id": caseworker_id, "kind": kind, "person_id": person_id, "case_id": case_id,
        "task_id": task_id, "home_division": home_division, "body_enc": cipher.encrypt(text),
        "dedup_key": dedup_key, "status": "queued", "attempts": 0, "next_attempt_at": due, "created_at": now,
    }
    values |= {"channel": None, "route": None, "robot_hash": None, "digest_id": None, "claimed_until": None,
               "sent_at": None, "last_error": None}
    alert_id = await hot_path.insert_returning_id(session, ALERT, values, unless="dedup_key")
    session.info[WAKE_WORKERS] = True
    return alert_id


# The chat instructions alerts carry ([alert.chat] in the catalog), each with what the console says instead.
CHAT_HINTS = ("case", "task", "request", "checkin", "question", "reach_phone", "reach_chat", "reply")


def for_console(alert: Alert, text: str) -> str:
    """The alert's text for the console's inbox: the instructions for acting from the chat (回复 联系 C12, 电话 A4)
    are for a caseworker on their phone; in the console the case or task is named and the page has the actions."""
    cat = catalog(ALERT_LOCALE)
    ids = {"case": alert.case_id, "task": alert.task_id, "alert": alert.id}
    for hint in CHAT_HINTS:
        template = cat.get(f"alert.chat.{hint}")
        if any(ids.get(name) is None for name in template_fields(template)):
            continue
        said = template.format(**ids)
        if said in text:
            text = text.replace(said, cat.get(f"alert.console.{hint}").format(**ids))
    return text


async def alert_about(
    session: AsyncSession,
    cipher: FieldCipher,
    *,
    caseworker_id: int,
    kind: str,
    person_id: int,
    now: datetime,
    dedup_key: str | None = None,
    case_id: int | None = None,
    task_id: int | None = None,
    facts: PersonFacts | None = None,
    template: str | None = None,
    **params: Any,
) -> int | None:
    """Queue an alert about a laborer, its text filled with their masked name, phone and place (from `facts`
    when the caller has read them already); `template` words it other than its kind's (the same kind, said why)."""
    brief = await person_brief(session, cipher, person_id, facts)
    # A request to answer names itself (A12), so that the caseworker can act on it from the chat (电话 A12): its
    # id is known once the row is in, and its text is written again then, in the same transaction.
    template = template or kind
    names_itself = "alert" in template_fields(catalog(ALERT_LOCALE).get(f"alert.{template}"))
    text = alert_text(template, **brief.params(), **params, **({"alert": 0} if names_itself else {}))
    alert_id = await queue_alert(
        session, cipher, caseworker_id=caseworker_id, kind=kind, text=text, now=now, person_id=person_id,
        case_id=case_id, task_id=task_id, home_division=brief.division, dedup_key=dedup_key,
    )
    if alert_id is not None and names_itself:
        text = alert_text(template, **brief.params(), **params, alert=alert_id)
        await hot_path.update(session, _SET_BODY, [{"row_id": alert_id, "v_body": cipher.encrypt(text)}])
    return alert_id


_ALERTED = select(Alert.id).where(Alert.dedup_key == bindparam("key"))
_ON_WECHAT = select(ChannelAccount.id).where(ChannelAccount.person_id == bindparam("person_id"),
                                             ChannelAccount.channel == "wechat").limit(1)
# On SQLite's connection directly, as the insert before it (storage/hot_path.py).
_SET_BODY = update(ALERT).where(ALERT.c.id == bindparam("row_id")).values(body_enc=bindparam("v_body"))


async def already_alerted(session: AsyncSession, dedup_key: str) -> bool:
    """Whether an alert with this key exists: checked first, so that a repeat costs one look-up."""
    return bool(await hot_path.fetch(session, _ALERTED, key=dedup_key))


async def acknowledge_about(session: AsyncSession, *, caseworker_id: int, now: datetime, case_id: int | None = None,
                            task_id: int | None = None) -> None:
    """The caseworker acted on this case (its tasks with it) or task, from the chat or the console: their unread
    alerts about it are read. What those asked for is done; the inbox need not be cleared by hand after it."""
    about = []
    if case_id is not None:
        about += [Alert.case_id == case_id,
                  Alert.task_id.in_(select(CaseworkTask.id).where(CaseworkTask.case_id == case_id))]
    if task_id is not None:
        about.append(Alert.task_id == task_id)
    if about:
        await session.execute(update(Alert).where(
            Alert.caseworker_id == caseworker_id, Alert.acknowledged_at.is_(None), or_(*about),
        ).values(acknowledged_at=now, acknowledged_by=caseworker_id))


async def tell_owner(
    session: AsyncSession, cipher: FieldCipher, *, owner_id: int, actor_id: int, person_id: int, now: datetime,
    case_id: int | None = None, task: CaseworkTask | None = None, request_id: int | None = None,
    closed: str | None = None,
) -> int | None:
    """Someone else (a supervisor acting on a record below them, from the chat or the console) reached the person
    of the owner's case, did their task, answered a request to them, or closed their case (`closed`: the reason,
    `employed` or the words): the owner is told (kind `contacted_by_other`), so that two people do not call the
    same laborer, nor the owner someone whose case is over. Nothing when the owner acted."""
    if owner_id == actor_id:
        return None
    who = await session.scalar(select(Caseworker.name).where(Caseworker.id == actor_id)) or "-"
    if closed is not None:
        why = catalog(ALERT_LOCALE).get("alert.closed_employed") if closed == "employed" else quoted(closed)
        return await alert_about(
            session, cipher, caseworker_id=owner_id, kind="contacted_by_other", person_id=person_id, now=now,
            case_id=case_id, template="closed_by_other", who=who, case=case_id, note=why)
    if task is not None:
        return await alert_about(
            session, cipher, caseworker_id=owner_id, kind="contacted_by_other", person_id=person_id, now=now,
            task_id=task.id, case_id=task.case_id, template="visited_by_other", who=who, task=task.id,
            task_kind=catalog(ALERT_LOCALE).get(f"alert.task_kind.{task.kind}"))
    if request_id is not None:
        return await alert_about(
            session, cipher, caseworker_id=owner_id, kind="contacted_by_other", person_id=person_id, now=now,
            template="answered_by_other", who=who)
    return await alert_about(
        session, cipher, caseworker_id=owner_id, kind="contacted_by_other", person_id=person_id, now=now,
        case_id=case_id, who=who, case=case_id)
