"""HTTP connections: how many are held at once, how long a client may take, and one short line per bad one.

aiohttp bounds neither the number of connections nor the time a client takes to send its body, and an idle
crowd of 20,000 sockets starved /healthz. So, for `jiuye serve` (`run`):
- at most `max_connections` are held (kept under the process's open-file limit); a new connection beyond it
  closes the one that has waited longest for a request, never one whose request is being handled, so that
  a health check or a real message still gets through while idle sockets pile up;
- a request's head must arrive within `header_timeout` of the connection opening or of the previous response
  (aiohttp's keep-alive timer, which also covers a head trickling in byte by byte);
- a body must arrive within `body_timeout` of its head (`read_body`, used by every handler that reads one).
A client dropped or timed out is one short WARNING on the `jiuye.clients` logger, at most one line per
interval with a count of the others: never a traceback, never a byte of what it sent.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
import resource
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp import hdrs, web
from aiohttp.http_exceptions import HttpProcessingError

CLIENT_LOG_INTERVAL = 10.0
# The start of a request's head: its method and target (HEAD /healthz HTTP/1.1).
_REQUEST_LINE = re.compile(rb"[A-Z]{3,10} \S")
# The method aiohttp gives the stand-in request of one it could not parse (aiohttp.web_protocol.ERROR).
_UNPARSED = "UNKNOWN"
LINGER = 1.0
# Open files the process keeps for itself (database connections, log files, outbound HTTP) besides clients.
_RESERVED_FILES = 256


class RateLimited(logging.Filter):
    """At most one record per `interval` seconds; the next one says how many were held back."""

    def __init__(self, interval: float) -> None:
        super().__init__()
        self.interval = interval
        self._last = float("-inf")
        self._held_back = 0

    def filter(self, record: logging.LogRecord) -> bool:
        now = time.monotonic()
        if now - self._last < self.interval:
            self._held_back += 1
            return False
        if self._held_back:
            record.msg = f"{record.msg} (and {self._held_back} more since the last such line)"
        self._last, self._held_back = now, 0
        return True


clients = logging.getLogger("jiuye.clients")
clients.addFilter(RateLimited(CLIENT_LOG_INTERVAL))


class BodyError(Exception):
    """The body did not arrive whole: too large, too slow, or the client went away. Safe to log."""

    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status = status
        self.reason = reason

    def response(self) -> web.Response:
        response = web.Response(status=self.status, text=self.reason)
        if self.status != 413:
            response.force_close()  # the rest of a slow or broken body is not waited for
        return response


async def read_body(request: web.Request, *, limit: int, within: float) -> bytes:
    """The request body, at most `limit` bytes, within `within` seconds of its head; raises BodyError."""
    length = request.content_length
    if length is not None and length > limit:
        raise BodyError(413, "body too large")
    if length and request.content.is_eof():
        # The whole body came with the head (what WeChat sends): nothing to wait for, so no timer (a timer
        # per request cost several microseconds on the /wechat path).
        return await request.read()
    try:
        async with asyncio.timeout(within):
            if length:
                # What WeChat sends: a Content-Length within the limit, so one read (aiohttp stops at the length).
                return await request.read()
            body = bytearray()
            async for chunk in request.content.iter_chunked(16 * 1024):
                body += chunk
                if len(body) > limit:
                    raise BodyError(413, "body too large")
            return bytes(body)
    except TimeoutError:
        clients.warning("client closed: body not received within %.0f s", within)
        raise BodyError(408, "request body too slow") from None
    except web.HTTPRequestEntityTooLarge:
        raise BodyError(413, "body too large") from None
    except (ConnectionError, HttpProcessingError, web.RequestPayloadError) as exc:
        # Cut off, or not decodable as its Content-Encoding says: the client's fault either way.
        clients.warning("client's body incomplete or undecodable (%s)", type(exc).__name__)
        raise BodyError(400, "incomplete body") from None


class ConnectionGuard:
    """Counts the server's connections and closes the idlest one when a new one would pass the limit.

    The protocol factory given to `loop.create_server` (wrapping aiohttp's); `middleware` marks a connection
    busy while its request is handled. Unbound (the test server), it does nothing."""

    def __init__(self) -> None:
        self._server: web.Server | None = None
        self.limit = 0
        # Connections waiting for a request (new, or idle between requests), longest-waiting first.
        self._idle: OrderedDict[_Guarded, None] = OrderedDict()
        self._by_transport: dict[Any, _Guarded] = {}
        self.open = 0

    def bind(self, server: web.Server, limit: int) -> None:
        self._server, self.limit = server, limit
        made = server.request_factory

        def request_factory(message: Any, payload: Any, protocol: Any, writer: Any, task: Any) -> web.BaseRequest:
            # A request aiohttp could not parse (a body not decodable as its Content-Encoding says, a header it
            # refuses) is answered with its error page as a request of method UNKNOWN, body included: a HEAD must
            # get headers only, and aiohttp leaves the body out of the answer to a HEAD.
            if message.method == _UNPARSED:
                conn = self._by_transport.get(protocol.transport)
                if conn is not None and conn.head:
                    message = message._replace(method=hdrs.METH_HEAD)
            return made(message, payload, protocol, writer, task)

        server.request_factory = request_factory

    def __call__(self) -> asyncio.Protocol:
        assert self._server is not None, "bind the guard to the server first"
        return _Guarded(self, self._server())

    def opened(self, conn: _Guarded, transport: Any) -> None:
        self.open += 1
        self._by_transport[transport] = conn
        while self.open > self.limit and self._idle:
            oldest, _ = self._idle.popitem(last=False)
            oldest.evict()
        self._idle[conn] = None

    def closed(self, conn: _Guarded, transport: Any) -> None:
        self._by_transport.pop(transport, None)
        self._idle.pop(conn, None)
        if not conn.evicted:
            self.open -= 1

    def evicted(self, conn: _Guarded, transport: Any) -> None:
        self._by_transport.pop(transport, None)
        self.open -= 1

    @web.middleware
    async def middleware(self, request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
                         ) -> web.StreamResponse:
        conn = self._by_transport.get(request.transport) if self._by_transport else None
        if conn is None:
            return await handler(request)
        conn.requests += 1
        self._idle.pop(conn, None)  # never closed to make room while its request is handled
        try:
            return await handler(request)
        finally:
            if not conn.gone:
                self._idle[conn] = None


class _Guarded(asyncio.Protocol):
    """aiohttp's protocol for one connection, with the guard told when it opens and closes."""

    def __init__(self, guard: ConnectionGuard, inner: asyncio.Protocol) -> None:
        self.guard = guard
        self.inner = inner
        self.transport: asyncio.Transport | None = None
        self.opened_at = 0.0
        self.requests = 0
        self.evicted = False
        self.gone = False
        # Whether the request whose head came last is a HEAD (ConnectionGuard.bind: its error page, headers only).
        self.head = False

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport  # type: ignore[assignment]
        self.opened_at = time.monotonic()
        self.guard.opened(self, transport)
        self.inner.connection_made(transport)

    def data_received(self, data: bytes) -> None:
        if _REQUEST_LINE.match(data):  # a new request's head (a body's chunk leaves what the head said)
            self.head = data.startswith(b"HEAD ")
        self.inner.data_received(data)

    def eof_received(self) -> bool | None:
        return self.inner.eof_received()

    def pause_writing(self) -> None:
        self.inner.pause_writing()

    def resume_writing(self) -> None:
        self.inner.resume_writing()

    def connection_lost(self, exc: Exception | None) -> None:
        self.gone = True
        self.guard.closed(self, self.transport)
        if exc is not None and not self.evicted:
            clients.warning("client connection lost (%s)", type(exc).__name__)
        elif self.requests == 0 and not self.evicted:
            clients.warning("client closed: no request within %.0f s of connecting",
                            time.monotonic() - self.opened_at)
        self.inner.connection_lost(exc)

    def evict(self) -> None:
        self.evicted = True
        self.guard.evicted(self, self.transport)
        clients.warning("idle client closed: %d connections open, the limit", self.guard.limit)
        if self.transport is not None:
            self.transport.abort()


def connection_limit(wanted: int) -> int:
    """`wanted`, lowered to what the open-file limit leaves for clients (a refused accept() loops on errors)."""
    soft, _hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft == resource.RLIM_INFINITY:
        return wanted
    return min(wanted, max(16, soft - _RESERVED_FILES))


async def start(app: web.Application, guard: ConnectionGuard, *, host: str, port: int, max_connections: int,
                header_timeout: float, reuse_port: bool = False, handle_signals: bool = False,
                ) -> tuple[web.AppRunner, asyncio.Server]:
    """The app served on host:port behind the guard; stop with `stop`."""
    # lingering_time: after a response, the rest of an unread body is read (then dropped) this long before the
    # connection closes (aiohttp's default, 10 s, kept every too-slow body open that much longer).
    runner = web.AppRunner(app, handle_signals=handle_signals, access_log=None, keepalive_timeout=header_timeout,
                           lingering_time=LINGER)
    await runner.setup()
    assert runner.server is not None
    guard.bind(runner.server, connection_limit(max_connections))
    loop = asyncio.get_running_loop()
    try:
        server = await loop.create_server(guard, host, port, backlog=2048, reuse_port=reuse_port or None)
    except OSError as exc:
        await runner.cleanup()  # the app's shutdown (scheduler, workers, database) as on a normal stop
        raise CannotListen(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    return runner, server


class CannotListen(RuntimeError):
    """The address to serve on is taken (another `jiuye serve`?) or not ours to bind."""


async def stop(runner: web.AppRunner, server: asyncio.Server) -> None:
    server.close()
    await runner.cleanup()


def run(app: web.Application, guard: ConnectionGuard, *, listening: Callable[[], None] = lambda: None,
        **options: Any) -> None:
    """Serve until SIGTERM or SIGINT, then stop gracefully (as aiohttp's run_app does, with the guard); `listening`
    is called once the address is bound. CannotListen when it cannot be."""

    async def serve() -> None:
        runner, server = await start(app, guard, handle_signals=True, **options)
        listening()
        try:
            await asyncio.Event().wait()
        finally:
            await stop(runner, server)

    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    main = loop.create_task(serve())
    try:
        loop.run_until_complete(main)
    except (web.GracefulExit, KeyboardInterrupt):
        pass
    finally:
        # The serving task first, alone: its clean-up stops the dispatcher and the outbox gracefully.
        if not main.done():
            main.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                loop.run_until_complete(main)
        rest = asyncio.all_tasks(loop)
        for task in rest:
            task.cancel()
        loop.run_until_complete(asyncio.gather(*rest, return_exceptions=True))
        loop.run_until_complete(loop.shutdown_asyncgens())
        loop.close()
