"""Scheduled jobs. Each claims its work from the database, so several processes never do it twice."""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import TYPE_CHECKING

from sqlalchemy import update

from storage.models import InboundMessage

if TYPE_CHECKING:
    from aiohttp import web

log = logging.getLogger(__name__)
# Retries of one delivery arrive within seconds; after a day the stored reply is no longer needed.
REPLY_RETENTION = timedelta(days=1)


async def expire_inbound_replies(app: web.Application) -> None:
    """Drop stored replies that no retry can still ask for (the inbound itself is kept)."""
    from bot import keys

    cutoff = app[keys.CLOCK].now() - REPLY_RETENTION
    async with app[keys.SESSIONS]() as session, session.begin():
        result = await session.execute(
            update(InboundMessage)
            .where(InboundMessage.received_at < cutoff, InboundMessage.reply_enc.is_not(None))
            .values(reply_enc=None)
        )
    log.info("expired %d stored replies", result.rowcount)  # type: ignore[attr-defined]
