"""A unit of work's fire-table writes on SQLite's direct path (scheduler/fires.py FireWrites) store what they
were given: each row its own times, day and data, although values shared between rows are converted once."""

from __future__ import annotations

import asyncio
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

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
