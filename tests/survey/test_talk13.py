"""talk13 (2026-12-06): answers left wrong by earlier play-testing (tests/survey/driver.py; each test failed on the
code before its fix unless it says it is a guard)."""

from __future__ import annotations

import pytest

from tests.survey.driver import Chat
from tests.survey.test_talking_as_people_type import consented

# An SMS or WeChat laborer of 商城县 up to the status question (the phone: WeChat types it, SMS confirms the sender).
_IDENTITY = ["刘大海", "411524197403085510", "13912345678", "没有", "商城县 双椿铺镇 刘湾村"]


def _at_status(channel: str) -> Chat:
    chat = consented(channel)
    chat.jobs = []
    for text in _IDENTITY:
        chat.say("是" if channel == "sms" and text.startswith("139") else text)
    assert chat.awaiting == "employment_status"
    return chat


@pytest.mark.parametrize("channel", ["wechat", "sms"])
def test_a_job_lost_before_we_knew_it_is_registered_then_the_survey_goes_on(channel: str) -> None:
    """上个月厂子倒闭了 现在没活干 at the first survey's status question was recorded unemployed and nothing else: no
    unemployment registration, no benefit answer, no case. Now the registration, the month said taken (only its
    day asked), the reason not asked; then the survey's questions, the jobs at the form's end."""
    chat = _at_status(channel)
    replies = chat.say("上个月厂子倒闭了 现在没活干")
    assert chat.answers["employment_status"] == "unemployed"
    assert chat.state is not None and chat.state["flow"] == "registration"
    assert chat.awaiting == "last_work_day"
    assert "10月" in replies[-1]  # the day of last month, not the whole date again
    chat.say("10月底")
    assert chat.awaiting == "insured"  # the reason was said: not asked
    chat.say("交过")
    chat.say("3年")
    assert chat.awaiting == "wants_services"
    replies = chat.say("1")
    [submitted] = chat.kinds("registration.submit")
    assert submitted.data["job_loss_reason"] == "employer_closed"
    assert submitted.data["last_work_day"] == "2026-10-31"
    assert submitted.data["benefit_likely"]
    assert any("R7" in reply for reply in replies)
    assert any("李书记" in reply for reply in replies)
    assert chat.state["flow"] == "survey"
    assert chat.answers["willing_to_work"] == "yes" and chat.answers["service_needs"] == ["job_referral"]
    assert chat.awaiting == "preferred_scope"
    assert not chat.kinds("jobs.match")  # nothing talks over the survey's questions
    for text in ["本县", "保安", "没有", "三千", "随时"]:
        chat.say(text)
    assert chat.awaiting == "summary"
    chat.say("0")
    assert chat.kinds("form_submitted") and len(chat.kinds("registration.submit")) == 1


@pytest.mark.parametrize("channel", ["wechat", "sms"])
def test_the_boss_gone_before_consent_is_registered_once_the_form_is_that_far(channel: str) -> None:
    """老板跑路了 我没活干了 as the first message: recorded unemployed at consent, and no registration ever came."""
    chat = Chat(channel=channel, address="+8613912345678" if channel == "sms" else "u1")
    if channel == "wechat":
        chat.event("subscribe")
    chat.say("老板跑路了 我没活干了")
    chat.say("同意")
    for text in _IDENTITY:
        chat.say("是" if channel == "sms" and text.startswith("139") else text)
    assert chat.state is not None and chat.state["flow"] == "registration"
    assert chat.state["registration"]["answers"]["job_loss_reason"] == "employer_closed"
    assert chat.awaiting == "last_work_day"


@pytest.mark.parametrize("text", ["2", "没有工作", "在家带娃 没上班"])
def test_no_work_without_a_job_lost_opens_no_registration(text: str) -> None:
    """Guard: out of work with no job said to be lost is the survey's unemployed branch, as before."""
    chat = _at_status("wechat")
    chat.say(text)
    assert chat.state is not None and chat.state.get("flow") == "survey"
    assert "registration" not in chat.state


def _at_home(channel: str) -> Chat:
    chat = consented(channel)
    for text in _IDENTITY[:4]:
        chat.say("是" if channel == "sms" and text.startswith("139") else text)
    assert chat.awaiting == "home_division"
    return chat


@pytest.mark.parametrize("channel", ["wechat", "sms"])
def test_a_township_the_county_does_not_have_is_said_and_asked_again(channel: str) -> None:
    """商城县城关镇 (商城县 has no 城关镇: today 赤城街道 and 鲇鱼山街道) recorded 商城县 and dropped the town without a
    word. Now it is said, the nearest township offered, and the township asked with the village."""
    chat = _at_home(channel)
    replies = chat.say("商城县城关镇")
    assert chat.answers["home_division"]["code"] == "411524"
    assert any("城关镇" in reply and "赤城街道" in reply for reply in replies)
    assert chat.awaiting == "home_village"
    chat.say("赤城街道 刘湾村")
    assert chat.answers["home_division"]["code"] == "411524001"
    assert chat.answers["home_village"] == "刘湾村"


def test_a_township_not_found_told_with_the_village_is_said_too() -> None:
    chat = _at_home("sms")
    replies = chat.say("商城县城关镇刘湾村")
    assert any("城关镇" in reply for reply in replies)
    assert chat.answers["home_village"] == "刘湾村" and chat.awaiting == "employment_status"


@pytest.mark.parametrize("text", ["商城县 双椿铺镇", "商城县", "商城县 老家乡下"])
def test_a_township_found_or_none_said_is_taken_as_before(text: str) -> None:
    """Guard: nothing is said of a township found, or of words that name none."""
    chat = _at_home("wechat")
    replies = chat.say(text)
    assert not any("没找到" in reply for reply in replies)


@pytest.mark.parametrize("text", [
    "过年不回去了", "今年过年不回家了", "过年不回了 留厂里", "不回家过年了", "过年在这边过",
])
def test_staying_at_work_over_the_spring_festival_is_still_at_the_job(text: str) -> None:
    """过年不回去了 at "您还在…上班吗?" was 没太明白 (不回家过年了 was even read as home for the holiday)."""
    from tests.survey.test_lead_playtest8 import _at_checkin

    chat = _at_checkin()
    chat.say(text)
    assert [e.data.get("answer") for e in chat.kinds("checkin_answered")] == ["still_employed"]


def test_home_for_the_festival_is_still_not_back_yet() -> None:
    """Guard: 回家过年了 is the holiday at home, as before."""
    from tests.survey.test_lead_playtest8 import _at_checkin

    chat = _at_checkin()
    chat.say("回家过年了")
    assert [e.data.get("answer") for e in chat.kinds("checkin_answered")] == ["not_back_yet"]
