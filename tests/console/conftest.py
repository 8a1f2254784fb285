"""Console fixtures: the small county of tests/console/world.py, and signed-in browsers (aiohttp sessions with
their own cookie jars) against the app served on a loopback port."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import aiohttp
import pytest
from yarl import URL

from bot import keys
from bot.settings import Settings
from tests.console.world import PASSWORD, PHONES, World, build

CSRF_FIELD = re.compile(r'name="csrf" value="([^"]*)"')


@dataclass
class Browser:
    """One person's browser: its cookie jar, and the form token of the last page it read."""

    base: URL
    http: aiohttp.ClientSession
    csrf: str = ""

    def url(self, path: str) -> URL:
        return self.base.join(URL(path))

    async def get(self, path: str, **kwargs: Any) -> tuple[int, str]:
        async with self.http.get(self.url(path), allow_redirects=False, **kwargs) as resp:
            body = await resp.text()
        found = CSRF_FIELD.search(body)
        if found:
            self.csrf = found.group(1)
        return resp.status, body

    async def get_response(self, path: str) -> tuple[int, bytes, dict[str, str]]:
        async with self.http.get(self.url(path), allow_redirects=False) as resp:
            return resp.status, await resp.read(), dict(resp.headers)

    async def post(self, path: str, data: dict[str, Any] | None = None, *, csrf: str | None = None,
                   follow: bool = False) -> tuple[int, str, str]:
        """Status, body and Location; the form token is added unless one is given."""
        fields = {"csrf": self.csrf if csrf is None else csrf, **(data or {})}
        async with self.http.post(self.url(path), data=fields, allow_redirects=follow) as resp:
            body = await resp.text()
            location = resp.headers.get("Location", "")
        found = CSRF_FIELD.search(body)
        if found:
            self.csrf = found.group(1)
        return resp.status, body, location

    async def login(self, phone: str, password: str = PASSWORD) -> int | str:
        """303 once signed in; a refusal sends the login page back with why (POST-redirect-GET): that reason."""
        await self.get("/console/login")
        status, _body, location = await self.post("/console/login", {"phone": phone, "password": password})
        if status == 303 and location.startswith("/console/login?error="):
            return location.removeprefix("/console/login?error=").partition("&")[0]
        if status == 303:
            await self.get("/console/")
        return status


@pytest.fixture
async def console(make_client: Any, settings: Settings) -> Any:
    """The app over plain HTTP on loopback: cookies without Secure (the test settings configure WeChat, which
    would turn Secure on by default)."""
    return await make_client(settings.replace(console_secure_cookies=False))


@pytest.fixture
async def world(console: Any) -> World:
    app = console.server.app
    return await build(app[keys.SESSIONS], app[keys.CIPHER], app[keys.CLOCK].now())


@pytest.fixture
async def browser(console: Any) -> AsyncIterator[Any]:
    """Factory of browsers (each its own cookies), closed at teardown."""
    opened: list[aiohttp.ClientSession] = []

    def make() -> Browser:
        http = aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True))
        opened.append(http)
        return Browser(console.make_url("/"), http)

    yield make
    for http in opened:
        await http.close()


@pytest.fixture
async def signed_in(browser: Any, world: World) -> Any:
    """Factory: a browser signed in as one of the world's accounts."""

    async def make(account: str) -> Browser:
        b: Browser = browser()
        assert await b.login(PHONES[account]) == 303
        return b

    return make
