"""The local chat simulator: a page and a JSON endpoint that go through the same dispatcher as real channels.

Its users are a namespace of their own (dialogs/types.py Inbound.simulated): "13900000001" on sms here is
never the real phone's account, roster entry or form, and what is queued for them is delivered to the
in-process `SimulatorSender`, never to a real gateway; `GET /simulator/inbox` shows it. The endpoints refuse
cross-site use: a POST must be JSON, and a browser's Origin must be this server. The page itself is
bot/channels/simulator_page.py.
"""

from __future__ import annotations

import json
import logging
import re
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from aiohttp import web
from sqlalchemy import and_, or_, select

from bot import keys
from bot.channels import simulator_page
from bot.channels.clean import clean_text, is_clean
from bot.channels.sms import normalise_phone
from bot.connections import BodyError, read_body
from bot.delivery import OutgoingMessage, SendResult, SendStatus
from bot.dispatcher import DispatchUnavailable
from dialogs.types import Inbound
from storage import repositories as repo
from storage.models import ChannelAccount, InboundMessage, OutboxMessage

log = logging.getLogger(__name__)
_EVENTS = frozenset({"subscribe", "unsubscribe", "click"})
_CHANNELS = ("wechat", "sms")
# The request body is one small object: deeper JSON is refused before the parser recurses into it.
MAX_JSON_DEPTH = 8
INBOX_LIMIT = 200
MAX_BODY = 64 * 1024
# An inbox cursor: the last message's sent time (microseconds since the epoch) and outbox id.
_CURSOR = re.compile(r"([0-9]{1,18})\.([0-9]{1,18})")
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MICROSECOND = timedelta(microseconds=1)


class SimulatorSender:
    """The outbox's way out for simulated people (bot/delivery.py routes every one of their messages here):
    nothing leaves the process; the message counts as delivered and `GET /simulator/inbox` shows it."""

    channel = "simulator"

    async def send(self, message: OutgoingMessage) -> SendResult:
        return SendResult(SendStatus.SENT, external_id="simulator")


def _bad(message: str, status: int = 400) -> web.Response:
    return web.json_response({"error": message}, status=status)


def _cross_site(request: web.Request) -> web.Response | None:
    """A browser names the page a request comes from in Origin: only this server's own page may call us."""
    origin = request.headers.get("Origin")
    if origin is None:
        return None  # not a browser (curl, the tests): nothing cross-site about it
    host = request.headers.get("Host", "")
    if origin.lower() not in (f"http://{host}".lower(), f"https://{host}".lower()):
        log.warning("simulator: cross-site request refused")
        return _bad("cross-site requests are refused", 403)
    return None


def _json_depth_ok(text: str, limit: int = MAX_JSON_DEPTH) -> bool:
    """Whether brackets nest at most `limit` deep, strings aside (checked before json.loads recurses)."""
    if text.count("[") + text.count("{") <= limit:
        return True
    depth, in_string, escaped = 0, False, False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            if depth > limit:
                return False
        elif char in "]}":
            depth -= 1
    return True


def _address(user: str, channel: str) -> str:
    address = user.strip()
    if channel == "sms":
        # As the Kannel channel does: 139 0000 0001, 13900000001 and +8613900000001 are one phone.
        address = normalise_phone(address) or address
    return address


def _user(value: Any) -> str | None:
    if not isinstance(value, str) or not value.strip() or len(value) > 64 or not is_clean(value):
        return None
    return value


async def post_message(request: web.Request) -> web.Response:
    if (refused := _cross_site(request)) is not None:
        return refused
    if request.content_type != "application/json":
        # A form or text/plain POST is what another site's page can send without asking: refused.
        return _bad("Content-Type must be application/json", 415)
    try:
        body = await read_body(request, limit=MAX_BODY, within=request.app[keys.SETTINGS].body_timeout)
    except BodyError as err:
        return err.response()
    try:
        raw = body.decode("utf-8")
        if not _json_depth_ok(raw):
            return _bad("body nested too deep")
        data = json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        return _bad("body must be JSON")
    if not isinstance(data, dict):
        return _bad("body must be a JSON object")
    user, channel = _user(data.get("user")), data.get("channel", "wechat")
    text, event = data.get("text"), data.get("event")
    if user is None:
        return _bad("user must be a non-empty string of at most 64 characters")
    if channel not in _CHANNELS:
        return _bad('channel must be "wechat" or "sms"')
    if (text is None) == (event is None):
        return _bad('give either "text" or "event"')
    if text is not None and (not isinstance(text, str) or len(text) > 2000):
        return _bad("text must be a string of at most 2000 characters")
    if event is not None and event not in _EVENTS:
        return _bad(f"event must be one of {sorted(_EVENTS)}")
    event_key = data.get("event_key")
    if event_key is not None and (not isinstance(event_key, str) or len(event_key) > 128 or not is_clean(event_key)):
        return _bad("event_key must be a string of at most 128 characters")
    dated = data.get("at")
    at: datetime | None = None
    if dated is not None:
        # Dates the message (the dialog's `now`): with `jiuye scheduler run-due --now`, a season in a minute.
        try:
            at = datetime.fromisoformat(dated) if isinstance(dated, str) and len(dated) <= 40 else None
        except ValueError:
            at = None
        if at is None:
            return _bad('at must be an ISO-8601 time, e.g. "2027-03-01T10:00:00+08:00"')
        if at.tzinfo is None:
            at = at.replace(tzinfo=request.app[keys.SETTINGS].tz)
    inbound = Inbound(
        channel=channel,
        address=_address(user, channel),
        kind="event" if event else "text",
        dedup_key=f"sim:{uuid.uuid4().hex}",
        received_at=at or request.app[keys.CLOCK].now(),
        text=clean_text(text or ""),
        event=event,
        event_key=event_key,
        transport="simulator",
        simulated=True,
        at=at,
    )
    try:
        outcome = await request.app[keys.DISPATCHER].submit(inbound)
    except DispatchUnavailable:
        return _bad("database unavailable, try again", 503)
    return web.json_response(
        {"replies": list(outcome.replies), "awaiting": outcome.awaiting},
        dumps=lambda o: json.dumps(o, ensure_ascii=False),
    )


async def inbox(request: web.Request) -> web.Response:
    """What was pushed to a simulator user outside the direct replies (queued, then delivered here), in the
    order it was delivered; `after` (the `cursor` of an earlier answer) leaves out what that answer had."""
    if (refused := _cross_site(request)) is not None:
        return refused
    user, wanted = _user(request.query.get("user")), request.query.get("channel")
    if user is None:
        return _bad("user must be a non-empty string of at most 64 characters")
    if wanted is not None and wanted not in _CHANNELS:
        return _bad('channel must be "wechat" or "sms"')
    after = request.query.get("after")
    since = after_cursor(after)
    cipher = request.app[keys.CIPHER]
    accounts = [
        and_(ChannelAccount.channel == channel,
             ChannelAccount.address_hash == repo.address_hash(cipher, channel, _address(user, channel),
                                                              simulated=True))
        for channel in ((wanted,) if wanted else _CHANNELS)
    ]
    async with request.app[keys.SESSIONS]() as session:
        people = set(await session.scalars(select(ChannelAccount.person_id).where(or_(*accounts))))
        # By delivery, not by id: a push held for the morning is delivered after later replies, and a page
        # that had moved past its id would never show it.
        # Dated by the played time of what made it (a check-in swept by `run-due --now` ahead of the clock, an
        # alert to a played caseworker: its `created_at`), when that is later than its delivery; otherwise by its
        # delivery.
        query = (
            select(OutboxMessage, InboundMessage.received_at)
            .outerjoin(InboundMessage, InboundMessage.id == OutboxMessage.inbound_id)
            .where(OutboxMessage.person_id.in_(people), OutboxMessage.status == "sent",
                   OutboxMessage.external_id == "simulator", OutboxMessage.sent_at.is_not(None))
            .order_by(OutboxMessage.sent_at, OutboxMessage.id).limit(INBOX_LIMIT)
        )
        if wanted:
            query = query.where(OutboxMessage.channel == wanted)
        if since is not None:
            sent_at, row_id = since
            query = query.where(or_(OutboxMessage.sent_at > sent_at,
                                    and_(OutboxMessage.sent_at == sent_at, OutboxMessage.id > row_id)))
        found = list((await session.execute(query)).tuples()) if people else []
    messages = [
        # What was sent: on SMS its SMS rendering, as the outbox worker sends it (bot/delivery.py).
        {"id": row.id, "text": cipher.decrypt(row.sms_body_enc if row.channel == "sms" and row.sms_body_enc
                                              else row.body_enc),
         "at": max(row.sent_at, played or row.sent_at, row.created_at).isoformat(), "channel": row.channel}
        for row, played in found if row.sent_at is not None
    ]
    cursor = _cursor(found[-1][0]) if found else after
    return web.json_response({"messages": messages, "cursor": cursor},
                             dumps=lambda o: json.dumps(o, ensure_ascii=False))


def _cursor(row: OutboxMessage) -> str:
    assert row.sent_at is not None  # only sent messages are listed
    return cursor_of(row.sent_at, row.id)


def cursor_of(sent_at: datetime, row_id: int) -> str:
    """A cursor past a row sent at `sent_at` (the inbox's, and the alerts' in bot/casework/simulator.py)."""
    return f"{(sent_at - _EPOCH) // _MICROSECOND}.{row_id}"


def parse_cursor(value: str) -> tuple[datetime, int]:
    """The sent time and id of a cursor; ValueError for anything that is not one."""
    match = _CURSOR.fullmatch(value)
    if match is None:
        raise ValueError(value)
    try:
        return _EPOCH + int(match[1]) * _MICROSECOND, int(match[2])
    except OverflowError:  # past the year 9999
        raise ValueError(value) from None


def after_cursor(after: str | None) -> tuple[datetime, int] | None:
    """The `after` query parameter of the inbox and the alerts (the `cursor` of an earlier answer), None without
    one; anything else is answered 400 with a clear message (raised: aiohttp sends it as the answer)."""
    if after is None:
        return None
    try:
        return parse_cursor(after)
    except ValueError:
        raise web.HTTPBadRequest(text=json.dumps({"error": "after must be a cursor from an earlier answer"}),
                                 content_type="application/json") from None


def routes() -> list[web.RouteDef]:
    return [
        *simulator_page.routes(),
        web.post("/simulator/messages", post_message),
        web.get("/simulator/inbox", inbox),
    ]
