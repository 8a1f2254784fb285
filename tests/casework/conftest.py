"""Casework fixtures: caseworker files, laborers with forms, the WeCom fake on the tests' clock."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.clock import FrozenClock
from tests.fakes.wecom import FakeWeCom

NOW = datetime(2026, 11, 26, 2, 0, tzinfo=UTC)  # 10:00 in Shanghai


@pytest.fixture
async def wecom(clock: FrozenClock) -> AsyncIterator[FakeWeCom]:
    """The WeCom robot fake, counting its per-minute limit on the tests' clock."""
    fake = FakeWeCom(clock=lambda: clock.now().timestamp())
    await fake.start()
    yield fake
    await fake.close()


def write_csv(path: Path, rows: list[list[str]], encoding: str = "utf-8") -> Path:
    path.write_bytes("\n".join(",".join(r) for r in rows).encode(encoding) + b"\n")
    return path
