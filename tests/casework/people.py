"""Laborers and caseworkers written straight to the database, for tests of the casework functions."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.casework.importer import ImportReport, import_caseworkers
from storage.crypto import FieldCipher
from storage.info_forms import upsert_info_form
from storage.models import Caseworker, CaseworkerAddress, CaseworkerDivision, Person
from tests.casework.files import write_csv

HEADER = ["姓名", "手机号", "负责区划", "角色", "上级手机号", "微信openid", "企业微信机器人", "兜底"]


async def laborer(
    session: AsyncSession, cipher: FieldCipher, now: datetime, *, name: str = "王小红",
    phone: str | None = "+8613800138000", division: str | None = "520526100", id_number: str | None = None,
    status: str = "employed",
) -> int:
    """A person with a submitted form (the survey's record)."""
    person = Person(locale="zh_CN", created_at=now)
    session.add(person)
    await session.flush()
    record: dict[str, Any] = {"name": name, "phone": phone, "home_division": division, "employment_status": status}
    if id_number:
        record["id_number"] = id_number
    await upsert_info_form(session, cipher, person_id=person.id, record=record, source="wechat", consent_at=now,
                           consent_version="2026-11", now=now)
    return person.id


async def import_rows(
    sessions: async_sessionmaker[AsyncSession], cipher: FieldCipher, tmp_path: Path, rows: list[list[str]],
    now: datetime, name: str = "caseworkers.csv",
) -> ImportReport:
    path = write_csv(tmp_path / name, [HEADER, *rows])
    return await import_caseworkers(sessions, cipher, path, now=now)


async def caseworker(
    session: AsyncSession, cipher: FieldCipher, *, name: str = "李书记", phone: str = "+8613900000002",
    divisions: tuple[str, ...] = ("520526",), role: str = "caseworker", supervisor_id: int | None = None,
    webhook: str | None = None, openid: str | None = None,
) -> int:
    """A caseworker row as the import writes it (encrypted contacts, divisions, addresses)."""
    row = Caseworker(
        name=name, phone_enc=cipher.encrypt(phone), phone_hash=cipher.blind_index("phone", phone), role=role,
        supervisor_id=supervisor_id, wechat_openid_enc=cipher.encrypt_optional(openid),
        wecom_webhook_enc=cipher.encrypt_optional(webhook),
        wecom_robot_hash=cipher.blind_index("wecom", webhook) if webhook else None,
    )
    session.add(row)
    await session.flush()
    session.add_all(CaseworkerDivision(caseworker_id=row.id, division=code) for code in divisions)
    session.add(CaseworkerAddress(caseworker_id=row.id, channel="sms", address_hash=cipher.blind_index("sms", phone)))
    if openid:
        session.add(CaseworkerAddress(caseworker_id=row.id, channel="wechat",
                                      address_hash=cipher.blind_index("wechat", openid)))
    await session.flush()
    return row.id
