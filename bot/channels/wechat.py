"""GET|POST /wechat: the Official Account callback. Verify, decrypt, parse, dispatch, render."""

from __future__ import annotations

import asyncio
import logging
import time
from datetime import UTC, datetime

from aiohttp import web

from bot import keys
from bot.channels import wechat_protocol as proto
from bot.dispatcher import DispatchUnavailable
from bot.settings import Settings
from bot.unit_of_work import Outcome

log = logging.getLogger(__name__)

MAX_BODY = 64 * 1024
# Leave room for the commit and the network between our deadline and WeChat's 5 seconds.
_PASSIVE_MARGIN = 0.4


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


async def _read_body(request: web.Request) -> bytes:
    length = request.content_length
    if length is not None and length > MAX_BODY:
        raise proto.ProtocolError("body too large", 413)
    if length:
        # What WeChat sends: a Content-Length within the limit, so one read (aiohttp stops at the length).
        return await request.read()
    body = bytearray()
    async for chunk in request.content.iter_chunked(16 * 1024):
        body += chunk
        if len(body) > MAX_BODY:
            raise proto.ProtocolError("body too large", 413)
    if not body:
        raise proto.ProtocolError("empty body")
    return bytes(body)


def _decode(settings: Settings, params: dict[str, str], body: bytes) -> tuple[proto.Decoded, bool]:
    encrypted = params.get("encrypt_type", "raw").lower() == "aes"
    if encrypted:
        if not settings.wechat_aes_key:
            raise proto.ProtocolError("encrypted message but no EncodingAESKey configured")
        body = proto.decrypt_body(
            settings.wechat_token, settings.wechat_aes_key, settings.wechat_app_id, params, body
        )
    elif params.get("encrypt_type", "raw").lower() != "raw":
        raise proto.ProtocolError("unknown encrypt_type")
    return proto.parse(body, datetime.now(UTC)), encrypted


async def receive(request: web.Request) -> web.Response:
    arrived = time.monotonic()
    settings = request.app[keys.SETTINGS]
    params = _params(request)
    try:
        # The URL signature is checked before a byte of the untrusted body is parsed.
        proto.check_signature(settings.wechat_token, params, settings.wechat_replay_window)
        body = await _read_body(request)
        decoded, encrypted = _decode(settings, params, body)
    except proto.ProtocolError as err:
        return _reject(request, err)

    dispatcher = request.app[keys.DISPATCHER]
    deadline = arrived + settings.wechat_reply_deadline
    future = dispatcher.submit(decoded.inbound, passive_deadline=deadline - _PASSIVE_MARGIN)
    try:
        if not await _settled_by(future, deadline):
            # Too slow for a passive reply: "success" now, the reply follows as a service message.
            dispatcher.give_up_passive(future)
            log.info("wechat reply deferred to a service message")
            return web.Response(text="success")
        # Committed (possibly just as the timer fired: the reply is stored as given in this response),
        # or DispatchUnavailable.
        outcome = future.result()
    except DispatchUnavailable:
        # Not saved: a non-200 makes WeChat retry, and the retry is de-duplicated if it did get saved.
        return web.Response(status=503, text="unavailable")

    if not outcome.replies:
        return web.Response(text="success")
    xml = proto.render_reply(decoded.account, decoded.inbound.address, outcome.replies[0])
    if encrypted:
        xml = proto.encrypt_reply(
            settings.wechat_token, settings.wechat_aes_key, settings.wechat_app_id, xml,
            params.get("timestamp"),
        )
    return web.Response(text=xml, content_type="application/xml")


async def _settled_by(future: asyncio.Future[Outcome], deadline: float) -> bool:
    """Wait for the dispatcher's future until `deadline` (monotonic time) without ever cancelling it.

    What asyncio.wait_for(asyncio.shield(...)) does, with one timer and one callback instead of two
    extra futures and a task per message.
    """
    if future.done():
        return True
    loop = asyncio.get_running_loop()
    waiter: asyncio.Future[None] = loop.create_future()

    def release(_: object = None) -> None:
        if not waiter.done():
            waiter.set_result(None)

    timer = loop.call_at(loop.time() + max(0.0, deadline - time.monotonic()), release)
    future.add_done_callback(release)
    try:
        await waiter
    finally:
        timer.cancel()
        future.remove_done_callback(release)
    return future.done()


def routes() -> list[web.RouteDef]:
    return [web.get("/wechat", verify_url), web.post("/wechat", receive)]
