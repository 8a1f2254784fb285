"""The check-in burst's send path made cheaper (benchmarks/README.md, perf12) without changing what is sent or
what a failure means: the customer-service body is the JSON it was, an exchange on a kept-alive connection that
stalls still times out as "may have reached WeChat", and a batch cut off by a stop puts back the people whose
send never started."""

from __future__ import annotations

import asyncio
import json
from json.encoder import encode_basestring
from typing import Any

import pytest
from sqlalchemy import select

from bot import delivery, keys
from bot.delivery import OutgoingMessage, SendResult, SendStatus
from bot.lean_http import ConnectTimeout, LeanHttp
from bot.wechat_api import _CUSTOM_TEXT, _ENCODE
from storage.models import OutboxMessage
from tests.test_outbox import _app_with_sender, _inbound
from tests.wechat.test_lean_http import serving


@pytest.mark.parametrize("text", [
    "您好! 您还在东莞的宏达电子厂上班吗?\n回复1 是, 2 否",
    'quote " backslash \\ tab \t nul \x00 bell \x07 del \x7f',
    "line\u2028separator\u2029 and 😀 and \ufeff",
    "",
])
def test_the_customer_service_body_is_the_json_of_its_payload(text: str) -> None:
    openid = 'o"\\6_bmasdasdsad6_2sgVt7hMZOPfL'
    made = (_CUSTOM_TEXT % (encode_basestring(openid), encode_basestring(text))).encode()
    assert made == _ENCODE({"touser": openid, "msgtype": "text", "text": {"content": text}}).encode()
    assert json.loads(made) == {"touser": openid, "msgtype": "text", "text": {"content": text}}


async def test_a_kept_connection_whose_answer_stalls_times_out_and_is_dropped() -> None:
    async def stall_second(head: bytes, _body: bytes, writer: asyncio.StreamWriter) -> bool:
        if len(server.requests) == 2:
            await asyncio.sleep(1.0)
        writer.write(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")
        await writer.drain()
        return True

    async with serving(stall_second) as server:
        http = LeanHttp(server.url, total=0.3, connect=0.2)
        assert (await http.post("/x", b"{}", b"application/json")).body == b"ok"
        # The second goes on the kept connection: sent, then no answer within the total: it may have arrived.
        with pytest.raises(TimeoutError) as caught:
            await http.post("/x", b"{}", b"application/json")
        assert not isinstance(caught.value, ConnectTimeout)
        # The late answer is never read as the next request's: that one gets a connection of its own.
        assert (await http.post("/x", b"{}", b"application/json")).body == b"ok"
        await http.close()
    assert server.connections == 2 and len(server.requests) == 3


class _Gated:
    channel = "wechat"

    def __init__(self) -> None:
        self.started = 0
        self.gate = asyncio.Event()

    async def send(self, message: OutgoingMessage) -> SendResult:
        self.started += 1
        await self.gate.wait()
        return SendResult(SendStatus.SENT, external_id="ok")


async def test_a_batch_cut_off_puts_back_the_people_whose_send_never_started(
    make_client: Any, settings: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(delivery, "SENDS_IN_FLIGHT", 3)  # the constant's meaning, with fewer people
    sender = _Gated()
    app = await _app_with_sender(make_client, settings, sender)  # type: ignore[arg-type]
    people = delivery.SENDS_IN_FLIGHT + 2
    # Two pushes each; submitted together, so that the dispatcher takes them as one batch.
    await asyncio.gather(*(app[keys.DISPATCHER].submit(_inbound(f"cut-{i}", "菜单")) for i in range(people)))
    batch = asyncio.create_task(app[keys.OUTBOX].run_once())
    for _ in range(500):
        if sender.started == delivery.SENDS_IN_FLIGHT:
            break
        await asyncio.sleep(0.01)
    assert sender.started == delivery.SENDS_IN_FLIGHT  # the others wait for one of these to finish
    batch.cancel()
    with pytest.raises(asyncio.CancelledError):
        await batch
    async with app[keys.SESSIONS]() as session:
        rows = list(await session.execute(select(OutboxMessage.person_id, OutboxMessage.status)
                                          .order_by(OutboxMessage.id)))
    by_person: dict[int, list[str]] = {}
    for person_id, status in rows:
        by_person.setdefault(person_id, []).append(status)
    # A send cut off may have gone out (left `sending`: unknown after recovery, never sent twice); what
    # follows it, and everything of the people no send was started for, is queued again.
    assert sorted(by_person.values()) == sorted([["sending", "queued"]] * delivery.SENDS_IN_FLIGHT
                                                + [["queued", "queued"]] * 2)
