"""The scheduler belongs to the app: built here, started and stopped by the app's cleanup context."""

from __future__ import annotations

from typing import TYPE_CHECKING

from apscheduler.schedulers.asyncio import AsyncIOScheduler

if TYPE_CHECKING:
    from aiohttp import web


def build_scheduler(app: web.Application) -> AsyncIOScheduler:
    """The app's scheduler, in the configured time zone.

    Jobs are module-level functions with plain-data arguments and stable ids, added here with
    `replace_existing=True, coalesce=True, max_instances=1`; each claims its work from the database so that
    several processes never do it twice. The foundation has none yet: check-ins (PRODUCT.md, journey 4)
    bring the first.
    """
    from bot import keys

    return AsyncIOScheduler(timezone=app[keys.SETTINGS].tz)
