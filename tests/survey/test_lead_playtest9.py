"""The lead's play-test of 2026-12-06 (second stop): a Weining steel fixer on a Kunming site, by SMS through the
survey (tests/survey/driver.py; each test failed on the code before its fix)."""

from __future__ import annotations

from datetime import date

import pytest

from dialogs import nlu
from dialogs.flows.survey.beside import job_said
from tests.survey.driver import Chat
from tests.survey.test_lead_playtest5 import _fire
from tests.survey.test_lead_playtest7 import _at_employer
from tests.survey.test_lead_playtest8 import _at_weekly
from tests.survey.test_playtest_round2 import registering
from tests.survey.test_talking_as_people_type import consented


def _at_work_place() -> Chat:
    chat = consented("sms")
    for text in ["杨德富", "520526196803154418", "是", "不知道", "威宁县草海镇新发村", "在昆明工地上干活 钢筋工"]:
        chat.say(text)
    assert chat.awaiting == "work_place"
    return chat


@pytest.mark.parametrize("text", ["搞钢筋", "在昆明工地上搞钢筋", "搞钢筋的", "弄钢筋"])
def test_doing_the_steel_is_a_steel_fixer(text: str) -> None:
    assert job_said(text, at_job_question=True) == "钢筋工"


@pytest.mark.parametrize(("text", "employer"), [("包工头姓李", "李包工头"), ("跟着李包工头", "李包工头"),
                                                ("工头是王", "王工头"), ("老板姓刘", "刘老板")])
def test_the_foreman_named_at_the_work_place_is_whom_they_work_for(text: str, employer: str) -> None:
    chat = _at_work_place()
    replies = chat.say(text)
    assert chat.answers.get("employer") == employer, replies
    assert "work_place" not in chat.answers or chat.answers["work_place"] is None, chat.answers
    assert chat.awaiting == "work_place"  # where, asked again


def test_a_day_rate_at_the_employer_question_is_no_employer_and_its_days_are_asked_at_the_pay() -> None:
    chat = _at_employer()
    chat.say("一天300")
    assert "employer" not in chat.answers and chat.awaiting == "employer"
    for text in ["李老板", "没有", "今年三月"]:
        chat.say(text)
    assert chat.awaiting == "monthly_income"
    assert chat.answers["employer"] == "李老板"
    chat.say("25天左右")
    assert chat.answers["monthly_income"] == 7500


def test_a_day_rate_at_the_work_place_question_is_no_address() -> None:
    chat = _at_work_place()
    chat.say("一天300")
    assert chat.answers.get("work_place") in (None, ""), chat.answers
    while chat.awaiting != "monthly_income":
        chat.say({"employer": "李包工头", "employer_contact": "没有", "started": "今年三月"}.get(chat.awaiting or "",
                                                                                                "不知道"))
    chat.say("25天")
    assert chat.answers["monthly_income"] == 7500


@pytest.mark.parametrize("channel", ["sms", "wechat"])
def test_choices_then_words_at_the_registrations_help_question_take_both(channel: str) -> None:
    chat = registering(channel)
    for text in ["上周五", "老板跑了", "没交"]:
        chat.say(text)
    assert chat.awaiting == "wants_services"
    replies = chat.say("1 5 离家近点的")  # it was "请回复数字", twice, then the stuck note
    registration = chat.state["registration"]
    assert registration["answers"]["wants_services"] == ["job_referral", "public_welfare"], replies
    assert registration["phase"] == "done"
    assert chat.answers["preferred_scope"] == "home_county"  # the words: work near home


@pytest.mark.parametrize("text", ["县里有个工地喊我 下礼拜一去", "有个厂要我了 过两天去"])
def test_a_workplace_that_took_them_on_at_the_weekly_checkin_is_work_found(text: str) -> None:
    """They were "没太明白, 请回复数字" at "最近找工作有进展吗?"."""
    chat = _at_weekly()
    chat.say(text)
    assert [e.data.get("answer") for e in chat.kinds("checkin_answered")][-1] == "found_job"
    assert chat.answers["employment_status"] == "employed"


@pytest.mark.parametrize("text", ["工地不喊我了", "有个厂不要我"])
def test_a_workplace_that_did_not_take_them_is_no_work_found(text: str) -> None:
    assert nlu.understand(text, date(2027, 1, 4)).intent != "employed"


@pytest.mark.parametrize(("text", "employer"), [
    ("包工头姓张", "张包工头"), ("老板姓刘", "刘老板"), ("是王老板", "王老板"), ("刘老板", "刘老板"),
])
def test_the_boss_named_by_surname_at_the_employer_question_is_as_the_form_writes_it(text: str, employer: str) -> None:
    chat = _at_employer()
    chat.say(text)
    assert chat.answers["employer"] == employer  # 包工头姓张 was kept as typed


def test_the_checkin_asks_after_the_foreman_as_a_person() -> None:
    chat = _at_employer()
    for text in ["包工头姓张", "不知道", "今年九月", "6000", "打零工", "没有", "有", "按时", "0"]:
        chat.say(text)
    chat.later(days=14)
    replies = _fire(chat, "checkin", 1, employer=chat.answers["employer"], work_place="贵阳")
    assert any("张包工头那里上班吗" in reply for reply in replies), replies  # was "在贵阳的张包工头上班吗"
