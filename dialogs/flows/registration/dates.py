"""Days people mention when they say when they stopped working (前天, 上个月底, 11月28号, 上周五), resolved
against today. A month alone (上个月) is reported as such, so that the dialog can ask which day; a month all that
will be said (反正是上个月, the day forgotten) counts as its last day, as far as today."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from dialogs import nlu
from dialogs.nlu import lunar
from dialogs.nlu.memo import short_memo
from dialogs.nlu.numerals import parse_numeral

_N = r"(?:\d{1,2}|[一二两三四五六七八九十]{1,3})"
# (前几天: about three days ago, as 国庆前几天 counts; it was asked "12月几号?")
_RELATIVE_DAYS = {"大前天": -3, "前天": -2, "前日": -2, "昨天": -1, "昨日": -1, "昨儿": -1, "今天": 0, "今日": 0,
                  "今儿": 0, "刚才": 0, "刚刚": 0, "前几天": -3, "几天前": -3, "前两天": -2}  # fmt: skip
_RELATIVE_RE = re.compile("|".join(sorted(_RELATIVE_DAYS, key=len, reverse=True)))
_AGO = re.compile(rf"({_N}|半)\s*(天|日|个?星期|个?礼拜|周|个月)\s*(?:以前|之前|前)")
_YEAR_WORDS = {"前年": -2, "去年": -1, "今年": 0}
_MONTH_SHIFT = {"上上个月": -2, "上上月": -2, "上个月": -1, "上月": -1, "这个月": 0, "本月": 0, "这月": 0}
_SHIFT = "|".join(sorted(_MONTH_SHIFT, key=len, reverse=True))
_ISO = re.compile(r"(?<!\d)(\d{4})\s*[-./年]\s*(\d{1,2})\s*[-./月]\s*(\d{1,2})")
_MONTH_DAY = re.compile(rf"(?:(前年|去年|今年)\s*)?({_N})\s*月\s*(?:份\s*)?({_N}|底|末|初|中)\s*(?:日|号)?")
_SHIFT_DAY = re.compile(rf"({_SHIFT})\s*(?:的)?\s*({_N}\s*(?:日|号)|底|末|初|中)")
_YEAR_END = re.compile(r"(前年|去年|今年)\s*(?:年)?(底|末|初)")
_BARE_DAY = re.compile(rf"(?<![月\d一二两三四五六七八九十]){_N}\s*(?:日|号)".replace(_N, f"({_N})", 1))
_WEEKDAY = re.compile(r"(上+|下)?\s*(?:个)?\s*(?:星期|礼拜|周)\s*([一二三四五六日天1-7])")
# 上个礼拜, 上周, 这个星期, 上周末: a week without its day (上周五 is _WEEKDAY's); its middle is taken (its
# Saturday for 周末), said back as an approximation as 二十几号 is (it asked "12月几号?" again).
_WEEK = re.compile(r"(上上|上|这|本)\s*(?:个)?\s*(?:星期|礼拜|周)(?![一二三四五六日天1-7])(末)?")
_WEEKDAYS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6,
             "1": 0, "2": 1, "3": 2, "4": 3, "5": 4, "6": 5, "7": 6}  # fmt: skip


# 腊月二十, 正月初八, 农历十一月十五: a lunar day (the last one before today), as the holidays are counted.
_LUNAR_MONTHS = {"正": 1, "冬": 11, "腊": 12}
_LUNAR_DAY = re.compile(
    r"(?:(农历|阴历)\s*([一二三四五六七八九十]{1,2}|正|冬|腊)|(正|冬|腊))月\s*"
    r"(初[一二三四五六七八九十]|廿[一二三四五六七八九]?|三十|[一二三四五六七八九十]{1,3})\s*(?:日|号)?"
)


def _lunar_day(m: re.Match[str], today: date) -> date | None:
    named = m.group(2) or m.group(3)
    month = _LUNAR_MONTHS.get(named) or parse_numeral(named)
    said = m.group(4).removeprefix("初").replace("廿", "二十")
    day = parse_numeral(said)
    if month is None or not 1 <= month <= 12 or day is None or not 1 <= day <= 30:
        return None
    year = lunar.lunar_year(today)
    found = lunar.to_solar(year, month, day)
    return found if found <= today else lunar.to_solar(year - 1, month, day)


# 元旦前两天, 国庆前几天, 五一之前, 过年前三天, 中秋那天: a day counted from a holiday (the last one before today).
_SOLAR_HOLIDAYS = {"元旦": (1, 1), "五一": (5, 1), "劳动节": (5, 1), "国庆": (10, 1)}
_LUNAR_HOLIDAYS = {"过年": (1, 1), "春节": (1, 1), "大年初一": (1, 1), "端午": (5, 5), "中秋": (8, 15)}
_HOLIDAY_DAY = re.compile(
    "(" + "|".join(sorted([*_SOLAR_HOLIDAYS, *_LUNAR_HOLIDAYS], key=len, reverse=True)) + ")"
    rf"节?\s*(?:(?:之|以)?前\s*(?:({_N}|几)\s*天)?|(那天|当天|那一天))"
)


def _holiday_day(m: re.Match[str], today: date) -> date | None:
    name, count = m.group(1), m.group(2)
    days = 3 if count == "几" else _number(count) if count else 1  # 几天: about three; 前 alone: the day before
    before = 0 if m.group(3) or days is None else -days
    for year in (today.year, today.year - 1):
        if name in _SOLAR_HOLIDAYS:
            month, day = _SOLAR_HOLIDAYS[name]
            found = date(year, month, day) + timedelta(days=before)
        else:
            month, day = _LUNAR_HOLIDAYS[name]
            found = lunar.to_solar(year, month, day) + timedelta(days=before)
        if found <= today:
            return found
    return None


@dataclass(frozen=True, slots=True)
class MonthOnly:
    """Only a month was said ("上个月"): YYYY-MM."""

    month: str


def _number(text: str) -> int | None:
    return int(text) if text.isdigit() else parse_numeral(text)


def _month_shift(today: date, months: int) -> tuple[int, int]:
    index = today.year * 12 + today.month - 1 + months
    return index // 12, index % 12 + 1


def _day_in(year: int, month: int, part: str) -> date | None:
    last = calendar.monthrange(year, month)[1]
    if part in ("底", "末"):
        return date(year, month, last)
    if part == "初":
        return date(year, month, 1)
    if part == "中":
        return date(year, month, 15)
    day = _number(re.sub(r"[日号\s]", "", part))
    if day is None or not 1 <= day <= last:
        return None
    return date(year, month, day)


# 二十几号, 十多号, 二十来号: a day remembered roughly. The middle of the span it names is taken (二十几: the 25th;
# 十几: the 15th; 二十来: the 20th) and said back as an approximation: the benefit counts from the registration date, so
# the day only needs to be about right (it was "11月几号?", the question asked again).
_APPROX_DAY = re.compile(r"(?<![一二两三四五六七八九十\d])(二十|十)\s*(几|多|来)\s*(?:号|日)")
_APPROX_AS = {("二十", "几"): "25", ("二十", "多"): "25", ("二十", "来"): "20",
              ("十", "几"): "15", ("十", "多"): "15", ("十", "来"): "10"}  # fmt: skip


def approximate(text: str) -> bool:
    """A day said roughly (上个月二十几号)."""
    t = nlu.normalize(text)
    return (("几" in text or "多" in text or "来" in text) and _APPROX_DAY.search(t) is not None) or (
        _WEEK.search(t) is not None and _WEEKDAY.search(t) is None)


def _as_exact(t: str) -> str:
    if "几" not in t and "多" not in t and "来" not in t:
        return t  # (cheap: a day said exactly, or none)
    return _APPROX_DAY.sub(lambda m: f"{_APPROX_AS[(m.group(1), m.group(2))]}号", t)


@short_memo
def find_day(text: str, today: date) -> date | MonthOnly | None:
    """The first day mentioned, a month when only a month is, or None. Memoised for short messages (the memos'
    rule): the survey looks for a day in every message while a job loss told waits for its day, and a dozen
    patterns and the month's reading found none in 1, 好的, 你好 every time."""
    t = _as_exact(nlu.normalize(text))
    if m := _ISO.search(t):
        try:
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            return None
    if m := _LUNAR_DAY.search(t):
        return _lunar_day(m, today)
    if m := _HOLIDAY_DAY.search(t):
        return _holiday_day(m, today)
    if m := _YEAR_END.search(t):
        year = today.year + _YEAR_WORDS[m.group(1)]
        return date(year, 12, 31) if m.group(2) in "底末" else date(year, 1, 1)
    if m := _SHIFT_DAY.search(t):
        year, month = _month_shift(today, _MONTH_SHIFT[m.group(1)])
        return _day_in(year, month, m.group(2))
    if m := _MONTH_DAY.search(t):
        month_number = _number(m.group(2))
        if month_number is not None and 1 <= month_number <= 12:
            if m.group(1):
                year = today.year + _YEAR_WORDS[m.group(1)]
            else:
                # People report what already happened: a later month than now was last year's.
                year = today.year - 1 if month_number > today.month else today.year
            found = _day_in(year, month_number, m.group(3))
            if found is not None and not m.group(1) and found > today:
                found = _day_in(year - 1, month_number, m.group(3))
            return found
    if (m := _RELATIVE_RE.search(t)) and not (m.group(0).startswith("前") and t[:m.start()].endswith("月")):
        return today + timedelta(days=_RELATIVE_DAYS[m.group(0)])  # (十月前几天: not a few days ago)
    if m := _AGO.search(t):
        count = 0.5 if m.group(1) == "半" else _number(m.group(1))
        if count is None:
            return None
        unit = m.group(2)
        days = count * (1 if unit in "天日" else 30 if unit.endswith("月") else 7)
        return today - timedelta(days=int(days))
    if m := _WEEKDAY.search(t):
        weekday = _WEEKDAYS[m.group(2)]
        this_week = today - timedelta(days=today.weekday()) + timedelta(days=weekday)
        if m.group(1) == "下":
            return this_week + timedelta(weeks=1)  # still to come: the dialog says so
        found = this_week - timedelta(weeks=len(m.group(1) or ""))
        return found if found <= today else found - timedelta(weeks=1)
    if m := _WEEK.search(t):
        monday = today - timedelta(days=today.weekday(), weeks=len(m.group(1)) if m.group(1).startswith("上") else 0)
        return min(monday + timedelta(days=5 if m.group(2) else 2), today)
    if m := _BARE_DAY.search(t):
        day = _number(m.group(1))
        if day is not None and 1 <= day <= 31:
            year, month = today.year, today.month
            if day > today.day:
                year, month = _month_shift(today, -1)
            return _day_in(year, month, str(day))
    said = nlu.parse_month(text, today)
    return MonthOnly(said) if said is not None else None


def month_end(month: str, today: date) -> date:
    """The last day of a month (YYYY-MM), or today in the month under way."""
    year, number = int(month[:4]), int(month[5:7])
    return min(date(year, number, calendar.monthrange(year, number)[1]), today)


_DAY_ONLY = re.compile(rf"^\s*(?:就是|是)?\s*(?:({_N})\s*(?:日|号)|(底|末|初|中旬|中|上旬|下旬))")
_PARTS = {"中旬": "中", "上旬": "初", "下旬": "底"}


def day_in_month(text: str, month: str) -> date | None:
    """A day said alone (20号, 月底 without the month) after the question named the month (是10月的哪一天?)."""
    m = _DAY_ONLY.search(_as_exact(nlu.normalize(text)).removeprefix("月"))
    if m is None:
        return None
    part = m.group(1) or _PARTS.get(m.group(2), m.group(2))
    return _day_in(int(month[:4]), int(month[5:7]), part)
