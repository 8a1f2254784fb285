"""Issue 10: what counts as the database being down (retried, then 503) and what is one message's own failure
(isolated at once, the others go through)."""

from __future__ import annotations

import asyncio
import sqlite3
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import asyncpg
import pytest
from sqlalchemy import insert, text
from sqlalchemy.exc import DBAPIError

from bot import keys
from bot.settings import Settings
from dialogs.i18n import catalog
from dialogs.types import Inbound
from storage.db import create_engine
from storage.models import EventLog
from tests.conftest import PG_URL
from tests.fakes.starting_postgres import StartingPostgres

APOLOGY = catalog("zh_CN").get("common.error")


@pytest.mark.parametrize(("code", "expected"), [
    ("57P03", asyncpg.CannotConnectNowError),
    ("53300", asyncpg.TooManyConnectionsError),
    ("08006", asyncpg.ConnectionFailureError),
    ("57P01", asyncpg.AdminShutdownError),
])
async def test_connection_errors_of_every_kind_are_outages(code: str, expected: type[Exception]) -> None:
    """Defect 8: asyncpg's CannotConnectNowError (a server starting up) was not recognised as an outage."""
    from storage.outage import is_outage

    server = StartingPostgres(refusals=1_000, code=code, message="not now")
    await server.start()
    try:
        with pytest.raises(expected) as raw:
            await asyncpg.connect(host="127.0.0.1", port=server.port, user="u", password="p", database="d")
        assert is_outage(raw.value)
        # And as SQLAlchemy's pool hands it over.
        engine = create_engine(f"postgresql+asyncpg://u:p@127.0.0.1:{server.port}/d")
        try:
            with pytest.raises(Exception) as wrapped:
                async with engine.connect():
                    pass
        finally:
            await engine.dispose()
        assert is_outage(wrapped.value)
    finally:
        await server.close()


def test_sqlite_busy_is_an_outage_and_a_refused_statement_is_not(tmp_path: Path) -> None:
    from storage.outage import is_outage

    path = tmp_path / "x.db"
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("CREATE TABLE t (x INTEGER NOT NULL)")
    holder.execute("BEGIN IMMEDIATE")
    other = sqlite3.connect(path, isolation_level=None, timeout=0)
    with pytest.raises(sqlite3.OperationalError) as locked:
        other.execute("BEGIN IMMEDIATE")
    assert is_outage(locked.value)
    assert is_outage(DBAPIError.instance("BEGIN", None, locked.value, sqlite3.Error))
    holder.execute("ROLLBACK")
    with pytest.raises(sqlite3.IntegrityError) as refused:
        other.execute("INSERT INTO t VALUES (NULL)")
    assert not is_outage(DBAPIError.instance("INSERT", None, refused.value, sqlite3.Error))
    with pytest.raises(sqlite3.OperationalError) as no_table:
        other.execute("SELECT * FROM missing")
    assert not is_outage(no_table.value)
    assert is_outage(ConnectionRefusedError()) and is_outage(TimeoutError())
    assert not is_outage(ValueError("a bug"))
    holder.close()
    other.close()


async def test_a_database_starting_up_is_answered_503_never_with_an_apology(
    make_client: Any, settings: Settings, database_url: str
) -> None:
    """Defect 8: while the server said "starting up", a message outlasted the retries and was then stored
    with an apology instead of being applied. An outage is a 503: the sender retries and it is applied."""
    upstream = None
    if PG_URL:
        host_port = database_url.split("@", 1)[1].split("/", 1)[0]
        upstream = (host_port.rsplit(":", 1)[0], int(host_port.rsplit(":", 1)[1]))
    server = StartingPostgres(refusals=1_000_000, upstream=upstream)
    await server.start()
    try:
        name = database_url.rsplit("/", 1)[1] if PG_URL else "none"
        credentials = PG_URL.split("//", 1)[1].split("@", 1)[0] if PG_URL else "u:p"
        url = f"postgresql+asyncpg://{credentials}@127.0.0.1:{server.port}/{name}"
        client = await make_client(settings.replace(database_url=url))
        app = client.server.app
        await app[keys.OUTBOX].stop()  # only the message's own connections from here on
        await app[keys.ALERTS].stop()
        server.connections, server.refusals = 0, 5  # every retry of the first attempt is refused
        first = await client.post("/simulator/messages", json={"user": "starting", "text": "菜单"})
        assert first.status == 503
        if upstream is not None:
            # The server is up now: the sender's retry is applied, not apologised for.
            again = await client.post("/simulator/messages", json={"user": "starting", "text": "菜单"})
            assert again.status == 200
            replies = (await again.json())["replies"]
            assert APOLOGY not in replies and replies
    finally:
        await server.close()


async def test_a_message_the_database_refuses_is_isolated_at_once(
    client: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Defect 7: a statement refused for one message was retried as if the database were down (1.8 s per
    message on the one lane, holding up everyone). Now: tried once, stored with an apology, others go on."""
    from bot import effects

    calls = 0

    async def refused_by_the_database(ctx: Any, event: Any) -> None:
        nonlocal calls
        calls += 1
        await ctx.session.execute(insert(EventLog).values(kind=None))  # NOT NULL: an IntegrityError

    app = client.server.app
    dispatcher = app[keys.DISPATCHER]

    def inbound(user: str, words: str = "", event: str | None = None) -> Inbound:
        return Inbound(channel="wechat", address=user, kind="event" if event else "text",
                       dedup_key=uuid.uuid4().hex, received_at=datetime.now(UTC), text=words, event=event,
                       transport="wechat")

    await dispatcher.submit(inbound("refused-user", event="subscribe"))
    monkeypatch.setitem(effects._HANDLERS, "consent_given", [refused_by_the_database])  # a kind has a list
    failing, other = await asyncio.gather(
        dispatcher.submit(inbound("refused-user", "同意")), dispatcher.submit(inbound("other-user", "english")),
    )
    # Once in the batch, once alone to isolate it; never again for each pause of the outage retries.
    assert calls == 2
    assert APOLOGY in failing.replies[0]
    assert other.replies[0].startswith("Language set to English.")
    async with app[keys.SESSIONS]() as session:
        assert (await session.execute(text("SELECT count(*) FROM inbound_message"))).scalar_one() == 3
