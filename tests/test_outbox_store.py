"""The outbox worker's two sets of statements agree: on one SQLite database, the direct sqlite3 ones
(storage/outbox_store.py SqliteStore, what the worker uses on SQLite) read what the SQLAlchemy Core ones
(SessionStore, PostgreSQL's) read, and write what they write, timestamps in the same text."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from bot.delivery import AUTO_CHANNELS
from storage.db import create_engine, session_factory
from storage.migrate import upgrade
from storage.outbox_store import (
    DEFER,
    DELIVERED,
    SENDING,
    SENT,
    SKIP,
    Change,
    SessionStore,
    SqliteStore,
    claim_sql,
    outbox_store,
)

NOW = datetime(2026, 12, 4, 12, 0, 0, 250_000, tzinfo=UTC)
STAMP = "%Y-%m-%d %H:%M:%S.%f"


def test_the_direct_claim_reads_the_batch_off_the_due_index_without_sorting(tmp_path: Path) -> None:
    path = tmp_path / "plan.db"
    upgrade(f"sqlite+aiosqlite:///{path}")
    db = sqlite3.connect(path)
    plan = [row[3] for row in db.execute("EXPLAIN QUERY PLAN " + claim_sql(3), (_at(0), "a", "b", "c", 100))]
    assert any("ix_outbox_message_due" in step for step in plan), plan
    assert not any("TEMP B-TREE" in step for step in plan), plan  # as tests/test_outbox_claim.py says why


def _at(minutes: float) -> str:
    return (NOW + timedelta(minutes=minutes)).strftime(STAMP)


def _populate(path: Path) -> None:
    db = sqlite3.connect(path)
    db.executemany(
        "INSERT INTO person (id, locale, created_at, simulated, opted_out_at) VALUES (?, ?, ?, ?, ?)",
        [(1, "zh_CN", _at(-900), 0, None), (2, "en", _at(-900), 1, None), (3, "zh_CN", _at(-900), 0, _at(-60)),
         (4, "zh_CN", _at(-900), 0, None)],
    )
    db.executemany(
        "INSERT INTO channel_account (id, person_id, channel, address_hash, address_enc, created_at, "
        "last_inbound_at, unsubscribed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [(1, 1, "wechat", "h1", "enc-o1", _at(-900), _at(-30), None),
         (2, 1, "sms", "h2", "enc-p1", _at(-900), None, None),
         (3, 3, "wechat", "h3", "enc-o3", _at(-900), _at(-4000), _at(-10)),
         (4, 4, "wechat", "h4", "enc-o4", _at(-900), None, None)],
    )
    db.executemany(
        "INSERT INTO push_attempt (outbox_id, person_id, method, outcome, errcode, attempted_at) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        [(1, 1, "custom", "sent", None, _at(-20)), (1, 1, "custom", "sent", None, _at(-3000)),
         (1, 1, "custom", "refused", 45015, _at(-10)), (1, 3, "custom", "sent", None, _at(-5))],
    )
    db.executemany(
        "INSERT INTO wechat_subscription (person_id, template_id, status, updated_at) VALUES (?, ?, ?, ?)",
        [(1, "tpl-checkin", "accept", _at(-60)), (1, "tpl-other", "reject", _at(-60)),
         (4, "tpl-checkin", "accept", _at(-60))],
    )
    db.executemany(
        "INSERT INTO info_form (person_id, phone_enc, data, status, source, updated_at) VALUES (?, ?, '{}', "
        "'confirmed', 'wechat', ?)",
        [(3, "enc-phone3", _at(-900)), (4, None, _at(-900))],
    )
    db.executemany(
        "INSERT INTO outbox_message (id, person_id, channel, kind, body_enc, sms_body_enc, solicited, topic, status, "
        "attempts, next_attempt_at, created_at) VALUES (?, ?, ?, 'text', ?, ?, ?, ?, ?, ?, ?, ?)",
        [(1, 1, "auto", "b1", "s1", 0, "checkin", "queued", 0, _at(-1), _at(-2)),
         (2, 1, "wechat", "b2", None, 1, None, "queued", 2, _at(-5), _at(-6)),
         (3, 2, "sms", "b3", None, 1, None, "queued", 0, _at(-1), _at(-2)),  # simulated: any channel
         (4, 3, "telegram", "b4", None, 1, None, "queued", 0, _at(-1), _at(-2)),  # no such channel here
         (5, 4, "auto-sms", "b5", None, 0, "checkin", "sending", 1, _at(-1), _at(-2)),
         (6, 4, "auto", "b6", None, 0, "checkin", "queued", 0, _at(1), _at(-2))],  # not due yet
    )
    db.commit()
    db.close()


@pytest.fixture
async def session(tmp_path: Path) -> AsyncIterator[AsyncSession]:
    path = tmp_path / "store.db"
    # In a thread: the migration runs its own event loop.
    await asyncio.to_thread(upgrade, f"sqlite+aiosqlite:///{path}")
    _populate(path)
    engine = create_engine(f"sqlite+aiosqlite:///{path}")
    try:
        async with session_factory(engine)() as opened:
            yield opened
    finally:
        await engine.dispose()


async def _both(session: AsyncSession) -> tuple[SessionStore, SqliteStore]:
    direct = await outbox_store(session)
    assert isinstance(direct, SqliteStore)  # what the worker runs on SQLite
    return SessionStore(session), direct


async def test_both_read_the_same_batch_and_the_same_people(session: AsyncSession) -> None:
    async with session.begin():
        core, direct = await _both(session)
        channels = ["wechat", "sms", *AUTO_CHANNELS]
        claimed = await direct.claim(channels, NOW, 100)
        assert claimed == await core.claim(channels, NOW, 100)
        # Oldest due first; the simulated person's SMS is claimed, the unknown channel and the future row not.
        assert [row[0] for row in claimed] == [2, 1, 3]
        assert await direct.claim(channels, NOW, 2) == await core.claim(channels, NOW, 2)
        people = {1, 2, 3, 4}
        for name, args in (("pending", (people,)), ("people", (people,)), ("accounts", (people,)),
                           ("custom_sends", (people, NOW - timedelta(hours=48))), ("subscriptions", (people,)),
                           ("phones", (people,))):
            found = await getattr(direct, name)(*args)
            assert found == await getattr(core, name)(*args), name
            assert found, name  # each look-up found something here, so the comparison compared something
        accounts = await direct.accounts(people)
        assert accounts[(1, "wechat")].last_inbound_at == NOW - timedelta(minutes=30)  # an aware datetime
        assert (await direct.people({3}))[3].opted_out_at == NOW - timedelta(minutes=60)
        assert await direct.custom_sends({1, 3}, NOW - timedelta(hours=48)) == [
            (1, NOW - timedelta(minutes=20)), (3, NOW - timedelta(minutes=5))]


async def _written(session: AsyncSession) -> list[tuple[Any, ...]]:
    """What the transaction has written so far, as stored (the timestamps' text included)."""
    outbox = await session.execute(text(
        "SELECT id, channel, status, attempts, next_attempt_at, claimed_until, sent_at, last_error, external_id, "
        "delivery_status, delivered_at, sent_via FROM outbox_message ORDER BY id"))
    attempts = await session.execute(text(
        "SELECT outbox_id, person_id, method, outcome, errcode, attempted_at FROM push_attempt "
        "WHERE attempted_at >= :now ORDER BY id"), {"now": _at(0)})
    return [tuple(row) for row in outbox] + [tuple(row) for row in attempts]


async def test_both_write_the_same_rows(session: AsyncSession) -> None:
    # On a whole second: sqlite3's own datetime adapter would store it without the ".000000" SQLAlchemy writes.
    later = (NOW + timedelta(minutes=3)).replace(microsecond=0)
    changes: list[tuple[Change, list[dict[str, Any]]]] = [
        (SKIP, [{"oid": 4, "ch": "telegram", "err": "no reachable account on this channel"}]),
        (DEFER, [{"oid": 6, "at": later}]),
        (SENDING, [{"oid": 1, "ch": "wechat", "n": 1, "until": later},
                   {"oid": 2, "ch": "wechat", "n": 3, "until": later}]),
        (SENT, [{"oid": 1, "at": later, "ext": "msg-1", "via": "custom"},
                {"oid": 2, "at": later, "ext": None, "via": "wechat"}]),
        (DELIVERED, [{"oid": 3, "at": later}]),
    ]
    attempts = [{"outbox_id": 1, "method": "custom", "outcome": "sent", "errcode": None, "attempted_at": later},
                {"outbox_id": 2, "method": "subscribe", "outcome": "refused", "errcode": 43101,
                 "attempted_at": later}]
    written = []
    for use_direct in (False, True):
        transaction = await session.begin()
        store = (await _both(session))[use_direct]
        for change, rows in changes:
            await store.change(change, rows)
        await store.record_attempts(attempts)
        written.append(await _written(session))
        await transaction.rollback()
    core, direct = written
    assert direct == core
    stamp = later.strftime(STAMP)
    # The changes took: row 1 sent with its external id, the timestamps in the text SQLAlchemy writes.
    assert (1, "wechat", "sent", 1, _at(-1), None, stamp, None, "msg-1", None, None, "custom") in direct
    assert (4, "telegram", "skipped") == direct[3][:3]
    assert (1, 1, "custom", "sent", None, stamp) in direct


async def test_an_attempt_is_recorded_for_the_messages_owner_when_linking_moved_it_meanwhile(
    session: AsyncSession,
) -> None:
    """Linking (bot/linking.py) moves a new SMS number's messages to the person it belongs to and deletes the
    SMS-side person. A message claimed before and settled after is recorded for its owner now; recorded for
    the person it was claimed for, the settle failed on the foreign key and the sent message stayed unsettled
    (seen once as a lost reply in tests/sms/test_kannel_e2e.py)."""
    later = NOW + timedelta(minutes=3)
    attempts = [{"outbox_id": 6, "method": "custom", "outcome": "sent", "errcode": None, "attempted_at": later}]
    for use_direct in (False, True):
        transaction = await session.begin()
        await session.execute(text("UPDATE outbox_message SET person_id = 1 WHERE person_id = 4"))
        await session.execute(text("DELETE FROM info_form WHERE person_id = 4"))
        await session.execute(text("DELETE FROM wechat_subscription WHERE person_id = 4"))
        await session.execute(text("DELETE FROM channel_account WHERE person_id = 4"))
        await session.execute(text("DELETE FROM person WHERE id = 4"))
        store = (await _both(session))[use_direct]
        await store.record_attempts(attempts)
        recorded = (await session.execute(text(
            "SELECT outbox_id, person_id, method FROM push_attempt WHERE attempted_at >= :now"), {"now": _at(0)})).all()
        await transaction.rollback()
        assert [tuple(row) for row in recorded] == [(6, 1, "custom")], use_direct
