"""talk12: wrong answers left by the last stop, as laborers type them (tests/survey/driver.py; each test failed on
the code before its fix)."""

from __future__ import annotations

from datetime import date

import pytest

from dialogs import nlu
from dialogs.flows import english
from tests.survey.driver import Chat
from tests.survey.test_lead_playtest6 import _at_status
from tests.survey.test_lead_playtest8 import _at_checkin
from tests.survey.test_lead_playtest11 import _at
from tests.survey.test_talking_as_people_type import consented


def _at_notice(channel: str = "wechat", first: str = "你好") -> Chat:
    chat = Chat(channel=channel, address="13985001234" if channel == "sms" else "u1")
    chat.say(first)
    chat.say("1")
    assert chat.awaiting == "consent"
    return chat


@pytest.mark.parametrize("channel", ["wechat", "sms"])
def test_a_name_at_the_notice_is_greeted_and_kept_only_once_they_agree(channel: str) -> None:
    """我叫杨丽 at the privacy notice got only 请回复 1 同意: now greeted by name and told it is recorded once they
    agree; the form holds nothing until then, and nothing on a refusal."""
    chat = _at_notice(channel)
    replies = chat.say("我叫杨丽")
    assert replies[0].startswith("杨丽您好") and "同意后" in replies[0]
    assert chat.awaiting == "consent" and chat.answers == {}
    refused = _at_notice(channel)
    refused.say("我叫杨丽")
    refused.say("2")
    assert refused.answers == {} and "pending_facts" not in (refused.state or {}).get("survey", {})
    chat.say("1")
    assert chat.answers["name"] == "杨丽"


def test_five_at_the_chinese_notice_is_english() -> None:
    """5 (the menu's "5. English") at the Chinese privacy notice, from an English speaker who typed 1 first: it was
    请回复 1 同意; now the notice again, in English."""
    chat = _at_notice(first="hello")
    replies = chat.say("5")
    assert chat.state is not None and chat.state["locale"] == "en"
    assert replies[-1].startswith("To record your work") and chat.awaiting == "consent"
    chat.say("1")
    assert chat.awaiting == "name"


def test_what_is_left_after_costs_is_the_monthly_income() -> None:
    """一个月七八千 除掉油钱五千多 was recorded 7000: what they take home (the net) is the form's monthly income."""
    assert nlu.parse_salary("一个月七八千 除掉油钱五千多") == 5000
    assert nlu.parse_salary("一个月八千 扣掉吃住到手六千") == 6000
    assert nlu.parse_salary("七八千吧") == 7000
    chat = _at("employer", "官渡区")
    for text in ["宏达运输", "不知道", "货车司机", "2019年3月"]:
        chat.say(text)
    chat.say("一个月七八千 除掉油钱五千多")
    assert chat.answers["monthly_income"] == 5000


def test_a_question_about_piecework_at_the_summary_of_someone_unable_is_no_work() -> None:
    """是计件的吗 at the summary of someone recorded unable to work recorded them as working."""
    chat = _at_status()
    chat.say("腿脚不行了")
    assert chat.awaiting == "summary"
    chat.say("是计件的吗")
    assert chat.answers["employment_status"] == "unable" and chat.awaiting == "summary"
    assert nlu.understand("是计件的吗", date(2026, 12, 6)).status is None
    assert nlu.understand("在厂里上班 你们能帮我吗", date(2026, 12, 6)).status == "employed"


def test_asking_whether_someone_takes_people_to_guangdong_is_no_work_there() -> None:
    """去广东打工有人带不 at the status question recorded work in 广东 and asked the address there."""
    chat = _at_status()
    chat.say("去广东打工有人带不")
    assert "employment_status" not in chat.answers and "work_division" not in chat.answers
    assert chat.awaiting == "employment_status"


def test_a_fall_at_work_and_care_refused_is_a_rights_matter() -> None:
    """在工地摔了 老板不给看病 only started the survey (摔了 was no injury): the injury goes to a caseworker."""
    assert english.injured("在工地摔了 老板不给看病") and english.injured("从架子上摔下来了")
    assert not english.injured("手机摔坏了")
    chat = Chat()
    chat.say("你好")
    replies = chat.say("在工地摔了 老板不给看病")
    assert chat.kinds("rights_issue_reported") and "受伤" in replies[0]


@pytest.mark.parametrize("text", ["不是", "不对", "不是这个号"])
def test_no_at_is_this_your_number_asks_for_the_number(text: str) -> None:
    """不是 at the SMS "is it the number you text from?" repeated the question."""
    chat = consented("sms")
    for said in ["杨德富", "520526196803154418"]:
        chat.say(said)
    assert chat.awaiting == "phone"
    replies = chat.say(text)
    assert replies == ["好的, 请输入您自己的11位手机号, 比如: 13812345678。"]
    chat.say("13985001235")
    assert chat.answers["phone"] == "+8613985001235"


def test_a_name_typed_at_the_sms_menu_starts_the_registration() -> None:
    """王小红 at the SMS menu got 没太明白: the privacy notice, the name greeted and held until they agree."""
    chat = Chat(channel="sms", address="13985001234")
    chat.say("你好")
    replies = chat.say("王小红")
    assert chat.awaiting == "consent" and replies[0].startswith("王小红您好")
    chat.say("1")
    assert chat.answers["name"] == "王小红" and chat.awaiting == "id_number"


@pytest.mark.parametrize("text", ["李湾", "王家寨", "张家沟"])
def test_a_village_is_no_name(text: str) -> None:
    """李湾 (a village: 李 is a surname) was taken as a name."""
    assert nlu.find_name(f"{text} ") is None
    chat = consented("sms")
    chat.say(text)
    assert "name" not in chat.answers and chat.awaiting == "name"


def test_dont_know_again_at_the_employer_leaves_it_blank() -> None:
    """A herder (给人放羊) has no firm: 不知道 at the employer question was answered with the hint, again and again."""
    chat = _at("employer", "官渡区")
    chat.say("不知道")
    assert chat.awaiting == "employer"
    replies = chat.say("不知道")
    assert replies[0] == "好的, 单位先空着, 以后知道了再告诉我们。"
    assert chat.answers["employer"] is None and chat.answers["employer_contact"] is None
    assert chat.awaiting == "job_type"


def test_no_fixed_place_of_work_is_the_city() -> None:
    """A driver's 没有固定地方 满城跑 was stored as the address as said: the city is the place of work."""
    chat = _at("work_place")
    chat.say("没有固定地方 满城跑")
    assert chat.answers["work_place"] == "云南省昆明市内, 地点不固定" and chat.awaiting == "employer"


def test_a_vehicle_impounded_is_work_on_hold() -> None:
    """车被扣了 现在跑不了了 at a check-in was "没太明白, 请回复数字"."""
    chat = _at_checkin()
    chat.say("车被扣了 现在跑不了了")
    assert [e.data.get("answer") for e in chat.kinds("checkin_answered")] == ["on_hold"]


@pytest.mark.parametrize("text", ["在家照顾老人 闲了做点手工活", "在家带孩子 有空做点手工"])
def test_handwork_beside_caring_for_family_is_home_based_work(text: str) -> None:
    """闲了做点手工活 said beside caring for family was lost (recorded: cannot work). The form allows it as work at
    home (灵活就业/居家就业): working, the handwork the job, the home the place."""
    chat = _at_status()
    chat.say(text)
    assert chat.answers["employment_status"] == "employed" and chat.answers["job_type"] == "手工"
    assert chat.awaiting == "work_division"
    chat.say("在家")
    assert chat.answers["work_division"] == chat.answers["home_division"]
