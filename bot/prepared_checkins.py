"""Check-ins prepared ahead of their due time (issue 11): the unit of work run as it will run when the check-in
is due, and what it would write kept (storage/prepared.py), to be released set-based when due.

The unit of work runs in capture mode inside a transaction that is rolled back: nothing it does reaches the
database from here. A person's result is kept only when everything it did is known to be kept in it: the
effects of its events only touch the fire table (the check-in sent, postponed or done: bot/checkin_effects.py),
and only its own fire is finished. Anything else (a visit task, a form change, a failed step) is not prepared:
that check-in takes the full path when due.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.unit_of_work import Item, UnitOfWork
from scheduler.planning import Planner
from scheduler.sweep import PrepareWork
from storage import prepared
from storage import repositories as repo
from storage.crypto import FieldCipher

log = logging.getLogger(__name__)

# The events whose effects only write to the fire table through FireWrites (bot/checkin_effects.py).
FIRE_ONLY_EVENTS = frozenset({"checkin_sent", "checkin_postponed", "checkin_fire_done"})


def _always() -> bool:
    return False


class CheckinPreparer:
    def __init__(self, sessions: async_sessionmaker[AsyncSession], cipher: FieldCipher, planner: Planner,
                 tz: ZoneInfo) -> None:
        self._sessions = sessions
        self._cipher = cipher
        self._planner = planner
        self._tz = tz

    async def prepare(self, work: Sequence[PrepareWork], now: datetime) -> set[int]:
        """Prepare these check-ins (fire id, the inbound the sweep would build at its due time, the fire's digest,
        the person's facts version read before the facts), one per person; `now` is the clock's time. The fire
        ids prepared (the others take the full path)."""
        if not work:
            return set()
        async with self._sessions() as session:
            async with session.begin() as transaction:
                unit = UnitOfWork(session, self._cipher, now, now.astimezone(self._tz).date(), tz=self._tz,
                                  planner=self._planner, capture=True)
                outcomes = await unit.run([Item(inbound, _always) for _fire, inbound, *_rest in work])
                results = self._collect(unit, work, outcomes)
                # Nothing of the run is kept here: what it would write is in `results`.
                await transaction.rollback()
            async with session.begin():
                await prepared.store(session, results, now)
        return {p.fire_id for p in results}

    def _collect(self, unit: UnitOfWork, work: Sequence[PrepareWork], outcomes: Sequence[Any]
                 ) -> list[prepared.Prepared]:
        by_key = {row["dedup_key"]: (row, outbox) for row, outbox in zip(unit.inbound_rows, unit.outbox_rows,
                                                                          strict=True)}
        finished: dict[int, list[str]] = {}
        for row in unit.fires.finished:
            finished.setdefault(int(row["fire_id"]), []).append(str(row["outcome"]))
        if set(finished) - {fire_id for fire_id, *_rest in work}:
            return []  # a fire other than this run's own was finished: whose is not known, so none is kept
        superseding = {int(row["pid"]) for row in unit.fires.superseded}
        planned: dict[int, list[dict[str, Any]]] = {}
        for row in unit.fires.planned:
            day = planned.setdefault(int(row["person_id"]), [])
            # As the full path's one INSERT per row: a second plan for the same work and day changes nothing.
            if not any(r["kind"] == row["kind"] and r["due_date"] == row["due_date"] for r in day):
                day.append(row)
        events: dict[int, list[dict[str, Any]]] = {}
        for row in unit.event_log:
            events.setdefault(int(row["person_id"]), []).append(row)
        results = []
        for (fire_id, inbound, digest, facts_version), outcome in zip(work, outcomes, strict=True):
            pid = inbound.person_id
            found = by_key.get(inbound.dedup_key)
            if (pid is None or found is None or outcome.refused or outcome.duplicate or pid in unit.failed
                    or pid in superseding or not unit.applied.get(pid, set()) <= FIRE_ONLY_EVENTS
                    or len(finished.get(fire_id, [])) > 1 or inbound.at is None):
                continue
            row, outbox = found
            if any(r["person_id"] != pid or r["status"] != "queued" for r in outbox):
                continue
            results.append(prepared.Prepared(
                fire_id=fire_id, person_id=pid, version=unit.versions[pid], steps=unit.steps[pid], digest=digest,
                facts_version=facts_version,
                prepared_for=inbound.at, state=repo.seal_state(unit.states[pid], self._cipher),
                channel=inbound.channel, awaiting=row["awaiting"], body_enc=row["body_enc"],
                outcome=(finished.get(fire_id) or ["handled"])[0],
                outbox=[{"channel": r["channel"], "body_enc": r["body_enc"], "sms_body_enc": r["sms_body_enc"],
                         "topic": r["topic"]} for r in outbox],
                fires=[{"kind": r["kind"], "due_date": r["due_date"], "due_at": r["due_at"], "data": r["data"]}
                       for r in planned.get(pid, ())],
                events=[{"kind": r["kind"], "channel": r["channel"], "data": r["data"]} for r in events.get(pid, ())],
            ))
        return results

