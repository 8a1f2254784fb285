"""What the dispatcher does with the events dialogs emit, inside the same unit of work as the state change.

Handlers are registered per event kind. A handler may return a payload: the dispatcher then feeds it back
to the same person's dialog at once as a synthetic event `<kind>.result` (look-ups a pure dialog cannot
make itself, such as matching the roster).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Table, update
from sqlalchemy.ext.asyncio import AsyncSession

from dialogs.flows.survey.record import form_record, record_value
from dialogs.types import DialogEvent
from storage import info_forms
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
    # Event-log rows of the whole unit of work, written in one statement before it commits.
    event_log: list[dict[str, Any]] = field(default_factory=list)


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
    ctx.event_log.append(
        {
            "person_id": ctx.person_id,
            "kind": event.kind,
            "channel": ctx.channel,
            "data": {k: v for k, v in event.data.items() if k in _LOGGABLE and isinstance(v, str | int | bool)},
            "created_at": ctx.now,
        }
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


# -- the employment information survey ----------------------------------------------------------------


@handles("field_changed")
async def _field_changed(ctx: EffectContext, event: DialogEvent) -> None:
    field = str(event.data["field"])
    info_forms.record_change(
        ctx.session,
        ctx.cipher,
        person_id=ctx.person_id,
        field=field,
        old=record_value(field, event.data.get("old")),
        new=record_value(field, event.data.get("new")),
        changed_at=ctx.now,
        channel=str(event.data.get("channel") or ctx.channel),
        actor=str(event.data.get("actor") or "laborer"),
    )


@handles("form_submitted")
async def _form_submitted(ctx: EffectContext, event: DialogEvent) -> None:
    consent_at = event.data.get("consent_at")
    await info_forms.upsert_info_form(
        ctx.session,
        ctx.cipher,
        person_id=ctx.person_id,
        record=form_record(event.data["answers"]),
        source=str(event.data.get("channel") or ctx.channel),
        consent_at=datetime.fromisoformat(consent_at) if isinstance(consent_at, str) else None,
        consent_version=event.data.get("consent_version"),
        now=ctx.now,
    )


@handles("survey.roster_lookup")
async def _roster_lookup(ctx: EffectContext, event: DialogEvent) -> Mapping[str, Any]:
    match = await info_forms.match_roster(
        ctx.session,
        ctx.cipher,
        person_id=ctx.person_id,
        name=str(event.data["name"]),
        id_number=str(event.data["id_number"]),
        now=ctx.now,
    )
    return match.as_payload(ctx.cipher)


async def write_event_log(session: AsyncSession, rows: list[dict[str, Any]]) -> None:
    """One insert for every event of a unit of work (Core: no ORM objects on the hot path)."""
    if rows:
        await session.execute(cast(Table, EventLog.__table__).insert(), rows)
