"""The lead's play-test of 2026-12-06 (sixth stop): a man from 威宁县 working in an electronics factory in 东莞, on
WeChat (tests/survey/driver.py; each test failed on the code before its fix unless called a guard)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from dialogs import nlu
from dialogs.flows.rights import form_rights_issues
from tests.survey.driver import Chat
from tests.survey.test_lead_playtest8 import _at_checkin
from tests.survey.test_talking_as_people_type import consented

# Employed in 东莞 (the work place, then the employer on the same line): the work address is asked next.
_TO_WORK_PLACE = ["刘德强", "520526198104122133", "13812345678", "不知道", "威宁 草海镇 新发村", "在外面打工",
                  "东莞长安镇 宏达电子厂"]


def _at(question: str, *answers: str) -> Chat:
    chat = consented("wechat")
    for text in [*_TO_WORK_PLACE, *answers]:
        chat.say(text)
    assert chat.awaiting == question, chat.awaiting
    return chat


def test_when_the_job_started_said_at_the_address_question_is_no_address() -> None:
    """今年3月份去的 at "具体的工作地址或工地?" was stored as the work address (and the start as well)."""
    chat = _at("work_place")
    chat.say("今年3月份去的")
    assert chat.answers.get("work_place") is None  # passed over, as after 去年来的
    assert chat.answers["started"] == "2026-03"


def test_insurance_said_at_the_job_question_is_no_job() -> None:
    """有社保 at "您做什么工作?" was stored as the job (工种: 有社保)."""
    chat = _at("job_type", "不知道", "不知道")
    chat.say("有社保")
    assert chat.awaiting == "job_type"
    assert "job_type" not in chat.answers
    chat.say("普工")
    assert chat.answers["job_type"] == "普工"


def test_a_job_with_its_insurance_beside_it_stays_the_job() -> None:
    """保安 有社保 at the job question was stored whole as the job."""
    chat = _at("job_type", "不知道", "不知道")
    chat.say("保安 有社保")
    assert chat.answers["job_type"] == "保安"


def _at_summary() -> Chat:
    return _at("summary", "园区三号门", "不知道", "普工", "今年3月", "四千", "1", "签了", "有", "按时")


def test_an_optional_answer_changed_to_dont_know_at_the_summary() -> None:
    """9 改成 不知道 at the summary asked the work address again instead of clearing it."""
    for text in ("9 改成 不知道", "工作地址改成不知道"):
        chat = _at_summary()
        replies = chat.say(text)
        assert chat.awaiting == "summary", replies
        assert chat.answers["work_place"] is None
        assert any("已改为" in reply for reply in replies)


def test_another_field_named_while_changing_one_changes_that_one() -> None:
    """工种是普工 while the work address was being changed was stored as the address."""
    chat = _at_summary()
    chat.say("9")
    assert chat.awaiting == "work_place"
    chat.say("工种是保安")
    assert chat.answers["job_type"] == "保安"
    assert chat.answers["work_place"] == "园区三号门"
    assert chat.awaiting == "summary"


def test_a_new_address_while_changing_it_is_the_address() -> None:
    """A guard: 园区五号门 after 9 is the new work address."""
    chat = _at_summary()
    chat.say("9")
    chat.say("园区五号门")
    assert chat.answers["work_place"] == "园区五号门"


def test_no_insurance_yet_in_a_job_begun_last_week_at_the_turn_of_the_month_is_too_early() -> None:
    """Told on 1 March of a job begun the week before (started: February), 还没交 opened a rights case at once."""
    chat = consented("wechat")
    chat.now = datetime(2027, 3, 1, 4, tzinfo=UTC)
    for text in [*_TO_WORK_PLACE, "园区三号门", "不知道", "普工", "上个月", "四千", "1", "签了", "还没交", "按时"]:
        chat.say(text)
    assert chat.answers["started"] == "2027-02"
    assert chat.answers["social_insurance"] == "no"
    told = "\n".join(chat.say("0"))
    assert "权益" not in told and "一个月内" in told, told
    [submitted] = chat.kinds("form_submitted")
    assert form_rights_issues(submitted.data["answers"], chat.ctx.today) == []  # what the effects open cases from


@pytest.mark.parametrize(("today", "started", "issues"), [
    (date(2027, 3, 1), "2027-03", []),
    (date(2027, 3, 1), "2027-02", []),
    (date(2027, 3, 10), "2027-02", []),
    (date(2027, 3, 11), "2027-02", ["no_social_insurance"]),  # a job begun in February may be six weeks old
    (date(2027, 3, 1), "2027-01", ["no_social_insurance"]),
    (date(2027, 1, 5), "2026-12", []),  # across the year
])
def test_when_no_insurance_is_too_early_to_be_an_issue(today: date, started: str, issues: list[str]) -> None:
    answers = {"employment_status": "employed", "employment_form": "migrant", "started": started,
               "social_insurance": "no"}
    assert form_rights_issues(answers, today) == issues


@pytest.mark.parametrize("text", ["还再干", "再岗", "现再还在"])
def test_the_in_typed_as_again_at_a_check_in_is_still_there(text: str) -> None:
    """还再干 (还在干, 在 typed as 再) at the check-in was 没太明白."""
    chat = _at_checkin()
    chat.say(text)
    assert [e.data.get("answer") for e in chat.kinds("checkin_answered")] == ["still_employed"]


@pytest.mark.parametrize("text", ["回老家了 不去了", "回来了 不去了"])
def test_gone_home_and_not_going_back_is_the_job_left(text: str) -> None:
    """回老家了 不去了 at the check-in was a new job at home (its work place asked): 不去了 is no 去了. (check16: given
    up for home, it asks first whether work is wanted, as 不干了 回家种地 does; 1, work wanted, is the job lost.)"""
    chat = _at_checkin()
    chat.say(text)
    assert not chat.kinds("checkin_answered") and chat.state["checkin"]["phase"] == "stay"
    chat.say("1")
    assert [e.data.get("answer") for e in chat.kinds("checkin_answered")] == ["job_lost"]
    assert chat.awaiting == "last_work_day"


def test_gone_to_a_new_factory_is_still_a_new_job() -> None:
    """A guard: 不干了 去了富士康 is a changed job."""
    assert nlu.understand("不干了 去了富士康", date(2026, 12, 6)).status == "changed_job"


_TO_VILLAGE = ["张秀兰", "520526198104122133", "1", "不晓得", "威宁县 哈喇河镇"]


@pytest.mark.parametrize("text", ["没有", "没", "没得", "木有"])
def test_a_bare_no_at_the_status_question_is_no_work(text: str) -> None:
    """没有 at "您现在的就业情况? 1在工作 2没有工作 3暂时不能工作" was 请回复数字 1、2 或 3 (seen by SMS by care13)."""
    chat = consented("sms")
    for answer in [*_TO_VILLAGE, "新发村"]:
        chat.say(answer)
    assert chat.awaiting == "employment_status"
    chat.say(text)
    assert chat.answers["employment_status"] == "unemployed"


def test_a_trade_at_the_village_question_is_no_village() -> None:
    """电焊 at "您家在哪个村 (组)?" was stored as the village (seen by SMS by care13)."""
    chat = consented("sms")
    for answer in _TO_VILLAGE:
        chat.say(answer)
    assert chat.awaiting == "home_village"
    chat.say("电焊")
    assert chat.awaiting == "home_village" and "home_village" not in chat.answers
    chat.say("张家沟")
    assert chat.answers["home_village"] == "张家沟"


@pytest.mark.parametrize("text", ["上个月的还没发", "老板说年底一起结", "这个月的还没给"])
def test_wages_unnamed_at_the_check_ins_wages_question_are_wages_not_on_time(text: str) -> None:
    """上个月的还没发 / 老板说年底一起结 at "工资按时足额发了吗? …" was 请回复数字."""
    chat = _at_checkin()
    chat.say("在岗")
    chat.say(text)
    assert [e.data.get("issue") for e in chat.kinds("rights_issue_reported")] == ["wage_arrears"]


@pytest.mark.parametrize(("text", "issue"), [("合同没给", "no_contract"), ("没给交社保", "no_social_insurance")])
def test_what_was_not_given_names_its_own_issue(text: str, issue: str) -> None:
    """A guard: 合同没给, 没给交社保 are the contract and the insurance, not the wages."""
    chat = _at_checkin()
    chat.say("在岗")
    chat.say(text)
    assert [e.data.get("issue") for e in chat.kinds("rights_issue_reported")] == [issue]


def test_nothing_happened_is_no_wages_owed() -> None:
    """A guard: 还在干 没发生啥事 at the check-in is still there, no report."""
    chat = _at_checkin()
    chat.say("还在干 没发生啥事")
    assert [e.data.get("answer") for e in chat.kinds("checkin_answered")] == ["still_employed"]
    assert chat.kinds("rights_issue_reported") == []


def test_a_number_typed_with_a_job_lost_is_not_kept_for_the_registration() -> None:
    """The words of a job lost before the form knew of work wait in the (unsealed) state for the registration:
    a phone typed with them must not."""
    chat = consented("wechat")
    for text in ["赵小红", "520526198104122133", "13812345678", "不知道"]:
        chat.say(text)
    assert chat.awaiting == "home_division"
    chat.say("上个月厂子倒闭了 有事打我另一个电话13987654321")
    assert "13987654321" not in repr(chat.state)
    assert chat.state["survey"]["job_lost"]["said"].startswith("上个月厂子倒闭了")
