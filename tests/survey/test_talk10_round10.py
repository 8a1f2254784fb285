"""Stop 10 (talk10): wrong answers the last stop left, each reproduced in the pure dialog (tests/survey/driver.py);
each test failed on the code before its fix."""

from __future__ import annotations

import pytest

from dialogs import nlu
from dialogs.flows.survey.beside import job_said
from tests.survey.driver import Chat
from tests.survey.test_lead_playtest6 import _at_status
from tests.survey.test_lead_playtest9 import _at_work_place
from tests.survey.test_talking_as_people_type import consented


def _at_notice(channel: str) -> Chat:
    chat = Chat(channel=channel, address="+8613912345678" if channel == "sms" else "u1")
    if channel == "wechat":
        chat.event("subscribe")
    else:
        chat.say("我要登记")
    assert chat.awaiting == "consent"
    return chat


# -- consent -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("channel", ["wechat", "sms"])
@pytest.mark.parametrize("text", ["没得", "没有", "莫得", "没得嘛"])
def test_a_bare_nothing_at_the_consent_question_asks_it_again_plainly(channel: str, text: str) -> None:
    """"没得" (没有 in Guizhou and Sichuan speech) at "您同意吗?" was taken as a refusal: "我们不会登记您的证件信息"."""
    chat = _at_notice(channel)
    replies = chat.say(text)
    assert not chat.kinds("consent_refused") and chat.awaiting == "consent", replies
    assert replies[0].startswith("您是同意登记, 还是不同意?"), replies
    chat.say("1")
    assert chat.kinds("consent_given") and chat.awaiting == "name"


@pytest.mark.parametrize("text", ["不同意", "2", "不想登记"])
def test_a_clear_refusal_at_the_consent_question_still_refuses(text: str) -> None:
    chat = _at_notice("wechat")
    chat.say(text)
    assert chat.kinds("consent_refused") and chat.awaiting is None


# -- the job and the work address --------------------------------------------------------------------------


def test_a_job_and_a_day_rate_at_the_work_address_are_no_address() -> None:
    """"碎砖的 一天一百五" at "具体的工作地址或工地?" stored the address "碎砖的"."""
    chat = consented("sms")
    for text in ["杨德富", "520526196803154418", "是", "不知道", "威宁县草海镇新发村", "在昆明砖厂干活"]:
        chat.say(text)
    assert chat.awaiting == "work_place"
    chat.say("碎砖的 一天一百五")
    assert chat.answers.get("work_place") is None and chat.answers["job_type"] == "碎砖", chat.answers
    while chat.awaiting != "monthly_income":
        chat.say({"employer_contact": "没有", "started": "今年三月"}.get(chat.awaiting or "", "不知道"))
    chat.say("25天")  # the day rate said at the address, its days asked at the pay
    assert chat.answers["monthly_income"] == 3750


def test_a_job_and_a_day_rate_at_the_work_address_with_the_job_known_ask_the_address_again() -> None:
    chat = _at_work_place()
    chat.say("碎砖的 一天一百五")
    assert chat.answers.get("work_place") is None and chat.awaiting == "work_place", chat.answers


@pytest.mark.parametrize(("text", "job"), [("给人放羊", "放羊"), ("帮人放牛", "放牛"), ("在家给人放羊", "放羊"),
                                           ("碎砖的", "碎砖")])
def test_work_done_for_someone_is_the_work_not_the_someone(text: str, job: str) -> None:
    """"给人放羊" was stored as the job "给人放羊"."""
    assert nlu.find_job_type(text) == job


def test_herding_for_someone_at_the_status_question_is_the_job_herding() -> None:
    chat = _at_status()
    chat.say("给人放羊")
    assert chat.answers["employment_status"] == "employed" and chat.answers["job_type"] == "放羊"


def test_a_job_said_with_its_pay_at_the_job_question_is_the_job() -> None:
    assert job_said("碎砖的", at_job_question=True) == "碎砖"
