"""Forms whose ID number is on another person's form too (the `duplicate_id` alert's case), as review marks them
on the review list and the person's page: the other people linked when the viewer may see them, only counted
otherwise, and the ID number itself never shown. The reviewer's answers are in bot/console/review.py.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import and_, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from bot.console import people_names
from bot.console.site import t
from storage import scope
from storage.models import InfoForm, Person
from storage.scope import Viewer

_OTHER = aliased(InfoForm)
# Another real person's form with the same ID number, unless a reviewer confirmed this number as this person's.
_UNRESOLVED = and_(
    InfoForm.id_number_hash.is_not(None),
    or_(InfoForm.id_number_checked_hash.is_(None), InfoForm.id_number_checked_hash != InfoForm.id_number_hash),
)


@dataclass(frozen=True, slots=True)
class Duplicate:
    """The mark on one form: the other people with its ID number the viewer may see, and how many they may not;
    among those seen, the ones a reviewer kept as this number's owner (this form is then the one to set aside)."""

    seen: tuple[people_names.Listed, ...]
    hidden: int
    kept: frozenset[int] = frozenset()


async def marked(session: AsyncSession, who: Viewer, person_ids: Iterable[int]) -> dict[int, Duplicate]:
    """The forms among these people that carry the mark (one query per 500, never one per row)."""
    ids = sorted(set(person_ids))
    pairs: list[tuple[int, int]] = []
    kept: set[int] = set()
    for start in range(0, len(ids), 500):
        for mine, other, other_kept in await session.execute(
            select(InfoForm.person_id, _OTHER.person_id, _OTHER.id_number_checked_hash == _OTHER.id_number_hash)
            .join(_OTHER, and_(_OTHER.id_number_hash == InfoForm.id_number_hash,
                               _OTHER.person_id != InfoForm.person_id))
            .join(Person, Person.id == _OTHER.person_id)
            .where(InfoForm.person_id.in_(ids[start:start + 500]), _UNRESOLVED, Person.simulated.is_(False))
            .order_by(InfoForm.person_id, _OTHER.person_id)):
            pairs.append((mine, other))
            if other_kept:
                kept.add(other)
    if not pairs:
        return {}
    others = {other for _, other in pairs}
    visible = set(await session.scalars(select(Person.id).where(Person.id.in_(others), scope.people(who))))
    names = await people_names.listed(session, visible, t("unknown_name"))
    result: dict[int, Duplicate] = {}
    for mine in dict.fromkeys(m for m, _ in pairs):
        theirs = [other for m, other in pairs if m == mine]
        result[mine] = Duplicate(tuple(names[o] for o in theirs if o in visible),
                                 sum(1 for o in theirs if o not in visible),
                                 frozenset(o for o in theirs if o in visible and o in kept))
    return result


def summary(mark: Duplicate | None) -> str:
    """The mark in words, as the review export's cell carries it: the same rules as the page (the others named
    only when the viewer may see them, counted otherwise), the number never in it; "" for a form without it."""
    if mark is None:
        return ""
    said = [t("duplicate.mark")]
    if mark.seen:
        said.append(t("duplicate.other") + "、".join(
            f"{o.name} {o.place}".strip() + (t("duplicate.kept") if o.person_id in mark.kept else "")
            for o in mark.seen))
    if mark.hidden:
        said.append(t("duplicate.hidden", n=mark.hidden))
    return " ".join(said)
