"""The Kannel endpoints without a gateway (Kannel's requests made by hand), delivery reports, and the
outbox's routing between WeChat and SMS."""

from __future__ import annotations

import asyncio
import json
import uuid
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import func, select, text

from bot import keys
from bot.clock import FrozenClock
from bot.delivery import SendResult, SendStatus
from bot.settings import Settings
from dialogs.types import Inbound
from storage.models import ChannelAccount, InboundMessage, OutboxMessage, Person, SmsDeliveryReport
from tests.fakes.recording_sender import RecordingSender

TOKEN = "inbound-token"


def _mo(**overrides: str) -> dict[str, str]:
    params = {"token": TOKEN, "from": "13812345678", "to": "10690000", "text": "人工", "coding": "0",
              "charset": "UTF-8", "id": uuid.uuid4().hex, "ts": "1795688014"}
    params.update(overrides)
    return params


async def _sms_client(make_client: Any, settings: Settings, **kw: Any) -> Any:
    return await make_client(settings.replace(sms_inbound_token=TOKEN), **kw)


async def _count(app: Any, model: Any, *where: Any) -> int:
    async with app[keys.SESSIONS]() as session:
        return int(await session.scalar(select(func.count()).select_from(model).where(*where)) or 0)


async def test_inbound_needs_the_token(make_client: Any, settings: Settings) -> None:
    client = await _sms_client(make_client, settings)
    assert (await client.get("/sms/kannel", params=_mo(token="wrong"))).status == 403
    params = _mo()
    del params["token"]
    assert (await client.get("/sms/kannel", params=params)).status == 403
    assert await _count(client.server.app, InboundMessage) == 0


async def test_no_token_configured_means_no_endpoint(client: Any) -> None:
    assert (await client.get("/sms/kannel", params=_mo())).status == 404


async def test_stored_once_answered_empty_and_replies_queued(make_client: Any, settings: Settings) -> None:
    client = await _sms_client(make_client, settings)
    app = client.server.app
    params = _mo(id="kannel-id-1")
    first = await client.get("/sms/kannel", params=params)
    assert first.status == 200 and await first.read() == b""
    again = await client.get("/sms/kannel", params=params)  # Kannel retrying the same message
    assert again.status == 200 and await again.read() == b""
    assert await _count(app, InboundMessage) == 1
    async with app[keys.SESSIONS]() as session:
        rows = list(await session.scalars(select(OutboxMessage)))
    assert [(r.channel, r.status, r.solicited) for r in rows] == [("sms", "queued", True)]
    cipher = app[keys.CIPHER]
    async with app[keys.SESSIONS]() as session:
        account = await session.scalar(select(ChannelAccount))
    assert account is not None and cipher.decrypt(account.address_enc) == "+8613812345678"


async def test_ucs2_text_is_decoded(make_client: Any, settings: Settings) -> None:
    client = await _sms_client(make_client, settings)
    app = client.server.app
    raw = "退订".encode("utf-16-be").hex()
    quoted = "".join(f"%{raw[i:i + 2]}" for i in range(0, len(raw), 2))
    resp = await client.get(f"/sms/kannel?token={TOKEN}&from=13812345679&text={quoted}&coding=2"
                            "&charset=UTF-16BE&id=u1")
    assert resp.status == 200
    async with app[keys.SESSIONS]() as session:
        message = await session.scalar(select(InboundMessage))
        person = await session.scalar(select(Person))
    assert message is not None and person is not None
    assert json.loads(app[keys.CIPHER].decrypt(message.body_enc))["text"] == "退订"
    assert person.opted_out_channel == "sms"  # understood as the stop command


async def test_bad_sender_is_refused(make_client: Any, settings: Settings) -> None:
    client = await _sms_client(make_client, settings)
    assert (await client.get("/sms/kannel", params=_mo(**{"from": "not-a-number"}))).status == 400


async def test_database_unavailable_makes_kannel_retry(make_client: Any, settings: Settings) -> None:
    client = await _sms_client(make_client, settings)
    async with client.server.app[keys.ENGINE].begin() as conn:
        await conn.execute(text("DROP TABLE inbound_message CASCADE" if not settings.is_sqlite
                                else "DROP TABLE inbound_message"))
    resp = await client.get("/sms/kannel", params=_mo())
    assert resp.status == 503


async def _outbox_row(app: Any) -> int:
    async with app[keys.SESSIONS]() as session, session.begin():
        person = Person()
        session.add(person)
        await session.flush()
        row = OutboxMessage(person_id=person.id, channel="sms", body_enc=app[keys.CIPHER].encrypt("x"),
                            status="sent")
        session.add(row)
        await session.flush()
        return row.id


async def test_delivery_reports_fold_into_the_most_final_status(
    make_client: Any, settings: Settings, clock: FrozenClock
) -> None:
    client = await _sms_client(make_client, settings)
    app = client.server.app
    message_id = await _outbox_row(app)

    async def report(status: object, token: str = TOKEN, mid: object = message_id) -> int:
        resp = await client.get("/sms/kannel/dlr", params={"token": token, "id": str(mid), "status": str(status)})
        return resp.status

    async def state() -> tuple[str | None, Any]:
        async with app[keys.SESSIONS]() as session:
            row = await session.get(OutboxMessage, message_id)
            assert row is not None
            return row.delivery_status, row.delivered_at

    assert await report(1, token="nope") == 403
    assert await report(3) == 400 and await report(1, mid="x") == 400
    assert await report("²") == 400 and await report(1, mid="¹²") == 400
    assert await report(1, mid=999999) == 200  # unknown: logged, not retried forever
    assert await report(8) == 200
    assert await state() == ("accepted", None)
    assert await report(1) == 200
    clock.advance(timedelta(minutes=1))
    assert await report(8) == 200  # a late report for the other part does not undo "delivered"
    assert await state() == ("delivered", clock.now() - timedelta(minutes=1))
    assert await report(16) == 200
    assert (await state())[0] == "rejected"
    assert await _count(app, SmsDeliveryReport) == 4


async def test_reports_arriving_together_never_undo_delivered(make_client: Any, settings: Settings) -> None:
    """Regression: both parts' reports at once; without a row lock the weaker one could win (PostgreSQL)."""
    client = await _sms_client(make_client, settings)
    app = client.server.app
    ids = [await _outbox_row(app) for _ in range(8)]

    async def report(mid: int, status: int) -> None:
        resp = await client.get("/sms/kannel/dlr", params={"token": TOKEN, "id": str(mid), "status": str(status)})
        assert resp.status == 200

    await asyncio.gather(*(report(mid, status) for mid in ids for status in (1, 8, 8, 1)))
    async with app[keys.SESSIONS]() as session:
        statuses = list(await session.scalars(select(OutboxMessage.delivery_status).where(OutboxMessage.id.in_(ids))))
    assert statuses == ["delivered"] * len(ids)


# -- routing between WeChat and SMS ----------------------------------------------------------------


async def _routing_app(make_client: Any, settings: Settings, wechat: RecordingSender,
                       sms: RecordingSender) -> Any:
    client = await make_client(settings.replace(outbox_poll_interval=3600), extra_senders=[wechat, sms])
    app = client.server.app
    await app[keys.OUTBOX].stop()  # driven by hand
    return app


async def _person_on_both(app: Any, openid: str, phone: str) -> int:
    """Someone who wrote on WeChat now and whose SMS number is linked to them."""
    outcome = await app[keys.DISPATCHER].submit(Inbound(
        channel="wechat", address=openid, kind="text", dedup_key=uuid.uuid4().hex,
        received_at=app[keys.CLOCK].now(), text="人工", transport="wechat"))
    cipher = app[keys.CIPHER]
    async with app[keys.SESSIONS]() as session, session.begin():
        session.add(ChannelAccount(person_id=outcome.person_id, channel="sms",
                                   address_hash=cipher.blind_index("sms", phone), address_enc=cipher.encrypt(phone)))
    return int(outcome.person_id)


async def _push(app: Any, openid: str) -> None:
    await app[keys.DISPATCHER].submit(Inbound(
        channel="wechat", address=openid, kind="text", dedup_key=uuid.uuid4().hex,
        received_at=app[keys.CLOCK].now(), text="人工", transport="internal"))


@pytest.mark.parametrize(("hours_since_wechat", "expected"), [(1, "wechat"), (47, "wechat"), (49, "sms")])
async def test_pushes_go_to_wechat_inside_its_window_else_sms(
    make_client: Any, settings: Settings, clock: FrozenClock, hours_since_wechat: int, expected: str
) -> None:
    wechat, sms = RecordingSender("wechat"), RecordingSender("sms")
    app = await _routing_app(make_client, settings, wechat, sms)
    await _person_on_both(app, "o-route", "+8613812340000")
    clock.advance(timedelta(hours=hours_since_wechat))
    await _push(app, "o-route")
    await app[keys.OUTBOX].run_once()
    sent = wechat.sent if expected == "wechat" else sms.sent
    other = sms.sent if expected == "wechat" else wechat.sent
    assert len(sent) == 1 and other == []
    assert sent[0].address == ("o-route" if expected == "wechat" else "+8613812340000")
    async with app[keys.SESSIONS]() as session:
        channels = list(await session.scalars(select(OutboxMessage.channel).where(OutboxMessage.solicited.is_(False))))
    assert channels == [expected]


async def test_wechat_unreachable_falls_back_to_sms_once(make_client: Any, settings: Settings) -> None:
    wechat, sms = RecordingSender("wechat"), RecordingSender("sms")
    wechat.script.append(SendResult(SendStatus.UNREACHABLE, error="45015 out of window"))
    app = await _routing_app(make_client, settings, wechat, sms)
    await _person_on_both(app, "o-fallback", "+8613812340001")
    await _push(app, "o-fallback")
    worker = app[keys.OUTBOX]
    await worker.run_once()
    assert wechat.sent == [] and sms.sent == []
    await worker.run_once()
    assert [m.channel for m in sms.sent] == ["sms"] and wechat.sent == []
    assert not await worker.run_once()
    async with app[keys.SESSIONS]() as session:
        rows = list(await session.scalars(select(OutboxMessage).where(OutboxMessage.solicited.is_(False))))
    assert [(r.channel, r.status) for r in rows] == [("sms", "sent")]


async def test_without_an_sms_number_an_unreachable_push_is_skipped(make_client: Any, settings: Settings,
                                                                    clock: FrozenClock) -> None:
    wechat, sms = RecordingSender("wechat"), RecordingSender("sms")
    wechat.script.append(SendResult(SendStatus.UNREACHABLE, error="45015 out of window"))
    app = await _routing_app(make_client, settings, wechat, sms)
    await app[keys.DISPATCHER].submit(Inbound(
        channel="wechat", address="o-only", kind="text", dedup_key=uuid.uuid4().hex,
        received_at=clock.now(), text="人工", transport="wechat"))
    clock.advance(timedelta(hours=72))
    await _push(app, "o-only")
    await app[keys.OUTBOX].run_once()
    async with app[keys.SESSIONS]() as session:
        rows = list(await session.scalars(select(OutboxMessage).where(OutboxMessage.solicited.is_(False))))
    assert [(r.channel, r.status) for r in rows] == [("wechat", "skipped")]
