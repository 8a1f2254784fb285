"""A database that drops or stalls for a moment: the message waits or is retried, and nothing is lost."""

from __future__ import annotations

import asyncio
import sqlite3
from typing import Any

import asyncpg
from sqlalchemy import func, select

from bot import keys
from storage.models import InboundMessage
from tests.conftest import PG_URL


async def _inbound_count(app: Any) -> int:
    async with app[keys.SESSIONS]() as session:
        return int(await session.scalar(select(func.count()).select_from(InboundMessage)) or 0)


async def _drop_connections(database_url: str) -> int:
    """PostgreSQL: kill every server connection to the test database (what a failover or restart does)."""
    name = database_url.rsplit("/", 1)[1]
    conn = await asyncpg.connect(PG_URL.replace("postgresql+asyncpg://", "postgresql://"))
    try:
        return len(await conn.fetch(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()",
            name,
        ))
    finally:
        await conn.close()


async def test_a_dropped_or_locked_database_delays_but_loses_nothing(client: Any, database_url: str) -> None:
    first = await client.post("/simulator/messages", json={"user": "blip", "text": "菜单"})
    assert first.status == 200
    if PG_URL:
        assert await _drop_connections(database_url) >= 1  # the pool's idle connections are now dead
        resp = await client.post("/simulator/messages", json={"user": "blip", "text": "english"})
    else:
        # SQLite: another process holds the write lock for a moment.
        path = database_url.split("///", 1)[1]
        blocker = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        # Off the event loop: a worker's transaction under way (the outbox and alert workers poll) needs the
        # loop to finish; waiting for the lock on the loop itself held the lock forever (a flaky test).
        await asyncio.to_thread(blocker.execute, "BEGIN IMMEDIATE")
        pending = asyncio.ensure_future(client.post("/simulator/messages", json={"user": "blip", "text": "english"}))
        await asyncio.sleep(0.5)
        assert not pending.done()  # waiting for the lock, not failing
        blocker.execute("ROLLBACK")
        blocker.close()
        resp = await pending
    assert resp.status == 200
    assert (await resp.json())["replies"][0].startswith("Language set to English.")
    assert await _inbound_count(client.server.app) == 2


async def test_an_unreachable_database_gets_a_clear_503(make_client: Any, settings: Any) -> None:
    broken = settings.replace(database_url="postgresql+asyncpg://nobody:wrong@127.0.0.1:1/none")
    client = await make_client(broken)
    resp = await client.post("/simulator/messages", json={"user": "u", "text": "菜单"})
    assert resp.status == 503
    assert "unavailable" in (await resp.json())["error"]
