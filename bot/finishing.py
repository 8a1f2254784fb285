"""Stopping without cutting work off half-way.

The dispatcher's lanes, the outbox worker and the group committer each loop over units of work (a batch
in one transaction, a batch of sends and their settling). Cancelling such a loop mid-unit at shutdown rolls
back a batch that was about to commit, or leaves sends `sending`, which after a restart count as "outcome
unknown" and are never sent again. Units run through `Finishing.run` instead: cancelling the loop stops
it from starting another unit, and `drain` lets the one under way finish, cutting it off only after a
grace period.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Coroutine, Iterable
from typing import Any, TypeVar

log = logging.getLogger(__name__)
T = TypeVar("T")

# Long enough for a send to time out by itself (the HTTP client's total timeout is 10 s).
STOP_GRACE = 12.0


class Finishing:
    def __init__(self, name: str) -> None:
        self._name = name
        self._running: set[asyncio.Task[Any]] = set()

    async def run(self, unit: Coroutine[Any, Any, T]) -> T:
        """Run one unit of work; cancelling the caller does not cancel the unit (see `drain`)."""
        task = asyncio.ensure_future(unit)
        self._running.add(task)
        task.add_done_callback(self._running.discard)
        return await asyncio.shield(task)

    async def stop(self, loops: Iterable[asyncio.Task[Any]], grace: float = STOP_GRACE) -> None:
        """Cancel the loops (they start no other unit), then let the unit under way finish (`drain`)."""
        loops = list(loops)
        for loop in loops:
            loop.cancel()
        await asyncio.gather(*loops, return_exceptions=True)
        await self.drain(grace)

    async def drain(self, grace: float = STOP_GRACE) -> None:
        """After the loop was cancelled: wait for the unit under way, at most `grace` seconds."""
        running = set(self._running)
        if not running:
            return
        _done, late = await asyncio.wait(running, timeout=grace)
        if late:
            log.error("%s: work still under way %g s after the stop; cut off", self._name, grace)
            for task in late:
                task.cancel()
        # Retrieve every outcome (the loop that awaited them is gone): errors were handled or logged there.
        await asyncio.gather(*running, return_exceptions=True)
