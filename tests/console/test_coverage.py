"""Coverage counts by division: each measure of the small county, folded from exact codes to the level shown,
the simulated person left out, a laborer with two open visits counted once as unreachable."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from bot import keys
from bot.casework.tasks import open_visit_task
from bot.console.coverage import coverage_rows
from storage.info_forms import upsert_info_form
from storage.scope import Viewer
from tests.console.world import COUNTY, A, B, World

SUPERVISOR = Viewer(None, "supervisor", (COUNTY,))


def _counts(rows: Any) -> dict[str, dict[str, int]]:
    return {row.code: row.counts for row in rows}


async def test_every_measure_of_the_countys_townships(console: Any, world: World) -> None:
    app = console.server.app
    now = app[keys.CLOCK].now()
    async with app[keys.READ_SESSIONS]() as session:
        rows = await coverage_rows(session, SUPERVISOR, COUNTY, now)
    # A: 王小红 (form, not on the roster, unemployed, a case, a visit due in three days and the case's first
    # contact) and 陈老四 on the roster only; the simulated person of A counts nowhere. B: 张大山 alike. Surveyed is
    # a share of the roster: 王小红 is registered off it (it read 1/1 for A, 1/0 for B).
    assert _counts(rows) == {
        A: {"roster": 1, "surveyed": 0, "off_roster": 1, "employed": 0, "unemployed": 1, "unable": 0,
            "open_cases": 1, "unreachable": 1, "overdue": 0},
        B: {"roster": 0, "surveyed": 0, "off_roster": 1, "employed": 0, "unemployed": 1, "unable": 0,
            "open_cases": 1, "unreachable": 1, "overdue": 0},
    }
    assert [row.drill for row in rows] == [True, True]

    # A second open visit for 王小红, already late: one more overdue task, still one unreachable laborer.
    async with app[keys.SESSIONS]() as session, session.begin():
        await open_visit_task(session, app[keys.CIPHER], person_id=world.people["a"].person_id, reason="no_answer",
                              due_at=now - timedelta(days=1), now=now - timedelta(days=8), dedup_key="visit:late")
    async with app[keys.READ_SESSIONS]() as session:
        counts = _counts(await coverage_rows(session, SUPERVISOR, COUNTY, now))
        villages = _counts(await coverage_rows(session, SUPERVISOR, A, now))
    assert (counts[A]["unreachable"], counts[A]["overdue"]) == (1, 1)
    # One level down: the people of A are known to the township only: one row of their own code.
    assert list(villages) == [A] and villages[A] == counts[A]


async def test_pages_read_through_a_pool_that_cannot_write(console: Any) -> None:
    """READ_SESSIONS: a pool of its own whose transactions refuse writes (SQLite: deferred, no write lock;
    PostgreSQL: read-only transactions, no JIT)."""
    app = console.server.app
    assert app[keys.READ_SESSIONS].kw["bind"] is not app[keys.ENGINE]
    async with app[keys.READ_SESSIONS]() as session:
        if not app[keys.SETTINGS].is_sqlite:
            assert await session.scalar(text("SHOW jit")) == "off"
        with pytest.raises(DBAPIError, match=r"(?i)read-?only"):
            await session.execute(text("UPDATE person SET locale = 'en'"))


async def test_cases_and_tasks_count_where_they_are_recorded(console: Any, world: World) -> None:
    """Counts go by each record's own division, like the roster's and the forms': a case of A stays a case of A
    when its laborer's form later says another county. Looking up each record's laborer instead made a
    province's coverage hash every form of the province per page (benchmarks/README.md, console)."""
    app = console.server.app
    async with app[keys.SESSIONS]() as session, session.begin():
        await session.execute(text("UPDATE info_form SET home_division = :c WHERE person_id = :p"),
                              {"c": "520502100", "p": world.people["a"].person_id})
    async with app[keys.READ_SESSIONS]() as session:
        counts = _counts(await coverage_rows(session, SUPERVISOR, COUNTY, app[keys.CLOCK].now()))
    assert counts[A] | {"roster": 0} == {"roster": 0, "surveyed": 0, "off_roster": 0, "employed": 0, "unemployed": 0,
                                         "unable": 0, "open_cases": 1, "unreachable": 1, "overdue": 0}


async def test_surveyed_counts_the_forms_of_people_on_the_roster(console: Any, world: World) -> None:
    """陈老四, on the roster, registers: A reads 1/1 surveyed, none off the roster; 王小红 stays off it."""
    app = console.server.app
    roster_person = world.people["roster"].person_id
    async with app[keys.SESSIONS]() as session, session.begin():
        await upsert_info_form(session, app[keys.CIPHER], person_id=roster_person, source="sms",
                               consent_at=app[keys.CLOCK].now(), consent_version="2026-11", now=app[keys.CLOCK].now(),
                               record={"name": "陈老四", "home_division": A, "employment_status": "employed"})
    async with app[keys.READ_SESSIONS]() as session:
        counts = _counts(await coverage_rows(session, SUPERVISOR, COUNTY, app[keys.CLOCK].now()))
    assert (counts[A]["roster"], counts[A]["surveyed"], counts[A]["off_roster"]) == (1, 1, 1)
    assert (counts[A]["employed"], counts[A]["unemployed"]) == (1, 1)
