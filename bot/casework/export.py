"""`jiuye export cases|registrations|tasks|alerts`: casework records as XLSX, CSV or JSON, like the form export
(bot/export_file.py): ID and phone numbers masked unless `--unmasked` (audited), `--division` a code prefix of
the laborer's home division, times in Asia/Shanghai. JSON keys are stable (the integration API will use them);
XLSX and CSV have Chinese headers and labels, a division as code and name.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Select, or_, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot import export_file
from bot.casework import rights_details
from bot.casework.rights_details import Told
from bot.export_file import iso_local, local_time, show_id, show_phone
from bot.logs import redact
from dialogs.i18n import catalog
from dialogs.place_names import place_name
from storage.crypto import FieldCipher
from storage.models import (
    Alert,
    AssistanceCase,
    Caseworker,
    CaseworkTask,
    InfoForm,
    Person,
    RosterEntry,
    UnemploymentRegistration,
)

log = logging.getLogger(__name__)

EXPORTS = ("cases", "registrations", "tasks", "alerts")
PHONE_KEYS = frozenset({"caseworker_phone", "recipient_phone", "escalated_to"})
# (JSON key, how the sheet shows it): "text" as is, "time", "date", "division" (code and name), "label:<catalog
# prefix>" a value's label, "labels:<prefix>" a list of them, "yes_no", "told" what the person wrote (numbers in it
# masked like the columns: a list of {at, text} in JSON, the texts in one cell).
Column = tuple[str, str]
COLUMNS: dict[str, tuple[Column, ...]] = {
    "cases": (
        ("case_id", "text"), ("kind", "label:export.kind"), ("issues", "labels:alert.issue"),
        ("name", "text"), ("id_number", "text"), ("phone", "text"), ("home_division", "division"),
        ("caseworker_name", "text"), ("caseworker_phone", "text"), ("status", "label:export.case_status"),
        ("opened_at", "time"), ("first_contact_due", "time"), ("first_contact_at", "time"), ("closed_at", "time"),
        ("close_reason", "text"), ("days_to_job", "text"), ("registration_id", "text"), ("rights_details", "told"),
    ),
    "registrations": (
        ("registration_id", "text"), ("name", "text"), ("id_number", "text"), ("phone", "text"),
        ("home_division", "division"), ("last_work_day", "date"),
        ("job_loss_reason", "label:alert.job_loss_reason"), ("insured", "label:registration.insured"),
        ("insured_years", "text"), ("wants_services", "labels:survey.service_needs"),
        ("benefit_likely", "yes_no"), ("benefit_months", "text"), ("status", "label:export.registration_status"),
        ("submitted_at", "time"), ("decided_at", "time"), ("decision_note", "text"), ("caseworker_name", "text"),
        ("caseworker_phone", "text"),
    ),
    "tasks": (
        ("task_id", "text"), ("kind", "label:alert.task_kind"), ("name", "text"), ("id_number", "text"),
        ("phone", "text"), ("home_division", "division"), ("caseworker_name", "text"), ("caseworker_phone", "text"),
        ("reason", "label:alert.reason"), ("due_at", "time"), ("status", "label:export.task_status"),
        ("done_at", "time"), ("escalated_to", "text"), ("escalated_at", "time"), ("case_id", "text"),
    ),
    "alerts": (
        ("alert_id", "text"), ("kind", "label:export.alert_kind"), ("recipient_name", "text"),
        ("recipient_phone", "text"), ("home_division", "division"), ("channel", "label:export.channel"),
        ("route", "text"), ("status", "label:export.alert_status"), ("created_at", "time"), ("sent_at", "time"),
        ("last_error", "text"), ("case_id", "text"), ("task_id", "text"),
    ),
}
TITLES = {"cases": "帮扶案件", "registrations": "失业登记", "tasks": "走访任务", "alerts": "提醒记录"}


@dataclass(frozen=True, slots=True)
class Laborer:
    name: str | None
    id_number: str | None
    phone: str | None


class _Lookups:
    """People and caseworkers of the exported rows, decrypted once each."""

    def __init__(self, session: AsyncSession, cipher: FieldCipher) -> None:
        self.session = session
        self.cipher = cipher
        self.people: dict[int, Laborer] = {}
        self.caseworkers: dict[int, tuple[str, str | None]] = {}

    async def load(self, person_ids: set[int], caseworker_ids: set[int]) -> None:
        decrypt = self.cipher.decrypt_optional
        ids = sorted(person_ids)
        for chunk in (ids[i:i + 500] for i in range(0, len(ids), 500)):
            for form in await self.session.scalars(select(InfoForm).where(InfoForm.person_id.in_(chunk))):
                self.people[form.person_id] = Laborer(form.name, decrypt(form.id_number_enc),
                                                      decrypt(form.phone_enc))
            missing = [p for p in chunk if p not in self.people]
            if missing:
                rows = await self.session.scalars(select(RosterEntry).where(RosterEntry.person_id.in_(missing)))
                for entry in rows:
                    assert entry.person_id is not None
                    self.people.setdefault(entry.person_id, Laborer(entry.name, decrypt(entry.id_number_enc),
                                                                    decrypt(entry.phone_enc)))
        if caseworker_ids:
            for row in await self.session.scalars(select(Caseworker).where(Caseworker.id.in_(caseworker_ids))):
                self.caseworkers[row.id] = (row.name, decrypt(row.phone_enc))

    def person(self, person_id: int | None) -> Laborer:
        return self.people.get(person_id or -1, Laborer(None, None, None))

    def caseworker(self, caseworker_id: int | None) -> tuple[str | None, str | None]:
        return self.caseworkers.get(caseworker_id or -1, (None, None))


def _in_division(query: Select[Any], column: Any, division: str | None) -> Select[Any]:
    return query.where(column.startswith(division, autoescape=True)) if division else query


def _real(query: Select[Any], person: Any) -> Select[Any]:
    """Records of simulator users are nobody's: never exported with real people's."""
    return query.outerjoin(Person, Person.id == person).where(or_(person.is_(None), Person.simulated.is_(False)))


async def load_records(
    session: AsyncSession, cipher: FieldCipher, what: str, division: str | None
) -> list[dict[str, Any]]:
    """The records with decrypted numbers (masking is the writer's), in id order."""
    lookups = _Lookups(session, cipher)
    builders: dict[str, Callable[..., Any]] = {
        "cases": _cases, "registrations": _registrations, "tasks": _tasks, "alerts": _alerts,
    }
    if what not in builders:
        raise ValueError(f"unknown export {what!r}")
    result: list[dict[str, Any]] = await builders[what](session, lookups, division)
    return result


async def _cases(session: AsyncSession, lookups: _Lookups, division: str | None) -> list[dict[str, Any]]:
    query = _real(select(AssistanceCase), AssistanceCase.person_id)
    rows = list(await session.scalars(_in_division(query, AssistanceCase.home_division, division)
                                      .order_by(AssistanceCase.id)))
    await lookups.load({r.person_id for r in rows}, {r.caseworker_id for r in rows})
    records = []
    for r in rows:
        person = lookups.person(r.person_id)
        name, phone = lookups.caseworker(r.caseworker_id)
        records.append({
            "case_id": r.id, "kind": r.kind, "issue": r.issue, "issues": r.issue_list, "name": person.name,
            "id_number": person.id_number,
            "phone": person.phone, "home_division": r.home_division, "caseworker_name": name,
            "caseworker_phone": phone, "status": r.status, "opened_at": r.opened_at,
            "first_contact_due": r.first_contact_due, "first_contact_at": r.first_contact_at,
            "closed_at": r.closed_at, "close_reason": r.close_reason, "days_to_job": r.days_to_job,
            "registration_id": r.registration_id, "package": dict(r.package or {}),
            "rights_details": rights_details.told(lookups.cipher, r),
        })
    return records


async def _registrations(session: AsyncSession, lookups: _Lookups, division: str | None) -> list[dict[str, Any]]:
    table = UnemploymentRegistration
    query = _real(select(table), table.person_id)
    rows = list(await session.scalars(_in_division(query, table.home_division, division).order_by(table.id)))
    await lookups.load({r.person_id for r in rows}, {r.caseworker_id for r in rows})
    records = []
    for r in rows:
        person = lookups.person(r.person_id)
        if r.kept_name is not None or r.kept_id_number_enc is not None:
            # The person's data was erased (bot/erasure.py): the name and ID number kept as the office's record.
            person = Laborer(r.kept_name, lookups.cipher.decrypt_optional(r.kept_id_number_enc), None)
        name, phone = lookups.caseworker(r.caseworker_id)
        records.append({
            "registration_id": r.id, "name": person.name, "id_number": person.id_number, "phone": person.phone,
            "home_division": r.home_division, "last_work_day": r.last_work_day, "job_loss_reason": r.job_loss_reason,
            "insured": r.insured, "insured_years": r.insured_years, "wants_services": list(r.wants_services or []),
            "benefit_likely": r.benefit_likely, "benefit_months": r.benefit_months, "status": r.status,
            "submitted_at": r.submitted_at, "decided_at": r.decided_at, "decision_note": r.decision_note,
            "caseworker_name": name, "caseworker_phone": phone,
        })
    return records


async def _tasks(session: AsyncSession, lookups: _Lookups, division: str | None) -> list[dict[str, Any]]:
    query = _real(select(CaseworkTask), CaseworkTask.person_id)
    rows = list(await session.scalars(_in_division(query, CaseworkTask.home_division, division)
                                      .order_by(CaseworkTask.id)))
    await lookups.load({r.person_id for r in rows},
                       {r.caseworker_id for r in rows} | {r.escalated_to for r in rows if r.escalated_to})
    records = []
    for r in rows:
        person = lookups.person(r.person_id)
        name, phone = lookups.caseworker(r.caseworker_id)
        records.append({
            "task_id": r.id, "kind": r.kind, "name": person.name, "id_number": person.id_number,
            "phone": person.phone, "home_division": r.home_division, "caseworker_name": name,
            "caseworker_phone": phone, "reason": r.reason, "due_at": r.due_at, "status": r.status,
            "done_at": r.done_at, "escalated_to": lookups.caseworker(r.escalated_to)[1] if r.escalated_to else None,
            "escalated_at": r.escalated_at, "case_id": r.case_id,
        })
    return records


async def _alerts(session: AsyncSession, lookups: _Lookups, division: str | None) -> list[dict[str, Any]]:
    query = _real(select(Alert), Alert.person_id)
    rows = list(await session.scalars(_in_division(query, Alert.home_division, division).order_by(Alert.id)))
    await lookups.load(set(), {r.caseworker_id for r in rows})
    records = []
    for r in rows:
        name, phone = lookups.caseworker(r.caseworker_id)
        records.append({
            "alert_id": r.id, "kind": r.kind, "recipient_name": name, "recipient_phone": phone,
            "home_division": r.home_division, "channel": r.channel, "route": r.route, "status": r.status,
            "created_at": r.created_at, "sent_at": r.sent_at, "last_error": r.last_error, "case_id": r.case_id,
            "task_id": r.task_id,
        })
    return records


# -- rendering --------------------------------------------------------------------------------------------

def _told(value: Any, unmasked: bool) -> list[Told]:
    return [told if unmasked else Told(told.at, redact(told.text)) for told in value or []]


def _json_value(key: str, value: Any, unmasked: bool) -> Any:
    if key == "rights_details":
        return [{"at": iso_local(told.at), "text": told.text} for told in _told(value, unmasked)]
    if key == "id_number":
        return value if unmasked else show_id(value, False)
    if key == "phone" or key in PHONE_KEYS:
        return value if unmasked or value is None else show_phone(value, False)
    if isinstance(value, datetime):
        return iso_local(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def json_records(what: str, records: Sequence[dict[str, Any]], unmasked: bool) -> list[dict[str, Any]]:
    return [{key: _json_value(key, value, unmasked) for key, value in record.items()} for record in records]


def headers(what: str) -> list[str]:
    cat = catalog("zh_CN")
    found: list[str] = []
    for key, shown in COLUMNS[what]:
        label = cat.get(f"export.header.{key}")
        found += [f"{label}代码", f"{label}名称"] if shown == "division" else [label]
    return found


def _label(prefix: str, value: Any) -> str:
    if value is None or value == "":
        return ""
    cat = catalog("zh_CN")
    key = f"{prefix}.{value}"
    return cat.get(key) if key in cat else str(value)


def _cells(key: str, shown: str, value: Any, unmasked: bool) -> list[Any]:
    if key == "id_number":
        return [show_id(value, unmasked)]
    if key == "phone" or key in PHONE_KEYS:
        return [show_phone(value, unmasked)]
    if shown == "division":
        if not value:
            return ["", ""]
        return [value, place_name(str(value))]
    if shown == "time":
        return [local_time(value)]
    if shown == "yes_no":
        return [export_file.yes_no(value)]
    if shown == "told":
        return ["；".join(told.text for told in _told(value, unmasked))]
    if shown.startswith("labels:"):
        return [export_file.joined([_label(shown[7:], v) for v in value or []])]
    if shown.startswith("label:"):
        return [_label(shown[6:], value)]
    return [value]


def table_rows(what: str, records: Sequence[dict[str, Any]], unmasked: bool) -> list[list[Any]]:
    rows = []
    for record in records:
        row: list[Any] = []
        for key, shown in COLUMNS[what]:
            row += _cells(key, shown, record.get(key), unmasked)
        rows.append(row)
    return rows


async def export_casework(
    sessions: async_sessionmaker[AsyncSession], cipher: FieldCipher, *, what: str, fmt: str, out: Path,
    division: str | None, unmasked: bool, now: datetime, actor: str | None = None,
) -> int:
    """Export one kind of casework record; unmasked output is audited first. Returns the number of rows."""
    async with sessions() as session:
        records = await load_records(session, cipher, what, division)
    if unmasked:
        await export_file.audit_unmasked(sessions, what=what, fmt=fmt, division=division, rows=len(records),
                                         out=out, now=now, actor=actor)
    table = export_file.Table(TITLES[what], headers(what), table_rows(what, records, unmasked),
                              json_records(what, records, unmasked))
    await asyncio.to_thread(export_file.write, out, fmt, table)
    log.info("exported %d %s as %s (%s)", len(records), what, fmt, "unmasked" if unmasked else "masked")
    return len(records)
