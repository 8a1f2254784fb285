"""Planning pushes of matched vacancies and trainings, and the follow-up after an application, as fire rows.

New items, however they came (`jiuye vacancies import`, `jiuye trainings import`, the console or the API to
come), are pushed once: `ItemPushes.plan_new_items` takes the live items whose pushes were not planned yet,
finds the people they fit (only these items against everybody open to offers, never a re-match of everyone
against everything) and plans one `job_push` per person carrying only those items, leaving out what already
reached the person and anybody at the weekly cap. The import commands call it after their commit; every
sweep calls it too, so that items added another way, or an import that stopped before planning, are not
missed.

It streams a chunk of people at a time (read, matched, written, committed), so that its memory is a chunk's
whatever the roster. Each chunk's commit also moves each item's cursor (`pushes_planned_through`: the last
person id planned for), so that a planning killed half-way is resumed where it stopped, not from the first
chunk; the items are marked planned once every chunk is written. A second planner at once (or a chunk planned
again) joins the pushes already waiting and leaves out what reached people meanwhile (`match_offer`): nobody
gets them twice.

A person gets one job push a day at most: planning again the same day adds the new items to the push still
waiting, or, when that one has gone out, plans the next day's. What a push finally carries is decided when it
is sent (bot/push_effects.py), where the never-twice rule and the cap are checked again for that person.

Follow-ups are planned when an application is made (bot/push_effects.py); `plan_follow_ups` fills the gaps
(applications made before this feature, or a plan lost), once a day with the rest of the planning.
"""

from __future__ import annotations

import asyncio
import logging
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import bindparam, select, text, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from dialogs.matching.index import PeopleIndex, new_matches
from dialogs.matching.types import Opening
from scheduler import fires as repo
from scheduler.planning import Planner
from scheduler.schedules import JOB_PUSH
from storage import matches
from storage.crypto import FieldCipher
from storage.jobs import as_opening, parse_ref
from storage.models import JobApplication, ScheduledFire, Training, Vacancy

log = logging.getLogger(__name__)

IMPORT = "import"
# A key of our own for PostgreSQL's advisory lock: one planner of new items at a time across processes (the
# others skip instead of computing the same matches; correctness does not rest on it, the items' mark does).
_ADVISORY_KEY = 0x6A6F_6270  # "jobp"
_CHUNK = 2000
# People matched and planned per transaction: the memory of a planning is about this many people's (their
# Seekers, arrays and rows), whatever the roster (benchmarks/README.md, push planning).
PEOPLE_PER_CHUNK = 20_000
# Core, not the ORM entity: an executemany UPDATE of an entity with extra criteria is refused by the ORM.
_MERGE = (
    update(repo.FIRE)
    .where(repo.FIRE.c.id == bindparam("fire_id"), repo.FIRE.c.status == repo.DUE)
    .values(data=bindparam("new_data"))
)


@dataclass(slots=True)
class PushPlan:
    """What one planning did: counts only (never who)."""

    counts: Counter[str] = field(default_factory=Counter)

    def lines(self) -> list[str]:
        return [f"{key}: {n}" for key, n in sorted(self.counts.items())]


class ItemPushes:
    """The planning of pushes for new items, and of follow-ups; the sweep and the import commands share it."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession], cipher: FieldCipher, planner: Planner, *,
                 chunk: int = PEOPLE_PER_CHUNK) -> None:
        self._sessions = sessions
        self._cipher = cipher
        self.planner = planner
        self.chunk = chunk

    async def plan_new_items(self, now: datetime) -> PushPlan:
        """Pushes of the items whose pushes were not planned yet, to the people they fit, a chunk of people at
        a time: each chunk matched, its pushes written and committed before the next is read (memory bounded by
        the chunk, not the roster). The items are marked planned when every chunk is written: a planning that
        stops half-way leaves them unplanned, and the next one resumes after the last person it committed
        (each item's cursor), never a second push for a person and day, never an item twice."""
        report = PushPlan()
        today = self.planner.today(now)
        async with self._sessions() as session:
            items = await matches.unplanned_items(session, today)
        if not items:
            return report
        async with self._sessions() as guard:
            if not await _try_lock(guard):
                report.counts["items skipped (another process is planning them)"] += len(items)
                return report
            try:
                openings = [as_opening(item) for item in items]
                refs = [opening.ref for opening in openings]
                # Where each item's planning got to: a planning killed half-way is resumed there.
                through = {o.ref: item.pushes_planned_through or 0 for o, item in zip(openings, items, strict=True)}
                after: int | None = min(through.values(), default=0)
                if after:
                    report.counts["plannings resumed"] += 1
                while after is not None and refs:
                    after, refs = await self._plan_chunk(after, openings, refs, through, today, now,
                                                         report.counts)
                async with self._sessions() as session, session.begin():
                    claimed = await matches.claim_for_pushes(session, refs, now)
                report.counts["items planned"] += len(claimed)
            finally:
                await _unlock(guard)
        log.info("job pushes: %s", "; ".join(report.lines()))
        return report

    async def _plan_chunk(self, after: int, openings: Sequence[Opening], refs: list[str], through: dict[str, int],
                          today: date, now: datetime, counts: Counter[str]) -> tuple[int | None, list[str]]:
        """The pushes of the next chunk of people after person id `after`, committed with the items' cursors
        (`through`, moved here too); the last person of the chunk (None: nobody left) and the items still to
        plan (another planner may have finished some)."""
        async with self._sessions() as session:
            seekers = await matches.seekers_after(session, self._cipher, after, self.chunk)
        if not seekers:
            return None, refs
        people = (after + 1, seekers[-1].person_id or after)  # read from the database: always with an id
        # The items not yet planned through this chunk (a resumed planning: those its killed run had not reached).
        live = {ref for ref in refs if through[ref] < people[1]}
        if not live:
            return people[1], refs
        found = await asyncio.to_thread(
            lambda: new_matches(PeopleIndex(seekers), [o for o in openings if o.ref in live], today))
        async with self._sessions() as session, session.begin():
            refs = await matches.still_unplanned(session, refs)
            if not refs:
                return None, refs
            live &= set(refs)
            capped = await matches.people_at_cap(session, now, self.planner.policy.job_pushes_per_week, people)
            seen = await matches.offers_of(session, refs, people)
            plan: dict[int, list[str]] = {}
            for person_id in found:
                if person_id in capped:
                    counts["people at the weekly cap"] += 1
                    continue
                fresh = [r for r in found.refs(person_id)
                         if r in live and person_id > through[r] and r not in seen.get(person_id, ())]
                if fresh:
                    plan[person_id] = fresh
            counts.update(await self.write(session, plan, trigger=IMPORT, now=now))
            await _advance(session, live, people[1])
        through.update(dict.fromkeys(live, people[1]))
        return people[1], refs

    async def write(self, session: AsyncSession, plan: Mapping[int, Sequence[str]], *, trigger: str,
                    now: datetime) -> Counter[str]:
        """One job push per person of `plan` (person id -> refs): joined to the day's push still waiting, or
        the next day's when the day's has gone."""
        counts: Counter[str] = Counter()
        if not plan:
            return counts
        first = {pid: self.planner.job_push(pid, now, now, {}) for pid in plan}
        earliest = min(row["due_date"] for row in first.values())
        existing = await _upcoming_pushes(session, earliest, (min(plan), max(plan)))
        rows: list[dict[str, Any]] = []
        merged: list[dict[str, Any]] = []
        # People given the same items share one `data`: written as JSON once (add_new_fires converts by object).
        shared: dict[tuple[str, ...], dict[str, Any]] = {}
        for person_id, refs in plan.items():
            row = first[person_id]
            data = shared.setdefault(tuple(refs), {"trigger": trigger, "refs": list(refs)})
            day: date = row["due_date"]
            while (person_id, day) in existing and existing[(person_id, day)][1] != repo.DUE:
                day += timedelta(days=1)
            if (person_id, day) in existing:
                fire_id, _status, old = existing[(person_id, day)]
                if old.get("refs") is not None:  # a push of all the best items carries these already
                    joined = list(dict.fromkeys([*old["refs"], *refs]))
                    merged.append({"fire_id": fire_id, "new_data": old | {"refs": joined}})
                counts["pushes joined to one waiting"] += 1
            elif day == row["due_date"]:
                rows.append(row | {"data": data})
            else:
                rows.append(self.planner.job_push_on(person_id, day, now, data))
        await repo.add_new_fires(session, rows)
        if merged:
            await session.execute(_MERGE, merged)
        counts["pushes planned"] += len(rows)
        return counts

    async def plan_follow_ups(self, now: datetime) -> int:
        """Follow-ups of applications still waiting for one that have none planned (insert-or-ignore: planning
        twice plans once). Streams the applications in chunks."""
        after, planned = 0, 0
        while True:
            async with self._sessions() as session, session.begin():
                rows = list(await session.execute(
                    select(JobApplication.id, JobApplication.person_id, JobApplication.follow_up_at)
                    .where(JobApplication.id > after, JobApplication.followed_up_at.is_(None),
                           JobApplication.follow_up_at.is_not(None), JobApplication.status == "applied",
                           JobApplication.outcome.is_(None))
                    .order_by(JobApplication.id).limit(_CHUNK)
                ))
                if not rows:
                    return planned
                after = rows[-1][0]
                # Planned for the day it was due, whenever this runs: the same key as the plan made with the
                # application, so that one already planned (or done) is not planned again.
                await repo.add_fires(session, [self.planner.follow_up(person_id, at, now)
                                               for _id, person_id, at in rows])
                planned += len(rows)


async def _upcoming_pushes(session: AsyncSession, first_day: date, people: tuple[int, int]
                           ) -> dict[tuple[int, date], tuple[int, str, dict[str, Any]]]:
    """(person, day) -> (fire id, status, data) of the job pushes from `first_day` on, of the people with ids
    from people[0] to people[1]: one range of the (person, kind, due date) key, however many are planned for."""
    rows = await session.execute(
        select(ScheduledFire.id, ScheduledFire.person_id, ScheduledFire.due_date, ScheduledFire.status,
               ScheduledFire.data)
        .where(ScheduledFire.person_id.between(*people), ScheduledFire.kind == JOB_PUSH,
               ScheduledFire.due_date >= first_day)
    )
    return {(person_id, day): (fire_id, status, dict(data or {})) for fire_id, person_id, day, status, data in rows}


async def _advance(session: AsyncSession, refs: set[str], person_id: int) -> None:
    """These items' pushes are written up to `person_id`, in the transaction that writes them."""
    ids: dict[str, list[int]] = {"vacancy": [], "training": []}
    for ref in refs:
        parsed = parse_ref(ref)
        if parsed is not None:
            ids[parsed[0]].append(parsed[1])
    for kind, model in (("vacancy", Vacancy), ("training", Training)):
        for i in range(0, len(ids[kind]), _CHUNK):
            await session.execute(
                update(model).where(model.id.in_(ids[kind][i : i + _CHUNK]), model.pushes_planned_at.is_(None))
                .values(pushes_planned_through=person_id).execution_options(synchronize_session=False))


async def _try_lock(session: AsyncSession) -> bool:
    if session.bind.dialect.name != "postgresql":
        return True  # SQLite: one writer, and the items' mark decides anyway
    return bool(await session.scalar(text("SELECT pg_try_advisory_lock(:key)"), {"key": _ADVISORY_KEY}))


async def _unlock(session: AsyncSession) -> None:
    if session.bind.dialect.name == "postgresql":
        await session.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": _ADVISORY_KEY})
        await session.commit()


__all__ = ["IMPORT", "ItemPushes", "PushPlan"]
