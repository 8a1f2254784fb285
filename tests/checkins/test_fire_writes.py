"""A unit of work's fire-table writes on SQLite's direct path (scheduler/fires.py FireWrites) store what they
were given: each row its own times, day and data, although values shared between rows are converted once."""

from __future__ import annotations

import asyncio
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import select, text

from scheduler.fires import FIRE, FireWrites, fire_row
from storage.db import create_engine, session_factory
from storage.migrate import upgrade
from storage.outbox_store import PERSON

NOW = datetime(2026, 12, 5, 1, 30, 0, 123_456, tzinfo=UTC)
MORNING = datetime(2026, 12, 6, 0, 0, tzinfo=UTC)  # a whole second: no fraction in the text


async def test_rows_sharing_values_keep_their_own(tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'fires.db'}"
    await asyncio.to_thread(upgrade, url)
    engine = create_engine(url)
    shared = {"status": "employed", "anchor": "2026-11-01"}
    try:
        async with session_factory(engine)() as session, session.begin():
            await session.execute(PERSON.insert(), [{"id": i, "locale": "zh_CN", "created_at": NOW} for i in (1, 2)])
            await session.execute(FIRE.insert(), [fire_row(1, "checkin", date(2026, 12, 5), NOW, NOW, {"a": 1})])
            [first_id] = (await session.execute(select(FIRE.c.id))).scalars()
            writes = FireWrites()
            writes.finish(first_id, "sent", NOW)
            day = date(2026, 12, 6)
            writes.plan(fire_row(1, "reminder", day, MORNING, NOW, shared))
            writes.plan(fire_row(2, "reminder", day, MORNING, NOW, shared))
            writes.plan(fire_row(1, "checkin", day + timedelta(days=30), MORNING + timedelta(days=30, microseconds=5),
                                 NOW, {"status": "unemployed"}))
            await writes.flush(session)
            # The text itself, as SQLAlchemy writes a DATETIME (microseconds even on a whole second): a text
            # without them sorts before SQLAlchemy's for the same instant, and comparisons at it go wrong.
            raw = (await session.execute(text("SELECT due_at FROM scheduled_fire WHERE kind = 'reminder'"))).scalars()
            assert list(raw) == ["2026-12-06 00:00:00.000000"] * 2
            stored = (await session.execute(
                select(FIRE.c.person_id, FIRE.c.kind, FIRE.c.due_date, FIRE.c.due_at, FIRE.c.status, FIRE.c.outcome,
                       FIRE.c.done_at, FIRE.c.data, FIRE.c.created_at).order_by(FIRE.c.id))).all()
    finally:
        await engine.dispose()
    assert [tuple(row) for row in stored] == [
        (1, "checkin", date(2026, 12, 5), NOW, "done", "sent", NOW, {"a": 1}, NOW),
        (1, "reminder", day, MORNING, "due", None, None, shared, NOW),
        (2, "reminder", day, MORNING, "due", None, None, shared, NOW),
        (1, "checkin", day + timedelta(days=30), MORNING + timedelta(days=30, microseconds=5), "due", None, None,
         {"status": "unemployed"}, NOW),
    ]


async def test_the_claim_on_the_direct_path_takes_what_the_core_statements_take(tmp_path: Path, monkeypatch: Any
                                                                                 ) -> None:
    """scheduler/fires.py claim_due on SQLite's connection (one UPDATE … RETURNING) claims the same rows, oldest
    first, with the same values (aware times, days, data, the attempts before the claim) and leaves the same rows
    behind as the Core statements (PostgreSQL's path)."""
    from scheduler import fires
    from storage import hot_path

    url = f"sqlite+aiosqlite:///{tmp_path / 'claim.db'}"
    await asyncio.to_thread(upgrade, url)
    engine = create_engine(url)
    until = NOW + timedelta(minutes=10)
    rows = [fire_row(p, "checkin", date(2026, 12, 5), at, NOW, {"status": "employed", "n": p})
            for p, at in ((1, NOW - timedelta(hours=1)), (2, MORNING - timedelta(days=2)), (3, NOW),
                          (4, NOW - timedelta(hours=1)), (5, NOW + timedelta(seconds=1)))]
    rows.append(fire_row(6, "checkin_reminder", date(2026, 12, 4), MORNING - timedelta(days=2), NOW, {}))

    async def claim(direct: bool) -> tuple[list[Any], list[Any]]:
        async with session_factory(engine)() as session, session.begin():
            await session.execute(text("DELETE FROM scheduled_fire"))
            await session.execute(text("DELETE FROM person"))
            await session.execute(PERSON.insert(), [{"id": i, "locale": "zh_CN", "created_at": NOW}
                                                    for i in range(1, 7)])
            await session.execute(FIRE.insert(), rows)
            await session.execute(text("UPDATE scheduled_fire SET attempts = person_id % 3"))
        if not direct:
            monkeypatch.setattr(fires.hot_path, "rows_for", _session_rows)
        try:
            async with session_factory(engine)() as session, session.begin():
                first = await fires.claim_due(session, NOW, 4, until)
                second = await fires.claim_due(session, NOW, 4, until)
            async with session_factory(engine)() as session:
                left = list(await session.execute(select(FIRE.c.person_id, FIRE.c.status, FIRE.c.claimed_until,
                                                         FIRE.c.attempts).order_by(FIRE.c.person_id)))
        finally:
            monkeypatch.setattr(fires.hot_path, "rows_for", hot_path.rows_for)
        return [first, second], left

    async def _session_rows(session: Any) -> Any:
        return hot_path.SessionRows(session)

    try:
        direct, core = await claim(True), await claim(False)
    finally:
        await engine.dispose()
    assert [[(f.person_id, f.kind, f.due_date, f.due_at, f.attempts, f.data) for f in batch] for batch in direct[0]] \
        == [[(f.person_id, f.kind, f.due_date, f.due_at, f.attempts, f.data) for f in batch] for batch in core[0]]
    [first, second] = direct[0]
    assert [f.person_id for f in first] == [2, 6, 1, 4] and [f.person_id for f in second] == [3]
    assert first[0].due_at.tzinfo is not None and first[0].data == {"status": "employed", "n": 2}
    assert [f.attempts for f in first] == [2, 0, 1, 1]  # before the claim
    assert direct[1] == core[1] and direct[1][4] == (5, "due", None, 2)
    assert direct[1][0] == (1, "claimed", until, 2)
