"""A loopback fake of the WeChat API (api.weixin.qq.com): stable_token, custom/send, template/send,
subscribe/bizsend, menu/create.

It checks the access token the way WeChat does (41001 missing, 40001 unknown, 42001 expired), records every
request for assertions, counts token fetches, and can be told to fail, stall or expire its tokens.
"""

from __future__ import annotations

import asyncio
import json
import secrets
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

APP_ID = "wxfake0000000001"
APP_SECRET = "fake-app-secret-0123456789abcdef"
TOKEN_TTL = 7200

STABLE_TOKEN = "/cgi-bin/stable_token"
CUSTOM_SEND = "/cgi-bin/message/custom/send"
TEMPLATE_SEND = "/cgi-bin/message/template/send"
SUBSCRIBE_SEND = "/cgi-bin/message/subscribe/bizsend"
MENU_CREATE = "/cgi-bin/menu/create"

_Handler = Callable[[dict[str, Any], dict[str, str]], Awaitable[dict[str, Any]]]


@dataclass(frozen=True, slots=True)
class Request:
    """One request as the fake received it."""

    path: str
    query: dict[str, str]
    body: Any
    errcode: int  # what the fake answered (0: accepted)

    @property
    def token(self) -> str | None:
        return self.query.get("access_token")


@dataclass(slots=True)
class _Rule:
    path: str | None  # None: every API path except stable_token
    times: int
    errcode: int | None = None
    delay: float = 0.0
    raw: tuple[int, str] | None = None  # answer this HTTP status and body instead of the API's JSON
    reset: bool = False  # drop the connection instead of answering

    def matches(self, path: str) -> bool:
        return self.path == path if self.path is not None else path != STABLE_TOKEN


@dataclass(slots=True)
class FakeWeChatApi:
    app_id: str = APP_ID
    app_secret: str = APP_SECRET
    requests: list[Request] = field(default_factory=list)
    token_fetches: int = 0
    forced_fetches: int = 0
    menu: dict[str, Any] | None = None
    _valid: dict[str, bool] = field(default_factory=dict)  # token -> still valid
    _current: str | None = None
    _rules: list[_Rule] = field(default_factory=list)
    _runner: web.AppRunner | None = None
    url: str = ""

    # -- control ---------------------------------------------------------------------------------

    def fail(self, errcode: int, times: int = 1, path: str | None = None) -> None:
        """Answer the next `times` calls (to `path`, or to any API but stable_token) with `errcode`."""
        self._rules.append(_Rule(path, times, errcode=errcode))

    def stall(self, seconds: float, times: int = 1, path: str | None = None) -> None:
        """Sleep `seconds` before answering the next `times` calls (longer than a client timeout: a stall)."""
        self._rules.append(_Rule(path, times, delay=seconds))

    def answer_raw(self, status: int, body: str, times: int = 1, path: str | None = None) -> None:
        """Answer the next `times` calls with this HTTP status and body (a proxy's error page, broken JSON)."""
        self._rules.append(_Rule(path, times, raw=(status, body)))

    def reset(self, times: int = 1, path: str | None = None) -> None:
        """Read the next `times` requests, then close the connection without an answer."""
        self._rules.append(_Rule(path, times, reset=True))

    def expire_tokens(self) -> None:
        """Every token issued so far now gets 42001."""
        for token in self._valid:
            self._valid[token] = False
        self._current = None

    # -- what it saw -----------------------------------------------------------------------------

    @property
    def issued_tokens(self) -> list[str]:
        return list(self._valid)

    def calls(self, path: str) -> list[Request]:
        return [r for r in self.requests if r.path == path]

    def accepted(self, path: str, openid: str | None = None) -> list[Request]:
        """Calls to `path` that were accepted (errcode 0), for one user or all."""
        return [r for r in self.calls(path) if r.errcode == 0 and (openid is None or r.body.get("touser") == openid)]

    def sent_texts(self, openid: str | None = None) -> list[str]:
        """Contents of the service messages that were accepted (errcode 0)."""
        return [r.body["text"]["content"] for r in self.calls(CUSTOM_SEND)
                if r.errcode == 0 and (openid is None or r.body.get("touser") == openid)]

    # -- lifecycle -------------------------------------------------------------------------------

    async def start(self) -> str:
        app = web.Application()
        app.router.add_post(STABLE_TOKEN, self._wrap(self._stable_token))
        app.router.add_post(CUSTOM_SEND, self._wrap(self._api(self._custom_send)))
        app.router.add_post(TEMPLATE_SEND, self._wrap(self._api(self._template_send)))
        app.router.add_post(SUBSCRIBE_SEND, self._wrap(self._api(self._subscribe_send)))
        app.router.add_post(MENU_CREATE, self._wrap(self._api(self._menu_create)))
        # No access log: its lines would carry access_token=… (WeChat's own logs are not ours to check).
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=0.5)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        self.url = f"http://127.0.0.1:{port}"
        return self.url

    async def close(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    # -- handlers --------------------------------------------------------------------------------

    def _wrap(self, handler: _Handler) -> Callable[[web.Request], Awaitable[web.Response]]:
        async def handle(request: web.Request) -> web.Response:
            raw = await request.read()
            try:
                body = json.loads(raw) if raw else None
            except ValueError:
                body = None
            query = dict(request.query)
            rule = self._take_rule(request.path)
            if rule is not None and rule.delay:
                await asyncio.sleep(rule.delay)
            if rule is not None and (rule.reset or rule.raw):
                self.requests.append(Request(request.path, query, body, -1))
                if rule.reset:
                    assert request.transport is not None
                    request.transport.close()
                    return web.Response()  # never reaches the client
                status, text = rule.raw  # type: ignore[misc]
                return web.Response(status=status, text=text, content_type="text/plain")
            if rule is not None and rule.errcode is not None:
                answer = {"errcode": rule.errcode, "errmsg": "injected by the fake"}
            elif not isinstance(body, dict):
                answer = {"errcode": 47001, "errmsg": "data format error"}
            else:
                answer = await handler(body, query)
            errcode = answer.get("errcode", 0)
            self.requests.append(Request(request.path, query, body, errcode if isinstance(errcode, int) else -1))
            # WeChat labels its JSON text/plain: clients must not rely on the content type.
            return web.Response(text=json.dumps(answer, ensure_ascii=False), content_type="text/plain")

        return handle

    def _take_rule(self, path: str) -> _Rule | None:
        for rule in self._rules:
            if rule.matches(path):
                rule.times -= 1
                if rule.times <= 0:
                    self._rules.remove(rule)
                return rule
        return None

    async def _stable_token(self, body: dict[str, Any], query: dict[str, str]) -> dict[str, Any]:
        if body.get("grant_type") != "client_credential":
            return {"errcode": 40002, "errmsg": "invalid grant_type"}
        if body.get("appid") != self.app_id:
            return {"errcode": 40013, "errmsg": "invalid appid"}
        if body.get("secret") != self.app_secret:
            return {"errcode": 40125, "errmsg": "invalid appsecret"}
        self.token_fetches += 1
        force = body.get("force_refresh") is True
        self.forced_fetches += force
        # Stable-token semantics: the same token while it is valid, unless a refresh is forced.
        if force or self._current is None:
            self._current = "FAKE-TOKEN-" + secrets.token_hex(12)
            self._valid[self._current] = True
        return {"access_token": self._current, "expires_in": TOKEN_TTL}

    def _api(self, handler: _Handler) -> _Handler:
        async def checked(body: dict[str, Any], query: dict[str, str]) -> dict[str, Any]:
            token = query.get("access_token")
            if not token:
                return {"errcode": 41001, "errmsg": "access_token missing"}
            if token not in self._valid:
                return {"errcode": 40001, "errmsg": "invalid credential, access_token is invalid or not latest"}
            if not self._valid[token]:
                return {"errcode": 42001, "errmsg": "access_token expired"}
            return await handler(body, query)

        return checked

    async def _custom_send(self, body: dict[str, Any], query: dict[str, str]) -> dict[str, Any]:
        text = body.get("text")
        if not body.get("touser") or body.get("msgtype") != "text" or not isinstance(text, dict) or not \
                isinstance(text.get("content"), str):
            return {"errcode": 40008, "errmsg": "invalid message type"}
        return {"errcode": 0, "errmsg": "ok"}

    async def _template_send(self, body: dict[str, Any], query: dict[str, str]) -> dict[str, Any]:
        if not body.get("touser") or not body.get("template_id") or not isinstance(body.get("data"), dict):
            return {"errcode": 40037, "errmsg": "invalid template_id"}
        return {"errcode": 0, "errmsg": "ok", "msgid": 200228332 + len(self.requests)}

    async def _subscribe_send(self, body: dict[str, Any], query: dict[str, str]) -> dict[str, Any]:
        data = body.get("data")
        if not body.get("touser") or not body.get("template_id") or not isinstance(data, dict):
            return {"errcode": 40037, "errmsg": "invalid template_id"}
        # `thing` fields hold at most 20 characters (WeChat refuses longer ones with 47003).
        for name, field_value in data.items():
            value = field_value.get("value") if isinstance(field_value, dict) else None
            if not isinstance(value, str) or (name.startswith("thing") and len(value) > 20):
                return {"errcode": 47003, "errmsg": f"argument invalid! data.{name}.value"}
        return {"errcode": 0, "errmsg": "ok"}

    async def _menu_create(self, body: dict[str, Any], query: dict[str, str]) -> dict[str, Any]:
        buttons = body.get("button")
        if not isinstance(buttons, list) or not 1 <= len(buttons) <= 3:
            return {"errcode": 40016, "errmsg": "invalid button size"}
        self.menu = body
        return {"errcode": 0, "errmsg": "ok"}
