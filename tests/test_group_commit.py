"""Group commit: many small writes share one transaction; a failing write fails alone."""

from __future__ import annotations

import asyncio

import pytest
from sqlalchemy import event, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.group_commit import GroupCommitter
from storage.db import create_engine, session_factory
from storage.models import AuditLog


async def test_writes_share_commits_and_a_bad_one_fails_alone(database_url: str) -> None:
    engine = create_engine(database_url)
    commits = 0

    @event.listens_for(engine.sync_engine, "commit")
    def _count(_conn: object) -> None:
        nonlocal commits
        commits += 1

    committer: GroupCommitter[int] = GroupCommitter(session_factory(engine))
    committer.start()
    try:

        def write(i: int):  # type: ignore[no-untyped-def]
            async def run(session: AsyncSession) -> int:
                if i == 13:
                    raise ValueError("bad write")
                session.add(AuditLog(actor="test", action="write", detail=str(i)))
                await session.flush()
                return i

            return run

        good = await asyncio.gather(*(committer.run(write(i)) for i in range(100, 140)))
        assert good == list(range(100, 140))
        assert commits < 10  # grouped: far fewer commits than writes
        results = await asyncio.gather(*(committer.run(write(i)) for i in range(40)), return_exceptions=True)
        assert isinstance(results[13], ValueError)
        assert [r for i, r in enumerate(results) if i != 13] == [i for i in range(40) if i != 13]
        async with session_factory(engine)() as session:
            details = set(await session.scalars(select(AuditLog.detail)))
            assert details == {str(i) for i in range(40) if i != 13} | {str(i) for i in range(100, 140)}
            assert await session.scalar(select(func.count()).select_from(AuditLog)) == 79
    finally:
        await committer.stop()
        await engine.dispose()


async def test_a_lone_failing_write_raises_to_its_caller(database_url: str) -> None:
    engine = create_engine(database_url)
    committer: GroupCommitter[int] = GroupCommitter(session_factory(engine))
    committer.start()

    async def boom(session: AsyncSession) -> int:
        raise RuntimeError("nope")

    try:
        with pytest.raises(RuntimeError, match="nope"):
            await committer.run(boom)
    finally:
        await committer.stop()
        await engine.dispose()
