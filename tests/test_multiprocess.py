"""Two server processes on one database: one person's messages never lose an update, retries are
processed once whichever process gets them. Runs on SQLite and, in CI's second pass, on PostgreSQL."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path
from xml.etree import ElementTree

import aiohttp
import pytest
from sqlalchemy import func, select

from storage.db import create_engine, session_factory
from storage.models import Conversation, InboundMessage
from tests.fakes.server_process import ServerProcess
from tests.fakes.wechat_signing import signed_query, text_message

TOKEN = "multi-token"


@pytest.fixture
def two_servers(database_url: str, tmp_path: Path) -> Iterator[list[int]]:
    servers = [ServerProcess(database_url, tmp_path / f"var{i}", JIUYE_WECHAT_TOKEN=TOKEN) for i in range(2)]
    try:
        for server in servers:
            server.wait_ready()
        yield [s.port for s in servers]
    finally:
        for server in servers:
            server.stop()


async def _db_counts(database_url: str) -> tuple[list[int], int]:
    engine = create_engine(database_url)
    try:
        async with session_factory(engine)() as session:
            versions = list(await session.scalars(select(Conversation.version)))
            inbound = int(await session.scalar(select(func.count()).select_from(InboundMessage)) or 0)
    finally:
        await engine.dispose()
    return versions, inbound


async def test_two_processes_lose_no_update_for_one_person(two_servers: list[int], database_url: str) -> None:
    n = 40
    async with aiohttp.ClientSession() as http:

        async def send(i: int) -> int:
            port = two_servers[i % 2]
            async with http.post(
                f"http://127.0.0.1:{port}/simulator/messages", json={"user": "shared-person", "text": "菜单"}
            ) as resp:
                return resp.status

        statuses = await asyncio.gather(*(send(i) for i in range(n)))
    assert statuses == [200] * n
    versions, inbound = await _db_counts(database_url)
    assert versions == [n]
    assert inbound == n


async def test_a_retry_reaching_the_other_process_gets_the_same_reply(
    two_servers: list[int], database_url: str
) -> None:
    body = text_message("oRetryUser", "菜单", msg_id=987654321)
    async with aiohttp.ClientSession() as http:

        async def deliver(port: int) -> str:
            async with http.post(
                f"http://127.0.0.1:{port}/wechat", params=signed_query(TOKEN), data=body
            ) as r:
                assert r.status == 200
                return await r.text()

        replies = await asyncio.gather(*(deliver(two_servers[i % 2]) for i in range(6)))
    contents = {ElementTree.fromstring(r).findtext("Content") for r in replies}
    assert len(contents) == 1 and "1." in (contents.pop() or "")
    versions, inbound = await _db_counts(database_url)
    assert versions == [1]
    assert inbound == 1
