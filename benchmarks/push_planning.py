"""The push planning alone (`ItemPushes.plan_new_items`), on a kept SQLite database, to compare commits.

The database (the items and `--people` people as benchmarks/matching_scale.py writes them) is filled once
into `--keep` and copied for every run, so that two checkouts time the same planning of the same 1,000 new
vacancies one after the other: copy this file into the other checkout's `benchmarks/` (e.g. a `git archive`
of the base commit) and run it there to time that one. Prints the time, the pushes
planned, the process's resident-set high before and after planning and the time spent in matching threads.
"""

from __future__ import annotations

import argparse
import asyncio
import resource
import shutil
import time
from datetime import time as dtime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import matching_scale as scale  # its checkout's root first on sys.path: the code timed is this checkout's


def high_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def live_items() -> tuple[scale.World, list[dict[str, Any]]]:
    """matching_scale's 50,000 vacancies and 2,000 trainings, and the world that drew them."""
    world = scale.World(1)
    fields = [world.item_fields(i) for i in range(1, 50_001)]
    fields += [world.item_fields(50_000 + i, training=True) for i in range(1, 2_001)]
    return world, fields


def fresh_copy(kept: Path) -> Path:
    copy = kept.with_suffix(".run")
    for tail in ("", "-wal", "-shm"):  # a stale WAL beside a new copy would bring back another run's rows
        Path(f"{copy}{tail}").unlink(missing_ok=True)
    shutil.copy(kept, copy)
    return copy


async def run(args: argparse.Namespace) -> None:
    from sqlalchemy import insert

    from scheduler.calendar import ProgrammeCalendar
    from scheduler.job_pushes import ItemPushes
    from scheduler.planning import Planner
    from scheduler.schedules import CheckinPolicy
    from storage.crypto import FieldCipher
    from storage.db import create_engine, session_factory
    from storage.migrate import upgrade
    from storage.models import Vacancy

    world, _fields = live_items()
    cipher = FieldCipher(b"b" * 32)
    if not args.keep.exists():
        filling = args.keep.with_suffix(".filling")
        await asyncio.to_thread(upgrade, f"sqlite+aiosqlite:///{filling}")
        engine = create_engine(f"sqlite+aiosqlite:///{filling}")
        # A world of its own: the new vacancies below are the same whether or not this run filled the file.
        await scale.fill_database(session_factory(engine), cipher, *live_items(), args.people)
        await engine.dispose()
        filling.rename(args.keep)
    copy = fresh_copy(args.keep)
    engine = create_engine(f"sqlite+aiosqlite:///{copy}")
    sessions = session_factory(engine)
    rows = [scale._item_row(world.item_fields(30_000_000 + i), scale.NOW) | {"pushes_planned_at": None}
            for i in range(1_000)]
    async with sessions() as session, session.begin():
        await session.execute(insert(Vacancy), rows)
    planner = Planner(CheckinPolicy(), ProgrammeCalendar(ZoneInfo("Asia/Shanghai"), (dtime(8), dtime(21))))
    threads = [0.0]
    to_thread = asyncio.to_thread

    async def timed_thread(fn: Any, *a: Any, **k: Any) -> Any:
        start = time.perf_counter()
        try:
            return await to_thread(fn, *a, **k)
        finally:
            threads[0] += time.perf_counter() - start

    asyncio.to_thread = timed_thread  # type: ignore[assignment]  # only to count the matching's time
    before = high_mb()
    start = time.perf_counter()
    report = await ItemPushes(sessions, cipher, planner).plan_new_items(scale.NOW)
    elapsed = time.perf_counter() - start
    print(f"plan_new_items: {elapsed:.1f} s, {report.counts['pushes planned']:,} pushes planned, "
          f"{report.counts['items planned']:,} items; resident-set high {before:.0f} MB before, "
          f"{high_mb():.0f} MB after; {threads[0]:.1f} s in matching threads")
    await engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=1_000_000)
    parser.add_argument("--keep", type=Path, default=Path("/tmp/jiuye-push-planning.db"))
    args = parser.parse_args()
    scale.nlu.warm_up()
    scale.words.warm_up()
    asyncio.run(run(args))


if __name__ == "__main__":
    from private import owner_only

    owner_only()
    main()
