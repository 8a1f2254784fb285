"""Stopping (a deploy, a restart) does not cut work off half-way (bot/finishing.py).

A batch being processed commits and answers; a send under way finishes and is recorded, so that it is not
left "outcome unknown" (never sent again) after the restart; a group commit under way commits. What was
never started is refused so that the sender retries, and work that outlasts the grace period is cut off.
"""

from __future__ import annotations

import asyncio
import contextlib
import signal
import uuid
from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from sqlalchemy import func, select, text

from bot import keys
from bot.dispatcher import DispatchUnavailable
from dialogs.types import Inbound
from storage.models import InboundMessage, OutboxMessage
from tests.fakes.recording_sender import RecordingSender
from tests.fakes.server_process import ServerProcess


def _inbound(user: str, message: str, transport: str = "simulator") -> Inbound:
    return Inbound(channel="wechat", address=user, kind="text", dedup_key=uuid.uuid4().hex,
                   received_at=datetime.now(UTC), text=message, transport=transport,  # type: ignore[arg-type]
                   simulated=transport == "simulator")


async def _count(app: Any, model: Any) -> int:
    async with app[keys.SESSIONS]() as session:
        return int(await session.scalar(select(func.count()).select_from(model)) or 0)


async def _until(condition: Callable[[], object]) -> None:
    for _ in range(500):
        if condition():
            return
        await asyncio.sleep(0.01)
    raise AssertionError("condition not met within 5 s")


@contextlib.asynccontextmanager
async def _holding_the_person(app: Any, person_id: int) -> AsyncIterator[None]:
    """Another transaction holds what a batch for this person must lock first (SQLite: the write lock;
    PostgreSQL: the person's conversation row), so that the batch waits, under way, until this ends."""
    async with app[keys.ENGINE].connect() as connection:
        transaction = await connection.begin()  # SQLite: BEGIN IMMEDIATE (storage/db.py)
        if connection.dialect.name == "postgresql":
            await connection.execute(text("SELECT 1 FROM conversation WHERE person_id = :p FOR UPDATE"),
                                     {"p": person_id})
        try:
            yield
        finally:
            await transaction.rollback()


async def test_a_batch_under_way_commits_and_answers_and_queued_ones_are_refused(client: Any) -> None:
    app = client.server.app
    dispatcher = app[keys.DISPATCHER]
    first = await dispatcher.submit(_inbound("stopping-user", "你好"))
    async with _holding_the_person(app, first.person_id):
        under_way = dispatcher.submit(_inbound("stopping-user", "菜单"))
        await _until(lambda: dispatcher._batches._running)  # taken into a batch, which waits for the lock
        queued = dispatcher.submit(_inbound("stopping-user", "人工"))
        stopping = asyncio.create_task(dispatcher.stop())
        await asyncio.sleep(0.2)
        assert not under_way.done() and not stopping.done()  # stop waits for the batch under way ...
    await asyncio.wait_for(stopping, timeout=10)
    outcome = under_way.result()  # ... which committed and answered
    assert outcome.replies and outcome.awaiting == "menu"
    with pytest.raises(DispatchUnavailable):  # never taken into a batch: the sender retries
        queued.result()
    assert await _count(app, InboundMessage) == 2


async def test_a_send_under_way_is_finished_and_recorded(make_client: Any, settings: Any) -> None:
    sender = RecordingSender(gate=asyncio.Event())
    client = await make_client(settings, extra_senders=[sender])
    app = client.server.app
    await app[keys.DISPATCHER].submit(_inbound("push-user", "菜单", transport="internal"))  # a push
    await asyncio.wait_for(sender.entered.wait(), timeout=10)
    stopping = asyncio.create_task(app[keys.OUTBOX].stop())
    await asyncio.sleep(0.2)
    assert not stopping.done()  # waiting for the send under way
    sender.gate.set()  # type: ignore[union-attr]
    await asyncio.wait_for(stopping, timeout=10)
    async with app[keys.SESSIONS]() as session:
        assert list(await session.scalars(select(OutboxMessage.status).order_by(OutboxMessage.id))) == [
            "sent", "sent"  # the one under way, then the next one for that person
        ]


async def test_a_send_that_outlasts_the_grace_is_cut_off_and_left_for_recovery(
    make_client: Any, settings: Any, caplog: pytest.LogCaptureFixture
) -> None:
    sender = RecordingSender(gate=asyncio.Event())  # never opens
    client = await make_client(settings, extra_senders=[sender])
    app = client.server.app
    await app[keys.DISPATCHER].submit(_inbound("push-user", "菜单", transport="internal"))
    await asyncio.wait_for(sender.entered.wait(), timeout=10)
    await asyncio.wait_for(app[keys.OUTBOX].stop(grace=0.2), timeout=10)
    async with app[keys.SESSIONS]() as session:
        # The one under way may have gone out: after a restart it is "unknown", never sent a second time.
        # The one after it (in order for that person) was never tried: queued again.
        assert list(await session.scalars(select(OutboxMessage.status).order_by(OutboxMessage.id))) == [
            "sending", "queued"
        ]
    assert "outbox: work still under way 0.2 s after the stop; cut off" in caplog.text


async def test_a_group_commit_under_way_commits(client: Any) -> None:
    app = client.server.app
    reports = app[keys.REPORTS]
    gate = asyncio.Event()

    async def write(session: Any) -> bool:
        await gate.wait()
        return bool(await session.scalar(text("SELECT 1")))

    written = asyncio.ensure_future(reports.run(write))
    await _until(lambda: reports._groups._running)  # taken into a group, which waits for the gate
    stopping = asyncio.create_task(reports.stop())
    await asyncio.sleep(0.1)
    assert not stopping.done() and not written.done()
    queued = asyncio.ensure_future(reports.run(write))  # arrives after the stop began: never taken
    await asyncio.sleep(0)
    gate.set()
    await asyncio.wait_for(stopping, timeout=10)
    assert written.result() is True
    with pytest.raises(ConnectionError):  # answered like an unreachable database: 503, Kannel retries
        await asyncio.wait_for(queued, timeout=5)


async def test_sigterm_stops_the_service_cleanly(database_url: str, tmp_path: Path) -> None:
    """What `docker stop` sends: the process finishes what it holds and exits 0, with no traceback."""
    server = ServerProcess(database_url, tmp_path / "var")
    try:
        await asyncio.to_thread(server.wait_ready)
        async with aiohttp.ClientSession() as http:
            for text_ in ("你好", "菜单", "1"):
                async with http.post(server.url + "/simulator/messages",
                                     json={"user": "sigterm-user", "text": text_}) as resp:
                    assert resp.status == 200
        server.proc.send_signal(signal.SIGTERM)
        code = await asyncio.to_thread(server.proc.wait, 30)
        errors = server.proc.stderr.read().decode() if server.proc.stderr else ""
    finally:
        server.stop()
    assert code == 0, errors
    assert "Traceback" not in errors and "ERROR" not in errors, errors


@pytest.mark.parametrize("worker", [keys.OUTBOX, keys.ALERTS])
async def test_a_wake_up_in_the_same_turn_as_the_stop_does_not_keep_a_worker_running(
    client: Any, worker: Any
) -> None:
    """A commit wakes the idle workers while the service stops: Python 3.11's asyncio.wait_for returned the
    wake-up and swallowed the cancellation that came in the same turn, so the worker went on and stop() never
    returned (a hung test teardown in CI)."""
    app = client.server.app
    await asyncio.sleep(0.3)  # idle: waiting for a wake-up (or its poll interval)
    app[worker].wake()
    await asyncio.wait_for(app[worker].stop(), timeout=10)
