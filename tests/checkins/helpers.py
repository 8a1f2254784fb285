"""A population of registered laborers written straight into the tables (as the survey would leave them), and
what was queued for them: for tests of scheduled work at scale."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import insert, select

from bot import keys
from bot.delivery import OutboxWorker
from storage import repositories as repo
from storage.models import ChannelAccount, Conversation, InfoForm, OutboxMessage, Person, ScheduledFire

EMPLOYER = "宏达电子厂"
PLACE = "东莞"


async def add_people(
    app: Any, n: int, *, recorded_at: datetime, status: str = "employed", employer: str | None = EMPLOYER,
    place: str | None = PLACE, channels: Sequence[str] = ("wechat",), last_inbound_at: datetime | None = None,
    prefix: str = "o", home_division: str | None = None,
) -> list[int]:
    """`n` people who finished the survey at `recorded_at` with this status; WeChat openids `{prefix}{i}`,
    phones +86139{i:08d}. Returns their person ids."""
    cipher = app[keys.CIPHER]
    async with app[keys.SESSIONS]() as session, session.begin():
        # Ids from the table's own sequence (PostgreSQL's would not move for explicit ones: the next person
        # the service creates would collide with these).
        ids = list(await session.scalars(
            insert(Person).returning(Person.id, sort_by_parameter_order=True),
            [{"locale": "zh_CN", "created_at": recorded_at} for _ in range(n)]))
        accounts = []
        for pid in ids:
            for channel in channels:
                address = f"{prefix}{pid}" if channel == "wechat" else f"+86139{pid:08d}"
                accounts.append({"person_id": pid, "channel": channel,
                                 "address_hash": cipher.blind_index(channel, address),
                                 "address_enc": cipher.encrypt(address), "created_at": recorded_at,
                                 "last_inbound_at": last_inbound_at or recorded_at})
        await session.execute(insert(ChannelAccount), accounts)
        answers: dict[str, Any] = {"employment_status": status}
        if employer:
            answers["employer"] = employer
        if place:
            answers["work_place"] = place
        state = {"v": 1, "locale": "zh_CN", "flow": None, "awaiting": None, "menu_open": False,
                 "consent": {"given": True, "at": recorded_at.isoformat(), "version": "2026-11"},
                 "survey": {"answers": answers, "phase": "done"}}
        await session.execute(insert(Conversation), [
            {"person_id": pid, "state": repo.seal_state(json.loads(json.dumps(state)), cipher), "version": 1,
             "updated_at": recorded_at} for pid in ids])
        await session.execute(insert(InfoForm), [
            {"person_id": pid, "name": "王小明", "employment_status": status, "home_division": home_division,
             "data": {k: v for k, v in answers.items() if k != "employment_status"}, "status": "pending_review",
             "source": "wechat", "updated_at": recorded_at,
             "phone_enc": cipher.encrypt(f"+86139{pid:08d}"),
             "phone_hash": cipher.blind_index("phone", f"+86139{pid:08d}")}
            for pid in ids])
    return ids


async def pushes(app: Any, person_id: int | None = None) -> list[tuple[int, str, str | None, str]]:
    """(person, text, topic, channel) of every unsolicited outbox row, in order."""
    cipher = app[keys.CIPHER]
    stmt = select(OutboxMessage.person_id, OutboxMessage.body_enc, OutboxMessage.topic, OutboxMessage.channel).where(
        OutboxMessage.solicited.is_(False)).order_by(OutboxMessage.id)
    if person_id is not None:
        stmt = stmt.where(OutboxMessage.person_id == person_id)
    async with app[keys.SESSIONS]() as session:
        rows = await session.execute(stmt)
        return [(pid, cipher.decrypt(body), topic, channel) for pid, body, topic, channel in rows]


async def fires(app: Any, person_id: int | None = None) -> list[ScheduledFire]:
    stmt = select(ScheduledFire).order_by(ScheduledFire.id)
    if person_id is not None:
        stmt = stmt.where(ScheduledFire.person_id == person_id)
    async with app[keys.SESSIONS]() as session:
        return list(await session.scalars(stmt))


async def quiet_outbox(app: Any) -> OutboxWorker:
    """Stop the app's outbox worker: the tests read what was queued (or drive the worker by hand)."""
    worker = app[keys.OUTBOX]
    await worker.stop()
    return worker
