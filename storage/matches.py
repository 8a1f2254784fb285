"""Who is matched, and what they were offered: people as Seekers, the never-twice record, the weekly cap.

The push sweep (scheduled with the check-ins) calls, per run: `new_item_matches` for the items added since
its last run (the people they fit, each with their best few of them), then `plan_pushes` (never an item
twice, at most the weekly cap of pushes) and, for each push it sends, `record_push`. Items shown in the
chat on request are recorded too (`record_offers`, via "chat"), so that a push never repeats what the
person has already seen.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from dialogs.matching.index import PeopleIndex, new_matches
from dialogs.matching.profile import seeker, seeker_from_record
from dialogs.matching.types import Scored, Seeker
from storage import info_forms
from storage.crypto import FieldCipher
from storage.jobs import Item, as_opening, live_items, parse_ref
from storage.models import InfoForm, MatchOffer, MatchPush, Person, RosterEntry

WEEK = timedelta(days=7)
_CHUNK = 500
_SLICE = 10_000


async def registered(session: AsyncSession, person_id: int) -> bool:
    """Linked to an entry of the 建档立卡 roster."""
    return (await session.scalar(select(RosterEntry.id).where(RosterEntry.person_id == person_id).limit(1))) is not None


async def load_seeker(
    session: AsyncSession, cipher: FieldCipher, person_id: int, *, answers: Mapping[str, Any] | None = None,
    wishes: Iterable[str] = (),
) -> Seeker | None:
    """The person from their stored form, else from the answers they gave so far; None when neither says
    where they live nor how old they are (nothing to match on)."""
    form = await session.scalar(select(InfoForm).where(InfoForm.person_id == person_id))
    record = info_forms.form_record(form, cipher) if form is not None else dict(answers or {})
    if not record.get("home_division") and not record.get("id_number"):
        return None
    linked = await registered(session, person_id)
    return seeker_from_record(person_id, record, registered=linked, wishes=wishes)


async def load_seekers(session: AsyncSession, cipher: FieldCipher) -> list[Seeker]:
    """Everybody open to offers (unemployed, and not saying they do not want work) and not opted out, as
    Seekers (for matching.index.PeopleIndex).

    A province has millions: the form fields matching reads are picked out of the JSON by the database, and
    the rows are read in slices rather than all at once."""
    linked = set(await session.scalars(select(RosterEntry.person_id).where(RosterEntry.person_id.is_not(None))))
    data = InfoForm.data
    willing = data["willing_to_work"].as_string()
    fields = ("preferred_scope", "desired_jobs", "skills", "job_type")
    statement = (
        select(InfoForm.person_id, InfoForm.id_number_enc, InfoForm.household_id, InfoForm.home_division,
               data["expected_income"].as_integer(), data["service_needs"].as_string(),
               *(data[f].as_string() for f in fields))
        .join(Person, Person.id == InfoForm.person_id)
        .where(InfoForm.employment_status == "unemployed", Person.opted_out_at.is_(None),
               or_(willing.is_(None), willing != "no"))
        .order_by(InfoForm.person_id)
        .execution_options(yield_per=_SLICE)
    )
    seekers = []
    result = await session.stream(statement)
    async for rows in result.partitions():
        for person_id, id_enc, household, division, income, needs, scope, desired, skills, job_type in rows:
            seekers.append(seeker(
                person_id, id_number=cipher.decrypt_optional(id_enc), home_division=division, scope=scope,
                texts=(desired, skills, job_type), expected_income=income,
                registered=person_id in linked or bool(household), needs=_needs(needs),
            ))
    return seekers


async def items_added_since(session: AsyncSession, since: datetime, today: date) -> list[Item]:
    """Live vacancies and trainings created after `since` (what a push on import is about)."""
    return [row for row in await live_items(session, today) if row.created_at > since]


async def new_item_matches(
    session: AsyncSession, cipher: FieldCipher, *, since: datetime, today: date,
) -> Mapping[int, list[Scored]]:
    """The people the items added since `since` fit (at least the push threshold of dialogs/matching/data/rules.toml),
    each with their best few of those items only: what the push sweep sends after an import."""
    added = await items_added_since(session, since, today)
    if not added:
        return {}  # nothing new: nobody to read (and no people to load)
    people = PeopleIndex(await load_seekers(session, cipher))
    return new_matches(people, [as_opening(row) for row in added], today)


@functools.lru_cache(maxsize=1_024)
def _needs(text: str | None) -> tuple[str, ...]:
    """service_needs as the database hands it out as text ('["training"]'): few distinct values."""
    try:
        value = json.loads(text) if text else []
    except ValueError:
        return ()
    return tuple(sorted(str(v) for v in value)) if isinstance(value, list) else ()


def _insert(session: AsyncSession) -> Any:
    return pg_insert if session.bind.dialect.name == "postgresql" else sqlite_insert


def _offer_rows(
    person_id: int, refs: Iterable[str], via: str, now: datetime, push_id: int | None
) -> list[dict[str, Any]]:
    rows = []
    for ref in refs:
        parsed = parse_ref(ref)
        if parsed is not None:
            kind, item_id = parsed
            rows.append({
                "person_id": person_id, "vacancy_id": item_id if kind == "vacancy" else None,
                "training_id": item_id if kind == "training" else None, "via": via, "first_at": now,
                "push_id": push_id,
            })
    return rows


async def record_offers(
    session: AsyncSession, person_id: int, refs: Iterable[str], *, via: str, now: datetime,
    push_id: int | None = None,
) -> None:
    """Remember that these items reached the person (the first time counts; later ones change nothing)."""
    rows = _offer_rows(person_id, refs, via, now, push_id)
    if rows:
        await session.execute(_insert(session)(MatchOffer).values(rows).on_conflict_do_nothing())


async def offered(session: AsyncSession, person_ids: Sequence[int]) -> dict[int, set[str]]:
    """person id -> refs of every item they were ever shown or pushed."""
    found: dict[int, set[str]] = {}
    for i in range(0, len(person_ids), _CHUNK):
        chunk = person_ids[i : i + _CHUNK]
        rows = await session.execute(
            select(MatchOffer.person_id, MatchOffer.vacancy_id, MatchOffer.training_id)
            .where(MatchOffer.person_id.in_(chunk))
        )
        for person_id, vacancy_id, training_id in rows:
            found.setdefault(person_id, set()).add(f"v{vacancy_id}" if vacancy_id is not None else f"t{training_id}")
    return found


async def pushes_in_week(session: AsyncSession, person_ids: Sequence[int], now: datetime) -> dict[int, int]:
    """person id -> pushes they were sent in the seven days before `now`."""
    counts: dict[int, int] = {}
    for i in range(0, len(person_ids), _CHUNK):
        chunk = person_ids[i : i + _CHUNK]
        rows = await session.execute(
            select(MatchPush.person_id, func.count())
            .where(MatchPush.person_id.in_(chunk), MatchPush.pushed_at > now - WEEK)
            .group_by(MatchPush.person_id)
        )
        counts |= {person_id: int(n) for person_id, n in rows}
    return counts


async def plan_pushes(
    session: AsyncSession, matches: Mapping[int, Sequence[Scored]], *, now: datetime, weekly_cap: int,
) -> dict[int, list[Scored]]:
    """What may be pushed: for each person under the weekly cap, their matches never offered before."""
    people = sorted(matches)
    counts = await pushes_in_week(session, people, now)
    seen = await offered(session, people)
    plan: dict[int, list[Scored]] = {}
    for person_id in people:
        if counts.get(person_id, 0) >= weekly_cap:
            continue
        fresh = [s for s in matches[person_id] if s.opening.ref not in seen.get(person_id, set())]
        if fresh:
            plan[person_id] = fresh
    return plan


async def record_push(
    session: AsyncSession, person_id: int, refs: Sequence[str], *, trigger: str, now: datetime,
) -> int:
    """A push sent (or queued) to the person: counts towards the cap, and its items are never pushed again."""
    push = MatchPush(person_id=person_id, trigger=trigger, items=len(refs), pushed_at=now)
    session.add(push)
    await session.flush()
    await record_offers(session, person_id, refs, via="push", now=now, push_id=push.id)
    return push.id
