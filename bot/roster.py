"""`jiuye roster import FILE`: the registered-household roster from CSV (UTF-8, with or without BOM, or GBK)
or XLSX, upserted by ID number; invalid rows are reported by line and skipped, the valid rows go in.

Columns (header row; Chinese or English names, any order, other columns ignored):
    姓名 / name (required), 身份证号 / id_number (required), 手机号 / phone, 户编号 / household_id,
    户籍地 / home_division (a division code, 6/9 or 12 digits, or a place name).
"""

from __future__ import annotations

import asyncio
import csv
import io
import logging
import os
import re
import sys
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import IO, Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from dialogs import nlu
from storage.crypto import FieldCipher, mask_id_number
from storage.models import RosterEntry

log = logging.getLogger(__name__)

COLUMNS: dict[str, tuple[str, ...]] = {
    "name": ("姓名", "name"),
    "id_number": ("身份证号", "身份证号码", "公民身份号码", "id_number"),
    "phone": ("手机号", "手机号码", "联系电话", "phone"),
    "household_id": ("户编号", "household_id"),
    "home_division": ("户籍地", "home_division"),
}
REQUIRED = ("name", "id_number")
_ID_REASONS = {"length": "bad ID number (not 18 characters)", "check_digit": "bad ID check digit",
               "birth_date": "bad ID birth date"}
_LOOKUP_CHUNK = 500


class RosterFileError(Exception):
    """The file cannot be read as a roster at all (missing, undecodable, no usable header)."""


@dataclass(frozen=True, slots=True)
class RosterRow:
    line: int
    name: str
    id_number: str
    phone: str | None
    household_id: str | None
    home_division: str | None


@dataclass(frozen=True, slots=True)
class RowProblem:
    line: int
    reason: str
    masked_id: str | None = None

    def __str__(self) -> str:
        return f"line {self.line}: {self.reason}" + (f" ({self.masked_id})" if self.masked_id else "")


@dataclass(slots=True)
class ImportReport:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    invalid: list[RowProblem] = field(default_factory=list)

    def summary(self) -> str:
        return (f"added {self.added}, updated {self.updated}, unchanged {self.unchanged}, "
                f"invalid {len(self.invalid)}")


# -- reading ---------------------------------------------------------------------------------------------

def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # a number cell (an ID typed as a number has lost digits; validation says so)
    return unicodedata.normalize("NFKC", str(value)).strip()


def _decode(raw: bytes) -> str:
    for encoding in ("utf-8-sig", "gb18030"):  # gb18030 is a superset of GBK
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise RosterFileError("not UTF-8 or GBK text")


def _raw_rows(path: Path) -> Iterator[tuple[int, list[str]]]:
    """(line number, cells) for every row, the header included."""
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        try:
            import openpyxl

            book = openpyxl.load_workbook(path, read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises many kinds for a file that is not a workbook
            raise RosterFileError(f"not a readable XLSX file ({type(exc).__name__})") from exc
        try:
            sheet = book.worksheets[0]
            for number, values in enumerate(sheet.iter_rows(values_only=True), 1):
                yield number, [_cell(v) for v in values]
        finally:
            book.close()
        return
    try:
        text = _decode(path.read_bytes())
    except OSError as exc:
        raise RosterFileError(f"cannot read the file ({exc.strerror or type(exc).__name__})") from exc
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        for cells in reader:
            yield reader.line_num, [_cell(c) for c in cells]
    except csv.Error as exc:
        raise RosterFileError(f"not a readable CSV file (line {reader.line_num}: {exc})") from exc


def _header_map(header: list[str]) -> dict[str, int]:
    aliases = {alias.lower(): key for key, names in COLUMNS.items() for alias in names}
    found: dict[str, int] = {}
    for index, title in enumerate(header):
        key = aliases.get(title.strip().lower())
        if key is not None and key not in found:
            found[key] = index
    missing = [COLUMNS[k][0] for k in REQUIRED if k not in found]
    if missing:
        raise RosterFileError(f"the header row lacks the column(s) {', '.join(missing)}")
    return found


def read_roster(path: Path) -> tuple[int, Iterator[tuple[int, dict[str, str]]]]:
    """The number of data rows and an iterator of (line number, {column key: cell})."""
    rows = list(_raw_rows(path))
    while rows and not any(rows[0][1]):
        rows.pop(0)
    if not rows:
        raise RosterFileError("the file is empty")
    columns = _header_map(rows[0][1])
    body = [(n, cells) for n, cells in rows[1:] if any(cells)]

    def records() -> Iterator[tuple[int, dict[str, str]]]:
        for number, cells in body:
            yield number, {key: cells[i] if i < len(cells) else "" for key, i in columns.items()}

    return len(body), records()


# -- validation ------------------------------------------------------------------------------------------

def division_code(value: str) -> str | None:
    """A division code the gazetteer knows: given as 2-9 digits, or 12 (statistics code with zeros)."""
    digits = re.sub(r"\s", "", value)
    if digits.isdigit():
        for length in (9, 6, 4, 2):
            if len(digits) >= length and set(digits[length:]) <= {"0"} and nlu.place_by_code(digits[:length]):
                return digits[:length]
        return None
    place = nlu.resolve_place(value)
    return place.code if place is not None else None


def validate_row(line: int, cells: dict[str, str], seen: dict[str, int]) -> RosterRow | RowProblem:
    raw_id = cells.get("id_number", "").replace(" ", "").upper()
    masked = mask_id_number(raw_id) if raw_id else None
    name = cells.get("name", "")
    if not name:
        return RowProblem(line, "missing name", masked)
    if not raw_id:
        return RowProblem(line, "missing ID number")
    id_number = nlu.parse_id_number(raw_id)
    if id_number is None or id_number != raw_id:
        return RowProblem(line, _ID_REASONS.get(nlu.id_number_problem(raw_id) or "length", "bad ID number"), masked)
    if id_number in seen:
        return RowProblem(line, f"duplicate ID number (same as line {seen[id_number]})", masked)
    phone = None
    if cells.get("phone"):
        phone = nlu.parse_phone(cells["phone"])
        if phone is None:
            return RowProblem(line, "bad phone number", masked)
    division = None
    if cells.get("home_division"):
        division = division_code(cells["home_division"])
        if division is None:
            return RowProblem(line, "unknown division", masked)
    household = cells.get("household_id") or None
    if household is not None and len(household) > 32:
        return RowProblem(line, "household number longer than 32 characters", masked)
    seen[id_number] = line
    return RosterRow(line, name[:64], id_number, phone, household, division)


# -- writing ---------------------------------------------------------------------------------------------

async def _existing(session: AsyncSession, hashes: list[str]) -> dict[str, RosterEntry]:
    found: dict[str, RosterEntry] = {}
    for i in range(0, len(hashes), _LOOKUP_CHUNK):
        chunk = hashes[i : i + _LOOKUP_CHUNK]
        found |= {e.id_number_hash: e for e in await session.scalars(
            select(RosterEntry).where(RosterEntry.id_number_hash.in_(chunk)))}
    return found


async def import_roster(
    sessions: async_sessionmaker[AsyncSession], cipher: FieldCipher, path: Path, *, now: datetime,
    progress: Callable[[int, int], None] | None = None,
) -> ImportReport:
    """Validate every row, then upsert the valid ones by ID number in one transaction."""
    total, records = await asyncio.to_thread(read_roster, path)
    report = ImportReport()
    seen: dict[str, int] = {}
    valid: list[RosterRow] = []
    for done, (line, cells) in enumerate(records, 1):
        checked = validate_row(line, cells, seen)
        if isinstance(checked, RowProblem):
            report.invalid.append(checked)
        else:
            valid.append(checked)
        if progress is not None:
            progress(done, total)
    source_file = os.path.basename(path)[:255]
    async with sessions() as session, session.begin():
        hashes = {row.id_number: cipher.blind_index("id_number", row.id_number) for row in valid}
        existing = await _existing(session, list(hashes.values()))
        for row in valid:
            phone_hash = cipher.blind_index("phone", row.phone) if row.phone else None
            entry = existing.get(hashes[row.id_number])
            if entry is None:
                session.add(RosterEntry(
                    name=row.name, id_number_enc=cipher.encrypt(row.id_number),
                    id_number_hash=hashes[row.id_number], phone_enc=cipher.encrypt_optional(row.phone),
                    phone_hash=phone_hash, household_id=row.household_id, home_division=row.home_division,
                    imported_at=now, source_file=source_file, source_line=row.line,
                ))
                report.added += 1
            elif (entry.name, entry.phone_hash, entry.household_id, entry.home_division) == (
                row.name, phone_hash, row.household_id, row.home_division
            ):
                report.unchanged += 1
            else:
                entry.name = row.name
                entry.phone_enc = cipher.encrypt_optional(row.phone)
                entry.phone_hash = phone_hash
                entry.household_id = row.household_id
                entry.home_division = row.home_division
                entry.imported_at = now
                entry.source_file = source_file
                entry.source_line = row.line
                report.updated += 1
    log.info("roster import: %s", report.summary())
    return report


def progress_bar(stream: IO[str] = sys.stderr, width: int = 30) -> Callable[[int, int], None]:
    """A one-line text progress bar, redrawn when the percentage changes."""
    last = -1

    def show(done: int, total: int) -> None:
        nonlocal last
        percent = 100 if total == 0 else done * 100 // total
        if percent == last and done != total:
            return
        last = percent
        filled = width * percent // 100
        stream.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {percent:3d}% {done}/{total}")
        if done >= total:
            stream.write("\n")
        stream.flush()

    return show
