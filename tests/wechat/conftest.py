"""Fixtures for the WeChat channel: the loopback WeChat API, settings that point at it, the app, the database."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.settings import Settings
from storage.db import create_engine, session_factory
from tests.fakes.wechat_api import APP_ID, APP_SECRET, FakeWeChatApi
from tests.wechat.callback import AES_KEY


@pytest.fixture
def wechat_settings(settings: Settings, wechat_api: FakeWeChatApi) -> Settings:
    """WeChat fully configured (callback, safe mode key, outbound API at the fake); no simulator. Compatible
    mode, so that the tests may post plaintext too (tests/wechat/test_replay.py has safe mode alone)."""
    return settings.replace(
        wechat_app_id=APP_ID, wechat_app_secret=APP_SECRET, wechat_aes_key=AES_KEY,
        wechat_api_base=wechat_api.url, simulator=False, wechat_compatible_mode=True,
    )


@pytest.fixture
async def wechat_client(make_client: Any, wechat_settings: Settings) -> Any:
    return await make_client(wechat_settings)


@pytest.fixture
async def sessions(database_url: str) -> AsyncIterator[async_sessionmaker[AsyncSession]]:
    """The test's own view of the database, for setting up and checking rows."""
    engine = create_engine(database_url, pool_size=2)
    yield session_factory(engine)
    await engine.dispose()
