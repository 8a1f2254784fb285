"""`GET /simulator/alerts`: the alerts the service would have sent caseworkers about simulator users (they never
leave the process: bot/casework/worker.py settles them here), newest last, for playing a journey end to end."""

from __future__ import annotations

import json

from aiohttp import web
from sqlalchemy import select

from bot import keys
from bot.channels.simulator import _cross_site
from storage.models import Alert, Caseworker, Person

SHOWN = 50


async def alerts(request: web.Request) -> web.Response:
    if (refused := _cross_site(request)) is not None:
        return refused
    cipher = request.app[keys.CIPHER]
    async with request.app[keys.SESSIONS]() as session:
        rows = list(await session.execute(
            select(Alert.kind, Alert.body_enc, Alert.created_at, Alert.status, Caseworker.name)
            .join(Person, Person.id == Alert.person_id)
            .join(Caseworker, Caseworker.id == Alert.caseworker_id)
            .where(Person.simulated.is_(True))
            .order_by(Alert.id.desc())
            .limit(SHOWN)
        ))
    shown = [
        {"kind": kind, "text": cipher.decrypt(body), "at": at.isoformat(), "status": status, "caseworker": name}
        for kind, body, at, status, name in reversed(rows)
    ]
    return web.json_response({"alerts": shown}, dumps=lambda o: json.dumps(o, ensure_ascii=False))


def routes() -> list[web.RouteDef]:
    return [web.get("/simulator/alerts", alerts)]
