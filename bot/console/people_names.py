"""Laborers as the console lists them: name and place from the form, else the roster entry (one query per
page, never one per row); with the cipher, also the village and the masked phone, so that two people of one name in
one township can be told apart in the inbox and the case list."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.casework.alerts import show_phone
from dialogs.place_names import place_name
from storage.crypto import FieldCipher
from storage.models import InfoForm, RosterEntry


@dataclass(frozen=True, slots=True)
class Listed:
    person_id: int
    name: str
    division: str | None
    place: str
    village: str = ""
    phone: str = ""  # masked (138****8000)

    @property
    def where(self) -> str:
        """The place with its village, as a list line shows it ("威宁县草海镇 红岩村")."""
        return " ".join(part for part in (self.place, self.village) if part)

    @property
    def url(self) -> str:
        return f"/console/people/{self.person_id}"


async def listed(session: AsyncSession, person_ids: Iterable[int], unknown: str,
                 cipher: FieldCipher | None = None) -> dict[int, Listed]:
    ids = sorted(set(person_ids))
    if not ids:
        return {}
    found: dict[int, tuple[str | None, str | None, str | None, str | None]] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        for person_id, name, division, data, phone in await session.execute(
                select(InfoForm.person_id, InfoForm.name, InfoForm.home_division, InfoForm.data,
                       InfoForm.phone_enc).where(InfoForm.person_id.in_(chunk))):
            village = (data or {}).get("home_village")
            found[person_id] = (name, division, village if isinstance(village, str) else None, phone)
        missing = [i for i in chunk if not (found.get(i, (None,) * 4)[0] and found[i][1] and found[i][3])]
        if missing:
            for person_id, name, division, phone in await session.execute(
                    select(RosterEntry.person_id, RosterEntry.name, RosterEntry.home_division, RosterEntry.phone_enc)
                    .where(RosterEntry.person_id.in_(missing))):
                old_name, old_division, village, old_phone = found.get(person_id, (None,) * 4)
                found[person_id] = (old_name or name, old_division or division, village, old_phone or phone)
    result = {}
    for person_id in ids:
        name, division, village, phone = found.get(person_id, (None,) * 4)
        shown = show_phone(cipher.decrypt(phone)) if cipher is not None and phone else None
        result[person_id] = Listed(person_id, name or unknown, division, place_name(division) or "", village or "",
                                   shown or "")
    return result
