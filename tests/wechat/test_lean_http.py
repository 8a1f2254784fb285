"""bot/lean_http.py against a loopback server that answers as HTTP servers do (and as they fail): the answer read
whole in each framing, connections kept and reused, never reused after a close, a failure after the request
told apart from one before it."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field

import pytest

from bot.lean_http import ConnectError, ConnectTimeout, LeanHttp, RequestError

# What the server does with each request: (reader's request head and body, writer) -> keep the connection open?
Answer = Callable[[bytes, bytes, asyncio.StreamWriter], Awaitable[bool]]


@dataclass
class Server:
    url: str
    connections: int = 0
    open_now: int = 0
    most_open: int = 0
    requests: list[tuple[bytes, bytes]] = field(default_factory=list)


@asynccontextmanager
async def serving(answer: Answer) -> AsyncIterator[Server]:
    server = Server("")

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        server.connections += 1
        server.open_now += 1
        server.most_open = max(server.most_open, server.open_now)
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                length = next(int(line.split(b":")[1]) for line in head.split(b"\r\n")
                              if line.lower().startswith(b"content-length:"))
                body = await reader.readexactly(length)
                server.requests.append((head, body))
                if not await answer(head, body, writer):
                    break
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        finally:
            server.open_now -= 1
            writer.close()

    listener = await asyncio.start_server(handle, "127.0.0.1", 0)
    port = listener.sockets[0].getsockname()[1]
    server.url = f"http://127.0.0.1:{port}/prefix"
    try:
        yield server
    finally:
        listener.close()


async def fixed(status: int = 200, body: bytes = b'{"errcode":0}', extra: bytes = b"") -> Answer:
    async def answer(head: bytes, _body: bytes, writer: asyncio.StreamWriter) -> bool:
        writer.write(b"HTTP/1.1 %d OK\r\nContent-Length: %d\r\n%s\r\n" % (status, len(body), extra) + body)
        await writer.drain()
        return b"close" not in extra
    return answer


async def test_content_length_answers_on_one_kept_connection() -> None:
    async with serving(await fixed(body='{"errcode":0,"msg":"好"}'.encode())) as server:
        http = LeanHttp(server.url, total=2, connect=1)
        for i in range(3):
            response = await http.post(f"/prefix/send?access_token=T{i}", '{"a":"你"}'.encode(), b"application/json")
            assert (response.status, response.body) == (200, '{"errcode":0,"msg":"好"}'.encode())
        await http.close()
    assert server.connections == 1
    head, body = server.requests[0]
    assert head.startswith(b"POST /prefix/send?access_token=T0 HTTP/1.1\r\n")
    assert b"\r\nHost: 127.0.0.1:" in head and b"\r\nContent-Type: application/json\r\n" in head
    assert body == '{"a":"你"}'.encode()


async def test_chunked_and_read_to_close_answers() -> None:
    async def chunked(head: bytes, _body: bytes, writer: asyncio.StreamWriter) -> bool:
        writer.write(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n")
        for piece in (b"4\r\n{\"er\r\n", b"9;x=1\r\nrcode\":0}\r\n", b"0\r\n", b"\r\n"):
            writer.write(piece)
            await writer.drain()
            await asyncio.sleep(0.01)
        return True

    async with serving(chunked) as server:
        http = LeanHttp(server.url, total=2, connect=1)
        for _ in range(2):
            assert (await http.post("/x", b"{}", b"application/json")).body == b'{"errcode":0}'
        await http.close()
    assert server.connections == 1

    async def to_the_close(head: bytes, _body: bytes, writer: asyncio.StreamWriter) -> bool:
        writer.write(b"HTTP/1.0 200 OK\r\n\r\n{\"errcode\":")
        await writer.drain()
        await asyncio.sleep(0.01)
        writer.write(b"0}")
        return False

    async with serving(to_the_close) as server:
        http = LeanHttp(server.url, total=2, connect=1)
        for _ in range(2):
            assert (await http.post("/x", b"{}", b"application/json")).body == b'{"errcode":0}'
        await http.close()
    assert server.connections == 2


async def test_a_connection_the_server_closes_is_not_reused() -> None:
    async with serving(await fixed(extra=b"Connection: close\r\n")) as server:
        http = LeanHttp(server.url, total=2, connect=1)
        for _ in range(3):
            assert (await http.post("/x", b"{}", b"application/json")).status == 200
        await http.close()
    assert server.connections == 3

    async def then_hang_up(head: bytes, _body: bytes, writer: asyncio.StreamWriter) -> bool:
        writer.write(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")
        await writer.drain()
        return False  # closed after answering, without saying so: the idle connection is seen closed

    async with serving(then_hang_up) as server:
        http = LeanHttp(server.url, total=2, connect=1)
        for _ in range(3):
            assert (await http.post("/x", b"{}", b"application/json")).body == b"ok"
            while server.open_now:  # the server hung up; the client sees it on its next turns
                await asyncio.sleep(0.01)
            await asyncio.sleep(0.05)
        await http.close()
    assert server.connections == 3


@pytest.mark.parametrize("answer", [
    b"HTTP/1.1 200 OK\r\nContent-Length: 20\r\n\r\n{\"errcode\"",  # cut off mid-answer
    b"",  # closed without answering
    b"SPDY/9 200\r\n\r\n",  # not HTTP
    b"HTTP/1.1 200 OK\r\nContent-Length: x\r\n\r\n",  # a malformed length
])
async def test_a_failure_after_the_request_is_not_a_connect_error(answer: bytes) -> None:
    async def broken(head: bytes, _body: bytes, writer: asyncio.StreamWriter) -> bool:
        writer.write(answer)
        await writer.drain()
        return False

    async with serving(broken) as server:
        http = LeanHttp(server.url, total=2, connect=1)
        with pytest.raises(RequestError) as caught:
            await http.post("/x?access_token=SECRET", b"{}", b"application/json")
        assert not isinstance(caught.value, ConnectError) and "SECRET" not in str(caught.value)
        await http.close()
    assert len(server.requests) == 1


async def test_connections_are_limited_and_a_request_waiting_for_one_sent_nothing() -> None:
    release = asyncio.Event()

    async def slow(head: bytes, _body: bytes, writer: asyncio.StreamWriter) -> bool:
        await release.wait()
        writer.write(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")
        await writer.drain()
        return True

    async with serving(slow) as server:
        http = LeanHttp(server.url, limit=3, total=0.5, connect=0.4)
        results = await asyncio.gather(*(http.post("/x", b"{}", b"application/json") for _ in range(4)),
                                       return_exceptions=True)
        # Three were sent and timed out waiting for the answer (outcome unknown); the fourth never got a
        # connection: nothing sent.
        assert sorted(type(r).__name__ for r in results) == ["ConnectTimeout", "TimeoutError", "TimeoutError",
                                                            "TimeoutError"]
        assert len(server.requests) == 3 and server.most_open == 3
        release.set()
        # The timed-out connections were dropped, not reused for the next request's answer.
        http2 = LeanHttp(server.url, limit=3, total=2, connect=1)
        responses = await asyncio.gather(*(http2.post("/x", b"{}", b"application/json") for _ in range(10)))
        assert {r.body for r in responses} == {b"ok"}
        await http.close()
        await http2.close()
    assert server.most_open <= 3


async def test_a_cancelled_request_drops_its_connection() -> None:
    async def stall_first(head: bytes, _body: bytes, writer: asyncio.StreamWriter) -> bool:
        if len(server.requests) == 1:
            await asyncio.sleep(0.5)
        writer.write(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")
        await writer.drain()
        return True

    async with serving(stall_first) as server:
        http = LeanHttp(server.url, total=2, connect=1)
        task = asyncio.create_task(http.post("/x", b"{}", b"application/json"))
        await asyncio.sleep(0.1)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        # The next request does not read the cancelled one's late answer: a connection of its own.
        assert (await http.post("/x", b"{}", b"application/json")).body == b"ok"
        await http.close()
    assert server.connections == 2


async def test_nothing_listening_is_a_connect_error() -> None:
    async with serving(await fixed()) as server:
        url = server.url
    http = LeanHttp(url, total=1, connect=0.5)
    with pytest.raises(ConnectError) as caught:
        await http.post("/x?access_token=SECRET", b"{}", b"application/json")
    assert not isinstance(caught.value, ConnectTimeout) and "SECRET" not in str(caught.value)
    await http.close()
