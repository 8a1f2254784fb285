"""Play-testing of 2026-12-07 (jobs21): last stop's leftovers of jobs and trainings as laborers ask about them (two
items chosen as "2 3", the SMS list in one message, a wish to change work, the index of the items closed lately:
migration 0019), then what playing them showed (tests/survey/driver.py and the app; each test failed on the code
before its fix unless called a guard)."""

from __future__ import annotations

import asyncio
from datetime import date, timedelta

from alembic import command
from sqlalchemy import inspect, text
from sqlalchemy.dialects import postgresql
from sqlalchemy.engine import Connection

from storage.db import create_engine
from storage.jobs import closed_query
from storage.migrate import alembic_config
from storage.models import Training, Vacancy

# -- 4. the index of the items closed lately (migration 0019) --------------------------------------------------------

ITEMS = 2_000
TODAY = date(2026, 11, 26)


async def _plan(database_url: str, model: type[Vacancy] | type[Training]) -> list[str]:
    """The planner's steps for closed_since's statement over ITEMS items, one closing each day, statistics taken."""
    engine = create_engine(database_url)
    table = model.__tablename__
    who = "employer" if model is Vacancy else "provider"
    try:
        async with engine.begin() as conn:
            await conn.execute(text(f"DELETE FROM {table}"))
            await conn.execute(
                text(f"INSERT INTO {table} (external_id, title, {who}, kind, division, share_contact, status, "
                     "applied, source, created_at, updated_at, expires) VALUES (:eid, '保安', '威宁万达物业', "
                     "'factory', '520526', false, :status, 0, 'import', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, "
                     ":expires)"),
                [{"eid": f"WN-{n}", "status": ("open", "expired", "closed")[n % 3],
                  "expires": TODAY - timedelta(days=ITEMS // 2 - n)} for n in range(ITEMS)])
            await conn.execute(text("ANALYZE"))
        query = closed_query(model, TODAY - timedelta(days=14), TODAY)
        async with engine.connect() as conn:
            if engine.dialect.name == "postgresql":
                sql = str(query.compile(dialect=postgresql.dialect(), compile_kwargs={"literal_binds": True}))
                return [row[0] for row in await conn.execute(text("EXPLAIN " + sql))]
            compiled = query.compile(engine.sync_engine, compile_kwargs={"literal_binds": True})
            return [row[3] for row in await conn.execute(text(f"EXPLAIN QUERY PLAN {compiled}"))]
    finally:
        await engine.dispose()


async def test_the_items_closed_lately_are_read_through_the_expires_index(database_url: str) -> None:
    """有没有家政培训 looks the courses closed in the last weeks up (storage/jobs.py closed_since): without an index on
    expires it read every vacancy and training ever imported (a full scan, then a sort)."""
    for model, index in ((Vacancy, "ix_vacancy_expires_status"), (Training, "ix_training_expires_status")):
        plan = await _plan(database_url, model)
        assert any(index in step for step in plan), plan


async def test_0019_adds_the_expires_indexes_and_the_downgrade_takes_them_away(database_url: str) -> None:
    config = alembic_config(database_url)
    engine = create_engine(database_url)

    def indexes(connection: Connection) -> set[str]:
        found = inspect(connection)
        return {str(i["name"]) for table in ("vacancy", "training") for i in found.get_indexes(table)}

    try:
        async with engine.connect() as conn:
            assert {"ix_vacancy_expires_status", "ix_training_expires_status"} <= await conn.run_sync(indexes)
        await engine.dispose()
        await asyncio.to_thread(command.downgrade, config, "0018")
        async with engine.connect() as conn:
            assert not {"ix_vacancy_expires_status", "ix_training_expires_status"} & await conn.run_sync(indexes)
        await engine.dispose()
        plan = await _plan(database_url, Vacancy)
        assert not any("expires_status" in step for step in plan), plan
        await asyncio.to_thread(command.upgrade, config, "head")
        async with engine.connect() as conn:
            assert {"ix_vacancy_expires_status", "ix_training_expires_status"} <= await conn.run_sync(indexes)
    finally:
        await engine.dispose()
