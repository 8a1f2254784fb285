"""`jiuye export form`: the employment information forms, one row per laborer, as XLSX, CSV or JSON.

XLSX and CSV carry Chinese headers in the form's order (a division also gets its name beside its code);
JSON uses the field keys of PRODUCT.md (divisions as codes, amounts as numbers, months as YYYY-MM). ID and
phone numbers are masked unless unmasked output is asked for, and every unmasked export is audited. The file
itself is written by bot/export_file.py, as every export is.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot import export_file
from bot.export_file import effective_user, iso_local, local_time, show_id, show_phone
from bot.export_file import inert as _inert
from dialogs import nlu
from dialogs.flows.survey.fields import FIELD_KEYS, PHONE_FIELDS, PLACE_FIELDS, SURVEY_FORM, show_household
from dialogs.i18n import catalog
from storage import info_forms
from storage.crypto import FieldCipher
from storage.models import AuditLog, InfoForm, Person

log = logging.getLogger(__name__)

FORMATS = export_file.FORMATS
_BOOKKEEPING_HEADERS = ("审核状态", "来源", "同意时间", "隐私说明版本", "审核人", "审核时间", "更新时间")
_STATUS_LABELS = {"draft": "草稿", "pending_review": "待审核", "reviewed": "已审核"}
_SOURCE_LABELS = {"wechat": "微信", "sms": "短信", "caseworker": "工作人员", "roster": "花名册"}


@dataclass(frozen=True, slots=True)
class ExportedForm:
    record: dict[str, Any]  # field key -> value, decrypted
    form: InfoForm


async def load_forms(
    sessions: async_sessionmaker[AsyncSession], cipher: FieldCipher, division: str | None = None,
) -> list[ExportedForm]:
    async with sessions() as session:
        # Forms the chat simulator filled in are nobody's: never exported with real people's.
        stmt = (select(InfoForm).join(Person, Person.id == InfoForm.person_id)
                .where(Person.simulated.is_(False)).order_by(InfoForm.id))
        if division:
            stmt = stmt.where(InfoForm.home_division.startswith(division, autoescape=True))
        return [ExportedForm(info_forms.form_record(f, cipher), f) for f in await session.scalars(stmt)]


def _masked(key: str, value: Any, unmasked: bool) -> Any:
    """JSON keeps full numbers as stored (E.164) when unmasked; masked, every format shows the same mask."""
    if value is None or unmasked:
        return value
    if key == "id_number":
        return show_id(str(value), False)
    if key in PHONE_FIELDS:
        return show_phone(str(value), False)
    return value


def json_rows(forms: Sequence[ExportedForm], unmasked: bool) -> list[dict[str, Any]]:
    rows = []
    for item in forms:
        row = {key: _masked(key, item.record.get(key), unmasked) for key in FIELD_KEYS}
        row |= {
            "consent": {"at": iso_local(item.form.consent_at), "version": item.form.consent_version},
            "source": item.form.source,
            "status": item.form.status,
            "reviewed_by": item.form.reviewed_by,
            "reviewed_at": iso_local(item.form.reviewed_at),
            "updated_at": iso_local(item.form.updated_at),
        }
        rows.append(row)
    return rows


def table_headers() -> list[str]:
    cat = catalog("zh_CN")
    headers: list[str] = []
    for f in SURVEY_FORM.fields:
        label = cat.get(f.label)
        headers += [f"{label}代码", f"{label}名称"] if f.key in PLACE_FIELDS else [label]
    return headers + list(_BOOKKEEPING_HEADERS)


def _cell(key: str, value: Any) -> list[Any]:
    f = SURVEY_FORM.field(key)
    cat = catalog("zh_CN")
    if key in PLACE_FIELDS:
        if value is None:
            return ["", ""]
        path = nlu.place_path(str(value))
        return [value, "".join(p.name for p in path)]
    if value is None:
        return [""]
    if f.shown_with is show_household and (reading := show_household(value, {}, "zh_CN")) is not None:
        return [cat.get(reading[0])]  # a registered household, its number not known: in words, not the code
    if isinstance(value, bool):
        return ["是" if value else "否"]
    if f.choices:
        labels = {c.value: cat.get(c.label) for c in f.choices}
        values = value if isinstance(value, list) else [value]
        return ["、".join(labels.get(v, str(v)) for v in values)]
    return [value]


def table_rows(forms: Sequence[ExportedForm], unmasked: bool) -> list[list[Any]]:
    rows = []
    for item in forms:
        row: list[Any] = []
        for key in FIELD_KEYS:
            value = item.record.get(key)
            if key in PHONE_FIELDS and isinstance(value, str):
                value = show_phone(value, unmasked)  # the 11 digits people recognise
            elif key == "id_number" and isinstance(value, str):
                value = show_id(value, unmasked)
            row += _cell(key, value)
        form = item.form
        row += [
            _STATUS_LABELS.get(form.status, form.status), _SOURCE_LABELS.get(form.source, form.source),
            local_time(form.consent_at), form.consent_version or "", form.reviewed_by or "",
            local_time(form.reviewed_at), local_time(form.updated_at),
        ]
        rows.append(row)
    return rows


def write(path: Path, fmt: str, forms: Sequence[ExportedForm], unmasked: bool) -> None:
    table = export_file.Table("就业信息表", table_headers(), table_rows(forms, unmasked), json_rows(forms, unmasked))
    export_file.write(path, fmt, table)


def write_table(
    path: Path, fmt: str, *, sheet: str, headers: Sequence[str], rows: Sequence[Sequence[Any]],
    records: Callable[[], list[dict[str, Any]]],
) -> None:
    """Another export's table written as every export is (bot/export_file.py): XLSX and CSV get `headers` and
    `rows`, JSON gets `records`."""
    export_file.write(path, fmt, export_file.Table(sheet, list(headers), [list(row) for row in rows], records()))


async def audit_unmasked(
    sessions: async_sessionmaker[AsyncSession], *, action: str, detail: dict[str, Any], now: datetime,
    actor: str | None = None,
) -> None:
    """Record who exported unmasked personal data (before the file exists: a failed export is over-reported,
    never missed)."""
    async with sessions() as session, session.begin():
        session.add(AuditLog(actor=(actor or effective_user())[:64], action=action,
                             detail=json.dumps(detail, ensure_ascii=False), created_at=now))


async def export_forms(
    sessions: async_sessionmaker[AsyncSession], cipher: FieldCipher, *, fmt: str, out: Path,
    division: str | None, unmasked: bool, now: datetime, actor: str | None = None,
) -> int:
    """Export and, for unmasked output, record who exported what; returns the number of rows."""
    forms = await load_forms(sessions, cipher, division)
    if unmasked:
        await export_file.audit_unmasked(sessions, what="form", fmt=fmt, division=division, rows=len(forms),
                                         out=out, now=now, actor=actor)
    await asyncio.to_thread(write, out, fmt, forms, unmasked)
    log.info("exported %d form(s) as %s (%s)", len(forms), fmt, "unmasked" if unmasked else "masked")
    return len(forms)


__all__ = ["FORMATS", "ExportedForm", "_inert", "audit_unmasked", "effective_user", "export_forms", "json_rows",
           "load_forms", "table_rows", "write", "write_table"]
