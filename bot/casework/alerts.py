"""Alert records: what a caseworker is told about a laborer, written in the caller's transaction and delivered
after the commit by the alert worker (bot/casework/worker.py).

An alert never carries an ID number; the laborer's name and phone are masked (王*红, 138****8000), because
alerts go to group chats and SMS. The text is rendered when the alert is queued (zh_CN: caseworkers' language)
and stored encrypted. `dedup_key` makes queuing idempotent (a second call with the same key adds nothing).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from dialogs import nlu
from dialogs.i18n import catalog
from storage.crypto import FieldCipher, mask_phone
from storage.db import WAKE_WORKERS
from storage.models import Alert, ChannelAccount, InfoForm, RosterEntry

ALERT_LOCALE = "zh_CN"
# Caseworkers read times in the programme's time zone.
LOCAL_TZ = ZoneInfo("Asia/Shanghai")
KINDS = frozenset({
    "new_case", "rights_case", "visit_task", "task_overdue", "escalation", "human_requested",
    "question_referred", "case_reassigned", "application_made",
})


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


def place_name(division: str | None) -> str | None:
    """County and township (the two lowest levels): enough for a caseworker, short enough for an SMS."""
    if not division:
        return None
    path = nlu.place_path(division)
    return "".join(p.name for p in path[-2:]) if path else division


@dataclass(frozen=True, slots=True)
class PersonBrief:
    """What an alert may say about a laborer: masked name and phone, the place (never the ID number)."""

    name: str
    phone: str
    place: str
    division: str | None

    def params(self) -> dict[str, str]:
        return {"name": self.name, "phone": self.phone, "place": self.place}


async def person_brief(session: AsyncSession, cipher: FieldCipher, person_id: int) -> PersonBrief:
    """From the person's form, else their roster entry, else the phone they text from."""
    name = phone = division = None
    form = (await session.execute(
        select(InfoForm.name, InfoForm.phone_enc, InfoForm.home_division).where(InfoForm.person_id == person_id)
    )).first()
    if form is not None:
        name, phone, division = form[0], cipher.decrypt_optional(form[1]), form[2]
    if not (name and phone and division):
        entry = (await session.execute(
            select(RosterEntry.name, RosterEntry.phone_enc, RosterEntry.home_division)
            .where(RosterEntry.person_id == person_id).order_by(RosterEntry.id).limit(1)
        )).first()
        if entry is not None:
            name = name or entry[0]
            phone = phone or cipher.decrypt_optional(entry[1])
            division = division or entry[2]
    if not phone:
        sms = await session.scalar(
            select(ChannelAccount.address_enc)
            .where(ChannelAccount.person_id == person_id, ChannelAccount.channel == "sms").limit(1)
        )
        phone = cipher.decrypt(sms) if sms else None
    cat = catalog(ALERT_LOCALE)
    return PersonBrief(
        name=mask_name(name) if name else cat.get("alert.unknown_name"),
        phone=show_phone(phone) or cat.get("alert.unknown_phone"),
        place=place_name(division) or cat.get("alert.unknown_place"),
        division=division,
    )


def alert_text(kind: str, **params: Any) -> str:
    return catalog(ALERT_LOCALE).get(f"alert.{kind}").format(**params)


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
    """Queue an alert for delivery after the commit; None when one with this `dedup_key` exists already."""
    if kind not in KINDS:
        raise ValueError(f"unknown alert kind {kind!r}")
    values = {
        "caseworker_id": caseworker_id, "kind": kind, "person_id": person_id, "case_id": case_id,
        "task_id": task_id, "home_division": home_division, "body_enc": cipher.encrypt(text),
        "dedup_key": dedup_key, "status": "queued", "attempts": 0, "next_attempt_at": now, "created_at": now,
    }
    dialect = session.bind.dialect.name
    insert = pg_insert if dialect == "postgresql" else sqlite_insert
    statement = insert(Alert).values(values).on_conflict_do_nothing(index_elements=["dedup_key"])
    result = await session.execute(statement.returning(Alert.id))
    session.info[WAKE_WORKERS] = True
    return result.scalar_one_or_none()


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
    **params: Any,
) -> int | None:
    """Queue an alert about a laborer, its text filled with their masked name, phone and place."""
    brief = await person_brief(session, cipher, person_id)
    text = alert_text(kind, **brief.params(), **params)
    return await queue_alert(
        session, cipher, caseworker_id=caseworker_id, kind=kind, text=text, now=now, person_id=person_id,
        case_id=case_id, task_id=task_id, home_division=brief.division, dedup_key=dedup_key,
    )
