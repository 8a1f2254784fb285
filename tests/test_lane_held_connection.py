"""lane16: on SQLite a dispatcher lane holds its connection, begins and commits each batch on it directly, and makes an
ORM session only for a batch whose effects ask for one (storage/hot_path.py `HeldConnection`, `HeldSession`).
PostgreSQL keeps a session per batch. What a batch stores and answers is the same either way."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import func, insert, select

from bot import effects, keys
from bot.dispatcher import Dispatcher
from dialogs.i18n import catalog
from dialogs.types import Inbound
from storage.models import EventLog, InboundMessage
from tests.conftest import PG_URL

APOLOGY = catalog("zh_CN").get("common.error")


class _CountedSessions:
    """The app's session factory, counting the sessions it makes (`kw` is what the lane reads its engine from)."""

    def __init__(self, sessions: Any) -> None:
        self.sessions = sessions
        self.made = 0

    @property
    def kw(self) -> Any:
        return self.sessions.kw

    def __call__(self, **kwargs: Any) -> Any:
        self.made += 1
        return self.sessions(**kwargs)


def _inbound(user: str, words: str = "", event: str | None = None) -> Inbound:
    return Inbound(channel="wechat", address=user, kind="event" if event else "text", dedup_key=uuid.uuid4().hex,
                   received_at=datetime.now(UTC), text=words, event=event, transport="wechat")


async def _count(app: Any, statement: Any) -> int:
    async with app[keys.SESSIONS]() as session:
        return int(await session.scalar(statement) or 0)


async def test_a_batch_whose_step_emits_no_event_makes_no_orm_session(client: Any) -> None:
    """Fails on the code before (a session per batch). PostgreSQL: the session path, one per batch, as before."""
    app = client.server.app
    sessions = _CountedSessions(app[keys.SESSIONS])
    dispatcher = Dispatcher(sessions, app[keys.CIPHER], app[keys.CLOCK])  # type: ignore[arg-type]
    dispatcher.start()
    try:
        first = await dispatcher.submit(_inbound("o-held-1", "你好"))  # a new person: the privacy notice
        again = await dispatcher.submit(_inbound("o-held-1", "你好"))
    finally:
        await dispatcher.stop()
    assert first.replies and again.replies
    assert sessions.made == (2 if PG_URL else 0)
    assert await _count(app, select(func.count()).select_from(InboundMessage)) == 2


async def test_an_effects_orm_rows_commit_with_the_batch_in_one_transaction(
    client: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Guard: an effect's ORM insert goes through a session made for that batch alone, joining the batch's
    transaction (no second BEGIN), and commits with the batch's own rows."""
    async def orm_insert(ctx: Any, event: Any) -> None:
        ctx.session.add(EventLog(person_id=ctx.person_id, kind="test.orm_effect", channel=ctx.channel, data={},
                                 created_at=ctx.now))

    app = client.server.app
    sessions = _CountedSessions(app[keys.SESSIONS])
    dispatcher = Dispatcher(sessions, app[keys.CIPHER], app[keys.CLOCK])  # type: ignore[arg-type]
    dispatcher.start()
    try:
        await dispatcher.submit(_inbound("o-held-2", event="subscribe"))
        made = sessions.made
        monkeypatch.setitem(effects._HANDLERS, "consent_given", [orm_insert])
        agreed = await dispatcher.submit(_inbound("o-held-2", "同意"))
        after = await dispatcher.submit(_inbound("o-held-2", "你好"))
    finally:
        await dispatcher.stop()
    assert APOLOGY not in agreed.replies and after.replies
    assert sessions.made == made + (2 if PG_URL else 1)  # SQLite: one, for the batch with the ORM effect
    assert await _count(app, select(func.count()).where(EventLog.kind == "test.orm_effect")) == 1
    assert await _count(app, select(func.count()).select_from(InboundMessage)) == 3


async def test_a_database_error_after_an_effects_orm_flush_rolls_back_the_batch_and_the_lane_goes_on(
    client: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Guard: the session's flushed row and the batch's own rows roll back together; the message is then stored
    with an apology (isolated, degraded), and the lane's connection is fit for the next batch."""
    async def flushed_then_refused(ctx: Any, event: Any) -> None:
        ctx.session.add(EventLog(person_id=ctx.person_id, kind="test.rolled_back", channel=ctx.channel, data={},
                                 created_at=ctx.now))
        await ctx.session.flush()
        await ctx.session.execute(insert(EventLog).values(kind=None))  # NOT NULL: an IntegrityError

    app = client.server.app
    dispatcher = Dispatcher(app[keys.SESSIONS], app[keys.CIPHER], app[keys.CLOCK])
    dispatcher.start()
    try:
        await dispatcher.submit(_inbound("o-held-3", event="subscribe"))
        monkeypatch.setitem(effects._HANDLERS, "consent_given", [flushed_then_refused])
        failing = await dispatcher.submit(_inbound("o-held-3", "同意"))
        monkeypatch.setitem(effects._HANDLERS, "consent_given", [])
        other = await dispatcher.submit(_inbound("o-held-4", "english"))
    finally:
        await dispatcher.stop()
    assert APOLOGY in failing.replies[0]
    assert other.replies[0].startswith("Language set to English.")
    assert await _count(app, select(func.count()).where(EventLog.kind == "test.rolled_back")) == 0
    assert await _count(app, select(func.count()).select_from(InboundMessage)) == 3
