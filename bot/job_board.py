"""The live vacancies and trainings in memory, as the index the chat's look-ups rank from.

Owned by the app (bot/app.py) and handed to the effects. A look-up reads a small version (the latest change
of either table) from the database, at most every few seconds: when an import, the console or another
process changed an item, the index is rebuilt before it is used, the cutting of job types and the arrays in
a worker thread. So a new item is offered within seconds of its import.
Applying does not change the version: an item found full is marked in the index (`mark_full`), and every
item is checked against its row before it is shown.
"""

from __future__ import annotations

import asyncio
import logging
import time
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from dialogs.matching.index import OpeningIndex
from dialogs.matching.profile import opening
from storage import jobs

log = logging.getLogger(__name__)


# How long an index is used without asking the database whether an item changed.
RECHECK = timedelta(seconds=5)


class JobBoard:
    def __init__(self, recheck: timedelta = RECHECK) -> None:
        self._index: OpeningIndex | None = None
        self._version: tuple[Any, ...] | None = None
        self._checked: datetime | None = None
        self._recheck = recheck
        self._lock = asyncio.Lock()

    async def index(self, session: AsyncSession, today: date, now: datetime) -> OpeningIndex:
        """The index of the items live now (rebuilt first if they changed since it was built)."""
        if self._index is not None and self._checked is not None and now - self._checked < self._recheck:
            return self._index
        version = await jobs.live_version(session)
        self._checked = now
        if self._index is not None and version == self._version:
            return self._index
        async with self._lock:
            if self._index is None or version != self._version:
                started = time.perf_counter()
                rows = await jobs.live_items(session, today)
                fields = [jobs.opening_fields(row) for row in rows]
                self._index = await asyncio.to_thread(lambda: OpeningIndex(opening(**f) for f in fields))
                self._version = version
                log.info("job board rebuilt: %d live item(s) in %.2f s", len(fields), time.perf_counter() - started)
        return self._index

    def mark_full(self, refs: list[str]) -> None:
        if self._index is not None:
            self._index.mark_full(refs)
