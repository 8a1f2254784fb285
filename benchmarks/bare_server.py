"""Reference servers for the /wechat load test, on the same aiohttp as the service.

`--mode bare` (the baseline): POST /wechat returns a constant reply. It does nothing a real callback must
do, so it measures what the HTTP stack alone costs on this machine; `wechat_load.py` reports every
server's throughput as a share of it.
`--mode wechatpy`: what WeRoBot does without session storage (check_signature, parse_message,
TextReply.render with wechatpy) and stores nothing: the stateless reference the issue's target names.
`--mode durable --db PATH`: the wechatpy path plus the least a durable service must do: every message
inserted into SQLite (WAL, synchronous=FULL; duplicates of a MsgId ignored) and committed before its reply,
many messages per commit (group commit). No dialog, no state, no encryption, no outbox: a floor for the
cost of durability on this machine, not a service.
"""

from __future__ import annotations

import argparse
import asyncio
import sqlite3

from aiohttp import web
from wechatpy import parse_message
from wechatpy.exceptions import InvalidSignatureException
from wechatpy.replies import TextReply
from wechatpy.utils import check_signature

TOKEN = web.AppKey("token", str)

REPLY = (
    "<xml><ToUserName><![CDATA[bench-user]]></ToUserName><FromUserName><![CDATA[gh_bench]]></FromUserName>"
    "<CreateTime>1764122400</CreateTime><MsgType><![CDATA[text]]></MsgType>"
    "<Content><![CDATA[您好]]></Content></xml>"
)


async def wechat(request: web.Request) -> web.Response:
    # The body is left to aiohttp (it drains it for keep-alive): the baseline is as cheap as a handler can be.
    return web.Response(text=REPLY, content_type="application/xml")


async def wechatpy_reply(request: web.Request) -> web.Response:
    return await _reply(request, store=False)


async def _reply(request: web.Request, *, store: bool) -> web.Response:
    q = request.query
    try:
        check_signature(request.app[TOKEN], q.get("signature", ""), q.get("timestamp", ""), q.get("nonce", ""))
    except InvalidSignatureException:
        return web.Response(status=403, text="forbidden")
    message = parse_message(await request.read())
    if store:
        await request.app[STORE].store((str(message.id), message.source, message.content, message.time))
    return web.Response(text=TextReply(message=message, content="您好").render(), content_type="application/xml")


STORE = web.AppKey("store", "GroupCommit")


class GroupCommit:
    """Inserts queued while a commit runs go into the next one; each caller returns after its commit."""

    def __init__(self, path: str) -> None:
        self.db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=FULL")
        self.db.execute(
            "CREATE TABLE IF NOT EXISTS inbound_message "
            "(id INTEGER PRIMARY KEY, msg_id TEXT UNIQUE, openid TEXT, content TEXT, received_at REAL)"
        )
        self.pending: list[tuple[tuple[str, str, str, float], asyncio.Future[None]]] = []
        self.writing = False

    async def store(self, row: tuple[str, str, str, float]) -> None:
        future = asyncio.get_running_loop().create_future()
        self.pending.append((row, future))
        if not self.writing:
            self.writing = True
            asyncio.get_running_loop().create_task(self._drain())
        await future

    async def _drain(self) -> None:
        try:
            while self.pending:
                batch, self.pending = self.pending, []
                try:
                    await asyncio.to_thread(self._write, [row for row, _ in batch])
                except sqlite3.Error as exc:
                    for _, future in batch:
                        future.set_exception(exc)
                    continue
                for _, future in batch:
                    future.set_result(None)
        finally:
            self.writing = False

    def _write(self, rows: list[tuple[str, str, str, float]]) -> None:
        self.db.execute("BEGIN IMMEDIATE")
        self.db.executemany("INSERT OR IGNORE INTO inbound_message (msg_id, openid, content, received_at)"
                            " VALUES (?, ?, ?, ?)", rows)
        self.db.execute("COMMIT")


async def durable_reply(request: web.Request) -> web.Response:
    return await _reply(request, store=True)


async def healthz(request: web.Request) -> web.Response:
    return web.json_response({"status": "ok"})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--reuse-port", action="store_true")
    parser.add_argument("--mode", choices=("bare", "wechatpy", "durable"), default="bare")
    parser.add_argument("--db", help="durable mode: the SQLite file")
    parser.add_argument("--token", default="bench-token", help="wechatpy mode: the token requests are signed with")
    args = parser.parse_args()
    app = web.Application(client_max_size=64 * 1024)
    app[TOKEN] = args.token
    handler = {"bare": wechat, "wechatpy": wechatpy_reply, "durable": durable_reply}[args.mode]
    if args.mode == "durable":
        if not args.db:
            parser.error("--mode durable needs --db")
        app[STORE] = GroupCommit(args.db)
    app.router.add_routes([web.post("/wechat", handler), web.get("/healthz", healthz)])
    # The same run_app options as `jiuye serve`.
    web.run_app(app, host=args.host, port=args.port, reuse_port=args.reuse_port, backlog=2048,
                print=None, access_log=None)


if __name__ == "__main__":
    main()
