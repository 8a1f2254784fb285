"""The outbox worker's statements (claim, routing look-ups, settle), inside the worker's transaction.

Two implementations of one interface (`OutboxStore`), chosen per transaction by `outbox_store(session)`, as
storage/hot_path.py does for the unit of work:

- `SessionStore` runs SQLAlchemy Core statements through the session (PostgreSQL: FOR UPDATE SKIP LOCKED,
  asyncpg without a thread in between).
- `SqliteStore` runs the same statements as plain SQL on the sqlite3 connection underneath aiosqlite,
  directly from the event loop. Through aiosqlite each of a batch's ~15 statements was a hand-off to its
  thread and back plus SQLAlchemy's compilation and row processing, a third of what the worker cost per
  message (benchmarks/README.md, "Check-ins"). Values go through the columns' own SQLAlchemy processors, so
  what is stored and read is what the Core statements store and read; BEGIN IMMEDIATE and COMMIT stay
  SQLAlchemy's (storage/db.py).

Neither commits.
"""

from __future__ import annotations

import functools
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from typing import Any, NamedTuple, Protocol, cast

from sqlalchemy import Table, bindparam, exists, or_, select, update
from sqlalchemy.engine import Dialect
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession
from sqlalchemy.sql import Select

from storage.hot_path import SqliteRows, rows_for
from storage.models import InfoForm, Person, PushAttempt, WeChatSubscription
from storage.repositories import ACCOUNT, OUTBOX

PERSON = cast(Table, Person.__table__)
PUSH_ATTEMPT = cast(Table, PushAttempt.__table__)
SUBSCRIPTION = cast(Table, WeChatSubscription.__table__)
FORM = cast(Table, InfoForm.__table__)

# The claimed row's columns, in the order both implementations return them.
CLAIM_COLUMNS = ("id", "person_id", "channel", "kind", "body_enc", "sms_body_enc", "solicited", "topic", "attempts")


class PersonRow(NamedTuple):
    simulated: bool
    opted_out_at: datetime | None
    locale: str


class AccountRow(NamedTuple):
    address_enc: str
    last_inbound_at: datetime | None
    unsubscribed_at: datetime | None


class Change(NamedTuple):
    """An executemany UPDATE of outbox rows by id: the Core statement (parameters named as in `keys`, the id
    as `oid`) and the same as SQL with `?` in the order of `columns`, bound from the dicts' `keys`."""

    statement: Any
    sql: str
    columns: tuple[str, ...]
    keys: tuple[str, ...]


def _change(values: dict[str, str], constants: dict[str, str | None]) -> Change:
    """`values`: column -> parameter key; `constants`: column -> a constant (None: NULL)."""
    statement = update(OUTBOX).where(OUTBOX.c.id == bindparam("oid")).values(
        **{column: bindparam(key) for column, key in values.items()}, **constants)
    fixed = (f"{column} = {'NULL' if value is None else repr(value)}" for column, value in constants.items())
    assignments = ", ".join([*(f"{column} = ?" for column in values), *fixed])
    return Change(statement, f"UPDATE outbox_message SET {assignments} WHERE id = ?",  # noqa: S608 (constants)
                  (*values, "id"), (*values.values(), "oid"))


SKIP = _change({"last_error": "err", "channel": "ch"}, {"status": "skipped"})
DEFER = _change({"next_attempt_at": "at"}, {})
SENDING = _change({"attempts": "n", "claimed_until": "until", "channel": "ch"}, {"status": "sending"})
SENT = _change({"sent_at": "at", "external_id": "ext", "sent_via": "via"},
               {"status": "sent", "claimed_until": None, "last_error": None})
DELIVERED = _change({"delivered_at": "at"}, {"delivery_status": "delivered"})


def claim_statement(channels: Sequence[str], dialect: str, batch: int) -> Select[Any]:
    """The next batch of queued rows due, on these channels (or to simulated people), oldest due first."""
    stmt = (
        select(*(OUTBOX.c[name] for name in CLAIM_COLUMNS))
        .where(
            OUTBOX.c.status == "queued",
            OUTBOX.c.next_attempt_at <= bindparam("now"),
            or_(
                OUTBOX.c.channel.in_(list(channels)),
                exists().where(PERSON.c.id == OUTBOX.c.person_id, PERSON.c.simulated),
            ),
        )
        # By due time, then id: the order of the (status, next_attempt_at) index, whose entries are in id order
        # within one time, so SQLite reads the batch off the index and stops. By id alone it read and sorted
        # every queued row due, for each batch: 8 ms per claim with 30,000 queued (benchmarks/README.md).
        .order_by(OUTBOX.c.next_attempt_at, OUTBOX.c.id)
        .limit(batch)
    )
    return stmt.with_for_update(skip_locked=True) if dialect == "postgresql" else stmt


class OutboxStore(Protocol):
    async def claim(self, channels: Sequence[str], now: datetime, batch: int) -> list[tuple[Any, ...]]:
        """Rows of CLAIM_COLUMNS."""
        ...

    async def pending(self, person_ids: Iterable[int]) -> list[tuple[int, bool, int]]:
        """(person_id, solicited, id) of these people's rows queued or being sent, by id."""
        ...

    async def people(self, ids: Iterable[int]) -> dict[int, PersonRow]: ...

    async def accounts(self, person_ids: Iterable[int]) -> dict[tuple[int, str], AccountRow]:
        """(person_id, channel) -> account; the last by id where a person has two on one channel."""
        ...

    async def custom_sends(self, person_ids: Iterable[int], since: datetime) -> list[tuple[int, datetime]]:
        """Customer-service messages sent to these people since then: (person_id, attempted_at)."""
        ...

    async def subscriptions(self, person_ids: Iterable[int]) -> list[tuple[int, str]]:
        """Accepted subscription-notice templates: (person_id, template_id)."""
        ...

    async def phones(self, person_ids: Iterable[int]) -> dict[int, str]:
        """The encrypted phone number on each person's form, where there is one."""
        ...

    async def change(self, change: Change, rows: list[dict[str, Any]]) -> None: ...

    async def record_attempts(self, rows: list[dict[str, Any]]) -> None: ...


class SessionStore:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def claim(self, channels: Sequence[str], now: datetime, batch: int) -> list[tuple[Any, ...]]:
        stmt = claim_statement(channels, self.session.bind.dialect.name, batch)
        return [tuple(row) for row in await self.session.execute(stmt, {"now": now})]

    async def pending(self, person_ids: Iterable[int]) -> list[tuple[int, bool, int]]:
        found = await self.session.execute(pending_query(person_ids))
        return [(pid, solicited, id_) for pid, solicited, id_ in found]

    async def people(self, ids: Iterable[int]) -> dict[int, PersonRow]:
        found = await self.session.execute(
            select(PERSON.c.id, PERSON.c.simulated, PERSON.c.opted_out_at, PERSON.c.locale)
            .where(PERSON.c.id.in_(set(ids))))
        return {row[0]: PersonRow(*row[1:]) for row in found}

    async def accounts(self, person_ids: Iterable[int]) -> dict[tuple[int, str], AccountRow]:
        found = await self.session.execute(
            select(ACCOUNT.c.person_id, ACCOUNT.c.channel, ACCOUNT.c.address_enc, ACCOUNT.c.last_inbound_at,
                   ACCOUNT.c.unsubscribed_at)
            .where(ACCOUNT.c.person_id.in_(set(person_ids))).order_by(ACCOUNT.c.id)
        )
        return {(row[0], row[1]): AccountRow(*row[2:]) for row in found}

    async def custom_sends(self, person_ids: Iterable[int], since: datetime) -> list[tuple[int, datetime]]:
        found = await self.session.execute(
            select(PUSH_ATTEMPT.c.person_id, PUSH_ATTEMPT.c.attempted_at).where(
                PUSH_ATTEMPT.c.person_id.in_(set(person_ids)), PUSH_ATTEMPT.c.method == "custom",
                PUSH_ATTEMPT.c.outcome == "sent", PUSH_ATTEMPT.c.attempted_at >= since))
        return [(pid, at) for pid, at in found]

    async def subscriptions(self, person_ids: Iterable[int]) -> list[tuple[int, str]]:
        found = await self.session.execute(
            select(SUBSCRIPTION.c.person_id, SUBSCRIPTION.c.template_id).where(
                SUBSCRIPTION.c.person_id.in_(set(person_ids)), SUBSCRIPTION.c.status == "accept"))
        return [(pid, template) for pid, template in found]

    async def phones(self, person_ids: Iterable[int]) -> dict[int, str]:
        found = await self.session.execute(
            select(FORM.c.person_id, FORM.c.phone_enc).where(
                FORM.c.person_id.in_(set(person_ids)), FORM.c.phone_enc.is_not(None)))
        return {pid: phone for pid, phone in found}

    async def change(self, change: Change, rows: list[dict[str, Any]]) -> None:
        if rows:
            await self.session.execute(change.statement, rows)

    async def record_attempts(self, rows: list[dict[str, Any]]) -> None:
        if rows:
            await self.session.execute(_ATTEMPT_FROM_OUTBOX, rows)


def _marks(values: Sequence[Any]) -> str:
    return ",".join("?" * len(values))


# A person's queue: what is waiting or being sent, read through the (person_id, status) index (only those rows,
# not every message the person ever had); tests/test_outbox_pending_index.py checks both databases' plans.
_PENDING = ("queued", "sending")


def pending_query(person_ids: Iterable[int]) -> Select[Any]:
    """(person_id, solicited, id) of these people's rows queued or being sent, by id (SessionStore.pending)."""
    return (
        select(OUTBOX.c.person_id, OUTBOX.c.solicited, OUTBOX.c.id)
        .where(OUTBOX.c.person_id.in_(set(person_ids)), OUTBOX.c.status.in_(_PENDING))
        .order_by(OUTBOX.c.id)
    )


@functools.cache
def pending_sql(people: int) -> str:
    """pending_query as SQLite's SQL, the person ids as `?` (SqliteStore.pending)."""
    return (f"SELECT person_id, solicited, id FROM outbox_message WHERE person_id IN ({','.join('?' * people)}) "  # noqa: S608
            "AND status IN ('queued', 'sending') ORDER BY id")


@functools.cache
def claim_sql(channels: int) -> str:
    """claim_statement as SQLite's SQL: the time, then the channels, then the batch size as `?`
    (tests/test_outbox_store.py compares their answers and the query plan)."""
    return (
        f"SELECT {', '.join(CLAIM_COLUMNS)} FROM outbox_message "  # noqa: S608 (constants)
        "WHERE status = 'queued' AND next_attempt_at <= ? AND (channel IN "
        f"({','.join('?' * channels)}) OR EXISTS (SELECT * FROM person WHERE person.id = outbox_message.person_id "
        "AND person.simulated)) ORDER BY next_attempt_at, id LIMIT ?"
    )


class SqliteStore:
    def __init__(self, db: sqlite3.Connection, dialect: Dialect) -> None:
        self.db = db
        self.dialect = dialect
        self._stamp = _bind(dialect, OUTBOX, "next_attempt_at")
        self._time = _result(dialect, OUTBOX, "next_attempt_at")

    def _select(self, sql: str, params: Sequence[Any]) -> list[Any]:
        try:
            return self.db.execute(sql, params).fetchall()
        except sqlite3.Error as exc:
            # As SQLAlchemy would raise it: the worker's outage handling sees what it knows (storage/outage.py).
            raise DBAPIError.instance(sql, None, exc, sqlite3.Error) from exc

    def _many(self, table: Table, sql: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
        # Each distinct value converted once: a batch's rows share their times (now, the claim's end).
        converters = [_memoized(p) if (p := _bind(self.dialect, table, c)) else None for c in columns]
        params = [tuple(p(v) if p else v for p, v in zip(converters, row, strict=True)) for row in rows]
        try:
            self.db.executemany(sql, params)
        except sqlite3.Error as exc:
            raise DBAPIError.instance(sql, None, exc, sqlite3.Error) from exc

    def _bound_time(self, at: datetime) -> Any:
        return self._stamp(at) if self._stamp else at

    def _read_time(self, value: Any) -> datetime | None:
        return cast(datetime | None, self._time(value) if self._time and value is not None else value)

    async def claim(self, channels: Sequence[str], now: datetime, batch: int) -> list[tuple[Any, ...]]:
        sql = claim_sql(len(channels))
        found = self._select(sql, (self._bound_time(now), *channels, batch))
        solicited = CLAIM_COLUMNS.index("solicited")
        return [(*row[:solicited], bool(row[solicited]), *row[solicited + 1:]) for row in found]

    async def pending(self, person_ids: Iterable[int]) -> list[tuple[int, bool, int]]:
        ids = sorted(set(person_ids))
        return [(pid, bool(solicited), id_) for pid, solicited, id_ in self._select(pending_sql(len(ids)), ids)]

    async def people(self, ids: Iterable[int]) -> dict[int, PersonRow]:
        keys = sorted(set(ids))
        sql = f"SELECT id, simulated, opted_out_at, locale FROM person WHERE id IN ({_marks(keys)})"  # noqa: S608
        return {pid: PersonRow(bool(simulated), self._read_time(opted_out), locale)
                for pid, simulated, opted_out, locale in self._select(sql, keys)}

    async def accounts(self, person_ids: Iterable[int]) -> dict[tuple[int, str], AccountRow]:
        ids = sorted(set(person_ids))
        sql = ("SELECT person_id, channel, address_enc, last_inbound_at, unsubscribed_at FROM channel_account "  # noqa: S608
               f"WHERE person_id IN ({_marks(ids)}) ORDER BY id")
        return {(pid, channel): AccountRow(address, self._read_time(last), self._read_time(unsubscribed))
                for pid, channel, address, last, unsubscribed in self._select(sql, ids)}

    async def custom_sends(self, person_ids: Iterable[int], since: datetime) -> list[tuple[int, datetime]]:
        ids = sorted(set(person_ids))
        sql = (f"SELECT person_id, attempted_at FROM push_attempt WHERE person_id IN ({_marks(ids)}) "  # noqa: S608
               "AND method = 'custom' AND outcome = 'sent' AND attempted_at >= ?")
        return [(pid, cast(datetime, self._read_time(at)))
                for pid, at in self._select(sql, (*ids, self._bound_time(since)))]

    async def subscriptions(self, person_ids: Iterable[int]) -> list[tuple[int, str]]:
        ids = sorted(set(person_ids))
        sql = (f"SELECT person_id, template_id FROM wechat_subscription WHERE person_id IN ({_marks(ids)}) "  # noqa: S608
               "AND status = 'accept'")
        return [(pid, template) for pid, template in self._select(sql, ids)]

    async def phones(self, person_ids: Iterable[int]) -> dict[int, str]:
        ids = sorted(set(person_ids))
        sql = (f"SELECT person_id, phone_enc FROM info_form WHERE person_id IN ({_marks(ids)}) "  # noqa: S608
               "AND phone_enc IS NOT NULL")
        return {pid: phone for pid, phone in self._select(sql, ids)}

    async def change(self, change: Change, rows: list[dict[str, Any]]) -> None:
        if rows:
            self._many(OUTBOX, change.sql, change.columns, ([row[key] for key in change.keys] for row in rows))

    async def record_attempts(self, rows: list[dict[str, Any]]) -> None:
        if rows:
            self._many(PUSH_ATTEMPT, _ATTEMPT_SQL, _ATTEMPT_PARAMS, ([r[c] for c in _ATTEMPT_PARAMS] for r in rows))


# The attempt's person is the message's owner when it is recorded, read from the row: linking may have moved
# the message to the person its sender turned out to be (bot/linking.py) while it was being sent, and the
# person it was claimed for is gone then.
_ATTEMPT_PARAMS = ("method", "outcome", "errcode", "attempted_at", "outbox_id")
_ATTEMPT_SQL = (
    "INSERT INTO push_attempt (outbox_id, person_id, method, outcome, errcode, attempted_at) "
    "SELECT id, person_id, ?, ?, ?, ? FROM outbox_message WHERE id = ?"
)
_ATTEMPT_FROM_OUTBOX = PUSH_ATTEMPT.insert().from_select(
    ["outbox_id", "person_id", "method", "outcome", "errcode", "attempted_at"],
    # Typed: PostgreSQL must know what each parameter of a SELECT list is (errcode is often NULL).
    select(OUTBOX.c.id, OUTBOX.c.person_id,
           *(bindparam(c, type_=PUSH_ATTEMPT.c[c].type) for c in ("method", "outcome", "errcode", "attempted_at")))
    .where(OUTBOX.c.id == bindparam("outbox_id")),
)


Processor = Callable[[Any], Any]


@functools.cache
def _bind(dialect: Dialect, table: Table, column: str) -> Processor | None:
    """The column type's bind processor as SQLAlchemy applies it on this dialect (the dialect's own
    implementation: SQLite's DATETIME writes the same text a Core statement writes)."""
    kind = table.c[column].type
    return kind.dialect_impl(dialect).bind_processor(dialect)


def _memoized(process: Processor) -> Processor:
    memo: dict[Any, Any] = {}

    def convert(value: Any) -> Any:
        try:
            return memo[value]
        except KeyError:
            converted = memo[value] = process(value)
            return converted

    return convert


@functools.cache
def _result(dialect: Dialect, table: Table, column: str) -> Processor | None:
    kind = table.c[column].type
    return kind.dialect_impl(dialect).result_processor(dialect, None)


async def nothing_due(engine: AsyncEngine, channels: Sequence[str], now: datetime) -> bool:
    """True when no row is claimable now: SQLite's claim without its transaction (LIMIT 1), read directly on a
    pooled connection outside any transaction, so the worker's empty polls never take the write lock. In WAL mode
    the read waits for no writer, and the lane's next BEGIN IMMEDIATE no longer waits behind an empty claim (it
    did about once per lane batch: benchmarks/README.md, wire11 and wire12). False whenever it cannot tell
    (PostgreSQL: its claim locks rows, not the database; no sqlite3 connection; an error): claim as before. A row
    committed after this read is claimed on the wake-up its commit sends, or on the next poll, as before."""
    return await _finds_nothing(engine, lambda store: (claim_sql(len(channels)),
                                                       (store._bound_time(now), *channels, 1)))


# Every alert the alert worker's claim (bot/casework/worker.py `_DUE`) could take is among these (the claim also
# joins its caseworker): none here, none to claim. Served by ix_alert_status_next.
_ALERT_DUE_SQL = "SELECT 1 FROM alert WHERE status = 'queued' AND next_attempt_at <= ? LIMIT 1"


async def no_alert_due(engine: AsyncEngine, now: datetime) -> bool:
    """The alert worker's `nothing_due`: True when no alert is queued and due now, read on SQLite outside any
    transaction, so that its empty wake-ups and polls take no write lock either (each was a BEGIN IMMEDIATE …
    COMMIT the lane's next BEGIN could wait behind). False when it cannot tell (PostgreSQL, an error): claim."""
    return await _finds_nothing(engine, lambda store: (_ALERT_DUE_SQL, (store._bound_time(now),)))


async def _finds_nothing(engine: AsyncEngine, query: Callable[[SqliteStore], tuple[str, Sequence[Any]]]) -> bool:
    if engine.dialect.name != "sqlite":
        return False
    async with engine.connect() as connection:
        raw = await connection.get_raw_connection()
        db = getattr(raw.driver_connection, "_conn", None)
        if not isinstance(db, sqlite3.Connection) or db.in_transaction:
            return False
        store = SqliteStore(db, connection.dialect)
        sql, params = query(store)
        try:
            # fetchall: the statement runs to its end, so its read snapshot ends with it.
            found = db.execute(sql, params).fetchall()
        except sqlite3.Error:
            return False
    return not found


async def outbox_store(session: AsyncSession) -> OutboxStore:
    """The implementation for this session's database; the transaction is begun here if it was not."""
    rows = await rows_for(session)
    return SqliteStore(rows.db, rows.dialect) if isinstance(rows, SqliteRows) else SessionStore(session)
