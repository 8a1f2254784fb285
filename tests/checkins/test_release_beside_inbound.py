"""A release of prepared check-ins and people writing at the same moment (issue 11, PostgreSQL's lock order).

perf11's triggers bump `person.facts_version` when an inbound message is stored, so an inbound unit of work
writes the person's row after locking their conversation. A release locks the batch's conversations in person
order (FOR UPDATE OF c) and writes no person row (a fire's own inbound is not counted; the rows it inserts only
take the key-share lock of their foreign keys, which the trigger's update does not conflict with). Both take
the conversation first and in person order, so they wait for each other instead of deadlocking. Here both run
at once, the people writing in the order opposite to the release's: nothing fails, every check-in is settled,
and nobody gets two.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from typing import Any

from bot import keys
from tests.checkins.helpers import fires, pushes
from tests.checkins.test_prepared_checkins import DUE, answer, at, planned, prepare


async def test_people_writing_while_their_prepared_checkins_are_released(app: Any) -> None:
    pids = await planned(app, 12)
    assert await prepare(app) == 12
    sweep = app[keys.DUE_WORK].run_due(at(DUE))
    # From the highest person id down, while the release locks from the lowest up.
    writing = [answer(app, pid, "你好", "2026-03-15T09:00") for pid in reversed(pids)]
    report, *_ = await asyncio.gather(sweep, *writing)
    # (How many were released before their person's message came is the race's to decide: on a quiet machine all
    # twelve can be, and asserting fewer made the test fail there.)
    assert not report.counts["checkin failed"]
    # Each person's check-in of the day settled: released, or stepped on the full path from the conversation
    # the message left (sent, or put off while the person is in the middle of something); none left claimed.
    checkins = [f for f in await fires(app) if f.kind == "checkin" and f.due_date == at(DUE).date()]
    assert len(checkins) == 12 and all(f.status == "done" for f in checkins)
    per_person = Counter(pid for pid, _text, topic, _channel in await pushes(app) if topic == "checkin")
    assert all(n <= 1 for n in per_person.values())
