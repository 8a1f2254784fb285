"""The scheduler belongs to the app: built here, started and stopped by the app's cleanup context."""

from __future__ import annotations

from typing import TYPE_CHECKING

from apscheduler.schedulers.asyncio import AsyncIOScheduler

if TYPE_CHECKING:
    from aiohttp import web


def build_scheduler(app: web.Application) -> AsyncIOScheduler:
    """Jobs are module-level functions with plain-data arguments and stable ids (see scheduler.jobs)."""
    from bot import keys
    from scheduler import jobs

    settings = app[keys.SETTINGS]
    scheduler = AsyncIOScheduler(timezone=settings.tz)
    scheduler.add_job(
        jobs.expire_inbound_replies,
        "interval",
        hours=6,
        id="expire-inbound-replies",
        kwargs={"app": app},
        replace_existing=True,
        coalesce=True,
        max_instances=1,
    )
    return scheduler
