"""What the push sweep will call: the people new items fit (only the new ones), never an item twice, at most
the weekly cap of pushes; who is open to offers at all."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from bot.job_import import import_items
from bot.settings import Settings, load_settings
from dialogs.matching.types import Scored
from storage import matches
from storage.info_forms import upsert_info_form
from storage.models import Person, RosterEntry
from tests.fakes.identity import make_id
from tests.jobs.data import (
    GUARD_SEEKER_ID,
    TODAY,
    TRAINING_HEADER,
    TRAININGS,
    VACANCIES,
    VACANCY_HEADER,
    YOUTH_ID,
    write_csv,
)
from tests.survey.helpers import cipher, database

NOW = datetime(2026, 11, 26, 2, 0, tzinfo=UTC)
LOOKING = {"employment_status": "unemployed", "willing_to_work": "yes", "home_division": "520526"}


async def person(session: AsyncSession, settings: Settings, record: dict[str, Any], *, opted_out: bool = False,
                 roster: bool = False) -> int:
    someone = Person(locale="zh_CN", opted_out_at=NOW if opted_out else None)
    session.add(someone)
    await session.flush()
    await upsert_info_form(session, cipher(settings), person_id=someone.id, record=record, source="wechat",
                           consent_at=NOW, consent_version="2026-11", now=NOW)
    if roster:
        session.add(RosterEntry(name="x", id_number_enc="e", id_number_hash=f"h{someone.id}", person_id=someone.id))
    return someone.id


async def people(settings: Settings) -> dict[str, int]:
    async with database(settings) as sessions, sessions() as session, session.begin():
        return {
            "guard": await person(session, settings, LOOKING | {
                "id_number": GUARD_SEEKER_ID, "preferred_scope": "anywhere", "desired_jobs": "想当保安",
                "expected_income": 3000}),
            "youth": await person(session, settings, LOOKING | {"id_number": YOUTH_ID}, roster=True),
            "employed": await person(session, settings, {
                "id_number": make_id("520526", TODAY.replace(year=1980), 31), "employment_status": "employed",
                "home_division": "520526", "job_type": "保安"}),
            "not_now": await person(session, settings, LOOKING | {
                "id_number": make_id("520526", TODAY.replace(year=1980), 33), "willing_to_work": "no",
                "desired_jobs": "保安"}),
            "opted_out": await person(session, settings, LOOKING | {
                "id_number": make_id("520526", TODAY.replace(year=1980), 35), "desired_jobs": "保安"}, opted_out=True),
        }


async def import_file(settings: Settings, tmp_path: Path, table: str, header: list[str], rows: list[list[str]],
                      now: datetime = NOW) -> None:
    async with database(settings) as sessions:
        path = write_csv(tmp_path / f"{table}-{now.timestamp()}.csv", header, rows)
        await import_items(table, sessions, cipher(settings), path, now=now, today=TODAY)  # type: ignore[arg-type]


def summary(found: dict[int, list[Scored]]) -> dict[int, list[tuple[str, int, list[str]]]]:
    return {pid: [(s.opening.external_id, s.score, [r.key.rsplit(".", 1)[1] for r in s.reasons]) for s in items]
            for pid, items in found.items()}


async def test_new_items_reach_only_the_people_they_fit_and_only_the_new_ones(
    settings: Settings, tmp_path: Path
) -> None:
    who = await people(settings)
    await import_file(settings, tmp_path, "vacancies", VACANCY_HEADER, VACANCIES)
    await import_file(settings, tmp_path, "trainings", TRAINING_HEADER, TRAININGS)
    async with database(settings) as sessions, sessions() as session:
        seekers = await matches.load_seekers(session, cipher(settings))
        assert sorted(s.person_id for s in seekers) == sorted([who["guard"], who["youth"]])
        first = summary(await matches.new_item_matches(session, cipher(settings), since=NOW - timedelta(hours=1),
                                                       today=TODAY))
    assert first == {
        who["guard"]: [("WN-001", 90, ["job_type", "same_county", "salary_ok"]),
                       ("WN-002", 75, ["public_welfare_older", "same_county"])],
        # Registered-household youth: the technical school, tuition waived.
        who["youth"]: [("BJ-T01", 90, ["tuition_free", "same_prefecture", "training_subsidy"])],
        # The welding course near home (40) and the guard job near home (30) are below the push threshold
        # (50, rules.toml): worth showing when asked, not a message of their own.
    }
    # A week later a new guard post comes in: only it is matched, not what was there before.
    later = NOW + timedelta(days=7)
    new_post = ["WN-004", "夜班门卫", "威宁某小区", "工厂", "威宁县", "", "2800", "3000", "1", "18", "60", "门卫", "",
                "", "", "", "2027-01-31"]
    await import_file(settings, tmp_path, "vacancies", VACANCY_HEADER, [new_post], now=later)
    async with database(settings) as sessions, sessions() as session:
        second = summary(await matches.new_item_matches(session, cipher(settings), since=later - timedelta(hours=1),
                                                        today=TODAY))
    assert second == {who["guard"]: [("WN-004", 90, ["job_type", "same_county", "salary_ok"])]}


async def test_never_the_same_item_twice_and_at_most_the_weekly_cap(settings: Settings, tmp_path: Path) -> None:
    who = await people(settings)
    await import_file(settings, tmp_path, "vacancies", VACANCY_HEADER, VACANCIES)
    guard = who["guard"]
    async with database(settings) as sessions:
        async with sessions() as session, session.begin():
            found = await matches.new_item_matches(session, cipher(settings), since=NOW - timedelta(hours=1),
                                                   today=TODAY)
            plan = await matches.plan_pushes(session, found, now=NOW, weekly_cap=3)
            assert [s.opening.external_id for s in plan[guard]] == ["WN-001", "WN-002"]
            await matches.record_push(session, guard, [plan[guard][0].opening.ref], trigger="import", now=NOW)
            # The second item was shown in the chat when he asked: never pushed either.
            await matches.record_offers(session, guard, [plan[guard][1].opening.ref], via="chat", now=NOW)
            # Recording an offer again changes nothing (the first time counts).
            await matches.record_offers(session, guard, [plan[guard][1].opening.ref], via="push", now=NOW)
        async with sessions() as session, session.begin():
            assert await matches.plan_pushes(session, found, now=NOW, weekly_cap=3) == {}
            assert (await matches.offered(session, [guard]))[guard] == {s.opening.ref for s in found[guard]}
            # The weekly cap counts pushes in the seven days before now, whatever they carried.
            fresh = {guard: [Scored(replace(s.opening, id=900 + i), s.score, s.reasons)
                             for i, s in enumerate(found[guard])]}
            for hours in (1, 2):
                await matches.record_push(session, guard, [], trigger="checkin", now=NOW + timedelta(hours=hours))
            assert await matches.pushes_in_week(session, [guard], NOW + timedelta(hours=3)) == {guard: 3}
            assert await matches.plan_pushes(session, fresh, now=NOW + timedelta(hours=3), weekly_cap=3) == {}
            assert guard in await matches.plan_pushes(session, fresh, now=NOW + timedelta(hours=3), weekly_cap=4)
            # A week after the first push it no longer counts.
            week_on = NOW + timedelta(days=7, seconds=1)
            assert await matches.pushes_in_week(session, [guard], week_on) == {guard: 2}
            assert [s.opening.id for s in (await matches.plan_pushes(session, fresh, now=week_on, weekly_cap=3))[
                guard]] == [900, 901]


def test_the_weekly_cap_is_a_setting(tmp_path: Path) -> None:
    base = {"JIUYE_VAR_DIR": str(tmp_path)}
    assert load_settings(base).job_pushes_per_week == 3
    assert load_settings(base | {"JIUYE_JOB_PUSHES_PER_WEEK": "5"}).job_pushes_per_week == 5
