"""Database engine and sessions: SQLite in WAL mode with immediate write transactions, or PostgreSQL."""

from __future__ import annotations

import sqlite3
from typing import Any

import aiosqlite
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine
from sqlalchemy.pool import PoolResetState
from sqlalchemy.util import await_only

# `session.info` key set by a repository that queued work for a background worker (alerts): whoever commits
# the session wakes the workers afterwards (bot/dispatcher.py), so that the work goes out within seconds.
WAKE_WORKERS = "jiuye.wake_workers"
# `session.info` key: the clock's time when a unit of work runs in played time (the simulator's `at`), so that
# work it queues for a background worker is due by the clock, not held until the played time comes.
CLOCK_NOW = "jiuye.clock_now"


def create_engine(url: str, *, pool_size: int = 10, read_only: bool = False) -> AsyncEngine:
    """`read_only`: for pages that only read. Writes are refused (SQLite query_only, PostgreSQL
    default_transaction_read_only); on SQLite, deferred transactions that never take the write lock (in WAL mode
    they run beside the writer and each other); on PostgreSQL, no JIT compilation."""
    if url.startswith("sqlite"):
        engine = create_async_engine(
            url,
            # Pooled: opening an aiosqlite connection starts a thread and runs the PRAGMAs, far too much
            # per batch. Each transaction still starts a fresh WAL snapshot (BEGIN IMMEDIATE).
            pool_size=pool_size,
            max_overflow=pool_size,
            # check_same_thread: storage/hot_path.py runs the batch's statements on this connection from the
            # event loop's thread, inside the transaction SQLAlchemy holds (never while aiosqlite uses it).
            connect_args={"timeout": 30, "check_same_thread": False},
            # Rolled back on return only when a transaction is still open (`_on_reset`): after a commit the
            # rollback is another hand-off to aiosqlite's thread for nothing.
            pool_reset_on_return=None,
        )
        _configure_sqlite(engine.sync_engine, read_only=read_only)
        return engine
    if read_only:
        # Pages' queries carry scope sub-plans whose estimated cost crosses jit_above_cost: compiling them took
        # 125 ms for a 127 ms query (benchmarks/README.md, "Console"); and nothing here may write.
        return create_async_engine(url, pool_size=pool_size, max_overflow=pool_size, pool_pre_ping=True,
                                   connect_args={"server_settings": {"jit": "off",
                                                                     "default_transaction_read_only": "on"}})
    return create_async_engine(url, pool_size=pool_size, max_overflow=pool_size, pool_pre_ping=True)


def _configure_sqlite(engine: Engine, *, read_only: bool = False) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let us issue BEGIN ourselves (pysqlite's implicit BEGIN is deferred and breaks SERIALIZABLE use).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        # FULL: a committed reply survives power loss; group commit keeps the fsync cost per batch.
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=30000")
        if read_only:
            cursor.execute("PRAGMA query_only=ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        # Take the write lock up front: a deferred transaction that later writes can fail with
        # SQLITE_BUSY instead of waiting, which would turn contention into errors.
        begin = "BEGIN" if read_only else "BEGIN IMMEDIATE"
        driver = getattr(conn.connection.dbapi_connection, "driver_connection", None)
        if not isinstance(driver, aiosqlite.Connection):
            conn.exec_driver_sql(begin)
            return
        held = getattr(driver, "_connection", None)
        if isinstance(held, sqlite3.Connection) and held.in_transaction:
            # A session joining the transaction a dispatcher lane began on its held connection
            # (storage/hot_path.py HeldConnection): already BEGIN IMMEDIATE, and the lane's to end.
            return
        # One hand-off to aiosqlite's thread (exec_driver_sql makes three: cursor, execute, close). It may wait
        # there for the write lock (busy_timeout), never on the event loop.
        try:
            await_only(driver.execute(begin))
        except sqlite3.Error as exc:
            # As exec_driver_sql would raise it: the dispatcher retries OperationalError (locked, I/O).
            raise DBAPIError.instance(begin, None, exc, sqlite3.Error) from exc

    @event.listens_for(engine, "reset")
    def _on_reset(dbapi_connection: Any, _record: Any, state: PoolResetState) -> None:
        if not state.asyncio_safe:
            return  # what SQLAlchemy's own reset does: no I/O outside the event loop (garbage collection)
        raw = getattr(getattr(dbapi_connection, "driver_connection", None), "_conn", None)
        if not isinstance(raw, sqlite3.Connection) or raw.in_transaction:
            dbapi_connection.rollback()


def session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False)


def is_postgres(engine: AsyncEngine) -> bool:
    return engine.dialect.name == "postgresql"
