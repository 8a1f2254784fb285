"""The outbox worker: each queued message delivered once, in order per person, respecting quiet hours
and opt-out for pushes, with retries on transient failures and no re-send after a crash mid-send."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import select, update

from bot import keys
from bot.clock import FrozenClock
from bot.delivery import BACKOFF, MAX_ATTEMPTS, SendResult, SendStatus
from dialogs.types import Inbound
from storage.models import OutboxMessage
from tests.fakes.recording_sender import RecordingSender


def _inbound(user: str, text: str, transport: str = "internal") -> Inbound:
    return Inbound(
        channel="wechat",
        address=user,
        kind="text",
        dedup_key=uuid.uuid4().hex,
        received_at=datetime.now(UTC),
        text=text,
        transport=transport,
    )  # type: ignore[arg-type]


async def _statuses(app: Any) -> list[str]:
    async with app[keys.SESSIONS]() as session:
        return list(await session.scalars(select(OutboxMessage.status).order_by(OutboxMessage.id)))


async def _app_with_sender(make_client: Any, settings: Any, sender: RecordingSender, **kw: Any) -> Any:
    client = await make_client(settings.replace(outbox_poll_interval=3600), extra_senders=[sender], **kw)
    app = client.server.app
    await app[keys.OUTBOX].stop()  # drive the worker by hand: deterministic, no sleeps
    return app


async def test_queued_messages_are_sent_once_in_order(make_client: Any, settings: Any) -> None:
    sender = RecordingSender()
    app = await _app_with_sender(make_client, settings, sender)
    await app[keys.DISPATCHER].submit(
        _inbound("o1", "菜单", transport="wechat"), passive_deadline=0.0
    )  # too late for a passive reply: pushed
    worker = app[keys.OUTBOX]
    assert await worker.run_once()
    assert not await worker.run_once()
    assert [m.address for m in sender.sent] == ["o1", "o1"]
    assert sender.sent[0].text.startswith("您可以随时回复") and sender.sent[1].text.startswith(
        "请回复数字选择"
    )
    assert await _statuses(app) == ["sent", "sent"]


async def test_pushes_wait_for_quiet_hours_but_replies_do_not(
    make_client: Any, settings: Any, clock: FrozenClock
) -> None:
    clock.set(datetime(2026, 11, 26, 14, 30, tzinfo=UTC))  # 22:30 in Shanghai
    sender = RecordingSender()
    app = await _app_with_sender(make_client, settings, sender)
    dispatcher = app[keys.DISPATCHER]
    await dispatcher.submit(_inbound("night", "菜单", transport="internal"))  # a push
    await dispatcher.submit(_inbound("night", "人工", transport="wechat"), passive_deadline=0.0)  # a reply
    worker = app[keys.OUTBOX]
    await worker.run_once()
    assert len(sender.sent) == 1 and "工作人员" in sender.sent[0].text
    async with app[keys.SESSIONS]() as session:
        due = list(
            await session.scalars(
                select(OutboxMessage.next_attempt_at).where(OutboxMessage.status == "queued")
            )
        )
    assert due and all(d == datetime(2026, 11, 27, 0, 0, tzinfo=UTC) for d in due)  # 08:00 next morning
    # A later reply is not held back by the waiting push.
    await dispatcher.submit(_inbound("night", "人工", transport="wechat"), passive_deadline=0.0)
    await worker.run_once()
    assert len(sender.sent) == 2
    clock.set(datetime(2026, 11, 27, 0, 1, tzinfo=UTC))
    await worker.run_once()
    assert len(sender.sent) == 4


async def test_opted_out_people_get_replies_but_no_pushes(make_client: Any, settings: Any) -> None:
    sender = RecordingSender()
    app = await _app_with_sender(make_client, settings, sender)
    dispatcher = app[keys.DISPATCHER]
    await dispatcher.submit(_inbound("quiet", "退订", transport="wechat"), passive_deadline=0.0)
    await dispatcher.submit(_inbound("quiet", "菜单", transport="internal"))
    await app[keys.OUTBOX].run_once()
    assert len(sender.sent) == 1 and "退订" in sender.sent[0].text
    assert await _statuses(app) == ["sent", "skipped", "skipped"]


async def test_transient_failure_retries_later_and_keeps_order(
    make_client: Any, settings: Any, clock: FrozenClock
) -> None:
    sender = RecordingSender()
    sender.script.append(SendResult(SendStatus.RETRY, error="gateway down"))
    app = await _app_with_sender(make_client, settings, sender)
    await app[keys.DISPATCHER].submit(_inbound("r1", "菜单"))
    worker = app[keys.OUTBOX]
    await worker.run_once()
    assert sender.sent == []
    assert await _statuses(app) == ["queued", "queued"]
    assert not await worker.run_once()  # backing off
    clock.advance(timedelta(seconds=10))
    await worker.run_once()
    assert [m.text[:4] for m in sender.sent] == ["您可以随", "请回复数"]
    assert await _statuses(app) == ["sent", "sent"]


async def test_permanent_failure_and_unreachable_are_final(make_client: Any, settings: Any) -> None:
    sender = RecordingSender()
    sender.script.extend(
        [
            SendResult(SendStatus.FAILED, error="bad request"),
            SendResult(SendStatus.UNREACHABLE, error="window closed"),
        ]
    )
    app = await _app_with_sender(make_client, settings, sender)
    await app[keys.DISPATCHER].submit(_inbound("f1", "菜单"))
    await app[keys.OUTBOX].run_once()
    assert await _statuses(app) == ["failed", "skipped"]


async def test_a_message_that_keeps_failing_transiently_gives_up_and_lets_the_next_go(
    make_client: Any, settings: Any, clock: FrozenClock
) -> None:
    sender = RecordingSender()
    sender.script.extend(SendResult(SendStatus.RETRY, error="gateway down") for _ in range(MAX_ATTEMPTS))
    app = await _app_with_sender(make_client, settings, sender)
    await app[keys.DISPATCHER].submit(_inbound("g1", "菜单"))
    worker = app[keys.OUTBOX]
    for _ in range(MAX_ATTEMPTS):
        assert await _statuses(app) == ["queued", "queued"]  # the second waits behind the first
        await worker.run_once()
        clock.advance(timedelta(seconds=BACKOFF[-1]))
    assert await _statuses(app) == ["failed", "queued"]
    await worker.run_once()
    assert await _statuses(app) == ["failed", "sent"]
    async with app[keys.SESSIONS]() as session:
        attempts = list(await session.scalars(select(OutboxMessage.attempts).order_by(OutboxMessage.id)))
    assert attempts[0] == MAX_ATTEMPTS
    assert [m.text[:4] for m in sender.sent] == ["请回复数"]


async def test_a_sender_that_raises_fails_that_message_and_the_worker_goes_on(
    make_client: Any, settings: Any, caplog: Any
) -> None:
    sender = RecordingSender(raises=1)
    app = await _app_with_sender(make_client, settings, sender)
    await app[keys.DISPATCHER].submit(_inbound("b1", "菜单"))
    await app[keys.OUTBOX].run_once()
    # The outcome of a send that raised is unknown: not retried (it may have gone out), the next one goes.
    assert await _statuses(app) == ["failed", "sent"]
    assert "sender wechat raised" in caplog.text
    assert [m.text[:4] for m in sender.sent] == ["请回复数"]


async def test_a_send_interrupted_by_a_crash_is_not_repeated(
    make_client: Any, settings: Any, clock: FrozenClock
) -> None:
    sender = RecordingSender()
    app = await _app_with_sender(make_client, settings, sender)
    await app[keys.DISPATCHER].submit(_inbound("c1", "人工"))
    # What a worker that died mid-send leaves behind: a claimed row whose claim has run out.
    async with app[keys.SESSIONS]() as session, session.begin():
        await session.execute(
            update(OutboxMessage).values(status="sending", claimed_until=clock.now() - timedelta(seconds=1))
        )
    worker = app[keys.OUTBOX]
    assert await worker.recover_abandoned() == 1
    assert not await worker.run_once()
    assert sender.sent == []
    assert await _statuses(app) == ["unknown"]
