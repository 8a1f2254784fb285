"""The loopback WeChat API fake of the tests (tests/fakes/wechat_api.py) as a process of its own, for benchmarks,
with `GET /_stats`: accepted calls per path and the times of the first and last.

    .venv/bin/python benchmarks/wechat_fake.py PORT
"""

from __future__ import annotations

import asyncio
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

from aiohttp import web

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.fakes.wechat_api import FakeWeChatApi


class CountingFake(FakeWeChatApi):
    """Keeps counts instead of every request (a million requests must not grow the fake)."""

    def __init__(self) -> None:
        super().__init__()
        self.accepted: Counter[str] = Counter()
        self.first: float | None = None
        self.last: float | None = None

    def _wrap(self, handler: Any) -> Any:
        inner = super()._wrap(handler)

        async def handle(request: web.Request) -> web.Response:
            response = await inner(request)
            recorded = self.requests.pop()
            if recorded.errcode == 0 and recorded.path != "/cgi-bin/stable_token":
                now = time.monotonic()
                self.first = self.first or now
                self.last = now
                self.accepted[recorded.path] += 1
            return response

        return handle


async def main(port: int) -> None:
    fake = CountingFake()
    app = web.Application()
    for path, handler in ((p, h) for p, h in _routes(fake)):
        app.router.add_post(path, handler)

    async def stats(_request: web.Request) -> web.Response:
        return web.json_response({"accepted": dict(fake.accepted), "first": fake.first, "last": fake.last,
                                  "token_fetches": fake.token_fetches, "now": time.monotonic()})

    async def reset(_request: web.Request) -> web.Response:
        fake.accepted.clear()
        fake.first = fake.last = None
        return web.json_response({"ok": True})

    app.router.add_get("/_stats", stats)
    app.router.add_post("/_reset", reset)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", port, backlog=2048).start()
    print("ready", flush=True)
    await asyncio.Event().wait()


def _routes(fake: CountingFake) -> list[tuple[str, Any]]:
    return [
        ("/cgi-bin/stable_token", fake._wrap(fake._stable_token)),
        ("/cgi-bin/message/custom/send", fake._wrap(fake._api(fake._custom_send))),
        ("/cgi-bin/message/template/send", fake._wrap(fake._api(fake._template_send))),
        ("/cgi-bin/message/subscribe/bizsend", fake._wrap(fake._api(fake._subscribe_send))),
    ]


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1])))
