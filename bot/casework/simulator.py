"""`GET /simulator/alerts`: the alerts the service would have sent caseworkers about simulator users (they never
leave the process: bot/casework/worker.py settles them here), oldest first, for playing a journey end to end.

Without `after`: the last 50, whatever their status. With `after` (the `cursor` of an earlier answer), like the
inbox: what was settled as sent since, in the order settled. An alert still queued in one answer therefore
comes again, sent, in a later one (the page shows it once, by `id`, with its new status).
"""

from __future__ import annotations

import json

from aiohttp import web
from sqlalchemy import and_, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot import keys
from bot.channels.simulator import _cross_site, after_cursor, cursor_of
from storage.crypto import FieldCipher
from storage.models import Alert, Caseworker, ChannelAccount, Person

SHOWN = 50
_COLUMNS = (Alert.id, Alert.kind, Alert.body_enc, Alert.created_at, Alert.status, Alert.sent_at, Alert.person_id,
            Caseworker.name)


async def alerts(request: web.Request) -> web.Response:
    if (refused := _cross_site(request)) is not None:
        return refused
    after = request.query.get("after")
    since = after_cursor(after)
    cipher = request.app[keys.CIPHER]
    query = (
        select(*_COLUMNS)
        .join(Person, Person.id == Alert.person_id)
        .join(Caseworker, Caseworker.id == Alert.caseworker_id)
        .where(Person.simulated.is_(True))
    )
    async with request.app[keys.SESSIONS]() as session:
        if since is None:
            rows = list(reversed(list(await session.execute(query.order_by(Alert.id.desc()).limit(SHOWN)))))
        else:
            sent_at, row_id = since
            # By settling, not by id: an alert queued before others but settled after them is not skipped.
            rows = list(await session.execute(
                query.where(Alert.status == "sent", Alert.sent_at.is_not(None),
                            or_(Alert.sent_at > sent_at, and_(Alert.sent_at == sent_at, Alert.id > row_id)))
                .order_by(Alert.sent_at, Alert.id).limit(SHOWN)
            ))
        users = await _users(session, cipher, {row.person_id for row in rows})
    settled = [(row.sent_at, row.id) for row in rows if row.status == "sent" and row.sent_at is not None]
    shown = [
        {"id": row.id, "kind": row.kind, "text": cipher.decrypt(row.body_enc), "at": row.created_at.isoformat(),
         "status": row.status, "caseworker": row.name, "user": users.get(row.person_id)}
        for row in rows
    ]
    cursor = cursor_of(*max(settled)) if settled else after
    return web.json_response({"alerts": shown, "cursor": cursor}, dumps=lambda o: json.dumps(o, ensure_ascii=False))


async def _users(session: AsyncSession, cipher: FieldCipher, people: set[int]) -> dict[int, str]:
    """Each simulated person's simulator user name, as typed on the page (their first account; a phone on sms
    without +86). Only simulator people are asked about, so this is never a real person's address."""
    if not people:
        return {}
    accounts = await session.execute(
        select(ChannelAccount.person_id, ChannelAccount.channel, ChannelAccount.address_enc)
        .where(ChannelAccount.person_id.in_(people)).order_by(ChannelAccount.id)
    )
    users: dict[int, str] = {}
    for person_id, channel, address_enc in accounts:
        address = cipher.decrypt(address_enc)
        users.setdefault(person_id, address.removeprefix("+86") if channel == "sms" else address)
    return users


def routes() -> list[web.RouteDef]:
    return [web.get("/simulator/alerts", alerts)]
