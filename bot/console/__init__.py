"""The caseworker console (/console): server-rendered pages for caseworkers, supervisors and administrators.

One sub-application, so that its middleware (bot/console/site.py: declared access, sign-in, role, CSRF, headers)
runs for its routes only, never on the channels' hot path. Each feature module gives its routes; they are
assembled here. Every route declares its access (bot/access.py) and takes its scope from storage/scope.py.
"""

from __future__ import annotations

from aiohttp import web

from bot.console import case, coverage, exports, inbox, jobs, login, person, review
from bot.console.site import guard

# Uploads (vacancy and training files) are read as a stream with their own limit; forms are small.
MAX_FORM = 64 * 1024


def build() -> web.Application:
    console = web.Application(middlewares=[guard], client_max_size=MAX_FORM)
    for module in (login, inbox, person, case, review, coverage, jobs, exports):
        console.router.add_routes(module.routes())
    return console


def routes() -> list[web.RouteDef]:
    """Routes of the main app that belong to the console (/console without its slash)."""
    return [web.get("/console", login.root)]
