"""play23 (2026-12-08): a season by SMS as 廖建国, 47, of 岳池县, a rebar worker on a site in 成都 paid by the
day: short messages with no punctuation, Sichuan words (莫得, 晓得, 跟到, 点工) (tests/survey/driver.py; each test
failed on the code before its fix unless called a guard)."""

from __future__ import annotations

from datetime import date

import pytest

from dialogs import nlu
from tests.fakes.identity import make_id
from tests.survey.driver import Chat
from tests.survey.test_lead_playtest5 import _fire
from tests.survey.test_talking_as_people_type import consented

LIAO_ID = make_id("511621", date(1979, 3, 12), 131)
# What he answers, by the question open, up to the summary.
_SAYS = {"name": "廖建国", "id_number": LIAO_ID, "phone": "1", "household_id": "莫得", "home_division": "岳池县石垭镇",
         "home_village": "花园村三组", "employment_status": "在成都工地上做钢筋", "work_place": "郫都区",
         "employer": "王老板", "employer_contact": "莫得", "started": "今年三月", "monthly_income": "七千多",
         "employment_form": "1", "contract_signed": "没签", "social_insurance": "莫得", "wages_on_time": "按时"}


def _liao_at(field: str | None) -> Chat:
    """His SMS chat with the question `field` open (None: the form saved)."""
    chat = consented("sms")
    chat.jobs = []
    for _ in range(30):
        if chat.awaiting == field:
            return chat
        chat.say("0" if chat.awaiting == "summary" else _SAYS[str(chat.awaiting)])
    raise AssertionError(chat.awaiting)


# -- 1. wages "莫得按时" (not on time) were saved as on time ----------

@pytest.mark.parametrize("text", ["莫得按时", "没得按时", "冒得按时发", "莫得按时发"])
def test_wages_not_on_time_in_sichuan_words_are_not_on_time(text: str) -> None:
    """"莫得按时" (Sichuan for 没有按时) at "工资按时足额发放吗?" was saved as 是 (按时 read, its 莫得 not): the wages
    owed were hidden from the form. Now 否."""
    chat = _liao_at("wages_on_time")
    chat.say(text)
    assert chat.answers["wages_on_time"] == "no" and chat.awaiting == "summary"


@pytest.mark.parametrize("text", ["两个月没给了", "拖起的 两个月没给了", "工钱还没结"])
def test_wages_not_given_are_not_on_time(text: str) -> None:
    """"两个月没给了" at the wages question was "请回复 1 按时, 或 2 不按时": now 否."""
    chat = _liao_at("wages_on_time")
    chat.say(text)
    assert chat.answers["wages_on_time"] == "no"


@pytest.mark.parametrize("text", ["按时", "按时的", "没有拖过", "从来没有没给过", "没有不按时的", "都发了"])
def test_wages_on_time_still_are(text: str) -> None:
    """按时, 没有拖过, 都发了 are guards; "从来没有没给过" and "没有不按时的" (never late, said with two negations) were
    否 or asked again: now 是."""
    chat = _liao_at("wages_on_time")
    chat.say(text)
    assert chat.answers["wages_on_time"] == "yes"


# -- 2. "不晓得 郫都区那边" at the address kept the 不晓得 ----------

@pytest.mark.parametrize(("text", "place"), [("不晓得 郫都区那边", "郫都区"), ("不知道，郫都区那边", "郫都区"),
                                             ("不知道 就在郫都区", "郫都区"), ("具体不清楚 犀浦那边", "犀浦")])
def test_not_knowing_the_address_before_the_place_is_the_place(text: str, place: str) -> None:
    """"不晓得 郫都区那边" at "具体的工作地址或工地?" saved the address "不晓得 郫都区那边": now 郫都区 (具体不清楚
    犀浦那边 is a guard; the place without 那边 since talk23's "在厚街那边" fix, merged beside it)."""
    chat = _liao_at("work_place")
    chat.say(text)
    assert chat.answers["work_place"] == place and chat.awaiting == "employer"


def test_not_knowing_the_address_alone_is_no_address() -> None:
    """A guard: "不晓得" alone leaves the address empty."""
    chat = _liao_at("work_place")
    chat.say("不晓得")
    assert chat.answers["work_place"] is None and chat.awaiting == "employer"


# -- 3. "跟到包工头做的 姓王": 跟到 is Sichuan for 跟着 ----------

@pytest.mark.parametrize("text", ["跟到包工头做的 姓王", "跟到王包工头", "跟着包工头干 姓王"])
def test_following_a_boss_in_sichuan_words_names_the_boss(text: str) -> None:
    """"跟到包工头做的 姓王" at "您在哪个单位或老板那里干?" saved the employer as typed ("跟到王包工头" too): now
    王包工头, as "跟着包工头干 姓王" was."""
    chat = _liao_at("employer")
    chat.say(text)
    assert chat.answers["employer"] == "王包工头"


# -- 4. "点工" (day labour) at the form of work ----------

@pytest.mark.parametrize("text", ["点工", "做点工的", "打点工", "临时工"])
def test_day_labour_is_flexible_work(text: str) -> None:
    """"点工" at "您是哪种就业方式?" was "请回复数字 1 到 5" (打零工 was read): now 灵活就业."""
    chat = _liao_at("employment_form")
    chat.say(text)
    assert chat.answers["employment_form"] == "flexible" and chat.awaiting == "contract_signed"


# -- 5. "钱还是拖起的" at the check-in's wages question ----------

@pytest.mark.parametrize("text", ["钱还是拖起的", "钱一直拖着", "钱还是拖起的 合同社保都莫得"])
def test_the_money_still_held_back_at_the_checkin_is_wages_owed(text: str) -> None:
    """"在" at the fourteen-day check-in, then "钱还是拖起的" (Sichuan: the money is still held back) at "工资按时足额
    发了吗? 签了合同、交了社保吗?": "请回复数字" and no case. Now a wages report to his caseworker."""
    chat = _liao_at(None)
    chat.later(days=14)
    _fire(chat, "checkin", 1, employer="王老板", work_place="郫都区")
    chat.say("在")
    assert chat.awaiting == "checkin"
    chat.say(text)
    assert chat.kinds("rights_issue_reported") and chat.answers["wages_on_time"] == "no" and chat.awaiting is None


# -- 6. "拖起的 两个月没给了": months of pay not given, the pay unsaid ----------

@pytest.mark.parametrize("field", ["employer_contact", "employment_form"])
def test_months_not_paid_during_the_survey_is_a_wages_report(field: str) -> None:
    """"拖起的 两个月没给了" during the survey was "电话好像不对" (at the employer's phone) or "请回复数字 1 到 5": the
    wages owed went unheard. Now a report to his caseworker, and the question asked again."""
    chat = _liao_at(field)
    chat.say("拖起的 两个月没给了")
    assert chat.kinds("rights_issue_reported") and chat.awaiting == field


def test_months_not_paid_before_consent_is_heard() -> None:
    """"拖起的 两个月没给了" as his first SMS was "抱歉, 没太明白您的意思" and the menu: now where to turn, and the
    notice."""
    chat = Chat(channel="sms", address="+8613981234567")
    replies = chat.say("拖起的 两个月没给了")
    assert any("12333" in reply for reply in replies) and chat.awaiting == "consent"


@pytest.mark.parametrize("text", ["两个月没给我打电话", "两个月没给我"])
def test_months_without_a_call_are_no_wages_report(text: str) -> None:
    """A guard: months without a call are no wages report."""
    assert nlu.understand(text, date(2026, 12, 8)).intent != "rights_issue"


def test_still_at_it_in_sichuan_words_answers_the_checkin() -> None:
    """"在做起的" (Sichuan: still at it) at "您还在郫都区的王老板那里上班吗?" was "没太明白, 请回复数字": now still
    there, and the wages question follows."""
    chat = _liao_at(None)
    chat.later(days=14)
    _fire(chat, "checkin", 1, employer="王老板", work_place="郫都区")
    chat.say("在做起的")
    assert [e.data.get("answer") for e in chat.kinds("checkin_answered")] == ["still_employed"]
