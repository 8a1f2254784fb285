"""GET|POST /wechat: the Official Account callback. Verify, decrypt, parse, dispatch, render."""

from __future__ import annotations

import logging
import time
from datetime import UTC, datetime, timedelta

from aiohttp import web

from bot import keys
from bot.channels import wechat_protocol as proto
from bot.connections import BodyError, read_body
from bot.dispatcher import DispatchUnavailable
from bot.settings import Settings
from dialogs.types import SignedRequest

log = logging.getLogger(__name__)

MAX_BODY = 64 * 1024
# Leave room for the commit and the network between our deadline and WeChat's 5 seconds.
_PASSIVE_MARGIN = 0.4
# Without a replay window a signed URL never expires; it is remembered this long (turn the window on).
REMEMBER_WITHOUT_WINDOW = timedelta(days=1)


def _params(request: web.Request) -> dict[str, str]:
    return {k: v for k, v in request.query.items()}


def _reject(request: web.Request, err: proto.ProtocolError) -> web.Response:
    log.warning("wechat %s rejected: %s", request.method, err.reason)
    return web.Response(status=err.status, text="bad request" if err.status == 400 else "forbidden")


async def verify_url(request: web.Request) -> web.Response:
    settings = request.app[keys.SETTINGS]
    try:
        proto.check_signature(settings.wechat_token, _params(request), settings.wechat_replay_window)
    except proto.ProtocolError as err:
        return _reject(request, err)
    echostr = request.query.get("echostr", "")
    if not echostr or len(echostr) > 256:
        return _reject(request, proto.ProtocolError("missing echostr"))
    return web.Response(text=echostr)


async def _read_body(request: web.Request, settings: Settings) -> bytes:
    try:
        body = await read_body(request, limit=MAX_BODY, within=settings.body_timeout)
    except BodyError as err:
        raise proto.ProtocolError(err.reason, err.status) from None
    if not body:
        raise proto.ProtocolError("empty body")
    return body


def _decode(settings: Settings, params: dict[str, str], body: bytes) -> tuple[proto.Decoded, bool]:
    encrypted = params.get("encrypt_type", "raw").lower() == "aes"
    xml = body
    if encrypted:
        if not settings.wechat_aes_key:
            raise proto.ProtocolError("encrypted message but no EncodingAESKey configured")
        xml = proto.decrypt_body(
            settings.wechat_token, settings.wechat_aes_key, settings.wechat_app_id, params, body
        )
    elif params.get("encrypt_type", "raw").lower() != "raw":
        raise proto.ProtocolError("unknown encrypt_type")
    elif settings.wechat_aes_key and not settings.wechat_compatible_mode:
        # Safe mode: only the ciphertext is signed (msg_signature). A plaintext body is covered by nothing,
        # so anyone holding one signed URL could write any message into it.
        raise proto.ProtocolError("plaintext message while safe mode is configured", 403)
    return proto.parse(xml, datetime.now(UTC), _signed(settings, params, body)), encrypted


def _signed(settings: Settings, params: dict[str, str], body: bytes) -> SignedRequest:
    """The replay check's record of this URL and body (bot/unit_of_work.py claims it)."""
    if settings.wechat_replay_window:
        # check_signature let only a timestamp within the window through: this is a date near now.
        expires = datetime.fromtimestamp(int(params["timestamp"]) + settings.wechat_replay_window, UTC)
    else:
        expires = datetime.now(UTC) + REMEMBER_WITHOUT_WINDOW
    return SignedRequest(proto.request_key(params), proto.body_digest(body), expires)


async def receive(request: web.Request) -> web.Response:
    arrived = time.monotonic()
    settings = request.app[keys.SETTINGS]
    params = _params(request)
    try:
        # The URL signature is checked before a byte of the untrusted body is parsed.
        proto.check_signature(settings.wechat_token, params, settings.wechat_replay_window)
        body = await _read_body(request, settings)
        decoded, encrypted = _decode(settings, params, body)
    except proto.ProtocolError as err:
        return _reject(request, err)

    dispatcher = request.app[keys.DISPATCHER]
    deadline = arrived + settings.wechat_reply_deadline
    try:
        # Resolved at the commit, or with DEFERRED at the deadline (never cancelled: the unit of work goes on).
        outcome = await dispatcher.submit(decoded.inbound, passive_deadline=deadline - _PASSIVE_MARGIN,
                                          answer_by=deadline)
    except DispatchUnavailable:
        # Not saved: a non-200 makes WeChat retry, and the retry is de-duplicated if it did get saved.
        return web.Response(status=503, text="unavailable")
    if outcome.deferred:
        # Too slow for a passive reply: "success" now, the reply follows as a service message.
        log.info("wechat reply deferred to a service message")
        return web.Response(text="success")

    if outcome.refused:
        return _reject(request, proto.ProtocolError("signed URL already used with another body", 403))
    if not outcome.replies:
        return web.Response(text="success")
    xml = proto.render_reply(decoded.account, decoded.inbound.address, outcome.replies[0])
    if encrypted:
        xml = proto.encrypt_reply(
            settings.wechat_token, settings.wechat_aes_key, settings.wechat_app_id, xml,
            params.get("timestamp"),
        )
    return web.Response(text=xml, content_type="application/xml")


def routes() -> list[web.RouteDef]:
    return [web.get("/wechat", verify_url), web.post("/wechat", receive)]
