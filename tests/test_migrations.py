"""The migrations create exactly the schema the models describe (a model change needs a new revision)."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import column, insert, inspect, select, table
from sqlalchemy.engine import Connection

from storage.db import create_engine
from storage.migrate import alembic_config
from storage.models import Base, InboundMessage, OutboxMessage, Person, Training


async def test_migrated_database_matches_the_models(database_url: str) -> None:
    engine = create_engine(database_url)

    def diff(connection: Connection) -> list[object]:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return list(compare_metadata(context, Base.metadata))

    try:
        async with engine.connect() as conn:
            differences = await conn.run_sync(diff)
    finally:
        await engine.dispose()
    assert differences == []


async def test_0002_keeps_messages_and_their_links_to_the_outbox(database_url: str) -> None:
    """Dropping inbound_message.reply_enc must not rebuild the table: on SQLite a rebuild would fire the
    outbox's ON DELETE SET NULL and cut every reply off the message it answered."""
    config = alembic_config(database_url)
    await asyncio.to_thread(command.downgrade, config, "0001")
    engine = create_engine(database_url)
    try:
        async with engine.begin() as conn:
            # The person table as it was at 0001 (the model has columns added since).
            person_0001 = table("person", column("id"), column("locale"), column("created_at"))
            person_id = (await conn.execute(
                insert(person_0001).values(locale="zh_CN", created_at=datetime.now(UTC).replace(tzinfo=None))
                .returning(person_0001.c.id)
            )).scalar_one()
            inbound_id = (await conn.execute(insert(InboundMessage).values(
                channel="wechat", dedup_key="m:1", person_id=person_id, kind="text", body_enc="b",
            ))).inserted_primary_key[0]
            await conn.execute(insert(OutboxMessage).values(
                person_id=person_id, inbound_id=inbound_id, channel="wechat", body_enc="r", status="passive",
            ))
        await engine.dispose()
        await asyncio.to_thread(command.upgrade, config, "head")
        async with engine.connect() as conn:
            assert (await conn.execute(select(OutboxMessage.inbound_id))).scalars().all() == [inbound_id]
            assert (await conn.execute(select(InboundMessage.dedup_key))).scalars().all() == ["m:1"]
            columns = await conn.run_sync(lambda c: {col["name"] for col in inspect(c).get_columns("inbound_message")})
        assert "reply_enc" not in columns
    finally:
        await engine.dispose()


async def test_0003_keeps_people_real(database_url: str) -> None:
    """Everyone already in the database stays a real person (the simulator's users could not be told apart)."""
    config = alembic_config(database_url)
    await asyncio.to_thread(command.downgrade, config, "-1")  # 0003 is the head: to the revision before it
    engine = create_engine(database_url)
    try:
        async with engine.begin() as conn:
            person = table("person", column("id"), column("locale"), column("created_at"))
            await conn.execute(insert(person).values(locale="zh_CN", created_at=datetime.now(UTC).replace(tzinfo=None)))
        await engine.dispose()
        await asyncio.to_thread(command.upgrade, config, "head")
        async with engine.connect() as conn:
            assert (await conn.execute(select(Person.simulated))).scalars().all() == [False]
    finally:
        await engine.dispose()


async def test_0016_gives_trainings_an_address_and_keeps_them(database_url: str) -> None:
    """care13: a training's address (培训地点 as written); the trainings stored before keep everything and say
    nothing of it (None), and the downgrade takes the column away again."""
    config = alembic_config(database_url)
    await asyncio.to_thread(command.downgrade, config, "0015")
    engine = create_engine(database_url)

    def training_columns(connection: Connection) -> set[str]:
        return {col["name"] for col in inspect(connection).get_columns("training")}

    try:
        async with engine.begin() as conn:
            assert "address" not in await conn.run_sync(training_columns)
            now = datetime.now(UTC).replace(tzinfo=None)
            training_0015 = table("training", *(column(name) for name in (
                "external_id", "title", "kind", "division", "provider", "share_contact", "status", "applied",
                "source", "created_at", "updated_at")))
            await conn.execute(insert(training_0015).values(
                external_id="WN-T01", title="电焊工培训班", kind="upgrade", division="520526",
                provider="威宁职业培训中心", share_contact=False, status="open", applied=0, source="import",
                created_at=now, updated_at=now))
        await engine.dispose()
        await asyncio.to_thread(command.upgrade, config, "head")
        async with engine.connect() as conn:
            assert (await conn.execute(select(Training.external_id, Training.address))).all() == [("WN-T01", None)]
    finally:
        await engine.dispose()


async def test_0017_lists_the_issues_of_a_rights_case(database_url: str) -> None:
    """care13: assistance_case.issues (every problem of a rights case); gone again after the downgrade."""
    config = alembic_config(database_url)
    await asyncio.to_thread(command.downgrade, config, "0016")
    engine = create_engine(database_url)

    def case_columns(connection: Connection) -> set[str]:
        return {col["name"] for col in inspect(connection).get_columns("assistance_case")}

    try:
        async with engine.connect() as conn:
            columns = await conn.run_sync(case_columns)
            assert "issue" in columns and "issues" not in columns
        await engine.dispose()
        await asyncio.to_thread(command.upgrade, config, "head")
        async with engine.connect() as conn:
            assert "issues" in await conn.run_sync(case_columns)
    finally:
        await engine.dispose()
