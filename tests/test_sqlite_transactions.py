"""storage/db.py on SQLite: BEGIN IMMEDIATE in one hand-off, and a connection rolled back on return only when
a transaction is still open."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from storage.db import create_engine
from storage.migrate import upgrade
from storage.outage import is_outage


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    url = f"sqlite+aiosqlite:///{tmp_path / 'jiuye.db'}"
    upgrade(url)
    return url


async def test_a_locked_database_at_begin_is_an_outage_as_sqlalchemy_raises_it(sqlite_url: str) -> None:
    """The dispatcher retries outages: BEGIN IMMEDIATE failing for the lock must surface as before."""
    engine = create_engine(sqlite_url, pool_size=1)
    blocker = sqlite3.connect(sqlite_url.split("///", 1)[1], isolation_level=None, check_same_thread=False)
    try:
        async with engine.connect() as conn:
            raw = await conn.get_raw_connection()
            await raw.driver_connection.execute("PRAGMA busy_timeout=0")  # type: ignore[union-attr]
            await asyncio.to_thread(blocker.execute, "BEGIN IMMEDIATE")
            with pytest.raises(OperationalError) as caught:
                await conn.begin()
            assert is_outage(caught.value) and "locked" in str(caught.value)
            blocker.execute("ROLLBACK")
            await conn.begin()
            assert (await conn.execute(text("SELECT 1"))).scalar() == 1
    finally:
        blocker.close()
        await engine.dispose()


async def test_a_connection_returned_inside_a_transaction_is_rolled_back(sqlite_url: str) -> None:
    engine = create_engine(sqlite_url, pool_size=1)
    try:
        async with engine.connect() as conn:
            raw = await conn.get_raw_connection()
            driver = raw.driver_connection
            assert driver is not None
            # Begun and written under SQLAlchemy's nose: only the pool's reset can undo it.
            await driver.execute("BEGIN IMMEDIATE")
            await driver.execute("INSERT INTO person (locale, created_at, simulated) VALUES ('zh_CN', '2026-12-05', 0)")
        async with engine.begin() as conn:  # the same pooled connection: BEGIN IMMEDIATE would fail inside one
            assert (await conn.execute(text("SELECT count(*) FROM person"))).scalar() == 0
            await conn.execute(text("INSERT INTO person (locale, created_at, simulated)"
                                    " VALUES ('en', '2026-12-05', 0)"))
        async with engine.connect() as conn:
            assert (await conn.execute(text("SELECT locale FROM person"))).scalars().all() == ["en"]
    finally:
        await engine.dispose()
