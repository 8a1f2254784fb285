"""Check-ins prepared ahead of their due time, and their release when due (issue 11).

A prepared check-in is what its unit of work would write (bot/prepared_checkins.py computes it): the sealed
next conversation state, the synthetic inbound row, the outbox rows, the fire's outcome, the work it plans and
its event-log rows, tied to what it read: the conversation's version, the person's facts version (bumped by
triggers on every write to the form, the channels, the opt-out, when they last wrote, their assistance case:
migration 0015) and a digest of the fire itself (its kind, day, data and the settings the step reads).

`release` applies, in the caller's transaction and with a handful of statements per batch (INSERT … SELECT and
UPDATE … FROM, the same SQL on SQLite and PostgreSQL), every prepared result whose reads still hold, and throws
away the others, which then take the full path. Correctness never rests on the preparation: a person who wrote,
a changed form, a new channel or a late release all mean the full path.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any, cast

from sqlalchemy import Table, bindparam, text
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncSession

from storage import hot_path
from storage.models import PreparedCheckin, PreparedEvent, PreparedFire, PreparedOutbox
from storage.models.base import UtcDateTime

CHECKIN = cast(Table, PreparedCheckin.__table__)
OUTBOX = cast(Table, PreparedOutbox.__table__)
FIRES = cast(Table, PreparedFire.__table__)
EVENTS = cast(Table, PreparedEvent.__table__)


@dataclass(slots=True)
class Prepared:
    """One check-in's prepared unit of work."""

    fire_id: int
    person_id: int
    version: int
    steps: int
    digest: str
    prepared_for: datetime
    state: dict[str, Any]
    channel: str
    awaiting: str | None
    body_enc: str | None
    outcome: str
    outbox: list[dict[str, Any]] = field(default_factory=list)  # channel, body_enc, sms_body_enc, topic
    fires: list[dict[str, Any]] = field(default_factory=list)  # kind, due_date, due_at, data
    events: list[dict[str, Any]] = field(default_factory=list)  # kind, channel, data
    facts_version: int = 0


async def store(session: AsyncSession, prepared: Sequence[Prepared], now: datetime) -> int:
    """Store prepared check-ins; one already prepared (by another process) is left as it is. The number stored."""
    if not prepared:
        return 0
    insert = pg_insert if session.bind.dialect.name == "postgresql" else sqlite_insert
    rows = [
        {"fire_id": p.fire_id, "person_id": p.person_id, "version": p.version, "steps": p.steps, "digest": p.digest,
         "facts_version": p.facts_version, "prepared_for": p.prepared_for, "state": p.state, "channel": p.channel,
         "awaiting": p.awaiting, "body_enc": p.body_enc, "outcome": p.outcome, "created_at": now}
        for p in prepared
    ]
    stored = set(await session.scalars(
        insert(CHECKIN).values(rows).on_conflict_do_nothing(index_elements=[CHECKIN.c.fire_id])
        .returning(CHECKIN.c.fire_id)))
    mine = [p for p in prepared if p.fire_id in stored]
    for table, key in ((OUTBOX, "outbox"), (FIRES, "fires"), (EVENTS, "events")):
        children = [{"fire_id": p.fire_id, "person_id": p.person_id, **row} for p in mine for row in getattr(p, key)]
        if children:
            await session.execute(table.insert(), children)
    return len(mine)


async def forget(session: AsyncSession, fire_ids: Sequence[int]) -> None:
    """Throw these fires' prepared results away (their rows go with them: ON DELETE CASCADE)."""
    if fire_ids:
        dialect = session.bind.dialect.name
        await session.execute(_FORGET[dialect], {"ids": _ids(dialect, list(fire_ids))})


async def forget_finished(session: AsyncSession) -> None:
    """Prepared results of fires no longer waiting (superseded, opted out, sent by the full path)."""
    await session.execute(text(
        "DELETE FROM prepared_checkin WHERE NOT EXISTS (SELECT 1 FROM scheduled_fire f "
        "WHERE f.id = prepared_checkin.fire_id AND f.status IN ('due', 'claimed'))"))


_NOW = bindparam("now", type_=UtcDateTime())
_AT = bindparam("at", type_=UtcDateTime())

_CHECK = (
    "SELECT p.fire_id, p.person_id, p.digest, p.prepared_for AS prepared_for, "
    "p.version = c.version AND p.facts_version = s.facts_version AND s.opted_out_at IS NULL "
    "AND NOT EXISTS (SELECT 1 FROM inbound_message i WHERE i.channel = p.channel "
    "AND i.dedup_key = 'fire:' || p.fire_id) "
    "FROM prepared_checkin p JOIN conversation c ON c.person_id = p.person_id JOIN person s ON s.id = p.person_id "
    "WHERE p.fire_id {IN_IDS} ORDER BY c.person_id"
)
_RELEASE = [
    # The synthetic inbound: what makes the fire's key `fire:<id>` taken (exactly once, as on the full path).
    "INSERT INTO inbound_message (channel, dedup_key, person_id, kind, body_enc, awaiting, received_at, processed_at) "
    "SELECT p.channel, 'fire:' || p.fire_id, p.person_id, 'event', p.body_enc, p.awaiting, :at, :now "
    "FROM prepared_checkin p WHERE p.fire_id {IN_IDS} ORDER BY p.fire_id",
    # The pushes, queued now (the route, and the WeChat window, are judged by the outbox worker when sent).
    "INSERT INTO outbox_message (person_id, inbound_id, channel, kind, body_enc, solicited, status, attempts, "
    "next_attempt_at, created_at, sms_body_enc, topic) "
    "SELECT o.person_id, i.id, o.channel, 'text', o.body_enc, false, 'queued', 0, :now, :now, o.sms_body_enc, o.topic "
    "FROM prepared_outbox o JOIN prepared_checkin p ON p.fire_id = o.fire_id "
    "JOIN inbound_message i ON i.channel = p.channel AND i.dedup_key = 'fire:' || p.fire_id "
    "WHERE o.fire_id {IN_IDS} ORDER BY o.id",
    # The conversation, from the version it was computed from (checked above, under the lock).
    "UPDATE conversation SET state = p.state, version = p.version + p.steps, updated_at = :now "
    "FROM prepared_checkin p WHERE p.person_id = conversation.person_id AND p.fire_id {IN_IDS}",
    "UPDATE scheduled_fire SET status = 'done', outcome = p.outcome, done_at = :now, claimed_until = NULL "
    "FROM prepared_checkin p WHERE p.fire_id = scheduled_fire.id AND p.fire_id {IN_IDS}",
    # What it plans, as FireWrites.plan would (a superseded plan for the same day is planned again).
    "INSERT INTO scheduled_fire (person_id, kind, due_date, due_at, status, outcome, attempts, deferrals, "
    "claimed_until, done_at, data, created_at) "
    "SELECT f.person_id, f.kind, f.due_date, f.due_at, 'due', NULL, 0, 0, NULL, NULL, f.data, :at "
    "FROM prepared_fire f WHERE f.fire_id {IN_IDS} ORDER BY f.id "
    "ON CONFLICT (person_id, kind, due_date) DO UPDATE SET status = 'due', outcome = NULL, "
    "due_at = excluded.due_at, data = excluded.data, done_at = NULL, claimed_until = NULL "
    "WHERE scheduled_fire.status = 'done' AND scheduled_fire.outcome = 'superseded'",
    "INSERT INTO event_log (person_id, kind, channel, data, created_at) "
    "SELECT e.person_id, e.kind, e.channel, e.data, :at FROM prepared_event e WHERE e.fire_id {IN_IDS} ORDER BY e.id",
]


# The batch's fire ids as one parameter (a JSON array on SQLite, an array on PostgreSQL), not one each: the same
# statement text for every batch, and no list of a thousand placeholders rendered per statement.
_IN_IDS = {"sqlite": "IN (SELECT value FROM json_each(:ids))", "postgresql": "= ANY(CAST(:ids AS integer[]))"}


def _statement(template: str, dialect: str) -> Any:
    sql = template.replace("{IN_IDS}", _IN_IDS[dialect])
    statement = text(sql)
    if ":now" in sql:
        statement = statement.bindparams(_NOW)
    if ":at" in sql:
        statement = statement.bindparams(_AT)
    return statement


_CHECK_STATEMENTS = {
    "sqlite": _statement(_CHECK, "sqlite").columns(prepared_for=UtcDateTime()),
    "postgresql": _statement(_CHECK + " FOR UPDATE OF c", "postgresql").columns(prepared_for=UtcDateTime()),
}
_RELEASE_STATEMENTS = {dialect: [_statement(sql, dialect) for sql in _RELEASE] for dialect in _IN_IDS}
_FORGET = {dialect: _statement("DELETE FROM prepared_checkin WHERE fire_id {IN_IDS}", dialect) for dialect in _IN_IDS}


def _ids(dialect: str, ids: list[int]) -> Any:
    return json.dumps(ids) if dialect == "sqlite" else ids


async def release(session: AsyncSession, candidates: Mapping[int, str | None], *, at: datetime, now: datetime,
                  within: timedelta, local_day: Callable[[datetime], date]) -> set[int]:
    """Apply the prepared results of these claimed fires (fire id -> the fire's digest, None for one that must
    take the full path), due at dialog time `at`, whose reads still hold: the conversation's and the person's
    facts versions are the ones it was computed from (compared in SQL, under the lock), the person has not opted
    out, the digest is the same, it was computed for a time at most `within` before `at` on the same local day,
    and the fire's inbound is not stored yet. Every candidate's
    prepared result is thrown away (used or not). Runs in the caller's transaction; `now` is the clock's time
    (bookkeeping). The fire ids released."""
    if not candidates:
        return set()
    dialect = session.bind.dialect.name
    ids = sorted(candidates)
    direct = await hot_path.rows_for(session)
    if isinstance(direct, hot_path.SqliteRows):
        return _release_sqlite(direct.db, candidates, ids, at=at, now=now, within=within, local_day=local_day)
    # The conversations are locked (PostgreSQL; SQLite's BEGIN IMMEDIATE has the whole database) in person id
    # order, as every unit of work locks them: someone writing now waits, or has already moved the version.
    rows = list(await session.execute(_CHECK_STATEMENTS[dialect], {"ids": _ids(dialect, ids)}))
    if not rows:
        return set()  # nothing prepared for them (the usual case where nothing is prepared ahead)
    released = _holding(rows, candidates, at=at, within=within, local_day=local_day)
    if released:
        params = {"ids": _ids(dialect, released), "now": now, "at": at}
        for statement in _RELEASE_STATEMENTS[dialect]:
            await session.execute(statement, params)
    await forget(session, ids)
    return set(released)


def _holding(rows: Sequence[Sequence[Any]], candidates: Mapping[int, str | None], *, at: datetime,
             within: timedelta, local_day: Callable[[datetime], date]) -> list[int]:
    day = local_day(at)
    days: dict[datetime, date] = {}
    released: list[int] = []
    for fire_id, _person, digest, prepared_for, holds in rows:
        if digest == candidates[fire_id] and holds and prepared_for <= at <= prepared_for + within:
            if prepared_for not in days:
                days[prepared_for] = local_day(prepared_for)
            if days[prepared_for] == day:
                released.append(fire_id)
    return released


# SQLite: the same statements on the sqlite3 connection under the session's transaction (storage/hot_path.py):
# a thousand rows' results through SQLAlchemy's processing, and seven hand-offs to aiosqlite's thread per batch,
# were most of a release's cost. Times bound and read as SQLAlchemy's SQLite DATETIME stores them (UTC, naive
# text with microseconds).
_SQLITE_CHECK = _CHECK.replace("{IN_IDS}", _IN_IDS["sqlite"])
_SQLITE_RELEASE = [sql.replace("{IN_IDS}", _IN_IDS["sqlite"]) for sql in _RELEASE]
_SQLITE_FORGET = "DELETE FROM prepared_checkin WHERE fire_id {IN_IDS}".replace("{IN_IDS}", _IN_IDS["sqlite"])


def _utc_text(value: datetime) -> str:
    return value.astimezone(UTC).replace(tzinfo=None).isoformat(" ", "microseconds")


def _release_sqlite(db: sqlite3.Connection, candidates: Mapping[int, str | None], ids: list[int], *,
                    at: datetime, now: datetime, within: timedelta, local_day: Callable[[datetime], date]) -> set[int]:
    def run(sql: str, params: dict[str, Any]) -> list[Any]:
        try:
            return db.execute(sql, params).fetchall()
        except sqlite3.Error as exc:  # as SQLAlchemy would raise it
            raise DBAPIError.instance(sql, None, exc, sqlite3.Error) from exc

    found = run(_SQLITE_CHECK, {"ids": json.dumps(ids)})
    if not found:
        return set()
    times: dict[str, datetime] = {}
    rows = []
    for fire_id, person, digest, text_, holds in found:
        if text_ not in times:
            times[text_] = datetime.fromisoformat(text_).replace(tzinfo=UTC)
        rows.append((fire_id, person, digest, times[text_], holds))
    released = _holding(rows, candidates, at=at, within=within, local_day=local_day)
    if released:
        params = {"ids": json.dumps(released), "now": _utc_text(now), "at": _utc_text(at)}
        for sql in _SQLITE_RELEASE:
            run(sql, params)
    run(_SQLITE_FORGET, {"ids": json.dumps(ids)})
    return set(released)
