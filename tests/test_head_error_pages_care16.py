"""A HEAD gets headers only, also when aiohttp cannot parse the request. Before, `jiuye serve` answered a HEAD
whose body could not be decoded as its Content-Encoding said (or with a header aiohttp refuses) with aiohttp's
400 page, body included (`deflate`): aiohttp answers such a request for a method it calls UNKNOWN, and a client
reading the answer to a HEAD takes those bytes for the next response (aiohttp's own client refuses it: "Data after
Connection: close"). Now the connection guard of `jiuye serve` (bot/connections.py) knows the request was a HEAD and
the error page goes without its body. A GET still gets the page's text (a guard)."""

from __future__ import annotations

import asyncio

from bot import connections
from bot.app import create_app
from bot.clock import FrozenClock
from bot.settings import Settings

UNDECODABLE = b"Content-Encoding: deflate\r\nContent-Length: 1\r\n\r\n\x00"


async def _answer(port: int, method: str) -> tuple[bytes, bytes]:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        writer.write(f"{method} /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n".encode() + UNDECODABLE)
        await writer.drain()
        answer = await asyncio.wait_for(reader.read(), timeout=10)
    finally:
        writer.close()
    head, _, body = answer.partition(b"\r\n\r\n")
    return head, body


async def test_a_head_that_cannot_be_parsed_gets_its_error_without_a_body(settings: Settings,
                                                                         clock: FrozenClock) -> None:
    app = create_app(settings, clock=clock, migrate=False)
    guard = connections.ConnectionGuard()
    runner, server = await connections.start(app, guard, host="127.0.0.1", port=0, max_connections=64,
                                             header_timeout=5)
    try:
        port = server.sockets[0].getsockname()[1]
        head, body = await _answer(port, "HEAD")
        assert b" 400 " in head.split(b"\r\n")[0] and body == b""
        head, body = await _answer(port, "GET")
        assert b" 400 " in head.split(b"\r\n")[0] and body == b"deflate"
    finally:
        await connections.stop(runner, server)
