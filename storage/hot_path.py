"""The statements every batch of inbounds runs, on the connection of the unit of work's transaction.

Two implementations of one small interface (`Rows`), chosen per transaction by `rows_for(session)`:

- `SessionRows` runs SQLAlchemy Core statements through the session (PostgreSQL, where asyncpg already
  talks to the server without a thread in between).
- `SqliteRows` runs the same statements as plain SQL on the sqlite3 connection underneath aiosqlite,
  directly from the event loop. Through SQLAlchemy and aiosqlite every statement costs several hand-offs
  to aiosqlite's thread and back plus SQLAlchemy's per-row processing; these statements touch a few pages
  already in the cache and take microseconds, so running them in place is far cheaper (benchmarks/README.md).
  Values are converted with the column types' own SQLAlchemy processors, so what is stored is exactly what
  the ORM would store. The transaction is still SQLAlchemy's: it began with BEGIN IMMEDIATE (storage/db.py)
  and its COMMIT, the one slow step (fsync), still runs on aiosqlite's thread.

Both run inside the caller's transaction and never commit.
"""

from __future__ import annotations

import functools
import json
import logging
import operator
import sqlite3
from collections.abc import Awaitable, Callable, Iterable, Mapping, Sequence
from datetime import UTC, datetime
from typing import Any, Protocol, cast

import aiosqlite
from sqlalchemy import Table, bindparam, delete, select, text
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Dialect
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, AsyncSession, async_sessionmaker
from sqlalchemy.sql import Select
from sqlalchemy.sql.dml import Update
from sqlalchemy.types import TypeEngine

from dialogs.types import SignedRequest as SignedRequest
from storage import repositories as repo
from storage.crypto import FieldCipher
from storage.models import EventLog, FormChange, Person, WechatRequest
from storage.models.base import UtcDateTime
from storage.repositories import ACCOUNT, CONVERSATION, AccountRef, LockedConversation, StoredInbound

# The tables the unit of work hands to `Rows.insert`, re-exported with the hot path's own.
from storage.repositories import INBOUND as INBOUND
from storage.repositories import OUTBOX as OUTBOX

log = logging.getLogger(__name__)

Key = tuple[str, str]
EVENT_LOG = cast(Table, EventLog.__table__)
FORM_CHANGE = cast(Table, FormChange.__table__)
REQUEST = cast(Table, WechatRequest.__table__)
PERSON = cast(Table, Person.__table__)
_PRUNE_REQUESTS = delete(REQUEST).where(REQUEST.c.expires_at < bindparam("now"))
_CLAIM_REQUESTS_PG = text(
    "INSERT INTO wechat_request (request_key, body_digest, expires_at) "
    "SELECT * FROM unnest(CAST(:keys AS bigint[]), CAST(:digests AS bigint[]), CAST(:expires AS timestamptz[])) "
    "ON CONFLICT (request_key) DO UPDATE SET request_key = EXCLUDED.request_key "
    "RETURNING request_key, body_digest"
)
_UPDATE_CONVERSATION = (
    CONVERSATION.update()
    .where(CONVERSATION.c.person_id == bindparam("pid"))
    .values(state=bindparam("state"), version=bindparam("version"), updated_at=bindparam("now"))
)


class Rows(Protocol):
    async def find_accounts(self, keys: Sequence[Key]) -> dict[Key, AccountRef]: ...

    async def conversations(self, person_ids: Iterable[int]) -> dict[int, LockedConversation]:
        """Read (and on PostgreSQL lock, in id order) these people's conversations."""
        ...

    async def find_inbound(self, keys: Sequence[Key]) -> dict[Key, StoredInbound]: ...

    async def insert_inbound(self, rows: list[dict[str, Any]]) -> dict[Key, int]:
        """Insert inbound_message rows; (channel, dedup_key) -> id."""
        ...

    async def insert(self, table: Table, rows: list[dict[str, Any]]) -> None: ...

    async def update_conversations(self, rows: list[dict[str, Any]]) -> None:
        """Rows of pid, state (a JSON-able dict), version, now."""
        ...

    async def open_states(self, person_ids: Iterable[int], cipher: FieldCipher) -> dict[int, LockedConversation]:
        """`conversations` with each state opened (`repositories.open_state`): what the unit of work steps on."""
        ...

    async def store_states(self, states: Sequence[tuple[int, dict[str, Any], int]], now: datetime,
                           cipher: FieldCipher) -> None:
        """(person id, state as the dialog left it, new version): each state sealed (`repositories.seal_state`)
        and written with `now`, as `update_conversations` writes it."""
        ...

    async def touch_accounts(self, account_ids: Iterable[int], now: datetime) -> None: ...

    async def fetch(self, statement: Select[Any], params: Mapping[str, Any]) -> list[Any]:
        """The rows of a look-up (a constant Core select with named parameters, no expanding IN, returning plain
        values: ids, text, flags): effects that read inside the unit of work (bot/casework)."""
        ...

    async def insert_returning_id(self, table: Table, row: dict[str, Any], *, unless: str) -> int | None:
        """Insert one row unless one with the same value in the unique column `unless` exists; its id, or None."""
        ...

    async def claim_requests(self, requests: Sequence[SignedRequest]) -> dict[int, int]:
        """Store the signed requests not seen before (distinct keys); key -> the body digest stored for it,
        which is another body's when the URL was already used."""
        ...

    async def prune_requests(self, now: datetime) -> None: ...

    async def create_people(self, addresses: Mapping[Key, str], locale: str, now: datetime, *,
                            simulated: bool) -> dict[Key, AccountRef]:
        """A new person, account and empty conversation for each (channel, address_hash) -> address_enc."""
        ...

    async def update(self, statement: Update, rows: list[dict[str, Any]]) -> None:
        """A constant Core UPDATE run once per row (an executemany), its values converted by the column types."""
        ...


class SessionRows:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def find_accounts(self, keys: Sequence[Key]) -> dict[Key, AccountRef]:
        return await repo.find_accounts(self.session, keys)

    async def conversations(self, person_ids: Iterable[int]) -> dict[int, LockedConversation]:
        return await repo.lock_conversations(self.session, person_ids)

    async def find_inbound(self, keys: Sequence[Key]) -> dict[Key, StoredInbound]:
        return await repo.find_inbound(self.session, keys)

    async def insert_inbound(self, rows: list[dict[str, Any]]) -> dict[Key, int]:
        _check_complete(INBOUND, rows[0])
        # One executemany, then the ids by the unique key: RETURNING in parameter order would make
        # SQLAlchemy run one INSERT per row.
        await self.session.execute(INBOUND.insert(), rows)
        return await repo.inbound_ids(self.session, [(row["channel"], row["dedup_key"]) for row in rows])

    async def insert(self, table: Table, rows: list[dict[str, Any]]) -> None:
        if rows:
            _check_complete(table, rows[0])
            await self.session.execute(table.insert(), rows)

    async def update_conversations(self, rows: list[dict[str, Any]]) -> None:
        if rows:
            await self.session.execute(_UPDATE_CONVERSATION, rows)

    async def open_states(self, person_ids: Iterable[int], cipher: FieldCipher) -> dict[int, LockedConversation]:
        locked = await self.conversations(person_ids)
        return {pid: LockedConversation(repo.open_state(conv.state, cipher) if conv.state else {}, conv.version)
                for pid, conv in locked.items()}

    async def store_states(self, states: Sequence[tuple[int, dict[str, Any], int]], now: datetime,
                           cipher: FieldCipher) -> None:
        await self.update_conversations([{"pid": pid, "state": repo.seal_state(state, cipher), "version": version,
                                          "now": now} for pid, state, version in states])

    async def touch_accounts(self, account_ids: Iterable[int], now: datetime) -> None:
        await repo.touch_accounts(self.session, account_ids, now)

    async def fetch(self, statement: Select[Any], params: Mapping[str, Any]) -> list[Any]:
        return list(await self.session.execute(statement, dict(params)))

    async def insert_returning_id(self, table: Table, row: dict[str, Any], *, unless: str) -> int | None:
        _check_complete(table, row)
        insert = pg_insert if self.session.bind.dialect.name == "postgresql" else sqlite_insert
        statement = insert(table).values(row).on_conflict_do_nothing(index_elements=[unless])
        found: int | None = (await self.session.execute(statement.returning(table.c.id))).scalar_one_or_none()
        return found

    async def claim_requests(self, requests: Sequence[SignedRequest]) -> dict[int, int]:
        # One statement: a new key is inserted, a known one left as it is and its stored digest returned
        # (DO UPDATE, not DO NOTHING, so that RETURNING gives the existing row; it waits for a concurrent
        # transaction claiming the same key, whichever process it is in).
        if self.session.bind.dialect.name == "postgresql":
            # The same text whatever the batch size (arrays, not a VALUES row each): prepared once.
            result = await self.session.execute(_CLAIM_REQUESTS_PG, {
                "keys": [r.key for r in requests], "digests": [r.body_digest for r in requests],
                "expires": [r.expires_at for r in requests],
            })
            return {key: digest for key, digest in result}
        # SQLite without direct access to its connection (SqliteRows is the usual way).
        values = sqlite_insert(REQUEST).values([
            {"request_key": r.key, "body_digest": r.body_digest, "expires_at": r.expires_at} for r in requests
        ])
        claim = values.on_conflict_do_update(
            index_elements=[REQUEST.c.request_key], set_={"request_key": values.excluded.request_key}
        ).returning(REQUEST.c.request_key, REQUEST.c.body_digest)
        return {key: digest for key, digest in await self.session.execute(claim)}

    async def prune_requests(self, now: datetime) -> None:
        await self.session.execute(_PRUNE_REQUESTS, {"now": now})

    async def create_people(self, addresses: Mapping[Key, str], locale: str, now: datetime, *,
                            simulated: bool) -> dict[Key, AccountRef]:
        return await repo.create_people_with_accounts(self.session, addresses, locale, now, simulated=simulated)

    async def update(self, statement: Update, rows: list[dict[str, Any]]) -> None:
        if rows:
            await self.session.execute(statement, rows)


Processor = Callable[[Any], Any]


class SqliteRows:
    def __init__(self, connection: sqlite3.Connection, dialect: Dialect) -> None:
        self.db = connection
        self.dialect = dialect
        # What SQLAlchemy's JSON type serialises and parses with on this dialect (sqltypes.JSON: the dialect's
        # json_serializer / json_deserializer, else json.dumps / json.loads).
        self._dumps: Callable[[Any], str] = getattr(dialect, "_json_serializer", None) or json.dumps
        self._loads: Callable[[str], Any] = getattr(dialect, "_json_deserializer", None) or json.loads

    def _exec(self, sql: str, params: Sequence[Any]) -> list[Any]:
        try:
            return self.db.execute(sql, params).fetchall()
        except sqlite3.Error as exc:
            # As SQLAlchemy would raise it: the dispatcher retries OperationalError (locked, I/O) and so on.
            raise DBAPIError.instance(sql, None, exc, sqlite3.Error) from exc

    def _many(self, sql: str, params: Sequence[Sequence[Any]]) -> None:
        try:
            self.db.executemany(sql, params)
        except sqlite3.Error as exc:
            raise DBAPIError.instance(sql, None, exc, sqlite3.Error) from exc

    def _bind(self, table: Table, column: str) -> Processor | None:
        return _bind_processor(self.dialect, table, column)

    def _select_keyed(self, columns: str, table: str, key_column: str, keys: Sequence[Key]) -> list[Any]:
        """`channel = ? AND key IN (…)` per channel: an index search on the unique (channel, key) index."""
        by_channel: dict[str, list[str]] = {}
        for channel, key in keys:
            by_channel.setdefault(channel, []).append(key)
        rows: list[Any] = []
        for channel, values in by_channel.items():
            marks = ",".join("?" * len(values))
            # Identifiers here and below are this module's constants or the table's columns; values are bound.
            sql = f"SELECT channel, {key_column}, {columns} FROM {table} WHERE channel = ? AND {key_column} IN ({marks})"  # noqa: S608, E501
            rows.extend(self._exec(sql, (channel, *values)))
        return rows

    async def find_accounts(self, keys: Sequence[Key]) -> dict[Key, AccountRef]:
        by_channel: dict[str, list[str]] = {}
        for channel, key in keys:
            by_channel.setdefault(channel, []).append(key)
        found: dict[Key, AccountRef] = {}
        for channel, values in by_channel.items():
            # With the caseworker whose address it is, if any (repositories._accounts_by_key says why).
            marks = ",".join("?" * len(values))
            sql = (
                "SELECT a.address_hash, a.id, a.person_id, w.caseworker_id FROM channel_account a "  # noqa: S608
                "LEFT JOIN caseworker_address w ON w.channel = a.channel AND w.address_hash = a.address_hash "
                f"WHERE a.channel = ? AND a.address_hash IN ({marks})"
            )
            for key, id_, person_id, caseworker in self._exec(sql, (channel, *values)):
                found[(channel, key)] = AccountRef(id_, person_id, caseworker)
        return found

    async def conversations(self, person_ids: Iterable[int]) -> dict[int, LockedConversation]:
        ids = sorted(set(person_ids))
        if not ids:
            return {}
        # SQLite has one writer at a time: BEGIN IMMEDIATE already locked everything.
        sql = f"SELECT person_id, state, version FROM conversation WHERE person_id IN ({','.join('?' * len(ids))})"  # noqa: S608
        load = _result_processor(self.dialect, CONVERSATION, "state")
        return {
            person_id: LockedConversation(load(state) if load else state, version)
            for person_id, state, version in self._exec(sql, ids)
        }

    async def find_inbound(self, keys: Sequence[Key]) -> dict[Key, StoredInbound]:
        rows = self._select_keyed("id, awaiting, person_id", "inbound_message", "dedup_key", keys)
        return {
            (channel, key): StoredInbound(id_, awaiting, person_id) for channel, key, id_, awaiting, person_id in rows
        }

    async def insert_inbound(self, rows: list[dict[str, Any]]) -> dict[Key, int]:
        self._many(*self._insert_sql(INBOUND, rows))
        keys = [(row["channel"], row["dedup_key"]) for row in rows]
        found = self._select_keyed("id", "inbound_message", "dedup_key", keys)
        return {(channel, key): id_ for channel, key, id_ in found}

    async def insert(self, table: Table, rows: list[dict[str, Any]]) -> None:
        if rows:
            self._many(*self._insert_sql(table, rows))

    def execute_many(self, table: Table, sql: str, columns: Sequence[str], rows: Iterable[Sequence[Any]],
                     *, prefix: str = "") -> None:
        """`sql` with its `?` parameters bound from `rows` (values of `columns` of `table`, converted by the
        columns' own processors); `prefix` is a leading INSERT built from `columns` (then `sql` is its tail,
        e.g. an ON CONFLICT clause). For the scheduler's fire-table writes, many per unit of work."""
        processors = [self._bind(table, c) for c in columns]
        if prefix:
            sql = f"{prefix} INTO {table.name} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))}) {sql}"
        self._many(sql, [tuple(p(v) if p else v for p, v in zip(processors, row, strict=True)) for row in rows])

    def _insert_sql(self, table: Table, rows: list[dict[str, Any]]) -> tuple[str, list[list[Any]]]:
        """Every row has the same keys (the unit of work builds them so). A column left out is NULL, not the
        model's default: leaving out one that has a default is refused rather than stored differently."""
        names = list(rows[0])
        columns = [table.c[name].name for name in names]  # KeyError for anything not a column
        _check_complete(table, columns)
        sql = f"INSERT INTO {table.name} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"  # noqa: S608
        # The values in column order by one C call per row; only the columns with a processor are then visited.
        processed = [(i, p) for i, c in enumerate(columns) if (p := self._bind(table, c)) is not None]
        take = operator.itemgetter(*names)
        if len(names) == 1:
            values = [[take(row)] for row in rows]
        else:
            values = [list(take(row)) for row in rows]
        for value in values:
            for i, process in processed:
                value[i] = process(value[i])
        return sql, values

    async def update_conversations(self, rows: list[dict[str, Any]]) -> None:
        if not rows:
            return
        state = self._bind(CONVERSATION, "state")
        updated = self._bind(CONVERSATION, "updated_at")
        self._many(
            "UPDATE conversation SET state = ?, version = ?, updated_at = ? WHERE person_id = ?",
            [
                (
                    state(row["state"]) if state else row["state"],
                    row["version"],
                    updated(row["now"]) if updated else row["now"],
                    row["pid"],
                )
                for row in rows
            ],
        )

    async def open_states(self, person_ids: Iterable[int], cipher: FieldCipher) -> dict[int, LockedConversation]:
        """One pass from the stored text to the opened state: parsed once, and opened only when the text holds a
        sealed value (`"$enc"`), instead of the JSON type's processor and then `open_state`'s own search of the
        parsed state (a marshal dump of it: its search in C)."""
        ids = sorted(set(person_ids))
        if not ids:
            return {}
        sql = f"SELECT person_id, state, version FROM conversation WHERE person_id IN ({','.join('?' * len(ids))})"  # noqa: S608
        loads, found = self._loads, {}
        for person_id, stored, version in self._exec(sql, ids):
            state = loads(stored) if stored is not None else None
            if state and _SEALED_TEXT in stored:
                state = repo.open_state(state, cipher)
            found[person_id] = LockedConversation(state or {}, version)
        return found

    async def store_states(self, states: Sequence[tuple[int, dict[str, Any], int]], now: datetime,
                           cipher: FieldCipher) -> None:
        """One pass from the state to the stored text: serialised once, and sealed (then serialised again) only
        when the text names a sensitive key, instead of `seal_state`'s marshal dump of every state to search and
        then the JSON type's serialisation. The same text either way: `seal_state` returns a state without a
        sensitive key as it is, and a key can only be in the JSON as its quoted name."""
        if not states:
            return
        dumps, updated = self._dumps, self._bind(CONVERSATION, "updated_at")
        stamp = updated(now) if updated else now
        rows = []
        for pid, state, version in states:
            stored = dumps(state)
            if _SENSITIVE_TEXT[0] in stored or _SENSITIVE_TEXT[1] in stored or _SENSITIVE_TEXT[2] in stored \
                    or _SENSITIVE_TEXT[3] in stored:
                stored = dumps(repo.seal_state(state, cipher))
            rows.append((stored, version, stamp, pid))
        self._many("UPDATE conversation SET state = ?, version = ?, updated_at = ? WHERE person_id = ?", rows)

    async def claim_requests(self, requests: Sequence[SignedRequest]) -> dict[int, int]:
        # BEGIN IMMEDIATE holds the write lock: nobody can claim a key between the look-up and the insert.
        keys = [r.key for r in requests]
        sql = f"SELECT request_key, body_digest FROM wechat_request WHERE request_key IN ({','.join('?' * len(keys))})"  # noqa: S608
        stored: dict[int, int] = dict(self._exec(sql, keys))
        new = [r for r in requests if r.key not in stored]
        if new:
            stamp = self._bind(REQUEST, "expires_at")
            self._many(
                "INSERT INTO wechat_request (request_key, body_digest, expires_at) VALUES (?, ?, ?)",
                [(r.key, r.body_digest, stamp(r.expires_at) if stamp else r.expires_at) for r in new],
            )
            stored |= {r.key: r.body_digest for r in new}
        return stored

    async def prune_requests(self, now: datetime) -> None:
        stamp = self._bind(REQUEST, "expires_at")
        self._exec("DELETE FROM wechat_request WHERE expires_at < ?", (stamp(now) if stamp else now,))

    async def touch_accounts(self, account_ids: Iterable[int], now: datetime) -> None:
        ids = sorted(set(account_ids))
        if ids:
            stamp = self._bind(ACCOUNT, "last_inbound_at")
            self._exec(
                f"UPDATE channel_account SET last_inbound_at = ? WHERE id IN ({','.join('?' * len(ids))})",  # noqa: S608
                (stamp(now) if stamp else now, *ids),
            )


    async def create_people(self, addresses: Mapping[Key, str], locale: str, now: datetime, *,
                            simulated: bool) -> dict[Key, AccountRef]:
        if not addresses:
            return {}
        # The new people are identical rows, so which id goes with which address does not matter: one
        # multi-row INSERT … RETURNING (SQLite returns no rows from an executemany).
        sql, people = self._insert_sql(PERSON, [{"locale": locale, "created_at": now, "simulated": simulated}])
        one = sql[sql.index(" VALUES ") + len(" VALUES "):]
        found = self._exec(f"{sql}{(', ' + one) * (len(addresses) - 1)} RETURNING id", people[0] * len(addresses))
        person_ids = [row[0] for row in found]
        await self.insert(ACCOUNT, [
            {"person_id": pid, "channel": channel, "address_hash": address_hash, "address_enc": enc,
             "created_at": now}
            for pid, ((channel, address_hash), enc) in zip(person_ids, addresses.items(), strict=True)
        ])
        await self.insert(CONVERSATION, [{"person_id": pid, "state": {}, "version": 0, "updated_at": now}
                                         for pid in person_ids])
        return await self.find_accounts(list(addresses))

    async def update(self, statement: Update, rows: list[dict[str, Any]]) -> None:
        if rows:
            sql, names, processors = _compiled_update(self.dialect, statement)
            self._many(sql, [tuple(p(row[n]) if p else row[n] for n, p in zip(names, processors, strict=True))
                             for row in rows])

    async def fetch(self, statement: Select[Any], params: Mapping[str, Any]) -> list[Any]:
        sql, names, defaults = _compiled(self.dialect, statement)
        return self._exec(sql, [params[n] if n in params else defaults[n] for n in names])

    async def insert_returning_id(self, table: Table, row: dict[str, Any], *, unless: str) -> int | None:
        sql, [values] = self._insert_sql(table, [row])
        found = self._exec(f"{sql} ON CONFLICT ({table.c[unless].name}) DO NOTHING RETURNING id", values)
        return int(found[0][0]) if found else None


@functools.lru_cache(maxsize=256)
def _compiled(dialect: Dialect, statement: Select[Any]) -> tuple[str, tuple[str, ...], dict[str, Any]]:
    """A constant statement as SQLite's SQL, its positional parameter names and the literals' values."""
    compiled = statement.compile(dialect=dialect)
    if any(getattr(p, "expanding", False) for p in compiled.binds.values()):
        raise ValueError("fetch() takes statements without expanding IN parameters")
    return compiled.string, tuple(compiled.positiontup or ()), dict(compiled.params)


@functools.lru_cache(maxsize=64)
def _compiled_update(dialect: Dialect, statement: Update) -> tuple[str, tuple[str, ...], tuple[Processor | None, ...]]:
    """A constant UPDATE as SQLite's SQL, its positional parameter names and their types' bind processors."""
    compiled = statement.compile(dialect=dialect)
    names = tuple(compiled.positiontup or ())
    if compiled.params.keys() - set(names) or any(compiled.params.values()):
        raise ValueError("update() takes statements whose values are all named parameters")
    return compiled.string, names, tuple(_processor(dialect, compiled.binds[n].type) for n in names)


# How a sealed value and a sensitive key look in a state's JSON (json.dumps never escapes these characters).
_SEALED_TEXT = json.dumps(repo.SEALED_KEY)
_SENSITIVE_TEXT = tuple(json.dumps(key) for key in sorted(repo.SENSITIVE_STATE_KEYS))
if len(_SENSITIVE_TEXT) != 4:  # pragma: no cover - store_states tests four: a fifth key fails here, at import
    raise ImportError("storage/hot_path.py store_states: update the sensitive keys' test")

_BIND: dict[tuple[str, str, str], Processor | None] = {}
_RESULT: dict[tuple[str, str, str], Processor | None] = {}


def _bind_processor(dialect: Dialect, table: Table, column: str) -> Processor | None:
    key = (dialect.name, table.name, column)
    if key not in _BIND:
        _BIND[key] = _processor(dialect, table.c[column].type)
    return _BIND[key]


def _processor(dialect: Dialect, type_: TypeEngine[Any]) -> Processor | None:
    if dialect.name == "sqlite" and isinstance(type_, UtcDateTime):
        return _sqlite_utc_text
    return type_.bind_processor(dialect)


_UTC_TEXT: dict[datetime, str] = {}


def _sqlite_utc_text(value: datetime | None) -> str | None:
    """A UtcDateTime as SQLAlchemy stores it in SQLite (naive UTC text, always with microseconds), made here:
    handing sqlite3 the naive datetime made its default adapter write `isoformat(" ")`, which leaves the
    microseconds out on a whole second (a different text, sorting before SQLAlchemy's for the same instant).
    A batch's rows carry the same few instants many times over (the clock's `now`): each converted once."""
    if value is None:
        return None
    text = _UTC_TEXT.get(value)
    if text is None:
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        if len(_UTC_TEXT) >= 256:
            _UTC_TEXT.clear()
        text = _UTC_TEXT[value] = value.astimezone(UTC).replace(tzinfo=None).isoformat(" ", "microseconds")
    return text


def _check_complete(table: Table, columns: Iterable[str]) -> None:
    """Both implementations refuse rows without a value for a column that has a model default (SQLAlchemy
    would fill it in, the direct statements would store NULL): the same rows are stored alike or not at all."""
    if missing := _with_default(table) - set(columns):
        raise ValueError(f"{table.name}: no value for {sorted(missing)}, which have defaults")


@functools.cache
def _with_default(table: Table) -> frozenset[str]:
    return frozenset(c.name for c in table.c if c.default is not None and not c.primary_key)


def _result_processor(dialect: Dialect, table: Table, column: str) -> Processor | None:
    key = (dialect.name, table.name, column)
    if key not in _RESULT:
        _RESULT[key] = table.c[column].type.result_processor(dialect, None)
    return _RESULT[key]


async def rows_for(session: AsyncSession) -> Rows:
    """The implementation for this session's database; the transaction is begun here if it was not. Kept for
    the rest of the transaction: effects reading inside the unit of work ask for it again and again, and
    reaching the connection through the session costs more than their look-ups. A lane's `HeldSession` has them
    already (and makes no session for them)."""
    if isinstance(session, HeldSession):
        return session.rows
    kept = session.info.get(_ROWS_KEY)
    transaction = session.sync_session.get_transaction()
    if kept is not None and transaction is not None and kept[0] is transaction:
        rows: Rows = kept[1]
        return rows
    rows = await _rows_for(session)
    session.info[_ROWS_KEY] = (session.sync_session.get_transaction(), rows)
    return rows


_ROWS_KEY = "jiuye.hot_path_rows"


async def _rows_for(session: AsyncSession) -> Rows:
    connection = await session.connection()
    if connection.dialect.name != "sqlite":
        return SessionRows(session)
    raw = await connection.get_raw_connection()
    # aiosqlite keeps its sqlite3 connection in `_conn`; opened with check_same_thread=False (storage/db.py).
    sqlite_connection = getattr(raw.driver_connection, "_conn", None)
    if not isinstance(sqlite_connection, sqlite3.Connection):
        log.warning("no sqlite3 connection under aiosqlite: the hot path runs through SQLAlchemy (slower)")
        return SessionRows(session)
    return SqliteRows(sqlite_connection, connection.dialect)


async def fetch(session: AsyncSession, statement: Select[Any], **params: Any) -> list[Any]:
    """A look-up inside the caller's transaction, on the direct statements where there are (see Rows.fetch)."""
    return await (await rows_for(session)).fetch(statement, params)


async def insert_returning_id(session: AsyncSession, table: Table, row: dict[str, Any], *, unless: str) -> int | None:
    """One row inserted unless its `unless` value exists, in the caller's transaction (see Rows)."""
    return await (await rows_for(session)).insert_returning_id(table, row, unless=unless)


async def update(session: AsyncSession, statement: Update, rows: list[dict[str, Any]]) -> None:
    """A constant Core UPDATE with named parameters, once per row, in the caller's transaction (see Rows)."""
    await (await rows_for(session)).update(statement, rows)


async def conversation_state(session: AsyncSession, person_id: int) -> Any:
    """A person's conversation state as stored (the sealed JSON), or None; in the caller's transaction. On SQLite
    the plain read of `Rows.conversations` (the write lock is the transaction's already); on PostgreSQL a plain
    select, never FOR UPDATE: the caller may not hold the person's lock in order."""
    rows = await rows_for(session)
    if isinstance(rows, SqliteRows):
        found = await rows.conversations([person_id])
        return found[person_id].state if person_id in found else None
    return await session.scalar(_CONVERSATION_STATE, {"pid": person_id})


_CONVERSATION_STATE = select(CONVERSATION.c.state).where(CONVERSATION.c.person_id == bindparam("pid"))


class HeldSession:
    """What the unit of work takes for its ORM session on a lane's held SQLite connection (`HeldConnection`).

    The batch's own statements run on `rows` (the sqlite3 connection, as `rows_for` gives them) and `info` is a
    plain dict; a session, bound to the held connection and joining the transaction already begun on it, is made
    only when something asks for anything else (an effect's ORM query or insert): most batches never make one.
    """

    __slots__ = ("_info", "_make", "_session", "rows")

    def __init__(self, rows: SqliteRows, make: Callable[[dict[str, Any]], AsyncSession],
                 info: dict[str, Any]) -> None:
        self.rows = rows
        self._make = make
        self._info = info
        self._session: AsyncSession | None = None

    @property
    def info(self) -> dict[str, Any]:
        return self._session.info if self._session is not None else self._info

    @property
    def opened(self) -> AsyncSession | None:
        """The session, if anything made it."""
        return self._session

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        session = self._session
        if session is None:
            session = self._session = self._make(self._info)
        return getattr(session, name)


class HeldConnection:
    """A SQLite connection a dispatcher lane keeps for its life, its transactions begun and committed on the
    sqlite3 connection itself (BEGIN IMMEDIATE and COMMIT, one hand-off to aiosqlite's thread each): no pool
    checkout, session, SQLAlchemy transaction and close per batch. A session is made for a batch only when one
    of its effects asks for it (`HeldSession`); it joins the transaction (storage/db.py's `begin` event issues no
    second BEGIN on a connection already in one) and its commit is the transaction's."""

    def __init__(self, connection: AsyncConnection, driver: aiosqlite.Connection, db: sqlite3.Connection,
                 sessions: async_sessionmaker[AsyncSession]) -> None:
        self.connection = connection
        self.driver = driver
        self.db = db
        self.dialect = connection.dialect
        self._sessions = sessions
        # The engine's pool when this was opened: `engine.dispose()` replaces it, and a held connection then
        # goes the way of the pooled ones (`current`).
        self._engine = connection.engine
        self._pool = connection.engine.pool

    @property
    def current(self) -> bool:
        """False once the engine was disposed of since this was opened (its pooled connections were closed)."""
        return self._engine.pool is self._pool

    @classmethod
    async def open(cls, sessions: async_sessionmaker[AsyncSession]) -> HeldConnection | None:
        """One for the sessions' SQLite engine; None for any other database (the lane keeps its sessions)."""
        engine = sessions.kw.get("bind")
        if not isinstance(engine, AsyncEngine) or engine.dialect.name != "sqlite":
            return None
        connection = await engine.connect()
        try:
            raw = await connection.get_raw_connection()
            driver = raw.driver_connection
            db = getattr(driver, "_conn", None)
        except BaseException:
            await connection.close()
            raise
        if not isinstance(driver, aiosqlite.Connection) or not isinstance(db, sqlite3.Connection):
            await connection.close()
            return None
        return cls(connection, driver, db, sessions)

    async def begin(self) -> HeldSession:
        if self.db.in_transaction:  # pragma: no cover - rollback() ends every transaction; never left open
            await self._driver_call(self.driver.rollback, "ROLLBACK")
        await self._driver_call(functools.partial(self.driver.execute, "BEGIN IMMEDIATE"), "BEGIN IMMEDIATE")
        # The sessions' own info (bot/app.py's CAN_SEND) readable before any session is made.
        return HeldSession(SqliteRows(self.db, self.dialect), self._session, dict(self._sessions.kw.get("info") or {}))

    def _session(self, info: dict[str, Any]) -> AsyncSession:
        session = self._sessions(bind=self.connection)
        session.info.update(info)
        return session

    async def commit(self, held: HeldSession) -> None:
        session = held.opened
        if session is not None:
            await session.commit()  # its flush, then the COMMIT when its transaction was begun
            await session.close()
        if self.db.in_transaction:
            await self._driver_call(self.driver.commit, "COMMIT")

    async def rollback(self, held: HeldSession) -> bool:
        """Roll back whatever the batch did; False when the connection could not be brought back to no
        transaction (then it is closed and must not be used again)."""
        try:
            session = held.opened
            if session is not None:
                await session.rollback()
                await session.close()
            if self.db.in_transaction:
                await self._driver_call(self.driver.rollback, "ROLLBACK")
            if not self.connection.invalidated:
                return True
        except Exception:
            log.warning("a held connection could not be rolled back: closed")
        await self.close()
        return False

    async def close(self) -> None:
        try:
            await self.connection.close()
        except Exception:  # noqa: S110 - closing a broken connection; nothing more to do with it
            pass

    @staticmethod
    async def _driver_call(call: Callable[[], Awaitable[Any]], sql: str) -> None:
        try:
            await call()
        except sqlite3.Error as exc:
            # As SQLAlchemy raises it: the dispatcher retries OperationalError (locked, I/O) and so on.
            raise DBAPIError.instance(sql, None, exc, sqlite3.Error) from exc
