"""Who is matched, and what they were offered: people as Seekers, the never-twice record, the weekly cap.

The push planning (scheduler/job_pushes.py) reads the people open to offers a chunk at a time
(`seekers_after`), leaves out, per chunk, what reached them (`offers_of`) and who is at the weekly cap
(`people_at_cap`), and marks the items planned at the end (`claim_for_pushes`); `new_item_matches` is the
same matching for everybody at once. Each push sent is recorded (`record_push`). Items shown in the
chat on request are recorded too (`record_offers`, via "chat"), so that a push never repeats what the
person has already seen.
"""

from __future__ import annotations

import asyncio
import functools
import json
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import func, or_, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from dialogs.matching.index import NewMatches, PeopleIndex, new_matches
from dialogs.matching.profile import seeker, seeker_from_record
from dialogs.matching.types import Scored, Seeker
from storage import info_forms
from storage.crypto import FieldCipher
from storage.jobs import Item, as_opening, live_items, parse_ref
from storage.models import InfoForm, MatchOffer, MatchPush, Person, RosterEntry, Training, Vacancy

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
    Seekers (for matching.index.PeopleIndex). A province has millions: planners stream `seekers_after`."""
    found: list[Seeker] = []
    after: int | None = 0
    while after is not None:
        chunk = await seekers_after(session, cipher, after, _SLICE * 5)
        found += chunk
        after = chunk[-1].person_id if chunk else None
    return found


async def seekers_after(session: AsyncSession, cipher: FieldCipher, after: int, limit: int) -> list[Seeker]:
    """The next `limit` people open to offers by person id, after `after`: one chunk of the roster, so that
    a planner holds a chunk, never everybody. The database picks the form fields matching reads out of the
    JSON, and the rows are read in slices."""
    data = InfoForm.data
    willing = data["willing_to_work"].as_string()
    fields = ("preferred_scope", "desired_jobs", "skills", "job_type")
    statement = (
        select(InfoForm.person_id, InfoForm.id_number_enc, InfoForm.household_id, InfoForm.home_division,
               data["expected_income"].as_integer(), data["service_needs"].as_string(),
               *(data[f].as_string() for f in fields))
        .join(Person, Person.id == InfoForm.person_id)
        .where(InfoForm.person_id > after, InfoForm.employment_status == "unemployed",
               Person.opted_out_at.is_(None), or_(willing.is_(None), willing != "no"))
        .order_by(InfoForm.person_id)
        .limit(limit)
        .execution_options(yield_per=_SLICE)
    )
    rows: list[Any] = []
    result = await session.stream(statement)
    async for part in result.partitions():
        rows += part
    if not rows:
        return []
    linked = set(await session.scalars(
        select(RosterEntry.person_id).where(RosterEntry.person_id.between(rows[0][0], rows[-1][0]))))
    return [
        seeker(person_id, id_number=cipher.decrypt_optional(id_enc), home_division=division, scope=scope,
               texts=(desired, skills, job_type), expected_income=income,
               registered=person_id in linked or bool(household), needs=_needs(needs))
        for person_id, id_enc, household, division, income, needs, scope, desired, skills, job_type in rows
    ]


async def items_added_since(session: AsyncSession, since: datetime, today: date) -> list[Item]:
    """Live vacancies and trainings created after `since` (what a push on import is about)."""
    return [row for row in await live_items(session, today) if row.created_at > since]


async def unplanned_items(session: AsyncSession, today: date) -> list[Item]:
    """Live vacancies and trainings whose pushes have not been planned yet: the new ones, however they came
    (an import, the console, the integration API)."""
    found: list[Item] = []
    for model in (Vacancy, Training):
        found += await session.scalars(
            select(model).where(model.pushes_planned_at.is_(None), model.status == "open",
                                or_(model.expires.is_(None), model.expires >= today)).order_by(model.id)
        )
    return found


async def new_item_matches(
    session: AsyncSession, cipher: FieldCipher, *, today: date, since: datetime | None = None,
    items: Sequence[Item] | None = None,
) -> NewMatches:
    """The people the new items fit (at least the push threshold of dialogs/matching/data/rules.toml), each with
    their best few of those items only: what a push after an import carries. The new items are `items`, or
    those added since `since`.

    Loading everybody open to offers is the cost (a province has millions); the matching itself runs in a
    thread, so that a sweep inside `jiuye serve` does not hold up the requests it serves."""
    added = list(items) if items is not None else await items_added_since(session, since or datetime.min, today)
    if not added:
        return new_matches(PeopleIndex([]), [], today)  # nothing new: nobody to read (and no people to load)
    seekers = await load_seekers(session, cipher)
    openings = [as_opening(row) for row in added]
    return await asyncio.to_thread(lambda: new_matches(PeopleIndex(seekers), openings, today))


async def claim_for_pushes(session: AsyncSession, refs: Iterable[str], now: datetime) -> set[str]:
    """Mark these items' pushes as planned, in the transaction that plans them; the refs this transaction
    marked (an item another planner marked first is theirs: its pushes are not planned twice)."""
    wanted: dict[str, list[int]] = {"v": [], "t": []}
    for ref in refs:
        if parse_ref(ref) is not None:
            wanted[ref[0]].append(int(ref[1:]))
    claimed: set[str] = set()
    for prefix, model in (("v", Vacancy), ("t", Training)):
        ids = wanted[prefix]
        for i in range(0, len(ids), _CHUNK):
            result = await session.execute(
                update(model).where(model.id.in_(ids[i : i + _CHUNK]), model.pushes_planned_at.is_(None))
                .values(pushes_planned_at=now).returning(model.id).execution_options(synchronize_session=False)
            )
            claimed |= {f"{prefix}{item_id}" for item_id in result.scalars()}
    return claimed


async def still_unplanned(session: AsyncSession, refs: Iterable[str]) -> list[str]:
    """Which of these items nobody has finished planning yet (another planner may have, meanwhile)."""
    wanted: dict[str, list[int]] = {"v": [], "t": []}
    for ref in refs:
        if parse_ref(ref) is not None:
            wanted[ref[0]].append(int(ref[1:]))
    left: list[str] = []
    for prefix, model in (("v", Vacancy), ("t", Training)):
        ids = wanted[prefix]
        for i in range(0, len(ids), _CHUNK):
            left += [f"{prefix}{item_id}" for item_id in await session.scalars(
                select(model.id).where(model.id.in_(ids[i : i + _CHUNK]), model.pushes_planned_at.is_(None)))]
    return left


async def offers_of(session: AsyncSession, refs: Iterable[str], people: tuple[int, int] | None = None
                    ) -> dict[int, set[str]]:
    """person id -> which of these items already reached them (shown in the chat since they came in, or pushed
    by a planning that stopped half-way); only people with ids in `people` (first, last) when given."""
    ids: dict[str, list[int]] = {"v": [], "t": []}
    for ref in refs:
        if parse_ref(ref) is not None:
            ids[ref[0]].append(int(ref[1:]))
    found: dict[int, set[str]] = {}
    for prefix, column in (("v", MatchOffer.vacancy_id), ("t", MatchOffer.training_id)):
        for i in range(0, len(ids[prefix]), _CHUNK):
            statement = select(MatchOffer.person_id, column).where(column.in_(ids[prefix][i : i + _CHUNK]))
            if people is not None:
                statement = statement.where(MatchOffer.person_id.between(*people))
            rows = await session.execute(statement)
            for person_id, item_id in rows:
                found.setdefault(person_id, set()).add(f"{prefix}{item_id}")
    return found


async def people_at_cap(session: AsyncSession, now: datetime, weekly_cap: int,
                        people: tuple[int, int] | None = None) -> set[int]:
    """Everybody who was sent `weekly_cap` pushes or more in the seven days before `now` (one grouped scan of
    the week's pushes: planning for many people at once); only ids in `people` (first, last) when given."""
    statement = select(MatchPush.person_id).where(MatchPush.pushed_at > now - WEEK)
    if people is not None:
        statement = statement.where(MatchPush.person_id.between(*people))
    rows = await session.scalars(statement.group_by(MatchPush.person_id).having(func.count() >= weekly_cap))
    return set(rows)


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
