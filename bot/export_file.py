"""Writing an export as XLSX, CSV or JSON, the same way for every export (forms, cases, registrations, tasks,
alerts): masks identical in every format, times in the programme's time zone (Asia/Shanghai), cells a
laborer typed made inert, and an XLSX a county office can use as it is (column widths, a frozen bold header
row, a filter on it, real date cells). Written beside the target and renamed: no half-written file. Unmasked
exports are recorded in the audit log before the file exists.
"""

from __future__ import annotations

import contextlib
import csv
import json
import os
import pwd
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from storage.crypto import mask_id_number, mask_phone
from storage.models import AuditLog

FORMATS = ("xlsx", "csv", "json")
LOCAL_TZ = ZoneInfo("Asia/Shanghai")
MAX_WIDTH = 50
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
DATE_FORMAT = "yyyy-mm-dd"


# -- values -----------------------------------------------------------------------------------------------

def show_phone(value: str | None, unmasked: bool) -> str | None:
    """A phone as people know it (mainland mobiles without +86), masked unless asked: 138****5678."""
    if not value:
        return None
    local = value[3:] if value.startswith("+86") else value
    return local if unmasked else mask_phone(local)


def show_id(value: str | None, unmasked: bool) -> str | None:
    if not value:
        return None
    return value if unmasked else mask_id_number(value)


def local_time(value: datetime | None) -> datetime | None:
    """The programme's local time, without a zone (what a spreadsheet cell holds)."""
    return value.astimezone(LOCAL_TZ).replace(tzinfo=None) if value is not None else None


def iso_local(value: datetime | None) -> str | None:
    """JSON: ISO 8601 with the +08:00 offset, the same instant as the spreadsheet shows."""
    return value.astimezone(LOCAL_TZ).isoformat() if value is not None else None


def inert(cell: object) -> object:
    """Text a laborer typed must not run as a spreadsheet formula when a caseworker opens the file."""
    if isinstance(cell, str) and cell and (
        cell[0] in "=@\t\r" or (cell[0] in "+-" and not cell[1:2].isdigit())
    ):
        return "'" + cell
    return cell


# -- the file ---------------------------------------------------------------------------------------------

@dataclass(slots=True)
class Table:
    """One export: a sheet of Chinese headers and rows (XLSX and CSV), and the same records keyed for JSON."""

    title: str
    headers: list[str]
    rows: list[list[Any]] = field(default_factory=list)
    records: list[dict[str, Any]] = field(default_factory=list)


def _text(cell: Any) -> str:
    if cell is None:
        return ""
    if isinstance(cell, datetime):
        return f"{cell:%Y-%m-%d %H:%M}"
    if isinstance(cell, date):
        return cell.isoformat()
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell)


def _width(text: str) -> int:
    """Display width: a Chinese character takes two columns."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _write_xlsx(tmp: Path, table: Table) -> None:
    import openpyxl
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet(table.title[:31])
    for index, header in enumerate(table.headers, 1):
        longest = max([_width(header), *(_width(_text(row[index - 1])) for row in table.rows)])
        sheet.column_dimensions[get_column_letter(index)].width = min(MAX_WIDTH, longest + 2)
    sheet.freeze_panes = "A2"
    if table.headers:
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(table.headers))}{len(table.rows) + 1}"
    bold = Font(bold=True)
    header_cells = []
    for header in table.headers:
        cell = WriteOnlyCell(sheet, value=header)
        cell.font = bold
        header_cells.append(cell)
    sheet.append(header_cells)
    for row in table.rows:
        cells: list[Any] = []
        for value in row:
            if isinstance(value, datetime | date):
                cell = WriteOnlyCell(sheet, value=value)
                cell.number_format = DATETIME_FORMAT if isinstance(value, datetime) else DATE_FORMAT
                cells.append(cell)
            else:
                cells.append(value)
        sheet.append(cells)
    book.save(tmp)


def effective_user() -> str:
    """Who runs this process as the system sees it (LOGNAME and USER are whatever the caller set)."""
    try:
        return pwd.getpwuid(os.geteuid()).pw_name
    except KeyError:
        return f"uid {os.geteuid()}"


def write(path: Path, fmt: str, table: Table) -> None:
    """Write to a temporary file beside the target, then rename. The file is created owner-only (0600): masked
    or not, it is personal data of everyone in it."""
    tmp = path.with_name(path.name + ".part")
    with contextlib.suppress(FileNotFoundError):
        tmp.unlink()  # left by an export that died: created afresh below, with our permissions
    os.close(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    rows = [[inert(cell) for cell in row] for row in table.rows]
    clean = Table(table.title, table.headers, rows, table.records)
    if fmt == "json":
        tmp.write_text(json.dumps(table.records, ensure_ascii=False, indent=1), encoding="utf-8")
    elif fmt == "csv":
        # UTF-8 with BOM: Excel on Chinese Windows opens it without garbling.
        with tmp.open("w", encoding="utf-8-sig", newline="") as out:
            writer = csv.writer(out)
            writer.writerow(clean.headers)
            writer.writerows([_text(cell) for cell in row] for row in clean.rows)
    elif fmt == "xlsx":
        _write_xlsx(tmp, clean)
    else:
        raise ValueError(f"unknown format {fmt!r}")
    os.replace(tmp, path)


async def audit_unmasked(
    sessions: async_sessionmaker[AsyncSession], *, what: str, fmt: str, division: str | None, rows: int,
    out: Path, now: datetime, actor: str | None = None,
) -> None:
    """Who exported full ID and phone numbers, before the file exists: a failed export is over-reported, never
    missed."""
    detail: dict[str, Any] = {"format": fmt, "division": division, "rows": rows, "path": str(out)}
    if what != "form":
        detail = {"export": what, **detail}
    async with sessions() as session, session.begin():
        session.add(AuditLog(actor=(actor or effective_user())[:64], action="export_unmasked",
                             detail=json.dumps(detail, ensure_ascii=False), created_at=now))


def yes_no(value: bool | None) -> str:
    return "" if value is None else "是" if value else "否"


def joined(values: Sequence[str]) -> str:
    return "、".join(values)
