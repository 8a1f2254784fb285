"""`jiuye roster import FILE`: the registered-household roster from CSV (UTF-8, with or without BOM, or GBK)
or XLSX, upserted by ID number; invalid rows are reported by line and skipped, the valid rows go in.

Columns (header row; Chinese or English names, any order, other columns ignored):
    姓名 / name (required), 身份证号 / id_number (required), 手机号 / phone, 户编号 / household_id,
    户籍地 / home_division (a division code, 6/9 or 12 digits, or a place name),
    帮扶责任人手机号 / caseworker_phone (the caseworker responsible for this laborer, when the county names one).
"""

from __future__ import annotations

import asyncio
import logging
import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.table_file import RowProblem, TableFileError, progress_bar, read_table
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
    "caseworker_phone": ("帮扶责任人手机号", "帮扶人手机号", "caseworker_phone"),
}
REQUIRED = ("name", "id_number")
_ID_REASONS = {"length": "bad ID number (not 18 characters)", "check_digit": "bad ID check digit",
               "birth_date": "bad ID birth date"}
_LOOKUP_CHUNK = 500


# The file cannot be read as a roster at all (missing, undecodable, no usable header).
RosterFileError = TableFileError


@dataclass(frozen=True, slots=True)
class RosterRow:
    line: int
    name: str
    id_number: str
    phone: str | None
    household_id: str | None
    home_division: str | None
    caseworker_phone: str | None = None


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

def read_roster(path: Path) -> tuple[int, Iterator[tuple[int, dict[str, str]]]]:
    """The number of data rows and an iterator of (line number, {column key: cell})."""
    return read_table(path, COLUMNS, REQUIRED)


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
    caseworker_phone = None
    if cells.get("caseworker_phone"):
        caseworker_phone = nlu.parse_phone(cells["caseworker_phone"])
        if caseworker_phone is None:
            return RowProblem(line, "bad caseworker phone number", masked)
    seen[id_number] = line
    return RosterRow(line, name[:64], id_number, phone, household, division, caseworker_phone)


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
            caseworker = cipher.blind_index("phone", row.caseworker_phone) if row.caseworker_phone else None
            entry = existing.get(hashes[row.id_number])
            if entry is None:
                session.add(RosterEntry(
                    name=row.name, id_number_enc=cipher.encrypt(row.id_number),
                    id_number_hash=hashes[row.id_number], phone_enc=cipher.encrypt_optional(row.phone),
                    phone_hash=phone_hash, household_id=row.household_id, home_division=row.home_division,
                    caseworker_phone_hash=caseworker, imported_at=now, source_file=source_file, source_line=row.line,
                ))
                report.added += 1
            elif (entry.name, entry.phone_hash, entry.household_id, entry.home_division,
                  entry.caseworker_phone_hash) == (
                row.name, phone_hash, row.household_id, row.home_division, caseworker
            ):
                report.unchanged += 1
            else:
                entry.name = row.name
                entry.phone_enc = cipher.encrypt_optional(row.phone)
                entry.phone_hash = phone_hash
                entry.household_id = row.household_id
                entry.home_division = row.home_division
                entry.caseworker_phone_hash = caseworker
                entry.imported_at = now
                entry.source_file = source_file
                entry.source_line = row.line
                report.updated += 1
    log.info("roster import: %s", report.summary())
    return report


__all__ = ["COLUMNS", "ImportReport", "RosterFileError", "RowProblem", "import_roster", "progress_bar", "read_roster"]
