"""Reads the rows a WeChat test checks: a person's conversation, inbound messages and outbox."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from storage.crypto import FieldCipher
from storage.models import ChannelAccount, Conversation, InboundMessage, OutboxMessage
from storage.repositories import open_state
from tests.conftest import SECRET

CIPHER = FieldCipher(SECRET)


async def account(sessions: async_sessionmaker[AsyncSession], openid: str) -> ChannelAccount | None:
    async with sessions() as session:
        found: ChannelAccount | None = await session.scalar(select(ChannelAccount).where(
            ChannelAccount.channel == "wechat",
            ChannelAccount.address_hash == CIPHER.blind_index("wechat", openid)))
        return found


async def person_id(sessions: async_sessionmaker[AsyncSession], openid: str) -> int:
    found = await account(sessions, openid)
    assert found is not None, "no account for this openid"
    return found.person_id


async def conversation(sessions: async_sessionmaker[AsyncSession], openid: str) -> tuple[int, dict[str, Any]]:
    """(version, decrypted state)."""
    pid = await person_id(sessions, openid)
    async with sessions() as session:
        conv = await session.get(Conversation, pid)
        assert conv is not None
        return conv.version, open_state(conv.state, CIPHER) if conv.state else {}


async def inbound_count(sessions: async_sessionmaker[AsyncSession], openid: str | None = None) -> int:
    stmt = select(func.count()).select_from(InboundMessage)
    if openid is not None:
        stmt = stmt.where(InboundMessage.person_id == await person_id(sessions, openid))
    async with sessions() as session:
        return int(await session.scalar(stmt) or 0)


async def inbound(sessions: async_sessionmaker[AsyncSession], openid: str) -> list[tuple[str, str, str]]:
    """(kind, dedup_key, decrypted body) in arrival order."""
    pid = await person_id(sessions, openid)
    async with sessions() as session:
        rows = await session.scalars(select(InboundMessage).where(InboundMessage.person_id == pid)
                                     .order_by(InboundMessage.id))
        return [(r.kind, r.dedup_key, CIPHER.decrypt(r.body_enc or "")) for r in rows]


async def outbox(sessions: async_sessionmaker[AsyncSession], openid: str) -> list[OutboxMessage]:
    pid = await person_id(sessions, openid)
    async with sessions() as session:
        return list(await session.scalars(select(OutboxMessage).where(OutboxMessage.person_id == pid)
                                          .order_by(OutboxMessage.id)))


async def wait_for(check: Callable[[], Awaitable[bool]], timeout: float = 10.0) -> None:
    """Poll until `check` holds (background work: the outbox worker); fails the test after `timeout`."""
    loop = asyncio.get_running_loop()
    give_up = loop.time() + timeout
    while not await check():
        if loop.time() > give_up:
            raise AssertionError("condition not reached in time")
        await asyncio.sleep(0.02)


async def queue_message(sessions: async_sessionmaker[AsyncSession], openid: str, body: str, now: datetime,
                        solicited: bool = True) -> int:
    """An outbox row as a scheduled push or a late reply leaves it."""
    pid = await person_id(sessions, openid)
    async with sessions() as session, session.begin():
        row = OutboxMessage(person_id=pid, channel="wechat", body_enc=CIPHER.encrypt(body), solicited=solicited,
                            status="queued", next_attempt_at=now, created_at=now)
        session.add(row)
        await session.flush()
        return row.id


async def outbox_row(sessions: async_sessionmaker[AsyncSession], row_id: int) -> OutboxMessage:
    async with sessions() as session:
        row = await session.get(OutboxMessage, row_id)
        assert row is not None
        return row
