"""When pushes may go out: the sending hours, statutory holidays (chinese-calendar, with a lunar fallback for
years it has no data for), the Spring Festival holiday, and a spread so that held-back work does not all
leave at one minute."""

from __future__ import annotations

import hashlib
import logging
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import chinese_calendar
from lunar_python import Lunar, Solar

log = logging.getLogger(__name__)

# Work held back (quiet hours, a holiday) goes out within this long after sending opens again.
SPREAD = timedelta(hours=2)
SPRING_FESTIVAL = "Spring Festival"
# Years a missing holiday schedule was logged for, in this process: once loudly, whichever calendar (a process
# builds several: the app's planner, the CLI's, a test's) finds it first.
_WARNED: set[int] = set()


def spread(person_id: int, within: timedelta = SPREAD) -> timedelta:
    """A stable offset in [0, within) for this person: the same minute every time, different people apart."""
    digest = hashlib.blake2b(person_id.to_bytes(8, "big", signed=True), digest_size=8).digest()
    return timedelta(seconds=int.from_bytes(digest, "big") % max(1, int(within.total_seconds())))


class ProgrammeCalendar:
    """The programme's local time, sending hours (start, end) and statutory holidays."""

    def __init__(self, tz: ZoneInfo, sending_hours: tuple[time, time]) -> None:
        self.tz = tz
        self.opens, self.closes = sending_hours
        self._holidays: dict[date, bool] = {}
        self._fallback: dict[int, frozenset[date]] = {}

    # -- holidays ----------------------------------------------------------------------------------

    def is_statutory_holiday(self, day: date) -> bool:
        """A day off by State Council schedule (weekends are not: pushes go out on weekends)."""
        cached = self._holidays.get(day)
        if cached is None:
            cached = self._holidays[day] = self._holiday(day)
        return cached

    def _holiday(self, day: date) -> bool:
        try:
            off, name = chinese_calendar.get_holiday_detail(day)
        except NotImplementedError:
            return day in self._fallback_holidays(day.year)
        return bool(off and name is not None)

    def _fallback_holidays(self, year: int) -> frozenset[date]:
        """A year chinese-calendar has no data for (it raises): the usual holidays from the solar and lunar
        calendars, logged loudly once, since the real schedule is only published each November."""
        if year not in _WARNED:
            _WARNED.add(year)
            log.error("no statutory holiday data for %d in chinese-calendar %s: using the lunar calendar's "
                      "usual holidays (update chinesecalendar when the State Council publishes the schedule)",
                      year, getattr(chinese_calendar, "__version__", "?"))
        if year not in self._fallback:
            days: set[date] = set()
            eve, last = self.lunar_spring_festival(year)
            days |= _span(eve, last)
            days |= _span(date(year, 1, 1), date(year, 1, 1))
            days |= _span(date(year, 5, 1), date(year, 5, 5))
            days |= _span(date(year, 10, 1), date(year, 10, 7))
            for month, day in ((5, 5), (8, 15)):  # Dragon Boat, Mid-Autumn
                days.add(_solar(Lunar.fromYmd(year, month, day).getSolar()))
            qingming = Lunar.fromYmd(year, 3, 1).getJieQiTable().get("清明")
            if qingming is not None:
                days.add(_solar(qingming))
            self._fallback[year] = frozenset(days)
        return self._fallback[year]

    @staticmethod
    def lunar_spring_festival(year: int) -> tuple[date, date]:
        """New Year's Eve to the seventh day of the first lunar month: how the holiday has run lately."""
        first = _solar(Lunar.fromYmd(year, 1, 1).getSolar())
        return first - timedelta(days=1), first + timedelta(days=6)

    def spring_festival_end(self, year: int) -> date:
        """The last day of the Spring Festival holiday of `year` (from the schedule, else the lunar calendar)."""
        first = _solar(Lunar.fromYmd(year, 1, 1).getSolar())
        try:
            day = first
            if chinese_calendar.get_holiday_detail(day)[1] != SPRING_FESTIVAL:
                raise NotImplementedError
            while chinese_calendar.get_holiday_detail(day + timedelta(days=1))[1] == SPRING_FESTIVAL:
                day += timedelta(days=1)
            return day
        except NotImplementedError:
            self._fallback_holidays(year)  # logs the missing year once
            return self.lunar_spring_festival(year)[1]

    # -- working time ------------------------------------------------------------------------------

    def after_working_days(self, moment: datetime, days: int) -> datetime:
        """`days` days of working time after `moment`: the sending hours of days that are not statutory holidays
        (weekends count, as they do for pushes), so that a deadline never falls at night or in a holiday. Within
        sending hours on an ordinary day it is `days` days later to the minute (opened Monday 10:00: Wednesday 10:00);
        opened at night or in a holiday, the count starts when sending opens (Friday 23:00: Sunday 21:00; the eve of
        the Spring Festival: the second working day after the holiday, at 21:00)."""
        opens, closes = self.opens, self.closes
        if days <= 0:
            return moment
        if closes <= opens:
            return moment + timedelta(days=days)  # (no sending hours to count in: whole days, as before)
        left = (datetime.combine(date.min, closes) - datetime.combine(date.min, opens)) * days
        cursor = self.local(moment)
        day = cursor.date()
        while True:
            if not self.is_statutory_holiday(day):
                start = max(cursor, datetime.combine(day, opens, tzinfo=self.tz))
                end = datetime.combine(day, closes, tzinfo=self.tz)
                if start < end:
                    if end - start >= left:
                        return (start + left).astimezone(moment.tzinfo)
                    left -= end - start
            day += timedelta(days=1)
            cursor = datetime.combine(day, opens, tzinfo=self.tz)

    # -- sending hours -----------------------------------------------------------------------------

    def local(self, moment: datetime) -> datetime:
        return moment.astimezone(self.tz)

    def may_push(self, moment: datetime) -> bool:
        local = self.local(moment)
        return self.opens <= local.time() < self.closes and not self.is_statutory_holiday(local.date())

    def next_opening(self, moment: datetime) -> datetime:
        """When sending next opens after `moment` (pushing is not allowed at `moment`)."""
        local = self.local(moment)
        day = local.date() if local.time() < self.opens else local.date() + timedelta(days=1)
        while self.is_statutory_holiday(day):
            day += timedelta(days=1)
        return datetime.combine(day, self.opens, tzinfo=self.tz)

    def push_time(self, moment: datetime, person_id: int) -> datetime:
        """`moment` itself when pushing is allowed then; else within the first two hours after sending opens,
        at this person's place in the spread."""
        if self.may_push(moment):
            return moment
        opening = self.next_opening(moment)
        window = min(SPREAD, datetime.combine(opening.date(), self.closes, tzinfo=self.tz) - opening)
        return opening + spread(person_id, window)

    def day_start(self, day: date, person_id: int) -> datetime:
        """When work due on `day` goes out: sending opens that day, spread over the first two hours."""
        return self.push_time(datetime.combine(day, time(0, 0), tzinfo=self.tz), person_id)


def _solar(solar: Solar) -> date:
    return date(solar.getYear(), solar.getMonth(), solar.getDay())


def _span(first: date, last: date) -> set[date]:
    return {first + timedelta(days=i) for i in range((last - first).days + 1)}
