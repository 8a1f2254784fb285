"""SMS through Kannel: mobile-originated messages in (GET /sms/kannel), delivery reports in
(GET /sms/kannel/dlr), and the outbox's sender for channel "sms" (Kannel's sendsms interface).

Kannel calls the get-url once per message and retries when it gets no 2xx (http-request-retry), so the
endpoint answers 200 with an empty body only after the dispatcher committed the message, and 503 when the
database could not take it. Replies never travel in the HTTP body: the dispatcher queues them to the
outbox (transport "kannel") and the worker sends them through `KannelSender`.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import logging
import re
import time
import urllib.parse
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from datetime import datetime

import aiohttp
from aiohttp import web
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot import keys
from bot.channels.clean import clean_text
from bot.delivery import OutgoingMessage, SendResult, SendStatus
from bot.dispatcher import DispatchUnavailable
from bot.settings import Settings
from dialogs.sms_text import MAX_PARTS, coding_for, parts
from dialogs.types import Inbound
from storage.models import OutboxMessage, SmsDeliveryReport
from storage.outage import is_outage

log = logging.getLogger(__name__)

MAX_TEXT = 2000
# Kannel's DLR types (dlr-mask bits): what each %d value means for us.
DLR_STATUS: Mapping[int, str] = {
    1: "delivered",
    2: "failed",
    4: "buffered",
    8: "accepted",  # the SMSC took it
    16: "rejected",  # the SMSC refused it
}
# A later report never downgrades an earlier one: parts of one message and retries arrive in any order.
_RANK = {"accepted": 0, "buffered": 1, "delivered": 2, "failed": 3, "rejected": 3}
DLR_MASK = sum(DLR_STATUS)  # 31: every report
# Outbox ids are PostgreSQL `integer`s: a larger id was never issued (and would not fit the statement).
MAX_OUTBOX_ID = 2**31 - 1
# The charsets Kannel can name in %C, mapped to Python text codecs. Only these: a name looked up in Python's
# codec registry could be rot13, base64, zlib or unicode_escape, none of them a text encoding of an SMS.
_CHARSETS: Mapping[str, str] = {
    **dict.fromkeys(("", "utf-8", "utf8"), "utf-8"),
    **dict.fromkeys(("utf-16be", "utf16be", "ucs-2", "ucs2", "ucs-2be", "iso-10646-ucs-2"), "utf-16-be"),
    "utf-16": "utf-16",
    **dict.fromkeys(("iso-8859-1", "iso8859-1", "latin1", "latin-1"), "latin-1"),
    **dict.fromkeys(("windows-1252", "cp1252"), "cp1252"),
    **dict.fromkeys(("us-ascii", "ascii"), "ascii"),
    **dict.fromkeys(("gbk", "gb2312", "gb18030", "cp936"), "gb18030"),
    "big5": "big5",
}
# Kannel's %c: 0 7-bit (GSM), 1 8-bit data, 2 UCS-2; empty when unknown.
_CODINGS = frozenset({"", "0", "1", "2"})


class UnknownCharset(ValueError):
    """Kannel named a coding or charset that is not a text encoding we accept."""


# -- pure helpers ----------------------------------------------------------------------------------


def normalise_phone(raw: str) -> str | None:
    """Mainland mobiles as E.164 (+86…); other international numbers keep their +; short codes as given."""
    digits = re.sub(r"[\s()\-]", "", raw)
    if m := re.fullmatch(r"(?:\+86|0086|86)?(1[3-9]\d{9})", digits):
        return "+86" + m.group(1)
    if re.fullmatch(r"\+[1-9]\d{5,14}", digits):
        return digits
    if m := re.fullmatch(r"00([1-9]\d{5,14})", digits):
        return "+" + m.group(1)
    if re.fullmatch(r"\d{3,20}", digits):
        return digits
    return None


def decode_text(raw: bytes, coding: str, charset: str) -> tuple[str, bool]:
    """The message text from Kannel's %b bytes, cleaned (bot/channels/clean.py); False when bytes had to be
    replaced. Raises UnknownCharset for a coding or charset outside the allow-list.

    With mo-recode Kannel hands over UTF-8 (coding 0, charset UTF-8); without it UCS-2 messages arrive as
    raw UTF-16BE (coding 2), and 8-bit or GSM messages in the charset Kannel names (%C).
    """
    name, coding = charset.strip().lower(), coding.strip()
    if coding not in _CODINGS or name not in _CHARSETS:
        raise UnknownCharset(f"coding {coding[:8]!r}, charset {name[:24]!r}")
    codec = "utf-16-be" if coding == "2" and not name else _CHARSETS[name]
    try:
        return clean_text(raw.decode(codec)), True
    except UnicodeDecodeError:
        return clean_text(raw.decode(codec, errors="replace")), False


def token_ok(expected: str, given: str | None) -> bool:
    """Constant-time comparison; an unconfigured token accepts nothing."""
    if not expected or given is None:
        return False
    return hmac.compare_digest(given.encode(), expected.encode())


def _raw_params(request: web.Request) -> dict[str, bytes]:
    """Query parameters as bytes: %b may be UTF-16, which a str-decoding query parser would mangle."""
    pairs = urllib.parse.parse_qsl(request.rel_url.raw_query_string, keep_blank_values=True,
                                   encoding="latin-1", errors="strict")
    return {k: v.encode("latin-1") for k, v in pairs}


def _ascii(params: Mapping[str, bytes], name: str) -> str | None:
    value = params.get(name)
    return None if value is None else value.decode("ascii", errors="replace")


# -- inbound ---------------------------------------------------------------------------------------


async def receive(request: web.Request) -> web.Response:
    """Kannel's get-url: one mobile-originated message."""
    settings = request.app[keys.SETTINGS]
    params = _raw_params(request)
    if not token_ok(settings.sms_inbound_token, _ascii(params, "token")):
        log.warning("sms inbound rejected: bad or missing token")
        return web.Response(status=403, text="forbidden")
    sender = normalise_phone(_ascii(params, "from") or "")
    if sender is None:
        log.warning("sms inbound rejected: sender is not a phone number")
        return web.Response(status=400, text="bad sender")
    try:
        text, clean = decode_text(params.get("text", b""), _ascii(params, "coding") or "",
                                  _ascii(params, "charset") or "")
    except UnknownCharset as exc:
        # Not retried by Kannel as a 503 would be: the same bytes would be refused again.
        log.warning("sms inbound rejected: unknown %s", exc)
        return web.Response(status=400, text="bad charset")
    if not clean:
        log.warning("sms inbound: text was not valid in its declared coding; undecodable bytes replaced")
    if len(text) > MAX_TEXT:
        log.warning("sms inbound: text of %d characters cut to %d", len(text), MAX_TEXT)
        text = text[:MAX_TEXT]
    message_id = (_ascii(params, "id") or "").strip()
    if message_id and len(message_id) <= 100 and message_id.isprintable():
        # With the sender: another phone's message can never pass for a retry of this one. Keys stored as
        # "kannel:{id}" before this change need no migration (a retry straddling the deploy is stored twice).
        dedup_key = f"kannel:{sender}:{message_id}"
    else:
        # Without Kannel's id, the same sender, time and text are the same message.
        digest = hashlib.sha256(b"\0".join((sender.encode(), params.get("ts", b""), text.encode()))).hexdigest()
        dedup_key = "kannel-h:" + digest[:40]
    inbound = Inbound(
        channel="sms", address=sender, kind="text", dedup_key=dedup_key,
        received_at=request.app[keys.CLOCK].now(), text=text, transport="kannel",
    )
    try:
        await request.app[keys.DISPATCHER].submit(inbound)
    except DispatchUnavailable:
        # Not stored: Kannel retries (http-request-retry) and the retry is de-duplicated by the id.
        return web.Response(status=503, text="unavailable")
    return web.Response(status=200, body=b"")


async def delivery_report(request: web.Request) -> web.Response:
    """Kannel's dlr-url: `id` is our outbox message id, `status` Kannel's DLR type."""
    settings = request.app[keys.SETTINGS]
    if not token_ok(settings.sms_inbound_token, request.query.get("token")):
        log.warning("sms delivery report rejected: bad or missing token")
        return web.Response(status=403, text="forbidden")
    raw_id, raw_status = request.query.get("id", ""), request.query.get("status", "")
    # ASCII digits only: "²".isdigit() is true but int("²") raises.
    if not (_ascii_digits(raw_id) and len(raw_id) < 19 and _ascii_digits(raw_status) and len(raw_status) < 4
            and int(raw_status) in DLR_STATUS):
        log.warning("sms delivery report rejected: bad id or status")
        return web.Response(status=400, text="bad report")
    outbox_id, dlr, now = int(raw_id), int(raw_status), request.app[keys.CLOCK].now()
    if not 0 < outbox_id <= MAX_OUTBOX_ID:
        log.warning("sms delivery report for an id we never issued")
        return web.Response(status=200, body=b"")
    try:
        known = await request.app[keys.REPORTS].run(
            lambda session: record_delivery_report(session, outbox_id, dlr, now)
        )
    except Exception as exc:
        if is_outage(exc):
            log.warning("sms delivery report not stored (%s); Kannel will retry", type(exc).__name__)
            return web.Response(status=503, text="unavailable")
        # This report's own failure: a retry would fail the same way, so it is answered and logged.
        log.error("sms delivery report for message %d not stored: %s", outbox_id, type(exc).__name__)
        return web.Response(status=200, body=b"")
    if not known:
        # Answered 200 all the same: a retry would not make the message exist.
        log.warning("sms delivery report for unknown outbox message %s", raw_id)
    return web.Response(status=200, body=b"")


def _ascii_digits(value: str) -> bool:
    return value.isascii() and value.isdigit()


async def record_delivery_report(session: AsyncSession, outbox_id: int, dlr: int, now: datetime) -> bool:
    """Keep the report and fold it into the message's delivery status; False for an unknown message."""
    # Locked: the reports for one message (accepted, then delivered) arrive together, and each one decides
    # from the status it read (SQLite's BEGIN IMMEDIATE already serialises them).
    message = await session.scalar(
        select(OutboxMessage).where(OutboxMessage.id == outbox_id).with_for_update()
    )
    if message is None:
        return False
    status = DLR_STATUS[dlr]
    session.add(SmsDeliveryReport(outbox_id=outbox_id, dlr_type=dlr, status=status, received_at=now))
    current = message.delivery_status
    if current is None or _RANK.get(status, 0) >= _RANK.get(current, 0):
        message.delivery_status = status
    if status == "delivered" and message.delivered_at is None:
        message.delivered_at = now
    return True


def routes() -> list[web.RouteDef]:
    return [web.get("/sms/kannel", receive), web.get("/sms/kannel/dlr", delivery_report)]


# -- outbound --------------------------------------------------------------------------------------


class TokenBucket:
    """At most `rate` takes per second on average, bursts up to `burst`; waiters are served in order."""

    def __init__(
        self,
        rate: float,
        burst: float | None = None,
        *,
        monotonic: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        if rate <= 0:
            raise ValueError("rate must be positive")
        self.rate = rate
        self.burst = max(1.0, burst if burst is not None else rate)
        self._tokens = self.burst
        self._monotonic = monotonic
        self._sleep = sleep
        self._last = monotonic()
        self._lock = asyncio.Lock()

    async def take(self) -> None:
        async with self._lock:
            while True:
                now = self._monotonic()
                self._tokens = min(self.burst, self._tokens + (now - self._last) * self.rate)
                self._last = now
                if self._tokens >= 1:
                    self._tokens -= 1
                    return
                await self._sleep((1 - self._tokens) / self.rate)


@dataclass(frozen=True, slots=True)
class KannelConfig:
    sendsms_url: str
    username: str
    password: str
    sender: str
    dlr_base_url: str
    inbound_token: str
    rate: float

    @classmethod
    def from_settings(cls, s: Settings) -> KannelConfig:
        return cls(s.sms_kannel_sendsms_url, s.sms_kannel_username, s.sms_kannel_password, s.sms_sender,
                   s.sms_dlr_base_url, s.sms_inbound_token, s.sms_send_rate)


class KannelSender:
    """The outbox's way out for channel "sms": one sendsms request per message, at a bounded rate.

    Results: 202 -> SENT; connection refused, 403, 429, 5xx -> RETRY (the worker backs off); other 4xx ->
    FAILED. A request that may have reached Kannel without an answer (timeout, disconnect) is FAILED with
    an "outcome unknown" error rather than retried: a lost reply is logged, a doubled one cannot be undone.
    """

    channel = "sms"

    def __init__(self, http: aiohttp.ClientSession, config: KannelConfig, *, timeout: float = 10.0) -> None:
        self._http = http
        self._config = config
        self._bucket = TokenBucket(config.rate)
        # The connect timeout shorter than the total: a connect that times out is known to have sent nothing.
        self._timeout = aiohttp.ClientTimeout(total=timeout, connect=min(3.0, timeout / 2))

    def params(self, message: OutgoingMessage) -> dict[str, str]:
        cfg = self._config
        coding = coding_for(message.text)
        params = {
            "username": cfg.username,
            "password": cfg.password,
            "to": message.address,
            "text": message.text,
            # Both are needed: with coding 0 Kannel turns Chinese into "??".
            "charset": "utf-8",
            "coding": str(coding.kannel_coding),
        }
        if cfg.sender:
            params["from"] = cfg.sender
        if cfg.dlr_base_url:
            token = urllib.parse.quote(cfg.inbound_token, safe="")
            params["dlr-mask"] = str(DLR_MASK)
            params["dlr-url"] = (f"{cfg.dlr_base_url.rstrip('/')}/sms/kannel/dlr?token={token}"
                                 f"&id={message.id}&status=%d")
        return params

    async def send(self, message: OutgoingMessage) -> SendResult:
        if parts(message.text) > MAX_PARTS:
            # Still sent whole (Kannel's max-messages allows it): cutting would lose the end of a question.
            log.warning("sms message %d takes %d parts", message.id, parts(message.text))
        await self._bucket.take()
        try:
            async with self._http.get(self._config.sendsms_url, params=self.params(message),
                                      timeout=self._timeout) as resp:
                body = (await resp.text(errors="replace"))[:120]
                status = resp.status
        except (aiohttp.ClientConnectorError, aiohttp.ConnectionTimeoutError) as exc:
            # Never connected: nothing was sent, so trying again cannot send it twice.
            return SendResult(SendStatus.RETRY, f"kannel unreachable: {type(exc).__name__}")
        except (TimeoutError, aiohttp.ClientError) as exc:
            return SendResult(SendStatus.FAILED, f"outcome unknown, not retried: {type(exc).__name__}")
        if status == 202:
            return SendResult(SendStatus.SENT)
        if status in (403, 429) or status >= 500:
            return SendResult(SendStatus.RETRY, f"kannel answered {status}: {body.strip()}")
        return SendResult(SendStatus.FAILED, f"kannel answered {status}: {body.strip()}")
