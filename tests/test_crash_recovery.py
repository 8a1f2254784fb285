"""A crash between the state change and the delivery loses nothing and duplicates nothing.

The service runs as a real process and is killed with SIGKILL (no clean-up runs). Replies were committed
to the outbox but not yet delivered (this process had no way to reach WeChat). A new process delivers
each of them exactly once to the loopback WeChat API; a third process delivers nothing more.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import aiohttp
from sqlalchemy import func, select

from storage.db import create_engine, session_factory
from storage.models import Conversation, InboundMessage, OutboxMessage
from tests.fakes.server_process import ServerProcess
from tests.fakes.wechat_api import APP_ID, APP_SECRET, FakeWeChatApi
from tests.fakes.wechat_signing import signed_query, text_message

TOKEN = "crash-token"
USERS = [f"oCrashUser{i:02d}" for i in range(8)]


async def _rows(database_url: str) -> dict[str, int]:
    engine = create_engine(database_url)
    try:
        async with session_factory(engine)() as session:
            counts = {}
            for status in ("queued", "sent", "passive"):
                counts[status] = int(
                    await session.scalar(
                        select(func.count()).select_from(OutboxMessage).where(OutboxMessage.status == status)
                    )
                    or 0
                )
            counts["inbound"] = int(await session.scalar(select(func.count()).select_from(InboundMessage)) or 0)
            counts["versions"] = int(await session.scalar(select(func.sum(Conversation.version))) or 0)
    finally:
        await engine.dispose()
    return counts


async def _wait_for(predicate: object, timeout: float = 20) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while loop.time() < deadline:
        if predicate():  # type: ignore[operator]
            return
        await asyncio.sleep(0.05)
    raise AssertionError("condition not met in time")


async def test_killed_process_loses_and_duplicates_nothing(
    database_url: str, tmp_path: Path, wechat_api: FakeWeChatApi
) -> None:
    # First process: WeChat callbacks work, but it has no app secret, so it cannot deliver anything;
    # a tiny reply deadline makes every reply a service message (the "dialog too slow" path).
    first = ServerProcess(
        database_url, tmp_path / "a", JIUYE_WECHAT_TOKEN=TOKEN, JIUYE_WECHAT_REPLY_DEADLINE="0.05"
    )
    try:
        first.wait_ready()
        async with aiohttp.ClientSession() as http:
            for i, user in enumerate(USERS):
                body = text_message(user, "人工", msg_id=5000 + i)
                async with http.post(first.url + "/wechat", params=signed_query(TOKEN), data=body) as resp:
                    assert resp.status == 200
                    assert await resp.text() == "success"
        await _wait_for_rows(database_url, queued=len(USERS))
        first.kill()
    finally:
        first.stop()

    after_crash = await _rows(database_url)
    assert after_crash["inbound"] == len(USERS)  # everything they said was kept
    assert after_crash["versions"] == len(USERS)  # every state change was kept
    assert after_crash["queued"] == len(USERS) and after_crash["sent"] == 0

    delivering_env = {
        "JIUYE_WECHAT_TOKEN": TOKEN,
        "JIUYE_WECHAT_APP_ID": APP_ID,
        "JIUYE_WECHAT_APP_SECRET": APP_SECRET,
        "JIUYE_WECHAT_API_BASE": wechat_api.url,
    }
    second = ServerProcess(database_url, tmp_path / "b", **delivering_env)
    try:
        second.wait_ready()
        await _wait_for(lambda: len(wechat_api.sent_texts()) >= len(USERS))
        await asyncio.sleep(0.5)  # anything extra would arrive now
    finally:
        second.stop()
    third = ServerProcess(database_url, tmp_path / "c", **delivering_env)
    try:
        third.wait_ready()
        await asyncio.sleep(1.0)
    finally:
        third.stop()

    delivered = [r.body["touser"] for r in wechat_api.calls("/cgi-bin/message/custom/send") if r.errcode == 0]
    assert sorted(delivered) == sorted(USERS)  # each exactly once
    assert all("工作人员" in text for text in wechat_api.sent_texts())
    final = await _rows(database_url)
    assert final["sent"] == len(USERS) and final["queued"] == 0


async def _wait_for_rows(database_url: str, queued: int, timeout: float = 20) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while loop.time() < deadline:
        if (await _rows(database_url))["queued"] >= queued:
            return
        await asyncio.sleep(0.1)
    raise AssertionError("replies were not queued in time")
