"""The lead's play-test of 2026-12-06 (fifth stop): a woman from 威宁县 who left a restaurant in 贵阳 to see her child
to school, on WeChat (tests/survey/driver.py; each test failed on the code before its fix)."""

from __future__ import annotations

import pytest

from dialogs import nlu
from dialogs.nlu.answers import YesNo
from tests.survey.driver import Chat
from tests.survey.test_lead_playtest8 import _at_checkin
from tests.survey.test_talking_as_people_type import consented

# Unemployed, wanting work in the home county: the service needs are asked next.
_TO_SERVICE_NEEDS = ["陈兰", "520526198104123427", "13985102233", "威宁 草海镇 大桥村", "不晓得", "2", "1", "县城"]


def _at(question: str, *answers: str) -> Chat:
    chat = consented("wechat")
    for text in [*_TO_SERVICE_NEEDS, *answers]:
        chat.say(text)
    assert chat.awaiting == question
    return chat


@pytest.mark.parametrize(("text", "number"), [
    ("好嘛 1", "1"), ("1 好的", "1"), ("嗯 选2", "2"), ("2吧", "2"), ("我选3", "3"), ("那就2", "2"), ("行 2", "2"),
    ("3", "3"),
])
def test_an_option_number_with_a_yes_around_it_is_the_option(text: str, number: str) -> None:
    assert nlu.picked_number(text) == number


@pytest.mark.parametrize("text", ["好 3年", "1 看孙子", "不要 1", "不选 1", "2020"])
def test_words_that_say_more_than_yes_leave_the_number_alone(text: str) -> None:
    assert nlu.picked_number(text) is None


def test_a_menu_number_with_a_yes_opens_that_entry() -> None:
    """好嘛 1 at the menu was 没太明白."""
    chat = Chat(channel="wechat")
    chat.say("你好")
    assert chat.awaiting == "menu"
    chat.say("好嘛 1")
    assert chat.awaiting == "consent"


def test_an_option_number_with_a_particle_answers_a_multi_choice_question() -> None:
    """1吧 at the service needs was not taken (and 就业意愿 was said back instead)."""
    chat = _at("service_needs")
    replies = chat.say("1吧")
    assert chat.answers["service_needs"] == ["job_referral"]
    assert chat.awaiting == "desired_jobs", replies


def test_an_option_number_with_a_yes_answers_a_single_choice_question() -> None:
    chat = consented("wechat")
    for text in _TO_SERVICE_NEEDS[:5]:
        chat.say(text)
    assert chat.awaiting == "employment_status"
    chat.say("嗯 选2")
    assert chat.answers["employment_status"] == "unemployed"


def test_jobs_named_at_the_service_needs_are_all_the_work_wanted() -> None:
    """洗碗 打扫卫生都可以 超市也行 at the service needs kept 洗碗 alone."""
    chat = _at("service_needs")
    chat.say("洗碗 打扫卫生都可以 超市也行")
    assert chat.answers["service_needs"] == ["job_referral"]
    assert chat.answers["desired_jobs"] == "洗碗、保洁、超市"
    assert chat.awaiting == "skills"


@pytest.mark.parametrize(("text", "skill"), [
    ("不会啥 就会做饭", "做饭"), ("没啥技术 会开车", "开车"), ("啥也不会 就会种地", "种地"), ("只会种地", "种地"),
])
def test_a_skill_said_after_no_skill_is_the_skill(text: str, skill: str) -> None:
    """不会啥 就会做饭 was referred to a caseworker as a question, 没啥技术 会开车 kept whole."""
    chat = _at("skills", "1", "洗碗")
    replies = chat.say(text)
    assert chat.answers["skills"] == skill
    assert chat.awaiting == "expected_income", replies
    assert not any("转给了" in reply for reply in replies)


def test_no_skill_alone_is_still_none() -> None:
    chat = _at("skills", "1", "洗碗")
    chat.say("不会啥")
    assert chat.answers.get("skills") is None and chat.awaiting == "expected_income"


# An SMS laborer of 商城县 at the status question.
_TO_STATUS = ["刘大海", "411524197403085510", "是", "没有", "商城县 双椿铺镇 刘湾村"]


def test_wages_owed_told_with_the_work_are_reported_and_the_work_taken() -> None:
    """在上海工地干活 包工头欠了三个月工资没给 at the status question recorded the work in 上海 and nothing else: the
    wages owed were lost (no rights case, no caseworker told)."""
    chat = consented("sms")
    for text in _TO_STATUS:
        chat.say(text)
    assert chat.awaiting == "employment_status"
    replies = chat.say("在上海工地干活 包工头欠了三个月工资没给")
    assert [e.data["issue"] for e in chat.events if e.kind == "rights_issue_reported"] == ["wage_arrears"]
    assert chat.answers["employment_status"] == "employed"
    assert chat.answers["work_division"]["name"] == "上海市"
    assert chat.awaiting == "work_place"
    assert "权益" in replies[0]


def test_wages_owed_told_alone_at_the_status_question_are_reported_once() -> None:
    chat = consented("sms")
    for text in _TO_STATUS:
        chat.say(text)
    chat.say("包工头欠了三个月工资没给")
    assert [e.kind for e in chat.events].count("rights_issue_reported") == 1
    assert chat.awaiting == "employment_status"


@pytest.mark.parametrize("text", ["没有 欠了三个月了", "没有,拖了两个月", "没 欠着呢"])
def test_a_no_then_the_months_owed_is_no(text: str) -> None:
    """没有 欠了三个月了 at 工资按时发吗 was read as 没有欠 (never owed): 工资按时: 是."""
    assert nlu.yes_no_reading(text, late_means_no=True) == YesNo(False)


@pytest.mark.parametrize("text", ["从来没拖过", "按时 没拖过", "没有欠"])
def test_never_owed_is_still_yes(text: str) -> None:
    assert nlu.yes_no_reading(text, late_means_no=True) == YesNo(True)


@pytest.mark.parametrize("text", ["还在 不过快完工了 过年回去就不来了", "过年回家就不出来了"])
def test_going_home_for_the_new_year_and_not_back_is_the_end_of_the_job_then(text: str) -> None:
    """还在 不过快完工了 过年回去就不来了 at a check-in was a pause ("停工、活少的时候不好过", rechecked in a week)."""
    chat = _at_checkin()
    replies = chat.say(text)
    assert replies[0].startswith("好的, 记下了: 这份活干到")
    assert not any("停工" in reply for reply in replies)
    assert [e.data["ends"] for e in chat.kinds("checkin_recheck")][-1] == "2027-02-05"  # the festival's eve


@pytest.mark.parametrize("text", ["商城县赤城街道 新街社区", "商城县城关镇 新街社区", "商城县 新街社区"])
def test_a_town_community_said_with_the_home_is_the_village(text: str) -> None:
    """商城县城关镇 新街社区 at the home question asked 您家在哪个村 (组)? next: a 社区 is a town's village."""
    chat = consented("wechat")
    for said in ["周美", "411524200109155527", "15936681122", "不知道"]:
        chat.say(said)
    assert chat.awaiting == "home_division"
    chat.say(text)
    assert chat.answers["home_division"]["code"].startswith("411524")
    assert chat.answers["home_village"] == "新街社区"
    assert chat.awaiting == "employment_status"


def _at_village() -> Chat:
    chat = consented("wechat")
    for said in ["周美", "411524200109155527", "15936681122", "不知道", "商城县"]:
        chat.say(said)
    assert chat.awaiting == "home_village"
    return chat


@pytest.mark.parametrize(("text", "village"), [("新街社区啊 刚说了", "新街社区"), ("石羊村嘛", "石羊村")])
def test_the_village_is_kept_without_what_is_said_around_it(text: str, village: str) -> None:
    """新街社区啊 刚说了 was stored as the village, 刚说了 and all."""
    chat = _at_village()
    chat.say(text)
    assert chat.answers["home_village"] == village


@pytest.mark.parametrize("text", ["刚说了", "不是说了吗", "说过了"])
def test_said_already_gets_an_apology_and_the_question_again(text: str) -> None:
    """不是说了吗 at the village question was referred to a caseworker as a question; 刚说了 stored as the village."""
    chat = _at_village()
    replies = chat.say(text)
    assert replies[0] == "抱歉, 刚才那句没能记下。再说一次:"
    assert "home_village" not in chat.answers and chat.awaiting == "home_village"
