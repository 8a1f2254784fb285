"""One person's erasure (`bot/erasure.py erase_person`) in a county's database: 200 caseworkers, 50,000 people with
a case each, every caseworker's chat history (a command and its reply per case, and a 电话 look-up with the reply
naming the person) and a contact note per case; beside the same erasure reading every caseworker's chat and notes
(what it did before: the baseline of the same run, `_involved_caseworkers` made to answer every caseworker).

Run:
    .venv/bin/python benchmarks/erasure_scale.py [--people 50000 --caseworkers 200 --repeat 5]

Data are written in bulk (Core inserts) into a fresh SQLite database; each erasure runs in a transaction that is
rolled back, so the same people are erased again in the other mode. Figures: wall time of `erase_person`, median
and spread over `--repeat` people, and the caseworker rows read (decrypted) by each.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from machine import describe
from sqlalchemy import func, insert, select, text
from sqlalchemy.ext.asyncio import async_sessionmaker

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import bot.erasure as erasure  # noqa: E402
from storage.crypto import FieldCipher  # noqa: E402
from storage.db import create_engine  # noqa: E402
from storage.migrate import upgrade  # noqa: E402
from storage.models import (  # noqa: E402
    AssistanceCase,
    Caseworker,
    CaseworkerAddress,
    CaseworkerDivision,
    ChannelAccount,
    ContactRecord,
    InboundMessage,
    InfoForm,
    OutboxMessage,
    Person,
)

SECRET = bytes((i * 31 + 5) % 251 for i in range(32))
COUNTY = "520526"
NOW = datetime(2026, 12, 1, 2, 0, tzinfo=UTC)
CHUNK = 5000


def _id_number(i: int) -> str:
    return f"52052619800101{i:04d}"


def _phone(i: int) -> str:
    return f"+86138{i:08d}"


async def generate(url: str, people: int, caseworkers: int) -> None:
    cipher = FieldCipher(SECRET)
    engine = create_engine(url)
    started = time.perf_counter()
    townships = caseworkers - 1
    async with engine.begin() as conn:
        async def bulk(table: Any, rows: list[dict[str, Any]]) -> None:
            for start in range(0, len(rows), CHUNK):
                await conn.execute(insert(table), rows[start:start + CHUNK])

        # Caseworker 1 is the county's supervisor; 2..n each cover a township. Each writes from a phone: a
        # person row (ids after the laborers') with its SMS account, as the dispatcher creates one.
        worker_rows, division_rows, address_rows, account_rows, person_rows = [], [], [], [], []
        for c in range(1, caseworkers + 1):
            phone = f"+86139{c:08d}"
            supervisor = c == 1
            worker_rows.append({"id": c, "name": f"干部{c}", "phone_enc": cipher.encrypt(phone),
                                "phone_hash": cipher.blind_index("phone", phone),
                                "role": "supervisor" if supervisor else "caseworker",
                                "supervisor_id": None if supervisor else 1, "fallback": supervisor,
                                "active": True, "imported_at": NOW})
            division_rows.append({"caseworker_id": c, "division": COUNTY if supervisor else f"{COUNTY}{100 + c}"})
            address_rows.append({"caseworker_id": c, "channel": "sms",
                                 "address_hash": cipher.blind_index("sms", phone)})
            person_rows.append({"id": people + c, "locale": "zh_CN", "created_at": NOW - timedelta(days=400),
                                "simulated": False})
            account_rows.append({"person_id": people + c, "channel": "sms",
                                 "address_hash": cipher.blind_index("sms", phone), "address_enc": cipher.encrypt(phone),
                                 "created_at": NOW})
        await bulk(Caseworker.__table__, worker_rows)
        await bulk(CaseworkerDivision.__table__, division_rows)
        await bulk(CaseworkerAddress.__table__, address_rows)
        await bulk(Person.__table__, [{"id": i, "locale": "zh_CN", "created_at": NOW - timedelta(days=365),
                                       "simulated": False} for i in range(1, people + 1)] + person_rows)
        await bulk(ChannelAccount.__table__, account_rows)

        def owner(i: int) -> int:
            return 2 + i % townships

        await bulk(InfoForm.__table__, [
            {"person_id": i, "name": f"劳{i}力", "phone_enc": cipher.encrypt(_phone(i)),
             "phone_hash": cipher.blind_index("phone", _phone(i)), "id_number_enc": cipher.encrypt(_id_number(i)),
             "id_number_hash": cipher.blind_index("id_number", _id_number(i)),
             "home_division": f"{COUNTY}{100 + owner(i)}", "status": "pending_review",
             "employment_status": "unemployed", "data": {},
             "source": "wechat", "updated_at": NOW} for i in range(1, people + 1)])
        await bulk(AssistanceCase.__table__, [
            {"id": i, "person_id": i, "kind": "assistance", "caseworker_id": owner(i),
             "home_division": f"{COUNTY}{100 + owner(i)}", "status": "open", "opened_at": NOW,
             "first_contact_due": NOW, "package": {}} for i in range(1, people + 1)])
        # Per case: the caseworker's 电话 C…, its reply naming the person, 联系 C… with a note, its reply; the note.
        inbound, outbox, notes = [], [], []
        for i in range(1, people + 1):
            cw = people + owner(i)
            at = NOW - timedelta(minutes=i)
            for n, (said, reply) in enumerate(((f"电话 C{i}", f"C{i}: 劳{i}力 {_phone(i)[3:]} (查看已记录)"),
                                               (f"联系 C{i} 联系上了 在家带孩子", f"已记录 C{i} 首次联系。"))):
                inbound.append({"channel": "sms", "dedup_key": f"b{i}-{n}", "person_id": cw, "kind": "text",
                                "body_enc": cipher.encrypt(said), "received_at": at, "processed_at": at})
                outbox.append({"person_id": cw, "channel": "sms", "kind": "text", "body_enc": cipher.encrypt(reply),
                               "status": "sent", "attempts": 1, "next_attempt_at": at, "created_at": at})
            notes.append({"person_id": i, "case_id": i, "caseworker_id": owner(i), "kind": "contact",
                          "channel": "phone", "note_enc": cipher.encrypt("联系上了 在家带孩子 下周去镇上面试"),
                          "at": at})
        await bulk(InboundMessage.__table__, inbound)
        await bulk(OutboxMessage.__table__, outbox)
        await bulk(ContactRecord.__table__, notes)
    async with engine.connect() as conn:
        await conn.execute(text("ANALYZE"))
    await engine.dispose()
    print(f"data: {people:,} people and cases, {caseworkers} caseworkers, {len(inbound):,} caseworker inbound and "
          f"outbox rows each, {len(notes):,} contact notes, in {time.perf_counter() - started:.0f} s")


async def measure(url: str, people: int, repeat: int) -> None:
    cipher = FieldCipher(SECRET)
    engine = create_engine(url)
    sessions = async_sessionmaker(engine, expire_on_commit=False)
    targets = [1 + (k * 7919) % people for k in range(repeat)]
    involved = erasure._involved_caseworkers

    async def everyone(session: Any, person_id: int) -> set[int]:
        return set(await session.scalars(select(Caseworker.id)))

    decrypts = 0
    decrypt = cipher.decrypt_optional

    def counting(token: str | None) -> str | None:
        nonlocal decrypts
        decrypts += 1
        return decrypt(token)

    cipher.decrypt_optional = counting  # type: ignore[method-assign]
    for label, finder in (("involved caseworkers (this branch)", involved), ("every caseworker (baseline)", everyone)):
        erasure._involved_caseworkers = finder  # type: ignore[assignment]
        times, reads = [], []
        for person in targets:
            async with sessions() as session:
                transaction = await session.begin()
                decrypts = 0
                started = time.perf_counter()
                done = await erasure.erase_person(session, cipher, person, actor="operator:bench", via="cli", now=NOW)
                times.append(time.perf_counter() - started)
                reads.append(decrypts)
                blanked = done.blanked.get("outbox_message", 0)
                await transaction.rollback()
            assert blanked == 1, (person, done)  # the reply to 电话 that named them, found either way
        print(f"{label}: median {statistics.median(times) * 1000:.0f} ms (min {min(times) * 1000:.0f}, max "
              f"{max(times) * 1000:.0f}) over {len(times)} people; decrypted {statistics.median(reads):,.0f} values")
    erasure._involved_caseworkers = involved  # type: ignore[assignment]
    async with engine.connect() as conn:
        rows = await conn.scalar(select(func.count()).select_from(InboundMessage))
    print(f"(caseworker inbound rows in the database: {rows:,})")
    await engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--people", type=int, default=50_000)
    parser.add_argument("--caseworkers", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    print(describe())
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite+aiosqlite:///{tmp}/erasure.db"
        upgrade(url)
        asyncio.run(generate(url, args.people, args.caseworkers))
        asyncio.run(measure(url, args.people, args.repeat))


if __name__ == "__main__":
    main()
