"""Months people mention (上个月, 3月份, 去年年底, 两个月前, 2024年5月) resolved against today."""

from __future__ import annotations

import datetime
import re

from dialogs.nlu.numerals import parse_numeral

_N = r"(?:\d{1,2}|[一二两三四五六七八九十]{1,3})"
_YEAR_WORD = {"前年": -2, "去年": -1, "今年": 0, "明年": 1}
_EXPLICIT = re.compile(r"(?<!\d)(\d{4}|\d{2})\s*年\s*(\d{1,2})\s*月|(?<!\d)(\d{4})[-./](\d{1,2})(?![\d.])")
# Years written digit by digit in characters: 二〇二五年五月, 二五年三月.
_HAN_DIGITS = "〇零一二三四五六七八九"
_HAN_YEAR = re.compile(rf"(?<![{_HAN_DIGITS}])([{_HAN_DIGITS}]{{4}}|[{_HAN_DIGITS}]{{2}})\s*年\s*({_N})\s*月")
# 一月一千五 is "a month, 1,500": a month followed by an amount is a rate, not a date.
_AMOUNT_AFTER = re.compile(r"(?:[\d.]{3,}|[\d.]*[零一二两三四五六七八九十]*[百千万kK块元])")
# 年初 is January, but 今年初中毕业 is about junior middle school (初中, 初三) and 今年中专 a school.
_PART = r"(底|末|初(?![中一二三级])|中(?![专学职技考]))"
_RELATIVE_YEAR = re.compile(rf"(前年|去年|今年|明年)\s*(?:年?{_PART}|({_N})\s*月)")
_MONTHS_AGO = re.compile(rf"(?:({_N}|半)\s*个?月(?:以前|之前|前)|前\s*({_N})\s*个月|半年(?:以前|之前|前))")
_SHIFT = {"上上个月": -2, "上上月": -2, "上个月": -1, "上月": -1, "这个月": 0, "本月": 0, "这月": 0,
          "下个月": 1, "下月": 1}  # fmt: skip
_SHIFT_RE = re.compile("|".join(sorted(_SHIFT, key=len, reverse=True)))
# A bare month number: not the 月 of a duration (一个月) and not part of a longer number.
_BARE = re.compile(rf"(?<![\d个{'零一二两三四五六七八九十百千万'}])({_N})\s*月(?!薪|工资)")
_BARE_YEAR_PART = re.compile(r"(?<![今去明前])年(底|末|初(?![中一二三级]))")


def _number(text: str) -> int | None:
    return int(text) if text.isdigit() else parse_numeral(text)


def _shift(today: datetime.date, months: int) -> str:
    index = today.year * 12 + today.month - 1 + months
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def _bare_month(today: datetime.date, month: int) -> str:
    # People report what already happened: a month later in the year than now was last year's.
    year = today.year - 1 if month > today.month else today.year
    return f"{year:04d}-{month:02d}"


def find_month(normalized: str, today: datetime.date) -> str | None:
    """The first month mentioned, as YYYY-MM, or None."""
    match = _EXPLICIT.search(normalized)
    if match:
        year_text = match.group(1) or match.group(3)
        month_number = int(match.group(2) or match.group(4))
        year = int(year_text) + (2000 if len(year_text) == 2 else 0)  # 25年8月
        if 1 <= month_number <= 12 and 1900 <= year <= today.year + 5:
            return f"{year:04d}-{month_number:02d}"
    match = _HAN_YEAR.search(normalized)
    if match:
        year_digits = "".join(str(max(0, _HAN_DIGITS.index(c) - 1)) for c in match.group(1))
        year = int(year_digits) + (2000 if len(year_digits) == 2 else 0)
        said_month = _number(match.group(2))
        if said_month is not None and 1 <= said_month <= 12 and 1900 <= year <= today.year + 5:
            return f"{year:04d}-{said_month:02d}"
    match = _RELATIVE_YEAR.search(normalized)
    if match:
        year = today.year + _YEAR_WORD[match.group(1)]
        part = match.group(2)
        named = {"底": 12, "末": 12, "初": 1, "中": 6}[part] if part else _number(match.group(3))
        if named is not None and 1 <= named <= 12:
            return f"{year:04d}-{named:02d}"
    match = _SHIFT_RE.search(normalized)
    if match:
        return _shift(today, _SHIFT[match.group(0)])
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
            return _bare_month(today, bare)
    match = _BARE_YEAR_PART.search(normalized)
    if match:
        return _bare_month(today, 12 if match.group(1) in "底末" else 1)
    return None
