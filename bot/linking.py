"""One person across channels: a new SMS number that is already on record for someone who registered (a
WeChat registration's form, or a roster entry such a person claimed) is linked to that person once they
confirm the last four characters of their ID. A number only on the roster is not offered: the survey
matches the entry by name and ID number after consent.

The dialog side is dialogs/flows/link.py. Here: finding the candidates by the phone's blind index, the
`link.verify` effect (compare, count failures, lock after three), and the merge itself: the SMS account is
re-pointed to the existing person, whatever the SMS-side person accumulated (messages, outbox, events) is
moved over, and the SMS-side person is deleted. The existing person's conversation wins; the dispatcher
continues it (bot/dispatcher.py `_joined`).
"""

from __future__ import annotations

import hmac
import logging
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Table, delete, exists, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot import effects
from dialogs.commands import command_of
from dialogs.flows.link import MAX_FAILURES, VERIFY
from dialogs.types import DialogEvent, Inbound
from storage import repositories as repo
from storage.crypto import FieldCipher
from storage.models import Base, ChannelAccount, EventLog, InfoForm, Person, RosterEntry

log = logging.getLogger(__name__)

FAILED = "link_failed"
LOCKED = "link_locked"
LINKED = "linked"
# Rows that belong to the person and are handled by the merge itself, not moved generically.
_NOT_MOVED = frozenset({"person", "conversation", "channel_account"})


@dataclass(frozen=True, slots=True)
class Candidate:
    """Someone this phone number is on record for: a person (registered) and/or a roster entry."""

    person_id: int | None
    roster_id: int | None
    id_number_enc: str


async def candidates(
    session: AsyncSession, cipher: FieldCipher, phone: str, *, exclude: int, simulated: bool = False
) -> list[Candidate]:
    """Real people and roster entries for a real number; only other simulator users' forms for a simulator
    user's (the two namespaces never meet: dialogs/types.py Inbound.simulated)."""
    phone_hash = cipher.blind_index("phone", phone)
    found: list[Candidate] = []
    people: set[int] = set()
    forms = await session.execute(
        select(InfoForm.person_id, InfoForm.id_number_enc)
        .join(Person, Person.id == InfoForm.person_id)
        .where(
            InfoForm.phone_hash == phone_hash, InfoForm.id_number_enc.is_not(None), InfoForm.person_id != exclude,
            Person.simulated.is_(simulated),
        ).order_by(InfoForm.id)
    )
    for person_id, id_enc in forms:
        if id_enc is not None:
            found.append(Candidate(person_id, None, id_enc))
            people.add(person_id)
    if simulated:
        return found
    roster = await session.execute(
        select(RosterEntry.id, RosterEntry.person_id, RosterEntry.id_number_enc)
        .where(RosterEntry.phone_hash == phone_hash).order_by(RosterEntry.id)
    )
    for roster_id, person_id, id_enc in roster:
        if person_id == exclude or person_id in people:
            continue  # already this person, or already a candidate through their form
        found.append(Candidate(person_id, roster_id, id_enc))
        if person_id is not None:
            people.add(person_id)
    return found


async def offer(
    session: AsyncSession, cipher: FieldCipher, account: repo.AccountRef, inbound: Inbound,
    now: datetime | None = None,
) -> Mapping[str, Any] | None:
    """For the first message from a new SMS address: the payload of `link.offer` when its phone is known.

    A first message that is a command (退订, 人工, …) is obeyed instead: linking can wait, a stop cannot.
    """
    if inbound.channel != "sms" or inbound.kind != "text" or command_of(inbound.text) is not None:
        return None
    found = await candidates(session, cipher, inbound.address, exclude=account.person_id,
                             simulated=inbound.simulated)
    # Only someone who registered (and so consented) is asked to confirm before anything else. A number that
    # is only on the roster gets the privacy notice first; after consent the survey's name-and-ID match
    # (survey.roster_lookup) attaches the entry: no roster data is used before the person agreed.
    registered = [c for c in found if c.person_id is not None]
    if not registered:
        return None
    if len(registered) == 1 and registered[0].person_id is not None:
        # Their caseworker wrote to them on WeChat and they answer by SMS from the phone on their form: the words go
        # to the caseworker (bot/casework/replies.py), as on WeChat. (A phone on several forms: nobody can tell whose.)
        from bot.casework.replies import reply_by_phone  # (casework's effects import this module's)

        to = await reply_by_phone(session, cipher, person_id=registered[0].person_id, text=inbound.text,
                                  now=now or inbound.at or inbound.received_at)
        if to is not None:
            return {"candidates": 1, "passed_on": to}
    return {"candidates": len(registered)}


async def _failures(session: AsyncSession, person_id: int) -> int:
    count = await session.scalar(
        select(func.count()).select_from(EventLog).where(EventLog.person_id == person_id, EventLog.kind == FAILED)
    )
    return int(count or 0)


@effects.handles(VERIFY)
async def verify(ctx: effects.EffectContext, event: DialogEvent) -> Mapping[str, Any]:
    """Compare the last four characters with the ID on record; link on a match, lock after three misses."""
    session = ctx.session
    # The merge reads the people's rows: updates buffered by earlier events of this unit of work go first.
    await ctx.updates.flush(session)
    failures = await _failures(session, ctx.person_id)
    if failures >= MAX_FAILURES:
        return {"outcome": "locked"}
    account = await session.get(ChannelAccount, ctx.account_id)
    if account is None or account.channel != "sms":
        return {"outcome": "unavailable"}
    phone = ctx.cipher.decrypt(account.address_enc)
    found = await candidates(session, ctx.cipher, phone, exclude=ctx.person_id, simulated=ctx.simulated)
    if not found:
        return {"outcome": "unavailable"}
    given = str(event.data.get("last4", "")).upper().encode()
    # Every candidate is compared (a family may share one phone), each in constant time.
    matching = [c for c in found
                if hmac.compare_digest(ctx.cipher.decrypt(c.id_number_enc)[-4:].upper().encode(), given)]
    if not matching:
        failures += 1
        session.add(EventLog(person_id=ctx.person_id, kind=FAILED, channel=ctx.channel, data={},
                             created_at=ctx.now))
        if failures >= MAX_FAILURES:
            session.add(EventLog(person_id=ctx.person_id, kind=LOCKED, channel=ctx.channel, data={},
                                 created_at=ctx.now))
            log.warning("linking locked for sms account %d after %d failed confirmations", account.id, failures)
            return {"outcome": "locked"}
        log.info("link confirmation failed for sms account %d (%d of %d)", account.id, failures, MAX_FAILURES)
        return {"outcome": "wrong", "left": MAX_FAILURES - failures}
    if len({(c.person_id, c.roster_id) for c in matching}) > 1:
        log.warning("link for sms account %d is ambiguous (%d records match); not linked", account.id,
                    len(matching))
        return {"outcome": "unavailable"}
    chosen = matching[0]
    if chosen.person_id is None:
        # On the roster but never registered: the roster entry becomes this person's, unless someone
        # claimed it since the candidates were read (conditional update: no lost claim between processes).
        claimed = await session.execute(
            update(RosterEntry)
            .where(RosterEntry.id == chosen.roster_id, RosterEntry.person_id.is_(None))
            .values(person_id=ctx.person_id)
        )
        if claimed.rowcount != 1:  # type: ignore[attr-defined]
            log.warning("sms account %d: roster entry %s was claimed meanwhile; not linked", account.id,
                        chosen.roster_id)
            return {"outcome": "unavailable"}
        log.info("sms account %d linked to roster entry %s", account.id, chosen.roster_id)
        return {"outcome": "roster"}
    ctx.may_lock(chosen.person_id)  # the merge locks that person's conversation
    await merge(session, account, from_person=ctx.person_id, into_person=chosen.person_id)
    ctx.moved_accounts[account.id] = chosen.person_id  # the dispatcher continues with that person
    session.add(EventLog(person_id=chosen.person_id, kind=LINKED, channel=ctx.channel, data={"channel": "sms"},
                         created_at=ctx.now))
    log.info("sms account %d linked to person %d", account.id, chosen.person_id)
    return {"outcome": "linked"}


async def merge(session: AsyncSession, account: ChannelAccount, *, from_person: int, into_person: int) -> None:
    """Move the account and everything the `from_person` has to `into_person`, then delete `from_person`."""
    # Serialise with the existing person's own messages (PostgreSQL row lock; SQLite is one writer).
    await repo.lock_conversations(session, [into_person])
    simulated = set(await session.scalars(select(Person.simulated).where(Person.id.in_([from_person, into_person]))))
    if len(simulated) > 1:
        # `candidates` never offers this: a simulator user and a real person are never one record.
        raise ValueError("a simulated and a real person cannot be merged")
    account.person_id = into_person
    await session.flush()
    for table in _person_tables():
        column = table.c.person_id
        stmt = update(table).where(column == from_person).values(person_id=into_person)
        if column.unique:
            # One row per person (the form): the existing person's row wins, the other goes with its person.
            stmt = stmt.where(~exists().where(column == into_person))
        await session.execute(stmt)
    source = await session.get(Person, from_person)
    target = await session.get(Person, into_person)
    if source is not None and target is not None and source.opted_out_at and not target.opted_out_at:
        # A 退订 sent before confirming still counts.
        target.opted_out_at, target.opted_out_channel = source.opted_out_at, source.opted_out_channel
    await session.execute(delete(Person).where(Person.id == from_person))


def _person_tables() -> list[Table]:
    tables = []
    for table in Base.metadata.sorted_tables:
        if table.name in _NOT_MOVED or "person_id" not in table.c:
            continue
        if any(fk.column.table.name == "person" for fk in table.c.person_id.foreign_keys):
            tables.append(table)
    return tables
