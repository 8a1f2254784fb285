"""Helpers for tests that play real WeChat and SMS people by talking to the dispatcher directly.

They use the real channels' transports (a simulator user is a namespace of its own and would never meet
the roster or a real person's form): WeChat replies come back in the outcome as in the HTTP response, SMS
replies are what the dispatcher queued for Kannel, read back from the outbox.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any, Literal

from sqlalchemy import select

from bot import keys
from dialogs.types import Inbound
from storage.info_forms import upsert_info_form
from storage.models import InboundMessage, OutboxMessage


@dataclass(frozen=True)
class Said:
    """What the person got back: the dispatcher's outcome, with an SMS person's queued replies as `replies`."""

    person_id: int
    replies: tuple[str, ...]
    awaiting: str | None


async def say(
    app: Any, channel: Literal["wechat", "sms"], address: str, text: str = "", event: str | None = None
) -> Said:
    """One message (or event) from `address`, once it committed."""
    dedup_key = uuid.uuid4().hex
    outcome = await app[keys.DISPATCHER].submit(Inbound(
        channel=channel, address=address, kind="event" if event else "text", dedup_key=dedup_key,
        received_at=app[keys.CLOCK].now(), text=text, event=event,
        transport="wechat" if channel == "wechat" else "kannel",
    ))
    replies = tuple(outcome.replies)
    if channel == "sms":
        async with app[keys.SESSIONS]() as session:
            bodies = await session.scalars(
                select(OutboxMessage.body_enc).join(InboundMessage, InboundMessage.id == OutboxMessage.inbound_id)
                .where(InboundMessage.channel == "sms", InboundMessage.dedup_key == dedup_key)
                .order_by(OutboxMessage.id)
            )
            replies = tuple(app[keys.CIPHER].decrypt(body) for body in bodies)
    return Said(int(outcome.person_id), replies, outcome.awaiting)


async def registered_on_wechat(app: Any, openid: str, phone: str, id_number: str) -> int:
    """Someone who began the survey on WeChat and whose form already holds this phone and ID number."""
    await say(app, "wechat", openid, event="subscribe")
    await say(app, "wechat", openid, "1")
    outcome = await say(app, "wechat", openid, "王小明")
    now = app[keys.CLOCK].now()
    async with app[keys.SESSIONS]() as session, session.begin():
        await upsert_info_form(
            session, app[keys.CIPHER], person_id=outcome.person_id,
            record={"name": "王小明", "id_number": id_number, "phone": phone}, source="wechat",
            consent_at=now, consent_version="2026-11", now=now, status="draft",
        )
    return outcome.person_id
