"""A lean HTTP/1.1 client for one origin (the WeChat API): POST a body, read the answer, keep the connection.

aiohttp's client cost ~170 µs of CPU per request on the benchmark machine, most of it in its request and response
objects, timers and header handling; a check-in's whole send budget is not much more (benchmarks/README.md). This
does only what the WeChat API needs: keep-alive connections (at most `limit`, idle ones closed after a while),
one request at a time on each, `Content-Length`, chunked or read-to-close answers, TLS for https.

What a caller learns of a failure decides whether a message may be sent again, so failures are told apart:
`ConnectError` (and `ConnectTimeout`): nothing was sent; `TimeoutError` and `RequestError`: the request may
have reached the server. No exception text carries the URL (its query holds the access token).
"""

from __future__ import annotations

import asyncio
import ssl
from dataclasses import dataclass

from yarl import URL

# A connection idle this long is closed rather than reused (servers close theirs after a while: a request
# written into one they are closing would be lost, its outcome unknown).
IDLE_SECONDS = 15.0
MAX_HEAD = 64 * 1024
MAX_BODY = 4 * 1024 * 1024


class HttpError(Exception):
    """A request that got no complete answer."""


class ConnectError(HttpError):
    """No connection: nothing was sent."""


class ConnectTimeout(ConnectError):
    """No connection within the connect timeout: nothing was sent."""


class RequestError(HttpError):
    """The connection failed or the answer was malformed after the request was (perhaps) sent."""


@dataclass(frozen=True, slots=True)
class Response:
    status: int
    body: bytes


class _Connection(asyncio.Protocol):
    """One keep-alive connection; one request at a time."""

    def __init__(self) -> None:
        self.transport: asyncio.Transport | None = None
        self.closed = False
        self.idle_since = 0.0
        self._buffer = bytearray()
        self._waiter: asyncio.Future[Response] | None = None
        self._status = 0
        self._length: int | None = None  # body bytes expected; None: chunked or to the close
        self._chunked = False
        self._body_at = -1  # where the body starts in the buffer, -1 while the head is incomplete
        self.reusable = False

    # -- asyncio.Protocol --------------------------------------------------------------------------

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self.transport = transport

    def data_received(self, data: bytes) -> None:
        if self._waiter is None:  # nothing asked for: a server talking out of turn
            self.close()
            return
        self._buffer += data
        try:
            self._parse()
        except RequestError as exc:
            self._fail(exc)

    def eof_received(self) -> bool:
        if self._waiter is not None and self._body_at >= 0 and self._length is None and not self._chunked:
            self._finish(bytes(self._buffer[self._body_at:]), reusable=False)
        return False  # close the transport

    def connection_lost(self, exc: Exception | None) -> None:
        self.closed = True
        self._fail(RequestError("connection closed before the answer was complete"))

    # -- the request -------------------------------------------------------------------------------

    def request(self, data: bytes) -> asyncio.Future[Response]:
        assert self.transport is not None and self._waiter is None
        if self.closed:  # closed before anything was written on it
            raise ConnectError("connection closed before the request")
        self._waiter = asyncio.get_running_loop().create_future()
        self._buffer.clear()
        self._body_at, self._length, self._chunked, self.reusable = -1, None, False, False
        self.transport.write(data)
        return self._waiter

    def close(self) -> None:
        self.closed = True
        if self.transport is not None:
            self.transport.close()

    def abort(self) -> None:
        self.closed = True
        if self.transport is not None:
            self.transport.abort()

    def _parse(self) -> None:
        buffer = self._buffer
        while self._body_at < 0:
            end = buffer.find(b"\r\n\r\n")
            if end < 0:
                if len(buffer) > MAX_HEAD:
                    raise RequestError("answer head too long")
                return
            self._head(bytes(buffer[:end]))
            if 100 <= self._status < 200:  # an interim answer (100 Continue): the real one follows
                del buffer[: end + 4]
                continue
            self._body_at = end + 4
        if self._chunked:
            self._parse_chunks()
            return
        if self._length is None:
            if len(buffer) - self._body_at > MAX_BODY:
                raise RequestError("answer too long")
            return  # read to the close (eof_received)
        end = self._body_at + self._length
        if len(buffer) >= end:
            # Anything after the answer was not asked for: the connection is not used again.
            self._finish(bytes(buffer[self._body_at:end]), reusable=self.reusable and len(buffer) == end)

    def _head(self, head: bytes) -> None:
        lines = head.split(b"\r\n")
        parts = lines[0].split(b" ", 2)
        if len(parts) < 2 or not parts[0].startswith(b"HTTP/1.") or not parts[1].isdigit():
            raise RequestError("malformed status line")
        self._status = int(parts[1])
        keep_alive = parts[0] == b"HTTP/1.1"
        self._length, self._chunked = None, False
        for line in lines[1:]:
            name, sep, value = line.partition(b":")
            if not sep:
                raise RequestError("malformed header")
            name, value = name.strip().lower(), value.strip().lower()
            if name == b"content-length":
                if not value.isdigit() or (self._length is not None and self._length != int(value)):
                    raise RequestError("malformed content-length")
                self._length = int(value)
            elif name == b"transfer-encoding":
                self._chunked = value.endswith(b"chunked")
                if not self._chunked:
                    raise RequestError("unsupported transfer-encoding")
            elif name == b"connection":
                tokens = {t.strip() for t in value.split(b",")}
                keep_alive = b"keep-alive" in tokens if parts[0] == b"HTTP/1.0" else b"close" not in tokens
        if self._chunked:
            self._length = None
        elif self._status in (204, 304):
            self._length = 0
        if self._length is not None and self._length > MAX_BODY:
            raise RequestError("answer too long")
        self.reusable = keep_alive and (self._chunked or self._length is not None)

    def _parse_chunks(self) -> None:
        buffer, at, body = self._buffer, self._body_at, bytearray()
        while True:
            end = buffer.find(b"\r\n", at)
            if end < 0:
                return
            size_text = bytes(buffer[at:end]).split(b";", 1)[0].strip()
            try:
                size = int(size_text, 16)
            except ValueError:
                raise RequestError("malformed chunk") from None
            if size == 0:
                # Trailers (if any) end with an empty line.
                trailer_end = buffer.find(b"\r\n\r\n", end)
                if buffer[end : end + 4] == b"\r\n\r\n":
                    trailer_end = end
                if trailer_end < 0:
                    return
                self._finish(bytes(body), reusable=self.reusable and len(buffer) == trailer_end + 4)
                return
            if len(body) + size > MAX_BODY:
                raise RequestError("answer too long")
            if len(buffer) < end + 2 + size + 2:
                return
            body += buffer[end + 2 : end + 2 + size]
            at = end + 2 + size + 2

    def _finish(self, body: bytes, *, reusable: bool) -> None:
        waiter, self._waiter = self._waiter, None
        self.reusable = reusable
        self._buffer.clear()
        if waiter is not None and not waiter.done():
            waiter.set_result(Response(self._status, body))

    def _fail(self, exc: Exception) -> None:
        waiter, self._waiter = self._waiter, None
        self.reusable = False
        if waiter is not None and not waiter.done():
            waiter.set_exception(exc)
        if not self.closed:
            self.abort()


class LeanHttp:
    """Keep-alive HTTP/1.1 to one origin (scheme, host, port of `base_url`). Share one per process and origin."""

    def __init__(self, base_url: str, *, limit: int = 50, total: float = 5.0, connect: float = 3.0,
                 ssl_context: ssl.SSLContext | None = None) -> None:
        url = URL(base_url)
        if url.scheme not in ("http", "https") or not url.host:
            raise ValueError("an http:// or https:// URL with a host is needed")
        self._host = url.host
        self._port = url.port or (443 if url.scheme == "https" else 80)
        self._ssl: ssl.SSLContext | None = None
        if url.scheme == "https":
            self._ssl = ssl_context or ssl.create_default_context()
        host_header = url.raw_host or url.host
        if ":" in host_header:  # an IPv6 address
            host_header = f"[{host_header}]"
        if url.port is not None and not url.is_default_port():
            host_header = f"{host_header}:{url.port}"
        self._host_header = host_header.encode("idna" if not host_header.isascii() else "ascii")
        self._total, self._connect = total, connect
        self._slots = asyncio.Semaphore(limit)
        self._limit = limit
        self._idle: list[_Connection] = []
        self._closed = False

    async def post(self, target: str, body: bytes, content_type: bytes) -> Response:
        """POST `body` to `target` (the path and query, already encoded). The whole exchange, waiting for a free
        connection included, within `total` seconds; opening a connection within `connect`."""
        data = b"".join((
            b"POST ", target.encode("ascii"), b" HTTP/1.1\r\nHost: ", self._host_header,
            b"\r\nContent-Type: ", content_type, b"\r\nContent-Length: ", str(len(body)).encode(),
            b"\r\nUser-Agent: jiuye\r\nAccept: application/json\r\n\r\n", body,
        ))
        sent = False
        try:
            async with asyncio.timeout(self._total):
                async with self._slots:
                    connection = await self._connection()
                    sent = True
                    try:
                        response = await connection.request(data)
                    except BaseException:
                        connection.abort()  # cancelled or failed mid-exchange: its state is unknown
                        raise
                    self._release(connection)
                    return response
        except TimeoutError:
            if not sent:
                raise ConnectTimeout("no connection within the timeout") from None
            raise

    async def close(self) -> None:
        self._closed = True
        idle, self._idle = self._idle, []
        for connection in idle:
            connection.close()

    async def _connection(self) -> _Connection:
        if self._closed:
            raise ConnectError("client closed")
        loop = asyncio.get_running_loop()
        now = loop.time()
        while self._idle:
            connection = self._idle.pop()
            if not connection.closed and now - connection.idle_since < IDLE_SECONDS:
                return connection
            connection.close()
        try:
            async with asyncio.timeout(self._connect):
                _transport, connection = await loop.create_connection(
                    _Connection, self._host, self._port, ssl=self._ssl,
                    server_hostname=self._host if self._ssl is not None else None,
                )
        except TimeoutError:
            raise ConnectTimeout("connect timed out") from None
        except OSError as exc:  # refused, unreachable, name not resolved, TLS handshake failed
            raise ConnectError(type(exc).__name__) from None
        return connection

    def _release(self, connection: _Connection) -> None:
        if connection.reusable and not connection.closed and not self._closed and len(self._idle) < self._limit:
            connection.idle_since = asyncio.get_running_loop().time()
            self._idle.append(connection)
        else:
            connection.close()
