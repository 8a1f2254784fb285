"""`jiuye export applications`: who applied for which vacancy or training, as XLSX, CSV or JSON.

One row per application. JSON keys: `id_number`, `name`, `home_division`, `external_id`, `item` (vacancy or
training), `kind`, `title`, `organisation` (employer or provider), `applied_at`, `channel`, `status`,
`outcome`, `outcome_at`. XLSX and CSV have Chinese headers and labels. ID numbers are masked unless
unmasked output is asked for, which is audited (bot/export.py does the writing and the audit).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.export import _inert, audit_unmasked, write_table
from dialogs.i18n import catalog
from dialogs.place_names import place_name
from storage.crypto import FieldCipher, mask_id_number
from storage.models import InfoForm, JobApplication, Training, Vacancy

log = logging.getLogger(__name__)

HEADERS = ("身份证号", "姓名", "户籍地代码", "户籍地名称", "编号", "类别", "类型", "名称", "单位/机构", "报名时间",
           "渠道", "状态", "结果", "结果时间")
_ITEMS = {"vacancy": "岗位", "training": "培训"}
_STATUS = {"applied": "已报名", "withdrawn": "已撤回", "closed": "已结束"}
_OUTCOMES = {"interview": "面试", "hired": "已录用", "not_hired": "未录用", "no_answer": "未回复"}
_CHANNELS = {"wechat": "微信", "sms": "短信", "console": "工作人员"}


async def load_applications(
    sessions: async_sessionmaker[AsyncSession], cipher: FieldCipher, division: str | None
) -> list[dict[str, Any]]:
    """Every application as a record (ID number decrypted), oldest first; `division` filters by the
    applicant's home division (a code prefix)."""
    stmt = (
        select(JobApplication, InfoForm, Vacancy, Training)
        .outerjoin(InfoForm, InfoForm.person_id == JobApplication.person_id)
        .outerjoin(Vacancy, Vacancy.id == JobApplication.vacancy_id)
        .outerjoin(Training, Training.id == JobApplication.training_id)
        .order_by(JobApplication.applied_at, JobApplication.id)
    )
    if division:
        stmt = stmt.where(InfoForm.home_division.startswith(division, autoescape=True))
    records = []
    async with sessions() as session:
        for application, form, vacancy, training in await session.execute(stmt):
            item: Vacancy | Training = vacancy if vacancy is not None else training
            records.append({
                "id_number": cipher.decrypt_optional(form.id_number_enc) if form is not None else None,
                "name": form.name if form is not None else None,
                "home_division": form.home_division if form is not None else None,
                "external_id": item.external_id,
                "item": "vacancy" if vacancy is not None else "training",
                "kind": item.kind,
                "title": item.title,
                "organisation": vacancy.employer if vacancy is not None else training.provider,
                "applied_at": application.applied_at.isoformat(),
                "channel": application.channel,
                "status": application.status,
                "outcome": application.outcome,
                "outcome_at": application.outcome_at.isoformat() if application.outcome_at else None,
            })
    return records


def _shown(record: dict[str, Any], unmasked: bool) -> dict[str, Any]:
    id_number = record["id_number"]
    return record | {"id_number": id_number if unmasked or id_number is None else mask_id_number(id_number)}


def table_rows(records: Sequence[dict[str, Any]], unmasked: bool) -> list[list[Any]]:
    kinds = catalog("zh_CN")
    rows = []
    for record in (_shown(r, unmasked) for r in records):
        division = record["home_division"]
        row = [
            record["id_number"] or "", record["name"] or "", division or "", place_name(division) if division else "",
            record["external_id"], _ITEMS[record["item"]], kinds.get("jobs.kind." + record["kind"]), record["title"],
            record["organisation"], record["applied_at"], _CHANNELS.get(record["channel"], record["channel"]),
            _STATUS.get(record["status"], record["status"]),
            _OUTCOMES.get(record["outcome"], record["outcome"] or ""), record["outcome_at"] or "",
        ]
        rows.append([_inert(cell) for cell in row])
    return rows


async def export_applications(
    sessions: async_sessionmaker[AsyncSession], cipher: FieldCipher, *, fmt: str, out: Path,
    division: str | None, unmasked: bool, now: datetime, actor: str | None = None,
) -> int:
    """Export and, for unmasked output, record who exported what; returns the number of rows."""
    records = await load_applications(sessions, cipher, division)
    if unmasked:
        detail = {"what": "applications", "format": fmt, "division": division, "rows": len(records),
                  "path": str(out)}
        await audit_unmasked(sessions, action="export_unmasked", detail=detail, now=now, actor=actor)
    await asyncio.to_thread(
        write_table, out, fmt, sheet="报名记录", headers=HEADERS, rows=table_rows(records, unmasked),
        records=lambda: [_shown(r, unmasked) for r in records],
    )
    log.info("exported %d application(s) as %s (%s)", len(records), fmt, "unmasked" if unmasked else "masked")
    return len(records)
