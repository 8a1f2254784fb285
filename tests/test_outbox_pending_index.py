"""The outbox worker's look-up of a person's queue (what is queued or being sent, bot/delivery.py
`_in_person_order`) reads only those rows through the (person_id, status) index, on SQLite and PostgreSQL,
not every message the person ever had through an index on person_id alone."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.dialects import postgresql

from storage.db import create_engine
from storage.migrate import upgrade
from storage.outbox_store import pending_query, pending_sql

INDEX = "ix_outbox_message_person_status"
PEOPLE = 40
SENT_EACH = 50


def test_the_direct_sqlite_look_up_seeks_person_and_status(tmp_path: Path) -> None:
    path = tmp_path / "pending.db"
    upgrade(f"sqlite+aiosqlite:///{path}")
    db = sqlite3.connect(path)
    plan = [row[3] for row in db.execute("EXPLAIN QUERY PLAN " + pending_sql(3), (1, 2, 3))]
    assert any(INDEX in step and "person_id=? AND status=?" in step for step in plan), plan


async def test_the_look_up_uses_the_person_and_status_index(database_url: str) -> None:
    """On the suite's database (PostgreSQL when configured): a history of sent messages per person and one
    queued each, statistics taken; the planner's choice for the worker's statement is the index."""
    engine = create_engine(database_url)
    try:
        async with engine.begin() as conn:
            await conn.execute(text("INSERT INTO person (id, locale, created_at, simulated) "
                                    "VALUES (:id, 'zh_CN', CURRENT_TIMESTAMP, false)"),
                               [{"id": pid} for pid in range(1, PEOPLE + 1)])
            await conn.execute(
                text("INSERT INTO outbox_message (person_id, channel, kind, body_enc, solicited, status, attempts, "
                     "next_attempt_at, created_at) VALUES (:pid, 'wechat', 'text', 'x', true, :status, 0, "
                     "CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"),
                [{"pid": pid, "status": "sent" if n else "queued"}
                 for pid in range(1, PEOPLE + 1) for n in range(SENT_EACH + 1)],
            )
            await conn.execute(text("ANALYZE"))
        query = pending_query([3, 17])
        async with engine.connect() as conn:
            if engine.dialect.name == "postgresql":
                sql = str(query.compile(dialect=postgresql.dialect(), compile_kwargs={"literal_binds": True}))
                plan = [row[0] for row in await conn.execute(text("EXPLAIN " + sql))]
            else:
                compiled = query.compile(engine.sync_engine, compile_kwargs={"literal_binds": True})
                plan = [row[3] for row in await conn.execute(text(f"EXPLAIN QUERY PLAN {compiled}"))]
            found = [tuple(row) for row in await conn.execute(query)]
    finally:
        await engine.dispose()
    assert any(INDEX in step for step in plan), plan
    assert [(pid, solicited) for pid, solicited, _id in found] == [(3, True), (17, True)]
