"""Whether an error means the database (or the way to it) is down, as opposed to one statement being refused.

One answer for every caller (the dispatcher, the outbox worker, the delivery-report writer, the WeChat token
store, /readyz): an outage is retried and then answered 503 so that the sender tries again later; any other
error belongs to the one message or write that caused it, is never retried (retrying a refused statement only
holds everyone else up) and is isolated at once.

Outages: connection errors of every layer (the OS: OSError, ConnectionError, timeouts; SQLAlchemy:
InterfaceError, an invalidated connection, the pool's timeout; asyncpg: its InterfaceError family and the
PostgreSQL SQLSTATE classes of connection trouble, the server starting or shutting down, too many connections,
lack of resources), transient conflicts a second try resolves (serialization failure, deadlock), and SQLite's
busy, locked, cannot-open, I/O, full and read-only errors.
"""

from __future__ import annotations

import sqlite3

import asyncpg
from sqlalchemy import exc as sa_exc

# SQLSTATE classes and codes (PostgreSQL appendix A).
_OUTAGE_SQLSTATE_CLASSES = frozenset({
    "08",  # connection exception
    "53",  # insufficient resources (too many connections, out of memory, disk full)
    "58",  # system error (I/O)
})
_OUTAGE_SQLSTATES = frozenset({
    "57P01",  # admin shutdown
    "57P02",  # crash shutdown
    "57P03",  # cannot connect now (the server is starting up)
    "57P04",  # database dropped
    "40001",  # serialization failure: a second try succeeds
    "40P01",  # deadlock detected: likewise
})
# SQLite primary result codes (the low byte of the extended code).
_SQLITE_OUTAGES = frozenset({
    5,  # SQLITE_BUSY
    6,  # SQLITE_LOCKED
    7,  # SQLITE_NOMEM
    8,  # SQLITE_READONLY
    10,  # SQLITE_IOERR
    13,  # SQLITE_FULL
    14,  # SQLITE_CANTOPEN
    15,  # SQLITE_PROTOCOL
})
_SQLITE_OUTAGE_WORDS = ("database is locked", "unable to open", "disk i/o error", "database or disk is full")
_MAX_CHAIN = 8


def is_outage(error: BaseException) -> bool:
    """True when `error`, or an error it wraps, says the database cannot be reached or used just now."""
    seen: set[int] = set()
    pending: list[BaseException] = [error]
    while pending and len(seen) < _MAX_CHAIN:
        current = pending.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        if _outage_itself(current):
            return True
        orig = getattr(current, "orig", None)
        pending.extend(e for e in (current.__cause__, orig, current.__context__) if isinstance(e, BaseException))
    return False


def _outage_itself(error: BaseException) -> bool:
    if isinstance(error, OSError | sa_exc.InterfaceError | sa_exc.DisconnectionError | sa_exc.TimeoutError):
        return True  # OSError covers ConnectionError and TimeoutError (asyncio's too, since Python 3.11)
    if isinstance(error, sa_exc.DBAPIError) and error.connection_invalidated:
        return True
    if isinstance(error, asyncpg.InterfaceError | asyncpg.exceptions.InternalClientError):
        return True  # the connection is closed, does not exist, or cannot be set up
    if isinstance(error, sqlite3.Error):
        code = getattr(error, "sqlite_errorcode", None)
        if isinstance(code, int):
            return code & 0xFF in _SQLITE_OUTAGES
        return any(word in str(error).lower() for word in _SQLITE_OUTAGE_WORDS)
    sqlstate = getattr(error, "sqlstate", None)
    if isinstance(sqlstate, str) and len(sqlstate) == 5:
        return sqlstate[:2] in _OUTAGE_SQLSTATE_CLASSES or sqlstate in _OUTAGE_SQLSTATES
    return False
