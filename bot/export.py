"""`jiuye export form`: the employment information forms, one row per laborer, as XLSX, CSV or JSON.

XLSX and CSV carry Chinese headers in the form's order (a division also gets its name beside its code);
JSON uses the field keys of PRODUCT.md (divisions as codes, amounts as numbers, months as YYYY-MM). ID and
phone numbers are masked unless unmasked output is asked for, and every unmasked export is audited.
"""

from __future__ import annotations

import asyncio
import contextlib
import csv
import json
import logging
import os
import pwd
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from dialogs import nlu
from dialogs.flows.survey.fields import FIELD_KEYS, PHONE_FIELDS, PLACE_FIELDS, SURVEY_FORM
from dialogs.i18n import catalog
from storage import info_forms
from storage.crypto import FieldCipher, mask_id_number, mask_phone
from storage.models import AuditLog, InfoForm, Person

log = logging.getLogger(__name__)

FORMATS = ("xlsx", "csv", "json")
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
    if value is None or unmasked:
        return value
    if key == "id_number":
        return mask_id_number(str(value))
    if key in PHONE_FIELDS:
        return mask_phone(str(value))
    return value


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def json_rows(forms: Sequence[ExportedForm], unmasked: bool) -> list[dict[str, Any]]:
    rows = []
    for item in forms:
        row = {key: _masked(key, item.record.get(key), unmasked) for key in FIELD_KEYS}
        row |= {
            "consent": {"at": _iso(item.form.consent_at), "version": item.form.consent_version},
            "source": item.form.source,
            "status": item.form.status,
            "reviewed_by": item.form.reviewed_by,
            "reviewed_at": _iso(item.form.reviewed_at),
            "updated_at": _iso(item.form.updated_at),
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
            if key in PHONE_FIELDS and isinstance(value, str) and value.startswith("+86"):
                value = value[3:]  # the 11 digits people recognise
            row += _cell(key, _masked(key, value, unmasked))
        form = item.form
        row += [
            _STATUS_LABELS.get(form.status, form.status), _SOURCE_LABELS.get(form.source, form.source),
            _iso(form.consent_at) or "", form.consent_version or "", form.reviewed_by or "",
            _iso(form.reviewed_at) or "", _iso(form.updated_at) or "",
        ]
        rows.append([_inert(cell) for cell in row])
    return rows


def _inert(cell: object) -> object:
    """Text a laborer typed must not run as a spreadsheet formula when a caseworker opens the file."""
    if isinstance(cell, str) and cell and (
        cell[0] in "=@\t\r" or (cell[0] in "+-" and not cell[1:2].isdigit())
    ):
        return "'" + cell
    return cell


def effective_user() -> str:
    """Who runs this process as the system sees it (LOGNAME and USER are whatever the caller set)."""
    try:
        return pwd.getpwuid(os.geteuid()).pw_name
    except KeyError:
        return f"uid {os.geteuid()}"


def write(path: Path, fmt: str, forms: Sequence[ExportedForm], unmasked: bool) -> None:
    write_table(path, fmt, sheet="就业信息表", headers=table_headers(), rows=table_rows(forms, unmasked),
                records=lambda: json_rows(forms, unmasked))


def write_table(
    path: Path, fmt: str, *, sheet: str, headers: Sequence[str], rows: Sequence[Sequence[Any]],
    records: Callable[[], list[dict[str, Any]]],
) -> None:
    """Write to a temporary file beside the target, then rename: no half-written exports. The file is created
    owner-only (0600): masked or not, it is personal data of everyone in it. XLSX and CSV get `headers` and
    `rows` (cells already made inert); JSON gets `records`."""
    tmp = path.with_name(path.name + ".part")
    with contextlib.suppress(FileNotFoundError):
        tmp.unlink()  # left by an export that died: created afresh below, with our permissions
    os.close(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    if fmt == "json":
        tmp.write_text(json.dumps(records(), ensure_ascii=False, indent=1), encoding="utf-8")
    elif fmt == "csv":
        # UTF-8 with BOM: Excel on Chinese Windows opens it without garbling.
        with tmp.open("w", encoding="utf-8-sig", newline="") as out:
            writer = csv.writer(out)
            writer.writerow(headers)
            writer.writerows(rows)
    elif fmt == "xlsx":
        import openpyxl

        book = openpyxl.Workbook(write_only=True)
        sheet_ = book.create_sheet(sheet)
        sheet_.append(list(headers))
        for row in rows:
            sheet_.append(list(row))
        book.save(tmp)
    else:
        raise ValueError(f"unknown format {fmt!r}")
    os.replace(tmp, path)


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
        detail = {"format": fmt, "division": division, "rows": len(forms), "path": str(out)}
        await audit_unmasked(sessions, action="export_unmasked", detail=detail, now=now, actor=actor)
    await asyncio.to_thread(write, out, fmt, forms, unmasked)
    log.info("exported %d form(s) as %s (%s)", len(forms), fmt, "unmasked" if unmasked else "masked")
    return len(forms)
