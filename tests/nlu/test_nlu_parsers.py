"""Field parsers used by the survey dialog: salary, month, phone, resident ID, yes/no, employer."""

from __future__ import annotations

import datetime
from collections.abc import Callable

import pytest

from dialogs.nlu import (
    IdInfo,
    id_number_info,
    id_number_problem,
    parse_amount,
    parse_employer,
    parse_id_number,
    parse_month,
    parse_phone,
    parse_salary,
    parse_yes_no,
    understand,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("三千五", 3500),
        ("4500元/月", 4500),
        ("5k", 5000),
        ("3.5k", 3500),
        ("一万二", 12000),
        ("四千多", 4000),
        ("五六千", 5000),
        ("两千八", 2800),
        ("４５００", 4500),
        ("一个月四千五百", 4500),
        ("四千五百一个月", 4500),  # the 一 of 一个月 is not part of the amount
        ("4000-5000", 4000),
        ("6-7千", 6000),
        ("3千5", 3500),
        ("1万2", 12000),
        ("八千来块", 8000),
        ("不知道", None),
        ("", None),
        ("一个月", None),
        ("十五", None),  # too small to be a monthly wage
        ("一天两百", None),  # daily pay is no monthly salary
        ("一个小时20块", None),
        ("到手4200", 4200),
    ],
)
def test_parse_salary(text: str, expected: int | None) -> None:
    assert parse_salary(text) == expected


@pytest.mark.parametrize(
    ("text", "amount", "salary"),
    [
        ("50元", 50, None),  # an amount, too small for a monthly wage: the survey says so
        ("十五", 15, None),
        ("一天两百", 200, None),  # an amount, but per day
        ("4500", 4500, 4500),
        ("三千五", 3500, 3500),
        ("不知道", None, None),  # no amount at all
        ("3月", None, None),
        ("13812345678", None, None),  # a phone number is no amount
    ],
)
def test_parse_amount_tells_small_amounts_from_no_amount(text: str, amount: int | None, salary: int | None) -> None:
    assert parse_amount(text) == amount
    assert parse_salary(text) == salary


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("上个月", "2026-10"),
        ("上上个月", "2026-09"),
        ("这个月", "2026-11"),
        ("下个月", "2026-12"),
        ("3月份", "2026-03"),
        ("三月", "2026-03"),
        ("12月", "2025-12"),  # later than November: last year
        ("去年年底", "2025-12"),
        ("今年年初", "2026-01"),
        ("去年3月", "2025-03"),
        ("明年3月", "2027-03"),
        ("两个月前", "2026-09"),
        ("2024年5月", "2024-05"),
        ("25年8月份", "2025-08"),
        ("2025-08", "2025-08"),
        ("去年初去的广东", "2025-01"),
        ("年初开始上班的", "2026-01"),
        ("前年", None),
        ("一个月", None),
        # 初中 / 初三 are school years, 中专 a school: no month.
        ("今年初三 想读技校", None),
        ("明年初中毕业", None),
        ("今年中专毕业", None),
        ("13月", None),
        ("随便", None),
    ],
)
def test_parse_month(text: str, expected: str | None, today: datetime.date) -> None:
    assert parse_month(text, today) == expected


def test_parse_month_across_new_year() -> None:
    assert parse_month("上个月", datetime.date(2027, 1, 5)) == "2026-12"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("13812345678", "+8613812345678"),
        ("138 1234 5678", "+8613812345678"),
        ("138-1234-5678", "+8613812345678"),
        ("+86 138 1234 5678", "+8613812345678"),
        ("0086 13812345678", "+8613812345678"),
        ("１３８１２３４５６７８", "+8613812345678"),
        ("电话：13812345678", "+8613812345678"),
        ("1381234567", None),  # 10 digits
        ("12812345678", None),  # 12x is no mobile prefix
        ("138123456789", None),  # 12 digits
        ("0857-6231234", None),  # landline
        ("没有", None),
    ],
)
def test_parse_phone(text: str, expected: str | None) -> None:
    assert parse_phone(text) == expected


def test_parse_id_number_valid(synthetic_id: Callable[..., str]) -> None:
    number = synthetic_id("520526", "19900315", "123")
    assert parse_id_number(number) == number
    assert parse_id_number(f"身份证号：{number}，谢谢") == number
    assert parse_id_number(f"{number[:6]} {number[6:14]} {number[14:]}") == number


def test_parse_id_number_lowercase_x(synthetic_id: Callable[..., str]) -> None:
    number = next(
        candidate
        for sequence in range(100, 1000)
        if (candidate := synthetic_id("520526", "19900315", str(sequence))).endswith("X")
    )
    assert parse_id_number(number.lower()) == number


def _wrong_check(number: str) -> str:
    return number[:17] + ("0" if number[17] != "0" else "1")


def test_parse_id_number_invalid(synthetic_id: Callable[..., str]) -> None:
    assert parse_id_number(_wrong_check(synthetic_id())) is None
    assert parse_id_number(synthetic_id(birth="19901301")) is None  # month 13
    assert parse_id_number(synthetic_id(birth="19900230")) is None  # 30 February
    assert parse_id_number(synthetic_id()[:17]) is None
    assert parse_id_number("没有身份证") is None


def test_id_number_problem(synthetic_id: Callable[..., str]) -> None:
    assert id_number_problem(synthetic_id()) is None
    assert id_number_problem("52052619900315") == "length"
    assert id_number_problem("") == "length"
    assert id_number_problem(_wrong_check(synthetic_id())) == "check_digit"
    assert id_number_problem(synthetic_id(birth="19901301")) == "birth_date"


def test_id_number_problem_reports_the_date_before_the_check_digit(synthetic_id: Callable[..., str]) -> None:
    # Both wrong: the impossible date is what the person can see and correct.
    for birth in ("19901301", "19900230", "19900431"):
        assert id_number_problem(_wrong_check(synthetic_id(birth=birth))) == "birth_date"


def test_id_number_problem_on_a_grouped_number(synthetic_id: Callable[..., str]) -> None:
    number = _wrong_check(synthetic_id())
    assert id_number_problem(f"{number[:6]} {number[6:14]} {number[14:]}") == "check_digit"
    assert id_number_problem(f"身份证 {number[:6]} {number[6:14]} {number[14:17]}") == "length"


# IDs typed in groups: 6-8-4 as printed on the card, 4-4-4-4-2, dashes, several spaces, em dashes.
@pytest.mark.parametrize(
    "layout",
    [
        "{a} {b} {c}",
        "{a}-{b}-{c}",
        "{a}  {b}   {c}",
        "{a}—{b}—{c}",
        "{a} - {b} - {c}",
        "{n4}",
        "身份证：{a} {b} {c}，谢谢",
    ],
)
def test_parse_id_number_grouped(layout: str, synthetic_id: Callable[..., str]) -> None:
    # A 199x birth date: its digits after the region code read as a 199… mobile if taken apart.
    number = synthetic_id("513431", "19990221", "018")
    text = layout.format(
        a=number[:6], b=number[6:14], c=number[14:], n4=" ".join(number[i : i + 4] for i in range(0, 18, 4))
    )
    assert parse_id_number(text) == number
    assert parse_phone(text) is None


def test_id_digits_never_make_a_phone(synthetic_id: Callable[..., str]) -> None:
    number = synthetic_id("500242", "19911002", "100")
    grouped = f"{number[:6]} {number[6:14]} {number[14:]}"
    # Valid, invalid, or a digit short: no part of an ID-like run is a phone.
    assert parse_phone(grouped) is None
    wrong = _wrong_check(number)
    assert parse_phone(f"{wrong[:6]} {wrong[6:14]} {wrong[14:]}") is None
    assert parse_phone(f"{number[:6]} {number[6:14]} {number[14:17]}") is None
    assert parse_phone(f"身份证 {number[:6]} {number[6:14]} {number[14:17]} 谢谢") is None


def test_id_and_phone_in_one_message(synthetic_id: Callable[..., str], today: datetime.date) -> None:
    number = synthetic_id("513431", "19990221", "018")
    grouped = f"{number[:6]} {number[6:14]} {number[14:]}"
    for text in (
        f"身份证 {grouped}，电话+8613698574120",
        f"身份证 {grouped} 电话 136 9857 4120",
        f"{grouped} 13698574120",  # one run: the ID, then a phone typed as a phone
        f"13698574120 {number}",
    ):
        found = understand(text, today).entities
        assert (found.id_number, found.phone) == (number, "+8613698574120"), text
    # A mistyped ID (a digit short) next to a phone: the phone, and nothing from the ID's digits.
    short = f"{number[:6]} {number[6:14]} {number[14:17]} 13698574120"
    assert understand(short, today).entities.phone == "+8613698574120"
    assert understand(short, today).entities.id_number is None


def test_id_number_info(synthetic_id: Callable[..., str]) -> None:
    assert id_number_info(synthetic_id(sequence="123")) == IdInfo(datetime.date(1990, 3, 15), "male")
    assert id_number_info(synthetic_id(sequence="124")) == IdInfo(datetime.date(1990, 3, 15), "female")
    assert id_number_info(_wrong_check(synthetic_id())) is None
    assert id_number_info(synthetic_id(birth="19901301")) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("是", True),
        ("对", True),
        ("嗯", True),
        ("好的", True),
        ("可以", True),
        ("不是", False),
        ("没有", False),
        ("不", False),
        ("否", False),
        ("莫得", False),
        # Answers about the contract, insurance and wages, bare or with their subject.
        ("签了", True),
        ("交了", True),
        ("发了", True),
        ("按时发", True),
        ("合同签了的", True),
        ("社保交了", True),
        ("没签", False),
        ("没交", False),
        ("没发", False),
        ("拖着", False),
        ("工资经常拖", False),
        ("社保没交", False),
        ("对 电话没变", True),  # a yes said first keeps its meaning
        # Cantonese / Hakka: 係 (系 after t2s) is 是, 唔係 is 不是.
        ("係", True),
        ("係呀", True),
        ("唔係", False),
        ("唔要", False),
        ("不是这个", False),
        ("1", None),
        ("我在东莞上班", None),
    ],
)
def test_parse_yes_no(text: str, expected: bool | None) -> None:
    assert parse_yes_no(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("在东莞长安镇的电子厂上班", "电子厂"),
        ("富士康", "富士康"),
        ("在比亚迪", "比亚迪"),
        ("在張老闆的磚廠幹活", "張老闆的磚廠"),  # quoted as written
        ("在深圳华强电子有限公司上班", "深圳华强电子有限公司"),
        ("在惠州ＴＣＬ上班", "ＴＣＬ"),
        ("当普工", None),
        ("做保安", None),
        ("在工地", None),
        ("在工厂上班", None),
        ("进厂了", None),
        ("在佛山那个家具厂", "家具厂"),  # 家 starts a word here; it does not end the modifier
        ("在干洗店帮忙", "干洗店"),
        ("跟着老乡的装修队干", "老乡的装修队"),
        ("在村口的快递站上班", "快递站"),
        ("我在我舅的汽修店", "我舅的汽修店"),
        ("在一家小超市", "超市"),
        ("换厂了 新厂在无锡", None),  # 新厂 says which, not what kind
        ("自己开了个小卖部", None),  # a business the person runs
        # Dialect possessives used as 的: a place before them is dropped, a person kept.
        ("在温州瓯海嘞眼镜厂", "眼镜厂"),
        ("在贵阳花溪哩饭店", "饭店"),
        ("在我姐嘞超市帮忙", "我姐嘞超市"),
        ("在滴滴开车", None),  # 滴滴 is a name, not a possessive
        # Determiners, classifiers and collective pronouns say which one, not what kind.
        ("在一間五金廠", "五金廠"),
        ("在那座砖厂搬砖", "砖厂"),
        ("在咱们镇卫生院当护工", "卫生院"),
        ("在他们村的养殖场", "养殖场"),
        ("俺们厂倒闭了", None),
        # Names: after a naming verb, a family's workplace, a registered name with no workplace noun.
        ("新单位叫恒通物流有限公司", "恒通物流有限公司"),
        ("在老李家饭馆打杂", "老李家饭馆"),
        ("在刘家砖厂", "刘家砖厂"),
        ("在张家港的电子厂", "电子厂"),  # 张家港 is a city, not the Zhang family
        ("我从华强电子辞职了", "华强电子"),
        ("在东莞永盛五金上班", "永盛五金"),
        ("去了豪威科技", "豪威科技"),
        ("在一家电子厂上班", "电子厂"),  # the 家 of 一家, though 家电 is a word
        ("在这家电器厂", "电器厂"),
        ("在小家电厂", "小家电厂"),
        ("在深圳做电子", None),  # a trade, not a name
        ("在学校学电子", None),
        # Kin and acquaintances own the workplace too; where it is (家门口, 镇上) is no part of it.
        ("在我二叔的砖厂帮忙", "我二叔的砖厂"),
        ("去我表姐的奶茶店上班了", "我表姐的奶茶店"),
        ("在邻居的超市上班", "邻居的超市"),
        ("在我大舅哥的修车铺帮忙", "我大舅哥的修车铺"),
        ("给我叔家的养殖场干活", "我叔家的养殖场"),
        ("在铺里帮忙", None),
        ("在镇上砖厂搬砖", "砖厂"),
        ("村口扶贫车间招人吗", "扶贫车间"),
        ("在家门口的食品厂", "食品厂"),
        # 喺 is Cantonese 在; 一间 a determiner.
        ("喺佛山一间家具厂做嘢", "家具厂"),
        # A company said by its trade after a place is a kind, not a registered name.
        ("在昆山周市电子公司上班", "电子公司"),
        ("在东莞物流公司开车", "物流公司"),
        ("新单位叫深圳华强物流有限公司", "深圳华强物流有限公司"),
    ],
)
def test_parse_employer(text: str, expected: str | None) -> None:
    assert parse_employer(text) == expected
