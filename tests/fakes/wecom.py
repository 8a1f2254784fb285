"""A loopback fake of WeCom group robots (qyapi.weixin.qq.com/cgi-bin/webhook/send?key=KEY).

As the real robots: a JSON body `{"msgtype": "text", "text": {"content", "mentioned_mobile_list"}}`, content up
to 2,048 bytes (40058 beyond), 20 messages a minute per robot (45009 "api freq out of limit" beyond),
93000 for a key it does not know. It records every accepted message per key, and can be told to fail.
"""

from __future__ import annotations

import json
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

PATH = "/cgi-bin/webhook/send"
LIMIT_PER_MINUTE = 20


@dataclass(frozen=True, slots=True)
class RobotMessage:
    key: str
    content: str
    mentioned: tuple[str, ...]


@dataclass(slots=True)
class FakeWeCom:
    keys: set[str] = field(default_factory=set)
    # Seconds, for the rate limit: the tests' clock when given (so the fake and the service agree on minutes).
    clock: Callable[[], float] = time.monotonic
    messages: list[RobotMessage] = field(default_factory=list)
    refused: list[tuple[str, int]] = field(default_factory=list)  # (key, errcode) of refused requests
    _sent_at: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    _failures: list[tuple[int | None, int]] = field(default_factory=list)  # (errcode or None: HTTP 502, times)
    _runner: web.AppRunner | None = None
    base: str = ""

    def robot(self, key: str) -> str:
        """A webhook URL for a new robot of this fake."""
        self.keys.add(key)
        return f"{self.base}{PATH}?key={key}"

    def fail(self, errcode: int | None, times: int = 1) -> None:
        """The next `times` requests get this errcode (None: an HTTP 502 from a proxy)."""
        self._failures.append((errcode, times))

    def to(self, key: str) -> list[RobotMessage]:
        return [m for m in self.messages if m.key == key]

    async def start(self) -> None:
        app = web.Application()
        app.router.add_post(PATH, self._send)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        port = self._runner.addresses[0][1]
        self.base = f"http://127.0.0.1:{port}"

    async def close(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    def _answer(self, key: str, errcode: int, errmsg: str) -> web.Response:
        if errcode:
            self.refused.append((key, errcode))
        return web.json_response({"errcode": errcode, "errmsg": errmsg})

    async def _send(self, request: web.Request) -> web.Response:
        key = request.query.get("key", "")
        if self._failures:
            errcode, times = self._failures[0]
            self._failures[0] = (errcode, times - 1)
            if times <= 1:
                self._failures.pop(0)
            if errcode is None:
                return web.Response(status=502, text="bad gateway")
            return self._answer(key, errcode, "forced failure")
        if key not in self.keys:
            return self._answer(key, 93000, "invalid webhook url")
        try:
            body: Any = json.loads(await request.read())
            text = body["text"]
            content = str(text["content"])
            mentioned = tuple(str(m) for m in text.get("mentioned_mobile_list", []))
        except (ValueError, KeyError, TypeError):
            return self._answer(key, 40008, "invalid message type")
        if body.get("msgtype") != "text":
            return self._answer(key, 40008, "invalid message type")
        if len(content.encode()) > 2048:
            return self._answer(key, 40058, "content exceed max length")
        now = self.clock()
        recent = [t for t in self._sent_at[key] if now - t < 60]
        if len(recent) >= LIMIT_PER_MINUTE:
            self._sent_at[key] = recent
            return self._answer(key, 45009, "api freq out of limit")
        self._sent_at[key] = [*recent, now]
        self.messages.append(RobotMessage(key, content, mentioned))
        return web.json_response({"errcode": 0, "errmsg": "ok"})
