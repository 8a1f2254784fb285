"""The fire table's statements: plan (insert, ignoring what is already planned), claim, release, finish.

Every function takes a session and never commits. Claims use FOR UPDATE SKIP LOCKED on PostgreSQL, so two
sweeps (two `serve` processes, or `run-due` beside `serve`) take disjoint rows; SQLite has one writer.
Exactly-once does not rest on the claim: the synthetic inbound of a fire has the de-duplication key
`fire:<id>`, so a fire submitted twice (a claim that expired under a slow sweep, a crash after the commit)
is answered as a retry and sends nothing more.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, cast

from sqlalchemy import Table, and_, bindparam, select, text, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Dialect
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncSession

from storage import hot_path
from storage.models import ScheduledFire

FIRE = cast(Table, ScheduledFire.__table__)
DUE, CLAIMED, DONE = "due", "claimed", "done"
SUPERSEDED = "superseded"


# Every fire enters the pipeline as an inbound whose de-duplication key is this prefix and its id: how anything
# reading the inbound log tells the scheduler's own events from people writing (the console's person page does).
# No channel's key starts so (WeChat's are `m:`/`e:`, Kannel's `kannel:`/`kannel-h:`, the simulator's `sim:`).
DEDUP_PREFIX = "fire:"


def dedup_key(fire_id: int) -> str:
    return f"{DEDUP_PREFIX}{fire_id}"


def is_scheduled(inbound_dedup_key: str) -> bool:
    """The inbound was a fire of the scheduler's, not someone writing."""
    return inbound_dedup_key.startswith(DEDUP_PREFIX)


@dataclass(frozen=True, slots=True)
class Fire:
    id: int
    person_id: int
    kind: str
    due_date: date
    due_at: datetime
    attempts: int
    data: dict[str, Any]


def fire_row(person_id: int, kind: str, due_date: date, due_at: datetime, now: datetime,
             data: dict[str, Any] | None = None) -> dict[str, Any]:
    return {"person_id": person_id, "kind": kind, "due_date": due_date, "due_at": due_at, "status": DUE,
            "outcome": None, "attempts": 0, "deferrals": 0, "claimed_until": None, "done_at": None,
            "data": data or {}, "created_at": now}


def _insert(session: AsyncSession) -> Any:
    return pg_insert(FIRE) if session.bind.dialect.name == "postgresql" else sqlite_insert(FIRE)


async def add_fires(session: AsyncSession, rows: Sequence[dict[str, Any]]) -> None:
    """Plan work. A row whose (person, kind, due date) is already planned is left as it is, unless that plan
    was superseded (a status change): then it is planned again."""
    if not rows:
        return
    stmt = _insert(session)
    stmt = stmt.on_conflict_do_update(
        index_elements=[FIRE.c.person_id, FIRE.c.kind, FIRE.c.due_date],
        set_={"status": DUE, "outcome": None, "due_at": stmt.excluded.due_at, "data": stmt.excluded.data,
              "done_at": None, "claimed_until": None},
        where=and_(FIRE.c.status == DONE, FIRE.c.outcome == SUPERSEDED),
    )
    await session.execute(stmt, list(rows))


async def add_new_fires(session: AsyncSession, rows: Sequence[dict[str, Any]]) -> None:
    """Plan work in bulk (a push planning writes hundreds of thousands of rows): rows whose (person, kind, due
    date) is already planned are left out, whatever that plan's status (the caller read them and chose another
    day). On SQLite one executemany on the sqlite3 connection; on PostgreSQL COPY into a temporary table,
    then one INSERT ... SELECT. Both a fraction of the cost of SQLAlchemy's per-row parameter processing."""
    if not rows:
        return
    columns = tuple(rows[0])
    raw = await hot_path.rows_for(session)
    if isinstance(raw, hot_path.SqliteRows):
        sql = (f"INSERT INTO scheduled_fire ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))}) "  # noqa: S608
               "ON CONFLICT (person_id, kind, due_date) DO NOTHING")
        _executemany(raw.db, sql, _bound(raw.dialect, columns, rows, sqlite=True))
        return
    records = _bound(session.bind.dialect, columns, rows)
    connection = await session.connection()
    driver = (await connection.get_raw_connection()).driver_connection
    if session.bind.dialect.name == "postgresql" and hasattr(driver, "copy_records_to_table"):
        await _copy_fires(session, driver, columns, records)
    else:
        await session.execute(_insert(session).on_conflict_do_nothing(), list(rows))


def _bound(dialect: Dialect, columns: Sequence[str], rows: Iterable[Sequence[Any] | dict[str, Any]], *,
           sqlite: bool = False) -> list[tuple[Any, ...]]:
    """The rows' values (dicts by column, or sequences in the order of `columns`) as the columns' own processors
    bind them (what SQLAlchemy would store). Each distinct value of a column is converted once: a planning's
    rows share most of theirs (kind, status, the day, the time, created_at), and so do a unit of work's
    check-ins (the day, the time, now); rows with the same items share their `data` object (converted once per
    object: the rows keep them alive meanwhile, so an id is not reused). `sqlite`: dates and times also as the
    text sqlite3's own adapters would make of them, so that it does not convert each row's again."""
    listed: list[Any] = list(rows)
    by_name = bool(listed) and isinstance(listed[0], dict)
    bound: list[list[Any]] = []
    for i, column in enumerate(columns):
        values = [row[column] if by_name else row[i] for row in listed]
        process = FIRE.c[column].type.bind_processor(dialect)
        convert = _sqlite_text(process) if sqlite else process
        if convert is not None and values:
            memo: dict[Any, Any] = {}
            if isinstance(values[0], dict | list):
                values = [memo[id(v)] if id(v) in memo else memo.setdefault(id(v), convert(v)) for v in values]
            else:
                values = [memo[v] if v in memo else memo.setdefault(v, convert(v)) for v in values]
        bound.append(values)
    return list(zip(*bound, strict=True))


def _sqlite_text(process: Callable[[Any], Any] | None) -> Callable[[Any], Any]:
    def convert(value: Any) -> Any:
        value = process(value) if process is not None else value
        # As SQLAlchemy's SQLite DATETIME stores it: always with microseconds (sqlite3's default adapter left
        # them out on a whole second, a text that sorts before SQLAlchemy's for the same instant).
        if isinstance(value, datetime):
            return value.isoformat(" ", "microseconds")
        if isinstance(value, date):
            return value.isoformat()
        return value
    return convert


def _executemany(db: sqlite3.Connection, sql: str, records: list[tuple[Any, ...]]) -> None:
    try:
        db.executemany(sql, records)
    except sqlite3.Error as exc:  # as SQLAlchemy would raise it
        raise DBAPIError.instance(sql, None, exc, sqlite3.Error) from exc


_COPIED = ", ".join(c.name for c in FIRE.c if c.name != "id")


async def _copy_fires(session: AsyncSession, driver: Any, columns: Sequence[str], records: list[tuple[Any, ...]]
                      ) -> None:
    # The fire table's columns but the id, without constraints, defaults or indexes (no sequence value taken
    # for a copied row), for this connection only and emptied after each use.
    await session.execute(text("CREATE TEMP TABLE IF NOT EXISTS fire_copy AS SELECT "  # noqa: S608 (our columns)
                               f"{_COPIED} FROM scheduled_fire WITH NO DATA"))
    await driver.copy_records_to_table("fire_copy", records=records, columns=list(columns))
    names = ", ".join(columns)
    await session.execute(text(
        f"INSERT INTO scheduled_fire ({names}) SELECT {names} FROM fire_copy "  # noqa: S608 (the table's columns)
        "ON CONFLICT (person_id, kind, due_date) DO NOTHING"))
    await session.execute(text("TRUNCATE fire_copy"))


_FINISH = (
    update(FIRE)
    .where(FIRE.c.id == bindparam("fire_id"), FIRE.c.status != DONE)
    .values(status=DONE, outcome=bindparam("outcome"), done_at=bindparam("now"), claimed_until=None)
)
_SUPERSEDE = (
    update(FIRE)
    .where(FIRE.c.person_id == bindparam("pid"), FIRE.c.kind == bindparam("k"), FIRE.c.status == DUE)
    .values(status=DONE, outcome=SUPERSEDED, done_at=bindparam("now"))
)


@dataclass(slots=True)
class FireWrites:
    """The fire-table changes of one unit of work, applied together before it commits (one statement each)."""

    superseded: list[dict[str, Any]] = field(default_factory=list)
    finished: list[dict[str, Any]] = field(default_factory=list)
    planned: list[dict[str, Any]] = field(default_factory=list)

    def supersede(self, person_id: int, kinds: Iterable[str], now: datetime) -> None:
        self.superseded.extend({"pid": person_id, "k": kind, "now": now} for kind in kinds)

    def finish(self, fire_id: int, outcome: str, now: datetime) -> None:
        self.finished.append({"fire_id": fire_id, "outcome": outcome, "now": now})

    def plan(self, row: dict[str, Any]) -> None:
        self.planned.append(row)

    async def flush(self, session: AsyncSession) -> None:
        rows = await hot_path.rows_for(session)
        if isinstance(rows, hot_path.SqliteRows):
            # Several rows per check-in: straight on the sqlite3 connection, as the unit of work's own writes
            # (storage/hot_path.py); SQLAlchemy's per-row parameter processing was a fifth of a check-in's cost.
            self._flush_sqlite(rows)
        else:
            if self.superseded:
                await session.execute(_SUPERSEDE, self.superseded)
            if self.finished:
                await session.execute(_FINISH, self.finished)
            await add_fires(session, self.planned)
        self.superseded, self.finished, self.planned = [], [], []

    def _flush_sqlite(self, rows: hot_path.SqliteRows) -> None:
        # Values bound once per distinct value (_bound): a unit of work's check-ins share their times and days.
        columns: tuple[str, ...]
        if self.superseded:
            columns = ("done_at", "person_id", "kind")
            _executemany(rows.db, "UPDATE scheduled_fire SET status = 'done', outcome = 'superseded', done_at = ? "
                                  "WHERE person_id = ? AND kind = ? AND status = 'due'",
                         _bound(rows.dialect, columns, ((r["now"], r["pid"], r["k"]) for r in self.superseded),
                                sqlite=True))
        if self.finished:
            columns = ("outcome", "done_at", "id")
            _executemany(rows.db, "UPDATE scheduled_fire SET status = 'done', outcome = ?, done_at = ?, "
                                  "claimed_until = NULL WHERE id = ? AND status != 'done'",
                         _bound(rows.dialect, columns, ((r["outcome"], r["now"], r["fire_id"]) for r in self.finished),
                                sqlite=True))
        if self.planned:
            columns = tuple(self.planned[0])
            _executemany(
                rows.db,
                f"INSERT INTO scheduled_fire ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))}) "  # noqa: S608
                "ON CONFLICT (person_id, kind, due_date) DO UPDATE SET status = 'due', outcome = NULL, "
                "due_at = excluded.due_at, data = excluded.data, done_at = NULL, claimed_until = NULL "
                "WHERE scheduled_fire.status = 'done' AND scheduled_fire.outcome = 'superseded'",
                _bound(rows.dialect, columns, self.planned, sqlite=True))


async def claim_due(session: AsyncSession, now: datetime, limit: int, claim_until: datetime) -> list[Fire]:
    """Take up to `limit` rows due at `now`, oldest first, for this sweep until `claim_until`."""
    rows = await hot_path.rows_for(session)
    if isinstance(rows, hot_path.SqliteRows):
        return _claim_sqlite(rows, now, limit, claim_until)
    stmt = (
        select(FIRE.c.id, FIRE.c.person_id, FIRE.c.kind, FIRE.c.due_date, FIRE.c.due_at, FIRE.c.attempts,
               FIRE.c.data)
        .where(FIRE.c.status == DUE, FIRE.c.due_at <= now)
        .order_by(FIRE.c.due_at, FIRE.c.id)
        .limit(limit)
    )
    if session.bind.dialect.name == "postgresql":
        stmt = stmt.with_for_update(skip_locked=True)
    fires = [Fire(*row) for row in await session.execute(stmt)]
    if fires:
        await session.execute(
            update(FIRE).where(FIRE.c.id.in_([f.id for f in fires]))
            .values(status=CLAIMED, claimed_until=claim_until, attempts=FIRE.c.attempts + 1)
        )
    return fires


# SQLite (one writer: the BEGIN IMMEDIATE transaction has the database): the same claim as one statement on the
# sqlite3 connection (storage/hot_path.py), the values converted by the columns' own processors. RETURNING gives
# the attempts after the claim and no order: the Fire carries those before it, in the SELECT's order.
_CLAIM_SQLITE = (
    "UPDATE scheduled_fire SET status = 'claimed', claimed_until = ?, attempts = attempts + 1 "
    "WHERE id IN (SELECT id FROM scheduled_fire WHERE status = 'due' AND due_at <= ? ORDER BY due_at, id LIMIT ?) "
    "RETURNING id, person_id, kind, due_date, due_at, attempts - 1, data"
)


def _claim_sqlite(rows: hot_path.SqliteRows, now: datetime, limit: int, claim_until: datetime) -> list[Fire]:
    dialect = rows.dialect
    bind = _sqlite_text(FIRE.c.due_at.type.bind_processor(dialect))
    try:
        claimed = rows.db.execute(_CLAIM_SQLITE, (bind(claim_until), bind(now), limit)).fetchall()
    except sqlite3.Error as exc:  # as SQLAlchemy would raise it
        raise DBAPIError.instance(_CLAIM_SQLITE, None, exc, sqlite3.Error) from exc
    if not claimed:
        return []
    due_date = _result(FIRE.c.due_date.type, dialect)
    due_at = _result(FIRE.c.due_at.type, dialect)
    data = _result(FIRE.c.data.type, dialect)
    # The rows share few distinct days, times and data texts (a planning's burst): each converted once.
    memo: dict[tuple[int, Any], Any] = {}

    def once(i: int, convert: Callable[[Any], Any], value: Any) -> Any:
        key = (i, value)
        if key not in memo:
            memo[key] = convert(value)
        return memo[key]

    fires = [Fire(fid, pid, kind, once(0, due_date, day), once(1, due_at, at), attempts, once(2, data, text_))
             for fid, pid, kind, day, at, attempts, text_ in claimed]
    fires.sort(key=lambda f: (f.due_at, f.id))
    return fires


def _result(type_: Any, dialect: Dialect) -> Callable[[Any], Any]:
    process = type_.dialect_impl(dialect).result_processor(dialect, None)
    return process if process is not None else (lambda value: value)


async def release(session: AsyncSession, moves: Sequence[tuple[int, datetime]], *, deferred: bool) -> None:
    """Claimed rows back to `due` at a new time: held back (`deferred`, counted) or to be tried again."""
    if not moves:
        return
    values: dict[str, Any] = {"status": DUE, "claimed_until": None, "due_at": bindparam("at")}
    if deferred:
        values["deferrals"] = FIRE.c.deferrals + 1
    await session.execute(
        update(FIRE).where(FIRE.c.id == bindparam("fire_id"), FIRE.c.status == CLAIMED).values(values),
        [{"fire_id": fire_id, "at": at} for fire_id, at in moves],
    )


async def finish_claimed(session: AsyncSession, fire_ids: Sequence[int], outcome: str, now: datetime) -> None:
    """Rows a sweep handled whose unit of work did not record an outcome itself (it always should)."""
    if fire_ids:
        await session.execute(
            update(FIRE).where(FIRE.c.id.in_(list(fire_ids)), FIRE.c.status == CLAIMED)
            .values(status=DONE, outcome=outcome, done_at=now, claimed_until=None)
        )


async def recover_expired(session: AsyncSession, now: datetime) -> int:
    """Claims whose sweep died (or stalled past the claim): due again. Safe, since a fire's inbound is
    de-duplicated: one whose unit of work had committed is answered as a retry and sends nothing."""
    result = await session.execute(
        update(FIRE).where(FIRE.c.status == CLAIMED, FIRE.c.claimed_until < now)
        .values(status=DUE, claimed_until=None).returning(FIRE.c.id)
    )
    return len(list(result))
