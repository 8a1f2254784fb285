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
`--mode stateful --db PATH`: the least that does everything the issue's "full path" names, written as
directly as this stack allows: signature, parse, de-duplication that answers a retry with the first reply,
a per-user state row read and written as JSON, a one-line "dialog step" (count the messages, echo the
text), the reply stored encrypted (AES-GCM) in an outbox row, all committed before the reply, many messages
per commit. One process-wide writer on raw sqlite3; no understanding, no locales, no events, no second
channel, no person record. A floor for any service that meets that definition on this machine.
  `--lean`: ElementTree parses and a format string renders, instead of wechatpy.
  `--dialog`: jiuye's own dialog step instead of the one-line one (dialogs.engine.step: understanding,
  flows, catalogs; the state sealed as jiuye stores it). Its events are not applied and no person record
  is kept: what the rest of this minimal path costs with jiuye's dialog in it.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import gc
import json
import os
import sqlite3
import time
from dataclasses import replace
from datetime import UTC, datetime
from typing import ClassVar
from xml.etree import ElementTree

from aiohttp import web
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
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


def _sqlite(path: str, schema: str) -> sqlite3.Connection:
    """Autocommit mode (the stores issue BEGIN IMMEDIATE and COMMIT), WAL, synchronous=FULL as jiuye's."""
    db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=FULL")
    db.executescript(schema)
    return db


class GroupCommit:
    """Inserts queued while a commit runs go into the next one; each caller returns after its commit."""

    def __init__(self, path: str) -> None:
        self.db = _sqlite(
            path,
            "CREATE TABLE IF NOT EXISTS inbound_message "
            "(id INTEGER PRIMARY KEY, msg_id TEXT UNIQUE, openid TEXT, content TEXT, received_at REAL)",
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


STORE = web.AppKey("store", GroupCommit)


async def durable_reply(request: web.Request) -> web.Response:
    return await _reply(request, store=True)


class StatefulStore:
    """Group commit of the full path's writes: inbound (dedup), state, outbox; a retry gets the first reply."""

    def __init__(self, path: str, *, dialog: bool = False) -> None:
        self.step = _DialogStep() if dialog else None
        self.db = _sqlite(
            path,
            "CREATE TABLE IF NOT EXISTS inbound_message (id INTEGER PRIMARY KEY, msg_id TEXT UNIQUE,"
            " openid TEXT, content TEXT, received_at REAL, reply TEXT);"
            "CREATE TABLE IF NOT EXISTS conversation (openid TEXT PRIMARY KEY, state TEXT, version INTEGER);"
            "CREATE TABLE IF NOT EXISTS outbox (id INTEGER PRIMARY KEY, msg_id TEXT, openid TEXT,"
            " body_enc TEXT, status TEXT, created_at REAL);",
        )
        self.aead = AESGCM(os.urandom(32))
        self.pending: list[tuple[tuple[str, str, str], asyncio.Future[str]]] = []
        self.writing = False

    def _seal(self, text: str) -> str:
        nonce = os.urandom(12)
        return base64.urlsafe_b64encode(nonce + self.aead.encrypt(nonce, text.encode(), None)).decode()

    def _open(self, token: str) -> str:
        raw = base64.urlsafe_b64decode(token)
        return self.aead.decrypt(raw[:12], raw[12:], None).decode()

    async def handle(self, message: tuple[str, str, str]) -> str:
        future: asyncio.Future[str] = asyncio.get_running_loop().create_future()
        self.pending.append((message, future))
        if not self.writing:
            self.writing = True
            asyncio.get_running_loop().create_task(self._drain())
        return await future

    async def _drain(self) -> None:
        try:
            while self.pending:
                batch, self.pending = self.pending, []
                try:
                    replies = self._work([m for m, _ in batch])
                    # The commit's fsync off the event loop, as aiosqlite does it.
                    await asyncio.to_thread(self.db.execute, "COMMIT")
                except sqlite3.Error as exc:
                    if self.db.in_transaction:
                        self.db.execute("ROLLBACK")
                    for _, future in batch:
                        future.set_exception(exc)
                    continue
                for (_, future), reply in zip(batch, replies, strict=True):
                    future.set_result(reply)
        finally:
            self.writing = False

    def _work(self, messages: list[tuple[str, str, str]]) -> list[str]:
        db, now = self.db, time.time()
        db.execute("BEGIN IMMEDIATE")
        ids = [m[0] for m in messages]
        marks = ",".join("?" * len(ids))
        seen = dict(db.execute(f"SELECT msg_id, reply FROM inbound_message WHERE msg_id IN ({marks})", ids))
        users = sorted({m[1] for m in messages})
        marks = ",".join("?" * len(users))
        states = {u: json.loads(s) for u, s in
                  db.execute(f"SELECT openid, state FROM conversation WHERE openid IN ({marks})", users)}
        replies, inbound, outbox, touched = [], [], [], set()
        for msg_id, openid, content in messages:
            if msg_id in seen:
                replies.append(self._open(seen[msg_id]))
                continue
            if self.step is not None:
                states[openid], reply = self.step(states.get(openid), openid, msg_id, content)
            else:
                state = states.setdefault(openid, {"count": 0})
                state["count"] += 1
                state["last"] = content
                reply = f"第{state['count']}条: {content}"
            sealed = self._seal(reply)
            seen[msg_id] = sealed
            inbound.append((msg_id, openid, content, now, sealed))
            outbox.append((msg_id, openid, sealed, "passive", now))
            touched.add(openid)
            replies.append(reply)
        db.executemany("INSERT INTO inbound_message (msg_id, openid, content, received_at, reply)"
                       " VALUES (?, ?, ?, ?, ?)", inbound)
        db.executemany("INSERT INTO conversation (openid, state, version) VALUES (?, ?, 1) ON CONFLICT (openid)"
                       " DO UPDATE SET state = excluded.state, version = version + 1",
                       [(u, json.dumps(states[u], ensure_ascii=False)) for u in touched])
        db.executemany("INSERT INTO outbox (msg_id, openid, body_enc, status, created_at) VALUES (?, ?, ?, ?, ?)",
                       outbox)
        return replies


class _DialogStep:
    """--dialog: the step jiuye runs (understanding, flows, catalogs), with its state sealing; no effects,
    except that a look-up the dialog waits for is answered as jiuye's effects answer it on a database that
    knows nobody (no roster entry; nothing known to match jobs on), so that the step still says something."""

    LOOKUPS: ClassVar[dict[str, dict[str, object]]] = {
        "survey.roster_lookup": {"status": "none"},
        "jobs.match": {"status": "no_profile"},
    }

    def __init__(self) -> None:
        from dialogs import engine, i18n, types, wechat_text
        from dialogs.nlu import warm_up
        from storage import crypto, repositories

        warm_up()
        # As `jiuye serve` does: the dictionaries and gazetteer out of the collector's way (bot/app.py).
        gc.freeze()
        self.engine, self.i18n, self.types, self.text = engine, i18n, types, wechat_text
        self.repo, self.cipher = repositories, crypto.FieldCipher(os.urandom(32))

    def __call__(self, sealed: dict[str, object] | None, openid: str, msg_id: str,
                 content: str) -> tuple[dict[str, object], str]:
        now = datetime.now(UTC)
        state = self.repo.open_state(sealed, self.cipher) if sealed else {}
        locale = str(state.get("locale") or "zh_CN")
        inbound = self.types.Inbound(channel="wechat", address=openid, kind="text", dedup_key=msg_id,
                                     received_at=now, text=content)
        ctx = self.types.StepContext(now, now.date(), "wechat", locale)
        result = self.engine.step(state, inbound, ctx)
        outbound = list(result.outbound)
        for event in result.events:
            if event.kind in self.LOOKUPS:
                answered = self.engine.step(result.state, replace(
                    inbound, kind="event", event=f"{event.kind}.result", payload=self.LOOKUPS[event.kind]), ctx)
                result.state = answered.state
                outbound += answered.outbound
        locale = str(result.state.get("locale") or "zh_CN")
        texts = [self.i18n.render(m, locale, "wechat") for m in outbound]
        reply = self.text.pack(texts)[0] if texts else ""
        return self.repo.seal_state(result.state, self.cipher), reply


STATEFUL = web.AppKey("stateful", StatefulStore)


async def stateful_reply(request: web.Request) -> web.Response:
    q = request.query
    try:
        check_signature(request.app[TOKEN], q.get("signature", ""), q.get("timestamp", ""), q.get("nonce", ""))
    except InvalidSignatureException:
        return web.Response(status=403, text="forbidden")
    body = await request.read()
    if request.app[LEAN]:
        # --lean: ElementTree and a format string instead of wechatpy's parse_message and TextReply.
        root = ElementTree.fromstring(body)
        msg_id, user, account = root.findtext("MsgId", ""), root.findtext("FromUserName", ""), \
            root.findtext("ToUserName", "")
        reply = await request.app[STATEFUL].handle((msg_id, user, root.findtext("Content", "")))
        if not reply:  # a step that says nothing: what jiuye answers then
            return web.Response(text="success")
        return web.Response(text=_LEAN_REPLY.format(to=_cdata(user), source=_cdata(account), time=int(time.time()),
                                                    content=_cdata(reply)), content_type="application/xml")
    message = parse_message(body)
    reply = await request.app[STATEFUL].handle((str(message.id), message.source, message.content))
    return web.Response(text=TextReply(message=message, content=reply).render(), content_type="application/xml")


LEAN = web.AppKey("lean", bool)
_LEAN_REPLY = ("<xml><ToUserName><![CDATA[{to}]]></ToUserName><FromUserName><![CDATA[{source}]]></FromUserName>"
               "<CreateTime>{time}</CreateTime><MsgType><![CDATA[text]]></MsgType>"
               "<Content><![CDATA[{content}]]></Content></xml>")


def _cdata(text: str) -> str:
    return text.replace("]]>", "]]]]><![CDATA[>")


async def healthz(request: web.Request) -> web.Response:
    return web.json_response({"status": "ok"})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--reuse-port", action="store_true")
    parser.add_argument("--mode", choices=("bare", "wechatpy", "durable", "stateful"), default="bare")
    parser.add_argument("--db", help="durable mode: the SQLite file")
    parser.add_argument("--dialog", action="store_true",
                        help="stateful mode: jiuye's own dialog step (dialogs.engine.step, catalogs, sealed state)"
                             " instead of the one-line step; its events are not applied")
    parser.add_argument("--lean", action="store_true",
                        help="stateful mode: parse with ElementTree and render with a format string, not wechatpy")
    parser.add_argument("--token", default="bench-token", help="wechatpy mode: the token requests are signed with")
    args = parser.parse_args()
    app = web.Application(client_max_size=64 * 1024)
    app[TOKEN] = args.token
    app[LEAN] = args.lean
    handler = {"bare": wechat, "wechatpy": wechatpy_reply, "durable": durable_reply,
               "stateful": stateful_reply}[args.mode]
    if args.mode in ("durable", "stateful") and not args.db:
        parser.error(f"--mode {args.mode} needs --db")
    if args.mode == "durable":
        app[STORE] = GroupCommit(args.db)
    if args.mode == "stateful":
        app[STATEFUL] = StatefulStore(args.db, dialog=args.dialog)
    app.router.add_routes([web.post("/wechat", handler), web.get("/healthz", healthz)])
    # The same run_app options as `jiuye serve`.
    web.run_app(app, host=args.host, port=args.port, reuse_port=args.reuse_port, backlog=2048,
                print=None, access_log=None)


if __name__ == "__main__":
    from private import owner_only

    owner_only()
    main()
