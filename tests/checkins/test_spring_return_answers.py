"""The spring return check in the words of that season: "回了" is back at work, "还没回去 过了十五再走" a return
still to come (asked again a week on, once), "不去了" a job left; the year-round check-in reads none of them."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from sqlalchemy import select

from bot import keys
from dialogs import nlu
from dialogs.flows.checkin.answers import parse_spring_return, parse_status
from storage.models import InfoForm
from tests.checkins.helpers import add_people, fires, pushes
from tests.checkins.test_due_work import SH, answer, at, run


@pytest.mark.parametrize(("text", "want"), [
    ("回了", "still_employed"), ("初八就回来了", "still_employed"), ("回来了 在厂里", "still_employed"),
    ("早回来了", "still_employed"), ("已经开工了", "still_employed"),
    ("还没回去 过了十五再走", "not_back_yet"), ("厂里还没开工", "not_back_yet"),
    ("老板说先别回来 等通知", "not_back_yet"),
    ("还在家 没出去", "not_back_yet"), ("过两天就走", "not_back_yet"), ("没回来", "not_back_yet"),
    ("不去了 在家这边找个活", "job_lost"), ("今年不出去了", "job_lost"), ("不上班了", "job_lost"),
    ("换了个厂 在惠州", None), ("2", None),  # the year-round reading takes these
])
def test_the_seasons_words(text: str, want: str | None) -> None:
    assert parse_spring_return(text) == want


def test_the_year_round_check_in_does_not_read_the_factory_not_open_yet_as_back() -> None:
    # Outside the season "厂里还没开工" is no news of being back at work.
    text = "厂里还没开工"
    assert parse_status(text, nlu.understand(text, date(2027, 2, 24)), "employed") != "still_employed"


async def test_not_back_yet_is_asked_again_a_week_on_once(app: Any) -> None:
    [pid] = await add_people(app, 1, recorded_at=at("2027-01-25T10:00"))
    await run(app, "2027-01-26T10:00")
    await run(app, "2027-02-13T10:00")  # the check-in held over the holiday; the spring return planned
    for minute in (1, 2):
        await answer(app, pid, "1", f"2027-02-13T10:0{minute}")  # in post; wages and contract fine
    [spring] = [f for f in await fires(app, pid) if f.kind == "spring_return"]
    sent = spring.due_at.astimezone(SH) + timedelta(hours=1)
    await run(app, sent.strftime("%Y-%m-%dT%H:%M"))
    assert [p[2] for p in await pushes(app, pid)][-1] == "spring_return"
    reply = await answer(app, pid, "还没回去 过了十五再走", (sent + timedelta(minutes=5)).strftime("%Y-%m-%dT%H:%M"))
    assert any("过几天再问问您" in text for text in reply.replies)
    [again] = [f for f in await fires(app, pid) if f.kind == "spring_return" and f.data.get("recheck")]
    assert again.due_date == sent.date() + timedelta(days=7) and again.status == "due"
    later = again.due_at.astimezone(SH) + timedelta(hours=1)
    await run(app, later.strftime("%Y-%m-%dT%H:%M"))
    # The series' check-in due the day before went first; the recheck merged into it, in its season.
    assert [p[2] for p in await pushes(app, pid)][-2:] == ["spring_return", "checkin"]
    await answer(app, pid, "还没开工", (later + timedelta(minutes=5)).strftime("%Y-%m-%dT%H:%M"))
    rechecks = [f for f in await fires(app, pid) if f.kind == "spring_return" and f.data.get("recheck")]
    assert [(f.id, f.outcome) for f in rechecks] == [(again.id, "merged")]  # asked again once, no more
    async with app[keys.SESSIONS]() as session:
        status = await session.scalar(select(InfoForm.employment_status).where(InfoForm.person_id == pid))
    assert status == "employed"  # "还没开工" in the season is no job lost


async def test_a_check_in_asked_after_the_holiday_is_read_in_its_words(app: Any) -> None:
    """A series' check-in held over the Spring Festival went out after it as a plain check-in: "还没回去 过了十五再走"
    was read as work paused (or, worse, not understood). In the weeks after the holiday it is a return to come."""
    [pid] = await add_people(app, 1, recorded_at=at("2027-01-25T10:00"))
    await run(app, "2027-01-26T10:00")
    await run(app, "2027-02-13T10:00")  # the check-in held over the holiday goes out on the first day after it
    assert [p[2] for p in await pushes(app, pid)] == ["checkin"]
    reply = await answer(app, pid, "还没回去 过了十五再走", "2027-02-13T10:05")
    assert any("回去上班后要是有变化" in text for text in reply.replies)
    [recheck] = [f for f in await fires(app, pid) if f.data.get("recheck")]
    assert recheck.due_date == date(2027, 2, 20)


async def test_the_return_check_days_after_an_answer_in_the_season_is_not_sent(app: Any) -> None:
    """The check-in held over the holiday went out on its first morning and was answered "在岗"; the return check
    planned a few days later asked the same again. Within five days of such an answer it is not sent (recorded
    `answered_recently`); later in the window it is asked."""
    people = await add_people(app, 8, recorded_at=at("2027-01-25T10:00"))
    await run(app, "2027-01-26T10:00")
    await run(app, "2027-02-13T10:00")
    for pid in people:
        for minute in (1, 2):
            await answer(app, pid, "1", f"2027-02-13T10:0{minute}")  # in post; wages and contract fine
    springs = {pid: f for pid in people for f in await fires(app, pid) if f.kind == "spring_return"}
    # Each swept in the minute after it is due; the answer ("在岗") was at 10:01 on the 13th.
    def swept(spring: Any) -> str:
        return (spring.due_at.astimezone(SH) + timedelta(minutes=1)).strftime("%Y-%m-%dT%H:%M")

    soon = {pid for pid, f in springs.items() if at(swept(f)) < at("2027-02-18T10:01")}
    assert soon and soon != set(people)  # the slots spread over the window: both cases met
    for spring in sorted(springs.values(), key=lambda f: f.due_at):
        await run(app, swept(spring))
    for pid, spring in springs.items():
        [done] = [f for f in await fires(app, pid) if f.id == spring.id]
        topics = [p[2] for p in await pushes(app, pid)]
        if pid in soon:
            assert done.outcome == "answered_recently" and "spring_return" not in topics
        else:
            # Asked, or answered by the series' check-in asked the same morning (merged into it).
            assert done.outcome in ("sent", "merged") and topics.count("spring_return") <= 1
