"""Alembic glue: run migrations programmatically, and report the current and head revisions."""

from __future__ import annotations

import asyncio
import logging
from importlib import resources
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Connection

log = logging.getLogger(__name__)


def alembic_config(url: str | None = None) -> Config:
    migrations = Path(str(resources.files("storage").joinpath("migrations")))
    cfg = Config()
    cfg.set_main_option("script_location", str(migrations))
    if url:
        cfg.set_main_option("sqlalchemy.url", url)
    return cfg


def head_revision() -> str | None:
    head: str | None = ScriptDirectory.from_config(alembic_config()).get_current_head()
    return head


def current_revision(connection: Connection) -> str | None:
    rev: str | None = MigrationContext.configure(connection).get_current_revision()
    return rev


def upgrade(url: str) -> tuple[str | None, str | None]:
    """Apply pending migrations (synchronously: call it from a thread inside the event loop); returns the
    revision before and after, so that a caller can say whether there was anything to do."""
    before = asyncio.run(_stored_revision(url))
    command.upgrade(alembic_config(url), "head")
    after = head_revision()
    if before != after:
        log.info("database schema migrated from %s to %s", before, after)
    return before, after


async def _stored_revision(url: str) -> str | None:
    from storage.db import create_engine

    engine = create_engine(url)
    try:
        async with engine.connect() as connection:
            return await connection.run_sync(current_revision)
    finally:
        await engine.dispose()
