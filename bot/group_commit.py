"""Group commit for small writes: whatever is waiting goes into one transaction, so that each write costs a
share of one fsync instead of a whole one (delivery reports arrive in bursts of two per message part)."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import Generic, TypeVar

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.finishing import STOP_GRACE, Finishing

log = logging.getLogger(__name__)

T = TypeVar("T")
Write = Callable[[AsyncSession], Awaitable[T]]
MAX_GROUP = 256


class GroupCommitter(Generic[T]):
    """`await committer.run(write)` returns once the write's transaction committed (or raises its error).

    One loop takes every queued write into a transaction. If that transaction fails, each write is tried
    alone, so a bad one fails by itself and the others still commit.
    """

    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions
        self._queue: asyncio.Queue[tuple[Write[T], asyncio.Future[T]]] = asyncio.Queue()
        self._task: asyncio.Task[None] | None = None
        self._groups = Finishing("group commit")

    def start(self) -> None:
        self._task = asyncio.create_task(self._loop(), name="group-commit")

    async def stop(self, grace: float = STOP_GRACE) -> None:
        """Stop taking writes; a group under way commits first (bot/finishing.py)."""
        if self._task is not None:
            await self._groups.stop([self._task], grace)
            self._task = None
        while not self._queue.empty():
            # Never taken into a group: not written. Raised like an unreachable database, which callers
            # answer with a 503 so that their sender retries.
            _write, future = self._queue.get_nowait()
            if not future.done():
                future.set_exception(ConnectionError("stopping: not written"))

    async def run(self, write: Write[T]) -> T:
        future: asyncio.Future[T] = asyncio.get_running_loop().create_future()
        self._queue.put_nowait((write, future))
        return await future

    async def _loop(self) -> None:
        while True:
            group = [await self._queue.get()]
            while len(group) < MAX_GROUP and not self._queue.empty():
                group.append(self._queue.get_nowait())
            await self._groups.run(self._commit_group(group))

    async def _commit_group(self, group: list[tuple[Write[T], asyncio.Future[T]]]) -> None:
        try:
            await self._commit(group)
        except Exception:
            if len(group) == 1:
                return  # its future already holds the error
            for one in group:
                try:
                    await self._commit([one])
                except Exception:  # noqa: S112 - the error went to that write's caller
                    continue

    async def _commit(self, group: list[tuple[Write[T], asyncio.Future[T]]]) -> None:
        results: list[T] = []
        try:
            async with self._sessions() as session, session.begin():
                for write, _future in group:
                    results.append(await write(session))
        except Exception as exc:
            if len(group) == 1 and not group[0][1].done():
                group[0][1].set_exception(exc)
            raise
        for (_write, future), result in zip(group, results, strict=True):
            if not future.done():
                future.set_result(result)
