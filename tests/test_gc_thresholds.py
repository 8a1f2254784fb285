"""`serve` raises the cyclic collector's thresholds once start-up is frozen (bot/app.py GC_THRESHOLDS): the
middle and full collections no longer run again and again over what is only in flight, and garbage cycles
are still collected without anyone asking."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator
from typing import Any

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient

from bot.app import GC_THRESHOLDS
from bot.settings import Settings


@pytest.fixture(autouse=True)
def _restore_thresholds() -> Iterator[None]:
    before = gc.get_threshold()
    yield
    gc.set_threshold(*before)


async def test_serve_raises_the_collector_thresholds_after_start_up(
    client: TestClient[web.Request, web.Application],
) -> None:
    assert (await client.get("/readyz")).status == 200
    assert gc.get_threshold() == GC_THRESHOLDS
    assert GC_THRESHOLDS[0] > 700 and GC_THRESHOLDS[1] > 10  # above Python's defaults


async def test_the_thresholds_are_given_back_when_the_app_closes(make_client: Any, settings: Settings) -> None:
    gc.set_threshold(700, 10, 10)
    client = await make_client(settings)
    assert (await client.get("/readyz")).status == 200
    assert gc.get_threshold() == GC_THRESHOLDS
    await client.close()
    assert gc.get_threshold() == (700, 10, 10)


class _Node:
    def __init__(self) -> None:
        self.other: _Node | None = None


async def test_a_garbage_cycle_is_still_collected_without_asking(
    client: TestClient[web.Request, web.Application],
) -> None:
    assert gc.get_threshold() == GC_THRESHOLDS and gc.isenabled()
    a, b = _Node(), _Node()
    a.other, b.other = b, a
    gone = weakref.ref(a)
    del a, b
    assert gone() is not None  # a cycle: reference counting alone never frees it
    kept = [{"n": i} for i in range(GC_THRESHOLDS[0] * 3)]  # allocations that trigger young collections
    assert gone() is None
    assert len(kept) == GC_THRESHOLDS[0] * 3
