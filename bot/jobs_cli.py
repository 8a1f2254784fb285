"""`jiuye jobs match --id-number ID [--top N]`: a person's best vacancies and trainings as JSON lines.

The same ranking the chat shows and pushes use (dialogs/matching/), for operators and tests: one line per item,
best first, with `external_id`, `kind`, `item`, `title`, `score` and the `reasons` as the person reads them.
The person is found by ID number on their form, else on the roster (where only age, home and the roster
itself are known).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from dialogs.i18n import catalog
from dialogs.matching.index import OpeningIndex
from dialogs.matching.profile import seeker_from_record
from dialogs.matching.types import Scored, Seeker
from storage import jobs, matches
from storage.crypto import FieldCipher
from storage.models import InfoForm, RosterEntry, Vacancy


class UnknownPerson(LookupError):
    """No form and no roster entry has this ID number."""


async def seeker_by_id_number(session: AsyncSession, cipher: FieldCipher, id_number: str) -> Seeker:
    digest = cipher.blind_index("id_number", id_number)
    person_id = await session.scalar(select(InfoForm.person_id).where(InfoForm.id_number_hash == digest))
    if person_id is not None:
        seeker = await matches.load_seeker(session, cipher, person_id)
        if seeker is not None:
            return seeker
    entry = await session.scalar(select(RosterEntry).where(RosterEntry.id_number_hash == digest))
    if entry is None:
        raise UnknownPerson(id_number)
    record = {"id_number": id_number, "home_division": entry.home_division, "household_id": entry.household_id}
    return seeker_from_record(entry.person_id, record, registered=True)


@dataclass(frozen=True, slots=True)
class MatchLine:
    scored: Scored
    title: str

    def to_json(self, locale: str = "zh_CN") -> dict[str, Any]:
        cat = catalog(locale)
        opening = self.scored.opening
        return {
            "external_id": opening.external_id,
            "kind": opening.kind,
            "item": opening.item,
            "title": self.title,
            "score": self.scored.score,
            "reasons": [cat.get(r.key).format(**r.params) for r in self.scored.reasons],
        }


async def best_for(
    session: AsyncSession, cipher: FieldCipher, id_number: str, *, today: date, top: int
) -> list[MatchLine]:
    seeker = await seeker_by_id_number(session, cipher, id_number)
    rows = await jobs.live_items(session, today)
    titles = {f"{'v' if isinstance(r, Vacancy) else 't'}{r.id}": r.title for r in rows}
    ranked = OpeningIndex(jobs.as_opening(row) for row in rows).top(seeker, today, top)
    return [MatchLine(s, titles[s.opening.ref]) for s in ranked]


def json_lines(lines: list[MatchLine]) -> str:
    return "".join(json.dumps(line.to_json(), ensure_ascii=False) + "\n" for line in lines)
