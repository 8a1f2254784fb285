"""A channel's deadline is kept by the dispatcher (`submit`'s `answer_by`): past it the future resolves with
DEFERRED while the unit of work goes on, and the replies it commits are queued to be pushed, never kept as passive;
committed in time, the future has the replies and nothing waits for its deadline any more. The WeChat handler awaits
the future itself instead of a waiter, a timer and two callbacks of its own per request (benchmarks/README.md,
wire13); tests/wechat/test_retries.py covers the handler's "success" and the service message past the deadline."""

from __future__ import annotations

import shutil
import time
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.clock import FrozenClock
from bot.dispatcher import Dispatcher
from bot.unit_of_work import DEFERRED
from dialogs.types import Inbound
from storage.crypto import FieldCipher
from storage.db import create_engine, session_factory
from storage.models import OutboxMessage

CIPHER = FieldCipher(b"k" * 32)


@pytest.fixture
async def sessions(sqlite_template: Path, tmp_path: Path) -> AsyncIterator[async_sessionmaker[AsyncSession]]:
    path = tmp_path / "deadline.db"
    shutil.copyfile(sqlite_template, path)
    engine = create_engine(f"sqlite+aiosqlite:///{path}")
    yield session_factory(engine)
    await engine.dispose()


def _menu(user: str) -> Inbound:
    return Inbound(channel="wechat", address=user, kind="text", dedup_key=uuid.uuid4().hex,
                   received_at=datetime.now(UTC), text="菜单", transport="wechat")


async def _statuses(sessions: async_sessionmaker[AsyncSession]) -> list[str]:
    async with sessions() as session:
        return list(await session.scalars(select(OutboxMessage.status).order_by(OutboxMessage.id)))


async def test_past_the_deadline_the_future_is_deferred_and_the_replies_are_pushed(
    sessions: async_sessionmaker[AsyncSession], clock: FrozenClock
) -> None:
    dispatcher = Dispatcher(sessions, CIPHER, clock)  # not started: the batch runs only after the deadline
    now = time.monotonic()
    future = dispatcher.submit(_menu("o-slow"), passive_deadline=now + 60, answer_by=now)
    assert await future is DEFERRED
    dispatcher.start()
    try:
        # The unit of work goes on: one lane, in order, so once a later inbound is answered this one committed.
        await dispatcher.submit(_menu("o-after"))
    finally:
        await dispatcher.stop()
    async with sessions() as session:
        rows = (await session.execute(select(OutboxMessage.person_id, OutboxMessage.status)
                                      .order_by(OutboxMessage.id))).all()
    slow = {status for person, status in rows if person == rows[0].person_id}
    assert slow == {"queued"}  # pushed, never kept as a passive reply nobody received


async def test_in_time_the_future_has_the_replies_and_the_timer_is_cancelled(
    sessions: async_sessionmaker[AsyncSession], clock: FrozenClock
) -> None:
    dispatcher = Dispatcher(sessions, CIPHER, clock)
    now = time.monotonic()
    future = dispatcher.submit(_menu("o-quick"), passive_deadline=now + 60, answer_by=now + 60)
    (pending,) = dispatcher._queues[0]._queue  # type: ignore[attr-defined]
    dispatcher.start()
    try:
        outcome = await future
    finally:
        await dispatcher.stop()
    assert outcome.replies and not outcome.deferred
    # Nothing of it kept waiting for the deadline: no deadline held, no timer armed.
    assert pending.future.done() and not dispatcher._deadlines and dispatcher._deadline_timer is None
    assert set(await _statuses(sessions)) == {"passive"}


async def test_an_earlier_deadline_submitted_after_a_later_one_is_kept_in_its_own_time(
    sessions: async_sessionmaker[AsyncSession], clock: FrozenClock
) -> None:
    """One timer serves the deadlines in order (bot/dispatcher.py `_keep_deadline`): a message whose body came
    late has an earlier deadline than one queued before it, and is deferred at its own, not behind the other's."""
    dispatcher = Dispatcher(sessions, CIPHER, clock)  # not started: nothing commits
    now = time.monotonic()
    later = dispatcher.submit(_menu("o-later"), passive_deadline=now + 600, answer_by=now + 600)
    earlier = dispatcher.submit(_menu("o-earlier"), passive_deadline=now, answer_by=now)
    assert await earlier is DEFERRED
    assert not later.done()
    dispatcher.start()
    try:
        outcome = await later
    finally:
        await dispatcher.stop()
    assert outcome.replies and not outcome.deferred
    assert not dispatcher._deadlines and dispatcher._deadline_timer is None
