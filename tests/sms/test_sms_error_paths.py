"""The SMS channel's error paths: undecodable and over-long texts, get-url calls without Kannel's id, delivery
reports while the database is away, and what a real Kannel answers the sender when something is wrong."""

from __future__ import annotations

import asyncio
import json
import logging
import os
import signal
import urllib.parse
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from sqlalchemy import func, select

from bot import keys
from bot.channels.sms import MAX_TEXT, KannelConfig, KannelSender
from bot.delivery import OutgoingMessage, SendResult, SendStatus
from bot.settings import Settings
from storage.models import InboundMessage, OutboxMessage
from tests.fakes.blackhole import blackhole
from tests.fakes.kannel import SENDSMS_PASSWORD, SENDSMS_USER, SHORT_CODE, KannelGateway, get_url_for
from tests.sms.conftest import require_kannel

TOKEN = "inbound-token"
PHONE = "13812340001"
E164 = "+86" + PHONE
SMS_LOGGER = "bot.channels.sms"


def _query(**params: str) -> str:
    return urllib.parse.urlencode({"token": TOKEN, "from": PHONE, "to": SHORT_CODE, "coding": "0",
                                   "charset": "UTF-8", "ts": "1795688014", **params})


async def _sms_app(make_client: Any, settings: Settings, **changes: Any) -> Any:
    return await make_client(settings.replace(sms_inbound_token=TOKEN, **changes))


async def _stored_texts(app: Any) -> list[str]:
    async with app[keys.SESSIONS]() as session:
        bodies = list(await session.scalars(select(InboundMessage.body_enc).order_by(InboundMessage.id)))
    return [json.loads(app[keys.CIPHER].decrypt(body))["text"] for body in bodies if body is not None]


async def _queued_replies(app: Any) -> list[tuple[str, str, bool]]:
    async with app[keys.SESSIONS]() as session:
        rows = list(await session.scalars(select(OutboxMessage)))
    return [(r.channel, r.status, r.solicited) for r in rows]


def _sms_warnings(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == SMS_LOGGER and r.levelno == logging.WARNING]


def _assert_no_personal_data(caplog: pytest.LogCaptureFixture, *secrets: str) -> None:
    """No warning or error (from any logger) carries the phone number or the message text."""
    for record in caplog.records:
        if record.levelno < logging.WARNING:
            continue
        line = record.getMessage()
        for secret in (PHONE, E164, *secrets):
            assert secret not in line, f"{secret!r} logged by {record.name}: {line!r}"
        assert record.exc_info is None, f"traceback logged by {record.name}: {line!r}"


# -- inbound: GET /sms/kannel ----------------------------------------------------------------------


async def test_undecodable_bytes_are_replaced_and_the_message_is_answered(
    make_client: Any, settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    client = await _sms_app(make_client, settings)
    app = client.server.app
    # "人工" in UTF-8, then a byte that is never valid UTF-8; Kannel declared UTF-8 (coding 0).
    text = "%E4%BA%BA%E5%B7%A5%FF"
    resp = await client.get(f"/sms/kannel?{_query(id='bad-bytes-1')}&text={text}")
    assert resp.status == 200 and await resp.read() == b""
    assert await _stored_texts(app) == ["人工\ufffd"]
    # Answered like any other message: a reply waits in the outbox for the SMS worker.
    replies = await _queued_replies(app)
    assert replies and all(r == ("sms", "queued", True) for r in replies)
    assert any("not valid in its declared coding" in line for line in _sms_warnings(caplog))
    _assert_no_personal_data(caplog, "人工", "\ufffd")


async def test_a_text_over_the_limit_is_cut_to_max_text_characters(
    make_client: Any, settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    client = await _sms_app(make_client, settings)
    app = client.server.app
    # Characters, not bytes, are counted: 500 Chinese characters are 1,500 bytes of UTF-8.
    at_limit = "找" * 500 + "a" * (MAX_TEXT - 500)
    over = "工" * 300 + "".join(str(i % 10) for i in range(MAX_TEXT - 300 + 123))
    assert len(at_limit.encode()) > MAX_TEXT and len(over) == MAX_TEXT + 123
    for message_id, text in (("at-limit", at_limit), ("over", over)):
        resp = await client.get("/sms/kannel?" + _query(id=message_id, text=text))
        assert resp.status == 200 and await resp.read() == b""
    assert await _stored_texts(app) == [at_limit, over[:MAX_TEXT]]
    warnings = _sms_warnings(caplog)
    assert [line for line in warnings if "cut to" in line] == [f"sms inbound: text of {MAX_TEXT + 123} characters "
                                                               f"cut to {MAX_TEXT}"]
    _assert_no_personal_data(caplog, "找找找", "工工工", "0123456789")


async def test_a_long_chinese_text_fits_in_the_request_line(make_client: Any, settings: Settings) -> None:
    """Kannel puts the text in the URL: MAX_TEXT Chinese characters and more are ~19 KB percent-encoded,
    over aiohttp's default request line of 8,190 bytes. Accepted, and cut to MAX_TEXT like any text."""
    client = await _sms_app(make_client, settings)
    text = "工" * (MAX_TEXT + 100)
    resp = await client.get("/sms/kannel?" + _query(id="long-chinese", text=text))
    assert resp.status == 200 and await resp.read() == b""
    assert await _stored_texts(client.server.app) == ["工" * MAX_TEXT]


async def test_without_kannels_id_sender_time_and_text_identify_the_message(
    make_client: Any, settings: Settings
) -> None:
    client = await _sms_app(make_client, settings)
    app = client.server.app

    async def mo(**params: str) -> None:
        resp = await client.get("/sms/kannel?" + _query(**params))
        assert resp.status == 200 and await resp.read() == b""

    async def count() -> int:
        async with app[keys.SESSIONS]() as session:
            return int(await session.scalar(select(func.count()).select_from(InboundMessage)) or 0)

    await mo(text="人工")
    await mo(text="人工")  # Kannel retrying a call it got no answer to
    await mo(text="人工", id="")  # what Kannel sends when %I is empty: the same message
    assert await count() == 1
    await mo(text="菜单")  # another text at the same second
    assert await count() == 2
    await mo(text="人工", ts="1795688075")  # the same words sent again a minute later
    assert await count() == 3
    await mo(text="人工", **{"from": "13812340002"})  # someone else, same second, same words
    assert await count() == 4
    assert await _stored_texts(app) == ["人工", "菜单", "人工", "人工"]


# -- delivery reports: GET /sms/kannel/dlr ---------------------------------------------------------


@pytest.mark.parametrize("broken", ["server", "file"])
async def test_a_delivery_report_while_the_database_is_unreachable_is_refused_for_a_retry(
    make_client: Any, settings: Settings, caplog: pytest.LogCaptureFixture, tmp_path: Path, broken: str
) -> None:
    url = ("postgresql+asyncpg://nobody:wrong@127.0.0.1:1/none" if broken == "server"
           else f"sqlite+aiosqlite:///{tmp_path / 'no-such-directory' / 'jiuye.db'}")
    client = await _sms_app(make_client, settings, database_url=url)
    resp = await client.get("/sms/kannel/dlr", params={"token": TOKEN, "id": "42", "status": "1"})
    # Not 200 (the report would be lost) and not 400 (Kannel would give up): Kannel retries a 503.
    assert (resp.status, await resp.text()) == (503, "unavailable")
    assert any(line.startswith("sms delivery report not stored (") and line.endswith("); Kannel will retry")
               for line in _sms_warnings(caplog))
    _assert_no_personal_data(caplog)


# -- outbound: KannelSender against a real Kannel --------------------------------------------------


@pytest.fixture(scope="module")
def gateway(tmp_path_factory: pytest.TempPathFactory) -> Iterator[KannelGateway]:
    """One gateway for the module: the sender tests only talk to sendsms, no phone is connected."""
    require_kannel()
    # No MO is ever injected, so the get-url (never called) points at a closed loopback port.
    gw = KannelGateway(tmp_path_factory.mktemp("kannel"), get_url_for("http://127.0.0.1:1", TOKEN))

    async def start() -> None:
        await gw.start()
        # The first accepted sendsms after start-up takes about a second (smsbox settling in with
        # bearerbox); wait for it here so that no test's short timeout meets it.
        async with aiohttp.ClientSession() as http:
            result = await _sender(http, gw).send(_message(0))
        assert result.status is SendStatus.SENT, (result, gw.log_tail())

    try:
        asyncio.run(start())
        yield gw
    finally:
        asyncio.run(gw.stop(graceful=False))


@pytest.fixture
async def http() -> AsyncIterator[aiohttp.ClientSession]:
    async with aiohttp.ClientSession() as session:
        yield session


def _sender(http: aiohttp.ClientSession, gw: KannelGateway, *, password: str = SENDSMS_PASSWORD,
            timeout: float = 10.0) -> KannelSender:
    config = KannelConfig(sendsms_url=gw.sendsms_url, username=SENDSMS_USER, password=password,
                          sender=SHORT_CODE, dlr_base_url="", inbound_token="", rate=1000.0)
    return KannelSender(http, config, timeout=timeout)


def _message(message_id: int, address: str = "+8613812340009") -> OutgoingMessage:
    return OutgoingMessage(message_id, 1, "sms", address, "您好, 您的报名已收到。", "text")


@pytest.mark.kannel
async def test_a_refused_password_means_retry_later_not_failed(
    gateway: KannelGateway, http: aiohttp.ClientSession
) -> None:
    result = await _sender(http, gateway, password="not-the-password").send(_message(1))
    # A configuration error someone will fix: the message waits instead of being given up.
    assert result.status is SendStatus.RETRY
    assert result.error is not None and result.error.startswith("kannel answered 403")
    assert SENDSMS_PASSWORD not in result.error
    # The same gateway takes the same message with the right password: the 403 was the password.
    assert await _sender(http, gateway).send(_message(1)) == SendResult(SendStatus.SENT)


async def test_a_gateway_that_cannot_be_reached_in_time_means_retry(http: aiohttp.ClientSession) -> None:
    """A connect that times out sent nothing (unlike a stall after the request went out): retried later."""
    with blackhole() as dead:
        config = KannelConfig(sendsms_url=f"{dead}/cgi-bin/sendsms", username=SENDSMS_USER,
                              password=SENDSMS_PASSWORD, sender=SHORT_CODE, dlr_base_url="", inbound_token="",
                              rate=1000.0)
        result = await KannelSender(http, config, timeout=1.0).send(_message(4))
    assert result.status is SendStatus.RETRY
    assert result.error == "kannel unreachable: ConnectionTimeoutError"


@pytest.mark.kannel
async def test_a_stalled_gateway_means_outcome_unknown_never_resent(
    gateway: KannelGateway, http: aiohttp.ClientSession
) -> None:
    smsbox = int((gateway.workdir / "smsbox.pid").read_text().strip())
    # Stopped, smsbox's listening socket still completes connections in the kernel: the request is
    # written and no answer ever comes.
    os.kill(smsbox, signal.SIGSTOP)
    try:
        result = await _sender(http, gateway, timeout=0.5).send(_message(2))
    finally:
        os.kill(smsbox, signal.SIGCONT)
    # The request may have reached Kannel (resumed, smsbox sometimes still handles it): a retry could send
    # the message twice, so it is failed with the reason rather than retried.
    assert result.status is SendStatus.FAILED
    assert result.error is not None and result.error.startswith("outcome unknown, not retried")
    # Running again, the gateway answers at once: it was the stall, not a broken gateway or sender.
    assert await _sender(http, gateway).send(_message(2)) == SendResult(SendStatus.SENT)


@pytest.mark.kannel
@pytest.mark.parametrize(
    ("address", "reason"),
    [("", "Empty receiver number not allowed"), ("not-a-phone", "denied by white- and/or black-lists")],
)
async def test_a_request_kannel_rejects_as_malformed_fails_with_its_answer(
    gateway: KannelGateway, http: aiohttp.ClientSession, address: str, reason: str
) -> None:
    result = await _sender(http, gateway).send(_message(3, address))
    # Sending the same request again cannot succeed: failed at once, with Kannel's reason for the log.
    assert result.status is SendStatus.FAILED
    assert result.error is not None and result.error.startswith("kannel answered 400: ") and reason in result.error
