"""Who is responsible for a laborer: the caseworker the roster names, else the one covering the most specific
division that contains the laborer's home division (the nearest supervisor above when no caseworker covers
it), else the fallback administrator. Never nobody: before anyone is imported, a stand-in `unassigned` owner
holds the work until `jiuye caseworkers import` hands it on.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Caseworker, CaseworkerDivision, InfoForm, RosterEntry

UNASSIGNED = "unassigned"
# Division codes are hierarchical: province 2 digits, prefecture 4, county 6, township 9, village 12.
_LEVELS = (2, 4, 6, 9, 12)


def ancestors(division: str) -> list[str]:
    """The division's own code and those of every division containing it, most specific first."""
    codes = [division[:n] for n in _LEVELS if n < len(division)]
    return [division, *reversed(codes)]


async def home_division(session: AsyncSession, person_id: int) -> str | None:
    """The laborer's home division: from their form, else from their roster entry."""
    code = await session.scalar(select(InfoForm.home_division).where(InfoForm.person_id == person_id))
    if code:
        return code
    return await session.scalar(
        select(RosterEntry.home_division)
        .where(RosterEntry.person_id == person_id, RosterEntry.home_division.is_not(None))
        .limit(1)
    )


async def covering_caseworker(session: AsyncSession, division: str | None) -> int | None:
    """The caseworker covering the most specific division containing `division` (a caseworker before a
    supervisor at the same level, then the first imported); None when nobody covers any of them."""
    if not division:
        return None
    codes = ancestors(division)
    rows = await session.execute(
        select(CaseworkerDivision.division, Caseworker.role, Caseworker.id)
        .join(Caseworker, Caseworker.id == CaseworkerDivision.caseworker_id)
        .where(CaseworkerDivision.division.in_(codes), Caseworker.active.is_(True))
    )
    candidates = sorted(rows, key=lambda r: (-len(r[0]), r[1] != "caseworker", r[2]))
    return int(candidates[0][2]) if candidates else None


async def named_caseworker(session: AsyncSession, person_id: int) -> int | None:
    """The caseworker the roster names for this laborer (帮扶责任人手机号), when imported and active."""
    found: int | None = await session.scalar(
        select(Caseworker.id)
        .join(RosterEntry, RosterEntry.caseworker_phone_hash == Caseworker.phone_hash)
        .where(RosterEntry.person_id == person_id, Caseworker.active.is_(True))
        .order_by(RosterEntry.id)
        .limit(1)
    )
    return found


async def fallback_caseworker(session: AsyncSession) -> int:
    """The administrator marked as fallback, else the first supervisor who has none above them, else the first
    caseworker; with nobody imported, the stand-in `unassigned` owner (created on first use)."""
    active = Caseworker.active.is_(True)
    for condition in (
        Caseworker.fallback.is_(True),
        (Caseworker.role == "supervisor") & Caseworker.supervisor_id.is_(None),
        Caseworker.role != UNASSIGNED,
    ):
        found = await session.scalar(select(Caseworker.id).where(active, condition).order_by(Caseworker.id).limit(1))
        if found is not None:
            return found
    stand_in = await session.scalar(select(Caseworker.id).where(Caseworker.role == UNASSIGNED).limit(1))
    if stand_in is not None:
        return stand_in
    row = Caseworker(name="未分配", role=UNASSIGNED, active=False)
    session.add(row)
    await session.flush()
    return row.id


async def responsible_caseworker(session: AsyncSession, person_id: int) -> int:
    """The caseworker responsible for this laborer now (never None)."""
    named = await named_caseworker(session, person_id)
    if named is not None:
        return named
    covering = await covering_caseworker(session, await home_division(session, person_id))
    if covering is not None:
        return covering
    return await fallback_caseworker(session)


async def supervisor_of(session: AsyncSession, caseworker_id: int) -> int | None:
    """Who a task past due goes to: the caseworker's supervisor, else the fallback administrator when that is
    someone else; None at the top."""
    supervisor = await session.scalar(select(Caseworker.supervisor_id).where(Caseworker.id == caseworker_id))
    if supervisor is not None:
        return supervisor
    fallback = await fallback_caseworker(session)
    return fallback if fallback != caseworker_id else None
