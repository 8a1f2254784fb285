"""How long the unemployment benefit lasts for the person who asks: by the years they say they paid ("我交了五年社保
能领多久", "交了3年了 失业金能拿几个月", "社保交了十几年" right after the benefit's answer) or told the registration
(`insured_years`), by the rule of the Social Insurance Law art. 46 (at least 1 year; 12 months for 1 to under 5
years, 18 for 5 to under 10, 24 for 10 or more). The general table answers only who told us nothing."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from dialogs import nlu
from dialogs.nlu.numerals import parse_numeral
from dialogs.types import JsonDict, Outbound

BENEFIT_ENTRY = "unemployment_benefit"
MONTHS = "policy.benefit_months"  # 您交了5年, 失业金最长可领18个月 …
MONTHS_MORE = "policy.benefit_months_more"  # 您交了10年以上 … (十几年, 五年多)
TOO_SHORT = "policy.benefit_too_short"  # 交了半年: not yet a year
CATALOG_KEYS = frozenset({MONTHS, MONTHS_MORE, TOO_SHORT})

# A number of years as typed: 5, 3.5, 五, 十五, 两, 十几 / 十多 / 二十几 (ten and more), 三四 (three or four).
_NUMBER = r"(?:\d+(?:\.\d+)?|[一二两三四五六七八九十几多]{1,4}|半)"
_SPAN = rf"(?P<n>{_NUMBER})\s*(?:个)?\s*(?P<unit>年半|年多|多年|年头|年)"
_ABOUT = r"(?:有|都|快|差不多|大概|将近|了|过|的|满|足|够)*"
_INSURANCE = r"(?:社保|失业保险|失业险|保险|五险一金|五险|养老保险)"
# Paying said with the years (交了五年社保, 缴了8年, 社保交了十几年, 买了三年保险), not 干了五年 (years of work).
_PAID = re.compile(
    rf"(?:(?:交|缴|买|上|参保)(?:了|过)?{_INSURANCE}?"
    rf"|{_INSURANCE}(?:都|也|已经|一共|总共)?(?:交|缴|买|上)(?:了|过)?){_ABOUT}{_SPAN}"
)
# How long (能领多久, 能拿几个月, 领多长时间, 可以领多少个月, 领几个月).
_HOW_LONG = re.compile(r"(?:领|拿|发|给)(?:到)?(?:多久|多长(?:时间)?|几个月|多少个?月)|多久|几个月|多少个月|多长时间")
# Not the unemployment benefit: the pension or medical cover (交了十五年社保 退休能领多少).
_OTHER_MONEY = re.compile(r"养老|退休|医保|看病|报销|公积金|低保")
_BENEFIT = re.compile(r"失业(?:金|保险|险|补助|补贴|待遇)")


@dataclass(frozen=True, slots=True)
class Paid:
    """Years paid as said: `years` (the lower bound), `more` when more than that (十几年, 五年多, 三四年)."""

    years: float
    more: bool = False


def longest_months(years: float) -> int:
    """Art. 46: 12 months for 1 to under 5 years, 18 for 5 to under 10, 24 for 10 or more."""
    if years >= 10:
        return 24
    if years >= 5:
        return 18
    return 12


def paid_years(text: str) -> Paid | None:
    """The years of contributions a message tells (交了五年社保: 5), or None (none said, or a range that
    straddles a step of the rule: 四五年)."""
    said = unicodedata.normalize("NFKC", nlu.normalize(text))
    found = _PAID.search(said)
    if found is None:
        return None
    number, unit = found.group("n"), found.group("unit")
    more = unit in ("年多", "多年")
    if number == "半":
        if unit != "年":
            return None
        low = high = 0.5
    elif number[0].isdigit():
        low = high = float(number)
    elif number.endswith(("几", "多")):
        base = parse_numeral(number[:-1]) if number[:-1] else None
        if base is None or base % 10:
            return None  # 几年: how many is not said
        low, high, more = float(base), float(base + 9), True
    elif len(number) == 2 and "十" not in number:
        pair = [parse_numeral(c) for c in number]  # 三四年: three or four
        if pair[0] is None or pair[1] is None or pair[1] != pair[0] + 1:
            return None
        low, high, more = float(pair[0]), float(pair[1]), True
    else:
        value = parse_numeral(number)
        if value is None:
            return None
        low = high = float(value)
    if unit == "年半":
        low, high = low + 0.5, high + 0.5
    if longest_months(low) != longest_months(high) or (low < 1 <= high):
        return None
    return Paid(low, more)


def known_years(state: Mapping[str, Any]) -> Paid | None:
    """The years told the registration (open or done), unless it says they were not insured."""
    registration = state.get("registration")
    answers = registration.get("answers") if isinstance(registration, dict) else None
    if not isinstance(answers, dict) or answers.get("insured") == "no":
        return None
    years = answers.get("insured_years")
    if isinstance(years, int | float) and not isinstance(years, bool) and years >= 0:
        return Paid(float(years))
    return None


def topic(state: Mapping[str, Any]) -> str | None:
    memory = state.get("policy_topic")
    entry = memory.get("entry") if isinstance(memory, dict) else None
    return entry if isinstance(entry, str) else None


def asked(state: Mapping[str, Any], text: str, about_benefit: bool = False) -> Paid | None:
    """The years to answer with when the message asks how long the benefit lasts for the speaker (or tells the
    years right after the benefit's answer); None when it does not. `about_benefit`: the caller knows the
    question is about the benefit (the catalogue found it)."""
    if _OTHER_MONEY.search(text):
        return None
    told = paid_years(text)
    how_long = _HOW_LONG.search(text) is not None
    benefit = about_benefit or _BENEFIT.search(text) is not None or topic(state) == BENEFIT_ENTRY
    if told is not None and (how_long or benefit):
        return told  # 我交了五年社保 能领多久; 交了3年了 失业金能拿几个月; 社保交了十几年 (after the answer)
    if told is None and how_long and benefit:
        return known_years(state)  # 失业金能领多久, with the years told the registration
    return None


def asks_how_long(text: str) -> bool:
    return _HOW_LONG.search(text) is not None


def is_question(state: Mapping[str, Any], text: str) -> bool:
    """How long for their years, asked however it is put (交了3年了 失业金能拿几个月: no question word the readers
    know), or the years told right after the benefit's answer (社保交了十几年); not the years told as an answer to
    something else (失业保险交了三年 at the wages question)."""
    # (The two cheap tests first: `asked` reads the years, and most messages ask neither.)
    return (asks_how_long(text) or topic(state) == BENEFIT_ENTRY) and asked(state, text) is not None


def _number(years: float) -> str:
    return str(int(years)) if float(years).is_integer() else f"{years:g}"


def too_short(paid: Paid) -> bool:
    return paid.years < 1 and not paid.more


def message(paid: Paid) -> Outbound:
    if too_short(paid):
        return Outbound(key=TOO_SHORT, params={"years": _number(paid.years)})
    return Outbound(key=MONTHS_MORE if paid.more else MONTHS,
                    params={"years": _number(paid.years), "months": longest_months(paid.years)})


def remember(state: JsonDict, messages: int) -> None:
    """The benefit is the topic now: 那在哪领 next is answered from its entry."""
    state["policy_topic"] = {"entry": BENEFIT_ENTRY, "messages": messages}
