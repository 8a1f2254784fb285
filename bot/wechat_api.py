"""The WeChat Official Account API: a shared access token, service/template messages, the menu.

The access token is shared by every process through the `api_token` table (encrypted). Exactly one process
refreshes it at a time: the refresher takes the `lease` row by compare-and-set; everyone else waits briefly
and reads what it stored (each fetch counts against a daily cap, and a forced fetch starts the old token's
5-minute countdown). The token travels in the query string, as WeChat requires, so no URL, exception
message or log line here ever carries it. Requests go through bot/lean_http.py (keep-alive HTTP/1.1, a fraction
of aiohttp's client's CPU per request).
"""

from __future__ import annotations

import asyncio
import json
import logging
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import Enum, IntEnum
from json.encoder import encode_basestring as _escape
from typing import Any

from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from yarl import URL

from bot.clock import Clock
from bot.lean_http import ConnectError, ConnectTimeout, HttpError, LeanHttp
from storage.crypto import DecryptionError, FieldCipher
from storage.models import ApiToken, Lease

log = logging.getLogger(__name__)

STABLE_TOKEN = "/cgi-bin/stable_token"  # noqa: S105 (a path, not a secret)
CUSTOM_SEND = "/cgi-bin/message/custom/send"
TEMPLATE_SEND = "/cgi-bin/message/template/send"
SUBSCRIBE_SEND = "/cgi-bin/message/subscribe/bizsend"
MENU_CREATE = "/cgi-bin/menu/create"

# Refresh this long before the token expires, so that no call goes out with a token about to lapse.
REFRESH_MARGIN = timedelta(minutes=5)
# A refresher that died holding the lease blocks others for at most this long.
LEASE_SECONDS = 30
# How long a process waits for another one's refresh before giving up on this call.
WAIT_FOR_REFRESH = 8.0
_POLL = 0.1
# A request's body as `json.dumps(payload, ensure_ascii=False)` makes it, with one encoder made once (dumps with
# arguments builds an encoder per call).
_ENCODE = json.JSONEncoder(ensure_ascii=False).encode
# A customer-service text's body, byte for byte what _ENCODE makes of its payload (tests/checkins/
# test_send_path.py), with the two strings escaped by the encoder's own C function: a check-in burst sends one per
# check-in, and the encoder's walk over the nested dict cost ~5 µs of each.
_CUSTOM_TEXT = '{"touser": %s, "msgtype": "text", "text": {"content": %s}}'
_CONTENT_TYPE = b"application/json; charset=utf-8"
# Connections open to the API at once (as the shared aiohttp connector allowed).
CONNECTIONS = 50


class ErrorCode(IntEnum):
    """WeChat error codes the service handles by name."""

    SYSTEM_BUSY = -1
    INVALID_CREDENTIAL = 40001  # token invalid (or the secret is wrong)
    INVALID_ACCESS_TOKEN = 40014
    ACCESS_TOKEN_MISSING = 41001
    ACCESS_TOKEN_EXPIRED = 42001
    USER_UNSUBSCRIBED = 43004
    DAILY_QUOTA = 45009
    FREQUENCY_LIMIT = 45011
    OUTSIDE_WINDOW = 45015  # more than 48 hours since the user's last message
    TOO_MANY_MESSAGES = 45047  # too many service messages in the window
    NOT_SUBSCRIBED = 43101  # no subscription (never, one-time used up, or cancelled)
    TOO_OFTEN = 43117  # template messages to this user too often


class Failure(Enum):
    """What a failed call means for the caller."""

    TOKEN = "token"  # noqa: S105 (no usable token: rejected after one refresh, or not issued to us)
    QUOTA = "quota"  # try again later
    WINDOW = "window"  # this user cannot be reached this way now (window, subscription, per-user limit)
    UNSUBSCRIBED = "unsubscribed"
    TRANSIENT = "transient"  # network, timeout, server error, system busy
    # The request may have reached WeChat (timed out, or the connection dropped after it was sent): a message
    # send in this state is not repeated, since a doubled message cannot be taken back.
    UNKNOWN = "unknown"
    PERMANENT = "permanent"  # this request will never succeed as it is


_TOKEN_CODES = frozenset({ErrorCode.INVALID_CREDENTIAL, ErrorCode.INVALID_ACCESS_TOKEN,
                          ErrorCode.ACCESS_TOKEN_EXPIRED})
_BY_CODE: dict[int, Failure] = {
    ErrorCode.SYSTEM_BUSY: Failure.TRANSIENT,
    ErrorCode.INVALID_CREDENTIAL: Failure.TOKEN,
    ErrorCode.INVALID_ACCESS_TOKEN: Failure.TOKEN,
    ErrorCode.ACCESS_TOKEN_MISSING: Failure.TOKEN,
    ErrorCode.ACCESS_TOKEN_EXPIRED: Failure.TOKEN,
    ErrorCode.USER_UNSUBSCRIBED: Failure.UNSUBSCRIBED,
    ErrorCode.DAILY_QUOTA: Failure.QUOTA,
    ErrorCode.FREQUENCY_LIMIT: Failure.QUOTA,
    ErrorCode.OUTSIDE_WINDOW: Failure.WINDOW,
    ErrorCode.TOO_MANY_MESSAGES: Failure.WINDOW,
    ErrorCode.NOT_SUBSCRIBED: Failure.WINDOW,
    ErrorCode.TOO_OFTEN: Failure.WINDOW,
}


def classify(errcode: int) -> Failure:
    return _BY_CODE.get(errcode, Failure.PERMANENT)


class WeChatApiError(Exception):
    """A call that did not succeed. The message names the path and the code, never the token or content."""

    def __init__(self, failure: Failure, reason: str, errcode: int | None = None) -> None:
        super().__init__(reason)
        self.failure = failure
        self.reason = reason
        self.errcode = errcode


@dataclass(frozen=True, slots=True)
class ApiResult:
    """A successful call's JSON answer (errcode 0)."""

    data: Mapping[str, Any] = field(default_factory=dict)

    @property
    def msgid(self) -> str | None:
        value = self.data.get("msgid")
        return None if value is None else str(value)


@dataclass(slots=True)
class _CachedToken:
    value: str
    expires_at: datetime


class WeChatApi:
    """One Official Account's API. Share one instance per process (it single-flights token refreshes)."""

    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        cipher: FieldCipher,
        clock: Clock,
        *,
        base_url: str,
        app_id: str,
        app_secret: str,
        holder: str,
        timeout: float = 5.0,
        wait_for_refresh: float = WAIT_FOR_REFRESH,
    ) -> None:
        self._sessions = sessions
        self._cipher = cipher
        self._clock = clock
        self._base = base_url.rstrip("/")
        self._app_id = app_id
        self._secret = app_secret
        # Unique per instance, so that two instances in one process also compete for the lease.
        self._holder = f"{holder}:{secrets.token_hex(4)}"[-64:]
        # Connect, then the whole exchange: a stalled WeChat must not hold a worker for the session default.
        # The connect timeout shorter than the total: a connect that times out is known to have sent nothing.
        self._http = LeanHttp(base_url, limit=CONNECTIONS, total=timeout, connect=min(3.0, timeout / 2))
        self._wait = wait_for_refresh
        self._token_name = f"wechat:{app_id}"[:64]
        self._lease_name = f"wechat-token:{app_id}"[:64]
        self._cached: _CachedToken | None = None
        self._refreshing = asyncio.Lock()
        # Each path's request target (path and query, with the current token) built once per token. Only ever
        # written to the connection: never logged.
        self._prefix = URL(self._base).raw_path.rstrip("/")
        self._targets: dict[tuple[str, str | None], str] = {}

    # -- calls -----------------------------------------------------------------------------------

    async def send_text(self, openid: str, text: str) -> ApiResult:
        """A customer-service message: reaches the user only within 48 hours of their last message."""
        return await self._call_body(CUSTOM_SEND, (_CUSTOM_TEXT % (_escape(openid), _escape(text))).encode())

    async def send_template(
        self, openid: str, template_id: str, data: Mapping[str, str], url: str | None = None
    ) -> ApiResult:
        payload: dict[str, Any] = {
            "touser": openid, "template_id": template_id,
            "data": {name: {"value": value} for name, value in data.items()},
        }
        if url:
            payload["url"] = url
        return await self._call(TEMPLATE_SEND, payload)

    async def send_subscribe(
        self, openid: str, template_id: str, data: Mapping[str, str], page: str | None = None
    ) -> ApiResult:
        """A subscription notice (bizsend): reaches a user who accepted this template, at any time."""
        payload: dict[str, Any] = {
            "touser": openid, "template_id": template_id,
            "data": {name: {"value": value} for name, value in data.items()},
        }
        if page:
            payload["page"] = page
        return await self._call(SUBSCRIBE_SEND, payload)

    async def create_menu(self, menu: Mapping[str, Any]) -> ApiResult:
        return await self._call(MENU_CREATE, dict(menu))

    async def _call(self, path: str, payload: Mapping[str, Any]) -> ApiResult:
        return await self._call_body(path, _ENCODE(payload).encode())

    async def _call_body(self, path: str, body: bytes) -> ApiResult:
        token = await self.access_token()
        idempotent = path == MENU_CREATE
        try:
            return await self._post(path, body, token, idempotent=idempotent)
        except WeChatApiError as err:
            if err.errcode not in _TOKEN_CODES:
                raise
            # Rejected token: refresh once (another process may already have) and retry once, no more.
            log.info("wechat %s: token rejected (errcode %s), refreshing once", path, err.errcode)
            token = await self.access_token(rejected=token)
            return await self._post(path, body, token, idempotent=idempotent)

    async def _post(self, path: str, body: bytes, token: str | None, *, idempotent: bool = True) -> ApiResult:
        try:
            response = await self._http.post(self._target(path, token), body, _CONTENT_TYPE)
        except ConnectTimeout:
            # No connection within the connect timeout: nothing was sent, so trying again cannot double it.
            raise WeChatApiError(Failure.TRANSIENT, f"{path}: connect timed out") from None
        except TimeoutError:
            failure = Failure.TRANSIENT if idempotent else Failure.UNKNOWN
            raise WeChatApiError(failure, f"{path}: timed out") from None
        except ConnectError as exc:
            # Never connected: nothing was sent, so trying again cannot double anything.
            raise WeChatApiError(Failure.TRANSIENT, f"{path}: {type(exc).__name__} ({exc})") from None
        except HttpError as exc:
            failure = Failure.TRANSIENT if idempotent else Failure.UNKNOWN
            # No exception text here carries the URL (with the token).
            raise WeChatApiError(failure, f"{path}: {type(exc).__name__} ({exc})") from None
        status, raw = response.status, response.body
        if status != 200:
            raise WeChatApiError(Failure.TRANSIENT, f"{path}: HTTP {status}")
        try:
            data = json.loads(raw)
        except (ValueError, UnicodeDecodeError):
            raise WeChatApiError(Failure.TRANSIENT, f"{path}: answer is not JSON") from None
        if not isinstance(data, dict):
            raise WeChatApiError(Failure.TRANSIENT, f"{path}: answer is not a JSON object")
        errcode = data.get("errcode", 0)
        if not isinstance(errcode, int):
            raise WeChatApiError(Failure.TRANSIENT, f"{path}: malformed errcode")
        if errcode != 0:
            raise WeChatApiError(classify(errcode), f"{path}: errcode {errcode}", errcode)
        return ApiResult(data)

    def _target(self, path: str, token: str | None) -> str:
        target = self._targets.get((path, token))
        if target is None:
            if len(self._targets) >= 16:
                self._targets.clear()  # tokens of the past (one a refresh, about every two hours)
            url = URL.build(path=self._prefix + path, encoded=True)
            if token is not None:
                url = url.with_query(access_token=token)
            target = str(url)
            self._targets[(path, token)] = target
        return target

    async def close(self) -> None:
        """Close the idle connections to the API (the process is done with it)."""
        await self._http.close()

    # -- the access token ------------------------------------------------------------------------

    async def access_token(self, *, rejected: str | None = None) -> str:
        """A usable token: from memory, else the database, else refreshed by exactly one process.

        `rejected` is a token WeChat just refused: it is never returned again.
        """
        cached = self._cached
        if cached is not None and cached.value != rejected and self._fresh(cached.expires_at):
            return cached.value
        async with self._refreshing:  # one refresh per process at a time; the lease covers processes
            cached = self._cached
            if cached is not None and cached.value != rejected and self._fresh(cached.expires_at):
                # Another call refreshed or loaded it while this one waited: sends queued behind a refresh
                # (a start-up's first batch, hundreds at once) must not each read the stored token again.
                return cached.value
            stored = await self._load()
            if stored is not None and stored.value != rejected and self._fresh(stored.expires_at):
                self._cached = stored
                return stored.value
            if await self._take_lease():
                try:
                    # Checked again under the lease: the previous holder may just have stored a new one.
                    stored = await self._load()
                    if stored is not None and stored.value != rejected and self._fresh(stored.expires_at):
                        self._cached = stored
                        return stored.value
                    fetched = await self._fetch(force=rejected is not None)
                    await self._store(fetched)
                    self._cached = fetched
                    return fetched.value
                finally:
                    await self._release_lease()
            return await self._wait_for_other(rejected)

    def _fresh(self, expires_at: datetime) -> bool:
        return self._clock.now() < expires_at - REFRESH_MARGIN

    async def _wait_for_other(self, rejected: str | None) -> str:
        loop = asyncio.get_running_loop()
        give_up = loop.time() + self._wait
        while loop.time() < give_up:
            await asyncio.sleep(_POLL)
            stored = await self._load()
            if stored is not None and stored.value != rejected and self._fresh(stored.expires_at):
                self._cached = stored
                return stored.value
        raise WeChatApiError(Failure.TRANSIENT, "access token: another process's refresh did not finish")

    async def _fetch(self, *, force: bool) -> _CachedToken:
        # force_refresh only after WeChat rejected the token: a plain stable_token call would hand the
        # rejected one back while it has not expired, and forced calls are capped (and rotate the token).
        payload = {"grant_type": "client_credential", "appid": self._app_id, "secret": self._secret,
                   "force_refresh": force}
        try:
            result = await self._post(STABLE_TOKEN, _ENCODE(payload).encode(), None)
        except WeChatApiError as err:
            if err.errcode is None:
                raise
            # A refused fetch is a configuration problem (app id, secret, IP allow-list): messages wait.
            log.error("wechat refused the access token (errcode %d): check the app id, the secret and the "
                      "IP allow-list", err.errcode)
            raise WeChatApiError(Failure.TOKEN, err.reason, err.errcode) from None
        value, expires_in = result.data.get("access_token"), result.data.get("expires_in")
        if not isinstance(value, str) or not value or not isinstance(expires_in, int) or expires_in <= 0:
            raise WeChatApiError(Failure.TRANSIENT, f"{STABLE_TOKEN}: answer without a token")
        log.info("wechat access token refreshed (forced: %s, valid %d s)", force, expires_in)
        return _CachedToken(value, self._clock.now() + timedelta(seconds=expires_in))

    async def _load(self) -> _CachedToken | None:
        async with self._sessions() as session:
            row = await session.get(ApiToken, self._token_name, populate_existing=True)
        if row is None:
            return None
        try:
            return _CachedToken(self._cipher.decrypt(row.token_enc), row.expires_at)
        except DecryptionError:
            log.warning("stored wechat access token cannot be decrypted (secret key changed?); refetching")
            return None

    async def _store(self, token: _CachedToken) -> None:
        now = self._clock.now()
        values = {"name": self._token_name, "token_enc": self._cipher.encrypt(token.value),
                  "expires_at": token.expires_at, "updated_at": now}
        async with self._sessions() as session, session.begin():
            insert = pg_insert if session.bind.dialect.name == "postgresql" else sqlite_insert
            stmt = insert(ApiToken).values(**values)
            await session.execute(stmt.on_conflict_do_update(
                index_elements=[ApiToken.name],
                set_={"token_enc": stmt.excluded.token_enc, "expires_at": stmt.excluded.expires_at,
                      "updated_at": stmt.excluded.updated_at},
            ))

    async def _take_lease(self) -> bool:
        """Compare-and-set: insert the lease, or take it over only if it has expired."""
        now = self._clock.now()
        async with self._sessions() as session, session.begin():
            insert = pg_insert if session.bind.dialect.name == "postgresql" else sqlite_insert
            stmt = insert(Lease).values(name=self._lease_name, holder=self._holder,
                                        expires_at=now + timedelta(seconds=LEASE_SECONDS))
            take = stmt.on_conflict_do_update(
                index_elements=[Lease.name],
                set_={"holder": stmt.excluded.holder, "expires_at": stmt.excluded.expires_at},
                where=Lease.expires_at < now,
            ).returning(Lease.holder)
            # A row comes back only when this holder inserted the lease or took over an expired one.
            taken = (await session.execute(take)).scalar_one_or_none()
        return taken == self._holder

    async def _release_lease(self) -> None:
        async with self._sessions() as session, session.begin():
            lease = await session.get(Lease, self._lease_name, with_for_update=True)
            if lease is not None and lease.holder == self._holder:
                # Expired rather than deleted: the next taker goes through the same compare-and-set.
                lease.expires_at = self._clock.now() - timedelta(seconds=1)

