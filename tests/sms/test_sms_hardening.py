"""Issue 10 on the Kannel endpoints: charsets, NUL and surrogates, and delivery reports for ids never issued."""

from __future__ import annotations

import logging
import urllib.parse
import uuid
from typing import Any

import pytest
from sqlalchemy import func, select

from bot import keys
from bot.settings import Settings
from storage.models import InboundMessage, OutboxMessage, SmsDeliveryReport

TOKEN = "inbound-token-of-16+"


def _query(text: bytes, **overrides: str) -> str:
    params = {"token": TOKEN, "from": "13812345678", "to": "10690000", "coding": "0", "charset": "UTF-8",
              "id": uuid.uuid4().hex, "ts": "1795688014"} | overrides
    return urllib.parse.urlencode(params) + "&text=" + urllib.parse.quote_from_bytes(text)


async def _count(app: Any, model: Any) -> int:
    async with app[keys.SESSIONS]() as session:
        return int(await session.scalar(select(func.count()).select_from(model)) or 0)


@pytest.fixture
async def sms_client(make_client: Any, settings: Settings) -> Any:
    return await make_client(settings.replace(sms_inbound_token=TOKEN))


@pytest.mark.parametrize("charset", ["rot13", "base64", "hex", "zlib", "bz2", "uu", "quopri", "punycode",
                                     "undefined", "unicode_escape", "utf-7", "no-such-charset"])
async def test_a_charset_that_is_not_a_text_encoding_is_a_400_with_a_log_line(
    sms_client: Any, caplog: pytest.LogCaptureFixture, charset: str
) -> None:
    """Defect 6: these gave 500 (Python's codec registry holds far more than text encodings)."""
    with caplog.at_level(logging.WARNING):
        resp = await sms_client.get("/sms/kannel?" + _query(b"+2AA-aGVsbG8=", charset=charset))
    assert resp.status == 400
    assert any("charset" in r.getMessage() for r in caplog.records if r.name == "bot.channels.sms")
    assert await _count(sms_client.server.app, InboundMessage) == 0


@pytest.mark.parametrize(("raw", "coding", "charset"), [
    ("退订".encode(), "0", "UTF-8"),
    ("退订".encode("utf-16-be"), "2", "UTF-16BE"),
    ("退订".encode("utf-16-be"), "2", ""),
    ("退订".encode("gbk"), "1", "GBK"),
])
async def test_the_text_encodings_kannel_names_are_taken(sms_client: Any, raw: bytes, coding: str,
                                                         charset: str) -> None:
    resp = await sms_client.get("/sms/kannel?" + _query(raw, coding=coding, charset=charset))
    assert resp.status == 200
    assert await _count(sms_client.server.app, InboundMessage) == 1


async def test_an_unknown_coding_is_refused(sms_client: Any) -> None:
    assert (await sms_client.get("/sms/kannel?" + _query(b"hi", coding="9"))).status == 400


async def test_nul_in_an_sms_is_removed_and_the_message_goes_through(sms_client: Any) -> None:
    """Defect 7: on PostgreSQL a NUL in an answer failed the JSONB update, retried as an outage."""
    app = sms_client.server.app
    resp = await sms_client.get("/sms/kannel?" + _query("菜\x00单".encode()))
    assert resp.status == 200
    async with app[keys.SESSIONS]() as session:
        bodies = [app[keys.CIPHER].decrypt(b) for b in await session.scalars(select(InboundMessage.body_enc))]
        replies = list(await session.scalars(select(OutboxMessage.id)))
    assert len(bodies) == 1 and "\x00" not in bodies[0] and "菜单" in bodies[0]
    assert replies  # the menu was answered


@pytest.mark.parametrize("raw_id", ["2147483648", "99999999999999999", "0"])
async def test_a_delivery_report_for_an_id_never_issued_is_a_200(
    sms_client: Any, caplog: pytest.LogCaptureFixture, raw_id: str
) -> None:
    """Defect 9: id=2147483648 gave 503 on PostgreSQL (out of integer range), so Kannel retried forever."""
    with caplog.at_level(logging.WARNING):
        resp = await sms_client.get("/sms/kannel/dlr", params={"token": TOKEN, "id": raw_id, "status": "1"})
    assert resp.status == 200
    assert any("never issued" in r.getMessage() or "unknown" in r.getMessage() for r in caplog.records)
    assert await _count(sms_client.server.app, SmsDeliveryReport) == 0
