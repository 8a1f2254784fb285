"""Issue 10, defect 10: `jiuye serve` bounds connections, head and body read times, logs a dropped client in
one short line, and does not name its software version."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import aiohttp

from tests.fakes.server_process import ServerProcess

LIMIT = 32
MARKER = "机密-MARKER-body"


async def _closed_by_server(reader: asyncio.StreamReader) -> bytes:
    """Everything the server sends until it closes the connection (bounded wait: never hangs the suite)."""
    return await asyncio.wait_for(reader.read(), timeout=20)


async def test_idle_crowds_slow_heads_and_slow_bodies_cannot_hold_the_server(
    database_url: str, tmp_path: Path
) -> None:
    server = ServerProcess(database_url, tmp_path / "var", JIUYE_MAX_CONNECTIONS=str(LIMIT),
                           JIUYE_HEADER_TIMEOUT="0.5", JIUYE_BODY_TIMEOUT="0.5")
    idle: list[tuple[asyncio.StreamReader, asyncio.StreamWriter]] = []
    try:
        server.wait_ready()
        # Far more idle sockets than the limit (20,000 in the review; the bound is what is proven here).
        for _ in range(LIMIT * 4):
            idle.append(await asyncio.open_connection("127.0.0.1", server.port))
        async with aiohttp.ClientSession() as http:
            async with http.get(server.url + "/healthz", timeout=aiohttp.ClientTimeout(total=10)) as resp:
                assert resp.status == 200
                assert resp.headers["Server"] == "jiuye"  # not aiohttp's name and version
        # Every idle socket is closed by the server: evicted to make room, or timed out waiting for a head.
        for reader, _writer in idle:
            assert await _closed_by_server(reader) == b""

        # A head trickling in is closed after the head timeout too.
        reader, writer = await asyncio.open_connection("127.0.0.1", server.port)
        writer.write(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")
        await writer.drain()
        assert b"200" not in await _closed_by_server(reader)

        # A body that stops half-way: 408 after the body timeout, and the connection closed.
        reader, writer = await asyncio.open_connection("127.0.0.1", server.port)
        body = json.dumps({"user": "slow", "text": MARKER}).encode()
        writer.write(b"POST /simulator/messages HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                     b"Content-Length: %d\r\n\r\n" % (len(body) + 100) + body)
        await writer.drain()
        answer = await _closed_by_server(reader)
        assert answer.startswith(b"HTTP/1.1 408")

        # A body cut off by the client: no traceback, no content in the log.
        reader, writer = await asyncio.open_connection("127.0.0.1", server.port)
        writer.write(b"POST /simulator/messages HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                     b"Content-Length: 500\r\n\r\n" + body)
        await writer.drain()
        writer.close()

        # A request aiohttp cannot parse gets a 400 that does not name the version either.
        reader, writer = await asyncio.open_connection("127.0.0.1", server.port)
        writer.write(b"GARBAGE\r\n\r\n")
        await writer.drain()
        garbage = await _closed_by_server(reader)
        assert b" 400 " in garbage.split(b"\r\n")[0] and b"aiohttp" not in garbage.lower()

        # Still serving.
        async with aiohttp.ClientSession() as http, http.get(server.url + "/healthz") as resp:
            assert resp.status == 200
    finally:
        for _reader, writer in idle:
            writer.close()
        server.proc.terminate()
        _out, err = server.proc.communicate(timeout=30)
        server.stop()
        log = err.decode()
    assert "Traceback" not in log
    assert MARKER not in log and "机密" not in log
    client_lines = [line for line in log.splitlines() if "jiuye.clients" in line]
    # Rate-limited: a handful of lines for well over a hundred closed clients, each one short.
    assert 1 <= len(client_lines) <= 6, log
    assert all(len(line) < 200 for line in client_lines)


async def test_the_connection_limit_follows_the_open_file_limit() -> None:
    import resource

    from bot.connections import connection_limit

    soft, _hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    assert connection_limit(10) == 10
    if soft != resource.RLIM_INFINITY:
        assert connection_limit(10**9) == max(16, soft - 256)
