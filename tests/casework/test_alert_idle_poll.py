"""The alert worker's empty wake-ups and polls take no write transaction on SQLite: a claim first reads, outside
any transaction, whether any alert is due, so that the dispatcher's next BEGIN IMMEDIATE never waits behind a
claim that finds nothing (the outbox worker's `nothing_due`, benchmarks/README.md wire12 and wire13). What is due
is still claimed and sent, once."""

from __future__ import annotations

import shutil
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from sqlalchemy import event, select, update
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.casework.alerts import queue_alert
from bot.casework.wecom import WeComRobot
from bot.casework.worker import AlertWorker
from bot.clock import FrozenClock
from storage.crypto import FieldCipher
from storage.db import create_engine, session_factory
from storage.models import Alert
from tests.casework.people import caseworker
from tests.fakes.wecom import FakeWeCom

CIPHER = FieldCipher(b"k" * 32)


@pytest.fixture
async def engine(sqlite_template: Path, tmp_path: Path) -> AsyncIterator[AsyncEngine]:
    # SQLite's write lock is what this is about, whichever database the suite runs on.
    path = tmp_path / "alerts.db"
    shutil.copyfile(sqlite_template, path)
    engine = create_engine(f"sqlite+aiosqlite:///{path}")
    yield engine
    await engine.dispose()


def _begins(engine: AsyncEngine) -> list[Any]:
    begun: list[Any] = []
    event.listen(engine.sync_engine, "begin", begun.append)
    return begun


async def _queue(engine: AsyncEngine, clock: FrozenClock, webhook: str, *, due_in: timedelta) -> None:
    async with session_factory(engine)() as session, session.begin():
        owner = await caseworker(session, CIPHER, webhook=webhook)
        alert = await queue_alert(session, CIPHER, caseworker_id=owner, kind="human_requested",
                                  text="【找工作人员】王*红 (138****8000, 草海镇)", now=clock.now())
        await session.execute(update(Alert).where(Alert.id == alert).values(next_attempt_at=clock.now() + due_in))


async def test_an_empty_poll_takes_no_write_transaction(
    engine: AsyncEngine, clock: FrozenClock, wecom: FakeWeCom
) -> None:
    async with aiohttp.ClientSession() as http:
        worker = AlertWorker(session_factory(engine), CIPHER, clock, WeComRobot(http, timeout=2))
        await _queue(engine, clock, wecom.robot("LATER"), due_in=timedelta(minutes=5))  # queued, not due yet
        begun = _begins(engine)
        assert not await worker.run_once()
        assert not await worker.run_once()
    assert begun == [] and wecom.messages == []


async def test_what_is_due_is_still_claimed_and_sent_once(
    engine: AsyncEngine, clock: FrozenClock, wecom: FakeWeCom
) -> None:
    async with aiohttp.ClientSession() as http:
        worker = AlertWorker(session_factory(engine), CIPHER, clock, WeComRobot(http, timeout=2))
        begun = _begins(engine)
        assert not await worker.run_once()
        await _queue(engine, clock, wecom.robot("NOW"), due_in=timedelta(seconds=-1))
        assert await worker.run_once()
        assert len(begun) >= 2  # the queueing, then the claim (and the settle) in write transactions, as before
        assert not await worker.run_once()
    assert len(wecom.to("NOW")) == 1
    async with session_factory(engine)() as session:
        assert list(await session.scalars(select(Alert.status))) == ["sent"]
