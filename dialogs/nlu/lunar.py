"""Lunar dates as Gregorian ones: the lunar months people name (腊月, 正月十五) and the end of the New Year
holiday (过完年), through lunar-python's tables."""

from __future__ import annotations

import datetime
import functools

from lunar_python import Lunar, LunarMonth, Solar

# The Lantern Festival (正月十五) ends the New Year holiday: when 过完年 and 开春 people go back to work.
HOLIDAY_END = (1, 15)


@functools.lru_cache(maxsize=512)
def to_solar(lunar_year: int, month: int, day: int) -> datetime.date:
    """The Gregorian date of a lunar date; 三十 in a month of 29 days is its last day."""
    day = max(1, min(day, int(LunarMonth.fromYm(lunar_year, month).getDayCount())))
    solar = Lunar.fromYmd(lunar_year, month, day).getSolar()
    return datetime.date(solar.getYear(), solar.getMonth(), solar.getDay())


def spring_festival_ahead(today: datetime.date) -> datetime.date:
    """The Spring Festival (正月初一) that 过完年 said today is after: this year's while its holiday lasts (to
    正月十五), else the next one."""
    year = lunar_year(today)
    return to_solar(year, 1, 1) if today <= to_solar(year, *HOLIDAY_END) else to_solar(year + 1, 1, 1)


@functools.lru_cache(maxsize=512)
def lunar_year(day: datetime.date) -> int:
    """The lunar year a Gregorian date falls in (January before the Spring Festival is the old year)."""
    return int(Solar.fromYmd(day.year, day.month, day.day).getLunar().getYear())
