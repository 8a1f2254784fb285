"""WeChat's retries (5 s, then 3 more): one state change per message, the same answer every time, and
the slow path that answers `success` and delivers the reply as a service message instead."""

from __future__ import annotations

import asyncio
import sqlite3
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import asyncpg  # type: ignore[import-untyped]

from bot.settings import Settings
from dialogs.i18n import catalog
from tests.fakes.wechat_api import FakeWeChatApi
from tests.wechat import records
from tests.wechat.callback import event, parse, post, signed_query, text

HELP = catalog("zh_CN").get("common.help")


async def test_same_msgid_three_times_at_once_changes_state_once_and_answers_alike(
    wechat_client: Any, sessions: Any
) -> None:
    await post(wechat_client, event("u-retry", "subscribe", 1_700_000_000))
    version_before, _ = await records.conversation(sessions, "u-retry")
    body = text("u-retry", "帮助", 3001)
    answers = await asyncio.gather(*(post(wechat_client, body, signed_query()) for _ in range(3)))
    assert [status for status, _ in answers] == [200, 200, 200]
    contents = {parse(xml)["Content"] for _, xml in answers}
    assert len(contents) == 1 and HELP in contents.pop()
    version_after, _ = await records.conversation(sessions, "u-retry")
    assert version_after == version_before + 1
    assert [d for _, d, _ in await records.inbound(sessions, "u-retry")] == ["e:u-retry:1700000000:subscribe",
                                                                            "m:u-retry:3001"]


async def test_retry_after_a_restart_gets_the_first_answer_without_a_second_state_change(
    make_client: Any, wechat_settings: Settings, sessions: Any
) -> None:
    first_app = await make_client(wechat_settings)
    status, first = await post(first_app, text("u-restart", "帮助", 3101))
    assert status == 200
    version, _ = await records.conversation(sessions, "u-restart")
    await first_app.close()

    second_app = await make_client(wechat_settings)  # a new process on the same database
    answers = await asyncio.gather(*(post(second_app, text("u-restart", "帮助", 3101)) for _ in range(3)))
    assert {parse(xml)["Content"] for _, xml in answers} == {parse(first)["Content"]}
    assert (await records.conversation(sessions, "u-restart"))[0] == version
    assert await records.inbound_count(sessions, "u-restart") == 1


async def test_events_are_deduplicated_by_sender_create_time_and_event(wechat_client: Any, sessions: Any) -> None:
    subscribe = event("u-ev", "subscribe", 1_700_000_000)
    _, first = await post(wechat_client, subscribe)
    _, again = await post(wechat_client, subscribe)
    assert parse(first)["Content"] == parse(again)["Content"]
    assert (await records.conversation(sessions, "u-ev"))[0] == 1
    # Same second, another event; and the same event a second later: both are new.
    await post(wechat_client, event("u-ev", "CLICK", 1_700_000_000, key="human"))
    await post(wechat_client, event("u-ev", "subscribe", 1_700_000_001))
    assert [d for _, d, _ in await records.inbound(sessions, "u-ev")] == [
        "e:u-ev:1700000000:subscribe", "e:u-ev:1700000000:click", "e:u-ev:1700000001:subscribe"]
    assert (await records.conversation(sessions, "u-ev"))[0] == 3


# -- the slow path ----------------------------------------------------------------------------------------

@asynccontextmanager
async def write_locked(database_url: str) -> AsyncIterator[None]:
    """Another connection holds the database's write lock until the block ends."""
    if database_url.startswith("sqlite"):
        path = database_url.split("///", 1)[1]
        held, release = threading.Event(), threading.Event()

        def hold() -> None:
            conn = sqlite3.connect(path, isolation_level=None, timeout=30)
            try:
                conn.execute("BEGIN IMMEDIATE")
                held.set()
                release.wait(30)
                conn.execute("ROLLBACK")
            finally:
                conn.close()

        holder = asyncio.create_task(asyncio.to_thread(hold))
        await asyncio.to_thread(held.wait, 10)
        try:
            yield
        finally:
            release.set()
            await holder
        return
    conn = await asyncpg.connect(database_url.replace("postgresql+asyncpg://", "postgresql://"))
    try:
        tx = conn.transaction()
        await tx.start()
        await conn.execute("LOCK TABLE inbound_message IN EXCLUSIVE MODE")
        try:
            yield
        finally:
            await tx.rollback()
    finally:
        await conn.close()


async def test_slow_database_answers_success_in_time_and_delivers_one_service_message(
    make_client: Any, wechat_settings: Settings, wechat_api: FakeWeChatApi, sessions: Any, database_url: str
) -> None:
    client = await make_client(wechat_settings.replace(wechat_reply_deadline=0.6))
    body = text("u-slow", "帮助", 3201)
    async with write_locked(database_url):
        status, answer = await post(client, body)
        # Answered while the write is still blocked: WeChat gets "success" instead of waiting for a reply.
        assert status == 200
        assert answer == "success"
        assert wechat_api.sent_texts() == []
    await records.wait_for(lambda: _all_settled(sessions, "u-slow"))
    rows = await records.outbox(sessions, "u-slow")
    assert [row.status for row in rows] == ["sent"] * len(rows)
    # Each message of the reply (the help text, then the menu) went out once, in order.
    delivered = wechat_api.sent_texts("u-slow")
    assert delivered == [records.CIPHER.decrypt(row.body_enc) for row in rows]
    assert HELP in delivered[0]
    # A retry that WeChat might still send finds the message done: no passive reply, no second delivery.
    status, answer = await post(client, body)
    assert (status, answer) == (200, "success")
    await records.wait_for(lambda: _all_settled(sessions, "u-slow"))
    assert wechat_api.sent_texts("u-slow") == delivered
    assert len(await records.outbox(sessions, "u-slow")) == len(rows)


async def _all_settled(sessions: Any, openid: str) -> bool:
    if await records.account(sessions, openid) is None:
        return False
    rows = await records.outbox(sessions, openid)
    return bool(rows) and all(row.status not in ("queued", "sending", "passive") for row in rows)


async def test_an_unreachable_database_answers_503_so_that_wechat_retries(
    make_client: Any, wechat_settings: Settings, caplog: Any
) -> None:
    """Nothing could be stored: not a passive reply (it would be lost) and not "success" (WeChat would not
    retry), but a 503 without a traceback; the retry comes back when the database does."""
    broken = wechat_settings.replace(database_url="postgresql+asyncpg://nobody:wrong@127.0.0.1:1/none")
    client = await make_client(broken)
    status, answer = await post(client, text("u-nodb", "我想找工作", 3301))
    assert (status, answer) == (503, "unavailable")
    assert "inbound(s) not processed" in caplog.text
    assert "Traceback" not in caplog.text and "我想找工作" not in caplog.text and "u-nodb" not in caplog.text
