"""Apps for push tests: no tick of their own (the tests run the sweep at the times they choose)."""

from __future__ import annotations

from typing import Any

import pytest

from bot.settings import Settings


@pytest.fixture
def settings(settings: Settings) -> Settings:
    return settings.replace(scheduler_interval=0)


@pytest.fixture
async def app(client: Any) -> Any:
    return client.server.app
