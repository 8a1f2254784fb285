"""Integration API fixtures: the console's small county (tests/console/world.py: A and B in one county, C in
another, a simulated person in A), tokens made as `jiuye api-tokens create` makes them, and a client that
sends one."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import pytest

from bot import keys
from bot.settings import Settings
from storage import api_tokens
from tests.console.world import World, build

MakeToken = Callable[..., Awaitable[str]]


@dataclass
class Api:
    """The app on loopback, and a token to call it with."""

    client: Any

    async def call(self, method: str, path: str, token: str | None, **kwargs: Any) -> tuple[int, Any, Any]:
        """Status, parsed JSON body (or the raw text when not JSON) and headers."""
        headers = dict(kwargs.pop("headers", {}))
        if token is not None:
            headers["Authorization"] = f"Bearer {token}"
        async with self.client.request(method, path, headers=headers, **kwargs) as resp:
            text = await resp.text()
            body = await resp.json(content_type=None) if resp.content_type == "application/json" else text
            return resp.status, body, resp.headers

    async def get(self, path: str, token: str | None, **kwargs: Any) -> tuple[int, Any, Any]:
        return await self.call("GET", path, token, **kwargs)

    async def all_pages(self, path: str, token: str, limit: int = 1) -> list[dict[str, Any]]:
        """Every item of a list, page by page."""
        items: list[dict[str, Any]] = []
        params: dict[str, str] = {"limit": str(limit)}
        while True:
            status, body, _ = await self.get(path, token, params=params)
            assert status == 200, body
            items += body["items"]
            if not body["has_more"]:
                return items
            params = {"limit": str(limit), "cursor": body["next_cursor"]}


@pytest.fixture
async def api(make_client: Any, settings: Settings) -> Api:
    return Api(await make_client(settings.replace(console_secure_cookies=False)))


@pytest.fixture
async def world(api: Api) -> World:
    app = api.client.server.app
    return await build(app[keys.SESSIONS], app[keys.CIPHER], app[keys.CLOCK].now())


@pytest.fixture
def make_token(api: Api) -> MakeToken:
    async def make(name: str, divisions: tuple[str, ...], scopes: str = "read") -> str:
        app = api.client.server.app
        async with app[keys.SESSIONS]() as session, session.begin():
            return await api_tokens.create(session, name=name, divisions=divisions,
                                           scopes=api_tokens.parse_scopes(scopes), now=app[keys.CLOCK].now())

    return make
