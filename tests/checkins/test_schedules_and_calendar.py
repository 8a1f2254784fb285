"""Check-in series by status, sending hours, statutory holidays and the Spring Festival: pure date arithmetic."""

from __future__ import annotations

import base64
import hashlib
import logging
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from scheduler import calendar as calendar_module
from scheduler.calendar import ProgrammeCalendar, spread
from scheduler.schedules import CheckinPolicy, Offsets, ScheduleError, anchor_for, spring_slot

SHANGHAI = ZoneInfo("Asia/Shanghai")


def calendar() -> ProgrammeCalendar:
    return ProgrammeCalendar(SHANGHAI, (time(8, 0), time(21, 0)))


def test_employed_are_asked_14_and_30_days_after_the_record_then_every_30() -> None:
    policy = CheckinPolicy()
    anchor = date(2026, 3, 1)
    dates, after = [], anchor
    for _ in range(5):
        nxt = policy.next_checkin("employed", anchor, after)
        assert nxt is not None
        dates.append(nxt)
        after = nxt
    assert dates == [date(2026, 3, 15), date(2026, 3, 31), date(2026, 4, 30), date(2026, 5, 30), date(2026, 6, 29)]


def test_other_statuses_follow_their_own_series() -> None:
    policy = CheckinPolicy()
    anchor = date(2026, 3, 1)
    assert policy.next_checkin("unable", anchor, anchor) == date(2026, 5, 30)
    assert policy.next_checkin("unemployed", anchor, anchor, open_case=True) == date(2026, 3, 8)
    assert policy.next_checkin("unemployed", anchor, anchor, open_case=False) is None  # no case: no weekly call
    assert policy.next_checkin(None, anchor, anchor) is None


def test_after_downtime_the_next_date_is_after_today_not_every_missed_one() -> None:
    offsets = Offsets.parse("14,30,+30")
    assert offsets.next_after(date(2026, 1, 1), date(2026, 6, 10)) == date(2026, 6, 30)
    assert offsets.next_after(date(2020, 1, 1), date(2026, 6, 10)) > date(2026, 6, 10)


@pytest.mark.parametrize("bad", ["", "x", "0", "+7,14", "30,14", "-3"])
def test_unreadable_schedules_are_refused(bad: str) -> None:
    with pytest.raises(ScheduleError):
        Offsets.parse(bad)


def test_the_anchor_is_a_job_start_later_than_the_record() -> None:
    assert anchor_for("employed", date(2026, 3, 10), "2026-05") == date(2026, 5, 1)
    assert anchor_for("employed", date(2026, 3, 10), "2019-05") == date(2026, 3, 10)
    assert anchor_for("employed", date(2026, 3, 10), "garbage") == date(2026, 3, 10)
    assert anchor_for("unable", date(2026, 3, 10), "2026-05") == date(2026, 3, 10)


def test_pushes_wait_for_the_sending_hours_and_are_spread_over_the_first_two() -> None:
    cal = calendar()
    night = datetime(2026, 3, 10, 22, 30, tzinfo=SHANGHAI)
    times = [cal.push_time(night, pid) for pid in range(1, 201)]
    opening = datetime(2026, 3, 11, 8, 0, tzinfo=SHANGHAI)
    assert all(opening <= t < opening + timedelta(hours=2) for t in times)
    assert len({t.replace(second=0) for t in times}) > 60  # not all at one minute
    assert cal.push_time(night, 7) == cal.push_time(night, 7)  # stable for a person
    noon = datetime(2026, 3, 10, 12, 0, tzinfo=SHANGHAI)
    assert cal.push_time(noon, 7) == noon
    assert spread(7) == spread(7) and timedelta(0) <= spread(7) < timedelta(hours=2)


def test_statutory_holidays_hold_pushes_back_but_weekends_do_not() -> None:
    cal = calendar()
    # 2026 National Day holiday: 1-7 October (chinese-calendar data); 10 October 2026 is a Saturday.
    assert cal.is_statutory_holiday(date(2026, 10, 3))
    assert not cal.is_statutory_holiday(date(2026, 10, 10))
    assert cal.may_push(datetime(2026, 10, 10, 10, 0, tzinfo=SHANGHAI))
    held = cal.push_time(datetime(2026, 10, 2, 10, 0, tzinfo=SHANGHAI), 3)
    assert held.astimezone(SHANGHAI).date() == date(2026, 10, 8) and held.astimezone(SHANGHAI).hour in (8, 9)


def test_the_spring_festival_holiday_ends_when_the_schedule_says() -> None:
    cal = calendar()
    assert cal.spring_festival_end(2026) == date(2026, 2, 23)
    assert cal.spring_festival_end(2025) == date(2025, 2, 4)


def test_a_year_without_holiday_data_uses_the_lunar_calendar_and_says_so_once(
    caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    # As in a process that has not looked at 2027 yet.
    monkeypatch.setattr(calendar_module, "_WARNED", set(), raising=False)
    cal = calendar()
    with caplog.at_level(logging.ERROR, logger="scheduler.calendar"):
        # 2027: chinese-calendar 1.11.0 raises NotImplementedError for it.
        assert cal.spring_festival_end(2027) == date(2027, 2, 12)  # 正月初七 (Spring Festival: 6 February)
        assert cal.is_statutory_holiday(date(2027, 2, 8))
        assert cal.is_statutory_holiday(date(2027, 10, 1))
        assert not cal.is_statutory_holiday(date(2027, 3, 9))
        assert cal.may_push(datetime(2027, 3, 9, 2, 0, tzinfo=UTC))
        for day in range(1, 28):
            cal.is_statutory_holiday(date(2027, 6, day))
        # Another calendar in the same process (the CLI's planner beside the app's) says nothing more.
        assert calendar().is_statutory_holiday(date(2027, 2, 8))
    warnings = [r for r in caplog.records if "2027" in r.getMessage()]
    assert len(warnings) == 1 and "lunar" in warnings[0].getMessage()


def test_everyone_gets_a_day_within_the_return_window() -> None:
    first = date(2026, 2, 24)
    days = {spring_slot(pid, first, 14) for pid in range(1, 2001)}
    assert min(days) >= first and max(days) <= first + timedelta(days=13)
    assert len(days) == 14  # spread over the whole window


KEY = base64.urlsafe_b64encode(hashlib.sha256(b"schedule settings test").digest()).decode()


@pytest.mark.parametrize(("name", "value"), [
    ("JIUYE_CHECKIN_EMPLOYED", "+7,14"), ("JIUYE_CHECKIN_UNABLE", "soon"), ("JIUYE_SURVEY_REMINDERS", "7,3"),
    ("JIUYE_CHECKIN_VISIT_DAYS", "0"), ("JIUYE_SCHEDULER_INTERVAL", "-1"), ("JIUYE_SPRING_RETURN_DAYS", "x"),
])
def test_bad_schedule_settings_stop_the_service_naming_the_variable(name: str, value: str) -> None:
    from bot.settings import SettingsError, load_settings

    with pytest.raises(SettingsError, match=name):
        load_settings({name: value, "JIUYE_SECRET_KEY": KEY})


def test_schedule_settings_shape_the_policy() -> None:
    from bot.settings import load_settings

    settings = load_settings({"JIUYE_CHECKIN_EMPLOYED": "7,+14", "JIUYE_CHECKIN_REMINDER_HOURS": "24",
                              "JIUYE_CHECKIN_VISIT_DAYS": "5", "JIUYE_SECRET_KEY": KEY})
    policy = settings.checkin_policy
    assert policy.next_checkin("employed", date(2026, 3, 1), date(2026, 3, 8)) == date(2026, 3, 22)
    assert policy.reminder_after == timedelta(hours=24) and policy.visit_after == timedelta(days=5)
