"""The outbox worker's empty polls take no write transaction on SQLite: a claim first reads, outside any
transaction, whether anything is due, so the dispatcher's next BEGIN IMMEDIATE never waits behind a claim that
finds nothing (benchmarks/README.md, wire12). What is due is still claimed and sent, once."""

from __future__ import annotations

import sqlite3
from collections.abc import AsyncIterator
from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.clock import FrozenClock
from bot.delivery import OutboxWorker
from storage.crypto import FieldCipher
from storage.db import create_engine, session_factory
from storage.migrate import upgrade
from tests.fakes.recording_sender import RecordingSender

NOW = datetime(2026, 11, 26, 2, 0, tzinfo=UTC)  # 10:00 in Shanghai
STAMP = "%Y-%m-%d %H:%M:%S.%f"


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    # SQLite's write lock is what this is about, whichever database the suite runs on.
    url = f"sqlite+aiosqlite:///{tmp_path / 'idle.db'}"
    upgrade(url)
    return url


@pytest.fixture
async def engine(sqlite_url: str) -> AsyncIterator[AsyncEngine]:
    engine = create_engine(sqlite_url)
    yield engine
    await engine.dispose()


def _worker(engine: AsyncEngine, simulator: RecordingSender) -> OutboxWorker:
    return OutboxWorker(session_factory(engine), FieldCipher(b"k" * 32), FrozenClock(NOW), {},
                        quiet_hours=(time(8), time(21)), simulator=simulator)


def _begins(engine: AsyncEngine) -> list[Any]:
    begun: list[Any] = []
    event.listen(engine.sync_engine, "begin", begun.append)
    return begun


def _queue(path: Path, due: datetime) -> None:
    with sqlite3.connect(path) as db:
        db.execute("INSERT OR IGNORE INTO person (id, locale, created_at, simulated) "
                   "VALUES (1, 'zh_CN', '2026-11-01 00:00:00', 1)")
        db.execute("INSERT OR IGNORE INTO channel_account (id, person_id, channel, address_hash, address_enc, "
                   "created_at, last_inbound_at) VALUES (1, 1, 'wechat', 'h1', ?, '2026-11-01 00:00:00', ?)",
                   (FieldCipher(b"k" * 32).encrypt("o-idle"), NOW.strftime(STAMP)))
        db.execute(
            "INSERT INTO outbox_message (person_id, channel, kind, body_enc, solicited, status, attempts, "
            "next_attempt_at, created_at) VALUES (1, 'wechat', 'text', ?, 1, 'queued', 0, ?, ?)",
            (FieldCipher(b"k" * 32).encrypt("您好"), due.strftime(STAMP), NOW.strftime(STAMP)),
        )


async def test_an_empty_poll_takes_no_write_transaction(engine: AsyncEngine, tmp_path: Path) -> None:
    sent = RecordingSender()
    worker, begun = _worker(engine, sent), _begins(engine)
    assert not await worker.run_once()
    _queue(tmp_path / "idle.db", NOW + timedelta(minutes=5))  # queued, not due yet
    assert not await worker.run_once()
    assert begun == [] and sent.sent == []


async def test_what_is_due_is_still_claimed_and_sent_once(engine: AsyncEngine, tmp_path: Path) -> None:
    sent = RecordingSender()
    worker, begun = _worker(engine, sent), _begins(engine)
    assert not await worker.run_once()
    _queue(tmp_path / "idle.db", NOW - timedelta(seconds=1))
    assert await worker.run_once()
    assert [m.text for m in sent.sent] == ["您好"]
    assert len(begun) >= 1  # the claim (and the settle) in write transactions, as before
    assert not await worker.run_once()
    assert len(sent.sent) == 1
    with sqlite3.connect(tmp_path / "idle.db") as db:
        assert db.execute("SELECT status FROM outbox_message").fetchall() == [("sent",)]
