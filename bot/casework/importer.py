"""`jiuye caseworkers import FILE`: caseworkers and supervisors from CSV (UTF-8 or GBK) or XLSX, upserted by
phone number; bad rows are reported by line and skipped, the others go in (same conventions as the roster).

Columns (header row; Chinese or English names, any order, other columns ignored):
    姓名 / name, 手机号 / phone (required), 负责区划 / divisions (codes or names, several separated by ; or 、),
    角色 / role (caseworker or supervisor; empty: caseworker), 上级手机号 / supervisor_phone,
    微信openid / wechat_openid, 企业微信机器人 / wecom_webhook (a WeCom group-robot URL), 兜底 / fallback (是:
    the administrator who owns what nobody covers).
Work opened while nobody was imported (owned by the stand-in) is handed to the responsible caseworkers.
"""

from __future__ import annotations

import asyncio
import logging
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.casework.alerts import show_phone
from bot.casework.cases import reassign_unassigned
from bot.casework.responsibility import UNASSIGNED
from bot.roster import division_code
from bot.table_file import RowProblem, read_table
from dialogs import nlu
from storage import repositories as repo
from storage.crypto import FieldCipher
from storage.models import Caseworker, CaseworkerAddress, CaseworkerDivision

log = logging.getLogger(__name__)

COLUMNS: dict[str, tuple[str, ...]] = {
    "name": ("姓名", "name"),
    "phone": ("手机号", "手机号码", "联系电话", "phone"),
    "divisions": ("负责区划", "负责区域", "divisions"),
    "role": ("角色", "role"),
    "supervisor_phone": ("上级手机号", "上级手机号码", "supervisor_phone"),
    "wechat_openid": ("微信openid", "openid", "wechat_openid"),
    "wecom_webhook": ("企业微信机器人", "企业微信机器人地址", "wecom_webhook"),
    "fallback": ("兜底", "兜底管理员", "fallback"),
}
REQUIRED = ("name", "phone")
ROLES = {
    "caseworker": "caseworker", "帮扶责任人": "caseworker", "工作人员": "caseworker", "": "caseworker",
    "supervisor": "supervisor", "督导": "supervisor", "主管": "supervisor", "上级": "supervisor",
}
_YES = frozenset({"是", "yes", "y", "true", "1", "√"})
_NO = frozenset({"否", "no", "n", "false", "0", ""})
_SEPARATORS = re.compile(r"[;；、,，\s]+")
_OPENID = re.compile(r"[A-Za-z0-9_-]{10,64}")


@dataclass(frozen=True, slots=True)
class CaseworkerRow:
    line: int
    name: str
    phone: str
    divisions: frozenset[str]
    role: str
    supervisor_phone: str | None
    wechat_openid: str | None
    wecom_webhook: str | None
    fallback: bool


@dataclass(slots=True)
class ImportReport:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    reassigned: int = 0
    invalid: list[RowProblem] = field(default_factory=list)

    def summary(self) -> str:
        text = (f"added {self.added}, updated {self.updated}, unchanged {self.unchanged}, "
                f"invalid {len(self.invalid)}")
        return text + (f"; {self.reassigned} case(s) handed to their caseworkers" if self.reassigned else "")


def _masked(phone: str) -> str:
    return show_phone(phone) or ""


def validate_row(line: int, cells: dict[str, str], seen: dict[str, int]) -> CaseworkerRow | RowProblem:
    raw_phone = cells.get("phone", "")
    phone = nlu.parse_phone(raw_phone) if raw_phone else None
    masked = _masked(phone) if phone else None
    name = cells.get("name", "")
    if not name:
        return RowProblem(line, "missing name", masked)
    if not raw_phone:
        return RowProblem(line, "missing phone number")
    if phone is None:
        return RowProblem(line, "bad phone number")
    if phone in seen:
        return RowProblem(line, f"duplicate phone number (same as line {seen[phone]})", masked)
    divisions: set[str] = set()
    for part in _SEPARATORS.split(cells.get("divisions", "")):
        if not part:
            continue
        code = division_code(part)
        if code is None:
            return RowProblem(line, f"unknown division {part[:20]!r}", masked)
        divisions.add(code)
    role = ROLES.get(cells.get("role", "").strip().lower())
    if role is None:
        return RowProblem(line, "role must be caseworker or supervisor", masked)
    supervisor = None
    if cells.get("supervisor_phone"):
        supervisor = nlu.parse_phone(cells["supervisor_phone"])
        if supervisor is None:
            return RowProblem(line, "bad supervisor phone number", masked)
        if supervisor == phone:
            return RowProblem(line, "a caseworker cannot be their own supervisor", masked)
    openid = cells.get("wechat_openid") or None
    if openid is not None and not _OPENID.fullmatch(openid):
        return RowProblem(line, "bad WeChat openid", masked)
    webhook = cells.get("wecom_webhook") or None
    if webhook is not None and not re.fullmatch(r"https?://[^\s]+", webhook):
        # Not quoted: the URL carries the robot's key.
        return RowProblem(line, "the WeCom robot must be an http(s) URL", masked)
    flag = cells.get("fallback", "").strip().lower()
    if flag not in _YES | _NO:
        return RowProblem(line, "fallback must be 是 or empty", masked)
    seen[phone] = line
    return CaseworkerRow(line, name[:64], phone, frozenset(divisions), role, supervisor, openid, webhook,
                         flag in _YES)


@dataclass(frozen=True, slots=True)
class _Stored:
    row: Caseworker
    divisions: frozenset[str]
    openid: str | None
    webhook: str | None
    supervisor_hash: str | None
    addresses: frozenset[tuple[str, str]] = frozenset()


async def import_caseworkers(
    sessions: async_sessionmaker[AsyncSession], cipher: FieldCipher, path: Path, *, now: datetime,
    progress: Callable[[int, int], None] | None = None,
) -> ImportReport:
    """Validate every row, then upsert the valid ones by phone in one transaction."""
    total, records = await asyncio.to_thread(read_table, path, COLUMNS, REQUIRED)
    report = ImportReport()
    seen: dict[str, int] = {}
    rows: list[CaseworkerRow] = []
    for done, (line, cells) in enumerate(records, 1):
        checked = validate_row(line, cells, seen)
        if isinstance(checked, RowProblem):
            report.invalid.append(checked)
        else:
            rows.append(checked)
        if progress is not None:
            progress(done, total)
    source_file = os.path.basename(path)[:255]
    async with sessions() as session, session.begin():
        stored = await _stored(session, cipher)
        by_hash = {cipher.blind_index("phone", r.phone): r for r in rows}
        rows = _with_known_supervisors(rows, by_hash, stored, cipher, report)
        ids: dict[str, int] = {}
        for row in rows:
            phone_hash = cipher.blind_index("phone", row.phone)
            ids[phone_hash] = await _upsert(session, cipher, row, stored.get(phone_hash), source_file, now, report)
        await session.flush()
        for row in rows:
            supervisor = ids.get(cipher.blind_index("phone", row.supervisor_phone)) if row.supervisor_phone else None
            if supervisor is None and row.supervisor_phone:
                supervisor = stored[cipher.blind_index("phone", row.supervisor_phone)].row.id
            caseworker = await session.get(Caseworker, ids[cipher.blind_index("phone", row.phone)])
            assert caseworker is not None
            caseworker.supervisor_id = supervisor
        await session.flush()
        report.reassigned = await reassign_unassigned(session, cipher, now=now)
    log.info("caseworkers import: %s", report.summary())
    return report


def _with_known_supervisors(
    rows: list[CaseworkerRow], in_file: dict[str, CaseworkerRow], stored: dict[str, _Stored], cipher: FieldCipher,
    report: ImportReport,
) -> list[CaseworkerRow]:
    """Rows whose supervisor is in the file or already imported; the others are reported."""
    kept = []
    for row in rows:
        wanted = cipher.blind_index("phone", row.supervisor_phone) if row.supervisor_phone else None
        if wanted is not None and wanted not in in_file and wanted not in stored:
            report.invalid.append(RowProblem(row.line, "supervisor phone not found among caseworkers",
                                             _masked(row.phone)))
            continue
        kept.append(row)
    report.invalid.sort(key=lambda p: p.line)
    return kept


async def _stored(session: AsyncSession, cipher: FieldCipher) -> dict[str, _Stored]:
    divisions: dict[int, set[str]] = {}
    for caseworker_id, code in await session.execute(select(CaseworkerDivision.caseworker_id,
                                                             CaseworkerDivision.division)):
        divisions.setdefault(caseworker_id, set()).add(code)
    rows = list(await session.scalars(select(Caseworker).where(Caseworker.role != UNASSIGNED)))
    addresses: dict[int, set[tuple[str, str]]] = {}
    for caseworker_id, channel, address_hash in await session.execute(select(
            CaseworkerAddress.caseworker_id, CaseworkerAddress.channel, CaseworkerAddress.address_hash)):
        addresses.setdefault(caseworker_id, set()).add((channel, address_hash))
    phone_hash_of = {r.id: r.phone_hash for r in rows}
    stored = {}
    for r in rows:
        if r.phone_hash is None:
            continue
        stored[r.phone_hash] = _Stored(
            r, frozenset(divisions.get(r.id, ())), cipher.decrypt_optional(r.wechat_openid_enc),
            cipher.decrypt_optional(r.wecom_webhook_enc),
            phone_hash_of.get(r.supervisor_id) if r.supervisor_id is not None else None,
            frozenset(addresses.get(r.id, ())),
        )
    return stored


async def _upsert(
    session: AsyncSession, cipher: FieldCipher, row: CaseworkerRow, old: _Stored | None, source_file: str,
    now: datetime, report: ImportReport,
) -> int:
    supervisor_hash = cipher.blind_index("phone", row.supervisor_phone) if row.supervisor_phone else None
    if old is not None and (
        old.row.name, old.row.role, old.divisions, old.openid, old.webhook, old.row.fallback, old.supervisor_hash,
        old.row.active,
    ) == (row.name, row.role, row.divisions, row.wechat_openid, row.wecom_webhook, row.fallback, supervisor_hash,
          True):
        report.unchanged += 1
        if old.addresses != _addresses(cipher, row):
            # Imported before the simulator's addresses were written (or an address was taken since).
            await _set_addresses(session, cipher, old.row.id, row)
        return old.row.id
    caseworker = old.row if old is not None else Caseworker(
        phone_enc=cipher.encrypt(row.phone), phone_hash=cipher.blind_index("phone", row.phone)
    )
    caseworker.name = row.name
    caseworker.role = row.role
    caseworker.fallback = row.fallback
    caseworker.active = True
    caseworker.wechat_openid_enc = cipher.encrypt_optional(row.wechat_openid)
    caseworker.wecom_webhook_enc = cipher.encrypt_optional(row.wecom_webhook)
    caseworker.wecom_robot_hash = cipher.blind_index("wecom", row.wecom_webhook) if row.wecom_webhook else None
    caseworker.imported_at = now
    caseworker.source_file = source_file
    caseworker.source_line = row.line
    if old is None:
        session.add(caseworker)
        report.added += 1
    else:
        report.updated += 1
    await session.flush()
    await session.execute(delete(CaseworkerDivision).where(CaseworkerDivision.caseworker_id == caseworker.id))
    session.add_all(CaseworkerDivision(caseworker_id=caseworker.id, division=code) for code in sorted(row.divisions))
    await _set_addresses(session, cipher, caseworker.id, row)
    return caseworker.id


def _addresses(cipher: FieldCipher, row: CaseworkerRow) -> set[tuple[str, str]]:
    """The addresses the caseworker writes from (their phone by SMS, their openid), and the same phone and openid
    as simulator users: a caseworker can be played on the simulator, where they act on simulator people's
    records only (bot/casework/chat.py) and their alerts about them reach that simulator user's inbox
    (bot/casework/worker.py)."""
    addresses = set()
    for channel, address in (("sms", row.phone), ("wechat", row.wechat_openid)):
        if address:
            addresses.add((channel, repo.address_hash(cipher, channel, address, simulated=False)))
            addresses.add((channel, repo.address_hash(cipher, channel, address, simulated=True)))
    # The simulator stands for both channels, and its user is whatever is typed: the caseworker's phone typed on its
    # WeChat channel (as 13985001234, or +86…) is them too, as their openid typed on its SMS channel is; it was a
    # new laborer there, answered with the privacy notice. Real addresses stay as imported.
    played = [("wechat", row.phone), ("wechat", row.phone.removeprefix("+86"))]
    if row.wechat_openid:
        played.append(("sms", row.wechat_openid))
    addresses.update((channel, repo.address_hash(cipher, channel, address, simulated=True))
                     for channel, address in played)
    return addresses


async def _set_addresses(session: AsyncSession, cipher: FieldCipher, caseworker_id: int, row: CaseworkerRow) -> None:
    """The addresses the caseworker writes from (_addresses); an address moves to whoever the file now gives it
    to."""
    addresses = _addresses(cipher, row)
    await session.execute(delete(CaseworkerAddress).where(CaseworkerAddress.caseworker_id == caseworker_id))
    for channel, address_hash in addresses:
        await session.execute(delete(CaseworkerAddress).where(
            CaseworkerAddress.channel == channel, CaseworkerAddress.address_hash == address_hash))
    await session.flush()
    session.add_all(CaseworkerAddress(caseworker_id=caseworker_id, channel=c, address_hash=h) for c, h in addresses)
