"""The local chat simulator: a page and a JSON endpoint that go through the same dispatcher as real channels."""

from __future__ import annotations

import json
import logging
import uuid
from datetime import datetime
from importlib import resources

from aiohttp import web

from bot import keys
from bot.channels.sms import normalise_phone
from bot.dispatcher import DispatchUnavailable
from bot.wechat_menu import known_keys
from dialogs.types import Inbound

log = logging.getLogger(__name__)
_EVENTS = frozenset({"subscribe", "unsubscribe", "click"})


def _bad(message: str) -> web.Response:
    return web.json_response({"error": message}, status=400)


async def page(request: web.Request) -> web.Response:
    html = resources.files("bot").joinpath("static/simulator.html").read_text(encoding="utf-8")
    # The menu's CLICK keys the service acts on, one button each (JSON inside a <script> element).
    keys_json = json.dumps(sorted(known_keys())).replace("<", "\\u003c")
    return web.Response(text=html.replace("__MENU_KEYS__", keys_json), content_type="text/html")


async def post_message(request: web.Request) -> web.Response:
    try:
        data = json.loads(await request.read())
    except web.HTTPRequestEntityTooLarge:
        return web.json_response({"error": "body too large"}, status=413)
    except (ValueError, UnicodeDecodeError):
        return _bad("body must be JSON")
    if not isinstance(data, dict):
        return _bad("body must be a JSON object")
    user, channel = data.get("user"), data.get("channel", "wechat")
    text, event = data.get("text"), data.get("event")
    if not isinstance(user, str) or not user.strip() or len(user) > 64:
        return _bad("user must be a non-empty string of at most 64 characters")
    if channel not in ("wechat", "sms"):
        return _bad('channel must be "wechat" or "sms"')
    if (text is None) == (event is None):
        return _bad('give either "text" or "event"')
    if text is not None and (not isinstance(text, str) or len(text) > 2000):
        return _bad("text must be a string of at most 2000 characters")
    if event is not None and event not in _EVENTS:
        return _bad(f"event must be one of {sorted(_EVENTS)}")
    event_key = data.get("event_key")
    if event_key is not None and not isinstance(event_key, str):
        return _bad("event_key must be a string")
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
    address = user.strip()
    if channel == "sms":
        # As the Kannel channel does: 139 0000 0001, 13900000001 and +8613900000001 are one phone.
        address = normalise_phone(address) or address
    inbound = Inbound(
        channel=channel,
        address=address,
        kind="event" if event else "text",
        dedup_key=f"sim:{uuid.uuid4().hex}",
        received_at=at or request.app[keys.CLOCK].now(),
        text=text or "",
        event=event,
        event_key=event_key,
        transport="simulator",
        at=at,
    )
    try:
        outcome = await request.app[keys.DISPATCHER].submit(inbound)
    except DispatchUnavailable:
        return web.json_response({"error": "database unavailable, try again"}, status=503)
    return web.json_response(
        {"replies": list(outcome.replies), "awaiting": outcome.awaiting},
        dumps=lambda o: json.dumps(o, ensure_ascii=False),
    )


def routes() -> list[web.RouteDef]:
    return [web.get("/simulator", page), web.post("/simulator/messages", post_message)]
