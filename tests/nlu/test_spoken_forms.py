"""How people say numbers, times and places when they type as they talk (issue 13): our own examples."""

from __future__ import annotations

import datetime

import pytest

from dialogs.nlu import parse_id_number, parse_month, parse_phone, parse_salary, resolve_place, understand

TODAY = datetime.date(2026, 12, 4)  # lunar 2026-10-15; the next Spring Festival is 2027-02-06


@pytest.mark.parametrize(
    ("text", "phone"),
    [
        ("一五九 八七六五 四三二一", "+8615987654321"),
        ("我的号是幺三九零零零零零零零一", "+8613900000001"),
        ("１５９八七六五四三二一", "+8615987654321"),  # full-width digits, then characters
        ("l59 8765 4321", "+8615987654321"),
        ("I3900000001", "+8613900000001"),
        ("13900OO0001", "+8613900000001"),
    ],
)
def test_phones_in_characters_or_look_alike_letters(text: str, phone: str) -> None:
    assert parse_phone(text) == phone


def test_spelled_digits_leave_amounts_words_and_ids_alone() -> None:
    assert understand("一个月三千五 干了两三年", TODAY).entities.salary == 3500
    assert understand("ok 好的", TODAY).intent == "affirm"
    assert parse_phone("一二三四五") is None  # too short to be anything
    assert parse_id_number("52052619900315123l") is None  # a letter where the check character goes


@pytest.mark.parametrize(
    ("text", "sense", "month"),
    [
        ("前年腊月进的厂", "past", "2025-01"),  # lunar 2024-12 runs from 2024-12-31
        ("去年腊月底", "past", "2026-02"),
        ("腊月", "past", "2026-02"),
        ("腊月", "future", "2027-01"),
        ("正月十五以后", "future", "2027-02"),
        ("过完年就能去", "future", "2027-02"),
        ("年后", "future", "2027-02"),
        ("今年开春来的", "past", "2026-03"),  # 2026's Lantern Festival was 3 March
        ("明年开春", "future", "2027-02"),
        ("上礼拜刚进去", "past", "2026-11"),
        ("前天才去的", "past", "2026-12"),
        ("十天前", "past", "2026-11"),
        ("3月", "past", "2026-03"),
        ("3月", "future", "2027-03"),
        ("两年后", "future", None),  # years, not the New Year holiday
    ],
)
def test_months_in_the_sense_the_question_needs(text: str, sense: str, month: str | None) -> None:
    assert parse_month(text, TODAY, sense) == month  # type: ignore[arg-type]


def test_days_date_news_but_not_chit_chat_and_festivals_are_dated() -> None:
    assert understand("前天被老板辞了", TODAY).entities.date == "2026-12"
    assert understand("今天好热", TODAY).entities.date is None  # a day said in chit-chat dates nothing
    assert understand("上个礼拜", TODAY).entities.date == "2026-11"  # … but a day said alone answers "when"
    assert understand("过完年想出去打工", TODAY).entities.date == "2027-02"  # the holiday's end: ahead
    assert understand("国庆过后合同到期 人家没续", TODAY).entities.date == "2026-10"
    assert understand("在威宁县城的超市当收银员 两千五一个月", TODAY).entities.date is None  # 五一 inside an amount
    assert understand("工资年底一起结 平时只给生活费", TODAY).entities.date is None  # a payment term
    assert parse_month("前年腊月", TODAY) == "2025-01"  # a lunar month is a month


def test_a_month_in_a_january_before_the_spring_festival() -> None:
    january = datetime.date(2027, 1, 20)  # still lunar 2026
    assert parse_month("过完年", january, "future") == "2027-02"
    assert parse_month("腊月", january, "past") == "2027-01"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("在东管上班", "4419"),
        ("深川", "4403"),
        ("广洲白云区", "440111"),
        ("在shenzhen做保安", "4403"),
        ("去NingBo打工", "3302"),
    ],
)
def test_place_typos_and_pinyin(text: str, code: str) -> None:
    place = resolve_place(text)
    assert place is not None and place.code == code


def test_pinyin_only_as_a_whole_word() -> None:
    assert resolve_place("xianzai zai jia") is None  # xian (西安) inside xianzai


@pytest.mark.parametrize(
    ("text", "sense", "month"),
    [
        ("清明节以后", "past", "2026-04"),
        ("端午前", "past", "2026-06"),  # the Dragon Boat Festival of 2026 is 19 June
        ("国庆之前", "past", "2026-09"),
        ("去年中秋", "past", "2025-10"),  # 6 October 2025
        ("24年底", "past", "2024-12"),
        ("22年过完年", "past", "2022-02"),
        ("旧年八月", "past", "2025-08"),  # 旧年 is last year in Cantonese and Hakka
        ("暑假", "past", "2026-07"),
        ("元旦以后", "future", "2027-01"),
    ],
)
def test_festivals_and_years_said_as_numbers(text: str, sense: str, month: str) -> None:
    assert parse_month(text, TODAY, sense) == month  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "pay"),
    [
        ("底薪两千五 平均下来四千", 4000),  # the usual figure
        ("忙的时候六千 闲的时候三千", 3000),  # pay that swings: its low end
        ("两千三千都行", 2000),  # two amounts typed together
    ],
)
def test_monthly_pay_as_people_put_it(text: str, pay: int) -> None:
    assert parse_salary(text) == pay


def test_whose_news_and_what_if() -> None:
    mine = understand("我儿子失业了 我还在厂里上班", TODAY)
    assert mine.intent == "employed" and mine.status == "employed"
    assert understand("我跟老婆都被辞了", TODAY).status == "job_lost"  # the speaker is among them
    assert understand("要是厂子关门了咋办", TODAY).status is None  # what if: no news
    assert understand("谁说我失业了 天天上班呢", TODAY).intent == "employed"
    closed = understand("厂子关了 工资也没结", TODAY)
    assert closed.intent == "rights_issue" and closed.status == "job_lost"  # unpaid wages, and a closing
