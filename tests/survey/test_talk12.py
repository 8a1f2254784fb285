"""talk12: wrong answers left by the last stop, as laborers type them (tests/survey/driver.py; each test failed on
the code before its fix)."""

from __future__ import annotations

from datetime import date

import pytest

from dialogs import nlu
from dialogs.flows import english
from tests.survey.driver import Chat
from tests.survey.test_lead_playtest6 import _at_status
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
