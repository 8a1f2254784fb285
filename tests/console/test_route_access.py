"""Every route under /console and /api declares its access (bot/access.py): listed from the app's router, so a
route added later without a declaration fails here, and the middleware refuses to serve it."""

from __future__ import annotations

from typing import Any

from bot.access import PUBLIC, access_of
from bot.app import create_app
from bot.settings import Settings

GUARDED_PREFIXES = ("/console", "/api")


def routes(app: Any) -> list[tuple[str, str, Any]]:
    return sorted(((r.method, r.resource.canonical, r.handler) for r in app.router.routes()
                   if r.resource is not None and r.resource.canonical.startswith(GUARDED_PREFIXES)),
                  key=lambda r: (r[1], r[0]))


def test_every_console_and_api_route_declares_its_access(settings: Settings) -> None:
    app = create_app(settings, migrate=False)
    found = routes(app)
    assert len(found) >= 6
    undeclared = [(method, path) for method, path, handler in found if access_of(handler) is None]
    assert not undeclared, f"routes without @access(...) (bot/access.py): {undeclared}"
    # Only the login page, its form, the style sheet and the API's OpenAPI document are open to anyone.
    public = {(m, p) for m, p, h in found if access_of(h).level == PUBLIC and m != "HEAD"}  # type: ignore[union-attr]
    assert public == {("GET", "/console"), ("GET", "/console/login"), ("POST", "/console/login"),
                      ("GET", "/console/static/console.css"), ("GET", "/api/v1/openapi.json")}


async def test_a_route_without_a_declaration_is_refused_not_served() -> None:
    from aiohttp import web
    from aiohttp.test_utils import TestClient, TestServer

    from bot import console, keys
    from bot.clock import Clock

    async def forgot(request: web.Request) -> web.Response:
        return web.Response(text="personal data")

    sub = console.build()
    sub.router.add_get("/forgot", forgot)
    app = web.Application()
    app[keys.SETTINGS] = Settings(secret_key=b"k" * 32)
    app[keys.CLOCK] = Clock()
    app.add_subapp("/console", sub)
    client = TestClient(TestServer(app, host="127.0.0.1"))
    await client.start_server()
    try:
        resp = await client.get("/console/forgot")
        assert resp.status == 404 and "personal data" not in await resp.text()
    finally:
        await client.close()
