"""Months people mention (上个月, 3月份, 去年年底, 两个月前, 2024年5月, 前年腊月) resolved against today.

A survey question says which way time runs (`sense`): "when did you start" wants the past, "when can you
start" the future, so a bare 3月 or 腊月 is the last one or the next one. Without a question, a bare month
is the last one, and the end of the New Year holiday (过完年) the next one. Days (上礼拜, 前天) are counted
back from today; festivals (国庆, 端午) are dated through the calendar.
"""

from __future__ import annotations

import datetime
import re
from typing import Literal

from dialogs.nlu.lexicon import lexicon, words
from dialogs.nlu.lunar import HOLIDAY_END, lunar_year, to_solar
from dialogs.nlu.numerals import parse_numeral

Sense = Literal["past", "future"]

_N = r"(?:\d{1,2}|[一二两三四五六七八九十]{1,3})"
_YEAR_WORD = {"前年": -2, "去年": -1, "旧年": -1, "今年": 0, "明年": 1, "后年": 2}
# The month may be said in characters after a year in digits: 2024年五月, 24年十二月.
_EXPLICIT = re.compile(rf"(?<!\d)(\d{{4}}|\d{{2}})\s*年\s*({_N})\s*月|(?<!\d)(\d{{4}})[-./](\d{{1,2}})(?![\d.])")
# Years written digit by digit in characters: 二〇二五年五月, 二五年三月.
_HAN_DIGITS = "〇零一二三四五六七八九"
_HAN_YEAR = re.compile(rf"(?<![{_HAN_DIGITS}])([{_HAN_DIGITS}]{{4}}|[{_HAN_DIGITS}]{{2}})\s*年\s*({_N})\s*月")
# 一月一千五 is "a month, 1,500": a month followed by an amount is a rate, not a date.
_AMOUNT_AFTER = re.compile(r"(?:[\d.]{3,}|[\d.]*[零一二两三四五六七八九十]*[百千万kK块元])")
# 年初 is January, but 今年初中毕业 is about junior middle school (初中, 初三) and 今年中专 a school.
_PART = r"(底|末|初(?![中一二三级])|中(?![专学职技考秋]))"
_RELATIVE_YEAR = re.compile(rf"(前年|去年|旧年|今年|明年)\s*(?:年?{_PART}|({_N})\s*月)")
_MONTHS_AGO = re.compile(rf"(?:({_N}|半)\s*个?月(?:以前|之前|前)|前\s*({_N})\s*个月|半年(?:以前|之前|前))")
_SHIFT = {"上上个月": -2, "上上月": -2, "上个月": -1, "上月": -1, "这个月": 0, "本月": 0, "这月": 0,
          "下个月": 1, "下月": 1}  # fmt: skip
_SHIFT_RE = re.compile("|".join(sorted(_SHIFT, key=len, reverse=True)))
# A bare month number: not the 月 of a duration (一个月) and not part of a longer number.
_BARE = re.compile(rf"(?<![\d个{'零一二两三四五六七八九十百千万'}])({_N})\s*月(?!薪|工资)")
# 年底 as a payment term (年底一起结, 说年底给) is when pay comes, not a month anything happened.
_BARE_YEAR_PART = re.compile(
    r"(?<![今去明前])年(底|末|初(?![中一二三级]))(?!(?:一起|再|才|统一)?(?:结|给|发|算|付|清|一起))"
)
# Optional prefixes carry their own spaces: a bare `\s*` after an optional group would scan a long run of
# blanks (the digits understand() masks) from every position, quadratic in its length.
_YEAR_WORDS = r"(?:(前年|去年|旧年|今年|明年|后年)\s*)?"
_LUNAR_MONTHS = {str(k): int(v) for k, v in lexicon("time")["lunar_months"].items()}
# 腊月二十八, 正月初八, 正月十五, 腊月底; a lunar month said alone is taken at its middle.
_DIGIT = "[一二三四五六七八九]"
_LUNAR_DAY = rf"(初[一二三四五六七八九十]|十{_DIGIT}?|二十{_DIGIT}?|廿{_DIGIT}?|三十|\d{{1,2}}|底|末|中|初)?"
_LUNAR = re.compile(rf"{_YEAR_WORDS}({'|'.join(_LUNAR_MONTHS)})\s*{_LUNAR_DAY}")
_DAYS = {str(k): int(v) for k, v in lexicon("time")["days"].items()}
_DAYS_RE = re.compile("|".join(sorted(map(re.escape, _DAYS), key=len, reverse=True)))
_DAYS_AGO = re.compile(rf"(?<![\d零一二两三四五六七八九十])({_N}|\d{{1,3}})\s*天(?:以前|之前|前)")
# A year said as a number before a festival or a part of the year: 23年过完年, 2023年底.
_NUMBER_YEAR = r"(?:(\d{4}|\d{2})\s*年\s*)?"
_NUMBER_YEAR_PART = re.compile(r"(?<!\d)(\d{4}|\d{2})\s*年\s*(底|末|初(?![中一二三级])|中(?![专学职技考]))")
_FESTIVAL_DATES: dict[str, tuple[str, int, int]] = {
    name: (kind, int(str(day).split("-")[0]), int(str(day).split("-")[1]))
    for kind in ("solar", "lunar") for name, day in lexicon("time")["festivals"][kind].items()
}
# 五一 is May Day, but not inside 五千五一个月.
_FESTIVAL = re.compile(
    rf"{_NUMBER_YEAR}{_YEAR_WORDS}(?<![\d零一二两三四五六七八九十百千万])("
    + "|".join(sorted(map(re.escape, _FESTIVAL_DATES), key=len, reverse=True))
    + r")(?![个月天年号日])\s*(以前|之前|前|以后|之后|过后|后)?"
)
# 年后 is after the New Year holiday, but 两年后 is two years later.
_HOLIDAY_END = re.compile(
    rf"{_NUMBER_YEAR}{_YEAR_WORDS}(?<![\d零一二两三四五六七八九十几半多])"
    + "(?:" + "|".join(sorted(map(re.escape, words("time", "festival.after_new_year")), key=len, reverse=True))
    + ")"
)


def says_after_new_year(normalized: str) -> bool:
    """过完年才能去, 年后再说: the time said is the end of the New Year holiday (23年过完年 too)."""
    return _HOLIDAY_END.search(normalized) is not None


def _number(text: str) -> int | None:
    return int(text) if text.isdigit() else parse_numeral(text)


def _shift(today: datetime.date, months: int) -> str:
    index = today.year * 12 + today.month - 1 + months
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def _bare_month(today: datetime.date, month: int, sense: Sense | None = None) -> str:
    # People report what already happened: a month later in the year than now was last year's. Asked
    # about the future, a month earlier in the year than now is next year's.
    if sense == "future":
        year = today.year + 1 if month < today.month else today.year
    else:
        year = today.year - 1 if month > today.month else today.year
    return f"{year:04d}-{month:02d}"


def _month_of(day: datetime.date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def _lunar_day(text: str | None) -> int:
    if not text or text == "中":
        return 15
    if text in ("底", "末"):
        return 28
    if text == "初":
        return 5
    text = text.removeprefix("初").replace("廿", "二十")
    return int(text) if text.isdigit() else parse_numeral(text) or 15


def _nearest(
    today: datetime.date, dates: list[datetime.date], sense: Sense | None
) -> datetime.date:
    """Of the same day in consecutive years, the last one not after this month (the past) or the first
    one not before it (the future)."""
    this_month = (today.year, today.month)
    if sense == "future":
        return next((d for d in dates if (d.year, d.month) >= this_month), dates[-1])
    return next((d for d in reversed(dates) if (d.year, d.month) <= this_month), dates[0])


def _lunar_month(match: re.Match[str], today: datetime.date, sense: Sense | None) -> str:
    month, day = _LUNAR_MONTHS[match.group(2)], _lunar_day(match.group(3))
    if match.group(1):
        return _month_of(to_solar(today.year + _YEAR_WORD[match.group(1)], month, day))
    year = lunar_year(today)
    return _month_of(_nearest(today, [to_solar(y, month, day) for y in (year - 1, year, year + 1)], sense))


def _said_year(number: str | None, word: str | None, today: datetime.date) -> int | None:
    if number:
        return int(number) + (2000 if len(number) == 2 else 0)
    return today.year + _YEAR_WORD[word] if word else None


def _holiday_end(match: re.Match[str], today: datetime.date, sense: Sense | None) -> str:
    year = _said_year(match.group(1), match.group(2), today)
    if year is not None:
        return _month_of(to_solar(year, *HOLIDAY_END))
    year = lunar_year(today)
    # Said without a year, 过完年 is a plan unless the question is about the past.
    dates = [to_solar(y, *HOLIDAY_END) for y in (year, year + 1)]
    return _month_of(_nearest(today, dates, sense or "future"))


def _month_after_holiday(normalized: str, after: int, holiday_end: str) -> str:
    """过完年 三月份: the month said after the holiday's end, in that year (it was the holiday's own month)."""
    for match in _BARE.finditer(normalized, after):
        if _AMOUNT_AFTER.match(normalized, match.end()):
            continue
        said = _number(match.group(1))
        if said is not None and int(holiday_end[5:]) <= said <= 12:
            return f"{holiday_end[:4]}-{said:02d}"
        break
    return holiday_end


def _festival(match: re.Match[str], today: datetime.date, sense: Sense | None) -> str:
    kind, month, day = _FESTIVAL_DATES[match.group(3)]
    before = match.group(4) in ("以前", "之前", "前")

    def on(year: int) -> datetime.date:
        date = to_solar(year, month, day) if kind == "lunar" else datetime.date(year, month, day)
        return date - datetime.timedelta(days=1) if before else date

    year = _said_year(match.group(1), match.group(2), today)
    if year is not None:
        return _month_of(on(year))
    this = lunar_year(today) if kind == "lunar" else today.year
    return _month_of(_nearest(today, [on(y) for y in (this - 1, this, this + 1)], sense))


def only_days(normalized: str) -> bool:
    """The message is a day and little else (上个礼拜, 前天): an answer about when."""
    match = _DAYS_RE.search(normalized) or _DAYS_AGO.search(normalized)
    if match is None:
        return False
    rest = (normalized[: match.start()] + normalized[match.end() :]).strip()
    return re.fullmatch(r"[吧啊的了吗呢呀嘛就刚才是\s。.!！?？]*", rest) is not None


def _said_in_days(normalized: str, today: datetime.date) -> str | None:
    match = _DAYS_RE.search(normalized)
    if match:
        return _month_of(today + datetime.timedelta(days=_DAYS[match.group(0)]))
    match = _DAYS_AGO.search(normalized)
    if match:
        count = _number(match.group(1))
        if count is not None and 0 < count <= 400:
            return _month_of(today - datetime.timedelta(days=count))
    return None


def find_month(
    normalized: str, today: datetime.date, sense: Sense | None = None, *, days: bool = True
) -> str | None:
    """The first month mentioned, as YYYY-MM, or None. With a `sense`, bare months and lunar months are
    resolved that way. `days` off: 今天 / 前天 name no month (chit-chat: 今天下雨了)."""
    match = _EXPLICIT.search(normalized)
    if match:
        year_text = match.group(1) or match.group(3)
        month_number = _number(match.group(2) or match.group(4))
        year = int(year_text) + (2000 if len(year_text) == 2 else 0)  # 25年8月
        if month_number is not None and 1 <= month_number <= 12 and 1900 <= year <= today.year + 5:
            return f"{year:04d}-{month_number:02d}"
    match = _HAN_YEAR.search(normalized)
    if match:
        year_digits = "".join(str(max(0, _HAN_DIGITS.index(c) - 1)) for c in match.group(1))
        year = int(year_digits) + (2000 if len(year_digits) == 2 else 0)
        said_month = _number(match.group(2))
        if said_month is not None and 1 <= said_month <= 12 and 1900 <= year <= today.year + 5:
            return f"{year:04d}-{said_month:02d}"
    match = _LUNAR.search(normalized)
    if match:
        return _lunar_month(match, today, sense)
    match = _NUMBER_YEAR_PART.search(normalized)
    if match:
        year = int(match.group(1)) + (2000 if len(match.group(1)) == 2 else 0)
        if 1900 <= year <= today.year + 5:
            return f"{year:04d}-{ {'底': 12, '末': 12, '初': 1, '中': 6}[match.group(2)]:02d}"
    match = _RELATIVE_YEAR.search(normalized)
    if match:
        year = today.year + _YEAR_WORD[match.group(1)]
        part = match.group(2)
        named = {"底": 12, "末": 12, "初": 1, "中": 6}[part] if part else _number(match.group(3))
        if named is not None and 1 <= named <= 12:
            return f"{year:04d}-{named:02d}"
    match = _HOLIDAY_END.search(normalized)
    if match:
        return _month_after_holiday(normalized, match.end(), _holiday_end(match, today, sense))
    match = _FESTIVAL.search(normalized)
    if match:
        return _festival(match, today, sense)
    match = _SHIFT_RE.search(normalized)
    if match:
        return _shift(today, _SHIFT[match.group(0)])
    if days and (said := _said_in_days(normalized, today)) is not None:
        return said
    match = _MONTHS_AGO.search(normalized)
    if match:
        count_text = match.group(1) or match.group(2)
        if count_text is None:
            count: int | None = 6  # 半年前
        elif count_text == "半":
            count = None  # 半个月前 is still this month or the last; too vague to record
        else:
            count = _number(count_text)
        if count is not None and 0 < count <= 24:
            return _shift(today, -count)
    for match in _BARE.finditer(normalized):
        if _AMOUNT_AFTER.match(normalized, match.end()):
            continue
        bare = _number(match.group(1))
        if bare is not None and 1 <= bare <= 12:
            return _bare_month(today, bare, sense)
    match = _BARE_YEAR_PART.search(normalized)
    if match:
        return _bare_month(today, 12 if match.group(1) in "底末" else 1, sense)
    return None
