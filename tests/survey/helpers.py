"""Helpers for end-to-end survey tests: the simulator conversation and direct database reads."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.settings import Settings
from storage.crypto import FieldCipher
from storage.db import create_engine, session_factory


async def say(client: Any, user: str, text: str | None = None, event: str | None = None,
              channel: str = "wechat") -> dict[str, Any]:
    body: dict[str, Any] = {"user": user, "channel": channel}
    if event:
        body["event"] = event
    else:
        body["text"] = text
    resp = await client.post("/simulator/messages", json=body)
    assert resp.status == 200, await resp.text()
    data: dict[str, Any] = await resp.json()
    return data


@asynccontextmanager
async def database(settings: Settings) -> AsyncIterator[async_sessionmaker[AsyncSession]]:
    engine = create_engine(settings.database_url)
    try:
        yield session_factory(engine)
    finally:
        await engine.dispose()


def cipher(settings: Settings) -> FieldCipher:
    return FieldCipher(settings.secret_key)
