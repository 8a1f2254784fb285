"""The scheduler: APScheduler only ticks; the due work itself lives in our tables (scheduler/fires.py) and is
claimed by each tick, so several processes never do it twice.

Modules: `schedules` (check-in series by status, pure), `calendar` (sending hours, holidays, the Spring
Festival), `planning` (facts → fire rows), `fires` (the fire table's statements), `sweep` (claim due work and
hand it to the dialog pipeline), `forecast` (how much is due per day). Nothing here imports `bot/`: the app
wires it (bot/app.py) and `jiuye scheduler run-due|plan` runs it (bot/cli.py).
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from apscheduler.schedulers.asyncio import AsyncIOScheduler

from scheduler.sweep import DueWork

DUE_WORK_JOB = "due-work"


def build_scheduler(tz: ZoneInfo) -> AsyncIOScheduler:
    """The app's scheduler, in the programme's time zone. Jobs are added with stable ids and
    `replace_existing=True, coalesce=True`."""
    return AsyncIOScheduler(timezone=tz)


def add_due_work_job(scheduler: AsyncIOScheduler, due_work: DueWork, seconds: float) -> None:
    scheduler.add_job(
        _tick, "interval", seconds=seconds, args=[due_work], id=DUE_WORK_JOB, replace_existing=True,
        # Two instances: a tick during a long sweep returns at once (DueWork.tick) instead of APScheduler
        # logging a skipped run every interval.
        coalesce=True, max_instances=2, next_run_time=datetime.now(scheduler.timezone),
        misfire_grace_time=None,
    )


async def _tick(due_work: DueWork) -> None:
    """Everything due now. A sweep still running when the next tick comes is not doubled (DueWork.tick);
    ticks missed while busy are coalesced into one."""
    await due_work.tick()
