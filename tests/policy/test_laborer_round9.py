"""Ninth round of a laborer's own words (2026-12-06): questions about the disabled, a family member's illness told
with the hardship, a job loss with insured years asked about the benefit, an unclear cancel, and work elsewhere after
the Spring Festival."""

from __future__ import annotations

import pytest

from tests.policy.test_follow_up import chat
from tests.survey.test_talking_as_people_type import consented, submitted


@pytest.mark.parametrize("asked", ["残疾人有啥补助", "俺是残疾人 有啥补贴", "残疾证咋办"])
def test_a_question_about_the_disabled_is_answered_and_records_nothing(asked: str) -> None:
    """"残疾人有啥补助" (no 吗: not taken as a question) recorded the person as unable to work and opened the survey."""
    c = chat()
    [answer] = c.say(asked)
    assert answer.startswith("【残疾人的补贴和帮扶】")
    assert "残联" in answer and "村委会" in answer
    assert not c.kinds("employment_status_changed") and not c.kinds("field_changed")
    assert (c.state or {}).get("flow") is None


def test_the_disabled_are_pointed_where_to_ask_and_never_told_an_amount() -> None:
    for channel in ("wechat", "sms"):
        c = chat(channel)
        if channel == "sms":
            c.address = "13985001234"
        [answer] = c.say("残疾人有啥补助")
        assert "残联" in answer and "元" not in answer and "待本县填写" not in answer


@pytest.mark.parametrize("said", ["我老婆生病了 家里困难", "俺娘住院了 家里实在困难"])
def test_a_family_members_illness_told_with_the_hardship_gets_one_kind_answer(said: str) -> None:
    """"我老婆生病了 家里困难" got the hardship note, then "抱歉, 没太明白" and the menu."""
    c = chat()
    replies = c.say(said)
    assert len(replies) == 1 and replies[0].startswith("家里有人生病, 您受累了。")
    assert "没太明白" not in replies[0]
    [alert] = c.kinds("human_requested")
    assert alert.data["reason"] == "hardship" and alert.data["said"] == said


def test_a_family_members_illness_with_a_wish_for_work_still_finds_work() -> None:
    c = chat()
    replies = c.say("俺娘住院了 家里实在困难 有活吗")
    assert replies[0] == "家里的难处我们记下了, 已告诉负责您的工作人员。"
    assert c.kinds("jobs.match")


def test_a_job_loss_with_insured_years_asked_about_the_benefit_is_answered_and_becomes_news() -> None:
    """"交了三年社保 被辞了 失业金咋领" was referred to the caseworker ("这个问题我们转给了…")."""
    c = chat()
    replies = c.say("交了三年社保 被辞了 失业金咋领")
    assert replies[0].startswith("【失业保险金 (失业金)】") and "最多领12个月" in replies[0]
    assert not c.kinds("question_referred")
    assert [e.data for e in c.kinds("employment_status_changed")][-1]["new"] == "unemployed"


def test_the_job_we_knew_of_lost_with_the_benefit_asked_opens_the_registration() -> None:
    c = consented()
    submitted(c)
    replies = c.say("交了三年社保 被辞了 失业金咋领")
    assert replies[0].startswith("【失业保险金 (失业金)】")
    assert (c.state or {}).get("flow") == "registration" and not c.kinds("question_referred")


@pytest.mark.parametrize("asked", ["要是被辞了 失业金能领不"])
def test_a_job_loss_only_supposed_gets_the_benefit_answer_and_changes_nothing(asked: str) -> None:
    c = chat()
    [answer] = c.say(asked)
    assert answer.startswith("【失业保险金 (失业金)】")
    assert not c.kinds("employment_status_changed") and not c.kinds("question_referred")


@pytest.mark.parametrize("said", ["取消吧", "取消", "那就取消吧。", "退出"])
def test_a_cancel_naming_nothing_asks_what_to_cancel_and_stops_nothing(said: str) -> None:
    """"取消吧" at idle opted the person out of everything (您已退订, 不会再收到推送消息)."""
    c = chat()
    [asked] = c.say(said)
    assert asked.startswith("您想取消什么?") and "退订" in asked and "人工" in asked
    assert not c.kinds("opted_out") and not (c.state or {}).get("opted_out")


@pytest.mark.parametrize("said", ["TD", "退订", "别发了", "取消推送"])
def test_a_stop_that_says_what_stops_at_once(said: str) -> None:
    c = chat()
    c.say(said)
    assert c.kinds("opted_out") and (c.state or {}).get("opted_out")


def test_after_the_cancel_question_unsubscribe_stops() -> None:
    c = chat("sms")
    c.address = "13985001234"
    c.say("取消吧")
    c.say("退订")
    assert c.kinds("opted_out")


@pytest.mark.parametrize("asked", ["我想问下 过年回来还能不能去别的地方干", "过年回来还能去别的地方干不",
                                   "换个地方干行不"])
def test_whether_one_may_work_elsewhere_is_answered_not_referred(asked: str) -> None:
    """"我想问下 过年回来还能不能去别的地方干" went to the caseworker (这个问题我们转给了…)."""
    c = chat()
    [answer] = c.say(asked)
    assert answer.startswith("【换个地方干活】") and "可以" in answer and "有啥活干" in answer
    assert not c.kinds("question_referred") and not c.kinds("employment_status_changed")


@pytest.mark.parametrize("asked", ["去浙江打工路费报不报", "去上海打工有补助吗"])
def test_a_province_named_is_the_cross_province_subsidy(asked: str) -> None:
    """"去浙江打工路费报不报" was referred (浙江 an unknown word; 广东 was known from the catalogue's own question)."""
    c = chat()
    [answer] = c.say(asked)
    assert answer.startswith("【跨省务工交通补助】") and not c.kinds("question_referred")


@pytest.mark.parametrize("asked", ["残疾证咋办", "残疾人有啥补助"])
def test_a_question_about_the_disabled_in_the_survey_is_answered_and_the_question_asked_again(asked: str) -> None:
    """At the name question, "残疾证咋办" recorded the person as unable to work (知道了, 您现在暂时不能工作)."""
    c = consented()
    waiting = c.awaiting
    replies = c.say(asked)
    assert any("残联" in reply for reply in replies) and c.awaiting == waiting
    assert "employment_status" not in c.answers and not c.kinds("employment_status_changed")


@pytest.mark.parametrize("said", ["取消报名", "报名的那个取消吧", "取消报名要咋弄"])
def test_cancelling_an_application_goes_to_the_caseworker_and_stops_nothing(said: str) -> None:
    """"报名的那个取消吧" opted the person out of every message; "取消报名" started a job search."""
    c = chat()
    [told] = c.say(said)
    assert told.startswith("好的, 您要取消报名, 已转告负责您的工作人员")
    [alert] = c.kinds("human_requested")
    assert alert.data["reason"] == "cancel_application" and alert.data["said"] == said
    assert not c.kinds("opted_out") and not c.kinds("jobs.match")
