"""The outbox claim reads its batch off the due index (no sort of every queued row), oldest due first, and a
person's messages still go out in the order they were queued."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy.dialects import sqlite

from bot.delivery import AUTO_CHANNELS, claim_statement
from storage.migrate import upgrade

NOW = datetime(2026, 12, 4, 12, 0, tzinfo=UTC)


def _database(tmp_path: Path) -> sqlite3.Connection:
    # SQLite's query plan is what this is about, whichever database the suite runs on.
    path = tmp_path / "claim.db"
    upgrade(f"sqlite+aiosqlite:///{path}")
    return sqlite3.connect(path)


def _sql(statement: object) -> str:
    return str(statement.compile(dialect=sqlite.dialect(), compile_kwargs={"literal_binds": True}))  # type: ignore[attr-defined]


def test_the_claim_reads_the_batch_off_the_due_index_without_sorting(tmp_path: Path) -> None:
    db = _database(tmp_path)
    statement = claim_statement(["wechat", *AUTO_CHANNELS], "sqlite").params(now=NOW)
    plan = [row[3] for row in db.execute("EXPLAIN QUERY PLAN " + _sql(statement))]
    assert any("ix_outbox_message_due" in step for step in plan), plan
    # A temporary B-tree would mean every queued row due is read and sorted for each batch of 100.
    assert not any("TEMP B-TREE" in step for step in plan), plan


def test_the_claim_takes_the_oldest_due_first_then_by_id(tmp_path: Path) -> None:
    db = _database(tmp_path)
    db.execute("INSERT INTO person (id, locale, created_at, simulated) VALUES (1, 'zh_CN', '2026-12-01 00:00:00', 0)")
    stamp = "%Y-%m-%d %H:%M:%S.%f"
    due = [NOW + timedelta(minutes=m) for m in (-1, -5, -1, 1)]
    db.executemany(
        "INSERT INTO outbox_message (person_id, channel, kind, body_enc, solicited, status, attempts, "
        "next_attempt_at, created_at) VALUES (1, 'wechat', 'text', 'x', 1, 'queued', 0, ?, ?)",
        [(at.strftime(stamp), NOW.strftime(stamp)) for at in due],
    )
    statement = claim_statement(["wechat"], "sqlite").params(now=NOW)
    # Row 2 is the oldest due; rows 1 and 3 are due at the same time, in id order; row 4 is not due yet.
    assert [row[0] for row in db.execute(_sql(statement))] == [2, 1, 3]
