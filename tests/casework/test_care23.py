"""care23 (2026-12-08): a caseworker's and a supervisor's week, last stop's leftovers.

1. A case's first-contact deadline was `now + 2 days` to the minute: opened on Friday at 23:00 it fell on Sunday at
   23:00 (at night), opened on the eve of the Spring Festival it fell in the holiday (the task went overdue and up to
   the supervisor while every office was closed). Now it is 2 days of working time: the programme calendar's sending
   hours (08:00-21:00) of days that are not statutory holidays (ProgrammeCalendar.after_working_days)."""

from __future__ import annotations

from datetime import UTC, datetime, time
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from bot.casework import open_assistance_case, open_rights_case
from bot.casework.cases import CALENDAR, first_contact_due
from bot.settings import Settings
from scheduler.calendar import ProgrammeCalendar
from storage.models import Alert, CaseworkTask
from tests.casework.people import caseworker, laborer
from tests.survey.helpers import cipher, database

SHANGHAI = ZoneInfo("Asia/Shanghai")


def _at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=SHANGHAI)


@pytest.mark.parametrize(("opened", "due"), [
    ("2026-11-30 10:00", "2026-12-02 10:00"),  # a guard: an ordinary Monday morning, two days later as before
    ("2026-11-26 10:00", "2026-11-28 10:00"),  # a guard: weekends count, as they do for the programme's pushes
    ("2026-12-04 23:00", "2026-12-06 21:00"),  # Friday night: counted from Saturday 08:00, not at 23:00 on Sunday
    ("2026-12-07 06:30", "2026-12-08 21:00"),  # early morning: from 08:00
    ("2026-02-14 20:00", "2026-02-25 20:00"),  # the Saturday before the Spring Festival (15th-23rd off)
    ("2026-02-16 10:00", "2026-02-25 21:00"),  # on the eve of the Spring Festival, in the holiday
    ("2026-09-30 20:30", "2026-10-09 20:30"),  # the evening before National Day (1st-7th off)
    ("2027-02-05 10:00", "2027-02-14 21:00"),  # 2027 has no schedule yet: the lunar calendar's holiday, no crash
])
def test_the_first_contact_deadline_is_counted_in_working_time(opened: str, due: str) -> None:
    assert first_contact_due(_at(opened).astimezone(UTC), 2) == _at(due)
    assert first_contact_due(_at(opened).astimezone(UTC), 2).tzinfo == UTC


def test_the_deployment_s_sending_hours_are_its_working_time() -> None:
    late = ProgrammeCalendar(SHANGHAI, (time(9, 0), time(18, 0)))
    assert first_contact_due(_at("2026-12-04 17:00"), 1, late) == _at("2026-12-05 17:00")
    assert first_contact_due(_at("2026-12-04 19:00"), 1, late) == _at("2026-12-05 18:00")
    assert CALENDAR.opens == time(8, 0) and CALENDAR.closes == time(21, 0)


async def test_a_case_opened_before_the_spring_festival_is_due_after_it(settings: Settings) -> None:
    """A laborer registered on Saturday 14 February 2026 at 20:00: the case, its task and the caseworker's alert said
    16 February 20:00, the eve of the Spring Festival, in the holiday."""
    c = cipher(settings)
    opened_at = _at("2026-02-14 20:00").astimezone(UTC)
    async with database(settings) as sessions, sessions() as session, session.begin():
        await caseworker(session, c, divisions=("520526",))
        person = await laborer(session, c, opened_at, status="unemployed")
        opened = await open_assistance_case(session, c, person_id=person, now=opened_at)
        rights = await open_rights_case(session, c, person_id=person, issue="wage_arrears", now=opened_at)
    async with database(settings) as sessions, sessions() as session:
        tasks = list(await session.scalars(select(CaseworkTask.due_at).where(CaseworkTask.kind == "first_contact")))
        alert = await session.scalar(select(Alert.body_enc).where(Alert.kind == "new_case"))
    assert opened.first_contact_due == rights.first_contact_due == _at("2026-02-25 20:00")
    assert len(tasks) == 2 and all(_aware(due) == _at("2026-02-25 20:00") for due in tasks)
    assert alert is not None and "请在2月25日 20:00前首次联系" in c.decrypt(alert)


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
