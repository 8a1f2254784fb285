"""A job or training list by SMS (dialogs/flows/jobs.py): one message of at most two parts, the place said once
when every item shares it, long titles cut, the rest on the next page (回0看更多) numbered on, so that a number
picks the item it was shown with."""

from __future__ import annotations

import pytest

from dialogs.place_names import short_place_name
from dialogs.sms_text import MAX_PARTS, parts
from tests.jobs.test_dialog import GUARD, RANGER, WELDING, registered_chat

WEINING = {"place": "毕节市威宁彝族回族苗族自治县", "place_short": "威宁县"}
LONG = [GUARD | WEINING | {"ref": f"v{n}", "title": title}
        for n, title in enumerate(["威宁县草海镇建设路小区物业保安", "威宁县扶贫车间假发加工普工", "砖厂小工"], 20)]
SHENZHEN = GUARD | {"ref": "v30", "title": "电子厂普工", "place": "深圳市宝安区", "place_short": "深圳宝安区",
                    "salary_min": 4500, "salary_max": 6000,
                    "reasons": [{"key": "match.reason.transport_subsidy", "params": {}}]}


def test_a_list_of_three_in_one_county_is_one_message_naming_the_county_once() -> None:
    chat = registered_chat(jobs=[GUARD | WEINING, RANGER | WEINING, LONG[2]], channel="sms")
    [page] = chat.say("有啥活干")
    # (jobs21: one part of two items, the reasons and the footer's 报名 left to the details, 回0 for the third;
    # it was all three in two parts)
    assert page.splitlines() == [
        "为您找到这些工作, 都在威宁县:",
        "1.小区保安 2500-3200元/月",
        "2.生态护林员 1500元/月",
        "回序号看详情, 回0看更多",
    ]
    assert parts(page) == 1
    assert chat.say("3")[0].startswith("砖厂小工")


def test_places_that_differ_are_named_short_on_each_line() -> None:
    chat = registered_chat(jobs=[GUARD | WEINING, SHENZHEN], channel="sms")
    [page] = chat.say("有啥活干")
    assert "1.小区保安 威宁县 2500-3200元/月" in page and "2.电子厂普工 深圳宝安区 4500-6000元/月" in page
    assert "毕节市" not in page and "都在" not in page


@pytest.mark.parametrize("locale", ["zh_CN", "en"])
def test_a_list_too_long_for_two_parts_goes_on_with_0_and_numbers_go_on_with_it(locale: str) -> None:
    chat = registered_chat(jobs=[*LONG, SHENZHEN], channel="sms")
    assert chat.state is not None
    chat.state["locale"] = locale
    [page] = chat.say("有啥活干")
    numbers: list[str] = []
    while len(chat.kinds("jobs.match")) == 1:  # 0 shows the next page of the same list, then looks for others
        assert parts(page) <= MAX_PARTS and "威宁县" in page, page
        numbers += [line.split(".")[0] for line in page.splitlines()[1:-1]]
        [page] = chat.say("0")
    assert numbers == ["1", "2", "3"] and chat.kinds("jobs.match")[-1].data["exclude"] == ["v20", "v21", "v22"]
    assert len(chat.kinds("jobs.match")) == 2


def test_a_number_picks_the_item_it_was_shown_with_on_the_second_page() -> None:
    chat = registered_chat(jobs=[*LONG, SHENZHEN], channel="sms")
    [first] = chat.say("有啥活干")
    [second] = chat.say("0")
    n = second.splitlines()[1].split(".")[0]
    assert int(n) == first.count("\n")  # numbered on from the first page
    assert chat.say(n)[0].startswith(LONG[int(n) - 1]["title"])
    assert chat.say("1")[0].startswith(LONG[0]["title"])  # the first page's numbers still hold


def test_a_training_list_by_sms_fits_too() -> None:
    school = WELDING | {"ref": "t9", "title": "毕节技师学院 数控专业", "place": "毕节市", "place_short": "毕节市",
                        "subsidy": "免学费, 每年助学金2000元"}
    chat = registered_chat(jobs=[WELDING | WEINING, school], channel="sms")
    [page] = chat.say("想学个手艺")
    assert page.startswith("为您找到这些培训:") and parts(page) <= MAX_PARTS
    assert "2.毕节技师学院 数控…" in page and "毕节市" in page


def test_everyday_place_names() -> None:
    assert short_place_name("520526") == "威宁县"  # 威宁彝族回族苗族自治县
    assert short_place_name("440306") == "深圳宝安区"
    assert short_place_name("441900") == "东莞市" and short_place_name(None) == "" and short_place_name("99") == "99"


def test_on_wechat_zero_asks_for_others_and_the_list_is_unchanged() -> None:
    chat = registered_chat(jobs=[GUARD, RANGER, WELDING])
    replies = chat.say("有啥活干")
    assert len(replies) == 4 and replies[1].startswith("1. 小区保安 (威宁鑫安物业公司)")
    chat.say("0")
    assert len(chat.kinds("jobs.match")) == 2
