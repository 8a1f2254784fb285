"""What the dispatcher does with the events dialogs emit, inside the same unit of work as the state change.

Handlers are registered per event kind. A handler may return a payload: the dispatcher then feeds it back
to the same person's dialog at once as a synthetic event `<kind>.result` (look-ups a pure dialog cannot
make itself, such as matching the roster).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from dialogs.types import DialogEvent
from storage.crypto import FieldCipher
from storage.models import ChannelAccount, EventLog, Person


@dataclass(frozen=True, slots=True)
class EffectContext:
    session: AsyncSession
    cipher: FieldCipher
    person_id: int
    account_id: int
    channel: str
    now: datetime


Handler = Callable[[EffectContext, DialogEvent], Awaitable[Mapping[str, Any] | None]]
_HANDLERS: dict[str, Handler] = {}
# Event data that is safe to keep in the event log (never ID numbers, phones or free text).
_LOGGABLE = frozenset({"channel", "version", "locale", "field", "flow", "reason"})


def handles(*kinds: str) -> Callable[[Handler], Handler]:
    def register(fn: Handler) -> Handler:
        for kind in kinds:
            _HANDLERS[kind] = fn
        return fn

    return register


async def apply(ctx: EffectContext, event: DialogEvent) -> Mapping[str, Any] | None:
    """Record the event and run its handler."""
    ctx.session.add(
        EventLog(
            person_id=ctx.person_id,
            kind=event.kind,
            channel=ctx.channel,
            data={k: v for k, v in event.data.items() if k in _LOGGABLE and isinstance(v, str | int | bool)},
            created_at=ctx.now,
        )
    )
    handler = _HANDLERS.get(event.kind)
    return await handler(ctx, event) if handler else None


@handles("opted_out")
async def _opted_out(ctx: EffectContext, event: DialogEvent) -> None:
    await ctx.session.execute(
        update(Person).where(Person.id == ctx.person_id).values(opted_out_at=ctx.now, opted_out_channel=ctx.channel)
    )


@handles("opted_in")
async def _opted_in(ctx: EffectContext, event: DialogEvent) -> None:
    await ctx.session.execute(
        update(Person).where(Person.id == ctx.person_id).values(opted_out_at=None, opted_out_channel=None)
    )


@handles("unsubscribed")
async def _unsubscribed(ctx: EffectContext, event: DialogEvent) -> None:
    await ctx.session.execute(
        update(ChannelAccount).where(ChannelAccount.id == ctx.account_id).values(unsubscribed_at=ctx.now)
    )


@handles("subscribed")
async def _subscribed(ctx: EffectContext, event: DialogEvent) -> None:
    await ctx.session.execute(
        update(ChannelAccount).where(ChannelAccount.id == ctx.account_id).values(unsubscribed_at=None)
    )


@handles("locale_changed")
async def _locale_changed(ctx: EffectContext, event: DialogEvent) -> None:
    await ctx.session.execute(update(Person).where(Person.id == ctx.person_id).values(locale=event.data["locale"]))


@handles("consent_given", "consent_refused")
async def _consent(ctx: EffectContext, event: DialogEvent) -> None:
    values: dict[str, Any] = {"consent_version": event.data.get("version")}
    if event.kind == "consent_given":
        values |= {"consent_at": ctx.now, "consent_refused_at": None}
    else:
        values |= {"consent_at": None, "consent_refused_at": ctx.now}
    await ctx.session.execute(update(Person).where(Person.id == ctx.person_id).values(**values))
