"""Pushes of new vacancies through the due-work sweep: only the new items, only to the people they fit, with
their reasons and how to answer; items already seen never again; quiet hours, holidays and opting out
respected; the pushed list takes a number and 报名 N like a list asked for."""

from __future__ import annotations

import asyncio
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select, update

from bot import keys
from scheduler.job_pushes import ItemPushes
from storage.models import JobApplication, MatchPush, Person, Vacancy
from tests.checkins.helpers import add_people, fires, pushes
from tests.jobs.data import VACANCIES
from tests.pushes.helpers import SH, answer, at, guard_job, import_vacancies, run, seeker

FOOTER = "回复序号看详情; 想去就回复 报名+序号, 比如: 报名 1。三天内回复都有效。"


def job_pushes(app: Any) -> Any:
    return [f for f in app if f.kind == "job_push"]


async def test_new_vacancies_reach_only_the_people_they_fit_once_with_reasons(app: Any, tmp_path: Path) -> None:
    guard = await seeker(app, born=date(1976, 3, 4), wants="想当保安", recorded_at=at("2026-11-20T10:00"))
    older = await seeker(app, born=date(1963, 3, 4), wants="保安", recorded_at=at("2026-11-20T10:00"), sequence=13)
    await add_people(app, 1, recorded_at=at("2026-11-20T10:00"), home_division="520526", prefix="e")  # employed
    await import_vacancies(app, tmp_path, VACANCIES, at("2026-11-26T09:00"))
    report = await run(app, "2026-11-26T10:00")
    assert report.counts["job_push planned"] == 1 and report.counts["job_push submitted"] == 1
    [(person, text, topic, channel)] = await pushes(app)
    assert (person, topic, channel) == (guard, "job_push", "auto")
    assert text.startswith("有新的工作适合您:\n\n1. 小区保安 (威宁鑫安物业公司)\n")
    assert "推荐理由: 岗位对口: 保安; 离家近 (同县); 工资符合您的期望" in text
    assert "2. 生态护林员" in text and text.endswith(FOOTER)
    assert "电子厂" not in text  # the Shenzhen factory takes nobody over 35
    assert older not in {p for p, *_ in await pushes(app)}  # 62: over every age limit here
    # The same sweep again, and the next day: nothing new, nothing planned, nothing sent.
    assert (await run(app, "2026-11-26T10:05")).counts["job_push planned"] == 0
    assert (await run(app, "2026-11-27T10:00")).counts["job_push submitted"] == 0
    # A new guard job two days later: his push carries it, and only it.
    await import_vacancies(app, tmp_path, [guard_job("WN-010")], at("2026-11-28T09:00"))
    await run(app, "2026-11-28T10:00")
    later = [t for p, t, *_ in (await pushes(app))[1:] if p == guard]
    assert len(later) == 1 and "1. 超市保安 (威宁万家超市)" in later[0] and "小区保安" not in later[0]
    async with app[keys.SESSIONS]() as session:
        new = await session.scalar(select(Vacancy.id).where(Vacancy.external_id == "WN-010"))
    assert [f.data for f in job_pushes(await fires(app, guard))][-1] == {"trigger": "import", "refs": [f"v{new}"]}
    # The older man is 62: the guard job takes people up to 60; still nothing for him.
    assert older not in {p for p, *_ in await pushes(app)}


async def test_what_was_shown_in_the_chat_is_never_pushed(app: Any, tmp_path: Path) -> None:
    guard = await seeker(app, born=date(1976, 3, 4), wants="想当保安", recorded_at=at("2026-11-20T10:00"))
    await import_vacancies(app, tmp_path, VACANCIES, at("2026-11-26T09:00"))
    shown = await answer(app, guard, "有啥活干", "2026-11-26T09:30")
    assert any("小区保安" in r for r in shown.replies)
    report = await run(app, "2026-11-26T10:00")
    assert report.counts["job_push planned"] == 0 and await pushes(app) == []
    # The same vacancy imported again (a changed wage) is not new: still nothing.
    changed = [[*r[:6], "2600", *r[7:]] if r[0] == "WN-001" else r for r in VACANCIES]
    await import_vacancies(app, tmp_path, changed, at("2026-11-27T09:00"))
    assert (await run(app, "2026-11-27T10:00")).counts["job_push planned"] == 0 and await pushes(app) == []


async def test_quiet_hours_and_holidays_hold_a_push_back(app: Any, tmp_path: Path) -> None:
    guard = await seeker(app, born=date(1976, 3, 4), wants="想当保安", recorded_at=at("2026-09-20T10:00"))
    await import_vacancies(app, tmp_path, [guard_job("WN-010")], at("2026-09-29T22:00"))
    await run(app, "2026-09-29T22:30")  # planned at night: for the morning
    assert await pushes(app) == []
    [fire] = job_pushes(await fires(app, guard))
    local = fire.due_at.astimezone(SH)
    assert local.date() == date(2026, 9, 30) and 8 <= local.hour < 10
    await run(app, "2026-09-30T10:00")
    assert len(await pushes(app)) == 1
    # Imported on National Day: held until the first working day after the holiday.
    await import_vacancies(app, tmp_path, [guard_job("WN-011", "仓库门卫")], at("2026-10-02T10:00"))
    await run(app, "2026-10-02T10:30")
    await run(app, "2026-10-05T10:30")
    assert len(await pushes(app)) == 1
    [_, held] = job_pushes(await fires(app, guard))
    assert held.status == "due" and held.due_at.astimezone(SH).date() == date(2026, 10, 8)
    await run(app, "2026-10-08T11:00")
    [_, (_, text, _, _)] = await pushes(app)
    assert "仓库门卫" in text


async def test_the_opted_out_get_no_push(app: Any, tmp_path: Path) -> None:
    early = await seeker(app, born=date(1976, 3, 4), wants="想当保安", recorded_at=at("2026-11-20T10:00"))
    late = await seeker(app, born=date(1977, 3, 4), wants="想当保安", recorded_at=at("2026-11-20T10:00"), sequence=13)
    async with app[keys.SESSIONS]() as session, session.begin():
        await session.execute(update(Person).where(Person.id == early).values(opted_out_at=at("2026-11-21T10:00")))
    await import_vacancies(app, tmp_path, [guard_job("WN-010")], at("2026-11-26T22:00"))
    await run(app, "2026-11-26T22:30")  # planned for the morning: only for the one not opted out
    assert job_pushes(await fires(app, early)) == []
    [planned] = job_pushes(await fires(app, late))
    assert planned.status == "due"
    await answer(app, late, "退订", "2026-11-26T23:00")  # ... who opts out during the night
    await run(app, "2026-11-27T10:00")
    assert await pushes(app) == []
    [done] = job_pushes(await fires(app, late))
    assert (done.status, done.outcome) == ("done", "opted_out")


async def test_the_pushed_list_takes_a_number_and_an_application(app: Any, tmp_path: Path) -> None:
    guard = await seeker(app, born=date(1976, 3, 4), wants="想当保安", recorded_at=at("2026-11-20T10:00"))
    await import_vacancies(app, tmp_path, [guard_job("WN-010")], at("2026-11-26T09:00"))
    await run(app, "2026-11-26T10:00")
    # Two days later (a list asked for in the chat is taken for one day; a pushed one for three).
    details = await answer(app, guard, "1", "2026-11-28T09:00")
    assert details.replies[0].startswith("超市保安 (企业招工)\n单位: 威宁万家超市")
    applied = await answer(app, guard, "报名 1", "2026-11-28T09:01")
    assert applied.replies == ("已帮您报名「超市保安」。"
        "接下来负责您的工作人员会联系您, 帮您跟单位约面试或上岗的时间; 7天后我们会问问您进展, 等不及可以回复 人工。",)
    async with app[keys.SESSIONS]() as session:
        [application] = list(await session.scalars(select(JobApplication)))
    assert application.person_id == guard and application.status == "applied"
    # The follow-up is planned seven days on.
    [follow_up] = [f for f in await fires(app, guard) if f.kind == "job_follow_up"]
    assert follow_up.due_date == date(2026, 12, 5) and follow_up.status == "due"


async def test_two_planners_at_once_plan_each_new_item_once(app: Any, tmp_path: Path) -> None:
    guard = await seeker(app, born=date(1976, 3, 4), wants="想当保安", recorded_at=at("2026-11-20T10:00"))
    await import_vacancies(app, tmp_path, [guard_job("WN-010"), guard_job("WN-011", "仓库门卫")],
                           at("2026-11-26T09:00"))
    planner = app[keys.DUE_WORK].planner
    pushes_of = [ItemPushes(app[keys.SESSIONS], app[keys.CIPHER], planner) for _ in range(2)]
    reports = await asyncio.gather(*(p.plan_new_items(at("2026-11-26T09:05")) for p in pushes_of))
    assert sum(r.counts["items planned"] for r in reports) == 2
    assert sum(r.counts["pushes planned"] for r in reports) == 1
    [fire] = job_pushes(await fires(app, guard))
    assert len(fire.data["refs"]) == 2
    await run(app, "2026-11-26T10:00")
    async with app[keys.SESSIONS]() as session:
        assert len(list(await session.scalars(select(MatchPush)))) == 1


async def test_a_course_at_home_is_pushed_to_someone_who_would_work_elsewhere_and_one_far_away_never(
    app: Any, tmp_path: Path
) -> None:
    """Training is taken where it is held: the home county's pre-employment course reaches a Weining man who
    wants work in other provinces (before he goes), with its reason; one held in Hunan does not."""
    from bot.job_import import import_items
    from tests.jobs.data import TRAINING_HEADER, write_csv

    welder = await seeker(app, born=date(1990, 3, 4), wants="电焊", recorded_at=at("2026-11-20T10:00"),
                          scope="other_provinces")
    rows = [[ref, "电焊工 劳动预备制培训", provider, "劳动预备制培训", place, "2026-12-10", "2026-12-30", "18", "55",
             "不限", "电焊", "每人1500元", "20", "", "", "2026-12-09"]
            for ref, provider, place in (("WN-T02", "威宁职业培训中心", "威宁县"),
                                         ("HN-T01", "邵阳职业培训中心", "湖南省邵阳市邵阳县"))]
    report = await import_items("trainings", app[keys.SESSIONS], app[keys.CIPHER],
                                write_csv(tmp_path / "t.csv", TRAINING_HEADER, rows), now=at("2026-11-26T09:00"),
                                today=date(2026, 11, 26))
    assert report.invalid == []
    await run(app, "2026-11-26T10:00")
    [(person, text, _, _)] = await pushes(app)
    assert person == welder
    assert "威宁职业培训中心" in text and "邵阳" not in text
    assert "推荐理由: 岗位对口: 电焊; 家门口的培训; 有培训补贴" in text
