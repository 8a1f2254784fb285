"""Monthly salary amounts in yuan: 4500元/月, 5k, 3.5k, 三千五, 一万二, 四千多, 五六千, 4000-5000."""

from __future__ import annotations

import re
from dataclasses import dataclass

from dialogs.nlu.lexicon import alternation
from dialogs.nlu.numerals import DIGITS, UNITS, parse_numeral

_CN = "零〇一二两俩三四五六七八九十百千万壹贰叁肆伍陆柒捌玖拾佰仟萬幺"
# An Arabic amount with optional decimals and multiplier (3.5k, 1.2万, 3千5), or a Chinese numeral.
_AMOUNT = re.compile(
    rf"(?P<arabic>\d+(?:\.\d+)?)(?P<mult>[kKwW千万](?:\d(?!\d)|[{_CN}](?![{_CN}]))?)?"
    rf"|(?P<chinese>[{_CN}]+)"
)
# What follows a number that makes it a count of something else: dates, ages, durations, people.
_NOT_MONEY_AFTER = re.compile(r"\s*(?:年|月|号|日|岁|点|个|天|次|小时|口|人|周|星期|分钟|楼|层|%)")
# Money someone owes, charged or lent is not what the person earns per month. Whom it is owed to
# may stand between (欠俺们大伙两万多, 欠了工人每人三千).
_NOT_SALARY_BEFORE = re.compile(
    rf"(?:(?:欠|收|罚|赔|借|贷|押金|花|交|补|退|扣)[了我俺他她们的]{{0,3}}|(?:欠|赔|借)[^\d{_CN}\s,，。]{{0,6}}|差(?:了|着)?[我俺他她你]们?[^\d{_CN}\s,，。]{{0,4}})$"
)
# A lump sum paid to settle something (给了两千块打发我, 赔了一万了事) is compensation, not pay.
_NOT_SALARY_AFTER = re.compile(
    r"\s*(?:块钱|块|元|rmb)?(?:钱)?\s*(?:就)?(?:打发|了事|私了|赔偿|补偿|医药费|营养费|路费|押金|中介费|罚款|(?:让|叫)(?:我|我们)?走)"
)
# Pay per day, hour, piece or year is no monthly salary (一天两百, 200一天, 年薪十万).
_PER_OTHER_BEFORE = re.compile(
    rf"(?:一天|每天|天天|日薪|日工资|日结|一小时|每小时|一个小时|时薪|一件|每件|一年|每年|年薪|年收入|年底|"
    rf"一趟|每趟|一单|每单|一晚|一平|每平|一方)[^\d{_CN}]{{0,3}}$"
)
_PER_OTHER_AFTER = re.compile(r"\s*(?:块钱|块|元|rmb)?\s*(?:/|每|一|一个)\s*(?:天|日|小时|钟头|件|年|趟|单|晚|平|方)")
# A difference is no salary either: 工资多五百, 涨了三百, 比原来少一千 (but 涨到五千 is a level).
_DIFFERENCE_BEFORE = re.compile(r"(?:(?<![最差不至])多|涨|少|加|降|(?<!最)高|(?<!最)低|差)(?:挣|赚|拿|给|发)?了?$")
_MONEY_AFTER = re.compile(r"\s*(?:元|块|rmb|RMB|多|来|左右|以上|上下|出头|的|一个月|每月|/月|/月)")
_MONEY_BEFORE = re.compile(
    rf"(?:工资|工钱|月薪|薪水|薪资|底薪|保底|待遇|收入|月入|挣|赚|拿|到手|开|给|发|一个月|每月|每个月|月)"
    rf"[^\d{_CN}]{{0,4}}$"
)
_RANGE_JOIN = re.compile(r"\s*(?:-|~|到|至)\s*")

_CUE_WINDOW = 16
MIN_MONTHLY = 100
MAX_MONTHLY = 1_000_000


@dataclass(frozen=True, slots=True)
class Amount:
    value: int
    start: int
    end: int
    has_unit: bool  # written with 千/万/k/w or as a Chinese numeral: plainly an amount of money


def _value(match: re.Match[str]) -> tuple[int, bool] | None:
    if match.group("chinese"):
        text = match.group("chinese")
        value = parse_numeral(text)
        return (value, True) if value is not None else None
    number = float(match.group("arabic"))
    mult = match.group("mult")
    if not mult:
        return (int(number), False) if number.is_integer() else None
    unit = UNITS[mult[0].lower()]
    tail = mult[1:]
    # 3千5 / 1万2: the trailing digit is in the next unit down.
    extra = DIGITS[tail] * unit // 10 if tail else 0
    return round(number * unit) + extra, True


def _glued(text: str, start: int) -> list[Amount]:
    for cut in range(2, len(text) - 1):
        first, second = parse_numeral(text[:cut]), parse_numeral(text[cut:])
        if first is not None and second is not None and first >= 100 and second >= 100:
            return [Amount(first, start, start + cut, True), Amount(second, start + cut, start + len(text), True)]
    return []


def amounts(normalized: str) -> list[Amount]:
    """Every number that can be money, in text order, with 五六千-style ranges at their lower bound."""
    found: list[Amount] = []
    for match in _AMOUNT.finditer(normalized):
        start, end = match.span()
        text = match.group(0)
        after = normalized[end : end + 2]
        # 四千五百一个月: the 一 belongs to 一个月, not to the amount.
        chinese = match.group("chinese")
        if chinese and len(text) > 1 and text.endswith("一") and after.startswith(("个", "月", "天", "小时", "年")):
            text, end = text[:-1], end - 1
            parsed = parse_numeral(text)
            value = (parsed, True) if parsed is not None else None
        else:
            value = _value(match)
        if value is None and chinese:
            # 一千五两千: two amounts typed together, each a well-formed numeral.
            found.extend(_glued(chinese, start))
            continue
        if value is None or _NOT_MONEY_AFTER.match(normalized, end):
            continue
        found.append(Amount(value[0], start, end, value[1]))
    # 6-7千, 五到六千: the first number borrows the unit of the second.
    for index in range(len(found) - 1):
        first, second = found[index], found[index + 1]
        joined = _RANGE_JOIN.fullmatch(normalized[first.end : second.start])
        if joined and second.has_unit and first.value < 10:
            scale = second.value // max(1, int(str(second.value)[0]))
            found[index] = Amount(first.value * scale, first.start, first.end, True)
    return found


def find_salary(normalized: str, require_context: bool) -> int | None:
    """The first plausible monthly amount.

    With require_context (free text), a plain Arabic number counts only with a money word nearby
    (元, 工资, 一个月 ...) or when it is all the message says; survey answers skip that check.
    """
    bare_message = re.fullmatch(r"\s*\S+\s*", normalized) is not None
    found: list[int] = []
    for amount in amounts(normalized):
        if not MIN_MONTHLY <= amount.value <= MAX_MONTHLY:
            continue
        # Every cue before an amount is short; a window keeps a long message with many numbers linear.
        before = normalized[max(0, amount.start - _CUE_WINDOW) : amount.start]
        if (
            _NOT_SALARY_BEFORE.search(before)
            or _PER_OTHER_BEFORE.search(before)
            or _DIFFERENCE_BEFORE.search(before)
            or _PER_OTHER_AFTER.match(normalized, amount.end)
            or _NOT_SALARY_AFTER.match(normalized, amount.end)
        ):
            continue
        if require_context and not (
            amount.has_unit
            or bare_message
            or _MONEY_AFTER.match(normalized, amount.end)
            or _MONEY_BEFORE.search(before)
        ):
            continue
        if not found and not _SWINGS.search(normalized):
            return amount.value
        found.append(amount.value)
    # Pay that swings (好的时候七八千 差的时候四五千, told beside other facts) at its low end, as the pay question
    # records it (it was the first amount, 7000).
    return min(found) if found else None


def find_amount(normalized: str) -> int | None:
    """The first number that can be money, with no check of size, period or context."""
    found = amounts(normalized)
    return found[0].value if found else None


# Pay by the day, and how many days a month: 一天100 一个月干十来天, 200一天 每月二十几天, 日薪三百.
_PER_DAY_BEFORE = re.compile(rf"(?:一天|每天|天天|日薪|日工资|日结|一日|每日|一个工|一工)[^\d{_CN}，。,]{{0,3}}$")
_PER_DAY_AFTER = re.compile(r"\s*(?:块钱|块|元)?\s*(?:/|每|一|一个)\s*(?:天|日|工)(?!数)")
# 二十五六天, 二十六七天: a range said with its last digit only; the lower end is kept.
_RANGE_END = "(?:[一二三四五六七八九])?"
_DAYS_WORKED = re.compile(
    rf"(?:月|个月)[^\d{_CN}，。,\s]{{0,5}}?(?P<days>\d{{1,2}}|[{_CN}]{{1,3}}){_RANGE_END}\s*(?:来|多|几|左右)?\s*(?:天|个工|工)"
    r"|(?P<half>半个月)"
)
_DAYS_ALONE = re.compile(
    # (活多就干二十几天 下雨就歇: the days of a busy month, the low end, as 二十几天 alone)
    rf"\s*(?:(?:活多|活儿多|活路多|忙|天好|天气好)(?:的时候|时)?(?:就|能)?)?"
    rf"\s*(?:一般|大概|差不多|平均|平时|基本上?)?\s*(?:能|要)?(?:干|做|上|出工)?个?(?:满|够|足)?了?\s*(\d{{1,2}}|[{_CN}]{{1,3}}){_RANGE_END}\s*(?:来|多|几|左右)?\s*(?:天|个工)\s*(?:左右|吧|的样子|差不多)?\s*"
)
MIN_DAILY, MAX_DAILY = 30, 3000


@dataclass(frozen=True, slots=True)
class DailyPay:
    """A day rate, and the days worked in a month when the message says them."""

    per_day: int
    days: int | None

    @property
    def monthly(self) -> int | None:
        return self.per_day * self.days if self.days else None


def find_daily_pay(normalized: str) -> DailyPay | None:
    """The day rate in a message and, if stated, the days worked per month."""
    rate: int | None = None
    for amount in amounts(normalized):
        before = normalized[max(0, amount.start - _CUE_WINDOW) : amount.start]
        if _PER_DAY_BEFORE.search(before) or _PER_DAY_AFTER.match(normalized, amount.end):
            if MIN_DAILY <= amount.value <= MAX_DAILY:
                rate = amount.value
                break
    if rate is None:
        return None
    return DailyPay(rate, find_days_worked(normalized))


def find_days_worked(normalized: str) -> int | None:
    """Days worked in a month: 一个月干二十来天 -> 20, 每月25天, 半个月 -> 15."""
    match = _DAYS_WORKED.search(normalized)
    if match is None:
        # 干二十来天 alone, or as a part of its own beside the rate (一天三百 干二十来天: it asked the days again)
        parts = [normalized, *(p for p in re.split(r"[\s,，。;；]+", normalized) if p)]
        bare = next((found for part in parts if (found := _DAYS_ALONE.fullmatch(part))), None)
        text = bare.group(1) if bare else None
    else:
        text = "十五" if match.group("half") else match.group("days")
    if text is None:
        return None
    days = int(text) if text.isdigit() else parse_numeral(text)
    return days if days is not None and 1 <= days <= 31 else None


# Pay that swings (多的时候七千 少的时候四千) is recorded at its low end; 平均/一般 names the usual pay.
_SWINGS = re.compile(alternation("pay", "swings"))
_TYPICAL = re.compile(
    rf"(?:平均|一般|平常|平时|通常|大概|差不多|基本)(?:下来|每月|一个月|每个月)?[^\d{_CN}，。,]{{0,3}}$"
)


# What is left after costs (一个月七八千 除掉油钱五千多, 到手四千): what they take home, the form's monthly income.
_NET_BEFORE = re.compile(
    rf"(?:(?:除|扣|刨|减)(?:掉|去|除|了)[^\d{_CN}，。,]{{0,4}}|到手|净(?:挣|赚|落|剩)|剩(?:下)?|落(?:下|到手))"
    rf"[^\d{_CN}，。,]{{0,3}}$"
)


def find_monthly_pay(normalized: str) -> int | None:
    """The monthly pay a survey answer gives: what is left after costs when said (除掉油钱五千多), the usual
    figure when one is named (保底三千加提成 平均五千), the low end when it swings, else the first amount."""
    plausible = [
        amount for amount in amounts(normalized)
        if MIN_MONTHLY <= amount.value <= MAX_MONTHLY
        and not _PER_OTHER_AFTER.match(normalized, amount.end)
        and not _PER_OTHER_BEFORE.search(normalized[max(0, amount.start - _CUE_WINDOW) : amount.start])
    ]
    for amount in plausible[1:]:  # (a first amount is the figure the rest is taken from)
        if _NET_BEFORE.search(normalized[max(0, amount.start - _CUE_WINDOW) : amount.start]):
            return amount.value
    for amount in plausible:
        if _TYPICAL.search(normalized[max(0, amount.start - _CUE_WINDOW) : amount.start]):
            return amount.value
    if len(plausible) > 1 and _SWINGS.search(normalized):
        return min(amount.value for amount in plausible)
    return find_salary(normalized, require_context=False)
