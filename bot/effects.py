"""What the dispatcher does with the events dialogs emit, inside the same unit of work as the state change.

Handlers are registered per event kind. A handler may return a payload: the dispatcher then feeds it back
to the same person's dialog at once as a synthetic event `<kind>.result` (look-ups a pure dialog cannot
make itself, such as matching the roster).
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable, Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, cast

from sqlalchemy import Table, bindparam
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.dml import Update

from dialogs.flows.survey.record import form_record, record_value
from dialogs.types import DialogEvent
from scheduler.fires import FireWrites
from scheduler.planning import Planner
from storage import hot_path, info_forms
from storage.crypto import FieldCipher
from storage.db import CLOCK_NOW
from storage.models import ChannelAccount, Person

if TYPE_CHECKING:
    from bot.job_board import JobBoard

_PERSON = cast(Table, Person.__table__)
_ACCOUNT = cast(Table, ChannelAccount.__table__)


def _column_update(table: Table, *columns: str) -> Update:
    """`UPDATE table SET columns WHERE id = :row_id`, built once: executed with many rows at a time."""
    return table.update().where(table.c.id == bindparam("row_id")).values({c: bindparam(f"v_{c}") for c in columns})


_SET_OPT_OUT = _column_update(_PERSON, "opted_out_at", "opted_out_channel")
_SET_CONSENT = _column_update(_PERSON, "consent_version", "consent_at", "consent_refused_at")
_SET_LOCALE = _column_update(_PERSON, "locale")
_SET_UNSUBSCRIBED = _column_update(_ACCOUNT, "unsubscribed_at")


@dataclass(slots=True)
class RowUpdates:
    """Column updates of person and channel_account rows made by the events of one unit of work.

    They are applied together, one executemany per kind of update, before the unit of work commits (or
    earlier, when a handler must read those rows: `flush`). The kinds set disjoint columns, and the rows of
    one kind keep their order, so the last update of a row wins as if each had been run at once.
    """

    pending: dict[Update, list[dict[str, Any]]] = field(default_factory=dict)

    def add(self, statement: Update, row_id: int, **values: Any) -> None:
        self.pending.setdefault(statement, []).append({"row_id": row_id} | {f"v_{k}": v for k, v in values.items()})

    async def flush(self, session: AsyncSession) -> None:
        pending, self.pending = self.pending, {}
        if pending:
            rows = await hot_path.rows_for(session)
            for statement, values in pending.items():
                await rows.update(statement, values)


class LockOutOfOrder(RuntimeError):
    """An effect must lock a person's conversation that sorts before those the unit of work already locked:
    taking it now could deadlock with a transaction that locks in order (PostgreSQL). The unit of work is
    rolled back and runs again with that person locked up front, with the others (bot/dispatcher.py)."""

    def __init__(self, person_id: int) -> None:
        super().__init__(f"person {person_id} would be locked out of order")
        self.person_id = person_id


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
    # Person and account column updates of the whole unit of work (a handler that reads those rows flushes).
    updates: RowUpdates = field(default_factory=RowUpdates)
    # form_change rows of the whole unit of work, inserted with the event log.
    form_changes: list[dict[str, Any]] = field(default_factory=list)
    # Accounts that linking moved to another person in this unit of work: account id -> person id.
    moved_accounts: dict[int, int] = field(default_factory=dict)
    # The people whose conversations the unit of work holds locked.
    locked: AbstractSet[int] = frozenset()
    # The caseworker writing, when the message came from a caseworker's own address (bot/casework/chat.py).
    caseworker_id: int | None = None
    # Fire-table changes of the whole unit of work (scheduler/fires.py), and the deployment's planner.
    fires: FireWrites = field(default_factory=FireWrites)
    planner: Planner | None = None
    # The synthetic inbound's data (scheduled work: which fire), and the clock's time (`now` is dialog time).
    payload: Mapping[str, Any] = field(default_factory=dict)
    clock_now: datetime | None = None
    # The programme's date (in its time zone), which expiry dates are compared with.
    local_today: date | None = None
    # The live vacancies and trainings in memory (bot/job_board.py); None outside the app.
    board: JobBoard | None = None

    @property
    def clock(self) -> datetime:
        """The clock's time (fire-table bookkeeping), else the dialog's: `now` may be a played time."""
        return self.clock_now or self.now

    @property
    def today(self) -> date:
        return self.local_today or self.now.date()
    # A simulator user (dialogs/types.py Inbound.simulated): effects never reach real people's records.
    simulated: bool = False
    # Keys to set in other people's conversations when the unit of work writes its states (a caseworker's message
    # marks its person's: bot/casework/replies.py): person id -> {key: value}, one key each for now.
    marks: dict[int, dict[str, Any]] = field(default_factory=dict)

    def may_lock(self, person_id: int) -> None:
        """Before locking another person's conversation: every transaction locks in ascending person id
        (what keeps two processes from waiting on each other), so one that sorts first restarts the unit."""
        if person_id not in self.locked and person_id < max(self.locked, default=0):
            raise LockOutOfOrder(person_id)


Handler = Callable[[EffectContext, DialogEvent], Awaitable[Mapping[str, Any] | None]]
# Several features may act on one event (a submitted form is stored, its check-ins planned, its rights answers
# opened as cases): all handlers of a kind run, in the order they were registered; the first payload returned
# goes back to the dialog.
_HANDLERS: dict[str, list[Handler]] = {}
# Event data that is safe to keep in the event log (never ID numbers, phones or free text).
_LOGGABLE = frozenset({"channel", "version", "locale", "field", "flow", "reason", "application_id", "item", "ref",
                       "kind", "answer", "issue", "outcome", "due_date", "work"})
# Lists of codes that are safe too: a rights report's every issue (only the first, `issue`, was kept since 0017 made
# a case list several). Each must look like a code (wage_arrears), never words.
_LOGGABLE_LISTS = frozenset({"issues"})
_CODE = re.compile(r"^[a-z_]{1,32}$")
# Keys that are codes for most events but words for some: a caseworker command's `reason` is what they typed after
# it (结案 C3 王小红去浙江了, 联系 C3 换号了 138…), which the event log kept in plain text.
_WORDS = {"caseworker.command": frozenset({"reason"})}


def _loggable(key: str, value: Any) -> bool:
    if key in _LOGGABLE_LISTS:
        return isinstance(value, list | tuple) and all(isinstance(v, str) and _CODE.match(v) for v in value)
    return key in _LOGGABLE and isinstance(value, str | int | bool)


def handles(*kinds: str) -> Callable[[Handler], Handler]:
    def register(fn: Handler) -> Handler:
        for kind in kinds:
            _HANDLERS.setdefault(kind, []).append(fn)
        return fn

    return register


async def apply(ctx: EffectContext, event: DialogEvent) -> Mapping[str, Any] | None:
    """Record the event and run its handler."""
    if ctx.clock_now is not None:
        ctx.session.info[CLOCK_NOW] = ctx.clock_now
    ctx.event_log.append(
        {
            "person_id": ctx.person_id,
            "kind": event.kind,
            "channel": ctx.channel,
            "data": {k: list(v) if k in _LOGGABLE_LISTS else v for k, v in event.data.items()
                     if _loggable(k, v) and k not in _WORDS.get(event.kind, ())},
            "created_at": ctx.now,
        }
    )
    result: Mapping[str, Any] | None = None
    for handler in _HANDLERS.get(event.kind, ()):
        payload = await handler(ctx, event)
        result = payload if result is None else result
    return result


@handles("opted_out")
async def _opted_out(ctx: EffectContext, event: DialogEvent) -> None:
    ctx.updates.add(_SET_OPT_OUT, ctx.person_id, opted_out_at=ctx.now, opted_out_channel=ctx.channel)


@handles("opted_in")
async def _opted_in(ctx: EffectContext, event: DialogEvent) -> None:
    ctx.updates.add(_SET_OPT_OUT, ctx.person_id, opted_out_at=None, opted_out_channel=None)


@handles("unsubscribed")
async def _unsubscribed(ctx: EffectContext, event: DialogEvent) -> None:
    ctx.updates.add(_SET_UNSUBSCRIBED, ctx.account_id, unsubscribed_at=ctx.now)


@handles("subscribed")
async def _subscribed(ctx: EffectContext, event: DialogEvent) -> None:
    ctx.updates.add(_SET_UNSUBSCRIBED, ctx.account_id, unsubscribed_at=None)


@handles("locale_changed")
async def _locale_changed(ctx: EffectContext, event: DialogEvent) -> None:
    ctx.updates.add(_SET_LOCALE, ctx.person_id, locale=event.data["locale"])


@handles("consent_given", "consent_refused")
async def _consent(ctx: EffectContext, event: DialogEvent) -> None:
    given = event.kind == "consent_given"
    ctx.updates.add(
        _SET_CONSENT,
        ctx.person_id,
        consent_version=event.data.get("version"),
        consent_at=ctx.now if given else None,
        consent_refused_at=None if given else ctx.now,
    )


# -- the employment information survey ----------------------------------------------------------------


@handles("field_changed")
async def _field_changed(ctx: EffectContext, event: DialogEvent) -> None:
    field = str(event.data["field"])
    ctx.form_changes.append(
        info_forms.change_row(
            ctx.cipher,
            person_id=ctx.person_id,
            field=field,
            old=record_value(field, event.data.get("old")),
            new=record_value(field, event.data.get("new")),
            changed_at=ctx.now,
            channel=str(event.data.get("channel") or ctx.channel),
            actor=str(event.data.get("actor") or "laborer"),
        )
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
    if ctx.simulated:
        # The roster holds real people: a simulator user is never matched with (nor flagged against) one.
        return {"status": "none"}
    match = await info_forms.match_roster(
        ctx.session,
        ctx.cipher,
        person_id=ctx.person_id,
        name=str(event.data["name"]),
        id_number=str(event.data["id_number"]),
        now=ctx.now,
    )
    return match.as_payload(ctx.cipher)


# Features keep their handlers in modules of their own; importing them registers them.
from bot import job_effects, policy_effects, push_effects  # noqa: E402, F401
