"""Helpers for tests that talk to the dispatcher directly, as the simulator's transport does."""

from __future__ import annotations

import uuid
from typing import Any, Literal

from bot import keys
from dialogs.types import Inbound
from storage.info_forms import upsert_info_form


async def say(
    app: Any, channel: Literal["wechat", "sms"], address: str, text: str = "", event: str | None = None
) -> Any:
    """One message (or event) from `address`; the dispatcher's Outcome once it committed."""
    return await app[keys.DISPATCHER].submit(Inbound(
        channel=channel, address=address, kind="event" if event else "text", dedup_key=uuid.uuid4().hex,
        received_at=app[keys.CLOCK].now(), text=text, event=event, transport="simulator",
    ))


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
    return int(outcome.person_id)
