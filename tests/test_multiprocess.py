"""Two server processes on one database: one person's messages never lose an update, retries are
processed once whichever process gets them. Runs on SQLite and, in CI's second pass, on PostgreSQL."""

from __future__ import annotations

import asyncio
import base64
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from xml.etree import ElementTree

import aiohttp
import pytest
from sqlalchemy import func, select

from storage.db import create_engine, session_factory
from storage.models import Conversation, InboundMessage
from tests.fakes.wechat_signing import signed_query, text_message

TOKEN = "multi-token"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _serve(database_url: str, var_dir: Path, port: int) -> subprocess.Popen[bytes]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("JIUYE_")}
    env |= {
        "JIUYE_DATABASE_URL": database_url, "JIUYE_VAR_DIR": str(var_dir),
        "JIUYE_SECRET_KEY": base64.urlsafe_b64encode(b"m" * 32).decode(), "JIUYE_WECHAT_TOKEN": TOKEN,
        "JIUYE_WECHAT_REPLAY_WINDOW": "0", "JIUYE_LOG_LEVEL": "WARNING",
    }
    return subprocess.Popen([sys.executable, "-m", "bot.cli", "serve", "--port", str(port), "--simulator"],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def _wait_ready(port: int, proc: subprocess.Popen[bytes]) -> None:
    import urllib.request

    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"server exited: {proc.stderr.read().decode()[-2000:] if proc.stderr else ''}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/readyz", timeout=1) as resp:  # noqa: S310
                if resp.status == 200:
                    return
        except OSError:
            time.sleep(0.1)
    raise AssertionError("server not ready within 30 s")


@pytest.fixture
def two_servers(database_url: str, tmp_path: Path) -> Iterator[list[int]]:
    ports = [_free_port(), _free_port()]
    procs = [_serve(database_url, tmp_path / f"var{i}", p) for i, p in enumerate(ports)]
    try:
        for port, proc in zip(ports, procs, strict=True):
            _wait_ready(port, proc)
        yield ports
    finally:
        for proc in procs:
            proc.terminate()
        for proc in procs:
            proc.wait(timeout=10)


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
            async with http.post(f"http://127.0.0.1:{port}/simulator/messages",
                                 json={"user": "shared-person", "text": "菜单"}) as resp:
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
            async with http.post(f"http://127.0.0.1:{port}/wechat", params=signed_query(TOKEN), data=body) as r:
                assert r.status == 200
                return await r.text()

        replies = await asyncio.gather(*(deliver(two_servers[i % 2]) for i in range(6)))
    contents = {ElementTree.fromstring(r).findtext("Content") for r in replies}
    assert len(contents) == 1 and "1." in (contents.pop() or "")
    versions, inbound = await _db_counts(database_url)
    assert versions == [1]
    assert inbound == 1
