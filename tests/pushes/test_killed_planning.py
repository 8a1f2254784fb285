"""A push planning that stops half-way (the database gone after its first chunk of people) leaves the items
unplanned; the next planning resumes after the last chunk it committed, and never plans a second push for a
person and day, nor an item twice, even when the push of the first chunk went out in between."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.exc import OperationalError

from bot import keys
from scheduler.job_pushes import ItemPushes
from storage.models import MatchOffer, Vacancy
from tests.checkins.helpers import fires, pushes
from tests.pushes.helpers import at, guard_job, import_vacancies, run, seeker


class DatabaseGoneAfter:
    """The app's sessions, until `opened` of them have been opened: then the database is gone (as a killed
    connection or a stopped server looks to the planner)."""

    def __init__(self, sessions: Any, opened: int) -> None:
        self._sessions, self._left = sessions, opened

    def __call__(self) -> Any:
        if self._left == 0:
            raise OperationalError("SELECT 1", None, ConnectionError("server closed the connection"))
        self._left -= 1
        return self._sessions()


async def guards(app: Any) -> list[int]:
    return [await seeker(app, born=date(1976 + i, 3, 4), wants="想当保安", recorded_at=at("2026-11-20T10:00"),
                         sequence=11 + 2 * i) for i in range(3)]


async def planned_items(app: Any) -> list[bool]:
    async with app[keys.SESSIONS]() as session:
        return [at is not None for at in await session.scalars(select(Vacancy.pushes_planned_at))]


async def stop_after_first_chunk(app: Any, people: list[int]) -> None:
    """One person a chunk; the sessions: the unplanned items, the lock, the first chunk's read and write."""
    planner = app[keys.DUE_WORK].planner
    broken = ItemPushes(DatabaseGoneAfter(app[keys.SESSIONS], 4), app[keys.CIPHER], planner, chunk=1)
    with pytest.raises(OperationalError):
        await broken.plan_new_items(at("2026-11-26T09:05"))
    assert [len(await fires(app, pid)) for pid in people] == [1, 0, 0]
    assert await planned_items(app) == [False, False]


async def test_a_planning_killed_half_way_is_finished_by_the_next(app: Any, tmp_path: Path) -> None:
    people = await guards(app)
    await import_vacancies(app, tmp_path, [guard_job("WN-010"), guard_job("WN-011", "仓库门卫")],
                           at("2026-11-26T09:00"))
    await stop_after_first_chunk(app, people)
    pushes_of = ItemPushes(app[keys.SESSIONS], app[keys.CIPHER], app[keys.DUE_WORK].planner, chunk=1)
    report = await pushes_of.plan_new_items(at("2026-11-26T09:10"))
    assert report.counts["items planned"] == 2 and report.counts["plannings resumed"] == 1
    # Resumed after the first person (the items' cursor): their chunk is not matched nor joined again.
    assert report.counts["pushes planned"] == 2 and report.counts["pushes joined to one waiting"] == 0
    for pid in people:
        [fire] = await fires(app, pid)
        assert fire.kind == "job_push" and fire.due_date == date(2026, 11, 26)
        assert sorted(fire.data["refs"]) == sorted(set(fire.data["refs"])) and len(fire.data["refs"]) == 2
    assert await planned_items(app) == [True, True]
    assert (await pushes_of.plan_new_items(at("2026-11-26T09:15"))).counts["pushes planned"] == 0


async def test_a_push_sent_between_the_two_plannings_is_not_sent_again(app: Any, tmp_path: Path) -> None:
    people = await guards(app)
    await import_vacancies(app, tmp_path, [guard_job("WN-010"), guard_job("WN-011", "仓库门卫")],
                           at("2026-11-26T09:00"))
    await stop_after_first_chunk(app, people)
    # The sweep sends the first person's push while its own planner finds the database gone (the items stay
    # unplanned), then a sweep with the database back plans the rest.
    due_work = app[keys.DUE_WORK]
    working = due_work.pushes
    due_work.pushes = ItemPushes(DatabaseGoneAfter(app[keys.SESSIONS], 0), app[keys.CIPHER], due_work.planner)
    await due_work.run_due(at("2026-11-26T10:00"), plan=False)  # the gaps' planning uses the database too
    due_work.pushes = working
    assert [p for p, *_ in await pushes(app)] == people[:1]
    async with app[keys.SESSIONS]() as session:
        assert set(await session.scalars(select(MatchOffer.person_id))) == {people[0]}
    await run(app, "2026-11-26T10:30")
    assert await planned_items(app) == [True, True]
    assert sorted(p for p, *_ in await pushes(app)) == people  # each once: nothing planned again for the first
    for pid in people:
        assert [(f.kind, f.due_date, f.status) for f in await fires(app, pid)] == [
            ("job_push", date(2026, 11, 26), "done")]
