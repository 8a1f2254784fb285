"""GET /healthz (the process is alive) and GET /readyz (database reachable, migrations current)."""

from __future__ import annotations

import logging

from aiohttp import web
from sqlalchemy.exc import DBAPIError

from bot import keys
from storage.migrate import current_revision, head_revision
from storage.outage import is_outage

log = logging.getLogger(__name__)


async def healthz(request: web.Request) -> web.Response:
    return web.json_response({"status": "ok"})


async def readyz(request: web.Request) -> web.Response:
    try:
        async with request.app[keys.ENGINE].connect() as conn:
            current = await conn.run_sync(current_revision)
    except Exception as exc:
        # An outage (storage/outage.py), or a database the service cannot use (not ours, no such database).
        if not (is_outage(exc) or isinstance(exc, DBAPIError)):
            raise
        log.warning("readyz: database unreachable (%s)", type(exc).__name__)
        return web.json_response({"status": "unavailable", "database": "unreachable"}, status=503)
    head = head_revision()
    if current != head:
        return web.json_response(
            {"status": "unavailable", "migrations": {"current": current, "head": head}}, status=503
        )
    return web.json_response({"status": "ok", "migrations": {"current": current}})


def routes() -> list[web.RouteDef]:
    return [web.get("/healthz", healthz), web.get("/readyz", readyz)]
