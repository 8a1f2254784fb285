"""Laborers as the console lists them: name and place from the form, else the roster entry (one query per
page, never one per row)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from dialogs.place_names import place_name
from storage.models import InfoForm, RosterEntry


@dataclass(frozen=True, slots=True)
class Listed:
    person_id: int
    name: str
    division: str | None
    place: str

    @property
    def url(self) -> str:
        return f"/console/people/{self.person_id}"


async def listed(session: AsyncSession, person_ids: Iterable[int], unknown: str) -> dict[int, Listed]:
    ids = sorted(set(person_ids))
    if not ids:
        return {}
    found: dict[int, tuple[str | None, str | None]] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        for person_id, name, division in await session.execute(
                select(InfoForm.person_id, InfoForm.name, InfoForm.home_division)
                .where(InfoForm.person_id.in_(chunk))):
            found[person_id] = (name, division)
        missing = [i for i in chunk if not (found.get(i, (None, None))[0] and found[i][1])]
        if missing:
            for person_id, name, division in await session.execute(
                    select(RosterEntry.person_id, RosterEntry.name, RosterEntry.home_division)
                    .where(RosterEntry.person_id.in_(missing))):
                old_name, old_division = found.get(person_id, (None, None))
                found[person_id] = (old_name or name, old_division or division)
    result = {}
    for person_id in ids:
        name, division = found.get(person_id, (None, None))
        result[person_id] = Listed(person_id, name or unknown, division, place_name(division) or "")
    return result
