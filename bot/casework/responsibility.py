"""Who is responsible for a laborer: the caseworker the roster names, else the one covering the most specific
division that contains the laborer's home division (the nearest supervisor above when no caseworker covers
it), else the fallback administrator. Never nobody: before anyone is imported, a stand-in `unassigned` owner
holds the work until `jiuye caseworkers import` hands it on.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import and_, bindparam, case, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from dialogs.nlu import parse_phone
from dialogs.types import told_so_far
from storage import hot_path
from storage.crypto import FieldCipher
from storage.models import Caseworker, CaseworkerDivision, ChannelAccount, InfoForm, Person, RosterEntry
from storage.repositories import open_state

UNASSIGNED = "unassigned"
# Division codes are hierarchical: province 2 digits, prefecture 4, county 6, township 9, village 12.
_LEVELS = (2, 4, 6, 9, 12)


def ancestors(division: str) -> list[str]:
    """The division's own code and those of every division containing it, most specific first."""
    codes = [division[:n] for n in _LEVELS if n < len(division)]
    return [division, *reversed(codes)]


@dataclass(frozen=True, slots=True)
class PersonFacts:
    """What casework needs to know about a laborer, read in one statement: from their form, else their
    roster entry (and the phone they text from); the caseworker the roster names, if any."""

    name: str | None
    phone_enc: str | None
    division: str | None
    named_caseworker: int | None
    # Found only by the phone they text from, on a roster entry nobody has claimed yet (roster_by_phone).
    by_roster_phone: bool = False
    # Where else they are known to be while where they live is not known: where they work (the form's, or the
    # survey's answer so far). Routing only: the case's home division stays unknown.
    elsewhere: str | None = None


_NAMED = aliased(Caseworker)
_FACTS = (
    select(InfoForm.name, InfoForm.phone_enc, InfoForm.home_division, RosterEntry.name, RosterEntry.phone_enc,
           RosterEntry.home_division, _NAMED.id, ChannelAccount.address_enc)
    .select_from(Person)
    .outerjoin(InfoForm, InfoForm.person_id == Person.id)
    .outerjoin(RosterEntry, RosterEntry.person_id == Person.id)
    .outerjoin(_NAMED, and_(_NAMED.phone_hash == RosterEntry.caseworker_phone_hash, _NAMED.active.is_(True)))
    .outerjoin(ChannelAccount, and_(ChannelAccount.person_id == Person.id, ChannelAccount.channel == "sms"))
    .where(Person.id == bindparam("person_id"))
    .order_by(RosterEntry.id, ChannelAccount.id)
    .limit(1)
)


async def person_facts(session: AsyncSession, person_id: int) -> PersonFacts:
    rows = await hot_path.fetch(session, _FACTS, person_id=person_id)
    if not rows:
        return PersonFacts(None, None, None, None)
    row = rows[0]
    name, phone, division, roster_name, roster_phone, roster_division, named, sms = row
    division = division or roster_division
    elsewhere = None if division else _code(await _form_data(session, person_id), "work_division")
    return PersonFacts(name or roster_name, phone or roster_phone or sms, division, named, elsewhere=elsewhere)


_FORM_DATA = select(InfoForm.data).where(InfoForm.person_id == bindparam("person_id"))


async def _form_data(session: AsyncSession, person_id: int) -> Mapping[str, Any] | None:
    """The form's other answers (on the unit of work's direct statements, as the facts are read)."""
    rows = await hot_path.fetch(session, _FORM_DATA, person_id=person_id)
    value = rows[0][0] if rows else None
    if isinstance(value, str):
        value = json.loads(value)  # the direct statement gives the JSON as written
    return value if isinstance(value, Mapping) else None


def _code(record: Mapping[str, Any] | None, key: str) -> str | None:
    """A division code kept in a record (a form's data, the survey's answers): a code, or {"code": …}."""
    value = (record or {}).get(key)
    if isinstance(value, Mapping):
        value = value.get("code")
    return value if isinstance(value, str) and value.isdigit() else None


def completed(cipher: FieldCipher | None, facts: PersonFacts, told: Mapping[str, Any] | None) -> PersonFacts:
    """The stored facts, their gaps filled from what an unfinished survey was told (name, phone, home division:
    dialogs/types.py told_so_far): someone who loses their job or asks for help halfway through the survey can
    still be reached and routed to the caseworker of where they live. Without a cipher, the phone is left out."""
    if not told:
        return facts
    phone, name, division = told.get("phone"), told.get("name"), told.get("home_division")
    return replace(
        facts,
        name=facts.name or (name if isinstance(name, str) and name else None),
        phone_enc=facts.phone_enc or (
            cipher.encrypt(phone) if cipher is not None and isinstance(phone, str) and phone else None),
        division=facts.division or (division if isinstance(division, str) and division else None),
        elsewhere=facts.elsewhere or _code(told, "work_division"),
    )


_BY_PHONE = (
    select(RosterEntry.name, RosterEntry.home_division, _NAMED.id)
    .outerjoin(_NAMED, and_(_NAMED.phone_hash == RosterEntry.caseworker_phone_hash, _NAMED.active.is_(True)))
    .where(RosterEntry.phone_hash == bindparam("phone_hash"), RosterEntry.person_id.is_(None))
    .order_by(RosterEntry.id)
)


async def roster_by_phone(session: AsyncSession, cipher: FieldCipher | None, facts: PersonFacts) -> PersonFacts:
    """Someone who never registered, texting from a phone the roster lists (人工 by SMS): where they live and
    whom the roster names, from that entry, so that the caseworker of their village hears of it (not the fallback
    supervisor, "地址不详"). The name only when the phone is one entry's (a household may share one phone); marked
    as found by phone, for the alert to say so. Facts that know where the person lives are left as they are."""
    if cipher is None or facts.division or facts.named_caseworker is not None or not facts.phone_enc:
        return facts
    phone = parse_phone(cipher.decrypt(facts.phone_enc))
    if phone is None:
        return facts
    rows = await hot_path.fetch(session, _BY_PHONE, phone_hash=cipher.blind_index("phone", phone))
    divisions = {row[1] for row in rows if row[1]}
    named = {row[2] for row in rows if row[2] is not None}
    if len(divisions) != 1 and len(named) != 1:
        return facts
    return replace(
        facts,
        name=facts.name or (rows[0][0] if len(rows) == 1 else None),
        division=divisions.pop() if len(divisions) == 1 else None,
        named_caseworker=named.pop() if len(named) == 1 else None,
        by_roster_phone=True,
    )


def incomplete(facts: PersonFacts) -> bool:
    """Whether something a caseworker needs (name, phone, where they live) is not stored yet."""
    return not (facts.name and facts.phone_enc and facts.division)


async def facts_so_far(session: AsyncSession, cipher: FieldCipher, person_id: int) -> PersonFacts:
    """Who the person is, as the alerts about them say it: someone whose survey is not done is named by what it has
    heard so far, and placed by the roster entry of the phone they text from (the chat's list, `电话 C3`, and an
    overdue task's alerts, which said 地址不详 of someone the list placed)."""
    facts = await person_facts(session, person_id)
    if not incomplete(facts):
        return facts
    state = await hot_path.conversation_state(session, person_id)
    told = told_so_far(open_state(state, cipher)).get("told") if isinstance(state, dict) else None
    return await roster_by_phone(session, cipher, completed(cipher, facts, told if isinstance(told, Mapping) else None))


async def home_division(session: AsyncSession, person_id: int) -> str | None:
    """The laborer's home division: from their form, else from their roster entry."""
    return (await person_facts(session, person_id)).division


# Up to five codes: the division itself and those containing it (ancestors()), padded with the last one.
_CODES = tuple(f"code{i}" for i in range(len(_LEVELS)))
_COVERING = (
    select(CaseworkerDivision.division, Caseworker.role, Caseworker.id)
    .join(Caseworker, Caseworker.id == CaseworkerDivision.caseworker_id)
    .where(CaseworkerDivision.division.in_([bindparam(name) for name in _CODES]), Caseworker.active.is_(True))
)


async def covering_caseworker(session: AsyncSession, division: str | None) -> int | None:
    """The caseworker covering the most specific division containing `division` (a caseworker before a
    supervisor at the same level, then the first imported); None when nobody covers any of them."""
    if not division:
        return None
    codes = ancestors(division)[: len(_CODES)]
    params = {name: codes[min(i, len(codes) - 1)] for i, name in enumerate(_CODES)}
    rows = await hot_path.fetch(session, _COVERING, **params)
    candidates = sorted(rows, key=lambda r: (-len(r[0]), r[1] != "caseworker", r[2]))
    return int(candidates[0][2]) if candidates else None


_ROOT = case(((Caseworker.role == "supervisor") & Caseworker.supervisor_id.is_(None), 0), else_=1)
_FALLBACK = (
    select(Caseworker.id, Caseworker.role)
    .where(or_(Caseworker.active.is_(True), Caseworker.role == UNASSIGNED))
    .order_by(case((Caseworker.role == UNASSIGNED, 1), else_=0), Caseworker.fallback.desc(), _ROOT, Caseworker.id)
    .limit(1)
)


async def fallback_caseworker(session: AsyncSession) -> int:
    """The administrator marked as fallback, else the first supervisor who has none above them, else the first
    caseworker; with nobody imported, the stand-in `unassigned` owner (created on first use)."""
    found = await hot_path.fetch(session, _FALLBACK)
    if found:
        return int(found[0][0])
    row = Caseworker(name="未分配", role=UNASSIGNED, active=False)
    session.add(row)
    await session.flush()
    return row.id


async def responsible_for(session: AsyncSession, facts: PersonFacts) -> int:
    """The caseworker responsible for the laborer these facts describe (never None)."""
    if facts.named_caseworker is not None:
        return facts.named_caseworker
    covering = await covering_caseworker(session, facts.division)
    if covering is None and not facts.division:
        # Where they live not known yet: the caseworker (else the nearest supervisor above) of where they work,
        # before the deployment's fallback (a case went to the first supervisor found).
        covering = await covering_caseworker(session, facts.elsewhere)
    if covering is not None:
        return covering
    return await fallback_caseworker(session)


async def responsible_caseworker(session: AsyncSession, person_id: int) -> int:
    """The caseworker responsible for this laborer now (never None)."""
    return await responsible_for(session, await person_facts(session, person_id))


async def caseworker_and_below(session: AsyncSession, me: int) -> set[int]:
    """The caseworker and everyone below them (by supervisor): whose records they may act on — decide a
    registration, close a case — from the chat and the console alike."""
    found, frontier = {me}, {me}
    while frontier:
        below = set(await session.scalars(select(Caseworker.id).where(Caseworker.supervisor_id.in_(frontier))))
        frontier = below - found
        found |= frontier
    return found


async def supervisor_of(session: AsyncSession, caseworker_id: int) -> int | None:
    """Who a task past due goes to: the caseworker's supervisor, else the fallback administrator when that is
    someone else; None at the top."""
    supervisor = await session.scalar(select(Caseworker.supervisor_id).where(Caseworker.id == caseworker_id))
    if supervisor is not None:
        return supervisor
    fallback = await fallback_caseworker(session)
    return fallback if fallback != caseworker_id else None
