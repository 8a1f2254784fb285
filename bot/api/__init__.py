"""The integration API (/api/v1): JSON for the national information systems, scoped by each token's divisions.

One sub-application, so that its middleware (bot/api/site.py: declared access, bearer token, scope, JSON
problems) runs for its routes only. Each feature module gives its routes; they are assembled here. Every route
declares its access (bot/access.py) and takes its scope from storage/scope.py, as the console's do.
"""

from __future__ import annotations

from aiohttp import web

from bot.api import jobs, openapi, records
from bot.api.site import MAX_BODY, guard

PREFIX = "/api/v1"


def build() -> web.Application:
    api = web.Application(middlewares=[guard], client_max_size=MAX_BODY)
    for module in (records, jobs, openapi):
        api.router.add_routes(module.routes())
    return api
